"""Step 6a: one step of gradient descent, theta <- theta - learning_rate * d(theta)."""

import re

from ._validation import check_positive_number, number_of_layers

LAYER_KEY = re.compile(r"[Wb][1-9][0-9]*")  # "W1", "b1", ..., the keys of a layered network


def update_parameters(params, grads, learning_rate):
    """Return NEW parameters W[l] - learning_rate * dW[l] and b[l] - learning_rate * db[l].

    The arrays of ``params`` are left unchanged (a copy is returned), so a
    learner can keep the parameters of an earlier step to compare with.

    Arguments:
        params -- dict "W1", "b1", ..., "WL", "bL" (checked as the layers of a network), or a dict
                  with other keys, such as the "Wxh", "Whh", ... of an RNN (then any arrays)
        grads -- dict with at least "d" + key for every key of params ("dW1", "db1", ...), same shapes
        learning_rate -- step size, a finite number > 0
    Returns:
        new_params -- dict with the same keys and shapes as params
    """
    # a network's W1, b1, ... are checked as layers (number_of_layers raises for a non-dict too)
    layered = not isinstance(params, dict) or all(isinstance(key, str) and LAYER_KEY.fullmatch(key) for key in params)
    L = number_of_layers(params) if layered else None
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    if not isinstance(grads, dict):
        raise TypeError("grads must be the dict that backward_propagation returns.")
    new_params = {}
    for key, value in params.items():
        gradient = grads.get("d" + key)
        if gradient is None:
            keys = [f"{kind}{l}" for l in range(1, L + 1) for kind in "Wb"] if layered else list(params)
            missing = ["d" + name for name in keys if "d" + name not in grads]
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
