"""Checking backward propagation against centred finite differences.

For every parameter entry theta_i:
    numerical gradient = (J(theta_i + eps) - J(theta_i - eps)) / (2 eps)      (error O(eps^2))
and the check reports
    difference = ||g - g_num|| / (||g|| + ||g_num||)
over all entries at once. In float64 a correct backward pass gives about 1e-7
or less; a bug usually gives 1e-2 or more.
"""

import numpy as np

from ._validation import check_binary_labels, check_examples, number_of_layers
from .backward import backward_propagation
from .cost import cross_entropy
from .forward import forward_propagation


def numerical_gradients(cost_function, params, epsilon=1e-6, centred=True):
    """Finite-difference gradient of ``cost_function(params)`` for every entry of every array.

    Arguments:
        cost_function -- maps a params dict to a float
        params -- dict of float64 arrays, for example "W1", "b1", ...
        epsilon -- the step; 1e-6 balances truncation and rounding error in float64
        centred -- (J(theta + eps) - J(theta - eps)) / (2 eps), error O(eps^2) (default);
                   False gives the one-sided (J(theta + eps) - J(theta)) / eps, error O(eps)
    Returns:
        dict "d" + key -> array of the shape of params[key]
    """
    shifted = {key: np.array(value, dtype=np.float64) for key, value in params.items()}
    base = None if centred else cost_function(shifted)
    gradients = {}
    for key, value in shifted.items():
        gradient = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + epsilon
            cost_plus = cost_function(shifted)
            if centred:
                value[index] = original - epsilon
                gradient[index] = (cost_plus - cost_function(shifted)) / (2 * epsilon)
            else:
                gradient[index] = (cost_plus - base) / epsilon
            value[index] = original
        gradients["d" + key] = gradient
    return gradients


def relative_difference(grads, numerical):
    """||g - g_num|| / (||g|| + ||g_num||) over every key of ``numerical``, as one vector."""
    analytic = np.concatenate([np.ravel(grads[key]) for key in numerical])
    estimate = np.concatenate([np.ravel(numerical[key]) for key in numerical])
    denominator = np.linalg.norm(analytic) + np.linalg.norm(estimate)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(analytic - estimate) / denominator)


# Below this a float64 check of a correct backward pass has only rounding error left (about 1e-10),
# whose digits depend on the order in which the BLAS library adds: only the bound is machine-independent.
ROUNDING_LEVEL = 1e-8


def describe_relative_difference(difference, smooth=False):
    """A relative difference in words, with no more digits than every machine reproduces.

    Below 1e-8 (a correct backward pass in float64) only that bound is given: the exact value is
    rounding error, and another CPU or thread count changes it. Larger values, which a bug or a kink
    gives, are printed with two digits and a verdict (the thresholds of lesson 5). With
    ``smooth=True`` (a model without ReLU, such as the RNN or the LSTM: tanh and sigmoid have no
    kink) a large value is called a bug, without the kink as an excuse.
    """
    difference = float(difference)
    if not np.isfinite(difference):
        return f"{difference}: the gradients contain inf or nan"
    if difference < ROUNDING_LEVEL:
        return "below 1e-8: the gradients agree"
    if difference < 1e-7:
        verdict = "the gradients agree"
    elif difference < 1e-2:
        verdict = "in between: look at the entries that differ most"
    else:
        verdict = "a bug" if smooth else "a bug (or a check point on a ReLU kink)"
    return f"{difference:.1e}: {verdict}"


def worst_entries(grads, numerical, count):
    """The ``count`` entries where the two gradients differ most, as (key, index, analytic, numerical)."""
    rows = []
    for key, estimate in numerical.items():
        for index in np.ndindex(estimate.shape):
            rows.append((key, index, float(grads[key][index]), float(estimate[index])))
    rows.sort(key=lambda row: abs(row[2] - row[3]), reverse=True)
    return rows[:count]


def gradient_check(X, Y, params, hidden_activation="relu", epsilon=1e-6, worst=0):
    """Compare backward_propagation with numerical gradients of the cross-entropy cost.

    Arguments:
        X -- inputs, shape (n_x, m);  Y -- labels, shape (1, m)
        params -- dict "W1", "b1", ..., "WL", "bL" (use float64)
        hidden_activation -- the hidden activation the network uses
        epsilon -- finite-difference step
        worst -- if > 0, also return the ``worst`` entries that differ most
    Returns:
        difference -- ||g - g_num|| / (||g|| + ||g_num||), a float; below about 1e-7 when correct
        (difference, rows) when worst > 0, rows as (key, index, analytic, numerical)
    """
    number_of_layers(params)
    X = check_examples(X, n_x=params["W1"].shape[1]).astype(np.float64)
    Y = check_binary_labels(Y, m=X.shape[1])
    params = {key: np.asarray(value, dtype=np.float64) for key, value in params.items()}

    def cost_of(candidate):
        AL, _ = forward_propagation(X, candidate, hidden_activation)
        return cross_entropy(AL, Y)

    AL, caches = forward_propagation(X, params, hidden_activation)
    grads = backward_propagation(AL, Y, caches)
    numerical = numerical_gradients(cost_of, params, epsilon)
    difference = relative_difference(grads, numerical)
    if worst > 0:
        return difference, worst_entries(grads, numerical, worst)
    return difference
