"""Step 6b: the training loop, and using a trained network.

    repeat num_iterations times:
        AL, caches = forward_propagation(X, params)
        cost       = compute_cost(AL, Y)
        grads      = backward_propagation(AL, Y, caches)
        params     = update_parameters(params, grads, learning_rate)
"""

import math

import numpy as np

from ._validation import (
    check_binary_labels,
    check_count,
    check_examples,
    check_layer_dims,
    check_positive_number,
)
from .backward import backward_propagation
from .cost import cross_entropy
from .forward import forward_propagation
from .parameters import initialize_parameters
from .update import update_parameters


# A cost this many times its starting value means the steps overshoot: the run is diverging.
DIVERGENCE_FACTOR = 4


class TrainingDiverged(ArithmeticError):
    """Raised when the cost becomes NaN or infinite, or grows to DIVERGENCE_FACTOR times its start."""


def check_divergence(iteration, cost, first_cost, learning_rate):
    """Raise TrainingDiverged, with advice for the learner, if ``cost`` shows a diverging run."""
    if not math.isfinite(cost):
        what = f"the cost became {cost}"
    elif cost > DIVERGENCE_FACTOR * first_cost:
        what = f"the cost rose from {first_cost:.4g} to {cost:.4g}"
    else:
        return
    raise TrainingDiverged(
        f"training diverged: {what} at iteration {iteration} with learning_rate={learning_rate:g}. "
        f"Lower the learning rate (try {learning_rate / 10:g})."
    )


def check_training_arguments(X, Y, layers_dims, learning_rate, num_iterations, record_every, batch_size):
    """Check the arguments of a training run once, before its loop.

    Returns:
        (dims, X, Y, learning_rate, num_iterations, record_every, batch_size), checked; X of
        shape (n_x, m) and Y of shape (1, m) as float arrays, batch_size an int <= m
    """
    dims = check_layer_dims(layers_dims)
    X = check_examples(X, n_x=dims[0])
    Y = check_binary_labels(Y, m=X.shape[1])
    if dims[-1] != 1:
        raise ValueError(f"a binary classifier has one output unit: layers_dims[-1] must be 1, got {dims[-1]}.")
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    num_iterations = check_count(num_iterations, "num_iterations")
    record_every = check_count(record_every, "record_every")
    m = X.shape[1]
    batch_size = m if batch_size is None else min(check_count(batch_size, "batch_size"), m)
    return dims, X, Y, learning_rate, num_iterations, record_every, batch_size


def dnn(
    X,
    Y,
    layers_dims,
    learning_rate=0.001,
    num_iterations=1000,
    hidden_activation="relu",
    initialization="he",
    seed=0,
    record_every=100,
    print_cost=False,
    dtype=np.float64,
    batch_size=None,
):
    """Train an L-layer network (hidden_activation hidden layers, sigmoid output) by gradient descent.

    With batch_size=None each iteration is one step on all m examples (the lesson's
    full-batch descent); with a batch_size each iteration is one step on the next
    mini-batch of a seeded shuffle of the examples, reshuffled after every pass.

    Arguments:
        X -- training inputs, shape (n_x, m), one example per column
        Y -- labels 0 or 1, shape (1, m)
        layers_dims -- (n_x, n_1, ..., n_L) with n_L = 1
        learning_rate -- gradient descent step size, > 0
        num_iterations -- number of gradient steps, >= 1 (each on all m examples, or on one mini-batch)
        hidden_activation -- "relu" (default), "tanh", "sigmoid" or "leaky_relu"
        initialization -- "he" (default), "xavier", "small", "randn" or "zeros"
        seed -- int or numpy.random.Generator for the initial weights
        record_every -- record (and, with print_cost, print) the cost every this many iterations
        print_cost -- print each recorded cost
        dtype -- np.float64 (default) or np.float32
        batch_size -- None (default: full batch) or the number of examples per step
    Returns:
        params -- trained parameters, dict "W1", "b1", ..., "WL", "bL"
        costs -- list of the costs at iterations 0, record_every, 2 * record_every, ...
                 (with mini-batches, the cost of that iteration's mini-batch)
    Raises:
        TrainingDiverged -- if the cost becomes NaN or infinite, or 4 times its starting value
    """
    dims, X, Y, learning_rate, num_iterations, record_every, batch_size = check_training_arguments(
        X, Y, layers_dims, learning_rate, num_iterations, record_every, batch_size
    )
    X, Y = X.astype(dtype, copy=False), Y.astype(dtype, copy=False)
    m = X.shape[1]

    rng = np.random.default_rng(seed)
    params = initialize_parameters(dims, method=initialization, seed=rng, dtype=dtype)
    batches = minibatch_indices(m, batch_size, rng)
    costs = []
    # A diverging run overflows before its cost turns NaN: we stop it ourselves, so
    # NumPy's overflow warnings would only repeat the message.
    with np.errstate(over="ignore", invalid="ignore"):
        for iteration in range(num_iterations):
            if batch_size == m:
                X_batch, Y_batch = X, Y
            else:
                columns = next(batches)
                X_batch, Y_batch = X[:, columns], Y[:, columns]
            AL, caches = forward_propagation(X_batch, params, hidden_activation)
            cost = cross_entropy(AL, Y_batch)
            if iteration == 0:
                first_cost = cost
            check_divergence(iteration, cost, first_cost, learning_rate)
            grads = backward_propagation(AL, Y_batch, caches)
            params = update_parameters(params, grads, learning_rate)
            if iteration % record_every == 0:
                costs.append(cost)
                if print_cost:
                    print(f"Cost after iteration {iteration}: {cost:.6f}")
    return params, costs


def minibatch_indices(m, batch_size, rng):
    """Yield the column indices of successive mini-batches, reshuffling the m examples after each pass.

    The last mini-batch of a pass holds the m % batch_size examples left over, if any.
    """
    while True:
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            yield order[start:start + batch_size]


def predict_proba(X, params, hidden_activation="relu"):
    """Probability of label 1 for each example: AL of shape (1, m) for X of shape (n_x, m)."""
    AL, _ = forward_propagation(X, params, hidden_activation)
    return AL


def predict(X, params, hidden_activation="relu", threshold=0.5):
    """Labels 0 or 1, shape (1, m): 1 where the predicted probability exceeds ``threshold``."""
    return (predict_proba(X, params, hidden_activation) > threshold).astype(np.int64)


def accuracy(predictions, Y):
    """Fraction of examples whose prediction equals the label; both arrays of shape (1, m)."""
    predictions, Y = np.asarray(predictions), np.asarray(Y)
    if predictions.shape != Y.shape:
        raise ValueError(f"predictions have shape {predictions.shape} but Y has shape {Y.shape}; they must match.")
    if Y.size == 0:
        raise ValueError("accuracy needs at least one example.")
    return float(np.mean(predictions == Y))
