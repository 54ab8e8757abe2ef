"""What the training loops share: argument checks, the starting parameters, mini-batches, divergence.

``training.dnn``, ``trainer.train`` and ``fast.train_fast`` (see ``training.py`` for which is for what)
all
- check their arguments with ``check_training_arguments`` (the data, the layer list ``layer_dims``,
  the learning rate, the batch size, the dtype) and ``train`` its extras with ``check_regularization``;
- start from ``start_parameters``: ``initialize_parameters(layer_dims, method=initialization, ...)``,
  or a copy of the ``initial_params`` they were given;
- visit the examples in the mini-batches of ``minibatch_indices``, one seeded shuffle per pass;
- stop a diverging run with ``check_divergence``, which raises ``TrainingDiverged`` carrying the
  iteration and the costs recorded so far.
"""

import math
from numbers import Real

import numpy as np

from ._validation import (
    check_binary_labels,
    check_count,
    check_examples,
    check_finite,
    check_layer_dims,
    check_one_hot_labels,
    check_positive_number,
    number_of_layers,
)
from .parameters import initialize_parameters

# A cost this many times its starting value means the steps overshoot: the run is diverging.
DIVERGENCE_FACTOR = 4

DTYPES = (np.float64, np.float32)


class TrainingDiverged(ArithmeticError):
    """Raised when the cost becomes NaN or infinite, or grows to DIVERGENCE_FACTOR times its start.

    Attributes:
        iteration -- the gradient step (counted from 0) whose cost showed the divergence
        cost -- that cost
        costs -- tuple of the costs the loop had recorded before that step
                 (dnn and train_fast: every record_every iterations; train: one per epoch)
        learning_rate -- the step size in use at that step
    """

    def __init__(self, message, iteration=None, cost=None, costs=(), learning_rate=None):
        super().__init__(message)
        self.iteration, self.cost, self.costs, self.learning_rate = iteration, cost, tuple(costs), learning_rate


def check_divergence(iteration, cost, first_cost, learning_rate, costs=()):
    """Raise TrainingDiverged, with advice for the learner, if ``cost`` shows a diverging run.

    Arguments:
        iteration -- the step that gave ``cost``, counted from 0
        cost, first_cost -- this step's cost and the first step's
        learning_rate -- the step size, for the advice
        costs -- the costs recorded so far, handed on to the exception
    """
    if not math.isfinite(cost):
        what = f"the cost became {cost}"
    elif cost > DIVERGENCE_FACTOR * first_cost:
        what = f"the cost rose from {first_cost:.4g} to {cost:.4g}"
    else:
        return
    raise TrainingDiverged(
        f"training diverged: {what} at iteration {iteration} with learning_rate={learning_rate:g}. "
        f"Lower the learning rate (try {learning_rate / 10:g}).",
        iteration=iteration, cost=cost, costs=costs, learning_rate=learning_rate,
    )


def minibatch_indices(m, batch_size, rng):
    """Yield the column indices of successive mini-batches, reshuffling the m examples after each pass.

    The last mini-batch of a pass holds the m % batch_size examples left over, if any.
    """
    while True:
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            yield order[start:start + batch_size]


def minibatches_per_epoch(m, batch_size):
    """The number of steps of one pass over m examples: ceil(m / batch_size)."""
    return math.ceil(m / batch_size)


def choose_layer_dims(layer_dims, layers_dims):
    """The layer list given as ``layer_dims``, or under the source lesson's spelling ``layers_dims``."""
    if layer_dims is None and layers_dims is None:
        raise TypeError("missing the layer sizes: pass layer_dims = [n_x, n_1, ..., n_L], for example [2, 4, 1].")
    if layer_dims is not None and layers_dims is not None:
        raise TypeError("layer_dims and layers_dims are two spellings of the same argument: pass only one.")
    return layers_dims if layer_dims is None else layer_dims


def check_labels(Y, output_activation, n_L, m, name="Y"):
    """Check Y against the output layer: (1, m) labels 0/1 for "sigmoid", one-hot (n_L, m) for "softmax"."""
    if output_activation == "softmax":
        return check_one_hot_labels(Y, C=n_L, m=m, name=name)
    if output_activation != "sigmoid":
        raise ValueError(f"output_activation must be 'sigmoid' or 'softmax', got {output_activation!r}.")
    if n_L != 1:
        raise ValueError(
            f"a sigmoid output (a binary classifier) has one unit: layer_dims[-1] must be 1, got {n_L}. "
            f"For {n_L} classes use one-hot labels and trainer.train with output_activation='softmax'."
        )
    return check_binary_labels(Y, m=m, name=name)


def check_dtype(dtype):
    """Check that ``dtype`` is np.float64 or np.float32 and return it as a numpy.dtype."""
    try:
        checked = None if dtype is None else np.dtype(dtype)
    except TypeError:
        checked = None
    if checked not in DTYPES:
        raise TypeError(f"dtype must be np.float64 (exact) or np.float32 (fast), got {dtype!r}.")
    return checked


def check_training_arguments(X, Y, layer_dims, learning_rate, batch_size, output_activation="sigmoid",
                             dtype=np.float64):
    """Check the arguments every training loop takes, once, before its loop.

    Arguments:
        X -- training inputs, shape (n_x, m);  Y -- labels (1, m), or one-hot (C, m) for "softmax"
        layer_dims -- (n_x, n_1, ..., n_L);  learning_rate -- > 0
        batch_size -- None (all m examples per step) or a count (capped at m)
        output_activation -- "sigmoid" (n_L = 1) or "softmax" (n_L = C)
        dtype -- np.float64 or np.float32
    Returns:
        (dims, X, Y, learning_rate, batch_size): dims a list of ints, X (n_x, m) and Y as arrays of
        dtype, batch_size an int <= m
    """
    dims = check_layer_dims(layer_dims)
    dtype = check_dtype(dtype)
    X = check_examples(X, n_x=dims[0])
    m = X.shape[1]
    Y = check_labels(Y, output_activation, dims[-1], m)
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    batch_size = m if batch_size is None else min(check_count(batch_size, "batch_size"), m)
    return dims, X.astype(dtype, copy=False), Y.astype(dtype, copy=False), learning_rate, batch_size


def check_regularization(lambd, keep_prob, decay_rate):
    """Check trainer.train's L2 strength (>= 0), dropout keep-probability (in (0, 1]) and decay rate (>= 0).

    Returns:
        (lambd, keep_prob, decay_rate) as floats
    """
    for name, value in (("lambd", lambd), ("keep_prob", keep_prob), ("decay_rate", decay_rate)):
        if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
            raise TypeError(f"{name} must be a finite number, got {value!r}.")
    if lambd < 0:
        raise ValueError(f"lambd is the L2 strength: it must be >= 0, got {lambd!r}. Use 0 for no L2.")
    if not 0 < keep_prob <= 1:
        raise ValueError(
            f"keep_prob is dropout's probability of keeping a hidden unit: it must be in (0, 1], got "
            f"{keep_prob!r}. Use 1 for no dropout, or a value such as 0.8 to keep 80% of the units."
        )
    if decay_rate < 0:
        raise ValueError(
            f"decay_rate must be >= 0, got {decay_rate!r}: the step is learning_rate / (1 + decay_rate * epoch), "
            "which a negative rate makes grow every epoch. Use 0 for a constant step, or a small positive "
            "value such as 0.1."
        )
    return float(lambd), float(keep_prob), float(decay_rate)


def start_parameters(dims, initialization, rng, dtype, initial_params=None):
    """The parameters a loop starts from: new ones, or a copy of ``initial_params``.

    Arguments:
        dims -- checked layer sizes (n_x, n_1, ..., n_L)
        initialization -- the method of initialize_parameters ("he", "xavier", ...), used when
                          initial_params is None
        rng -- numpy.random.Generator for the new weights (not used with initial_params)
        dtype -- dtype of the returned arrays
        initial_params -- None, or a dict "W1", "b1", ..., "WL", "bL" with W[l] of shape
                          (n_l, n_{l-1}) and b[l] of shape (n_l, 1); it is copied, never changed
    Returns:
        params -- dict "W1", "b1", ..., "WL", "bL" of dtype, new arrays
    """
    if initial_params is None:
        return initialize_parameters(dims, method=initialization, seed=rng, dtype=dtype)
    L = number_of_layers(initial_params)
    if L != len(dims) - 1:
        raise ValueError(
            f"initial_params has {L} layers but layer_dims = {dims} describes {len(dims) - 1}; they must match."
        )
    params = {}
    for l in range(1, L + 1):
        for key, shape in ((f"W{l}", (dims[l], dims[l - 1])), (f"b{l}", (dims[l], 1))):
            value = np.asarray(initial_params[key])
            if value.shape != shape:
                raise ValueError(
                    f"initial_params[{key!r}] has shape {value.shape}, but layer_dims = {dims} needs {shape}."
                )
            check_finite(value, f"initial_params[{key!r}]")
            params[key] = value.astype(dtype, copy=True)
    return params
