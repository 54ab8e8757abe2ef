import math

import numpy as np
import pytest

from dnn_helpers import backward_propagation, forward_propagation, initialize_parameters
from dnn_helpers.activations import softmax, softmax_backward
from dnn_helpers.cost import compute_multiclass_cost
from dnn_helpers.data import one_hot
from dnn_helpers.gradient_checking import numerical_gradients, relative_difference
from dnn_helpers.parameters import randomize_biases


def test_softmax_hand_values_and_stability():
    Z = np.array([[0.0, 1000.0], [math.log(3.0), 1000.0]])
    A = softmax(Z)
    # column 1: exp(0) : exp(ln 3) = 1 : 3; column 2: two equal huge inputs, no overflow
    np.testing.assert_allclose(A, [[0.25, 0.5], [0.75, 0.5]])
    np.testing.assert_allclose(A.sum(axis=0), [1.0, 1.0])


def test_softmax_backward_matches_centred_differences():
    rng = np.random.default_rng(0)
    Z, dA = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    numerical = np.zeros_like(Z)
    for index in np.ndindex(Z.shape):
        plus, minus = Z.copy(), Z.copy()
        plus[index] += 1e-6
        minus[index] -= 1e-6
        numerical[index] = np.sum(dA * (softmax(plus) - softmax(minus))) / 2e-6
    np.testing.assert_allclose(softmax_backward(dA, Z), numerical, rtol=1e-6, atol=1e-9)


def test_multiclass_cost_by_hand_and_uniform_guess_is_ln_C():
    AL = np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]])
    Y = one_hot(np.array([0, 2]), 3)
    assert compute_multiclass_cost(AL, Y) == pytest.approx(-(math.log(0.7) + math.log(0.3)) / 2, rel=1e-14)
    assert compute_multiclass_cost(np.full((10, 4), 0.1), one_hot(np.array([1, 5, 9, 0]), 10)) == pytest.approx(
        math.log(10), rel=1e-14)


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_fused_softmax_cross_entropy_gradient_is_checked_numerically(depth):
    rng = np.random.default_rng(depth)
    dims = [3] + [4] * (depth - 1) + [5]
    params = randomize_biases(initialize_parameters(dims, method="xavier", seed=rng), 0.3, rng)
    X = rng.normal(size=(3, 7))
    Y = one_hot(rng.integers(0, 5, size=7), 5)

    def cost_of(p):
        AL, _ = forward_propagation(X, p, "tanh", "softmax")
        return compute_multiclass_cost(AL, Y)

    AL, caches = forward_propagation(X, params, "tanh", "softmax")
    grads = backward_propagation(AL, Y, caches)
    assert relative_difference(grads, numerical_gradients(cost_of, params)) < 1e-7


def test_one_hot_and_its_errors():
    np.testing.assert_array_equal(one_hot(np.array([[1, 0]]), 2), [[0, 1], [1, 0]])
    with pytest.raises(ValueError, match=r"must lie in 0 \.\. 2 for C = 3; found 0 \.\. 3"):
        one_hot(np.array([0, 3]), 3)


def test_softmax_labels_must_be_one_hot():
    AL = softmax(np.zeros((3, 2)))
    _, caches = forward_propagation(np.ones((2, 2)), initialize_parameters([2, 3], seed=0), output_activation="softmax")
    with pytest.raises(ValueError, match=r"holds 2 class numbers.*one_hot\(Y, C\)"):
        backward_propagation(AL, np.array([0, 2]), caches)
    with pytest.raises(ValueError, match=r"must be one-hot: each column holds a single 1.*column 1 is \[1.0, 1.0, 0.0\]"):
        compute_multiclass_cost(AL, np.array([[1, 1], [0, 1], [0, 0]]))
