"""Part two, step 2: the RNN cell and backpropagation through time (BPTT).

One step t, for m sequences side by side (one per column):
    a_t = Wxh x_t + Whh h_{t-1} + bh,      h_t = tanh(a_t)
    z_t = Why h_t + by,                    p_t = softmax(z_t) over the V symbols (axis 0)
and the cost is the mean, over the m examples and the T steps, of -ln p_t[y_t]:
    J = -(1 / (m T)) sum_t sum_i ln p_t[y_ti, i]           (in nats; J / ln 2 is bits per character)

Shapes: x_t (n_x, m), h_t and a_t (n_h, m), z_t and p_t (n_y, m), with n_x = n_y = V for a
character model. A whole sequence stacks the steps time first: X (T, n_x, m), H (T, n_h, m),
logits (T, n_y, m); targets y are integer indices of shape (T, m).

Gradients: every d-array here is dJ/d(array) itself, with the shape of its array. The 1/(m T) of
the mean is applied once, in sequence_cost_backward, and flows back from there; lesson 5 instead
divided by m in dW (its dZ held each example's own gradient). Gradient keys are "d" + the name of
the array: dWxh, dh_prev, dX, dh0, ...

The cell cache holds (x_t, h_prev, h_t, Wxh, Whh): the backward step needs h_t for the tanh
derivative 1 - h_t^2, and h_prev and x_t for the weight gradients.
"""

from collections import namedtuple

import numpy as np

from ._sequences import check_hidden_state, check_indices, check_rnn_parameters, check_sequence, check_step
from ._validation import check_count, check_finite, check_positive_number
from .activations import softmax
from .data import _random_generator
from .text import one_hot_sequence

RNNCellCache = namedtuple("RNNCellCache", "x_t h_prev h_t Wxh Whh")
RNNCellCache.__doc__ = "What one RNN step's backward needs: x_t (n_x, m), h_prev and h_t (n_h, m), Wxh, Whh."


def initialize_rnn_parameters(n_x, n_h, n_y, seed=0):
    """Random RNN weights, each drawn from N(0, 1 / fan_in), and zero biases.

    A weight matrix with n columns gets standard deviation 1 / sqrt(n), so a pre-activation stays of
    order 1 (tanh neither saturated nor flat). For Whh this matters most: h is multiplied by Whh once
    per step, and the eigenvalues of an (n_h, n_h) Gaussian matrix with that scale fill a disc of
    radius about 1, so h neither grows nor dies out over the steps (lesson 9's problem, now in time).

    Returns:
        dict "Wxh" (n_h, n_x), "Whh" (n_h, n_h), "bh" (n_h, 1), "Why" (n_y, n_h), "by" (n_y, 1), float64
    """
    n_x, n_h, n_y = (check_count(n, name) for n, name in ((n_x, "n_x"), (n_h, "n_h"), (n_y, "n_y")))
    rng = _random_generator(seed)
    return {
        "Wxh": rng.standard_normal((n_h, n_x)) / np.sqrt(n_x),
        "Whh": rng.standard_normal((n_h, n_h)) / np.sqrt(n_h),
        "bh": np.zeros((n_h, 1)),
        "Why": rng.standard_normal((n_y, n_h)) / np.sqrt(n_h),
        "by": np.zeros((n_y, 1)),
    }


def rnn_cell_forward(x_t, h_prev, params):
    """One step h_t = tanh(Wxh x_t + Whh h_prev + bh).

    Arguments:
        x_t -- input at step t, shape (n_x, m);  h_prev -- hidden state h_{t-1}, shape (n_h, m)
        params -- dict with "Wxh" (n_h, n_x), "Whh" (n_h, n_h), "bh" (n_h, 1)
    Returns:
        h_t -- shape (n_h, m);  cache -- RNNCellCache(x_t, h_prev, h_t, Wxh, Whh)
    """
    n_x, n_h = check_rnn_parameters(params, ("Wxh", "Whh", "bh"))
    h_prev = check_hidden_state(h_prev, n_h, "h_prev")
    x_t = check_step(x_t, n_x, h_prev.shape[1])
    Wxh, Whh = params["Wxh"], params["Whh"]
    h_t = np.tanh(Wxh @ x_t + Whh @ h_prev + params["bh"])
    return h_t, RNNCellCache(x_t, h_prev, h_t, Wxh, Whh)


def rnn_cell_backward(dh_t, cache):
    """Gradients of one step, given dh_t = dJ/dh_t of shape (n_h, m).

    Returns:
        dict "dx_t" (n_x, m), "dh_prev" (n_h, m), "dWxh" (n_h, n_x), "dWhh" (n_h, n_h), "dbh" (n_h, 1)
    """
    if np.shape(dh_t) != cache.h_t.shape:
        raise ValueError(f"dh_t must have the shape of h_t {cache.h_t.shape}, got {np.shape(dh_t)}.")
    da = dh_t * (1 - cache.h_t**2)  # tanh'(a_t) = 1 - tanh(a_t)^2 = 1 - h_t^2: h_t, not a_t
    return {
        "dx_t": cache.Wxh.T @ da,
        "dh_prev": cache.Whh.T @ da,
        "dWxh": da @ cache.x_t.T,
        "dWhh": da @ cache.h_prev.T,
        "dbh": da.sum(axis=1, keepdims=True),
    }


def rnn_forward(X, h0, params):
    """Run the cell over T steps: h_t = tanh(Wxh x_t + Whh h_{t-1} + bh), t = 1 .. T, from h0.

    Arguments:
        X -- input sequence, shape (T, n_x, m), time first;  h0 -- first hidden state, shape (n_h, m)
        params -- dict with "Wxh" (n_h, n_x), "Whh" (n_h, n_h), "bh" (n_h, 1)
    Returns:
        H -- hidden states h_1 .. h_T, shape (T, n_h, m);  caches -- list of T RNNCellCache, one per step
    """
    n_x, n_h = check_rnn_parameters(params, ("Wxh", "Whh", "bh"))
    h = check_hidden_state(h0, n_h)
    X = check_sequence(X, n_x, h.shape[1])
    H = np.empty((X.shape[0], n_h, h.shape[1]), dtype=np.result_type(X, h, params["Wxh"]))
    caches = []
    for t in range(X.shape[0]):
        h, cache = rnn_cell_forward(X[t], h, params)
        H[t] = h
        caches.append(cache)
    return H, caches


def rnn_backward(dH, caches):
    """Backpropagation through time, given dH[t] = the gradient flowing into h_t from the outputs.

    h_t feeds the output at step t and the cell at step t+1, so its full gradient is
    dH[t] + dh_next, dh_next being the dh_prev that step t+1 hands back. Whh, Wxh and bh act at
    every step: their gradients are sums over the steps.

    Arguments:
        dH -- shape (T, n_h, m);  caches -- the T RNNCellCache of rnn_forward
    Returns:
        dict "dX" (T, n_x, m), "dh0" (n_h, m), "dWxh" (n_h, n_x), "dWhh" (n_h, n_h), "dbh" (n_h, 1)
    """
    if not caches or np.shape(dH) != (len(caches),) + caches[0].h_t.shape:
        raise ValueError(f"dH must have the shape (T, n_h, m) of H, got {np.shape(dH)} for {len(caches)} steps.")
    T, (n_x, m), n_h = len(caches), caches[0].x_t.shape, caches[0].h_t.shape[0]
    dtype = np.result_type(caches[0].h_t, dH)
    grads = {"dX": np.empty((T, n_x, m), dtype), "dWxh": np.zeros((n_h, n_x), dtype),
             "dWhh": np.zeros((n_h, n_h), dtype), "dbh": np.zeros((n_h, 1), dtype)}
    dh_next = np.zeros((n_h, m), dtype)  # nothing comes back from beyond the last step
    for t in reversed(range(len(caches))):
        step = rnn_cell_backward(dH[t] + dh_next, caches[t])
        grads["dX"][t] = step["dx_t"]
        dh_next = step["dh_prev"]
        for key in ("dWxh", "dWhh", "dbh"):
            grads[key] += step[key]
    grads["dh0"] = dh_next
    return grads


def rnn_output_forward(H, params):
    """logits z_t = Why h_t + by for every step: (T, n_h, m) -> (T, n_y, m)."""
    return params["Why"] @ H + params["by"]  # Why (n_y, n_h) multiplies each (n_h, m) slice of H


def rnn_output_backward(dlogits, H, params):
    """Gradients of z_t = Why h_t + by summed over the steps.

    Arguments:
        dlogits -- dJ/dz, shape (T, n_y, m);  H -- shape (T, n_h, m);  params -- with "Why" (n_y, n_h)
    Returns:
        dH (T, n_h, m), dWhy (n_y, n_h), dby (n_y, 1)
    """
    dWhy = np.einsum("tym,thm->yh", dlogits, H)  # sum over t and examples of dz_t h_t^T
    dby = dlogits.sum(axis=(0, 2))[:, np.newaxis]
    return params["Why"].T @ dlogits, dWhy, dby


def sequence_probabilities(logits):
    """p_t = softmax(z_t) over axis 0 of each (V, m) step: (T, V, m) -> (T, V, m)."""
    return np.stack([softmax(z_t) for z_t in logits])


def _check_logits_and_targets(logits, targets):
    logits = np.asarray(logits)
    if logits.ndim != 3 or logits.dtype.kind != "f":
        raise ValueError(f"logits must be a float array of shape (T, V, m), got shape {logits.shape}.")
    check_finite(logits, "logits")
    T, V, m = logits.shape
    targets = check_indices(targets, V, name="targets", shapes=("(T,)", "(T, m)"))
    if targets.shape != (T, m):
        hint = " It looks transposed: pass targets.T." if targets.shape == (m, T) else ""
        raise ValueError(f"targets must have shape (T, m) = ({T}, {m}), one index per step and example; "
                         f"got {targets.shape}.{hint}")
    return logits, targets


def sequence_cost(logits, targets):
    """J = -(1 / (m T)) sum_t sum_i ln softmax(z_t)[y_ti, i]: mean nats per character (J / ln 2: bits).

    It takes the logits, not the probabilities: ln softmax computed from z stays finite where a
    probability would round to 0.

    Arguments:
        logits -- z, shape (T, V, m);  targets -- y, integer indices of shape (T, m)
    Returns:
        a float; ln V for a uniform prediction
    """
    logits, targets = _check_logits_and_targets(logits, targets)
    # ln softmax(z)[y] = z[y] - max z - ln sum exp(z - max z): finite for any finite logits
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    t, i = np.indices(targets.shape)  # step and example of each target, both (T, m)
    return float(-np.mean(log_p[t, targets, i]))


def sequence_cost_backward(logits, targets):
    """dJ/dz = (p - onehot(y)) / (m T), shape (T, V, m), for J = sequence_cost(logits, targets)."""
    logits, targets = _check_logits_and_targets(logits, targets)
    T, V, m = logits.shape
    return (sequence_probabilities(logits) - one_hot_sequence(targets, V).astype(logits.dtype)) / (m * T)


def rnn_loss_and_gradients(X, targets, h0, params):
    """Forward through the sequence, the cost, and BPTT back: one training step's worth.

    Arguments:
        X -- inputs as indices of shape (T, m) (made one-hot with V = n_x) or one-hot, shape (T, n_x, m)
        targets -- the next symbol at each step, integer indices of shape (T, m)
        h0 -- shape (n_h, m);  params -- the five arrays of initialize_rnn_parameters
    Returns:
        cost -- sequence_cost, mean nats per character
        grads -- "dWxh", "dWhh", "dbh", "dWhy", "dby" with the shapes of the parameters
        h_last -- h_T, shape (n_h, m), the h0 of the next chunk of the same sequences
    """
    n_x, _ = check_rnn_parameters(params)
    if np.asarray(X).dtype.kind in "iu":
        # one-hot in the weights' dtype, so that float32 weights keep the whole step in float32
        X = one_hot_sequence(check_indices(X, n_x, name="X"), n_x).astype(params["Wxh"].dtype)
    H, caches = rnn_forward(X, h0, params)
    logits = rnn_output_forward(H, params)
    cost = sequence_cost(logits, targets)
    dH, dWhy, dby = rnn_output_backward(sequence_cost_backward(logits, targets), H, params)
    grads = rnn_backward(dH, caches)
    grads = {key: grads[key] for key in ("dWxh", "dWhh", "dbh")}  # dX and dh0 belong to no parameter
    return cost, {**grads, "dWhy": dWhy, "dby": dby}, H[-1]


def global_norm(grads):
    """||g||: the square root of the sum of the squares of every entry of every array in ``grads``, a float.

    Arguments:
        grads -- dict of gradient arrays of any shapes, for example "dWxh" (n_h, n_x), "dby" (n_y, 1)
    """
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be a dict of gradient arrays, got {type(grads).__name__}.")
    return float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))


def clip_gradients(grads, max_norm):
    """Scale every gradient by max_norm / ||g|| when the global norm ||g|| exceeds max_norm.

    ||g|| is the norm of all entries of all arrays together, so clipping keeps the direction.

    Returns:
        clipped -- a new dict of copies, same keys and shapes;  norm -- ||g|| before clipping, a float
    """
    max_norm = check_positive_number(max_norm, "max_norm", " A common choice is 5.")
    norm = global_norm(grads)
    if not np.isfinite(norm):
        raise ValueError("the gradients contain NaN or inf, which clipping cannot repair: lower the learning rate.")
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return {key: np.array(g) * scale for key, g in grads.items()}, norm
