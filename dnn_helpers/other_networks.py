"""Lesson 14, "Where next": small working models of other kinds of network.

    train_perceptron(X, Y, num_epochs)        # Rosenblatt's rule on 0/1 labels; returns w, b, mistakes per epoch
    PATTERNS                                  # three 5 x 5 patterns of +1/-1 for the Hopfield net
    hopfield_weights(patterns)                # Hebb's rule, no self-connections
    hopfield_recall(W, state, max_sweeps)     # asynchronous sign updates until nothing changes
    flip_pixels(pattern, flipped, seed)       # a noisy copy of a pattern
    convolution_matrix(kernel, n)             # a 1-D convolution written as a weight matrix
    rnn_forward(X_sequence, Wxh, Whh, b)      # a tanh RNN cell unrolled over a sequence

Their pictures are in explore/where_next.py.
"""

import numpy as np


# ---------------------------------------------------------------------------------------------
# Perceptron
# ---------------------------------------------------------------------------------------------


def train_perceptron(X, Y, num_epochs=10, learning_rate=1.0):
    """Rosenblatt's perceptron rule, one example at a time, in the order of the columns.

    prediction = 1 if w . x + b > 0 else 0;   w += lr (y - prediction) x,   b += lr (y - prediction)

    Arguments:
        X -- inputs, shape (n_x, m);  Y -- labels 0 or 1, shape (1, m)
    Returns:
        w -- weights, shape (1, n_x);  b -- float;  mistakes -- list, the number of updates in each epoch
    """
    w, b = np.zeros((1, X.shape[0])), 0.0
    mistakes = []
    for _ in range(num_epochs):
        count = 0
        for i in range(X.shape[1]):
            x, y = X[:, i:i + 1], Y[0, i]
            prediction = float((w @ x).item() + b > 0)
            if prediction != y:
                w = w + learning_rate * (y - prediction) * x.T
                b = b + learning_rate * (y - prediction)
                count += 1
        mistakes.append(count)
        if count == 0:  # every example right: the rule makes no more changes
            break
    return w, b, mistakes


# ---------------------------------------------------------------------------------------------
# Hopfield network
# ---------------------------------------------------------------------------------------------


_DRAWINGS = {
    "T": ["#####", "..#..", "..#..", "..#..", "..#.."],
    "L": ["#....", "#....", "#....", "#....", "#####"],
    "X": ["#...#", ".#.#.", "..#..", ".#.#.", "#...#"],
}
# name -> pattern of shape (25,), +1 for ink, -1 for background
PATTERNS = {name: np.array([1.0 if c == "#" else -1.0 for c in "".join(rows)]) for name, rows in _DRAWINGS.items()}


def hopfield_weights(patterns):
    """Hebb's rule: W = (1/n) sum_p p p^T with a zero diagonal (no unit feeds itself).

    Arguments:
        patterns -- list of arrays of shape (n,), entries +1 or -1
    Returns:
        W -- symmetric, shape (n, n)
    """
    P = np.array(patterns, dtype=np.float64)  # (number of patterns, n)
    W = P.T @ P / P.shape[1]
    np.fill_diagonal(W, 0.0)
    return W


def hopfield_energy(W, state):
    """E = -1/2 s^T W s: never increases under the update of hopfield_recall."""
    return float(-0.5 * state @ W @ state)


def hopfield_recall(W, state, max_sweeps=10, seed=0):
    """Update one unit at a time, s_i = sign(W_i . s), in a random order, until a sweep changes nothing.

    Returns:
        state -- the final state, shape (n,);  energies -- the energy after each sweep (the first: at the start)
    """
    rng = np.random.default_rng(seed)
    state = np.array(state, dtype=np.float64)
    energies = [hopfield_energy(W, state)]
    for _ in range(max_sweeps):
        changed = False
        for i in rng.permutation(state.size):
            new = 1.0 if W[i] @ state >= 0 else -1.0
            if new != state[i]:
                state[i], changed = new, True
        energies.append(hopfield_energy(W, state))
        if not changed:
            break
    return state, energies


def flip_pixels(pattern, flipped, seed=0):
    """A copy of ``pattern`` with ``flipped`` randomly chosen entries changed in sign."""
    rng = np.random.default_rng(seed)
    noisy = np.array(pattern, dtype=np.float64)
    noisy[rng.choice(noisy.size, size=flipped, replace=False)] *= -1
    return noisy


# ---------------------------------------------------------------------------------------------
# Convolution and recurrence
# ---------------------------------------------------------------------------------------------


def convolution_matrix(kernel, n):
    """The weight matrix W of shape (n - k + 1, n) with W @ x equal to the 1-D convolution of x by kernel.

    (As in deep-learning libraries, "convolution" means sliding the kernel without flipping it:
    out[j] = sum_t kernel[t] x[j + t].) Every row holds the same k weights, shifted by one.
    """
    kernel = np.asarray(kernel, dtype=np.float64)
    k = kernel.size
    W = np.zeros((n - k + 1, n))
    for j in range(n - k + 1):
        W[j, j:j + k] = kernel
    return W


def rnn_forward(X_sequence, Wxh, Whh, b):
    """Unroll a tanh RNN cell: h_t = tanh(Wxh x_t + Whh h_{t-1} + b), h_0 = 0.

    Arguments:
        X_sequence -- shape (T, n_x, m): T time steps, each an (n_x, m) batch with examples as columns
        Wxh -- (n_h, n_x);  Whh -- (n_h, n_h);  b -- (n_h, 1)
    Returns:
        H -- shape (T, n_h, m), the hidden state after each step
    """
    T, _, m = X_sequence.shape
    h = np.zeros((Whh.shape[0], m))
    states = []
    for t in range(T):
        h = np.tanh(Wxh @ X_sequence[t] + Whh @ h + b)  # the same weights at every step
        states.append(h)
    return np.array(states)
