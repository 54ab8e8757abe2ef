"""The inputs of the lessons' check cells, and the package function each is compared with.

Inputs are small and non-square (n_{l-1} != m) so that a wrong axis shows, and
include the edge cases a lesson insists on: exact zeros for ReLU, huge inputs
for the sigmoid, saturated outputs for the cost and backward propagation, a
diverging learning rate for the training loop.
"""

import numpy as np

from . import activations, backward, cost, diagnostics, forward, gradient_checking, optimizers, parameters
from . import regularization, training, update
from .data import one_hot


def _rng(seed):
    return np.random.default_rng(seed)


def _layer_inputs(seed, n_prev=4, n=3, m=5):
    """A_prev (n_prev, m), W (n, n_prev), b (n, 1): non-square so a wrong axis shows."""
    rng = _rng(seed)
    return rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))


def _network(seed, dims=(4, 5, 3, 1), m=6, hidden="relu"):
    """X, Y, params and the forward results of a small network with non-zero biases."""
    rng = _rng(seed)
    params = parameters.initialize_parameters(dims, method="xavier", seed=rng)
    for l in range(1, len(dims)):
        params[f"b{l}"] = rng.normal(scale=0.3, size=params[f"b{l}"].shape)
    X = rng.normal(size=(dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    AL, caches = forward.forward_propagation(X, params, hidden)
    return X, Y, params, AL, caches


def _activation_cases(seed):
    Z = _rng(seed).normal(scale=3, size=(3, 4))
    return [((Z,), "Z of shape (3, 4)"), ((np.array([[-1000.0, 0.0, 1000.0]]),), "Z = [[-1000, 0, 1000]]")]


def _activation_backward_cases(seed):
    rng = _rng(seed)
    Z = rng.normal(size=(3, 4))
    Z_with_zeros = np.array([[-1.0, 0.0, 2.0], [0.0, 3.0, -0.5]])
    return [((rng.normal(size=(3, 4)), Z), "dA and Z of shape (3, 4)"),
            ((np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Z_with_zeros), "Z with entries exactly 0")]


def _initialize_cases(seed):
    return [
        (([3, 4, 1],), "layer_dims = [3, 4, 1]"),
        (([5, 4, 3, 2, 1],), "layer_dims = [5, 4, 3, 2, 1]"),
        *[(([4, 3, 1], method, 3), f"method={method!r}, seed=3") for method in ("randn", "small", "xavier", "zeros")],
        (([3, 2, 1], "he", 0, np.float32), "dtype=np.float32"),
    ]


def _linear_forward_cases(seed):
    return [(_layer_inputs(seed), "A_prev (4, 5), W (3, 4), b (3, 1)")]


def _linear_activation_forward_cases(seed):
    A_prev, W, b = _layer_inputs(seed)
    return [((A_prev, W, b, name), f"activation={name!r}") for name in ("sigmoid", "relu")]


def _forward_propagation_cases(seed):
    X, _, params, _, _ = _network(seed)
    X3, _, params3, _, _ = _network(seed + 1, dims=(3, 1), m=4)
    return [((X, params), "layer_dims (4, 5, 3, 1), m = 6"), ((X3, params3), "one layer (3, 1), m = 4")]


def _compute_cost_cases(seed):
    AL = np.array([[0.8, 0.1, 0.5, 0.99]])
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    return [((AL, Y), "AL = [[0.8, 0.1, 0.5, 0.99]], Y = [[1, 0, 1, 0]]"),
            ((np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]])), "AL exactly 1 and 0")]


def _linear_backward_cases(seed):
    A_prev, W, _ = _layer_inputs(seed)
    dZ = _rng(seed + 1).normal(size=(3, 5))
    return [((dZ, W, A_prev), "dZ (3, 5), W (3, 4), A_prev (4, 5)")]


def _linear_activation_backward_cases(seed):
    cases = []
    for name in ("sigmoid", "relu"):
        A_prev, W, b = _layer_inputs(seed)
        _, cache = forward.linear_activation_forward(A_prev, W, b, name)
        dA = _rng(seed + 2).normal(size=cache.Z.shape)
        cases.append(((dA, cache, name), f"activation={name!r}"))
    return cases


def _backward_propagation_cases(seed):
    _, Y, _, AL, caches = _network(seed)
    X, _, params, _, _ = _network(seed)
    params["b3"] = np.array([[40.0]])  # the sigmoid output saturates: AL is exactly 1.0
    AL_saturated, caches_saturated = forward.forward_propagation(X, params)
    Y_wrong = np.zeros_like(Y)  # confidently wrong everywhere: the gradient must not vanish
    return [((AL, Y, caches), "layer_dims (4, 5, 3, 1), m = 6"),
            ((AL_saturated, Y_wrong, caches_saturated), "a saturated output, AL exactly 1.0 where Y = 0")]


def _update_parameters_cases(seed):
    _, Y, params, AL, caches = _network(seed)
    grads = backward.backward_propagation(AL, Y, caches)
    return [((params, grads, 0.1), "learning_rate = 0.1")]


def _dnn_cases(seed):
    rng = _rng(seed)
    X = rng.normal(size=(2, 20))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    return [((X, Y, [2, 4, 1], 0.5, 200), "layer_dims [2, 4, 1], 200 iterations"),
            ((X, Y, [2, 4, 1], 0.5, 100, "tanh"), "hidden_activation='tanh'"),
            ((X, Y, [2, 8, 8, 1], 1000.0, 50), "learning_rate=1000, which diverges")]


def _softmax_cases(seed):
    Z = _rng(seed).normal(scale=3, size=(4, 5))
    return [((Z,), "Z of shape (4, 5): 4 classes, 5 examples"),
            ((np.array([[1000.0, -3.0], [999.0, 0.0], [998.0, 2.0]]),), "Z with a column of scores near 1000")]


def _multiclass_cost_cases(seed):
    rng = _rng(seed)
    AL = activations.softmax(rng.normal(size=(4, 5)))
    Y = one_hot(np.array([0, 3, 1, 3, 2]), 4)
    saturated = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    return [((AL, Y), "AL (4, 5) from a softmax, one-hot Y"),
            ((saturated, one_hot(np.array([0, 2]), 3)), "AL with exact 0 where the label is")]


def _l2_cases(seed):
    _, _, params, _, _ = _network(seed)
    return [((params, 0.7, 6), "lambd = 0.7, m = 6")]


def _l2_gradient_cases(seed):
    _, Y, params, AL, caches = _network(seed)
    return [((backward.backward_propagation(AL, Y, caches), params, 0.7, 6), "lambd = 0.7, m = 6")]


def _dropout_cases(seed):
    A = np.abs(_rng(seed).normal(size=(5, 6)))
    return [((A, 0.8, np.random.default_rng(seed)), "A (5, 6), keep_prob = 0.8, a seeded Generator")]


def _dropout_backward_cases(seed):
    rng = _rng(seed)
    return [((rng.normal(size=(5, 6)), rng.random((5, 6)) < 0.8, 0.8), "dA and mask (5, 6), keep_prob = 0.8")]


def _optimizer_inputs(seed):
    _, Y, params, AL, caches = _network(seed)
    grads = backward.backward_propagation(AL, Y, caches)
    grads = {key: value for key, value in grads.items() if not key.startswith("dA")}
    rng = _rng(seed + 3)
    state = {key: rng.normal(scale=0.1, size=value.shape) for key, value in grads.items()}
    squares = {key: value ** 2 for key, value in state.items()}
    return params, grads, state, squares


def _zeros_like(state):
    return {key: np.zeros_like(value) for key, value in state.items()}


def _momentum_cases(seed):
    params, grads, v, _ = _optimizer_inputs(seed)
    return [((params, grads, _zeros_like(v), 0.1, 0.9), "first step: v = 0, learning_rate = 0.1, beta = 0.9"),
            ((params, grads, v, 0.1, 0.9), "learning_rate = 0.1, beta = 0.9, non-zero v")]


def _rmsprop_cases(seed):
    params, grads, _, s = _optimizer_inputs(seed)
    return [((params, grads, s, 0.01, 0.9, 1e-8), "learning_rate = 0.01, beta = 0.9, non-zero s"),
            ((params, grads, s, 0.01, 0.999, 1e-3), "beta = 0.999, epsilon = 1e-3")]


def _adam_cases(seed):
    params, grads, v, s = _optimizer_inputs(seed)
    return [((params, grads, _zeros_like(v), _zeros_like(s), 1, 0.01),
             "first step: t = 1, v = s = 0 (the step is learning_rate * sign(g))"),
            ((params, grads, v, s, 3, 0.01), "t = 3, learning_rate = 0.01, non-zero v and s"),
            ((params, grads, v, s, 3, 0.01, 0.9, 0.999, 1e-2), "epsilon = 1e-2")]


def _relative_difference_cases(seed):
    rng = _rng(seed)
    grads = {"dW1": rng.normal(size=(3, 2)), "db1": rng.normal(size=(3, 1))}
    numerical = {key: value + rng.normal(scale=1e-3, size=value.shape) for key, value in grads.items()}
    with_dA = {**grads, "dA0": rng.normal(size=(2, 4)), "dA1": rng.normal(size=(3, 4))}
    zeros = {key: np.zeros_like(value) for key, value in grads.items()}
    opposite = {key: -value for key, value in grads.items()}
    return [((grads, numerical), "two gradients that differ by about 1e-3"),
            ((with_dA, numerical), "grads also holding dA0 and dA1, which have no numerical estimate"),
            ((grads, opposite), "numerical = -grads (the answer is 1)"),
            ((zeros, zeros), "both gradients zero (the answer is 0, not a division by zero)")]


def _layer_statistics_cases(seed):
    X, Y, params, _, _ = _network(seed)
    return [((X, Y, params), "layer_dims (4, 5, 3, 1), m = 6")]


# function name -> (reference implementation, function making the (arguments, description) cases)
REFERENCES = {
    "initialize_parameters": (parameters.initialize_parameters, _initialize_cases),
    "sigmoid": (activations.sigmoid, _activation_cases),
    "relu": (activations.relu, _activation_cases),
    "tanh": (activations.tanh, _activation_cases),
    "leaky_relu": (activations.leaky_relu, _activation_cases),
    "sigmoid_backward": (activations.sigmoid_backward, _activation_backward_cases),
    "relu_backward": (activations.relu_backward, _activation_backward_cases),
    "tanh_backward": (activations.tanh_backward, _activation_backward_cases),
    "leaky_relu_backward": (activations.leaky_relu_backward, _activation_backward_cases),
    "linear_forward": (forward.linear_forward, _linear_forward_cases),
    "linear_activation_forward": (forward.linear_activation_forward, _linear_activation_forward_cases),
    "forward_propagation": (forward.forward_propagation, _forward_propagation_cases),
    "compute_cost": (cost.compute_cost, _compute_cost_cases),
    "linear_backward": (backward.linear_backward, _linear_backward_cases),
    "linear_activation_backward": (backward.linear_activation_backward, _linear_activation_backward_cases),
    "backward_propagation": (backward.backward_propagation, _backward_propagation_cases),
    "update_parameters": (update.update_parameters, _update_parameters_cases),
    "dnn": (training.dnn, _dnn_cases),
    "layer_statistics": (diagnostics.layer_statistics, _layer_statistics_cases),
    "l2_penalty": (regularization.l2_penalty, _l2_cases),
    "add_l2_gradients": (regularization.add_l2_gradients, _l2_gradient_cases),
    "dropout_forward": (regularization.dropout_forward, _dropout_cases),
    "dropout_backward": (regularization.dropout_backward, _dropout_backward_cases),
    "update_parameters_with_momentum": (optimizers.update_parameters_with_momentum, _momentum_cases),
    "update_parameters_with_rmsprop": (optimizers.update_parameters_with_rmsprop, _rmsprop_cases),
    "update_parameters_with_adam": (optimizers.update_parameters_with_adam, _adam_cases),
    "softmax": (activations.softmax, _softmax_cases),
    "compute_multiclass_cost": (cost.compute_multiclass_cost, _multiclass_cost_cases),
    "relative_difference": (gradient_checking.relative_difference, _relative_difference_cases),
}


# what each function returns, so that a message can name the array that is wrong
RESULT_NAMES = {
    "initialize_parameters": "params",
    "linear_forward": "Z",
    "linear_activation_forward": ("A", "cache"),
    "forward_propagation": ("AL", "caches"),
    "compute_cost": "cost",
    "linear_backward": ("dA_prev", "dW", "db"),
    "linear_activation_backward": ("dA_prev", "dW", "db"),
    "backward_propagation": "grads",
    "update_parameters": "params",
    "dnn": ("params", "costs"),
    "layer_statistics": "statistics",
    "l2_penalty": "penalty",
    "add_l2_gradients": "grads",
    "dropout_forward": ("A_dropped", "mask"),
    "dropout_backward": "dA",
    "update_parameters_with_momentum": ("params", "v"),
    "update_parameters_with_rmsprop": ("params", "s"),
    "update_parameters_with_adam": ("params", "v", "s"),
    "compute_multiclass_cost": "cost",
    "relative_difference": "difference",
}


# the functions each lesson asks the learner to write, for ``progress``
LESSON_FUNCTIONS = {
    1: ["initialize_parameters"],
    2: ["sigmoid", "relu", "sigmoid_backward", "relu_backward"],
    3: ["linear_forward", "linear_activation_forward", "forward_propagation"],
    4: ["compute_cost"],
    5: ["linear_backward", "linear_activation_backward", "backward_propagation"],
    6: ["update_parameters", "dnn"],
    9: ["layer_statistics"],
    10: ["l2_penalty", "add_l2_gradients", "dropout_forward", "dropout_backward"],
    11: ["update_parameters_with_momentum", "update_parameters_with_rmsprop", "update_parameters_with_adam"],
    12: ["softmax", "compute_multiclass_cost"],
    13: ["relative_difference"],
}
