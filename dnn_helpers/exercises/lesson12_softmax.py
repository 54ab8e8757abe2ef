"""Lesson 12's exercises: softmax and compute_multiclass_cost, with scores near 1000 among the inputs."""

import numpy as np

from .. import activations, cost
from ..data import one_hot
from .inputs import make_rng
from .record import ErrorAdvice, Exercise, Mistake

LESSON = 12
NOTEBOOK = "12_softmax.ipynb"


def _softmax_cases(seed):
    Z = make_rng(seed).normal(scale=3, size=(4, 5))
    return [((Z,), "Z of shape (4, 5): 4 classes, 5 examples"),
            ((np.array([[1000.0, -3.0], [999.0, 0.0], [998.0, 2.0]]),), "Z with a column of scores near 1000")]


def _multiclass_cost_cases(seed):
    rng = make_rng(seed)
    AL = activations.softmax(rng.normal(size=(4, 5)))
    Y = one_hot(np.array([0, 3, 1, 3, 2]), 4)
    saturated = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    return [((AL, Y), "AL (4, 5) from a softmax, one-hot Y"),
            ((saturated, one_hot(np.array([0, 2]), 3)), "AL with exact 0 where the label is")]


def _softmax_over_rows(Z):
    """The softmax of Z (C, m) normalised along the examples instead of the classes."""
    shifted = np.exp(Z - Z.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _wrong_multiclass_cost(divide_by="m", sign=1.0, eps=None):
    """The cross-entropy of AL (C, m) divided by C or C * m, with a flipped sign, or clipped at a fixed eps."""

    def wrong(AL, Y):
        A = np.clip(AL, eps, 1 - eps) if eps else cost.clip_probabilities(AL)
        total = -sign * np.sum(Y * np.log(A))
        return float(total / {"m": Y.shape[1], "C": Y.shape[0], "Cm": Y.size}[divide_by])

    return wrong


def _multiclass_with_binary_term(AL, Y):
    A = cost.clip_probabilities(AL)
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / Y.shape[1])


EXERCISES = (
    Exercise(
        "softmax", activations.softmax, _softmax_cases,
        mistakes=(
            Mistake("the sums run along the wrong axis: each column (one example) must sum to 1, so sum over "
                    "axis=0 with keepdims=True.", _softmax_over_rows),
            Mistake("the exponentials are never normalised: divide by each column's sum, "
                    "exp_Z / exp_Z.sum(axis=0, keepdims=True), so that every column sums to 1.",
                    lambda Z: np.exp(Z - Z.max(axis=0, keepdims=True))),
            Mistake("the sum runs over every entry: each column (one example) is normalised on its own, "
                    "exp_Z.sum(axis=0, keepdims=True).",
                    lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum()),
        ),
        error_advice=(
            ErrorAdvice(FloatingPointError, "overflow",
                        "np.exp of a large score overflowed: subtract each column's maximum first, "
                        "np.exp(Z - Z.max(axis=0, keepdims=True)); it changes nothing else."),
        ),
    ),
    Exercise(
        "compute_multiclass_cost", cost.compute_multiclass_cost, _multiclass_cost_cases, "cost",
        mistakes=(
            Mistake("the mean runs over the classes too: sum over classes and examples, then divide by "
                    "m = Y.shape[1] only.", _wrong_multiclass_cost(divide_by="Cm")),
            Mistake("m is taken from the wrong axis: m = Y.shape[1] (examples are columns), not Y.shape[0].",
                    _wrong_multiclass_cost(divide_by="C")),
            Mistake("the cost has the wrong sign: J = -(1/m) sum Y log(AL) is never negative.",
                    _wrong_multiclass_cost(sign=-1.0)),
            Mistake("AL is clipped at a fixed 1e-8: clip to [eps, 1 - eps] with eps = np.finfo(AL.dtype).eps.",
                    _wrong_multiclass_cost(eps=1e-8)),
            Mistake("the cost adds the binary term (1 - Y) log(1 - AL): with one-hot labels the categorical "
                    "cross-entropy keeps only -(1/m) sum Y log(AL).", _multiclass_with_binary_term),
            Mistake("log(0) = -inf where AL is exactly 0: clip AL to [eps, 1 - eps] first, with "
                    "eps = np.finfo(AL.dtype).eps.", lambda AL, Y: float(-np.sum(Y * np.log(AL)) / Y.shape[1])),
        ),
    ),
)
