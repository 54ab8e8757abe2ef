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

from ..data import make_dataset
from ..diagnostics import layer_statistics
from ..parameters import initialize_parameters

DIMS = (2, 32, 32, 32, 32, 32, 1)
LEARNING_RATE = 0.05  # the comparison of methods in the lesson
SLIDER_LEARNING_RATE = 0.1
SLIDER_ITERATIONS = 500
SLIDER_RECORD_EVERY = 25
NUM_ITERATIONS = 1500
RECORD_EVERY = 50
METHOD_COLORS = {"zeros": "0.5", "randn": "tab:red", "small": "tab:orange", "xavier": "tab:green", "he": "tab:blue"}


@lru_cache(maxsize=1)
def spiral_data():
    """The lesson's data set: X of shape (2, 300), Y of shape (1, 300)."""
    X, Y = make_dataset("spiral", n_samples=300, seed=0)
    X.flags.writeable = False
    Y.flags.writeable = False
    return X, Y


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


def _sigmoid(Z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-Z))


@lru_cache(maxsize=32)
def train_scaled(multiplier, num_iterations=SLIDER_ITERATIONS, learning_rate=SLIDER_LEARNING_RATE,
                 record_every=SLIDER_RECORD_EVERY):
    """Train the lesson's network from scaled_he_parameters(multiplier) by full-batch gradient descent.

    The same steps as dnn (ReLU hidden layers, sigmoid output, clipped cross-entropy), written
    without input checks so that a slider can call it quickly. Stops early if the cost is not finite.
    Returns:
        costs -- tuple of the costs at iterations 0, record_every, ...
    """
    X, Y = spiral_data()
    params = scaled_he_parameters(multiplier)
    L = len(DIMS) - 1
    W = [None] + [params[f"W{l}"] for l in range(1, L + 1)]
    b = [None] + [params[f"b{l}"] for l in range(1, L + 1)]
    m = X.shape[1]
    eps = np.finfo(np.float64).eps
    costs = []
    with np.errstate(over="ignore", invalid="ignore"):
        for iteration in range(num_iterations):
            A = [X]
            for l in range(1, L + 1):
                Z = W[l] @ A[-1] + b[l]
                A.append(_sigmoid(Z) if l == L else np.maximum(Z, 0))
            clipped = np.clip(A[L], eps, 1 - eps)
            cost = float(-np.sum(Y * np.log(clipped) + (1 - Y) * np.log(1 - clipped)) / m)
            if iteration % record_every == 0 or not np.isfinite(cost):
                costs.append(cost)
            if not np.isfinite(cost):
                break
            dZ = A[L] - Y
            for l in range(L, 0, -1):
                dW = dZ @ A[l - 1].T / m
                db = np.sum(dZ, axis=1, keepdims=True) / m
                if l > 1:
                    dZ = (W[l].T @ dZ) * (A[l - 1] > 0)
                W[l] = W[l] - learning_rate * dW
                b[l] = b[l] - learning_rate * db
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
    ending = f"final cost {final:.3f}" if np.isfinite(final) else f"cost became {final}"
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
