"""Lesson 1's exercise: initialize_parameters."""

import numpy as np

from .. import parameters
from .record import Exercise, Mistake

LESSON = 1
NOTEBOOK = "01_parameters.ipynb"


def _initialize_cases(seed):
    return [
        (([3, 4, 1],), "layer_dims = [3, 4, 1]"),
        (([5, 4, 3, 2, 1],), "layer_dims = [5, 4, 3, 2, 1]"),
        *[(([4, 3, 1], method, 3), f"method={method!r}, seed=3") for method in ("randn", "small", "xavier", "zeros")],
        (([3, 2, 1], "he", 0, np.float32), "dtype=np.float32"),
    ]


def _wrong_initialization(scale_for, fresh_generator_per_layer=False):
    """He initialisation with another scale (a function of n_in and n_out), or with the draws out of order."""

    def wrong(layer_dims, method="he", seed=0, dtype=np.float64):
        rng = np.random.default_rng(seed)
        params = {}
        for l in range(1, len(layer_dims)):
            n_in, n_out = layer_dims[l - 1], layer_dims[l]
            if fresh_generator_per_layer:
                rng = np.random.default_rng(seed)
            params[f"W{l}"] = (rng.standard_normal((n_out, n_in)) * scale_for(n_in, n_out)).astype(dtype)
            params[f"b{l}"] = np.zeros((n_out, 1), dtype=dtype)
        return params

    return wrong


def _ignoring_method(layer_dims, method="he", seed=0, dtype=np.float64):
    return parameters.initialize_parameters(layer_dims, "he", seed, dtype)


EXERCISES = (
    Exercise(
        "initialize_parameters", parameters.initialize_parameters, _initialize_cases, "params",
        mistakes=(
            Mistake("the weights are unscaled randn: multiply by np.sqrt(2 / layer_dims[l - 1]) (He initialisation), "
                    "or the activations grow with every layer.", _wrong_initialization(lambda n_in, n_out: 1.0)),
            Mistake("the weights use randn * 0.01: He initialisation multiplies by np.sqrt(2 / layer_dims[l - 1]).",
                    _wrong_initialization(lambda n_in, n_out: 0.01)),
            Mistake("the weights use Xavier's np.sqrt(1 / n): He initialisation for ReLU uses "
                    "np.sqrt(2 / layer_dims[l - 1]).", _wrong_initialization(lambda n_in, n_out: np.sqrt(1.0 / n_in))),
            Mistake("the scale uses the layer's own size n_l: He divides by the number of inputs, layer_dims[l - 1].",
                    _wrong_initialization(lambda n_in, n_out: np.sqrt(2.0 / n_out))),
            Mistake("the scale is the variance 2 / n, not the standard deviation np.sqrt(2 / n) that multiplies randn.",
                    _wrong_initialization(lambda n_in, n_out: 2.0 / n_in)),
            Mistake("the scale is np.sqrt(2) / n: take the square root of the whole fraction, np.sqrt(2 / n).",
                    _wrong_initialization(lambda n_in, n_out: np.sqrt(2.0) / n_in)),
            Mistake("every layer starts its own generator: create rng = np.random.default_rng(seed) once, "
                    "before the loop.",
                    _wrong_initialization(lambda n_in, n_out: np.sqrt(2.0 / n_in), fresh_generator_per_layer=True)),
            Mistake("the method argument is ignored: look its scale up for each method (randn 1, small 0.01, "
                    "xavier np.sqrt(1 / n), he np.sqrt(2 / n), zeros 0).", _ignoring_method),
        ),
    ),
)
