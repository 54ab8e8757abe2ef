"""Input checks for the text and recurrent-network lessons (the sequence cousins of ``_validation``).

Layout, as everywhere in part two: a batch of sequences ``X`` has shape (T, n_x, m), time first,
so that ``X[t]`` is the familiar (n_x, m) slice with one example per column. Characters are
integer indices into a fixed vocabulary: one sequence is (T,), a batch of m sequences is (T, m).
"""

from itertools import permutations

import numpy as np

from ._validation import check_finite

AXIS_NAMES = ("T", "n_x", "m")


def check_indices(indices, vocabulary_size=None, name="indices", shapes=("(T,)", "(T, m)")):
    """Return ``indices`` as an int64 array of 1 or 2 dimensions with every entry in 0 .. V-1.

    Arguments:
        indices -- array-like of whole numbers, shape (T,) or (T, m); ``shapes`` names the allowed ones
        vocabulary_size -- V, or None to skip the range check
    """
    array = np.asarray(indices)
    if array.dtype.kind not in "iu":
        hint = ""
        if array.dtype.kind == "f" and array.ndim == 3:
            hint = " This looks like a one-hot sequence (T, V, m): recover the indices with argmax(axis=1)."
        elif array.dtype.kind == "U":
            hint = " Encode text first: vocabulary.encode(text)."
        raise TypeError(
            f"{name} must hold integer symbol indices, got dtype {array.dtype} with shape {array.shape}.{hint}"
        )
    if array.ndim not in range(1, len(shapes) + 1):
        raise ValueError(f"{name} must have shape {' or '.join(shapes)}, got {array.ndim}-D with shape "
                         f"{array.shape}.")
    if array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}): a sequence needs at least one symbol.")
    if vocabulary_size is not None and (array.min() < 0 or array.max() >= vocabulary_size):
        position = tuple(int(i) for i in np.argwhere((array < 0) | (array >= vocabulary_size))[0])
        raise ValueError(
            f"{name}[{', '.join(map(str, position))}] = {array[position]} is outside the vocabulary: "
            f"indices must lie in 0 .. {vocabulary_size - 1} for {vocabulary_size} symbols."
        )
    return array.astype(np.int64, copy=False)


def check_rnn_parameters(params, keys=("Wxh", "Whh", "bh", "Why", "by")):
    """Check that ``params`` holds the listed RNN arrays with consistent shapes; return (n_x, n_h).

    Wxh (n_h, n_x), Whh (n_h, n_h), bh (n_h, 1), Why (n_y, n_h), by (n_y, 1).
    """
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict with keys {', '.join(keys)}, got {type(params).__name__}.")
    missing = [key for key in keys if key not in params]
    if missing:
        raise ValueError(f"params lacks {missing}; an RNN needs {list(keys)} (see initialize_rnn_parameters).")
    Wxh = np.asarray(params["Wxh"])
    if Wxh.ndim != 2:
        raise ValueError(f"Wxh must be 2-D with shape (n_h, n_x), got shape {Wxh.shape}.")
    n_h, n_x = Wxh.shape
    expected = {"Whh": (n_h, n_h), "bh": (n_h, 1)}
    if "Why" in keys:
        Why = np.asarray(params["Why"])
        if Why.ndim != 2 or Why.shape[1] != n_h:
            raise ValueError(f"Why must have shape (n_y, n_h) = (n_y, {n_h}) to match Wxh of shape {Wxh.shape}, "
                             f"got {Why.shape}.")
        expected["by"] = (Why.shape[0], 1)
    for key, shape in expected.items():
        if np.shape(params[key]) != shape:
            raise ValueError(f"{key} must have shape {shape} to match Wxh of shape {Wxh.shape} (n_h = {n_h}), "
                             f"got {np.shape(params[key])}.")
    return n_x, n_h


def check_hidden_state(h, n_h, name="h0"):
    """Check that the hidden state ``h`` is a finite (n_h, m) float array; return it."""
    h = np.asarray(h)
    if h.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers, got dtype {h.dtype}.")
    if h.ndim != 2 or h.shape[0] != n_h:
        raise ValueError(
            f"{name} must have shape (n_h, m) = ({n_h}, m), one hidden state per example (column), to match "
            f"Whh of shape ({n_h}, {n_h}); got shape {h.shape}. Start from np.zeros(({n_h}, m))."
        )
    check_finite(h, name)
    return h if h.dtype.kind == "f" else h.astype(np.float64)


def check_step(x_t, n_x, m, name="x_t"):
    """Check that one step's input ``x_t`` is a finite (n_x, m) float array, one example per column."""
    x_t = np.asarray(x_t)
    if x_t.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers, got dtype {x_t.dtype}.")
    if x_t.shape != (n_x, m):
        hint = f" It looks transposed: pass {name}.T." if x_t.shape == (m, n_x) else ""
        raise ValueError(f"{name} must have shape (n_x, m) = ({n_x}, {m}), one example per column, to match Wxh "
                         f"({n_x} columns) and h_prev ({m} columns); got {x_t.shape}.{hint}")
    check_finite(x_t, name)
    return x_t if x_t.dtype.kind == "f" else x_t.astype(np.float64)


def check_sequence(X, n_x, m, name="X", weights="Wxh", function="rnn_forward"):
    """Check that ``X`` is a non-empty float sequence of shape (T, n_x, m), time first; return it.

    A wrong layout such as (m, T, n_x) or (n_x, m, T) is recognised from n_x (the columns of Wxh)
    and m (the columns of h0), and the message says which np.transpose restores (T, n_x, m).
    """
    X = np.asarray(X)
    if X.dtype.kind in "iu" and X.ndim == 2:
        raise TypeError(
            f"{name} holds integer indices of shape {X.shape}; {function} needs a one-hot sequence of shape "
            f"(T, n_x, m): use one_hot_sequence({name}, {n_x})."
        )
    if X.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers, got dtype {X.dtype}.")
    if X.ndim != 3:
        hint = f" For one sequence of shape (T, n_x) use {name}[:, :, np.newaxis]." if X.ndim == 2 else ""
        raise ValueError(f"{name} must be 3-D with shape (T, n_x, m), time first; got shape {X.shape}.{hint}")
    if X.shape[0] == 0:
        raise ValueError(f"{name} is an empty sequence (shape {X.shape}): T must be at least 1.")
    if X.shape[1:] != (n_x, m):
        # which order of the axes would give (T, n_x, m)? order[k] is the axis of X that becomes axis k
        fixes = [order for order in permutations(range(3))
                 if X.shape[order[1]] == n_x and X.shape[order[2]] == m and order != (0, 1, 2)]
        message = (f"{name} has shape {X.shape}, but with n_x = {n_x} ({weights} has {n_x} columns) and m = {m} (h0 has "
                   f"{m} columns) it must have shape (T, {n_x}, {m}): time first, then features, then examples.")
        for order in fixes[:2]:
            layout = [AXIS_NAMES[order.index(axis)] for axis in range(3)]
            message += f" It looks like ({', '.join(layout)}): np.transpose({name}, {order}) gives (T, n_x, m)."
        if not fixes:
            message += " Reorder its axes with np.transpose or np.moveaxis, or check n_x and h0."
        raise ValueError(message)
    check_finite(X, name)
    return X if X.dtype.kind == "f" else X.astype(np.float64)


def check_bigram_table(P):
    """Return P as a float64 (V, V) array whose rows are probability distributions (row a: the symbol after a)."""
    P = np.asarray(P, dtype=np.float64)
    if P.ndim != 2 or P.shape[0] != P.shape[1] or not ((P >= 0) & (P <= 1)).all():
        raise ValueError(f"P must be a square (V, V) array of probabilities, got shape {P.shape}.")
    if not np.allclose(P.sum(axis=1), 1.0):
        raise ValueError("every row of P must sum to 1 (row a: the next symbol after a); make P with "
                         "bigram_probabilities.")
    return P
