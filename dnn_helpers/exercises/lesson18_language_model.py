"""Lesson 18's exercises: the layout of the text in batches, one step of truncated BPTT, the training loop."""

import numpy as np

from .. import language_model
from ..language_model import initialize_adam, next_window, number_of_windows, rnn_bits_per_character
from ..optimizers import update_parameters_with_adam
from ..rnn import clip_gradients, initialize_rnn_parameters, rnn_loss_and_gradients
from .inputs import make_rng
from .record import ErrorAdvice, Exercise, Mistake

LESSON = 18
NOTEBOOK = "18_language_model.ipynb"

V, N_H = 5, 3  # a tiny vocabulary and hidden layer, of different sizes so that a wrong axis shows


def _tiny_model(seed):
    """The parameters of a small RNN (V = 5 symbols, n_h = 3) with non-zero biases, and its generator."""
    rng = make_rng(seed)
    params = initialize_rnn_parameters(V, N_H, V, seed=rng)
    params["bh"] = rng.normal(scale=0.5, size=(N_H, 1))
    params["by"] = rng.normal(scale=0.5, size=(V, 1))
    return params, rng


def _make_batches_cases(seed):
    rng = make_rng(seed)
    return [((np.arange(23), 4), "23 symbols 0 .. 22 in 4 streams (3 left over)"),
            ((rng.integers(1, 27, size=30), 5), "30 random symbols in 5 streams")]


def _next_window_cases(seed):
    batches = make_rng(seed).integers(1, 27, size=(9, 3))  # no 0, so that a difference reads as relative
    return [((batches, 0, 4), "batches (9, 3), start 0, T = 4"),
            ((batches, 4, 4), "start 4, T = 4: the last whole window"),
            ((batches, 5, 4), "start 5, T = 4: the targets would run past the last row")]


def _train_step_inputs(seed, T=4, m=2):
    params, rng = _tiny_model(seed)
    inputs, targets = rng.integers(0, V, size=(T, m)), rng.integers(0, V, size=(T, m))
    h = rng.normal(scale=0.5, size=(N_H, m))
    adam = {"v": {key: rng.normal(scale=0.01, size=value.shape) for key, value in initialize_adam(params)["v"].items()},
            "t": 3}
    adam["s"] = {key: value ** 2 for key, value in adam["v"].items()}
    return params, adam, inputs, targets, h


def _train_step_cases(seed):
    params, adam, inputs, targets, h = _train_step_inputs(seed)
    return [((params, initialize_adam(params), inputs, targets, h, 0.05, 100.0),
             "the first step (t = 0 before it), max_norm = 100: no clipping"),
            ((params, adam, inputs, targets, h, 0.05, 0.05), "t = 3 before the step, max_norm = 0.05: clipped")]


def _train_language_model_cases(seed):
    params, rng = _tiny_model(seed)
    batches = language_model.make_batches(rng.integers(0, V, size=23), 2)  # L = 11: 3 windows of T = 3
    validation = rng.integers(0, V, size=96)  # 3 symbols in each of the 32 streams rnn_bits_per_character reads
    return [((params, batches, 3, 7, 0.05, 1.0, validation, 3),
             "batches (11, 2), T = 3 (3 windows an epoch), 7 steps, validation every 3"),
            ((params, batches, 2, 6, 0.05, 1.0), "T = 2 (5 windows an epoch), 6 steps, no validation")]


# ---------------------------------------------------------------- the classic mistakes, each as a wrong version


def _interleaved_batches(indices, batch_size):
    L = len(indices) // batch_size
    return np.asarray(indices)[: batch_size * L].reshape(L, batch_size)


def _streams_as_rows(indices, batch_size):
    L = len(indices) // batch_size
    return np.asarray(indices)[: batch_size * L].reshape(batch_size, L)


def _targets_not_shifted(batches, start, T):
    return batches[start: start + T], batches[start: start + T]


def _window_of_columns(batches, start, T):
    return batches[:, start: start + T], batches[:, start + 1: start + T + 1]


def _wrong_step(start_from_zeros=False, return_old_h=False, clip="gradients", count_step=True):
    """train_step with one slip: h not carried, the old h returned, clipping of the wrong thing, t not counted."""

    def wrong(params, adam, inputs, targets, h, learning_rate, max_norm):
        h0 = np.zeros_like(h) if start_from_zeros else h
        cost, grads, h_last = rnn_loss_and_gradients(inputs, targets, h0, params)
        if clip == "gradients":
            grads, _ = clip_gradients(grads, max_norm)
        elif clip == "parameters":
            params, _ = clip_gradients(params, max_norm)
        elif clip == "cost":
            cost = min(cost, max_norm)
        t = adam["t"] + 1 if count_step else adam["t"]
        params, v, s = update_parameters_with_adam(params, grads, adam["v"], adam["s"], t, learning_rate)
        return params, {"v": v, "s": s, "t": t}, (h if return_old_h else h_last), cost

    return wrong


def _wrong_loop(reset_each_epoch=True, carry=True, keep_adam=True):
    """train_language_model with h never reset, h not carried, or Adam's state started afresh at every step."""

    def wrong(params, batches, T, num_steps, learning_rate, max_norm, validation=None, eval_every=100):
        windows = number_of_windows(batches, T)
        adam, costs, curve = initialize_adam(params), [], []
        h = np.zeros((params["Whh"].shape[0], batches.shape[1]))
        if validation is not None:
            curve.append((0, rnn_bits_per_character(params, validation)))
        for step in range(num_steps):
            window = step % windows
            if (window == 0 and reset_each_epoch) or not carry:
                h = np.zeros_like(h)
            if not keep_adam:
                adam = initialize_adam(params)
            inputs, targets = next_window(batches, window * T, T)
            params, adam, h, cost = language_model.train_step(params, adam, inputs, targets, h, learning_rate,
                                                              max_norm)
            costs.append(cost)
            if validation is not None and (step + 1) % eval_every == 0:
                curve.append((step + 1, rnn_bits_per_character(params, validation)))
        return params, costs, curve

    return wrong


EXERCISES = (
    Exercise(
        "make_batches", language_model.make_batches, _make_batches_cases, "batches",
        mistakes=(
            Mistake("each column must be one stretch of consecutive text: reshape to (batch_size, L), one stream per "
                    "row, then transpose. reshape(L, batch_size) deals the symbols out to the columns like cards, so "
                    "a column reads every m-th symbol.", _interleaved_batches),
            Mistake("the streams are rows: transpose the (batch_size, L) reshape so that time runs down the rows, "
                    "shape (L, batch_size).", _streams_as_rows),
        ),
        error_advice=(
            ErrorAdvice(ValueError, "cannot reshape",
                        "drop the symbols that do not fill a stream first: keep indices[: batch_size * L], "
                        "L = len(indices) // batch_size."),
        ),
    ),
    Exercise(
        "next_window", language_model.next_window, _next_window_cases, ("inputs", "targets"),
        mistakes=(
            Mistake("the targets are not shifted: the target at step t is the symbol after the input, "
                    "targets = batches[start + 1 : start + T + 1].", _targets_not_shifted),
            Mistake("time runs down the rows of batches: slice rows, batches[start : start + T], not columns.",
                    _window_of_columns),
        ),
        missing_error_advice="Raise ValueError when start + T + 1 > len(batches): the targets would run past the "
                             "last row, and the window would be short without saying so.",
    ),
    Exercise(
        "train_step", language_model.train_step, _train_step_cases, ("params", "adam", "h_last", "cost"),
        mistakes=(
            Mistake("the hidden state is not carried: start the forward pass from h, the state the previous window "
                    "ended in, not from zeros.", _wrong_step(start_from_zeros=True)),
            Mistake("the state returned is the old h: return h_last, the state after this window, so that the next "
                    "window starts where this one ended.", _wrong_step(return_old_h=True)),
            Mistake("clipping is applied to the parameters: clip the gradients, grads, _ = clip_gradients(grads, "
                    "max_norm), and leave the parameters to Adam.", _wrong_step(clip="parameters")),
            Mistake("the gradients are not clipped (clipping the cost changes no gradient): "
                    "grads, _ = clip_gradients(grads, max_norm) before the Adam step.", _wrong_step(clip="cost")),
            Mistake("Adam's step count is not advanced: t = adam['t'] + 1, used in the step and stored in the new "
                    "state (at t = 0 the bias correction divides by 1 - beta ** 0 = 0).", _wrong_step(count_step=False)),
        ),
        error_advice=(
            ErrorAdvice(ValueError, "params must have keys W1",
                        "the parameters went to a function of part one; the RNN's Adam step is "
                        "update_parameters_with_adam(params, grads, v, s, t, learning_rate)."),
        ),
    ),
    Exercise(
        "train_language_model", language_model.train_language_model, _train_language_model_cases,
        ("params", "costs", "curve"),
        mistakes=(
            Mistake("the hidden state is not reset at the start of an epoch: when window == 0, every stream starts "
                    "again at its first symbol, so set h = np.zeros((n_h, m)) there.",
                    _wrong_loop(reset_each_epoch=False)),
            Mistake("the hidden state is not carried between windows: keep the h_last that train_step returns and "
                    "pass it to the next step; reset it only when an epoch starts.", _wrong_loop(carry=False)),
            Mistake("Adam's state starts afresh at every step: call initialize_adam once, before the loop, and "
                    "pass on the state each step returns.", _wrong_loop(keep_adam=False)),
        ),
        error_advice=(
            ErrorAdvice(ValueError, "start must be a row",
                        "the window index must wrap around at the end of an epoch: window = step % "
                        "number_of_windows(batches, T), start = window * T."),
        ),
    ),
)
