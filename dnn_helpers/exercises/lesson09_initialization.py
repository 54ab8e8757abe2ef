"""Lesson 9's exercise: layer_statistics."""

from .. import diagnostics
from .inputs import small_network
from .record import Exercise

LESSON = 9
NOTEBOOK = "09_initialization.ipynb"


def _layer_statistics_cases(seed):
    X, Y, params, _, _ = small_network(seed)
    return [((X, Y, params), "layer_dims (4, 5, 3, 1), m = 6")]


EXERCISES = (
    Exercise("layer_statistics", diagnostics.layer_statistics, _layer_statistics_cases, "statistics"),
)
