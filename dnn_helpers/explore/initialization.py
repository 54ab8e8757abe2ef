"""Lesson 9 pictures: per-layer statistics of a deep ReLU net, and the He scale times a multiplier.

    statistics_figure({"he": layer_statistics(X, Y, params), ...})   # std of A[l] and RMS of dW[l]
    he_scale_figure(multiplier=2.0)                                   # statistics and training, W = c * He

The network of the lesson: the 2-D "spiral" data (300 points, seed 0) and layer_dims
DIMS = (2, 32, 32, 32, 32, 32, 1), five ReLU hidden layers and a sigmoid output.
"""

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..data import cached_dataset
from ..diagnostics import layer_statistics
from ..parameters import initialize_parameters
from ..training import DIVERGENCE_FACTOR, TrainingDiverged, dnn

DIMS = (2, 32, 32, 32, 32, 32, 1)
LEARNING_RATE = 0.05  # the comparison of methods in the lesson
SLIDER_LEARNING_RATE = 0.1
SLIDER_ITERATIONS = 500
SLIDER_RECORD_EVERY = 25
NUM_ITERATIONS = 1500
RECORD_EVERY = 50
METHOD_COLORS = {"zeros": "0.5", "randn": "tab:red", "small": "tab:orange", "xavier": "tab:green", "he": "tab:blue"}


def spiral_data():
    """The lesson's data set: X of shape (2, 300), Y of shape (1, 300), read-only."""
    return cached_dataset("spiral", n_samples=300, seed=0)


def scaled_he_parameters(multiplier, dims=DIMS, seed=0):
    """He initialisation with every W[l] multiplied by ``multiplier`` (std c * sqrt(2 / n_{l-1}))."""
    params = initialize_parameters(dims, method="he", seed=seed)
    return {key: value * multiplier if key.startswith("W") else value for key, value in params.items()}


def _draw_statistics(axes, statistics, colors=None, styles=None):
    """Draw activation std and gradient RMS per layer on two log-scale Axes; return the labels left out."""
    ax_act, ax_grad = axes
    skipped = []
    for label, stats in statistics.items():
        color = (colors or {}).get(label)
        style = (styles or {}).get(label, "-")
        layers = np.arange(1, len(stats["activation_std"]) + 1)
        drawn = False
        for ax, key in ((ax_act, "activation_std"), (ax_grad, "gradient_norm")):
            values = np.asarray(stats[key], dtype=float)
            keep = values > 0  # a log axis has no place for 0
            if keep.any():
                ax.plot(layers[keep], values[keep], style, marker="o", markersize=4, color=color, label=label)
                drawn = True
        if not drawn:
            skipped.append(label)
    for ax, title in ((ax_act, "activation std of A[l]"), (ax_grad, "gradient RMS of dW[l]")):
        ax.set_yscale("log")
        ax.set_xlabel(f"layer l ({len(layers)} = sigmoid output)")
        ax.set_title(title)
        ax.grid(True, which="major", alpha=0.3)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return skipped


def statistics_figure(statistics):
    """Two panels: the std of A[l] and the RMS of dW[l] for every layer, one line per entry.

    Arguments:
        statistics -- dict label -> a layer_statistics result ("activation_std", "gradient_norm" lists)
    Returns:
        fig -- matplotlib Figure with 2 Axes (log scale); entries whose values are all 0 (for
               example "zeros") cannot be drawn on a log axis and are named in a note instead
    """
    fig = Figure(figsize=(10, 4), layout="constrained")
    axes = fig.subplots(1, 2)
    skipped = _draw_statistics(axes, statistics, colors=METHOD_COLORS)
    axes[0].legend(fontsize=8)
    if skipped:
        note = ", ".join(skipped) + ": every value is 0 (not drawn on a log axis)"
        fig.text(0.5, -0.02, note, ha="center", va="top", fontsize=9)
    return fig


@lru_cache(maxsize=32)
def train_scaled(multiplier, num_iterations=SLIDER_ITERATIONS, learning_rate=SLIDER_LEARNING_RATE,
                 record_every=SLIDER_RECORD_EVERY):
    """Train the lesson's network from scaled_he_parameters(multiplier) by full-batch gradient descent (dnn).

    Returns:
        costs -- tuple of the costs at iterations 0, record_every, ...; a run that diverges
                 (TrainingDiverged) ends with the cost that showed it
    """
    X, Y = spiral_data()
    try:
        _, costs = dnn(X, Y, DIMS, learning_rate, num_iterations, record_every=record_every,
                       initial_params=scaled_he_parameters(multiplier))
    except TrainingDiverged as error:
        return (*error.costs, error.cost)
    return tuple(costs)


def he_scale_figure(multiplier=1.0):
    """Statistics at the start and cost during training for W = multiplier * (He weights).

    Arguments:
        multiplier -- factor c on He's standard deviation sqrt(2 / n_{l-1}); c = 1 is He itself
    Returns:
        fig -- matplotlib Figure with 3 Axes: activation std per layer, gradient RMS per layer
               (both at the start, with He as a dashed reference), and the cost curves of both runs
    """
    X, Y = spiral_data()
    label = f"{multiplier:.3g} x He"
    statistics = {label: layer_statistics(X, Y, scaled_he_parameters(multiplier))}
    if multiplier != 1.0:
        statistics["He"] = layer_statistics(X, Y, scaled_he_parameters(1.0))
    fig = Figure(figsize=(12, 3.8), layout="constrained")
    axes = fig.subplots(1, 3)
    _draw_statistics(axes[:2], statistics, colors={label: "tab:purple", "He": "tab:blue"},
                     styles={"He": "--"})
    axes[0].legend(fontsize=8)
    # the same axes for every multiplier, so that moving the slider moves the lines, not the axes
    axes[0].set_ylim(1e-6, 1e3)
    axes[1].set_ylim(1e-9, 1e2)
    ax = axes[2]
    runs = {label: train_scaled(multiplier)}
    if multiplier != 1.0:
        runs["He"] = train_scaled(1.0)
    for name, costs in runs.items():
        iterations = np.arange(len(costs)) * SLIDER_RECORD_EVERY
        ax.plot(iterations, costs, "--" if name == "He" else "-",
                color="tab:blue" if name == "He" else "tab:purple", label=name)
    costs = runs[label]
    final = costs[-1]
    # dnn stops at the first cost that is not finite or above DIVERGENCE_FACTOR times the first
    if not np.isfinite(final):
        ending = f"cost became {final}"
    elif final > DIVERGENCE_FACTOR * costs[0]:
        ending = f"diverged, cost rose to {final:.4g}"
    else:
        ending = f"final cost {final:.3f}"
    ax.set_title(f"cost, learning rate {SLIDER_LEARNING_RATE}: {ending}")
    ax.set_xlabel("iteration")
    ax.set_yscale("log")
    ax.set_ylim(1e-2, 30)
    ax.axhline(np.log(2), color="0.5", linewidth=0.8, linestyle=":")
    ax.text(0, np.log(2), " ln 2", va="bottom", fontsize=8, color="0.4")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    fig.suptitle(f"W[l] = {multiplier:.3g} x sqrt(2 / n_(l-1)) x randn")
    return fig
