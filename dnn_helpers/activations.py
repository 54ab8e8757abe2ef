"""Activation functions g(Z) and their backward steps dZ = dA * g'(Z).

Every function but softmax works elementwise on an array Z of any shape (in the
network, Z[l] has shape (n_l, m)) and keeps its dtype; softmax works column by
column, one example per column. A backward step takes the
upstream gradient dA = dJ/dA and the pre-activation Z of the forward step and
returns dZ = dJ/dZ, of the same shape.
"""

from collections import namedtuple

import numpy as np

LEAKY_RELU_SLOPE = 0.01


def sigmoid(Z):
    """Logistic sigmoid 1 / (1 + exp(-Z)), finite and warning-free for any finite Z.

    exp(-Z) overflows for Z < -709 in float64, so negative entries use the
    equivalent form exp(Z) / (1 + exp(Z)), whose exponent is never positive.
    """
    Z = np.asarray(Z)
    exp_minus_abs = np.exp(-np.abs(Z))  # in (0, 1]: never overflows
    return np.where(Z >= 0, 1 / (1 + exp_minus_abs), exp_minus_abs / (1 + exp_minus_abs))


def sigmoid_backward(dA, Z):
    """dZ = dA * s * (1 - s) with s = sigmoid(Z)."""
    s = sigmoid(Z)
    return dA * s * (1 - s)


def relu(Z):
    """max(0, Z)."""
    return np.maximum(Z, 0)


def relu_backward(dA, Z):
    """dZ = dA where Z > 0, and 0 where Z <= 0.

    The derivative at exactly Z = 0 does not exist; we take it to be 0 (a widely
    copied version of this lesson does the same in its code, while its text says
    1). A float Z is
    exactly 0 almost never, so the choice does not change training.
    """
    return np.where(Z > 0, dA, 0)


def tanh(Z):
    """Hyperbolic tangent, with values in (-1, 1)."""
    return np.tanh(Z)


def tanh_backward(dA, Z):
    """dZ = dA * (1 - tanh(Z)^2)."""
    t = np.tanh(Z)
    return dA * (1 - t * t)


def leaky_relu(Z, slope=LEAKY_RELU_SLOPE):
    """Z where Z > 0, slope * Z elsewhere (slope 0.01 by default)."""
    return np.where(Z > 0, Z, slope * Z)


def leaky_relu_backward(dA, Z, slope=LEAKY_RELU_SLOPE):
    """dZ = dA where Z > 0, slope * dA elsewhere."""
    return np.where(Z > 0, dA, slope * dA)


def softmax(Z):
    """Column-wise softmax: A[k, i] = exp(Z[k, i]) / sum_j exp(Z[j, i]), each column sums to 1.

    Subtracting each column's maximum first (log-sum-exp trick) changes nothing
    mathematically and keeps exp() from overflowing.
    """
    exp_shifted = np.exp(Z - Z.max(axis=0, keepdims=True))
    return exp_shifted / exp_shifted.sum(axis=0, keepdims=True)


def softmax_backward(dA, Z):
    """dZ = A * (dA - sum_k dA[k] A[k]) per column, the product with the softmax's Jacobian.

    With the cross-entropy cost this simplifies to dZ = A - Y, which backward
    propagation uses directly; this general form serves gradient checks.
    """
    A = softmax(Z)
    return A * (dA - np.sum(dA * A, axis=0, keepdims=True))


Activation = namedtuple("Activation", "name forward backward")
Activation.__doc__ = "An activation's name, its function g(Z) and its backward step (dA, Z) -> dZ."

ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_backward),
    "relu": Activation("relu", relu, relu_backward),
    "tanh": Activation("tanh", tanh, tanh_backward),
    "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_backward),
    "softmax": Activation("softmax", softmax, softmax_backward),
}


def get_activation(name):
    """Look an activation up by name ("sigmoid", "relu", "tanh", "leaky_relu", "softmax")."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown activation {name!r}; choose one of {', '.join(map(repr, ACTIVATIONS))}."
        ) from None
