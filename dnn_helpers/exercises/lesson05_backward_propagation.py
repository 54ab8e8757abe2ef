"""Lesson 5's exercises: linear_backward, linear_activation_backward, backward_propagation.

Among the inputs is a saturated output, AL exactly 1.0 where Y = 0.
"""

import numpy as np

from .. import activations, backward, cost, forward
from .inputs import layer_inputs, make_rng, small_network
from .lesson02_activations import RELU_SLIPS, SIGMOID_SLIPS
from .record import Exercise, Mistake

LESSON = 5
NOTEBOOK = "05_backward_propagation.ipynb"


def _linear_backward_cases(seed):
    A_prev, W, _ = layer_inputs(seed)
    dZ = make_rng(seed + 1).normal(size=(3, 5))
    return [((dZ, W, A_prev), "dZ (3, 5), W (3, 4), A_prev (4, 5)")]


def _linear_activation_backward_cases(seed):
    cases = []
    for name in ("sigmoid", "relu"):
        A_prev, W, b = layer_inputs(seed)
        _, cache = forward.linear_activation_forward(A_prev, W, b, name)
        dA = make_rng(seed + 2).normal(size=cache.Z.shape)
        cases.append(((dA, cache, name), f"activation={name!r}"))
    return cases


def _backward_propagation_cases(seed):
    _, Y, _, AL, caches = small_network(seed)
    X, _, params, _, _ = small_network(seed)
    params["b3"] = np.array([[40.0]])  # the sigmoid output saturates: AL is exactly 1.0
    AL_saturated, caches_saturated = forward.forward_propagation(X, params)
    Y_wrong = np.zeros_like(Y)  # confidently wrong everywhere: the gradient must not vanish
    return [((AL, Y, caches), "layer_dims (4, 5, 3, 1), m = 6"),
            ((AL_saturated, Y_wrong, caches_saturated), "a saturated output, AL exactly 1.0 where Y = 0")]


def _wrong_linear_backward(m_axis=1, scale_dW=True, scale_db=True, scale_dA=False, db_axis=1, keepdims=True,
                           transpose_dW=False, transpose_dA=False, order=(0, 1, 2)):
    """linear_backward with one of its classic slips switched on."""

    def wrong(dZ, W, A_prev):
        m = A_prev.shape[m_axis]
        dW = (A_prev @ dZ.T if transpose_dW else dZ @ A_prev.T) / (m if scale_dW else 1)
        db = np.sum(dZ, axis=db_axis, keepdims=keepdims) / (m if scale_db else 1)
        dA_prev = (dZ.T @ W if transpose_dA else W.T @ dZ) / (m if scale_dA else 1)
        results = (dA_prev, dW, db)
        return tuple(results[i] for i in order)

    return wrong


def _with_activation_slip(activation, slip):
    """linear_activation_backward whose dZ comes from ``slip(dA, Z)`` for ``activation``."""

    def wrong(dA, cache, used):
        dZ = slip(dA, cache.Z) if used == activation else activations.get_activation(used).backward(dA, cache.Z)
        return backward.linear_backward(dZ, cache.W, cache.A_prev)

    return wrong


def _always_relu(dA, cache, activation):
    dZ = activations.get_activation("relu").backward(dA, cache.Z)
    return backward.linear_backward(dZ, cache.W, cache.A_prev)


def _wrong_backward(AL, Y, caches, clip=True):
    """backward_propagation that starts the output layer from the product form dAL * s * (1 - s)."""
    L = len(caches)
    A = cost.clip_probabilities(AL) if clip else AL
    dA = -(Y / A - (1 - Y) / (1 - A))
    grads = {f"dA{L}": dA}
    for l in range(L, 0, -1):
        cache = caches[l - 1]
        dA, grads[f"dW{l}"], grads[f"db{l}"] = backward.linear_activation_backward(dA, cache, cache.activation)
        grads[f"dA{l - 1}"] = dA
    return grads


_DB_WRONG_AXIS = "db is summed over the wrong axis: sum over the examples, np.sum(dZ, axis=1, keepdims=True)."

LINEAR_BACKWARD_SLIPS = (
    Mistake("the number of examples is taken from the wrong axis: m = A_prev.shape[1] "
            "(examples are columns), not A_prev.shape[0].", _wrong_linear_backward(m_axis=0)),
    Mistake("dW is too large by a factor of m: divide dZ @ A_prev.T by the number of examples, m = A_prev.shape[1].",
            _wrong_linear_backward(scale_dW=False)),
    Mistake("dW and db are too large by a factor of m: divide both by the number of examples, m = A_prev.shape[1].",
            _wrong_linear_backward(scale_dW=False, scale_db=False)),
    Mistake("dA_prev is divided by m: only dW and db take the 1/m of the mean; dA_prev = W.T @ dZ.",
            _wrong_linear_backward(scale_dA=True)),
    Mistake("the three results come back in the wrong order: return dA_prev, dW, db.",
            _wrong_linear_backward(order=(1, 2, 0))),
    Mistake("db lost its second axis: use np.sum(dZ, axis=1, keepdims=True) so that it has the shape (n_l, 1) of b.",
            _wrong_linear_backward(keepdims=False)),
    Mistake(_DB_WRONG_AXIS, _wrong_linear_backward(db_axis=0)),
    Mistake(_DB_WRONG_AXIS, _wrong_linear_backward(db_axis=0, keepdims=False)),
    Mistake("db sums over every entry of dZ: sum over the examples only, np.sum(dZ, axis=1, keepdims=True).",
            _wrong_linear_backward(db_axis=None, keepdims=False)),
    Mistake("dW is transposed: dW = dZ @ A_prev.T / m has the shape (n_l, n_{l-1}) of W.",
            _wrong_linear_backward(transpose_dW=True)),
    Mistake("dA_prev is transposed: dA_prev = W.T @ dZ has the shape (n_{l-1}, m) of A_prev.",
            _wrong_linear_backward(transpose_dA=True)),
)

EXERCISES = (
    Exercise("linear_backward", backward.linear_backward, _linear_backward_cases, ("dA_prev", "dW", "db"),
             mistakes=LINEAR_BACKWARD_SLIPS),
    Exercise(
        "linear_activation_backward", backward.linear_activation_backward, _linear_activation_backward_cases,
        ("dA_prev", "dW", "db"),
        mistakes=(
            *(Mistake(advice, _with_activation_slip("relu", slip)) for advice, slip in RELU_SLIPS),
            *(Mistake(advice, _with_activation_slip("sigmoid", slip)) for advice, slip in SIGMOID_SLIPS),
            Mistake("the activation is fixed to ReLU: use the activation argument, "
                    "get_activation(activation).backward.", _always_relu),
        ),
    ),
    Exercise(
        "backward_propagation", backward.backward_propagation, _backward_propagation_cases, "grads",
        mistakes=(
            Mistake("the output layer uses the product dAL * s * (1 - s), which rounds to 0 where the sigmoid "
                    "saturates: with a sigmoid output start from dZ[L] = AL - Y.", _wrong_backward),
            Mistake("dAL is computed from the unclipped AL, which divides by 0 where AL is exactly 0 or 1: "
                    "clip AL first, as the cost does.",
                    lambda AL, Y, caches: _wrong_backward(AL, Y, caches, clip=False)),
        ),
    ),
)
