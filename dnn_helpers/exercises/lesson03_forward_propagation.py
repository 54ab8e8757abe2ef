"""Lesson 3's exercises: linear_forward, linear_activation_forward, forward_propagation."""

from .. import forward
from .inputs import layer_inputs, small_network
from .record import ErrorAdvice, Exercise, Mistake

LESSON = 3
NOTEBOOK = "03_forward_propagation.ipynb"


def _linear_forward_cases(seed):
    return [(layer_inputs(seed), "A_prev (4, 5), W (3, 4), b (3, 1)")]


def _linear_activation_forward_cases(seed):
    A_prev, W, b = layer_inputs(seed)
    return [((A_prev, W, b, name), f"activation={name!r}") for name in ("sigmoid", "relu")]


def _forward_propagation_cases(seed):
    X, _, params, _, _ = small_network(seed)
    X3, _, params3, _, _ = small_network(seed + 1, dims=(3, 1), m=4)
    return [((X, params), "layer_dims (4, 5, 3, 1), m = 6"), ((X3, params3), "one layer (3, 1), m = 4")]


def _cache_with_A(A_prev, W, b, activation):
    """linear_activation_forward whose cache holds A where Z belongs."""
    A, _ = forward.linear_activation_forward(A_prev, W, b, activation)
    return A, forward.LayerCache(A_prev, W, b, A, activation)


def _wrong_forward(X, params, last="sigmoid", stop_early=False):
    """forward_propagation that forgets the output activation or the last layer."""
    L = len(params) // 2
    A, caches = X, []
    for l in range(1, L if stop_early else L + 1):
        activation = last if l == L else "relu"
        A, cache = forward.linear_activation_forward(A, params[f"W{l}"], params[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


EXERCISES = (
    Exercise(
        "linear_forward", forward.linear_forward, _linear_forward_cases, "Z",
        mistakes=(
            Mistake("b is missing: Z = W @ A_prev + b.", lambda A_prev, W, b: W @ A_prev),
            Mistake("b is subtracted: Z = W @ A_prev + b.", lambda A_prev, W, b: W @ A_prev - b),
        ),
        error_advice=(
            ErrorAdvice(ValueError, "could not be broadcast",
                        "* multiplies entry by entry; the matrix product W A is W @ A_prev (or np.dot(W, A_prev))."),
            ErrorAdvice(ValueError, "matmul",
                        "W @ A_prev needs W's columns to match A_prev's rows: the order is W @ A_prev, "
                        "not A_prev @ W."),
        ),
    ),
    Exercise(
        "linear_activation_forward", forward.linear_activation_forward, _linear_activation_forward_cases,
        ("A", "cache"),
        mistakes=(
            Mistake("the cache holds A where it should hold Z: the backward step needs the pre-activation "
                    "Z = W A_prev + b.", _cache_with_A),
        ),
    ),
    Exercise(
        "forward_propagation", forward.forward_propagation, _forward_propagation_cases, ("AL", "caches"),
        mistakes=(
            Mistake("the last layer does not use output_activation: layers 1 .. L-1 use hidden_activation, "
                    "layer L output_activation (the sigmoid).", lambda X, params: _wrong_forward(X, params, "relu")),
            Mistake("the loop stops one layer early: go through layers 1 .. L, range(1, L + 1).",
                    lambda X, params: _wrong_forward(X, params, stop_early=True)),
        ),
    ),
)
