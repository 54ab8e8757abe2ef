"""Step 6a: one step of gradient descent, theta <- theta - learning_rate * d(theta)."""

from ._validation import check_positive_number, number_of_layers


def update_parameters(params, grads, learning_rate):
    """Return NEW parameters W[l] - learning_rate * dW[l] and b[l] - learning_rate * db[l].

    The arrays of ``params`` are left unchanged (a copy is returned), so a
    learner can keep the parameters of an earlier step to compare with.

    Arguments:
        params -- dict "W1", "b1", ..., "WL", "bL"
        grads -- dict with at least "dW1", "db1", ..., "dWL", "dbL" of the same shapes
        learning_rate -- step size, a finite number > 0
    Returns:
        new_params -- dict with the same keys and shapes as params
    """
    L = number_of_layers(params)
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    if not isinstance(grads, dict):
        raise TypeError("grads must be the dict that backward_propagation returns.")
    new_params = {}
    for key, value in params.items():
        gradient = grads.get("d" + key)
        if gradient is None:
            expected = [f"d{kind}{l}" for l in range(1, L + 1) for kind in "Wb"]
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
