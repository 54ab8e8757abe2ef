"""Lesson 10's exercises: l2_penalty, add_l2_gradients, dropout_forward, dropout_backward."""

import numpy as np

from .. import backward, regularization
from .inputs import make_rng, small_network
from .record import Exercise, Mistake

LESSON = 10
NOTEBOOK = "10_regularization.ipynb"


def _l2_cases(seed):
    _, _, params, _, _ = small_network(seed)
    return [((params, 0.7, 6), "lambd = 0.7, m = 6")]


def _l2_gradient_cases(seed):
    _, Y, params, AL, caches = small_network(seed)
    return [((backward.backward_propagation(AL, Y, caches), params, 0.7, 6), "lambd = 0.7, m = 6")]


def _dropout_cases(seed):
    A = np.abs(make_rng(seed).normal(size=(5, 6)))
    return [((A, 0.8, np.random.default_rng(seed)), "A (5, 6), keep_prob = 0.8, a seeded Generator")]


def _dropout_backward_cases(seed):
    rng = make_rng(seed)
    return [((rng.normal(size=(5, 6)), rng.random((5, 6)) < 0.8, 0.8), "dA and mask (5, 6), keep_prob = 0.8")]


def _wrong_l2_penalty(half=True, biases=False):
    """The L2 penalty without its 1/2, or with the biases' squares in the sum."""

    def wrong(params, lambd, m):
        keys = [key for key in params if biases or key.startswith("W")]
        return float(lambd / ((2 if half else 1) * m) * sum(np.sum(params[key] ** 2) for key in keys))

    return wrong


def _l2_gradients_with_biases(grads, params, lambd, m):
    new_grads = dict(grads)
    for key, value in params.items():
        new_grads["d" + key] = grads["d" + key] + (lambd / m) * value
    return new_grads


def _wrong_dropout(A, keep_prob, rng, scale=True, flipped=False):
    """Inverted dropout on A (n, m) without the 1 / keep_prob, or keeping the units it should drop."""
    draws = rng.random(A.shape)
    mask = draws > keep_prob if flipped else draws < keep_prob
    return A * mask / (keep_prob if scale else 1), mask


EXERCISES = (
    Exercise(
        "l2_penalty", regularization.l2_penalty, _l2_cases, "penalty",
        mistakes=(
            Mistake("the 1/2 is missing: the penalty is lambd / (2 m) * sum of ||W[l]||^2 (the 1/2 makes its "
                    "gradient (lambd / m) W).", _wrong_l2_penalty(half=False)),
            Mistake("the biases are penalised too: L2 sums the squares of the weights W[l] only.",
                    _wrong_l2_penalty(biases=True)),
        ),
    ),
    Exercise(
        "add_l2_gradients", regularization.add_l2_gradients, _l2_gradient_cases, "grads",
        mistakes=(
            Mistake("db changed: the biases are not penalised, so only dW[l] gains (lambd / m) W[l].",
                    _l2_gradients_with_biases),
        ),
    ),
    Exercise(
        "dropout_forward", regularization.dropout_forward, _dropout_cases, ("A_dropped", "mask"),
        mistakes=(
            Mistake("the kept units are not divided by keep_prob: inverted dropout scales A * mask by 1 / keep_prob.",
                    lambda A, keep_prob, rng: _wrong_dropout(A, keep_prob, rng, scale=False)),
            Mistake("the mask keeps units where rng.random(...) > keep_prob: keep them where it is < keep_prob.",
                    lambda A, keep_prob, rng: _wrong_dropout(A, keep_prob, rng, flipped=True)),
        ),
    ),
    Exercise(
        "dropout_backward", regularization.dropout_backward, _dropout_backward_cases, "dA",
        mistakes=(
            Mistake("the gradient is not divided by keep_prob: the backward step scales like the forward step.",
                    lambda dA, mask, keep_prob: dA * mask),
        ),
    ),
)
