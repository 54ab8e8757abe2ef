import math
import warnings

import numpy as np
import pytest

from dnn_helpers.activations import (
    ACTIVATIONS,
    get_activation,
    leaky_relu,
    leaky_relu_backward,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    tanh,
    tanh_backward,
)


def test_sigmoid_hand_values():
    Z = np.array([[0.0, math.log(3.0), -math.log(3.0)]])
    # sigmoid(ln 3) = 1 / (1 + 1/3) = 3/4
    np.testing.assert_allclose(sigmoid(Z), [[0.5, 0.75, 0.25]], rtol=1e-15)


def test_sigmoid_is_finite_and_silent_for_huge_inputs():
    Z = np.array([-1e4, -800.0, -40.0, 40.0, 800.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        A = sigmoid(Z)
    assert np.all(np.isfinite(A))
    assert A[0] == 0.0 and A[-1] == 1.0
    # exp(-40) / (1 + exp(-40)) is representable: the stable form keeps it
    np.testing.assert_allclose(A[2], math.exp(-40.0), rtol=1e-12)


def test_sigmoid_keeps_float32():
    assert sigmoid(np.ones((2, 3), dtype=np.float32)).dtype == np.float32


def test_relu_and_its_derivative_convention_at_zero():
    Z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_array_equal(relu(Z), [[0.0, 0.0, 3.0]])
    # gradient 0 at exactly Z = 0 (documented convention)
    np.testing.assert_array_equal(relu_backward(np.array([[5.0, 5.0, 5.0]]), Z), [[0.0, 0.0, 5.0]])


def test_tanh_and_leaky_relu_hand_values():
    Z = np.array([[math.log(2.0), -1.0]])
    # tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 3/5, and 1 - (3/5)^2 = 16/25
    assert tanh(Z)[0, 0] == pytest.approx(0.6, rel=1e-15)
    assert tanh_backward(np.ones_like(Z), Z)[0, 0] == pytest.approx(16 / 25, rel=1e-14)
    np.testing.assert_allclose(leaky_relu(Z), [[math.log(2.0), -0.01]])
    np.testing.assert_allclose(leaky_relu_backward(np.array([[2.0, 2.0]]), Z), [[2.0, 0.02]])


def test_sigmoid_backward_at_zero_is_a_quarter():
    np.testing.assert_allclose(sigmoid_backward(np.array([[2.0]]), np.array([[0.0]])), [[0.5]])


@pytest.mark.parametrize("name", sorted(set(ACTIVATIONS) - {"softmax"}))  # softmax is not elementwise: test_softmax.py
def test_backward_matches_centred_differences(name):
    g = get_activation(name)
    Z = np.random.default_rng(1).normal(size=(4, 6))
    Z[np.abs(Z) < 1e-3] = 0.5  # keep away from the kink of (leaky) ReLU
    dA = np.random.default_rng(2).normal(size=Z.shape)
    eps = 1e-6
    numerical = dA * (g.forward(Z + eps) - g.forward(Z - eps)) / (2 * eps)
    np.testing.assert_allclose(g.backward(dA, Z), numerical, rtol=1e-6, atol=1e-9)


def test_lookup_by_name_and_unknown_name():
    assert get_activation("relu").forward is relu
    with pytest.raises(ValueError, match=r"unknown activation 'softplus'.*'relu'"):
        get_activation("softplus")
