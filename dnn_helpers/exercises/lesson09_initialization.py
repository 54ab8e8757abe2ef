"""Lesson 9's exercise: layer_statistics."""

import numpy as np

from .. import backward, diagnostics, forward
from .inputs import small_network
from .record import Exercise, Mistake

LESSON = 9
NOTEBOOK = "09_initialization.ipynb"


def _layer_statistics_cases(seed):
    X, Y, params, _, _ = small_network(seed)
    cases = [((X, Y, params), "layer_dims (4, 5, 3, 1), m = 6")]
    for name in ("sigmoid", "tanh", "leaky_relu"):
        X_h, Y_h, params_h, _, _ = small_network(seed + 1, hidden=name)
        cases.append(((X_h, Y_h, params_h, name), f"hidden_activation={name!r}"))
    return cases


def _wrong_statistics(outputs_of="A", gradient_size="rms", dead="units", hidden=None):
    """layer_statistics with one slip: the spread of Z or of the inputs A[l-1], the plain norm of dW,
    the share of zero entries instead of dead units, or the hidden activation ignored."""

    def wrong(X, Y, params, hidden_activation="relu"):
        AL, caches = forward.forward_propagation(X, params, hidden or hidden_activation)
        grads = backward.backward_propagation(AL, Y, caches)
        L = len(caches)
        outputs = {"A": [cache.A_prev for cache in caches[1:]] + [AL],
                   "Z": [cache.Z for cache in caches],
                   "A_prev": [cache.A_prev for cache in caches]}[outputs_of]
        norm = {"rms": lambda g: np.sqrt(np.mean(g ** 2)), "frobenius": np.linalg.norm,
                "mean": lambda g: np.mean(np.abs(g))}[gradient_size]
        share = {"units": lambda A: np.mean(np.all(A == 0, axis=1)), "entries": lambda A: np.mean(A == 0)}[dead]
        return {
            "activation_std": [float(np.std(A)) for A in outputs],
            "gradient_norm": [float(norm(grads[f"dW{l}"])) for l in range(1, L + 1)],
            "dead_fraction": [float(share(A)) for A in outputs],
        }

    return wrong


EXERCISES = (
    Exercise(
        "layer_statistics", diagnostics.layer_statistics,
        _layer_statistics_cases, "statistics",
        mistakes=(
            Mistake("the statistics are one layer behind: A[l] is the output of layer l, so start from A[1] "
                    "(caches[1].A_prev) and end with AL; X is not a layer's output.", _wrong_statistics("A_prev")),
            Mistake("the spread is that of Z[l], before the activation: take the outputs A[l].",
                    _wrong_statistics("Z")),
            Mistake("gradient_norm is the plain norm of dW[l]: divide it by the square root of the number of "
                    "entries (the RMS, np.sqrt(np.mean(dW ** 2))), so that layers of different sizes compare.",
                    _wrong_statistics(gradient_size="frobenius")),
            Mistake("gradient_norm is the mean absolute entry: the lesson uses the RMS, np.sqrt(np.mean(dW ** 2)).",
                    _wrong_statistics(gradient_size="mean")),
            Mistake("dead_fraction counts zero entries: a dead unit is a row of A[l] that is 0 for every example, "
                    "np.mean(np.all(A == 0, axis=1)).", _wrong_statistics(dead="entries")),
            Mistake("hidden_activation is ignored: pass it to forward_propagation.",
                    _wrong_statistics(hidden="relu")),
        ),
    ),
)
