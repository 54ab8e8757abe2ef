import math

import numpy as np
import pytest

from dnn_helpers import compute_cost, forward_propagation, linear_activation_forward, linear_forward
from dnn_helpers.forward import LayerCache

W = np.array([[1.0, -1.0], [2.0, 0.5]])
b = np.array([[0.5], [-1.0]])
X = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 1.0]])


def test_linear_forward_hand_values():
    # column 1: [1 - 2 + 0.5, 2 + 1 - 1] = [-0.5, 2]
    np.testing.assert_allclose(linear_forward(X, W, b), [[-0.5, -0.5, -1.5], [2.0, -0.5, -2.5]])


def test_linear_activation_forward_relu_and_cache():
    A, cache = linear_activation_forward(X, W, b, "relu")
    np.testing.assert_allclose(A, [[0.0, 0.0, 0.0], [2.0, 0.0, 0.0]])
    assert isinstance(cache, LayerCache)
    assert cache.A_prev is X and cache.W is W and cache.b is b and cache.activation == "relu"
    np.testing.assert_allclose(cache.Z, [[-0.5, -0.5, -1.5], [2.0, -0.5, -2.5]])


def test_two_layer_network_by_hand():
    params = {"W1": W, "b1": b, "W2": np.array([[1.0, 1.0]]), "b2": np.array([[-1.0]])}
    AL, caches = forward_propagation(X, params)
    # hidden A1 = [[0,0,0],[2,0,0]], so Z2 = [1, -1, -1]
    e = math.e
    np.testing.assert_allclose(AL, [[e / (1 + e), 1 / (1 + e), 1 / (1 + e)]])
    assert len(caches) == 2 and [c.activation for c in caches] == ["relu", "sigmoid"]
    np.testing.assert_allclose(caches[1].A_prev, [[0.0, 0.0, 0.0], [2.0, 0.0, 0.0]])


def test_hidden_activation_is_selectable():
    params = {"W1": W, "b1": b, "W2": np.array([[1.0, 1.0]]), "b2": np.array([[0.0]])}
    _, caches = forward_propagation(X, params, hidden_activation="tanh")
    np.testing.assert_allclose(caches[1].A_prev, np.tanh(caches[0].Z))


def test_cost_hand_value():
    AL = np.array([[0.8, 0.1, 0.5]])
    Y = np.array([[1, 0, 1]])
    expected = -(math.log(0.8) + math.log(0.9) + math.log(0.5)) / 3
    cost = compute_cost(AL, Y)
    assert isinstance(cost, float)
    assert cost == pytest.approx(expected, rel=1e-14)


def test_cost_of_a_coin_flip_is_ln2():
    assert compute_cost(np.full((1, 4), 0.5), np.array([[0, 1, 1, 0]])) == pytest.approx(math.log(2), rel=1e-15)


def test_cost_is_finite_at_exact_zero_and_one():
    # right and certain: (almost) no cost; wrong and certain: large but finite
    assert compute_cost(np.array([[1.0, 0.0]]), np.array([[1, 0]])) < 1e-15
    wrong = compute_cost(np.array([[0.0, 1.0]]), np.array([[1, 0]]))
    assert math.isfinite(wrong) and wrong == pytest.approx(-math.log(np.finfo(float).eps), rel=1e-6)
