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


def _wrong_l2_penalty(half=True, biases=False, per_example=True, squared=True, lambd_used=True):
    """The L2 penalty without its 1/2, without the 1/m, with the biases' squares in the sum, with
    norms instead of squared norms, or without lambd."""

    def wrong(params, lambd, m):
        keys = [key for key in params if biases or key.startswith("W")]
        size = (lambda W: np.sum(W ** 2)) if squared else (lambda W: np.linalg.norm(W))
        scale = (lambd if lambd_used else 1) / ((2 if half else 1) * (m if per_example else 1))
        return float(scale * sum(size(params[key]) for key in keys))

    return wrong


def _wrong_l2_gradients(biases=False, per_example=True, lambd_used=True, replace=False, last_layer=True):
    """add_l2_gradients with one slip: the biases too, no 1/m, no lambd, dW replaced instead of added to,
    or the last layer left out."""

    def wrong(grads, params, lambd, m):
        L = len(params) // 2
        new_grads = dict(grads)
        for key, value in params.items():
            if (key.startswith("b") and not biases) or (key == f"W{L}" and not last_layer):
                continue
            term = (lambd if lambd_used else 1) / (m if per_example else 1) * value
            new_grads["d" + key] = term if replace else grads["d" + key] + term
        return new_grads

    return wrong


def _wrong_dropout(A, keep_prob, rng, scale=True, flipped=False, times=False, normal=False):
    """Inverted dropout on A (n, m) without the 1 / keep_prob (or times keep_prob), keeping the units it
    should drop, or with a mask drawn from a normal distribution."""
    draws = rng.standard_normal(A.shape) if normal else rng.random(A.shape)
    mask = draws > keep_prob if flipped else draws < keep_prob
    return A * mask * (keep_prob if times else 1) / (keep_prob if scale else 1), mask


EXERCISES = (
    Exercise(
        "l2_penalty", regularization.l2_penalty, _l2_cases, "penalty",
        mistakes=(
            Mistake("the 1/2 is missing: the penalty is lambd / (2 m) * sum of ||W[l]||^2 (the 1/2 makes its "
                    "gradient (lambd / m) W).", _wrong_l2_penalty(half=False)),
            Mistake("the 1/m is missing: the penalty is lambd / (2 m) * sum of ||W[l]||^2, a mean over the "
                    "m examples like the cost.", _wrong_l2_penalty(per_example=False)),
            Mistake("lambd is missing: the penalty is lambd / (2 m) * sum of ||W[l]||^2.",
                    _wrong_l2_penalty(lambd_used=False)),
            Mistake("the biases are penalised too: L2 sums the squares of the weights W[l] only.",
                    _wrong_l2_penalty(biases=True)),
            Mistake("the norms are not squared: the penalty sums the squares, np.sum(W ** 2), not np.linalg.norm(W).",
                    _wrong_l2_penalty(squared=False)),
        ),
    ),
    Exercise(
        "add_l2_gradients", regularization.add_l2_gradients, _l2_gradient_cases, "grads",
        mistakes=(
            Mistake("db changed: the biases are not penalised, so only dW[l] gains (lambd / m) W[l].",
                    _wrong_l2_gradients(biases=True)),
            Mistake("the 1/m is missing: dW[l] gains (lambd / m) W[l].", _wrong_l2_gradients(per_example=False)),
            Mistake("lambd is missing: dW[l] gains (lambd / m) W[l].", _wrong_l2_gradients(lambd_used=False)),
            Mistake("dW[l] was replaced by (lambd / m) W[l]: add the term to the gradient of the cost, "
                    "grads[f'dW{l}'] + (lambd / m) * params[f'W{l}'].", _wrong_l2_gradients(replace=True)),
            Mistake("the last layer gets no L2 term: go through every layer, l = 1 .. L, range(1, L + 1).",
                    _wrong_l2_gradients(last_layer=False)),
        ),
    ),
    Exercise(
        "dropout_forward", regularization.dropout_forward, _dropout_cases, ("A_dropped", "mask"),
        mistakes=(
            Mistake("the kept units are not divided by keep_prob: inverted dropout scales A * mask by 1 / keep_prob.",
                    lambda A, keep_prob, rng: _wrong_dropout(A, keep_prob, rng, scale=False)),
            Mistake("the mask keeps units where rng.random(...) > keep_prob: keep them where it is < keep_prob.",
                    lambda A, keep_prob, rng: _wrong_dropout(A, keep_prob, rng, flipped=True)),
            Mistake("the kept units are multiplied by keep_prob: inverted dropout divides by it, A * mask / keep_prob.",
                    lambda A, keep_prob, rng: _wrong_dropout(A, keep_prob, rng, scale=False, times=True)),
            Mistake("the mask is drawn with rng.standard_normal: use uniform numbers in [0, 1), "
                    "rng.random(A.shape) < keep_prob, so that a unit is kept with probability keep_prob.",
                    lambda A, keep_prob, rng: _wrong_dropout(A, keep_prob, rng, normal=True)),
        ),
    ),
    Exercise(
        "dropout_backward", regularization.dropout_backward, _dropout_backward_cases, "dA",
        mistakes=(
            Mistake("the gradient is not divided by keep_prob: the backward step scales like the forward step.",
                    lambda dA, mask, keep_prob: dA * mask),
            Mistake("the mask is not applied: a dropped unit passes no gradient, dA * mask / keep_prob.",
                    lambda dA, mask, keep_prob: dA / keep_prob),
            Mistake("the gradient is multiplied by keep_prob: divide, as the forward step does, "
                    "dA * mask / keep_prob.", lambda dA, mask, keep_prob: dA * mask * keep_prob),
        ),
    ),
)
