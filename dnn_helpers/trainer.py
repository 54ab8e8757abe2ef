"""Training beyond the core lessons: mini-batches, optimisers, L2, dropout, softmax, early stopping.

``train`` is the sibling of ``dnn`` (lesson 6) that the later lessons use:

    for each epoch:                              one pass over the shuffled examples
        for each mini-batch:
            forward (with dropout if keep_prob < 1), cost (+ L2), backward (+ L2 gradient)
            params <- optimizer step with the (decayed) learning rate
        record the training cost (and the validation cost); stop early if it stopped improving
"""

import math

import numpy as np

from ._validation import (
    check_binary_labels,
    check_count,
    check_examples,
    check_layer_dims,
    check_one_hot_labels,
    check_positive_number,
)
from .backward import backward_propagation
from .cost import categorical_cross_entropy, cross_entropy
from .forward import forward_propagation
from .optimizers import Optimizer, decayed_learning_rate
from .parameters import initialize_parameters
from .regularization import (
    add_l2_gradients,
    backward_propagation_with_dropout,
    forward_propagation_with_dropout,
    l2_penalty,
)
from .training import check_divergence, minibatch_indices


def _check_labels(Y, output_activation, n_L, m, name="Y"):
    if output_activation == "softmax":
        return check_one_hot_labels(Y, C=n_L, m=m, name=name)
    if output_activation != "sigmoid":
        raise ValueError(f"output_activation must be 'sigmoid' or 'softmax', got {output_activation!r}.")
    if n_L != 1:
        raise ValueError(f"a sigmoid output has one unit: layers_dims[-1] must be 1, got {n_L} (use 'softmax').")
    return check_binary_labels(Y, m=m, name=name)


def evaluate_cost(X, Y, params, hidden_activation="relu", output_activation="sigmoid"):
    """The cross-entropy (no L2 term, no dropout) of the network on X (n_x, m) against Y."""
    AL, _ = forward_propagation(X, params, hidden_activation, output_activation)
    loss = categorical_cross_entropy if output_activation == "softmax" else cross_entropy
    return loss(AL, Y)


def train(
    X,
    Y,
    layers_dims,
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
):
    """Train with mini-batches and an optimiser; optionally L2, dropout, decay and early stopping.

    Arguments:
        X -- training inputs, shape (n_x, m);  Y -- labels (1, m) for "sigmoid", one-hot (C, m) for "softmax"
        layers_dims -- (n_x, n_1, ..., n_L); n_L = 1 for a sigmoid output, C for softmax
        optimizer -- "gd", "momentum", "rmsprop" or "adam"
        learning_rate -- the initial step size;  decay_rate -- step = learning_rate / (1 + decay_rate * epoch)
        num_epochs -- passes over the training set;  batch_size -- examples per step (the last batch may be smaller)
        lambd -- L2 strength (0: none);  keep_prob -- dropout's probability of keeping a hidden unit (1: none)
        X_val, Y_val -- validation data, to record its cost each epoch and for early stopping
        patience -- stop after this many epochs without a lower validation cost, and return the best parameters
    Returns:
        params -- the trained (or, with early stopping, the best) parameters
        history -- dict: "cost" (mean training cost of each epoch, with the L2 term), "val_cost" (per epoch,
                   if X_val is given), "learning_rate" (per epoch), "best_epoch", "stopped_early"
    """
    dims = check_layer_dims(layers_dims)
    X = check_examples(X, n_x=dims[0])
    m = X.shape[1]
    Y = _check_labels(Y, output_activation, dims[-1], m)
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    num_epochs = check_count(num_epochs, "num_epochs")
    batch_size = min(check_count(batch_size, "batch_size"), m)
    if lambd < 0:
        raise ValueError(f"lambd is the L2 strength: it must be >= 0, got {lambd!r}.")
    if X_val is not None:
        X_val = check_examples(X_val, n_x=dims[0], name="X_val")
        Y_val = _check_labels(Y_val, output_activation, dims[-1], X_val.shape[1], name="Y_val")
    if patience is not None and X_val is None:
        raise ValueError("early stopping watches the validation cost: pass X_val and Y_val with patience.")

    rng = np.random.default_rng(seed)
    params = initialize_parameters(dims, method=initialization, seed=rng)
    stepper = Optimizer(optimizer, params)
    batches = minibatch_indices(m, batch_size, rng)
    loss = categorical_cross_entropy if output_activation == "softmax" else cross_entropy
    history = {"cost": [], "val_cost": [], "learning_rate": [], "best_epoch": None, "stopped_early": False}
    best_params, best_val_cost, first_cost = params, math.inf, None
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(num_epochs):
            rate = decayed_learning_rate(learning_rate, epoch, decay_rate)
            epoch_cost = 0.0
            for _ in range(math.ceil(m / batch_size)):
                columns = next(batches)
                X_batch, Y_batch = X[:, columns], Y[:, columns]
                if keep_prob < 1:
                    AL, caches, masks = forward_propagation_with_dropout(
                        X_batch, params, keep_prob, rng, hidden_activation, output_activation)
                    grads = backward_propagation_with_dropout(AL, Y_batch, caches, masks, keep_prob)
                else:
                    AL, caches = forward_propagation(X_batch, params, hidden_activation, output_activation)
                    grads = backward_propagation(AL, Y_batch, caches)
                cost = loss(AL, Y_batch) + l2_penalty(params, lambd, len(columns))
                first_cost = cost if first_cost is None else first_cost
                check_divergence(stepper.t, cost, first_cost, rate)
                if lambd:
                    grads = add_l2_gradients(grads, params, lambd, len(columns))
                params = stepper.step(params, grads, rate)
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
