"""Training beyond the core lessons: mini-batches, optimisers, L2, dropout, softmax, early stopping.

``train`` is the sibling of ``dnn`` (lesson 6) that the later lessons use:

    for each epoch:                              one pass over the shuffled examples
        for each mini-batch:
            forward (with dropout if keep_prob < 1), cost (+ L2), backward (+ L2 gradient)
            params <- optimizer step with the (decayed) learning rate
        record the training cost (and the validation cost); stop early if it stopped improving

The body of the inner loop is ``minibatch_step``, which the playground (lesson 8) calls one step at a time.
"""

import math

import numpy as np

from ._validation import check_count, check_examples
from .backward import backward_propagation
from .cost import categorical_cross_entropy, cross_entropy
from .forward import forward_propagation
from .loops import (
    check_divergence,
    check_labels,
    check_regularization,
    check_training_arguments,
    minibatch_indices,
    minibatches_per_epoch,
    start_parameters,
)
from .optimizers import Optimizer, decayed_learning_rate
from .regularization import (
    add_l2_gradients,
    backward_propagation_with_dropout,
    forward_propagation_with_dropout,
    l2_penalty,
)


def evaluate_cost(X, Y, params, hidden_activation="relu", output_activation="sigmoid"):
    """The cross-entropy (no L2 term, no dropout) of the network on X (n_x, m) against Y."""
    AL, _ = forward_propagation(X, params, hidden_activation, output_activation)
    loss = categorical_cross_entropy if output_activation == "softmax" else cross_entropy
    return loss(AL, Y)


def minibatch_step(params, stepper, X_batch, Y_batch, learning_rate, hidden_activation="relu",
                   output_activation="sigmoid", lambd=0.0, keep_prob=1.0, rng=None):
    """One step of ``train`` on one mini-batch: forward (with dropout if keep_prob < 1), cost (+ L2),
    backward (+ L2 gradient), then the optimiser's step.

    Arguments:
        params -- dict "W1", "b1", ..., "WL", "bL";  stepper -- an optimizers.Optimizer (its state advances)
        X_batch -- shape (n_x, k);  Y_batch -- labels (1, k), or one-hot (C, k) for "softmax"
        learning_rate -- this step's size;  lambd, keep_prob -- as in train
        rng -- numpy.random.Generator for the dropout masks (not used when keep_prob = 1)
    Returns:
        new_params -- the parameters after the step (params itself is not changed)
        cost -- the batch's cost before the step, with the L2 term
        AL -- the batch's output before the step, shape (n_L, k) (with dropout: the dropped network's)
    """
    if keep_prob < 1:
        AL, caches, masks = forward_propagation_with_dropout(
            X_batch, params, keep_prob, rng, hidden_activation, output_activation)
        grads = backward_propagation_with_dropout(AL, Y_batch, caches, masks, keep_prob)
    else:
        AL, caches = forward_propagation(X_batch, params, hidden_activation, output_activation)
        grads = backward_propagation(AL, Y_batch, caches)
    k = X_batch.shape[1]
    loss = categorical_cross_entropy if output_activation == "softmax" else cross_entropy
    cost = loss(AL, Y_batch) + l2_penalty(params, lambd, k)
    if lambd:
        grads = add_l2_gradients(grads, params, lambd, k)
    return stepper.step(params, grads, learning_rate), cost, AL


def train(
    X,
    Y,
    layer_dims,
    optimizer="adam",
    learning_rate=0.001,
    num_epochs=10,
    batch_size=64,
    hidden_activation="relu",
    output_activation="sigmoid",
    initialization="he",
    seed=0,
    lambd=0.0,
    keep_prob=1.0,
    decay_rate=0.0,
    X_val=None,
    Y_val=None,
    patience=None,
    print_cost=False,
    dtype=np.float64,
    initial_params=None,
):
    """Train with mini-batches and an optimiser; optionally L2, dropout, decay and early stopping.

    Arguments:
        X -- training inputs, shape (n_x, m);  Y -- labels (1, m) for "sigmoid", one-hot (C, m) for "softmax"
        layer_dims -- (n_x, n_1, ..., n_L); n_L = 1 for a sigmoid output, C for softmax
        optimizer -- "gd", "momentum", "rmsprop" or "adam"
        learning_rate -- the initial step size;  decay_rate -- >= 0, step = learning_rate / (1 + decay_rate * epoch)
        num_epochs -- passes over the training set
        batch_size -- examples per step (the last batch of a pass may be smaller); None: all m
        initialization, seed -- as in dnn (seed also draws the shuffles and the dropout masks)
        lambd -- L2 strength, >= 0 (0: none);  keep_prob -- dropout's probability of keeping a hidden unit,
                 in (0, 1] (1: none)
        X_val, Y_val -- validation data, to record its cost each epoch and for early stopping
        patience -- stop after this many epochs without a lower validation cost, and return the best parameters
        dtype -- np.float64 (default) or np.float32, for the data and the parameters
        initial_params -- None (new parameters by ``initialization``) or a dict "W1", "b1", ... to start from
    Returns:
        params -- the trained (or, with early stopping, the best) parameters
        history -- dict: "cost" (mean training cost of each epoch, with the L2 term), "val_cost" (per epoch,
                   if X_val is given), "learning_rate" (per epoch), "best_epoch", "stopped_early"
    Raises:
        TrainingDiverged -- as dnn does; its costs attribute holds the epoch costs recorded so far
    """
    dims, X, Y, learning_rate, batch_size = check_training_arguments(
        X, Y, layer_dims, learning_rate, batch_size, output_activation, dtype
    )
    m = X.shape[1]
    num_epochs = check_count(num_epochs, "num_epochs")
    lambd, keep_prob, decay_rate = check_regularization(lambd, keep_prob, decay_rate)
    if X_val is not None:
        X_val = check_examples(X_val, n_x=dims[0], name="X_val").astype(dtype, copy=False)
        Y_val = check_labels(Y_val, output_activation, dims[-1], X_val.shape[1], name="Y_val").astype(dtype, copy=False)
    if patience is not None:
        if X_val is None:
            raise ValueError("early stopping watches the validation cost: pass X_val and Y_val with patience.")
        patience = check_count(patience, "patience")

    rng = np.random.default_rng(seed)
    params = start_parameters(dims, initialization, rng, dtype, initial_params)
    stepper = Optimizer(optimizer, params)
    batches = minibatch_indices(m, batch_size, rng)
    history = {"cost": [], "val_cost": [], "learning_rate": [], "best_epoch": None, "stopped_early": False}
    best_params, best_val_cost, first_cost = params, math.inf, None
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(num_epochs):
            rate = decayed_learning_rate(learning_rate, epoch, decay_rate)
            epoch_cost = 0.0
            for _ in range(minibatches_per_epoch(m, batch_size)):
                columns = next(batches)
                new_params, cost, _ = minibatch_step(params, stepper, X[:, columns], Y[:, columns], rate,
                                                     hidden_activation, output_activation, lambd, keep_prob, rng)
                first_cost = cost if first_cost is None else first_cost
                check_divergence(stepper.t - 1, cost, first_cost, rate, history["cost"])
                params = new_params
                epoch_cost += cost * len(columns) / m
            history["cost"].append(epoch_cost)
            history["learning_rate"].append(rate)
            if print_cost:
                print(f"epoch {epoch}: cost {epoch_cost:.6f}")
            if X_val is None:
                continue
            val_cost = evaluate_cost(X_val, Y_val, params, hidden_activation, output_activation)
            history["val_cost"].append(val_cost)
            if val_cost < best_val_cost:
                best_params, best_val_cost, history["best_epoch"] = params, val_cost, epoch
            elif patience is not None and epoch - history["best_epoch"] >= patience:
                history["stopped_early"] = True
                break
    return (best_params if patience is not None else params), history


def predict_classes(X, params, hidden_activation="relu", output_activation="softmax"):
    """The predicted class of each example: shape (m,), the row of the largest output (softmax),
    or 0/1 by the 0.5 threshold (sigmoid)."""
    AL, _ = forward_propagation(X, params, hidden_activation, output_activation)
    if output_activation == "softmax":
        return np.argmax(AL, axis=0)
    return (AL[0] > 0.5).astype(np.int64)
