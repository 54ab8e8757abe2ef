"""A long-dependency task: name the symbol seen k steps earlier.

Every sequence has T = k + 1 steps over a vocabulary of V = n_symbols + n_fillers + 1 tokens:
    step 0             one of the symbols 0 .. n_symbols - 1: the one to remember
    steps 1 .. k - 1   fillers drawn at random from n_symbols .. n_symbols + n_fillers - 1
    step k             the query token n_symbols + n_fillers
and the answer, scored at the last step only, is the symbol of step 0. Guessing scores 1 / n_symbols.
The gradient that teaches the network to keep the symbol has to travel back k steps: through the
cell state c of an LSTM it is multiplied by the forget gate f at every step, so the memory the
network starts with, about 1 / (1 - f) steps, decides how far it can learn to look back.

Training: a fresh batch of m sequences at every iteration, Adam, and gradient clipping by norm.
The same code trains a plain tanh RNN (rnn.py) with cell="rnn", for the comparison: its gradient
is multiplied by Whh^T and the tanh slopes at every step back, with no additive path.
"""

import numpy as np

from ._validation import check_count, check_positive_number
from .lstm import initialize_lstm_parameters, lstm_backward, lstm_forward
from .optimizers import initialize_state, update_parameters_with_adam
from .rnn import (clip_gradients, initialize_rnn_parameters, rnn_backward, rnn_forward, rnn_output_backward,
                  rnn_output_forward, sequence_cost, sequence_cost_backward)
from .text import one_hot_sequence


def recall_task(k, n_symbols, m, seed, n_fillers=16):
    """m recall sequences with the symbol k steps before the query.

    Arguments:
        k -- distance from the symbol to the query, at least 1;  n_symbols -- how many symbols, at least 2
        m -- number of sequences;  seed -- an int or a numpy.random.Generator
        n_fillers -- how many filler tokens the steps in between are drawn from
    Returns:
        sequence -- token indices, shape (T, m) with T = k + 1, in 0 .. V - 1 (V = vocabulary_size(...))
        answers -- the symbol each sequence must name, shape (m,), in 0 .. n_symbols - 1
    """
    k, n_symbols, m = check_count(k, "k"), check_count(n_symbols, "n_symbols", 2), check_count(m, "m")
    n_fillers = check_count(n_fillers, "n_fillers")
    rng = np.random.default_rng(seed)
    answers = rng.integers(0, n_symbols, size=m)
    sequence = rng.integers(n_symbols, n_symbols + n_fillers, size=(k + 1, m))  # fillers
    sequence[0], sequence[k] = answers, n_symbols + n_fillers  # the symbol, then the query token
    return sequence, answers


def vocabulary_size(n_symbols, n_fillers=16):
    """V = n_symbols + n_fillers + 1: the symbols, the fillers and the query token."""
    return n_symbols + n_fillers + 1


CELLS = ("lstm", "rnn")


def _cell_of(params):
    """"lstm" for the dict of initialize_lstm_parameters, "rnn" for that of initialize_rnn_parameters."""
    if isinstance(params, dict) and "Wxi" in params:
        return "lstm"
    if isinstance(params, dict) and "Wxh" in params:
        return "rnn"
    raise ValueError("params must be the dict of initialize_lstm_parameters (keys Wxi, ...) or of "
                     "initialize_rnn_parameters (keys Wxh, Whh, bh, Why, by).")


def _states(sequence, params):
    """Run the network over the one-hot sequence from a zero state: H (T, n_h, m), caches, and the cell."""
    cell = _cell_of(params)
    n_x, n_h = params["Wx" + ("i" if cell == "lstm" else "h")].shape[::-1]
    X = one_hot_sequence(sequence, n_x)
    state = np.zeros((n_h, X.shape[2]))
    if cell == "lstm":
        H, caches, _ = lstm_forward(X, state, state, params)
    else:
        H, caches = rnn_forward(X, state, params)
    return H, caches, cell


def recall_loss_and_gradients(sequence, answers, params):
    """Cost and gradients with only the last step scored, built from the pieces of lstm.py (or rnn.py).

    Arguments:
        sequence -- token indices (T, m);  answers -- (m,)
        params -- dict of initialize_lstm_parameters, or of initialize_rnn_parameters for a plain RNN
    Returns:
        cost -- mean of -log p(answer) at the last step;  grads -- dict "d" + key for each key of params
    """
    H, caches, cell = _states(sequence, params)
    logits = rnn_output_forward(H[-1:], params)  # a sequence of one step: the last
    cost = sequence_cost(logits, answers[np.newaxis])
    dH_last, dWhy, dby = rnn_output_backward(sequence_cost_backward(logits, answers[np.newaxis]), H[-1:], params)
    dH = np.zeros_like(H)
    dH[-1] = dH_last[0]  # the earlier steps have no output, so no gradient of their own
    grads = lstm_backward(dH, caches) if cell == "lstm" else rnn_backward(dH, caches)
    grads = {"d" + key: grads["d" + key] for key in params if "d" + key in grads}
    grads.update(dWhy=dWhy, dby=dby)
    return cost, grads


def predict_recall(sequence, params):
    """The symbol the network (LSTM or RNN) names at the last step of each sequence (T, m): shape (m,)."""
    H, _, _ = _states(sequence, params)
    logits = rnn_output_forward(H[-1:], params)
    return np.argmax(logits[0], axis=0)


def train_recall(k, n_symbols=4, n_fillers=16, n_h=16, iterations=300, m=32, learning_rate=0.005, max_norm=1.0,
                 forget_bias=3.0, seed=0, cell="lstm"):
    """Train an LSTM (or, with cell="rnn", a plain tanh RNN) on the recall task with Adam and clipping.

    forget_bias = 3 starts the forget gate near sigmoid(3) = 0.95, a memory of about 20 steps: with
    the usual 1 (f near 0.73, about 4 steps) the same budget learns k = 20 or 40 for some seeds only.
    Arguments:
        k, n_symbols, n_fillers -- the task (see recall_task);  n_h -- size of the state
        iterations -- number of Adam steps, each on a fresh batch of m sequences
        max_norm -- the gradients' joint norm is clipped to this;  seed -- an int or a Generator
        cell -- "lstm", or "rnn" for the RNN of rnn.py with the same budget (forget_bias is then unused)
    Returns:
        params -- the trained dict;  costs -- the cost at every iteration, a list of floats
    """
    iterations = check_count(iterations, "iterations")
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {CELLS}, got {cell!r}.")
    rng = np.random.default_rng(seed)
    V = vocabulary_size(n_symbols, n_fillers)
    if cell == "lstm":
        params = initialize_lstm_parameters(V, n_h, n_symbols, seed=rng, forget_bias=forget_bias)
    else:
        params = initialize_rnn_parameters(V, n_h, n_symbols, seed=rng)
    v, s = initialize_state(params), initialize_state(params)
    costs = []
    for t in range(1, iterations + 1):
        sequence, answers = recall_task(k, n_symbols, m, rng, n_fillers)
        cost, grads = recall_loss_and_gradients(sequence, answers, params)
        grads, _ = clip_gradients(grads, max_norm)
        costs.append(cost)
        params, v, s = update_parameters_with_adam(params, grads, v, s, t, learning_rate)
    return params, costs


def recall_accuracy(params, k, n_symbols=4, n_fillers=16, m=1000, seed=1):
    """Fraction of m fresh sequences whose symbol the network names correctly."""
    sequence, answers = recall_task(k, n_symbols, m, seed, n_fillers)
    return float(np.mean(predict_recall(sequence, params) == answers))
