"""Each classic mistake, written the way a learner would write it, is named by the check cell."""

import numpy as np
import pytest

from dnn_helpers import checks, get_activation, linear_backward as reference_linear_backward, sigmoid


def message_for(function, capsys):
    assert checks.run_checks(function) is False
    return capsys.readouterr().out


def test_examples_from_the_wrong_axis(capsys):
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[0]
        return W.T @ dZ, (1 / m) * np.dot(dZ, A_prev.T), (1 / m) * np.sum(dZ, axis=1, keepdims=True)

    assert "the number of examples is taken from the wrong axis: m = A_prev.shape[1]" in message_for(linear_backward, capsys)


@pytest.mark.parametrize("axis, keepdims", [(1, False), (0, True), (0, False), (None, False)])
def test_db_over_the_wrong_axis_or_without_keepdims(axis, keepdims, capsys):
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[1]
        return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=axis, keepdims=keepdims) / m

    out = message_for(linear_backward, capsys)
    assert "Probable cause: db" in out and "np.sum(dZ, axis=1, keepdims=True)" in out


@pytest.mark.parametrize("variant", ["mask with dA", "times A", "no mask"])
def test_relu_backward_without_Z(variant, capsys):
    def relu_backward(dA, Z):
        if variant == "mask with dA":
            dZ = np.array(dA, copy=True)
            dZ[dA <= 0] = 0
            return dZ
        if variant == "times A":
            return dA * np.maximum(0, Z)
        return dA

    assert "Probable cause: the ReLU backward step" in message_for(relu_backward, capsys)


def test_relu_slip_inside_linear_activation_backward(capsys):
    def linear_activation_backward(dA, cache, activation):
        dZ = dA.copy() if activation == "relu" else get_activation(activation).backward(dA, cache.Z)
        return reference_linear_backward(dZ, cache.W, cache.A_prev)

    assert "passes dA through unchanged: set dZ to 0 where Z <= 0" in message_for(linear_activation_backward, capsys)


def test_sigmoid_backward_missing_a_factor(capsys):
    def sigmoid_backward(dA, Z):
        s = sigmoid(Z)
        return dA * s

    assert "missing the factor (1 - s)" in message_for(sigmoid_backward, capsys)


def test_dW_without_one_over_m(capsys):
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[1]
        return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True) / m

    out = message_for(linear_backward, capsys)
    assert "dW is too large by a factor of m: divide dZ @ A_prev.T by the number of examples, m = A_prev.shape[1]" in out


@pytest.mark.parametrize("which", ["dW", "dA_prev"])
def test_transposed_products(which, capsys):
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[1]
        dW = A_prev @ dZ.T / m if which == "dW" else dZ @ A_prev.T / m
        dA_prev = dZ.T @ W if which == "dA_prev" else W.T @ dZ
        return dA_prev, dW, np.sum(dZ, axis=1, keepdims=True) / m

    assert f"Probable cause: {which} is transposed" in message_for(linear_backward, capsys)


def test_unscaled_randn(capsys):
    def initialize_parameters(layer_dims, method="he", seed=0, dtype=np.float64):
        rng = np.random.default_rng(seed)
        params = {}
        for l in range(1, len(layer_dims)):
            params["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
            params["b" + str(l)] = np.zeros((layer_dims[l], 1))
        return params

    assert "the weights are unscaled randn: multiply by np.sqrt(2 / layer_dims[l - 1])" in message_for(initialize_parameters, capsys)


@pytest.mark.parametrize("slip, words", [
    ("sign", "the cost has the wrong sign"),
    ("sum", "the cost is a sum, not a mean"),
])
def test_cost_with_flipped_sign_or_without_mean(slip, words, capsys):
    def compute_cost(AL, Y):
        AL = np.clip(AL, np.finfo(float).eps, 1 - np.finfo(float).eps)
        log_likelihood = np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
        if slip == "sign":
            return float(log_likelihood / Y.shape[1])
        return float(-log_likelihood)

    assert words in message_for(compute_cost, capsys)


def test_update_with_plus(capsys):
    def update_parameters(params, grads, learning_rate):
        return {key: params[key] + learning_rate * grads["d" + key] for key in params}

    assert "gradient descent steps against it, W = W - learning_rate * dW" in message_for(update_parameters, capsys)


def test_parameters_mutated_in_place(capsys):
    def update_parameters(params, grads, learning_rate):
        for key in params:
            params[key] -= learning_rate * grads["d" + key]
        return params

    assert "changed its input argument 1 ('W1') in place; return new arrays instead" in message_for(update_parameters, capsys)


def test_progress_summary(capsys):
    def sigmoid(Z):
        raise NotImplementedError()

    def relu(Z):
        return np.maximum(Z, 0)

    checks._results.clear()
    checks.run_checks(sigmoid)
    checks.run_checks(relu)
    capsys.readouterr()
    assert checks.progress(2) is False
    assert capsys.readouterr().out == (
        "  sigmoid                      not passing yet\n"
        "  relu                         passed\n"
        "  sigmoid_backward             not checked yet\n"
        "  relu_backward                not checked yet\n"
        "Lesson 2: 1 of 4 exercises pass.\n"
    )
