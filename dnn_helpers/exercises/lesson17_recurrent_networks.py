"""Lesson 17's exercises: the RNN cell and backpropagation through time.

    rnn_cell_forward, rnn_forward, sequence_probabilities, sequence_cost,
    rnn_cell_backward, rnn_backward, clip_gradients

The sizes differ on every axis (n_x = 4, n_h = 5, m = 3, T = 6), so that a wrong axis shows as a
wrong shape, and the pre-activations are of order 1 to 2, so that 1 - a_t^2, 1 - h_t^2 and
1 - tanh(h_t)^2 are far apart. BPTT_SLIPS holds the classic mistakes of rnn_backward by short
name; the lesson's gradient check runs each of them.
"""

import numpy as np

from .. import rnn
from .inputs import make_rng
from .record import ErrorAdvice, Exercise, Mistake

LESSON = 17
NOTEBOOK = "17_recurrent_networks.ipynb"

N_X, N_H, M, T = 4, 5, 3, 6


def rnn_inputs(seed, T=T):
    """params (Wxh (5, 4), Whh (5, 5), bh (5, 1), Why (4, 5), by (4, 1)), X (T, 4, 3) and h0 (5, 3)."""
    rng = make_rng(seed)
    params = {
        "Wxh": rng.normal(scale=0.8, size=(N_H, N_X)),
        "Whh": rng.normal(scale=0.5, size=(N_H, N_H)),
        "bh": rng.normal(scale=0.5, size=(N_H, 1)),
        "Why": rng.normal(scale=0.5, size=(N_X, N_H)),
        "by": rng.normal(scale=0.5, size=(N_X, 1)),
    }
    X = rng.normal(size=(T, N_X, M))
    h0 = np.tanh(rng.normal(size=(N_H, M)))
    return params, X, h0


# ---------------------------------------------------------------- the forward steps


def _cell_forward_cases(seed):
    params, X, h0 = rnn_inputs(seed)
    return [((X[0], h0, params), "x_t (4, 3), h_prev (5, 3), Wxh (5, 4), Whh (5, 5)")]


def _wrong_cell_forward(activation=np.tanh, use_h_prev=True, bias=True, transpose_Whh=False, cache="h_t"):
    """rnn_cell_forward with one slip: another activation, a term left out, Whh transposed, or a wrong cache."""

    def wrong(x_t, h_prev, params):
        Whh = params["Whh"].T if transpose_Whh else params["Whh"]
        a_t = params["Wxh"] @ x_t + (Whh @ h_prev if use_h_prev else 0) + (params["bh"] if bias else 0)
        h_t = activation(a_t)
        if cache == "a_t":
            return h_t, rnn.RNNCellCache(x_t, h_prev, a_t, params["Wxh"], params["Whh"])
        if cache == "swapped":
            return h_t, rnn.RNNCellCache(h_prev, x_t, h_t, params["Wxh"], params["Whh"])
        return h_t, rnn.RNNCellCache(x_t, h_prev, h_t, params["Wxh"], params["Whh"])

    return wrong


def _forward_cases(seed):
    params, X, h0 = rnn_inputs(seed)
    return [((X, h0, params), "X (6, 4, 3): T = 6 steps, n_x = 4, m = 3; h0 (5, 3)")]


def _wrong_forward(carry=True, layout="T first", keep="h_t"):
    """rnn_forward that restarts every step from h0, stacks time last, or stores h0 or h_{t-1} in H."""

    def wrong(X, h0, params):
        h, states, caches = h0, [], []
        if keep == "h0 too":
            states.append(h0)
        for t in range(X.shape[0]):
            h_new, cache = rnn.rnn_cell_forward(X[t], h if carry else h0, params)
            states.append(h if keep == "h_prev" else h_new)
            caches.append(cache)
            h = h_new
        H = np.stack(states)
        return (np.moveaxis(H, 0, -1) if layout == "T last" else H), caches

    return wrong


_TIME_AXIS_ADVICE = ("X is read with the time axis in the wrong place: X has shape (T, n_x, m), time first, so "
                     "T = X.shape[0] and step t is X[t], of shape (n_x, m) (not X[:, :, t]).")


# ---------------------------------------------------------------- the softmax at every step and the cost


def _probabilities_cases(seed):
    logits = make_rng(seed).normal(scale=2.0, size=(T, N_X, M))
    large = logits.copy()
    large[2] += 1000.0  # one step with logits near 1000: exp overflows unless each column's maximum goes first
    return [((logits,), "logits (6, 4, 3): T = 6 steps, V = 4 symbols, m = 3"),
            ((large,), "logits near 1000 at step 2")]


def _softmax_over(axis, shift=True):
    """The softmax of logits (T, V, m) normalised along ``axis``."""

    def wrong(logits):
        shifted = logits - logits.max(axis=axis, keepdims=True) if shift else logits
        e = np.exp(shifted)
        return e / e.sum(axis=axis, keepdims=True)

    return wrong


_SOFTMAX_AXIS = ("the softmax runs over the wrong axis: logits has shape (T, V, m), and each step's column "
                 "(one example) must sum to 1 over the V symbols: max and sum over axis=1, keepdims=True.")


def _cost_cases(seed):
    rng = make_rng(seed)
    logits = rng.normal(scale=2.0, size=(T, N_X, M))
    targets = rng.integers(0, N_X, size=(T, M))
    return [((logits, targets), "logits (6, 4, 3), targets (6, 3)")]


def _wrong_cost(divide_by="m T", log=np.log, sign=1.0, axis=1):
    """sequence_cost with one slip: another count to divide by, log2, the wrong sign, the softmax on another axis."""

    def wrong(logits, targets):
        p = _softmax_over(axis)(logits)
        t, i = np.indices(targets.shape)
        total = -sign * np.sum(log(p[t, targets, i]))
        Tn, V, m = logits.shape
        return float(total / {"m T": m * Tn, "m": m, "T": Tn, "1": 1, "V m T": V * m * Tn}[divide_by])

    return wrong


# ---------------------------------------------------------------- the backward steps


def _cell_backward_cases(seed):
    params, X, h0 = rnn_inputs(seed)
    _, cache = rnn.rnn_cell_forward(X[0], h0, params)
    dh_t = make_rng(seed + 1).normal(size=(N_H, M))
    return [((dh_t, cache), "dh_t (5, 3); cache of x_t (4, 3), h_prev (5, 3)")]


def _derivative_of(source):
    """The factor that multiplies dh_t: from h_t (right), a_t, tanh(h_t), 1 - h_t, or none at all."""
    return {
        "h": lambda h: 1 - h**2,
        "a": lambda h: 1 - np.arctanh(h) ** 2,  # a_t = arctanh(h_t): what 1 - a^2 gives
        "tanh(h)": lambda h: 1 - np.tanh(h) ** 2,
        "1 - h": lambda h: 1 - h,
        "none": lambda h: np.ones_like(h),
    }[source]


def _wrong_cell_backward(derivative="h", dWhh_from="h_prev", transpose_Whh=True, db_axis=1, keepdims=True,
                         divide_by_m=False):
    """rnn_cell_backward with one slip switched on."""

    def wrong(dh_t, cache):
        da = dh_t * _derivative_of(derivative)(cache.h_t)
        m = cache.h_t.shape[1] if divide_by_m else 1
        h_used = cache.h_prev if dWhh_from == "h_prev" else cache.h_t
        return {
            "dx_t": cache.Wxh.T @ da,
            "dh_prev": (cache.Whh.T if transpose_Whh else cache.Whh) @ da,
            "dWxh": da @ cache.x_t.T / m,
            "dWhh": da @ h_used.T / m,
            "dbh": da.sum(axis=db_axis, keepdims=keepdims) / m,
        }

    return wrong


def _backward_cases(seed):
    params, X, h0 = rnn_inputs(seed)
    _, caches = rnn.rnn_forward(X, h0, params)
    dH = make_rng(seed + 2).normal(size=(T, N_H, M))
    return [((dH, caches), "dH (6, 5, 3): T = 6 steps; caches of rnn_forward")]


def _wrong_backward(accumulate=True, pass_back=True, own_output=True, reverse=True, dX_order="by step",
                    divide_by_T=False, derivative="h"):
    """rnn_backward with one of the classic BPTT slips switched on."""
    cell_backward = _wrong_cell_backward(derivative=derivative)

    def wrong(dH, caches):
        n_h, m = caches[0].h_t.shape
        grads = {"dWxh": 0.0, "dWhh": 0.0, "dbh": 0.0}
        dh_next, dX = np.zeros((n_h, m)), []
        steps = reversed(range(len(caches))) if reverse else range(len(caches))
        for t in steps:
            dh = (dH[t] if own_output else 0) + (dh_next if pass_back else 0)
            step = cell_backward(dh, caches[t])
            for key in grads:
                grads[key] = grads[key] + step[key] if accumulate else step[key]
            dh_next = step["dh_prev"]
            dX.append(step["dx_t"])  # in the order the loop visits the steps
        if reverse and dX_order == "by step":
            dX.reverse()
        grads = {key: value / (len(caches) if divide_by_T else 1) for key, value in grads.items()}
        return {"dX": np.stack(dX), "dh0": dh_next, **grads}

    return wrong


# The classic BPTT mistakes by short name: the lesson's gradient check runs each of them.
BPTT_SLIPS = {
    "dW not accumulated over the steps": _wrong_backward(accumulate=False),
    "dh_next not passed back": _wrong_backward(pass_back=False),
    "dH[t] left out (only dh_next)": _wrong_backward(own_output=False),
    "tanh derivative from the pre-activation": _wrong_backward(derivative="a"),
    "steps walked forwards": _wrong_backward(reverse=False),
    "gradients divided by T": _wrong_backward(divide_by_T=True),
}


# ---------------------------------------------------------------- clipping


def _clip_cases(seed):
    rng = make_rng(seed)
    shapes = {"dWxh": (N_H, N_X), "dWhh": (N_H, N_H), "dbh": (N_H, 1), "dWhy": (N_X, N_H), "dby": (N_X, 1)}
    grads = {key: rng.normal(size=shape) for key, shape in shapes.items()}
    grads["dWhh"] *= 10.0  # one array much larger than the others, as when gradients explode through Whh
    return [((grads, 5.0), "grads with global norm about 50, max_norm = 5"),
            ((grads, 1000.0), "the same grads, max_norm = 1000: nothing to clip")]


def _wrong_clip(kind):
    """clip_gradients that clips each array alone, clips entries, always rescales, or reports another norm."""

    def wrong(grads, max_norm):
        norm = float(np.sqrt(sum(np.sum(g**2) for g in grads.values())))
        if kind == "per array":
            clipped = {k: g * min(1.0, max_norm / np.linalg.norm(g)) for k, g in grads.items()}
        elif kind == "entries":
            clipped = {k: np.clip(g, -max_norm, max_norm) for k, g in grads.items()}
        else:
            scale = max_norm / norm if kind == "always" else min(1.0, max_norm / norm)
            clipped = {k: g * scale for k, g in grads.items()}
        if kind == "norm after":
            norm = min(norm, max_norm)
        elif kind == "squared norm":
            norm = norm**2
        return clipped, norm

    return wrong


_NO_ONE_OVER_M = ("no 1/m here: dh_t already holds the mean's 1/(m T) (sequence_cost_backward applied it once), "
                  "so the weight gradients are plain sums over the examples.")

EXERCISES = (
    Exercise(
        "rnn_cell_forward", rnn.rnn_cell_forward, _cell_forward_cases, ("h_t", "cache"),
        mistakes=(
            Mistake("h_t is the pre-activation: apply the activation, h_t = np.tanh(Wxh @ x_t + Whh @ h_prev + bh).",
                    _wrong_cell_forward(activation=lambda a: a)),
            Mistake("the RNN cell uses tanh, not the sigmoid: h_t = np.tanh(a_t), with values in (-1, 1).",
                    _wrong_cell_forward(activation=lambda a: 1 / (1 + np.exp(-a)))),
            Mistake("the previous hidden state is left out: add Whh @ h_prev, the memory of the steps before.",
                    _wrong_cell_forward(use_h_prev=False)),
            Mistake("the bias bh is missing: a_t = Wxh @ x_t + Whh @ h_prev + bh.", _wrong_cell_forward(bias=False)),
            Mistake("Whh is transposed: the new state is Whh @ h_prev (row j of Whh feeds unit j), not Whh.T @ h_prev.",
                    _wrong_cell_forward(transpose_Whh=True)),
            Mistake("the cache holds the pre-activation a_t where it should hold h_t: the backward step computes "
                    "tanh' = 1 - h_t^2 from h_t.", _wrong_cell_forward(cache="a_t")),
            Mistake("the cache's first two fields are swapped: RNNCellCache(x_t, h_prev, h_t, Wxh, Whh).",
                    _wrong_cell_forward(cache="swapped")),
        ),
    ),
    Exercise(
        "rnn_forward", rnn.rnn_forward, _forward_cases, ("H", "caches"),
        mistakes=(
            Mistake("the hidden state is not carried: every step starts again from h0. Pass each step's h_t on as "
                    "the next step's h_prev.", _wrong_forward(carry=False)),
            Mistake("H has the time axis last: stack the states time first, H of shape (T, n_h, m) with H[t] = h_t.",
                    _wrong_forward(layout="T last")),
            Mistake("H also holds h0: it holds the T new states h_1 .. h_T, one per step; h0 is an input.",
                    _wrong_forward(keep="h0 too")),
            Mistake("H[t] holds the state before step t: store the new state h_t, the one the cell returns.",
                    _wrong_forward(keep="h_prev")),
        ),
        error_advice=(
            ErrorAdvice(ValueError, "mismatch in its core dimension", _TIME_AXIS_ADVICE),
            ErrorAdvice(ValueError, "not aligned", _TIME_AXIS_ADVICE),
            ErrorAdvice(IndexError, "out of bounds", _TIME_AXIS_ADVICE),
            ErrorAdvice(ValueError, "x_t must have shape (n_x, m)", _TIME_AXIS_ADVICE),
        ),
    ),
    Exercise(
        "sequence_probabilities", rnn.sequence_probabilities, _probabilities_cases, "probabilities",
        mistakes=(
            Mistake(_SOFTMAX_AXIS, _softmax_over(axis=0)),
            Mistake(_SOFTMAX_AXIS, _softmax_over(axis=2)),
            Mistake("the softmax runs over every entry at once: normalise each step's column over the V symbols, "
                    "axis=1 with keepdims=True.", _softmax_over(axis=None)),
        ),
        error_advice=(
            ErrorAdvice(FloatingPointError, "overflow",
                        "np.exp of a large logit overflowed: subtract each column's maximum first, "
                        "logits - logits.max(axis=1, keepdims=True); it changes nothing else."),
        ),
    ),
    Exercise(
        "sequence_cost", rnn.sequence_cost, _cost_cases, "cost",
        mistakes=(
            Mistake("the cost is a sum over the steps: take the mean over the T steps as well as the m examples, "
                    "dividing by m * T.", _wrong_cost(divide_by="m")),
            Mistake("the cost is summed over the examples: divide by m * T, the number of characters predicted.",
                    _wrong_cost(divide_by="T")),
            Mistake("the cost is a sum, not a mean: divide by m * T, the number of characters predicted.",
                    _wrong_cost(divide_by="1")),
            Mistake("the mean runs over the V symbols too: only the true symbol's probability counts, so divide "
                    "by m * T.", _wrong_cost(divide_by="V m T")),
            Mistake("the cost is in bits (log2): the lesson's cost is in nats, with np.log; bits are J / ln 2.",
                    _wrong_cost(log=np.log2)),
            Mistake("the cost has the wrong sign: J = -mean ln p is never negative.", _wrong_cost(sign=-1.0)),
            Mistake(_SOFTMAX_AXIS, _wrong_cost(axis=0)),
            Mistake(_SOFTMAX_AXIS, _wrong_cost(axis=2)),
        ),
    ),
    Exercise(
        "rnn_cell_backward", rnn.rnn_cell_backward, _cell_backward_cases, "grads",
        mistakes=(
            Mistake("the tanh derivative is taken from the pre-activation: tanh'(a_t) = 1 - tanh(a_t)^2 = 1 - h_t^2, "
                    "so use cache.h_t, not 1 - a_t^2.", _wrong_cell_backward(derivative="a")),
            Mistake("1 - tanh(h_t)^2 applies tanh twice (tanh_backward of lesson 2 expects the pre-activation): "
                    "h_t is tanh(a_t) already, so the factor is 1 - h_t**2.", _wrong_cell_backward(derivative="tanh(h)")),
            Mistake("the tanh derivative is 1 - h_t**2, with h_t squared, not 1 - h_t.",
                    _wrong_cell_backward(derivative="1 - h")),
            Mistake("the step back through tanh is missing: da = dh_t * (1 - h_t**2) comes first.",
                    _wrong_cell_backward(derivative="none")),
            Mistake("dWhh uses h_t: Whh multiplied h_prev in the forward step, so dWhh = da @ h_prev.T.",
                    _wrong_cell_backward(dWhh_from="h_t")),
            Mistake("dh_prev needs the transpose: dh_prev = Whh.T @ da (the forward step was Whh @ h_prev).",
                    _wrong_cell_backward(transpose_Whh=False)),
            Mistake(_NO_ONE_OVER_M, _wrong_cell_backward(divide_by_m=True)),
            Mistake("dbh lost its second axis: da.sum(axis=1, keepdims=True) has the shape (n_h, 1) of bh.",
                    _wrong_cell_backward(keepdims=False)),
            Mistake("dbh is summed over the wrong axis: sum over the examples, da.sum(axis=1, keepdims=True).",
                    _wrong_cell_backward(db_axis=0)),
        ),
        error_advice=(
            ErrorAdvice(ValueError, "mismatch in its core dimension",
                        "a product got arrays whose shapes do not fit. Each gradient has the shape of its array: "
                        "dx_t = Wxh.T @ da (n_x, m), dh_prev = Whh.T @ da (n_h, m), dWxh = da @ x_t.T (n_h, n_x)."),
        ),
    ),
    Exercise(
        "rnn_backward", rnn.rnn_backward, _backward_cases, "grads",
        mistakes=(
            Mistake("dWxh, dWhh and dbh are not accumulated over the steps: the same weights act at every step, so "
                    "add every step's gradient, grads[key] += step[key].",
                    BPTT_SLIPS["dW not accumulated over the steps"]),
            Mistake("dh_next is not passed back: h_t feeds step t+1 too, so the cell's gradient is "
                    "dH[t] + dh_next, with dh_next the dh_prev of the step after.", BPTT_SLIPS["dh_next not passed back"]),
            Mistake("dH[t] is left out: h_t also feeds step t's own output, so the gradient is dH[t] + dh_next.",
                    BPTT_SLIPS["dH[t] left out (only dh_next)"]),
            Mistake("the tanh derivative is taken from the pre-activation: fix rnn_cell_backward (1 - h_t^2, "
                    "from cache.h_t) first.", BPTT_SLIPS["tanh derivative from the pre-activation"]),
            Mistake("the steps are walked forwards: dh_next comes from step t+1, so go from the last step back, "
                    "for t in reversed(range(T)).", BPTT_SLIPS["steps walked forwards"]),
            Mistake("dX holds the steps in the order of the backward loop (last step first): store dX[t] = dx_t.",
                    _wrong_backward(dX_order="as visited")),
            Mistake("the gradients are divided by T: dH already holds the mean's 1/(m T), so the sums over the steps "
                    "are the gradients.", BPTT_SLIPS["gradients divided by T"]),
        ),
    ),
    Exercise(
        "clip_gradients", rnn.clip_gradients, _clip_cases, ("clipped", "norm"),
        mistakes=(
            Mistake("each array is clipped by its own norm, which changes the gradient's direction: compute one "
                    "global norm over all arrays together and scale every array by the same factor.",
                    _wrong_clip("per array")),
            Mistake("np.clip clips each entry and changes the gradient's direction: scale every array by "
                    "max_norm / norm instead.", _wrong_clip("entries")),
            Mistake("the gradients are rescaled even when their norm is below max_norm: scale only large ones, "
                    "by min(1, max_norm / norm).", _wrong_clip("always")),
            Mistake("the norm returned is the one after clipping: return the norm before clipping, so that you "
                    "can watch how large the gradients get.", _wrong_clip("norm after")),
            Mistake("the norm is the sum of squares: take its square root, norm = np.sqrt(sum of g**2).",
                    _wrong_clip("squared norm")),
        ),
    ),
)
