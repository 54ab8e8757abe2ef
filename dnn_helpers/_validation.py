"""Input checks shared by every lesson step.

Each check raises ``ValueError`` (or ``TypeError``) with a message that says
what was expected and what was given, so that a learner's mistake never ends
in a bare NumPy traceback.
"""

import math
from numbers import Real

import numpy as np


def as_2d_array(array, name):
    """Return ``array`` as a 2-D floating-point ndarray with finite entries.

    Integer and boolean arrays are converted to float64; float32 stays float32.
    """
    array = np.asarray(array)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers, got an array of dtype {array.dtype}.")
    if array.dtype.kind != "f":
        array = array.astype(np.float64)
    if array.ndim != 2:
        hint = ""
        if array.ndim == 1:
            hint = (
                f" A 1-D array of length {array.shape[0]} is either one example ({name}.reshape(-1, 1), a column) "
                f"or one value per example ({name}.reshape(1, -1), a row)."
            )
        raise ValueError(f"{name} must be a 2-D array, got {array.ndim}-D with shape {array.shape}.{hint}")
    check_finite(array, name)
    return array


def check_finite(array, name):
    """Raise if ``array`` holds NaN or infinity, saying how many and where the first is."""
    finite = np.isfinite(array)
    if not finite.all():
        bad = np.argwhere(~finite)
        first = tuple(int(i) for i in bad[0])
        kinds = []
        if np.isnan(array).any():
            kinds.append("NaN")
        if np.isinf(array).any():
            kinds.append("inf")
        count = "1 entry is" if len(bad) == 1 else f"{len(bad)} entries are"
        raise ValueError(
            f"{name} contains {' and '.join(kinds)}: {count} not finite, the first at index {first}. "
            "Clean or impute the data before training."
        )


def check_examples(X, n_x=None, name="X"):
    """Check that ``X`` has one example per column, shape (n_x, m).

    Arguments:
        X -- array-like of shape (n_x, m)
        n_x -- expected number of features (rows), or None to accept any
    Returns:
        X as a 2-D float ndarray
    """
    X = as_2d_array(X, name)
    if n_x is not None and X.shape[0] != n_x:
        if X.shape[1] == n_x:
            raise ValueError(
                f"{name} has shape {X.shape}, but examples must be columns: expected ({n_x}, m) with "
                f"{n_x} features per column. It looks transposed: pass {name}.T."
            )
        raise ValueError(
            f"{name} has {X.shape[0]} rows (features) but the network expects {n_x} "
            f"(layer_dims[0] = {n_x}); {name} must have shape ({n_x}, m)."
        )
    return X


def check_binary_labels(Y, m=None, name="Y"):
    """Check that ``Y`` is a (1, m) row of 0/1 labels and return it as float.

    Arguments:
        Y -- array-like of shape (1, m)
        m -- expected number of examples, or None to accept any
    """
    Y_array = np.asarray(Y)
    if Y_array.ndim == 1:
        raise ValueError(
            f"{name} must have shape (1, m), one label per column; got a 1-D array of shape {Y_array.shape}. "
            f"Use {name}.reshape(1, -1)."
        )
    if Y_array.ndim == 2 and Y_array.shape[1] == 1 and Y_array.shape[0] > 1:
        raise ValueError(
            f"{name} has shape {Y_array.shape}, but labels must be a row of shape (1, m): pass {name}.T."
        )
    Y_array = as_2d_array(Y_array, name)
    if Y_array.shape[0] != 1:
        raise ValueError(
            f"{name} must have shape (1, m) for binary labels, got {Y_array.shape}. "
            "For several classes use one-hot labels with a softmax output."
        )
    if m is not None and Y_array.shape[1] != m:
        raise ValueError(
            f"{name} has {Y_array.shape[1]} labels but there are {m} examples; expected shape (1, {m})."
        )
    values = np.unique(Y_array)
    if not np.isin(values, (0.0, 1.0)).all():
        others = values[~np.isin(values, (0.0, 1.0))][:5]
        raise ValueError(
            f"{name} must hold binary labels 0 and 1 only; found other values such as {others.tolist()}."
        )
    return Y_array


def check_one_hot_labels(Y, C=None, m=None, name="Y"):
    """Check that ``Y`` is one-hot, shape (C, m): one column per example with a single 1.

    Arguments:
        Y -- array-like of shape (C, m)
        C -- expected number of classes, or None to accept any
        m -- expected number of examples, or None to accept any
    """
    Y_array = np.asarray(Y)
    if Y_array.ndim == 1 and Y_array.dtype.kind in "iu":
        raise ValueError(
            f"{name} holds {Y_array.shape[0]} class numbers, but a softmax output needs one-hot labels of shape "
            f"(C, m): use dnn_helpers.data.one_hot({name}, C)."
        )
    Y_array = as_2d_array(Y_array, name)
    if C is not None and Y_array.shape[0] != C:
        hint = f" It looks transposed: pass {name}.T." if Y_array.shape[1] == C else ""
        raise ValueError(f"{name} must have shape ({C}, m), one row per class, got {Y_array.shape}.{hint}")
    if m is not None and Y_array.shape[1] != m:
        raise ValueError(f"{name} has {Y_array.shape[1]} columns but there are {m} examples; expected ({Y_array.shape[0]}, {m}).")
    if not np.isin(Y_array, (0.0, 1.0)).all() or not (Y_array.sum(axis=0) == 1).all():
        bad = int(np.argmax(~(np.isin(Y_array, (0.0, 1.0)).all(axis=0) & (Y_array.sum(axis=0) == 1))))
        raise ValueError(
            f"{name} must be one-hot: each column holds a single 1 and 0 elsewhere; column {bad} is "
            f"{Y_array[:, bad].tolist()}."
        )
    return Y_array


def check_probabilities(AL, name="AL"):
    """Check that ``AL`` is a 2-D array of probabilities in [0, 1]."""
    AL = as_2d_array(AL, name)
    low, high = AL.min(initial=0.0), AL.max(initial=1.0)
    if low < 0.0 or high > 1.0:
        raise ValueError(
            f"{name} must hold probabilities in [0, 1] (the sigmoid's output), but its values range "
            f"from {low:.4g} to {high:.4g}. Did you pass Z instead of A = sigmoid(Z)?"
        )
    return AL


def check_layer_dims(layer_dims):
    """Check that ``layer_dims`` = (n_x, n_1, ..., n_L) lists at least two positive integers."""
    try:
        dims = list(layer_dims)
    except TypeError:
        raise TypeError(
            f"layer_dims must be a list of layer sizes such as [2, 4, 1], got {layer_dims!r}."
        ) from None
    if len(dims) < 2:
        raise ValueError(
            f"layer_dims needs at least two entries, the input size and the output size "
            f"(for example [2, 1]); got {dims}."
        )
    for position, size in enumerate(dims):
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
            raise TypeError(f"layer_dims[{position}] must be an integer, got {size!r} in {dims}.")
        if size < 1:
            raise ValueError(f"every layer size must be at least 1, but layer_dims[{position}] = {size} in {dims}.")
    return [int(size) for size in dims]


def check_positive_number(value, name, hint=""):
    """Check that ``value`` is a finite real number > 0, such as a learning rate."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, got {value!r}.")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number greater than 0, got {value!r}.{hint}")
    return float(value)


def check_count(value, name, minimum=1):
    """Check that ``value`` is an integer >= ``minimum``, such as an iteration count."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {value!r}.")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}.")
    return int(value)


def number_of_layers(params):
    """Return L for a params dict with keys W1, b1, ..., WL, bL, checking the keys and shapes."""
    if not isinstance(params, dict) or not params:
        raise TypeError("params must be a non-empty dict with keys 'W1', 'b1', ..., 'WL', 'bL'.")
    L = (len(params) + 1) // 2
    expected = {f"{kind}{l}" for l in range(1, L + 1) for kind in "Wb"}
    if set(params) != expected:
        raise ValueError(
            f"params must have keys W1, b1, ..., WL, bL; got {sorted(params)}. "
            f"Missing: {sorted(expected - set(params))}; unexpected: {sorted(set(params) - expected)}."
        )
    for l in range(1, L + 1):
        W, b = np.asarray(params[f"W{l}"]), np.asarray(params[f"b{l}"])
        if W.ndim != 2:
            raise ValueError(f"W{l} must be 2-D with shape (n_{l}, n_{l - 1}), got shape {W.shape}.")
        if b.shape != (W.shape[0], 1):
            raise ValueError(
                f"b{l} must have shape ({W.shape[0]}, 1) to match W{l} of shape {W.shape}, got {b.shape}."
            )
        if l > 1 and W.shape[1] != params[f"W{l - 1}"].shape[0]:
            raise ValueError(
                f"W{l} has shape {W.shape}, but layer {l - 1} has {params[f'W{l - 1}'].shape[0]} units: "
                f"expected ({W.shape[0]}, {params[f'W{l - 1}'].shape[0]})."
            )
    return L
