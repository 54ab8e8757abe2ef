"""Lesson 2's exercises: sigmoid, relu and their backward steps (tanh and leaky ReLU come ready-made).

Inputs include exact zeros for ReLU and huge values for the sigmoid.
"""

import numpy as np

from .. import activations
from .inputs import make_rng
from .record import Exercise, Mistake

LESSON = 2
NOTEBOOK = "02_activations.ipynb"


def _activation_cases(seed):
    Z = make_rng(seed).normal(scale=3, size=(3, 4))
    return [((Z,), "Z of shape (3, 4)"), ((np.array([[-1000.0, 0.0, 1000.0]]),), "Z = [[-1000, 0, 1000]]")]


def _activation_backward_cases(seed):
    rng = make_rng(seed)
    Z = rng.normal(size=(3, 4))
    Z_with_zeros = np.array([[-1.0, 0.0, 2.0], [0.0, 3.0, -0.5]])
    return [((rng.normal(size=(3, 4)), Z), "dA and Z of shape (3, 4)"),
            ((np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Z_with_zeros), "Z with entries exactly 0")]


# wrong dZ = g'(Z) * dA, as functions (dA, Z) -> dZ; lesson 5 recognises them inside linear_activation_backward
RELU_SLIPS = (
    Mistake("the ReLU backward step masks with dA instead of Z: keep dA where Z > 0, set dZ to 0 where Z <= 0.",
            lambda dA, Z: np.where(dA > 0, dA, 0)),
    Mistake("the ReLU backward step multiplies by A = relu(Z) instead of by its derivative (1 where Z > 0, else 0).",
            lambda dA, Z: dA * activations.relu(Z)),
    Mistake("the ReLU backward step passes dA through unchanged: set dZ to 0 where Z <= 0.",
            lambda dA, Z: np.array(dA, copy=True)),
)

# shows only where Z is exactly 0, as in this lesson's cases (lesson 5's random Z never is)
RELU_AT_ZERO_SLIP = Mistake("the ReLU backward step keeps dA where Z == 0: the course takes relu'(0) = 0, "
                            "so keep dA only where Z > 0.", lambda dA, Z: np.where(Z >= 0, dA, 0))

SIGMOID_SLIPS = (
    Mistake("the sigmoid backward step is missing the factor (1 - s): dZ = dA * s * (1 - s) with s = sigmoid(Z).",
            lambda dA, Z: dA * activations.sigmoid(Z)),
    Mistake("the sigmoid backward step is missing the factor s: dZ = dA * s * (1 - s) with s = sigmoid(Z).",
            lambda dA, Z: dA * (1 - activations.sigmoid(Z))),
    Mistake("the sigmoid backward step forgot to multiply by dA: dZ = dA * s * (1 - s).",
            lambda dA, Z: activations.sigmoid(Z) * (1 - activations.sigmoid(Z))),
    Mistake("the sigmoid backward step uses Z where it needs s = sigmoid(Z): dZ = dA * s * (1 - s).",
            lambda dA, Z: dA * Z * (1 - Z)),
)

TANH_SLIPS = (
    Mistake("the tanh backward step uses Z where it needs t = tanh(Z): dZ = dA * (1 - t ** 2).",
            lambda dA, Z: dA * (1 - Z ** 2)),
    Mistake("the tanh backward step is missing the square: dZ = dA * (1 - t ** 2) with t = tanh(Z).",
            lambda dA, Z: dA * (1 - np.tanh(Z))),
    Mistake("the tanh backward step multiplies by tanh(Z) itself instead of its derivative 1 - tanh(Z) ** 2.",
            lambda dA, Z: dA * np.tanh(Z)),
    Mistake("the tanh backward step forgot to multiply by dA: dZ = dA * (1 - tanh(Z) ** 2).",
            lambda dA, Z: 1 - np.tanh(Z) ** 2),
)

LEAKY_RELU_SLIPS = (
    Mistake(f"the leaky ReLU backward step sets dZ to 0 where Z <= 0, as ReLU does: leaky ReLU keeps "
            f"{activations.LEAKY_RELU_SLOPE} * dA there.", lambda dA, Z: activations.relu_backward(dA, Z)),
    Mistake("the leaky ReLU backward step has its two slopes swapped: 1 where Z > 0, "
            f"{activations.LEAKY_RELU_SLOPE} where Z <= 0.",
            lambda dA, Z: np.where(Z > 0, activations.LEAKY_RELU_SLOPE * dA, dA)),
    Mistake("the leaky ReLU backward step passes dA through unchanged: multiply by "
            f"{activations.LEAKY_RELU_SLOPE} where Z <= 0.", lambda dA, Z: np.array(dA, copy=True)),
)

_RELU_MAX_ADVICE = "np.max reduces along an axis: the elementwise maximum is np.maximum(Z, 0)."

EXERCISES = (
    Exercise("sigmoid", activations.sigmoid, _activation_cases, mistakes=(
        Mistake("the exponent has the wrong sign: sigmoid(Z) = 1 / (1 + exp(-Z)).",
                lambda Z: 1 - activations.sigmoid(Z)),
    )),
    Exercise("relu", activations.relu, _activation_cases, mistakes=(
        Mistake(_RELU_MAX_ADVICE, lambda Z: np.max(Z, 0)),
        Mistake(_RELU_MAX_ADVICE, lambda Z: np.max(Z)),
        Mistake("the ReLU keeps the negative part: relu(Z) = np.maximum(Z, 0), which is Z where Z > 0 and 0 "
                "elsewhere.", lambda Z: np.minimum(Z, 0)),
        Mistake("np.abs(Z) turns negative inputs positive: the ReLU sets them to 0, np.maximum(Z, 0).",
                lambda Z: np.abs(Z)),
    )),
    Exercise("tanh", activations.tanh, _activation_cases, ready_made=True),
    Exercise("leaky_relu", activations.leaky_relu, _activation_cases, ready_made=True),
    Exercise("sigmoid_backward", activations.sigmoid_backward, _activation_backward_cases, mistakes=SIGMOID_SLIPS),
    Exercise("relu_backward", activations.relu_backward, _activation_backward_cases,
             mistakes=(*RELU_SLIPS, RELU_AT_ZERO_SLIP)),
    Exercise("tanh_backward", activations.tanh_backward, _activation_backward_cases, mistakes=TANH_SLIPS,
             ready_made=True),
    Exercise("leaky_relu_backward", activations.leaky_relu_backward, _activation_backward_cases,
             mistakes=LEAKY_RELU_SLIPS, ready_made=True),
)
