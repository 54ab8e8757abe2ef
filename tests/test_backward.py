import numpy as np
import pytest

from dnn_helpers import (
    backward_propagation,
    forward_propagation,
    gradient_check,
    initialize_parameters,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
)
from dnn_helpers.parameters import randomize_biases


def test_linear_backward_hand_values():
    dZ = np.array([[1.0, 2.0, 3.0]])  # n_l = 1, m = 3
    A_prev = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 2.0]])  # n_{l-1} = 2
    W = np.array([[2.0, -1.0]])
    dA_prev, dW, db = linear_backward(dZ, W, A_prev)
    # dW = dZ A_prev^T / 3 = [[1 + 3, 2 + 6]] / 3,  db = (1 + 2 + 3) / 3
    np.testing.assert_allclose(dW, [[4 / 3, 8 / 3]])
    np.testing.assert_allclose(db, [[2.0]])
    np.testing.assert_allclose(dA_prev, [[2.0, 4.0, 6.0], [-1.0, -2.0, -3.0]])
    assert db.shape == (1, 1)


def test_linear_activation_backward_relu_by_hand():
    A_prev = np.array([[1.0, -1.0]])
    W, b = np.array([[2.0], [-1.0]]), np.zeros((2, 1))
    _, cache = linear_activation_forward(A_prev, W, b, "relu")  # Z = [[2, -2], [-1, 1]]
    dA = np.ones((2, 2))
    dA_prev, dW, db = linear_activation_backward(dA, cache, "relu")
    # dZ = [[1, 0], [0, 1]]
    np.testing.assert_allclose(dW, [[0.5], [-0.5]])
    np.testing.assert_allclose(db, [[0.5], [0.5]])
    np.testing.assert_allclose(dA_prev, [[2.0, -1.0]])


def test_output_gradient_is_AL_minus_Y_for_one_layer():
    X = np.array([[1.0, 2.0, -1.0, 0.5]])
    Y = np.array([[1, 0, 0, 1]])
    params = {"W1": np.array([[0.3]]), "b1": np.array([[-0.2]])}
    AL, caches = forward_propagation(X, params)
    grads = backward_propagation(AL, Y, caches)
    # logistic regression: dW = (AL - Y) X^T / m, db = mean(AL - Y)
    np.testing.assert_allclose(grads["dW1"], (AL - Y) @ X.T / 4)
    np.testing.assert_allclose(grads["db1"], [[np.mean(AL - Y)]])


def test_saturated_but_wrong_output_still_has_a_gradient():
    X = np.array([[100.0]])
    params = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}  # AL rounds to exactly 1.0
    AL, caches = forward_propagation(X, params)
    assert AL[0, 0] == 1.0
    grads = backward_propagation(AL, np.array([[0]]), caches)
    np.testing.assert_allclose(grads["db1"], [[1.0]])  # AL - Y = 1, not 0


def test_dA_keys_name_the_output_of_each_layer():
    params = initialize_parameters([3, 4, 2, 1], seed=0)
    X = np.random.default_rng(0).normal(size=(3, 5))
    AL, caches = forward_propagation(X, params)
    grads = backward_propagation(AL, np.array([[0, 1, 1, 0, 1]]), caches)
    assert {f"dA{l}" for l in range(4)} <= set(grads)
    for l in range(4):
        assert grads[f"dA{l}"].shape == (X if l == 0 else caches[l - 1].Z).shape
    for key in ("W1", "b1", "W2", "b2", "W3", "b3"):
        assert grads["d" + key].shape == params[key].shape


def random_problem(depth, activation, seed):
    """A random network of the given depth with non-zero biases (away from ReLU kinks)."""
    rng = np.random.default_rng(seed)
    n_x = int(rng.integers(2, 5))
    dims = [n_x] + [int(n) for n in rng.integers(2, 6, size=depth - 1)] + [1]
    params = randomize_biases(initialize_parameters(dims, method="xavier", seed=rng), 0.5, rng)
    m = int(rng.integers(3, 9))  # m != n_x for most draws: catches a wrong axis
    X = rng.normal(size=(n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    return X, Y, params


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "leaky_relu"])
@pytest.mark.parametrize("depth", [1, 2, 3, 4, 5])
def test_backward_matches_numerical_gradients(depth, activation):
    X, Y, params = random_problem(depth, activation, seed=100 * depth + len(activation))
    difference, worst = gradient_check(X, Y, params, activation, worst=3)
    assert difference < 1e-7, worst


def test_numerical_gradients_of_a_quadratic_by_hand():
    from dnn_helpers.gradient_checking import numerical_gradients

    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}

    def cost(p):
        return float(np.sum(p["W1"] ** 2) + 3 * p["b1"][0, 0])

    centred = numerical_gradients(cost, params, epsilon=1e-3)
    one_sided = numerical_gradients(cost, params, epsilon=1e-3, centred=False)
    # d(w^2)/dw = 2w exactly for the centred form; the one-sided form adds eps: ((w + eps)^2 - w^2) / eps = 2w + eps
    np.testing.assert_allclose(centred["dW1"], [[2.0, -4.0]], rtol=1e-9)
    np.testing.assert_allclose(one_sided["dW1"], [[2.001, -3.999]], rtol=1e-9)
    np.testing.assert_allclose(centred["db1"], [[3.0]], rtol=1e-9)
    np.testing.assert_array_equal(params["W1"], [[1.0, -2.0]])  # the input is left as it was
