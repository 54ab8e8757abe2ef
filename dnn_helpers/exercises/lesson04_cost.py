"""Lesson 4's exercise: compute_cost, with saturated outputs among its inputs."""

import numpy as np

from .. import cost
from .record import ErrorAdvice, Exercise, Mistake

LESSON = 4
NOTEBOOK = "04_cost.ipynb"


def _compute_cost_cases(seed):
    AL = np.array([[0.8, 0.1, 0.5, 0.99]])
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    return [((AL, Y), "AL = [[0.8, 0.1, 0.5, 0.99]], Y = [[1, 0, 1, 0]]"),
            ((np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]])), "AL exactly 1 and 0")]


def _wrong_cost(sign=1.0, mean=True, clip=True, positive_term=True, negative_term=True):
    """The cross-entropy with a flipped sign, without the mean, without clipping AL (1, m) or without a term."""

    def wrong(AL, Y):
        A = cost.clip_probabilities(AL) if clip else AL
        terms = (Y * np.log(A) if positive_term else 0) + ((1 - Y) * np.log(1 - A) if negative_term else 0)
        total = -sign * np.sum(terms)
        return float(total / Y.shape[1] if mean else total)

    return wrong


EXERCISES = (
    Exercise(
        "compute_cost", cost.compute_cost, _compute_cost_cases, "cost",
        mistakes=(
            Mistake("the cost has the wrong sign: J = -(1/m) * sum(Y log(AL) + (1 - Y) log(1 - AL)) "
                    "is never negative.", _wrong_cost(sign=-1.0)),
            Mistake("the cost is a sum, not a mean: divide by the number of examples m = Y.shape[1].",
                    _wrong_cost(mean=False)),
            Mistake("the cost has the wrong sign and is a sum, not a mean: J = -(1/m) * sum(...).",
                    _wrong_cost(sign=-1.0, mean=False)),
            Mistake("the cost uses np.log10: the cross-entropy uses the natural logarithm, np.log.",
                    lambda AL, Y: _wrong_cost()(AL, Y) / np.log(10)),
            Mistake("log(0) = -inf where AL is exactly 0 or 1: clip AL to [eps, 1 - eps] first, "
                    "with eps = np.finfo(AL.dtype).eps.", _wrong_cost(clip=False)),
            Mistake("the cost is missing the term (1 - Y) log(1 - AL): examples with label 0 must count too, "
                    "J = -(1/m) * sum(Y log(AL) + (1 - Y) log(1 - AL)).", _wrong_cost(negative_term=False)),
            Mistake("the cost is missing the term Y log(AL): examples with label 1 must count too, "
                    "J = -(1/m) * sum(Y log(AL) + (1 - Y) log(1 - AL)).", _wrong_cost(positive_term=False)),
        ),
        error_advice=(
            ErrorAdvice(TypeError, "",
                        "the sum is still an array of shape (1, 1), as np.dot gives: use np.sum(...) "
                        "for a single number, or .item()."),
        ),
    ),
)
