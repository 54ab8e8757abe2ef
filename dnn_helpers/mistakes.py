"""The classic mistakes of each lesson step, recognised by their effect.

For every function a learner writes, ``MISTAKES`` lists deliberately wrong
versions, each with the advice a learner needs. When a learner's result
differs from the reference, ``recognise`` runs the wrong versions on the same
inputs: if one of them reproduces the learner's result, that mistake is named.
"""

import numpy as np

from .activations import get_activation, relu, sigmoid
from .backward import linear_backward
from .cost import clip_probabilities


def _wrong_linear_backward(m_axis=1, scale_dW=True, db_axis=1, keepdims=True, transpose_dW=False, transpose_dA=False):
    """linear_backward with one of its classic slips switched on."""

    def wrong(dZ, W, A_prev):
        m = A_prev.shape[m_axis]
        dW = (A_prev @ dZ.T if transpose_dW else dZ @ A_prev.T) / (m if scale_dW else 1)
        db = np.sum(dZ, axis=db_axis, keepdims=keepdims) / m
        dA_prev = dZ.T @ W if transpose_dA else W.T @ dZ
        return dA_prev, dW, db

    return wrong


def _with_activation_slip(slips):
    """linear_activation_backward whose dZ comes from ``slips[activation](dA, Z)``."""

    def wrong(dA, cache, activation):
        dZ = slips[activation](dA, cache.Z) if activation in slips else get_activation(activation).backward(dA, cache.Z)
        return linear_backward(dZ, cache.W, cache.A_prev)

    return wrong


RELU_SLIPS = [
    ("the ReLU backward step masks with dA instead of Z: keep dA where Z > 0, set dZ to 0 where Z <= 0.",
     lambda dA, Z: np.where(dA > 0, dA, 0)),
    ("the ReLU backward step multiplies by A = relu(Z) instead of by its derivative (1 where Z > 0, else 0).",
     lambda dA, Z: dA * relu(Z)),
    ("the ReLU backward step passes dA through unchanged: set dZ to 0 where Z <= 0.",
     lambda dA, Z: np.array(dA, copy=True)),
]

SIGMOID_SLIPS = [
    ("the sigmoid backward step is missing the factor (1 - s): dZ = dA * s * (1 - s) with s = sigmoid(Z).",
     lambda dA, Z: dA * sigmoid(Z)),
    ("the sigmoid backward step is missing the factor s: dZ = dA * s * (1 - s) with s = sigmoid(Z).",
     lambda dA, Z: dA * (1 - sigmoid(Z))),
    ("the sigmoid backward step forgot to multiply by dA: dZ = dA * s * (1 - s).",
     lambda dA, Z: sigmoid(Z) * (1 - sigmoid(Z))),
    ("the sigmoid backward step uses Z where it needs s = sigmoid(Z): dZ = dA * s * (1 - s).",
     lambda dA, Z: dA * Z * (1 - Z)),
]

LINEAR_BACKWARD_SLIPS = [
    ("the number of examples is taken from the wrong axis: m = A_prev.shape[1] "
     "(examples are columns), not A_prev.shape[0].", _wrong_linear_backward(m_axis=0)),
    ("dW is too large by a factor of m: divide dZ @ A_prev.T by the number of examples, m = A_prev.shape[1].",
     _wrong_linear_backward(scale_dW=False)),
    ("db lost its second axis: use np.sum(dZ, axis=1, keepdims=True) so that it has the shape (n_l, 1) of b.",
     _wrong_linear_backward(keepdims=False)),
    ("db is summed over the wrong axis: sum over the examples, np.sum(dZ, axis=1, keepdims=True).",
     _wrong_linear_backward(db_axis=0)),
    ("db is summed over the wrong axis: sum over the examples, np.sum(dZ, axis=1, keepdims=True).",
     _wrong_linear_backward(db_axis=0, keepdims=False)),
    ("db sums over every entry of dZ: sum over the examples only, np.sum(dZ, axis=1, keepdims=True).",
     _wrong_linear_backward(db_axis=None, keepdims=False)),
    ("dW is transposed: dW = dZ @ A_prev.T / m has the shape (n_l, n_{l-1}) of W.",
     _wrong_linear_backward(transpose_dW=True)),
    ("dA_prev is transposed: dA_prev = W.T @ dZ has the shape (n_{l-1}, m) of A_prev.",
     _wrong_linear_backward(transpose_dA=True)),
]


def _wrong_initialization(scale_for):
    def wrong(layer_dims, method="he", seed=0, dtype=np.float64):
        rng = np.random.default_rng(seed)
        params = {}
        for l in range(1, len(layer_dims)):
            n_in, n_out = layer_dims[l - 1], layer_dims[l]
            params[f"W{l}"] = (rng.standard_normal((n_out, n_in)) * scale_for(n_in)).astype(dtype)
            params[f"b{l}"] = np.zeros((n_out, 1), dtype=dtype)
        return params

    return wrong


def _wrong_cost(sign=1.0, mean=True, clip=True):
    def wrong(AL, Y):
        A = clip_probabilities(AL) if clip else AL
        total = -sign * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        return float(total / Y.shape[1] if mean else total)

    return wrong


def _wrong_update(direction=1.0):
    def wrong(params, grads, learning_rate):
        return {key: value + direction * learning_rate * grads["d" + key] for key, value in params.items()}

    return wrong


# function name -> list of (advice, wrong implementation with the reference's signature)
MISTAKES = {
    "initialize_parameters": [
        ("the weights are unscaled randn: multiply by np.sqrt(2 / layer_dims[l - 1]) (He initialisation), "
         "or the activations grow with every layer.", _wrong_initialization(lambda n_in: 1.0)),
        ("the weights use randn * 0.01: He initialisation multiplies by np.sqrt(2 / layer_dims[l - 1]).",
         _wrong_initialization(lambda n_in: 0.01)),
        ("the weights use Xavier's np.sqrt(1 / n): He initialisation for ReLU uses np.sqrt(2 / layer_dims[l - 1]).",
         _wrong_initialization(lambda n_in: np.sqrt(1.0 / n_in))),
    ],
    "relu_backward": [(advice, slip) for advice, slip in RELU_SLIPS],
    "sigmoid_backward": [(advice, slip) for advice, slip in SIGMOID_SLIPS],
    "linear_backward": LINEAR_BACKWARD_SLIPS,
    "linear_activation_backward": (
        [(advice, _with_activation_slip({"relu": slip})) for advice, slip in RELU_SLIPS]
        + [(advice, _with_activation_slip({"sigmoid": slip})) for advice, slip in SIGMOID_SLIPS]
    ),
    "compute_cost": [
        ("the cost has the wrong sign: J = -(1/m) * sum(Y log(AL) + (1 - Y) log(1 - AL)) is never negative.",
         _wrong_cost(sign=-1.0)),
        ("the cost is a sum, not a mean: divide by the number of examples m = Y.shape[1].",
         _wrong_cost(mean=False)),
        ("the cost has the wrong sign and is a sum, not a mean: J = -(1/m) * sum(...).",
         _wrong_cost(sign=-1.0, mean=False)),
        ("log(0) = -inf where AL is exactly 0 or 1: clip AL to [eps, 1 - eps] first, "
         "with eps = np.finfo(AL.dtype).eps.", _wrong_cost(clip=False)),
    ],
    "update_parameters": [
        ("the update adds the gradient: gradient descent steps against it, W = W - learning_rate * dW.",
         _wrong_update(direction=1.0)),
    ],
}


def _is_nan(value):
    """True for a NaN number (a cost gone wrong), False for anything else."""
    return isinstance(value, (float, np.floating)) and bool(np.isnan(value))


def recognise(name, arguments, got, matches):
    """The advice for the first known mistake of function ``name`` that reproduces ``got``, or None.

    Arguments:
        name -- the function's name, a key of MISTAKES
        arguments -- the inputs the learner's function was called with (not modified)
        got -- what the learner's function returned
        matches -- function (got, expected) -> True when the two results agree
    """
    for advice, wrong in MISTAKES.get(name, []):
        try:
            with np.errstate(all="ignore"):
                expected = wrong(*arguments)
        except Exception:  # a slip that cannot run on these inputs cannot be the learner's
            continue
        if (_is_nan(got) and _is_nan(expected)) or matches(got, expected):
            return advice
    return None
