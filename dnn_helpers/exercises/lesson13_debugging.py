"""Lesson 13's exercise: relative_difference, the measure of a gradient check."""

import numpy as np

from .. import gradient_checking
from .inputs import make_rng
from .record import ErrorAdvice, Exercise, Mistake

LESSON = 13
NOTEBOOK = "13_debugging.ipynb"


def _relative_difference_cases(seed):
    rng = make_rng(seed)
    grads = {"dW1": rng.normal(size=(3, 2)), "db1": rng.normal(size=(3, 1))}
    numerical = {key: value + rng.normal(scale=1e-3, size=value.shape) for key, value in grads.items()}
    with_dA = {**grads, "dA0": rng.normal(size=(2, 4)), "dA1": rng.normal(size=(3, 4))}
    zeros = {key: np.zeros_like(value) for key, value in grads.items()}
    opposite = {key: -value for key, value in grads.items()}
    return [((grads, numerical), "two gradients that differ by about 1e-3"),
            ((with_dA, numerical), "grads also holding dA0 and dA1, which have no numerical estimate"),
            ((grads, opposite), "numerical = -grads (the answer is 1)"),
            ((zeros, zeros), "both gradients zero (the answer is 0, not a division by zero)")]


def _relative_with(grads, numerical, denominator_of, guard=True, squared=False):
    """||g - g_num|| (squared if ``squared``) / denominator_of(g, g_num) over the keys of ``numerical``;
    0.0 for a zero denominator if ``guard``."""
    a = np.concatenate([np.ravel(grads[key]) for key in numerical])
    b = np.concatenate([np.ravel(numerical[key]) for key in numerical])
    denominator = denominator_of(a, b)
    numerator = np.linalg.norm(a - b) ** (2 if squared else 1)
    return float(numerator / denominator) if denominator or not guard else 0.0


_LOOP_OVER_NUMERICAL = "loop over the keys of numerical: grads also holds dA entries that have no numerical estimate."

EXERCISES = (
    Exercise(
        "relative_difference", gradient_checking.relative_difference, _relative_difference_cases, "difference",
        mistakes=(
            Mistake("the difference is divided by ||g + g_num||: the formula is ||g - g_num|| / (||g|| + ||g_num||).",
                    lambda grads, numerical: _relative_with(grads, numerical, lambda a, b: np.linalg.norm(a + b))),
            Mistake("the denominator is missing ||g_num||: the formula is ||g - g_num|| / (||g|| + ||g_num||).",
                    lambda grads, numerical: _relative_with(grads, numerical, lambda a, b: np.linalg.norm(a))),
            Mistake("the difference is not divided at all: the formula is ||g - g_num|| / (||g|| + ||g_num||).",
                    lambda grads, numerical: _relative_with(grads, numerical, lambda a, b: np.float64(1.0))),
            Mistake("the norms are squared: use np.linalg.norm, the square root of the sum of squares.",
                    lambda grads, numerical: _relative_with(grads, numerical, lambda a, b: (
                        np.linalg.norm(a) ** 2 + np.linalg.norm(b) ** 2), squared=True)),
            Mistake("0 / 0 where both gradients are zero: return 0.0 when ||g|| + ||g_num|| is 0.",
                    lambda grads, numerical: _relative_with(grads, numerical, lambda a, b: np.float64(0.0),
                                                            guard=False)),
        ),
        error_advice=(
            ErrorAdvice(KeyError, "", _LOOP_OVER_NUMERICAL),
            ErrorAdvice(ValueError, "operands could not be broadcast", _LOOP_OVER_NUMERICAL),
            ErrorAdvice(ZeroDivisionError, "",
                        "when both gradients are zero the difference is 0: return 0.0 before dividing by 0."),
        ),
    ),
)
