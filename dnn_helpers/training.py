"""Step 6b: the training loop, and using a trained network.

    repeat num_iterations times:
        AL, caches = forward_propagation(X, params)
        cost       = compute_cost(AL, Y)
        grads      = backward_propagation(AL, Y, caches)
        params     = update_parameters(params, grads, learning_rate)

Which training loop is for what
-------------------------------
    dnn                 here (lessons 6, 7, 13; the figures of lessons 6, 9 and 13): the lesson's
                        loop. Plain gradient descent, any hidden activation, a sigmoid output;
                        counts iterations (gradient steps) and returns (params, costs), the
                        cost every record_every iterations.
    trainer.train       lessons 10-12: everything after lesson 6. Optimisers, L2, dropout,
                        learning-rate decay, a softmax output, validation data, early
                        stopping; counts epochs (passes over the examples) and returns
                        (params, history), one mean cost per epoch. Its step on one
                        mini-batch, trainer.minibatch_step, also drives the playground (lesson 8),
                        which takes it a few steps at a time.
    fast.train_fast     lessons 9, 10 and 15: dnn's training (and trainer.train's
                        optimisers) for ReLU and leaky ReLU, several times faster, float32 by
                        default. Given the same arguments it starts from the same parameters,
                        visits the same mini-batches and, in float64, returns dnn's result to
                        rounding error (tests/test_fast.py proves it).

The three share one vocabulary and the pieces of ``loops.py``: ``layer_dims`` (dnn also accepts
the source lesson's spelling ``layers_dims``), ``learning_rate``, ``hidden_activation``,
``initialization`` (passed to ``initialize_parameters`` as its ``method``), ``seed``,
``batch_size`` (None: every example in every step), ``dtype``, ``initial_params`` (start from
given parameters instead of new ones); the same argument checks, the same mini-batches
(``minibatch_indices``) and the same divergence test (``check_divergence``): a diverging run
raises ``TrainingDiverged``, whose ``iteration`` and ``costs`` say where it diverged and what
had been recorded until then.
"""

import numpy as np

from ._validation import check_count
from .backward import backward_propagation
from .cost import cross_entropy
from .forward import forward_propagation
from .loops import (  # noqa: F401 (DIVERGENCE_FACTOR and TrainingDiverged: also imported from here)
    DIVERGENCE_FACTOR,
    TrainingDiverged,
    check_divergence,
    check_training_arguments,
    choose_layer_dims,
    minibatch_indices,
    start_parameters,
)
from .update import update_parameters


def dnn(
    X,
    Y,
    layer_dims=None,
    learning_rate=0.001,
    num_iterations=1000,
    hidden_activation="relu",
    initialization="he",
    seed=0,
    record_every=100,
    print_cost=False,
    dtype=np.float64,
    batch_size=None,
    *,
    initial_params=None,
    layers_dims=None,
):
    """Train an L-layer network (hidden_activation hidden layers, sigmoid output) by gradient descent.

    With batch_size=None each iteration is one step on all m examples (the lesson's
    full-batch descent); with a batch_size each iteration is one step on the next
    mini-batch of a seeded shuffle of the examples, reshuffled after every pass.

    Arguments:
        X -- training inputs, shape (n_x, m), one example per column
        Y -- labels 0 or 1, shape (1, m)
        layer_dims -- (n_x, n_1, ..., n_L) with n_L = 1 (or, by keyword, layers_dims as in the source lesson)
        learning_rate -- gradient descent step size, > 0
        num_iterations -- number of gradient steps, >= 1 (each on all m examples, or on one mini-batch)
        hidden_activation -- "relu" (default), "tanh", "sigmoid" or "leaky_relu"
        initialization -- "he" (default), "xavier", "small", "randn" or "zeros"
        seed -- int or numpy.random.Generator: the initial weights (unless initial_params is given),
                then the mini-batch shuffles
        record_every -- record (and, with print_cost, print) the cost every this many iterations
        print_cost -- print each recorded cost
        dtype -- np.float64 (default) or np.float32
        batch_size -- None (default: full batch) or the number of examples per step
        initial_params -- None (default: new parameters by ``initialization``), or a dict "W1", "b1",
                          ..., "WL", "bL" of the shapes layer_dims gives, to start from (it is copied)
    Returns:
        params -- trained parameters, dict "W1", "b1", ..., "WL", "bL"
        costs -- list of the costs at iterations 0, record_every, 2 * record_every, ...
                 (with mini-batches, the cost of that iteration's mini-batch)
    Raises:
        TrainingDiverged -- if the cost becomes NaN or infinite, or 4 times its starting value;
                            its iteration and costs attributes tell where and what was recorded
    """
    layer_dims = choose_layer_dims(layer_dims, layers_dims)
    dims, X, Y, learning_rate, batch_size = check_training_arguments(
        X, Y, layer_dims, learning_rate, batch_size, dtype=dtype
    )
    num_iterations = check_count(num_iterations, "num_iterations")
    record_every = check_count(record_every, "record_every")
    m = X.shape[1]

    rng = np.random.default_rng(seed)
    params = start_parameters(dims, initialization, rng, dtype, initial_params)
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
            check_divergence(iteration, cost, first_cost, learning_rate, costs)
            grads = backward_propagation(AL, Y_batch, caches)
            params = update_parameters(params, grads, learning_rate)
            if iteration % record_every == 0:
                costs.append(cost)
                if print_cost:
                    print(f"Cost after iteration {iteration}: {cost:.6f}")
    return params, costs


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
