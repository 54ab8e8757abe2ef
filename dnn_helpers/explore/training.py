"""Lesson 6, "Try it": how the learning rate decides whether gradient descent crawls, converges or diverges.

    learning_rate_figure(learning_rate)   # a Figure, or the TrainingDiverged message as a str

The network ([2, hidden_units, 1], by default 20 hidden units, ReLU, He initialisation, seed 0) is trained on the
training part of the lesson's flower dataset: 400 points, seed 0, split 80/20 with seed 0, each feature
standardised with the mean and standard deviation of the training part (as in the lesson).
"""

from functools import lru_cache

import numpy as np

from ..data import make_dataset, split_and_standardize
from ..plots import costs_and_boundary_panels
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
    return split_and_standardize(X, Y, fractions=(0.8, 0.2), seed=0)


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

    fig, cost_ax = costs_and_boundary_panels(lambda points: predict_proba(points, params), X_train, Y_train,
                                             boundary_title=f"train accuracy {100 * train_accuracy:.1f}%")
    cost_ax.plot(np.arange(len(costs)) * RECORD_EVERY, costs, color="tab:blue")
    cost_ax.set_ylim(0, max(1.0, max(costs) * 1.05))
    cost_ax.set_title(f"learning_rate = {learning_rate:.3g}: cost {costs[0]:.3f} -> {costs[-1]:.3f}")
    return fig
