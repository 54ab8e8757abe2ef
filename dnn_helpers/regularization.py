"""Regularisation: L2 weight decay, inverted dropout, and shifted copies of images.

L2 adds (lambd / 2m) * sum_l ||W[l]||^2 to the cost, so every dW[l] gains (lambd / m) W[l]:
large weights cost something, and the network prefers smoother functions.

Inverted dropout keeps each hidden unit with probability keep_prob during training and
divides what it keeps by keep_prob, so the expected activation is unchanged and
prediction needs no correction: at test time every unit is used, with no scaling.
"""

import numpy as np

from ._validation import check_examples, number_of_layers
from .backward import linear_activation_backward, linear_backward
from .forward import linear_activation_forward


def _check_keep_prob(keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError(f"keep_prob is the probability of keeping a unit: it must lie in (0, 1], got {keep_prob!r}.")


def l2_penalty(params, lambd, m):
    """The L2 term (lambd / 2m) * sum of the squares of every weight (biases are not penalised)."""
    L = number_of_layers(params)
    return float(lambd / (2 * m) * sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, L + 1)))


def add_l2_gradients(grads, params, lambd, m):
    """Return a copy of ``grads`` with (lambd / m) W[l] added to every dW[l], the gradient of l2_penalty."""
    L = number_of_layers(params)
    new_grads = dict(grads)
    for l in range(1, L + 1):
        new_grads[f"dW{l}"] = grads[f"dW{l}"] + (lambd / m) * params[f"W{l}"]
    return new_grads


def dropout_forward(A, keep_prob, rng):
    """Zero each entry of A with probability 1 - keep_prob and scale the rest by 1 / keep_prob.

    Arguments:
        A -- activations of a hidden layer, shape (n_l, m)
        keep_prob -- probability of keeping a unit, in (0, 1]
        rng -- numpy.random.Generator
    Returns:
        A_dropped -- shape (n_l, m)
        mask -- boolean array of shape (n_l, m), True where the unit was kept
    """
    mask = rng.random(A.shape) < keep_prob
    return A * mask / keep_prob, mask


def dropout_backward(dA, mask, keep_prob):
    """The gradient through dropout: the same mask and the same 1 / keep_prob scale, dA of shape (n_l, m)."""
    return dA * mask / keep_prob


def forward_propagation_with_dropout(X, params, keep_prob, rng, hidden_activation="relu",
                                     output_activation="sigmoid"):
    """forward_propagation with inverted dropout after every hidden layer (never on the input or output).

    Arguments:
        X -- input, shape (n_x, m);  params -- "W1", "b1", ..., "WL", "bL"
        keep_prob -- probability of keeping a hidden unit;  rng -- numpy.random.Generator
    Returns:
        AL -- output, shape (n_L, m)
        caches -- the LayerCache of each layer (A_prev is the input after dropout)
        masks -- list of the L - 1 boolean masks of the hidden layers
    """
    _check_keep_prob(keep_prob)
    L = number_of_layers(params)
    A = check_examples(X, n_x=params["W1"].shape[1])
    caches, masks = [], []
    for l in range(1, L + 1):
        activation = output_activation if l == L else hidden_activation
        A, cache = linear_activation_forward(A, params[f"W{l}"], params[f"b{l}"], activation)
        caches.append(cache)
        if l < L:
            A, mask = dropout_forward(A, keep_prob, rng)
            masks.append(mask)
    return A, caches, masks


def backward_propagation_with_dropout(AL, Y, caches, masks, keep_prob):
    """backward_propagation through the dropout masks that forward_propagation_with_dropout drew.

    Arguments:
        AL -- shape (n_L, m);  Y -- labels of the same shape (0/1, or one-hot for softmax)
        caches, masks -- from forward_propagation_with_dropout
    Returns:
        grads -- "dW{l}", "db{l}" for l = 1 .. L (and "dA{l}" for l = 0 .. L-1)
    """
    L = len(caches)
    # a sigmoid or softmax output with the cross-entropy: dZ[L] = AL - Y (lesson 5)
    grads = {}
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(AL - Y, caches[-1].W, caches[-1].A_prev)
    for l in range(L - 1, 0, -1):
        dA = dropout_backward(dA, masks[l - 1], keep_prob)  # the mask applied to A[l]
        grads[f"dA{l}"] = dA
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], caches[l - 1].activation)
    grads["dA0"] = dA
    return grads


def shift_images(X, rows, columns, image_shape=(28, 28)):
    """Move every image by (rows, columns) pixels, filling the uncovered border with 0 (background).

    Arguments:
        X -- flattened images, shape (h * w, m), one per column
        rows, columns -- shift down (negative: up) and right (negative: left), in pixels
    Returns:
        shifted images, shape (h * w, m)
    """
    h, w = image_shape
    images = X.reshape(h, w, -1)
    shifted = np.zeros_like(images)
    target_rows = slice(max(rows, 0), h + min(rows, 0))
    source_rows = slice(max(-rows, 0), h + min(-rows, 0))
    target_columns = slice(max(columns, 0), w + min(columns, 0))
    source_columns = slice(max(-columns, 0), w + min(-columns, 0))
    shifted[target_rows, target_columns] = images[source_rows, source_columns]
    return shifted.reshape(h * w, -1)


def augment_with_shifts(X, Y, shifts=((1, 0), (-1, 0), (0, 1), (0, -1)), image_shape=(28, 28)):
    """The images and labels, followed by a copy shifted by each (rows, columns) in ``shifts``.

    Returns:
        X_augmented of shape (h * w, m * (1 + len(shifts))), Y_augmented with the labels repeated
    """
    X_parts = [X] + [shift_images(X, r, c, image_shape) for r, c in shifts]
    return np.concatenate(X_parts, axis=1), np.concatenate([Y] * len(X_parts), axis=1)
