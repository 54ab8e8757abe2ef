"""Step 6a: one step of gradient descent, theta <- theta - learning_rate * d(theta)."""

import re

import numpy as np

from ._validation import check_positive_number, number_of_layers

LAYER_KEY = re.compile(r"[Wb][0-9]+")  # "W1", "b1", ...: the keys of a layered network


def update_parameters(params, grads, learning_rate):
    """Return NEW parameters W[l] - learning_rate * dW[l] and b[l] - learning_rate * db[l].

    The arrays of ``params`` are left unchanged (a copy is returned), so a
    learner can keep the parameters of an earlier step to compare with.

    Any other dict of named arrays works too, such as the RNN's "Wxh", "Whh", "bh", "Why", "by"
    of part two: each parameter ``key`` steps against ``grads["d" + key]``. A dict holding any
    layer key ("W1", "b2", ...) must be a whole layered network, checked as such.

    Arguments:
        params -- dict "W1", "b1", ..., "WL", "bL" (or any dict of parameter arrays)
        grads -- dict with at least "dW1", "db1", ..., "dWL", "dbL" of the same shapes ("d" + every key)
        learning_rate -- step size, a finite number > 0
    Returns:
        new_params -- dict with the same keys and shapes as params
    """
    expected = _gradient_keys(params)
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    if not isinstance(grads, dict):
        raise TypeError("grads must be the dict that backward_propagation returns.")
    new_params = {}
    for key, value in params.items():
        gradient = grads.get("d" + key)
        if gradient is None:
            missing = [name for name in expected if name not in grads]
            raise ValueError(
                f"grads has no entry {'d' + key!r} for parameter {key!r}: params and grads do not match. "
                f"Missing gradients: {missing}."
            )
        if gradient.shape != value.shape:
            raise ValueError(
                f"grads['d{key}'] has shape {gradient.shape} but {key} has shape {value.shape}; "
                "a gradient must have the shape of its parameter."
            )
        new_params[key] = value - learning_rate * gradient
    return new_params


def _gradient_keys(params):
    """The gradient keys that ``params`` needs: "dW1", "db1", ... for a layered network, else "d" + each key."""
    if isinstance(params, dict) and any(LAYER_KEY.fullmatch(str(key)) for key in params):
        L = number_of_layers(params)
        return [f"d{kind}{l}" for l in range(1, L + 1) for kind in "Wb"]
    if not isinstance(params, dict) or not params:
        raise TypeError("params must be a non-empty dict with keys 'W1', 'b1', ..., 'WL', 'bL'.")
    arrays = [key for key, value in params.items() if not isinstance(value, np.ndarray)]
    if arrays:
        raise TypeError(f"every parameter must be a NumPy array; {arrays} are not.")
    return ["d" + key for key in params]
