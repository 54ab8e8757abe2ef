"""Long short-term memory (LSTM): a recurrent layer whose cell state c can carry a value over many steps.

One step, for the input x_t and the previous state (h_prev, c_prev):
    i   = sigmoid(Wxi x_t + Whi h_prev + bi)     input gate: how much of g to write
    f   = sigmoid(Wxf x_t + Whf h_prev + bf)     forget gate: how much of c_prev to keep
    g   = tanh(Wxg x_t + Whg h_prev + bg)        candidate values
    o   = sigmoid(Wxo x_t + Who h_prev + bo)     output gate: how much of the cell to show
    c_t = f * c_prev + i * g                     (elementwise products)
    h_t = o * tanh(c_t)
The output layer and the cost are the RNN's (rnn.py): logits_t = Why h_t + by at every step,
p_t = softmax of each column of logits_t, and the mean over the T steps and m examples of -ln p_t[target].

Shapes
    X (T, n_x, m)    time first: X[t] is step t, one example per column (one-hot characters here)
    H (T, n_h, m)    H[t] = h_t;  h0, c0, h_t, c_t, i, f, g, o are all (n_h, m)
    Wx* (n_h, n_x),  Wh* (n_h, n_h),  b* (n_h, 1)  for * = i, f, g, o;  Why (n_y, n_h),  by (n_y, 1)
    logits (T, n_y, m);  targets (T, m), integer indices in 0 .. n_y - 1

Gradients: every d-array is dJ/d(array) for the cost J itself, with that array's shape; the 1/(T m)
of the mean is applied once, in sequence_cost_backward. (backward.py keeps m dJ/dZ per column
instead; with T steps as well as m examples, one exact gradient everywhere is simpler to check.)

PyTorch's nn.LSTM stacks the gates in the order i, f, g, o: weight_ih_l0 (4 n_h, n_x) is
[Wxi; Wxf; Wxg; Wxo], weight_hh_l0 (4 n_h, n_h) is [Whi; Whf; Whg; Who], and its two biases add up,
b* = bias_ih + bias_hh (stack_gates and unstack_gates convert). Its input (T, m, n_x) is
np.moveaxis(X, 1, 2) of ours.

The cache of one step, LSTMStepCache: x_t, h_prev, c_prev, the gates i, f, g, o, c_t, tanh(c_t)
and the params dict. lstm_forward returns the list [cache of step 0, ..., cache of step T - 1].
"""

from collections import namedtuple

import numpy as np

from ._sequences import check_sequence
from ._validation import check_count
from .activations import sigmoid
from .rnn import rnn_output_backward, rnn_output_forward, sequence_cost, sequence_cost_backward

GATES = ("i", "f", "g", "o")  # PyTorch's order
GATE_KEYS = tuple(kind + gate for gate in GATES for kind in ("Wx", "Wh", "b"))
OUTPUT_KEYS = ("Why", "by")

LSTMStepCache = namedtuple("LSTMStepCache", "x_t h_prev c_prev i f g o c_t tanh_c params")
LSTMStepCache.__doc__ = "What one LSTM step's backward needs; see the module docstring."


def initialize_lstm_parameters(n_x, n_h, n_y, seed=0, forget_bias=1.0):
    """Random gate weights with variance 1 / (n_x + n_h), zero biases except bf = forget_bias.

    With bf = 0 the forget gate starts near sigmoid(0) = 0.5: the cell halves its content every
    step, and the gradient along c shrinks like 0.5^k over k steps. bf = 1 starts it near 0.73, a
    longer memory from the first iteration (a common choice, also in Keras).
    Arguments:
        n_x, n_h, n_y -- sizes of the input (the vocabulary), the state and the output
        seed -- an int or a numpy.random.Generator
    Returns:
        params -- dict "Wxi" (n_h, n_x), "Whi" (n_h, n_h), "bi" (n_h, 1), the same for f, g, o,
                  "Why" (n_y, n_h), "by" (n_y, 1); float64
    """
    n_x, n_h, n_y = (check_count(n, name) for n, name in ((n_x, "n_x"), (n_h, "n_h"), (n_y, "n_y")))
    rng = np.random.default_rng(seed)
    scale = 1 / np.sqrt(n_x + n_h)  # Xavier for the gates' input, x_t and h_prev stacked
    params = {}
    for gate in GATES:
        params["Wx" + gate] = rng.standard_normal((n_h, n_x)) * scale
        params["Wh" + gate] = rng.standard_normal((n_h, n_h)) * scale
        params["b" + gate] = np.full((n_h, 1), float(forget_bias) if gate == "f" else 0.0)
    params["Why"] = rng.standard_normal((n_y, n_h)) / np.sqrt(n_h)
    params["by"] = np.zeros((n_y, 1))
    return params


def stack_gates(params, prefix=""):
    """The four gates stacked in PyTorch's order i, f, g, o: one matrix product gives all of them.

    Arguments:
        params -- dict with "Wxi", "Whi", "bi", ... (prefix "d": the gradients "dWxi", ...)
    Returns:
        W_x (4 n_h, n_x), W_h (4 n_h, n_h), b (4 n_h, 1)
    """
    missing = [prefix + key for key in GATE_KEYS if prefix + key not in params]
    if missing:
        raise ValueError(f"stack_gates needs {', '.join(prefix + key for key in GATE_KEYS)}; missing: {missing}.")
    check_lstm_parameters({key: params[prefix + key] for key in GATE_KEYS})
    return tuple(np.concatenate([params[prefix + kind + gate] for gate in GATES]) for kind in ("Wx", "Wh", "b"))


def unstack_gates(W_x, W_h, b, prefix=""):
    """The inverse of stack_gates: W_x (4 n_h, n_x), W_h (4 n_h, n_h), b (4 n_h, 1) or (4 n_h,)
    -> dict "Wxi" (n_h, n_x), "Whi" (n_h, n_h), "bi" (n_h, 1), ... (keys with ``prefix`` in front)."""
    W_x, W_h, b = np.asarray(W_x), np.asarray(W_h), np.asarray(b).reshape(-1, 1)
    if W_x.ndim != 2 or W_x.shape[0] % 4 or W_h.shape != (W_x.shape[0], W_x.shape[0] // 4) or len(b) != len(W_x):
        raise ValueError(f"expected W_x (4 n_h, n_x), W_h (4 n_h, n_h) and b (4 n_h,) with the gates i, f, g, o "
                         f"stacked; got shapes {W_x.shape}, {W_h.shape} and {b.shape}.")
    parts = {kind: np.split(array, 4) for kind, array in (("Wx", W_x), ("Wh", W_h), ("b", b))}
    return {prefix + kind + gate: parts[kind][n].copy() for n, gate in enumerate(GATES) for kind in parts}


def lstm_cell_forward(x_t, h_prev, c_prev, params):
    """One LSTM step (the equations of the module docstring).

    Arguments:
        x_t -- input of this step, shape (n_x, m);  h_prev, c_prev -- previous state, each (n_h, m)
        params -- dict with the gate arrays "Wxi", "Whi", "bi", ..., "Wxo", "Who", "bo"
    Returns:
        h_t, c_t -- the new state, each (n_h, m);  cache -- LSTMStepCache for lstm_cell_backward
    """
    n_x, n_h = check_lstm_parameters(params)
    x_t = np.asarray(x_t)
    m = x_t.shape[-1] if x_t.ndim else 0
    check_state(x_t, "x_t", n_x, m, rows="n_x")
    h_prev, c_prev = check_state(h_prev, "h_prev", n_h, m), check_state(c_prev, "c_prev", n_h, m)

    def gate_input(gate):  # Wx* x_t + Wh* h_prev + b*, shape (n_h, m)
        return params["Wx" + gate] @ x_t + params["Wh" + gate] @ h_prev + params["b" + gate]

    i, f, o = sigmoid(gate_input("i")), sigmoid(gate_input("f")), sigmoid(gate_input("o"))
    g = np.tanh(gate_input("g"))
    c_t = f * c_prev + i * g  # keep part of the old cell, write part of the candidate
    tanh_c = np.tanh(c_t)
    h_t = o * tanh_c
    return h_t, c_t, LSTMStepCache(x_t, h_prev, c_prev, i, f, g, o, c_t, tanh_c, params)


def lstm_cell_backward(dh_t, dc_t, cache):
    """Backward step of one LSTM step.

    Arguments:
        dh_t -- dJ/dh_t, shape (n_h, m): from this step's output and from step t + 1
        dc_t -- dJ/dc_t through step t + 1 only (dc_prev of step t + 1; zeros at the last step), (n_h, m)
        cache -- the LSTMStepCache of lstm_cell_forward
    Returns:
        dict with "dx_t" (n_x, m), "dh_prev" and "dc_prev" (n_h, m), and "dWxi" (n_h, n_x),
        "dWhi" (n_h, n_h), "dbi" (n_h, 1), ... for the four gates
    """
    x_t, h_prev, c_prev, i, f, g, o, c_t, tanh_c, params = cache
    # c_t reaches J along two paths: through step t + 1 (dc_t) and through h_t = o tanh(c_t)
    dc = dc_t + dh_t * o * (1 - tanh_c**2)
    dz = {  # dJ/d(gate input): (derivative of c_t or h_t by the gate) * (derivative of the gate's function)
        "i": dc * g * i * (1 - i),  # c_t = ... + i g;  sigmoid' = i (1 - i)
        "f": dc * c_prev * f * (1 - f),  # c_t = f c_prev + ...
        "g": dc * i * (1 - g**2),  # tanh' = 1 - g^2
        "o": dh_t * tanh_c * o * (1 - o),  # h_t = o tanh(c_t)
    }
    grads = {
        "dx_t": sum(params["Wx" + gate].T @ dz[gate] for gate in GATES),  # x_t feeds all four gates
        "dh_prev": sum(params["Wh" + gate].T @ dz[gate] for gate in GATES),
        "dc_prev": dc * f,  # c_t = f c_prev + ...
    }
    for gate in GATES:
        grads["dWx" + gate] = dz[gate] @ x_t.T  # summed over the m examples
        grads["dWh" + gate] = dz[gate] @ h_prev.T
        grads["db" + gate] = np.sum(dz[gate], axis=1, keepdims=True)
    return grads


def lstm_forward(X, h0, c0, params):
    """Run the LSTM over a whole sequence.

    Arguments:
        X -- inputs, shape (T, n_x, m), time first;  h0, c0 -- starting state, each (n_h, m)
        params -- dict with the gate arrays (see initialize_lstm_parameters)
    Returns:
        H -- every h_t, shape (T, n_h, m);  caches -- list of T LSTMStepCache;  c_last -- c_{T-1}, (n_h, m)
    """
    n_x, n_h = check_lstm_parameters(params)
    # m from h0 where it looks right, else from X: the first check then names the array that is off
    m = np.shape(h0)[1] if np.ndim(h0) == 2 and np.shape(h0)[0] == n_h else np.shape(X)[-1]
    h, c = check_state(h0, "h0", n_h, m), check_state(c0, "c0", n_h, m)
    X = check_sequence(X, n_x, m, weights="Wxi", function="lstm_forward")
    T = X.shape[0]
    H = np.empty((T, n_h, m), dtype=np.result_type(X, h, params["Wxi"]))
    caches = []
    for t in range(T):
        h, c, cache = lstm_cell_forward(X[t], h, c, params)
        H[t] = h
        caches.append(cache)
    return H, caches, c


def lstm_backward(dH, caches):
    """Backward through time: from the last step to the first, passing dh and dc back.

    Arguments:
        dH -- dJ/dh_t through the output layer of each step, shape (T, n_h, m)
        caches -- the list lstm_forward returned
    Returns:
        dict with "dWxi", ..., "dbo" (summed over the T steps, shapes of the parameters),
        "dX" (T, n_x, m), "dh0" and "dc0" (n_h, m)
    """
    if not caches:
        raise ValueError("caches is empty: pass the list of step caches that lstm_forward returned.")
    dH, expected = np.asarray(dH), (len(caches),) + caches[0].h_prev.shape
    if dH.shape != expected:
        raise ValueError(f"dH must have the shape of H, (T, n_h, m) = {expected}, got {np.shape(dH)}.")
    grads = {"d" + key: np.zeros_like(caches[0].params[key]) for key in GATE_KEYS}
    dX = np.empty((len(caches),) + caches[0].x_t.shape, dtype=dH.dtype)
    # nothing comes back from after the last step
    dh_next, dc_next = np.zeros_like(caches[0].h_prev), np.zeros_like(caches[0].c_prev)
    for t in reversed(range(len(caches))):
        # h_t feeds this step's output (dH[t]) and the gates of step t + 1 (dh_next)
        step = lstm_cell_backward(dH[t] + dh_next, dc_next, caches[t])
        dX[t], dh_next, dc_next = step["dx_t"], step["dh_prev"], step["dc_prev"]
        for key in GATE_KEYS:
            grads["d" + key] += step["d" + key]  # the same weights act at every step: add the steps up
    grads.update(dX=dX, dh0=dh_next, dc0=dc_next)
    return grads


def lstm_loss_and_gradients(X, targets, h0, c0, params):
    """Cost and every parameter's gradient for one sequence.

    Arguments:
        X -- one-hot inputs (T, n_x, m);  targets -- indices (T, m);  h0, c0 -- starting state (n_h, m)
        params -- dict of initialize_lstm_parameters
    Returns:
        cost -- a float;  grads -- dict "d" + key for each key of params, shapes of the parameters;
        (h_last, c_last) -- the final state, each (n_h, m), to start the next piece of text from
    """
    check_lstm_parameters(params, GATE_KEYS + OUTPUT_KEYS)
    H, caches, c_last = lstm_forward(X, h0, c0, params)
    logits = rnn_output_forward(H, params)
    cost = sequence_cost(logits, targets)
    dH, dWhy, dby = rnn_output_backward(sequence_cost_backward(logits, targets), H, params)
    grads = lstm_backward(dH, caches)
    grads = {"d" + key: grads["d" + key] for key in GATE_KEYS}
    grads.update(dWhy=dWhy, dby=dby)
    return cost, grads, (H[-1], c_last)


# The checks: a mistake in the inputs ends in a message that says how to fix it.


def check_lstm_parameters(params, keys=GATE_KEYS):
    """Check the gate arrays (and any other ``keys``) and return (n_x, n_h) read from Wxi."""
    if not isinstance(params, dict):
        raise TypeError("params must be the dict that initialize_lstm_parameters returns.")
    missing = [key for key in keys if key not in params]
    if missing:
        raise ValueError(f"params has no {', '.join(map(repr, missing))}: an LSTM needs {', '.join(keys)}. "
                         "Make them with initialize_lstm_parameters(n_x, n_h, n_y, seed).")
    if np.ndim(params["Wxi"]) != 2:
        raise ValueError(f"Wxi must be 2-D with shape (n_h, n_x), got shape {np.shape(params['Wxi'])}.")
    n_h, n_x = np.shape(params["Wxi"])
    shapes = {"Wx": (n_h, n_x), "Wh": (n_h, n_h), "b": (n_h, 1), "Why": ("n_y", n_h), "by": ("n_y", 1)}
    for key in keys:
        expected, shape = shapes[key if key in OUTPUT_KEYS else key[:-1]], np.shape(params[key])  # "Wxi" -> "Wx"
        if len(shape) != 2 or any(want not in ("n_y", size) for want, size in zip(expected, shape)):
            raise ValueError(f"{key} has shape {shape}, but n_x = {n_x} and n_h = {n_h} (from Wxi of shape "
                             f"{(n_h, n_x)}) need ({', '.join(map(str, expected))}).")
    return n_x, n_h


def check_state(state, name, n_h, m, rows="n_h"):
    """Check that a state h or c (or an input x_t, rows="n_x") has shape (n_h, m), one column per example."""
    state = np.asarray(state)
    if state.shape != (n_h, m):
        hint = f" It looks transposed: pass {name}.T." if state.shape == (m, n_h) else ""
        start = f" To start from rest, pass np.zeros(({n_h}, {m}))." if rows == "n_h" else ""
        raise ValueError(f"{name} must have shape ({rows}, m) = ({n_h}, {m}), one column per example ({rows} from "
                         f"the weights, m from the input), got {state.shape}.{hint}{start}")
    return state
