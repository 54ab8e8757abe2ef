import numpy as np
import pytest

from dnn_helpers import backward_propagation, compute_cost, forward_propagation, initialize_parameters
from dnn_helpers.gradient_checking import numerical_gradients, relative_difference
from dnn_helpers.parameters import randomize_biases
from dnn_helpers.regularization import (
    add_l2_gradients,
    augment_with_shifts,
    backward_propagation_with_dropout,
    dropout_forward,
    forward_propagation_with_dropout,
    l2_penalty,
    shift_images,
)


def problem(seed=0):
    rng = np.random.default_rng(seed)
    params = randomize_biases(initialize_parameters([3, 5, 4, 1], method="xavier", seed=rng), 0.3, rng)
    X = rng.normal(size=(3, 8))
    Y = (rng.random((1, 8)) > 0.5).astype(float)
    return X, Y, params


def test_l2_penalty_by_hand():
    params = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[5.0]]), "W2": np.array([[3.0]]), "b2": np.array([[0.0]])}
    # (0.5 / (2 * 4)) * (1 + 4 + 9); biases are not penalised
    assert l2_penalty(params, lambd=0.5, m=4) == pytest.approx(0.875)


def test_l2_gradient_is_checked_numerically():
    X, Y, params = problem()
    lambd = 0.7

    def cost_of(p):
        return compute_cost(forward_propagation(X, p)[0], Y) + l2_penalty(p, lambd, X.shape[1])

    AL, caches = forward_propagation(X, params)
    grads = add_l2_gradients(backward_propagation(AL, Y, caches), params, lambd, X.shape[1])
    assert relative_difference(grads, numerical_gradients(cost_of, params)) < 1e-7


def test_dropout_backward_is_checked_numerically_with_fixed_masks():
    X, Y, params = problem(1)
    keep_prob = 0.6
    _, _, masks = forward_propagation_with_dropout(X, params, keep_prob, np.random.default_rng(5))

    class Replay:
        """A generator stand-in that draws the same masks again, so the cost is a fixed function."""

        def __init__(self):
            self.masks = iter(masks)

        def random(self, shape):
            return np.where(next(self.masks), 0.0, 1.0)

    def cost_of(p):
        AL, _, _ = forward_propagation_with_dropout(X, p, keep_prob, Replay())
        return compute_cost(AL, Y)

    AL, caches, used = forward_propagation_with_dropout(X, params, keep_prob, Replay())
    assert all(np.array_equal(a, b) for a, b in zip(used, masks))
    grads = backward_propagation_with_dropout(AL, Y, caches, used, keep_prob)
    assert relative_difference(grads, numerical_gradients(cost_of, params)) < 1e-7


def test_inverted_dropout_keeps_the_expected_activation():
    A = np.ones((200, 500))
    dropped, mask = dropout_forward(A, 0.8, np.random.default_rng(0))
    assert set(np.unique(dropped)) == {0.0, 1.25}
    assert mask.mean() == pytest.approx(0.8, abs=0.005)
    assert dropped.mean() == pytest.approx(1.0, abs=0.01)


def test_keep_prob_must_be_a_probability():
    X, _, params = problem()
    with pytest.raises(ValueError, match=r"keep_prob .* must lie in \(0, 1\], got 1.5"):
        forward_propagation_with_dropout(X, params, 1.5, np.random.default_rng(0))


def test_shift_images_by_hand():
    image = np.arange(9.0).reshape(9, 1)  # a 3x3 image [[0,1,2],[3,4,5],[6,7,8]]
    np.testing.assert_array_equal(shift_images(image, 1, 0, (3, 3)).reshape(3, 3), [[0, 0, 0], [0, 1, 2], [3, 4, 5]])
    np.testing.assert_array_equal(shift_images(image, 0, -1, (3, 3)).reshape(3, 3), [[1, 2, 0], [4, 5, 0], [7, 8, 0]])
    X, Y = augment_with_shifts(image, np.array([[1]]), image_shape=(3, 3))
    assert X.shape == (9, 5) and Y.tolist() == [[1, 1, 1, 1, 1]]
