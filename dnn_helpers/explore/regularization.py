"""Lesson 10, "Try it": how L2 and dropout change what a big network learns from few points.

    regularization_figure(lambd, keep_prob)   # train and validation cost per epoch + decision boundary

The data are the lesson's noisy moons: 580 points (noise 0.4, seed 0), split into 80 training
and 500 validation points (seed 0), both standardised with the training part's mean and std.
The network, [2, 64, 64, 1] with ReLU and He initialisation, is far bigger than 80 points need.
It is trained by ``dnn_helpers.trainer.train`` with full batches (one step per epoch).
"""

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from ..data import make_dataset, split_and_standardize
from ..plots import costs_and_boundary_panels
from ..trainer import predict_classes, train
from ..training import predict_proba

LAYER_DIMS = (2, 64, 64, 1)
LEARNING_RATE = 0.03
NUM_EPOCHS = 150  # small enough that one redraw (training plus drawing) stays well under 0.5 s
N_TRAIN, N_VAL = 80, 500
# The L2 slider's notches: 0 (no L2), then roughly a factor of 3 per notch
L2_STRENGTHS = (0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


@lru_cache(maxsize=1)
def moons_split():
    """The lesson's data: ((X_train (2, 80), Y_train (1, 80)), (X_val (2, 500), Y_val (1, 500))), standardised."""
    X, Y = make_dataset("moons", n_samples=N_TRAIN + N_VAL, noise=0.4, seed=0)
    return split_and_standardize(X, Y, fractions=(N_TRAIN / (N_TRAIN + N_VAL), N_VAL / (N_TRAIN + N_VAL)), seed=0)


@lru_cache(maxsize=64)
def train_moons(lambd=0.0, keep_prob=1.0, num_epochs=NUM_EPOCHS):
    """Train [2, 64, 64, 1] on the 80 training moons with this L2 strength and keep-probability.

    Returns:
        params -- the parameters after the last epoch
        history -- train's history: "cost" and "val_cost" per epoch, "best_epoch" (lowest validation cost)
    """
    (X_train, Y_train), (X_val, Y_val) = moons_split()
    return train(X_train, Y_train, list(LAYER_DIMS), optimizer="adam", learning_rate=LEARNING_RATE,
                 num_epochs=num_epochs, batch_size=N_TRAIN, seed=0, lambd=float(lambd),
                 keep_prob=float(keep_prob), X_val=X_val, Y_val=Y_val)


def accuracies(params):
    """(train accuracy, validation accuracy) of params on the lesson's moons, as fractions."""
    (X_train, Y_train), (X_val, Y_val) = moons_split()
    return tuple(float(np.mean(predict_classes(X, params, output_activation="sigmoid") == Y[0]))
                 for X, Y in ((X_train, Y_train), (X_val, Y_val)))


def draw_costs(ax, history, ylim=1.5):
    """Draw the training and validation cost of each epoch into ``ax`` and mark the best epoch.

    Arguments:
        ax -- a matplotlib Axes
        history -- from train with X_val: "cost" and "val_cost" per epoch (epoch 0 first), "best_epoch"
        ylim -- top of the cost axis (a validation cost that shoots up leaves the plot)
    """
    epochs = np.arange(len(history["cost"]))
    ax.plot(epochs, history["cost"], color="tab:blue", label="training cost")
    ax.plot(epochs, history["val_cost"], color="tab:orange", label="validation cost")
    best = history["best_epoch"]
    ax.plot([best], [history["val_cost"][best]], "o", color="black",
            label=f"lowest validation cost (epoch {best})")
    ax.set_ylim(0, ylim)
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper right", fontsize="small")


def history_figure(history, title=""):
    """A Figure with one Axes: draw_costs of ``history`` under ``title``."""
    fig = Figure(figsize=(6.4, 4.2), layout="constrained")
    ax = fig.add_subplot()
    draw_costs(ax, history)
    ax.set_title(title)
    return fig


def regularization_figure(lambd=0.0, keep_prob=1.0):
    """Train with L2 strength ``lambd`` and dropout ``keep_prob``; draw the costs and the boundary.

    Arguments:
        lambd -- L2 strength, >= 0 (0: no L2)
        keep_prob -- probability of keeping a hidden unit, in (0, 1] (1: no dropout)
    Returns:
        a Figure with two Axes: the training and validation cost per epoch (the best validation
        epoch marked), and the decision boundary over the 80 training points
    """
    params, history = train_moons(float(lambd), float(keep_prob))
    train_accuracy, val_accuracy = accuracies(params)
    (X_train, Y_train), _ = moons_split()

    fig, cost_ax = costs_and_boundary_panels(
        lambda points: predict_proba(points, params), X_train, Y_train,
        boundary_title=f"train {100 * train_accuracy:.1f}%, validation {100 * val_accuracy:.1f}%")
    draw_costs(cost_ax, history)
    cost_ax.set_title(f"lambd = {lambd:g}, keep_prob = {keep_prob:g}: "
                      f"validation cost {history['val_cost'][-1]:.3f}", fontsize="medium")
    return fig
