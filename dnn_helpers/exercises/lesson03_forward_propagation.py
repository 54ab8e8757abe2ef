"""Lesson 3's exercises: linear_forward, linear_activation_forward, forward_propagation.

The cases take every activation the lesson names ("sigmoid", "relu", "tanh", "leaky_relu"),
so that each branch of a learner's if/elif is run.
"""

import numpy as np

from .. import forward
from .inputs import layer_inputs, small_network
from .record import ErrorAdvice, Exercise, Mistake

LESSON = 3
NOTEBOOK = "03_forward_propagation.ipynb"

# the activations lesson 3 asks linear_activation_forward and forward_propagation to accept
LAYER_ACTIVATIONS = ("sigmoid", "relu", "tanh", "leaky_relu")


def _linear_forward_cases(seed):
    return [(layer_inputs(seed), "A_prev (4, 5), W (3, 4), b (3, 1)")]


def _linear_activation_forward_cases(seed):
    A_prev, W, b = layer_inputs(seed)
    return [((A_prev, W, b, name), f"activation={name!r}") for name in LAYER_ACTIVATIONS]


def _forward_propagation_cases(seed):
    X, _, params, _, _ = small_network(seed)
    X3, _, params3, _, _ = small_network(seed + 1, dims=(3, 1), m=4)
    return [((X, params), "layer_dims (4, 5, 3, 1), m = 6"), ((X3, params3), "one layer (3, 1), m = 4"),
            *[((X, params, name), f"hidden_activation={name!r}") for name in LAYER_ACTIVATIONS if name != "relu"],
            ((X.T, params), "X with examples as rows, shape (6, 4)"),
            ((X[:3], params), "X with 3 features for a network that expects 4")]


def _cache_with_A(A_prev, W, b, activation):
    """linear_activation_forward whose cache holds A where Z belongs."""
    A, _ = forward.linear_activation_forward(A_prev, W, b, activation)
    return A, forward.LayerCache(A_prev, W, b, A, activation)


def _without_activation(A_prev, W, b, activation):
    """linear_activation_forward that returns Z as the layer's output."""
    _, cache = forward.linear_activation_forward(A_prev, W, b, activation)
    return cache.Z, cache


def _fixed_activation(name, records_requested=False):
    """linear_activation_forward that always applies ``name``, whatever it is asked for; its cache names
    ``name``, or the activation it was asked for if ``records_requested``."""

    def wrong(A_prev, W, b, activation):
        A, cache = forward.linear_activation_forward(A_prev, W, b, name)
        return A, cache._replace(activation=activation) if records_requested else cache

    return wrong


def _wrong_forward(X, params, hidden_activation="relu", output_activation="sigmoid", hidden=None, last=None,
                   stop_early=False):
    """forward_propagation with fixed hidden or output activations, or without the last layer."""
    forward.forward_propagation(X, params, hidden_activation, output_activation)  # the same errors for a wrong X
    L = len(params) // 2
    A, caches = X, []
    for l in range(1, L if stop_early else L + 1):
        if l == L:
            activation = last or output_activation
        else:
            activation = hidden or hidden_activation
        A, cache = forward.linear_activation_forward(A, params[f"W{l}"], params[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


_MATMUL = "matmul: Input operand 1 has a mismatch in its core dimension 0"

EXERCISES = (
    Exercise(
        "linear_forward", forward.linear_forward, _linear_forward_cases, "Z",
        mistakes=(
            Mistake("b is missing: Z = W @ A_prev + b.", lambda A_prev, W, b: W @ A_prev),
            Mistake("b is subtracted: Z = W @ A_prev + b.", lambda A_prev, W, b: W @ A_prev - b),
            Mistake("W is transposed: W of shape (n_l, n_{l-1}) already has one row per unit of the layer, "
                    "so Z = W @ A_prev + b, with no .T.", lambda A_prev, W, b: W.T @ A_prev + b),
            Mistake("the product is the wrong way round: Z = W @ A_prev + b, W of shape (n_l, n_{l-1}) first, "
                    "then A_prev of shape (n_{l-1}, m).", lambda A_prev, W, b: A_prev @ W + b),
            Mistake("A_prev is transposed: its examples are already columns, so Z = W @ A_prev + b, with no .T.",
                    lambda A_prev, W, b: W @ A_prev.T + b),
        ),
        error_advice=(
            ErrorAdvice(ValueError, "could not be broadcast",
                        "* multiplies entry by entry; the matrix product W A is W @ A_prev (or np.dot(W, A_prev))."),
            ErrorAdvice(ValueError, "matmul",
                        "the shapes in the matrix product do not fit: W @ A_prev multiplies W (n_l, n_{l-1}) by "
                        "A_prev (n_{l-1}, m), in this order and without transposes."),
        ),
    ),
    Exercise(
        "linear_activation_forward", forward.linear_activation_forward, _linear_activation_forward_cases,
        ("A", "cache"),
        mistakes=(
            Mistake("the cache holds A where it should hold Z: the backward step needs the pre-activation "
                    "Z = W A_prev + b.", _cache_with_A),
            Mistake("the activation is never applied: A = g(Z) with g = get_activation(activation), "
                    "A = g.forward(Z).", _without_activation),
            *(Mistake(f"the activation argument is ignored: every layer gets {name}. Look g up with "
                      "get_activation(activation).", _fixed_activation(name, records))
              for name in ("relu", "sigmoid") for records in (False, True)),
        ),
    ),
    Exercise(
        "forward_propagation", forward.forward_propagation, _forward_propagation_cases, ("AL", "caches"),
        mistakes=(
            Mistake("the last layer does not use output_activation: layers 1 .. L-1 use hidden_activation, "
                    "layer L output_activation (the sigmoid).", lambda X, params, *rest: _wrong_forward(
                        X, params, *rest, last="relu")),
            Mistake("every layer uses the sigmoid: only the output layer L does; layers 1 .. L-1 use "
                    "hidden_activation (ReLU by default).", lambda X, params, *rest: _wrong_forward(
                        X, params, *rest, hidden="sigmoid")),
            Mistake("hidden_activation is ignored: the hidden layers always use ReLU. Pass hidden_activation "
                    "to linear_activation_forward for layers 1 .. L-1.", lambda X, params, *rest: _wrong_forward(
                        X, params, *rest, hidden="relu")),
            Mistake("the output layer uses hidden_activation: layer L uses output_activation.",
                    lambda X, params, hidden_activation="relu", *rest: _wrong_forward(
                        X, params, hidden_activation, last=hidden_activation)),
            Mistake("the loop stops one layer early: go through layers 1 .. L, range(1, L + 1).",
                    lambda X, params, *rest: _wrong_forward(X, params, *rest, stop_early=True)),
        ),
        missing_error_advice="Keep the first lines of the exercise cell: they reject an X whose shape does not "
                             "fit the network, with a message that says how to fix it.",
        error_advice=(
            ErrorAdvice(ValueError, _MATMUL,
                        "A and W do not fit: layer l multiplies params[f'W{l}'] by the previous layer's output "
                        "A, starting from A = X."),
        ),
    ),
)
