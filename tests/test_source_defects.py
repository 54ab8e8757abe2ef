"""One test per defect of the source lesson (COURSE.md section 1): the course's code gets right
what the defective code gets wrong."""

import math

import numpy as np
import pytest

from dnn_helpers import (
    TrainingDiverged,
    backward_propagation,
    compute_cost,
    dnn,
    forward_propagation,
    gradient_check,
    initialize_parameters,
    linear_activation_backward,
    linear_backward,
    relu_backward,
)
from dnn_helpers.gradient_checking import numerical_gradients, relative_difference


def xor_data(m=300, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(2, m))
    return X, (X[0:1] * X[1:2] > 0).astype(float)


def defective_linear_backward(dZ, W, A_prev):
    m = A_prev.shape[0]  # defect 1: counts features, not examples
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


def one_layer_gradients(linear_backward_function, X, Y, params):
    AL, caches = forward_propagation(X, params)
    _, dW, db = linear_backward_function(AL - Y, caches[0].W, caches[0].A_prev)
    return {"dW1": dW, "db1": db}


def test_defect_1_examples_counted_on_the_right_axis():
    rng = np.random.default_rng(0)
    params = {"W1": rng.normal(size=(1, 3)), "b1": np.array([[0.1]])}

    def difference(function, m):
        X = rng.normal(size=(3, m))
        Y = (rng.random((1, m)) > 0.5).astype(float)
        numerical = numerical_gradients(lambda p: compute_cost(forward_propagation(X, p)[0], Y), params)
        return relative_difference(one_layer_gradients(function, X, Y, params), numerical)

    # square data hides the defect; non-square data exposes it, and only the defective code fails
    assert difference(defective_linear_backward, m=3) < 1e-8
    assert difference(defective_linear_backward, m=12) > 0.5  # dW 4x too large
    assert difference(linear_backward, m=12) < 1e-8


def test_defect_2_unscaled_randn_explodes_or_stalls_where_he_trains():
    X, Y = xor_data()
    dims = [2, 50, 50, 50, 50, 50, 1]
    # forward: with Var(W) = 1 each ReLU layer multiplies the scale by about sqrt(50 / 2) = 5
    for method, low, high in (("randn", 1e2, np.inf), ("he", 0.2, 5.0)):
        _, caches = forward_propagation(X, initialize_parameters(dims, method=method, seed=1))
        assert low < caches[-1].A_prev.std() < high, method
    for learning_rate in (0.01, 0.1):
        he_params, he_costs = dnn(X, Y, dims, learning_rate, 1000, initialization="he", seed=1)
        assert he_costs[-1] < 0.1
        try:
            _, randn_costs = dnn(X, Y, dims, learning_rate, 1000, initialization="randn", seed=1)
        except TrainingDiverged:
            continue  # explodes
        assert randn_costs[0] > 10  # starts with saturated, confidently wrong outputs
        assert randn_costs[-1] == pytest.approx(math.log(2), abs=0.01)  # then stalls at a coin flip


def test_defect_3_cache_keeps_A_prev():
    X, Y = xor_data(m=7)
    params = initialize_parameters([2, 3, 1], seed=0)
    AL, caches = forward_propagation(X, params)
    W, A_prev, Z, A = caches[0].W, caches[0].A_prev, caches[0].Z, np.maximum(caches[0].Z, 0)
    w, a, z, a = W, A_prev, Z, A  # the source lesson's unpacking: the second `a` overwrites A_prev
    dA = np.ones_like(Z)
    _, dW_defective, _ = linear_backward(relu_backward(dA, z), w, a)
    _, dW, _ = linear_activation_backward(dA, caches[0], "relu")
    np.testing.assert_allclose(dW, relu_backward(dA, Z) @ X.T / 7)
    # with A in place of A_prev, dW comes out (3, 3) for a W1 of shape (3, 2)
    assert dW_defective.shape == (3, 3) and dW.shape == params["W1"].shape


def test_defect_4_costs_are_recorded_and_params_returned():
    X, Y = xor_data()
    params, costs = dnn(X, Y, [2, 8, 1], learning_rate=0.5, num_iterations=1000)
    assert len(costs) == 10  # iterations 0, 100, ..., 900
    assert costs[0] > costs[-1] and set(params) == {"W1", "b1", "W2", "b2"}


def test_defect_5_dA_index_matches_A():
    X, Y = xor_data(m=5)
    params = initialize_parameters([2, 3, 1], seed=0)
    AL, caches = forward_propagation(X, params)
    grads = backward_propagation(AL, Y, caches)
    # dA1 is the gradient of A1 (the hidden output), = W2^T dZ2 with dZ2 = AL - Y
    np.testing.assert_allclose(grads["dA1"], params["W2"].T @ (AL - Y))
    np.testing.assert_allclose(grads["dA2"], -(Y / AL - (1 - Y) / (1 - AL)))


def test_defect_6_saturated_output_keeps_cost_and_training_finite():
    AL = np.array([[1.0, 0.0, 1.0]])
    Y = np.array([[1, 0, 0]])
    with np.errstate(divide="ignore", invalid="ignore"):
        naive = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    assert not math.isfinite(naive)
    assert math.isfinite(compute_cost(AL, Y))
    # a network with large weights saturates: its cost and gradients stay finite
    X, Y = xor_data(m=40)
    params = {key: 100 * value for key, value in initialize_parameters([2, 3, 1], seed=0).items()}
    AL, caches = forward_propagation(X, params)
    assert np.isin(AL, (0.0, 1.0)).any()
    assert math.isfinite(compute_cost(AL, Y))
    assert all(np.isfinite(gradient).all() for gradient in backward_propagation(AL, Y, caches).values())
