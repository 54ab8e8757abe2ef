"""Lesson 6, "Try it": how the learning rate decides whether gradient descent crawls, converges or diverges.

    learning_rate_figure(learning_rate)   # a Figure, or the TrainingDiverged message as a str

The network ([2, hidden_units, 1], by default 20 hidden units, ReLU, He initialisation, seed 0) is trained on the
training part of the lesson's flower dataset: 400 points, seed 0, split 80/20 with seed 0, each feature
standardised with the mean and standard deviation of the training part (as in the lesson).
"""

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from ..data import make_dataset, split_data, standardize
from ..plots import move_legend_outside, plot_decision_boundary
from ..training import TrainingDiverged, accuracy, dnn, predict, predict_proba

# Small enough that one redraw (training plus drawing) stays well under 0.3 s.
NUM_ITERATIONS = 300
RECORD_EVERY = 10


@lru_cache(maxsize=1)
def flower_split():
    """The lesson's data: ((X_train (2, 320), Y_train (1, 320)), (X_test (2, 80), Y_test (1, 80))).

    Both parts are standardised with the mean and standard deviation of the training part.
    """
    X, Y = make_dataset("flower", n_samples=400, seed=0)
    (X_train, Y_train), (X_test, Y_test) = split_data(X, Y, fractions=(0.8, 0.2), seed=0)
    X_train, mean, std = standardize(X_train)
    X_test, _, _ = standardize(X_test, mean, std)
    return (X_train, Y_train), (X_test, Y_test)


def learning_rate_figure(learning_rate, hidden_units=20, num_iterations=NUM_ITERATIONS):
    """Train on the flower data with ``learning_rate``; show the cost curve and the decision boundary.

    Arguments:
        learning_rate -- gradient descent step size, > 0
        hidden_units -- number of units of the single hidden layer
        num_iterations -- full-batch gradient steps
    Returns:
        a Figure with two Axes (cost against iteration; decision boundary), or, when training
        diverges, the TrainingDiverged message as a str
    """
    (X_train, Y_train), _ = flower_split()
    try:
        params, costs = dnn(X_train, Y_train, [2, hidden_units, 1], learning_rate=learning_rate,
                            num_iterations=num_iterations, record_every=RECORD_EVERY, seed=0)
    except TrainingDiverged as error:
        return f"learning_rate = {learning_rate:.3g}: {error}"
    train_accuracy = accuracy(predict(X_train, params), Y_train)

    # A fixed layout: a layout engine would make every redraw slower.
    fig = Figure(figsize=(10, 4.2))
    cost_ax = fig.add_axes((0.07, 0.12, 0.40, 0.78))
    boundary_ax = fig.add_axes((0.53, 0.12, 0.33, 0.78))
    cost_ax.plot(np.arange(len(costs)) * RECORD_EVERY, costs, color="tab:blue")
    cost_ax.set_xlabel("iteration")
    cost_ax.set_ylabel("cost")
    cost_ax.set_ylim(0, max(1.0, max(costs) * 1.05))
    cost_ax.grid(True, alpha=0.3)
    cost_ax.set_title(f"learning_rate = {learning_rate:.3g}: cost {costs[0]:.3f} -> {costs[-1]:.3f}")
    plot_decision_boundary(lambda points: predict_proba(points, params), X_train, Y_train,
                           resolution=60, ax=boundary_ax,
                           title=f"train accuracy {100 * train_accuracy:.1f}%")
    move_legend_outside(boundary_ax)
    return fig
