"""Lesson 19's exercises: the LSTM cell, forward and backward.

    lstm_cell_forward, lstm_cell_backward

The sizes differ on every axis (n_x = 3, n_h = 4, m = 5), the biases are non-zero and the
pre-activations of order 1, so that the four gates, tanh(c_t) and tanh(c_prev) all differ and a
gate taken for another shows. CELL_SLIPS holds the classic mistakes of lstm_cell_backward by short
name; the lesson's gradient check runs each of them.
"""

import numpy as np

from .. import lstm
from ..activations import sigmoid
from .inputs import make_rng
from .record import ErrorAdvice, Exercise, Mistake

LESSON = 19
NOTEBOOK = "19_lstm.ipynb"

N_X, N_H, M = 3, 4, 5


def lstm_inputs(seed):
    """x_t (3, 5), h_prev (4, 5), c_prev (4, 5) and params of initialize_lstm_parameters(3, 4, 3) with random biases."""
    rng = make_rng(seed)
    params = lstm.initialize_lstm_parameters(N_X, N_H, N_X, seed=rng)
    for gate in lstm.GATES:
        params["b" + gate] = params["b" + gate] + rng.normal(scale=0.5, size=(N_H, 1))
    params["by"] = rng.normal(scale=0.5, size=(N_X, 1))
    x_t = rng.normal(size=(N_X, M))
    h_prev = np.tanh(rng.normal(size=(N_H, M)))
    c_prev = rng.normal(scale=1.5, size=(N_H, M))
    return x_t, h_prev, c_prev, params


# ---------------------------------------------------------------- the forward step


def _cell_forward_cases(seed):
    return [(lstm_inputs(seed), "x_t (3, 5), h_prev and c_prev (4, 5), Wx* (4, 3), Wh* (4, 4)")]


def _wrong_cell_forward(swap_i_f=False, o_inside=False, g_sigmoid=False, input_gate=True, tanh_c=True):
    """lstm_cell_forward with one slip switched on."""

    def wrong(x_t, h_prev, c_prev, params):
        def gate_input(gate):
            return params["Wx" + gate] @ x_t + params["Wh" + gate] @ h_prev + params["b" + gate]

        i, f, o = sigmoid(gate_input("i")), sigmoid(gate_input("f")), sigmoid(gate_input("o"))
        g = sigmoid(gate_input("g")) if g_sigmoid else np.tanh(gate_input("g"))
        keep, write = (i, f) if swap_i_f else (f, i)
        c_t = keep * c_prev + (write * g if input_gate else g)
        squashed = np.tanh(c_t) if tanh_c else c_t
        h_t = np.tanh(o * c_t) if o_inside else o * squashed
        return h_t, c_t, lstm.LSTMStepCache(x_t, h_prev, c_prev, i, f, g, o, c_t, np.tanh(c_t), params)

    return wrong


# ---------------------------------------------------------------- the backward step


def _cell_backward_cases(seed):
    x_t, h_prev, c_prev, params = lstm_inputs(seed)
    _, _, cache = lstm.lstm_cell_forward(x_t, h_prev, c_prev, params)
    rng = make_rng(seed + 1)
    dh_t, dc_t = rng.normal(size=(N_H, M)), rng.normal(size=(N_H, M))
    return [((dh_t, dc_t, cache), "dh_t and dc_t (4, 5); cache of x_t (3, 5), h_prev and c_prev (4, 5)")]


def _wrong_cell_backward(use_dc_t=True, through_h=True, f_factor=True, tanh_at="c_t", swap_i_f=False,
                         g_derivative="tanh", transpose=True):
    """lstm_cell_backward with one slip switched on."""

    def wrong(dh_t, dc_t, cache):
        x_t, h_prev, c_prev, i, f, g, o, c_t, tanh_c, params = cache
        squashed = tanh_c if tanh_at == "c_t" else np.tanh(c_prev)
        from_h = dh_t * o * (1 - squashed**2)
        dc = (dc_t if use_dc_t else 0) + from_h
        keep, write = (i, f) if swap_i_f else (f, i)
        slope_g = 1 - g**2 if g_derivative == "tanh" else g * (1 - g)
        dz = {"i": dc * g * i * (1 - i), "f": dc * c_prev * f * (1 - f), "g": dc * write * slope_g,
              "o": dh_t * tanh_c * o * (1 - o)}
        if swap_i_f:
            dz["i"], dz["f"] = dc * c_prev * i * (1 - i), dc * g * f * (1 - f)
        to_c_prev = dc if through_h else dc_t
        grads = {
            "dx_t": sum(params["Wx" + gate].T @ dz[gate] for gate in lstm.GATES),
            "dh_prev": sum((params["Wh" + gate].T if transpose else params["Wh" + gate]) @ dz[gate]
                           for gate in lstm.GATES),
            "dc_prev": to_c_prev * keep if f_factor else to_c_prev,
        }
        for gate in lstm.GATES:
            grads["dWx" + gate] = dz[gate] @ x_t.T
            grads["dWh" + gate] = dz[gate] @ h_prev.T
            grads["db" + gate] = np.sum(dz[gate], axis=1, keepdims=True)
        return grads

    return wrong


# The classic mistakes of lstm_cell_backward by short name: the lesson's gradient check runs each of them.
CELL_SLIPS = {
    "dc_t from step t + 1 left out": _wrong_cell_backward(use_dc_t=False),
    "dc_prev without the factor f": _wrong_cell_backward(f_factor=False),
    "dc_prev without the path through h_t": _wrong_cell_backward(through_h=False),
    "tanh'(c) taken at c_prev": _wrong_cell_backward(tanh_at="c_prev"),
    "gates i and f swapped": _wrong_cell_backward(swap_i_f=True),
    "sigmoid derivative for g": _wrong_cell_backward(g_derivative="sigmoid"),
}

_SHAPES_ADVICE = ("a product got arrays whose shapes do not fit. Each gradient has the shape of its array: "
                  "dx_t = sum of Wx*.T @ dz* (n_x, m), dh_prev = sum of Wh*.T @ dz* (n_h, m), "
                  "dWx* = dz* @ x_t.T (n_h, n_x), db* = dz*.sum(axis=1, keepdims=True) (n_h, 1).")

EXERCISES = (
    Exercise(
        "lstm_cell_forward", lstm.lstm_cell_forward, _cell_forward_cases, ("h_t", "c_t", "cache"),
        mistakes=(
            Mistake("the input and forget gates are swapped: the forget gate f multiplies the old cell, the input "
                    "gate i the candidate, c_t = f * c_prev + i * g.", _wrong_cell_forward(swap_i_f=True)),
            Mistake("the output gate is applied before the tanh: h_t = o * np.tanh(c_t), the gate outside.",
                    _wrong_cell_forward(o_inside=True)),
            Mistake("the candidate g uses the sigmoid: g = np.tanh(...), so that it can write negative values "
                    "into the cell; only the gates i, f, o are sigmoids.", _wrong_cell_forward(g_sigmoid=True)),
            Mistake("the input gate is missing: the candidate is written in proportion i, c_t = f * c_prev + i * g.",
                    _wrong_cell_forward(input_gate=False)),
            Mistake("h_t needs the tanh of the cell: h_t = o * np.tanh(c_t), which keeps h_t in (-1, 1).",
                    _wrong_cell_forward(tanh_c=False)),
        ),
        error_advice=(
            ErrorAdvice(KeyError, "", "params holds the gate arrays under the keys 'Wxi', 'Whi', 'bi', ..., "
                                      "'Wxo', 'Who', 'bo': Wx + gate, Wh + gate and b + gate for the gates i, f, g, o."),
        ),
    ),
    Exercise(
        "lstm_cell_backward", lstm.lstm_cell_backward, _cell_backward_cases, "grads",
        mistakes=(
            Mistake("dc_t is not used: c_t also feeds step t + 1, so its gradient is dc_t + dh_t * o * (1 - tanh(c_t)^2), "
                    "both paths added.", CELL_SLIPS["dc_t from step t + 1 left out"]),
            Mistake("dc_prev misses the factor f: c_t = f * c_prev + i * g, so dc_prev = dc * f.",
                    CELL_SLIPS["dc_prev without the factor f"]),
            Mistake("dc_prev misses the path through h_t: use the whole dc = dc_t + dh_t * o * (1 - tanh_c**2), "
                    "then dc_prev = dc * f.", CELL_SLIPS["dc_prev without the path through h_t"]),
            Mistake("tanh' is taken at c_prev: h_t = o * tanh(c_t), so the slope is 1 - tanh(c_t)^2, "
                    "1 - cache.tanh_c**2.", CELL_SLIPS["tanh'(c) taken at c_prev"]),
            Mistake("the gates i and f are swapped: dz_i = dc * g * i * (1 - i) (i multiplies g), "
                    "dz_f = dc * c_prev * f * (1 - f) and dc_prev = dc * f.", CELL_SLIPS["gates i and f swapped"]),
            Mistake("g is a tanh, not a sigmoid: its slope is 1 - g**2, so dz_g = dc * i * (1 - g**2).",
                    CELL_SLIPS["sigmoid derivative for g"]),
            Mistake("dh_prev needs the transposes: dh_prev = sum of Wh*.T @ dz* (the forward step was Wh* @ h_prev).",
                    _wrong_cell_backward(transpose=False)),
        ),
        error_advice=(
            ErrorAdvice(ValueError, "mismatch in its core dimension", _SHAPES_ADVICE),
            ErrorAdvice(ValueError, "could not be broadcast", _SHAPES_ADVICE),
        ),
    ),
)
