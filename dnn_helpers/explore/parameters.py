"""Lesson 1 sliders: how the initial scale of the weights shapes the activations of a deep ReLU net.

    activations_through_depth(depth=10, method="he")   # list of A[1], ..., A[depth]
    activation_histograms_figure(depth=6, method="he")  # one histogram per layer, log scale
"""

import numpy as np
from matplotlib.figure import Figure

from ..activations import relu
from ..parameters import INITIALIZATIONS, initialize_parameters
from ..plots import set_alt_text

METHOD_LABELS = {
    "randn": "W = randn (scale 1)",
    "small": "W = 0.01 * randn",
    "xavier": "Xavier: W = randn * sqrt(1/n)",
    "he": "He: W = randn * sqrt(2/n)",
    "zeros": "W = 0",
}


def activations_through_depth(depth=10, method="he", width=100, n_examples=500, seed=0):
    """Run random inputs through ``depth`` ReLU layers of ``width`` units and return every layer's output.

    Arguments:
        depth -- number of layers L
        method -- initialisation method of initialize_parameters ("randn", "small", "xavier", "he", "zeros")
        width -- units per layer (the input has ``width`` features too)
        n_examples -- number of random examples m (standard normal inputs)
        seed -- seed for the inputs and the weights
    Returns:
        activations -- list of ``depth`` arrays, activations[l - 1] = A[l] of shape (width, n_examples)
    """
    if method not in INITIALIZATIONS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(map(repr, INITIALIZATIONS))}.")
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((width, n_examples))
    params = initialize_parameters([width] * (depth + 1), method=method, seed=rng)
    A, activations = X, []
    for l in range(1, depth + 1):
        A = relu(params[f"W{l}"] @ A + params[f"b{l}"])
        activations.append(A)
    return activations


LOG_RANGE = (-20, 12)  # decades of activation values shown: 1e-20 .. 1e12 (every method, up to 12 layers)
BINS_PER_DECADE = 4
ALL_ZERO_MESSAGE = "all activations are exactly 0 (nothing to draw on a log axis)"


def activation_histograms_figure(depth=6, method="he"):
    """Histograms of A[1], ..., A[depth] of a ReLU net of 100-unit layers, stacked one row per layer.

    The x-axis is log10 of the activation value, so that a layer whose values grow or shrink by
    orders of magnitude moves right or left. Zeros (about half of a ReLU layer) have no logarithm
    and are left out; values outside 1e-20 .. 1e12 (none for depth <= 12) would pile up at the edges.
    When every activation is 0 (method "zeros") the figure says so in words.

    Arguments:
        depth -- number of ReLU layers (1 or more)
        method -- "randn", "small", "xavier", "he" or "zeros"
    Returns:
        fig -- matplotlib Figure with one Axes: one filled histogram per layer (layer 1 at the top),
               the std of each layer written at the right, titled with the method and the depth
    """
    activations = activations_through_depth(depth, method)
    fig = Figure(figsize=(8, 4.8), layout="constrained")
    ax = fig.add_subplot()
    low, high = LOG_RANGE
    for l, A in enumerate(activations, start=1):
        positive = A[A > 0]
        row = depth - l  # layer 1 at the top
        if positive.size:
            logs = np.clip(np.log10(positive), low, high)
            counts, edges = np.histogram(logs, bins=BINS_PER_DECADE * (high - low), range=(low, high))
            ax.stairs(row + 0.85 * counts / counts.max(), edges, baseline=row, fill=True,
                      color="tab:blue", alpha=0.75)
        ax.text(high + 0.3, row + 0.3, f"std {float(A.std()):.3g}", va="center", fontsize=8)
    if not any((A > 0).any() for A in activations):
        ax.text((low + high) / 2, depth / 2, ALL_ZERO_MESSAGE, ha="center", va="center", fontsize=11,
                bbox=dict(boxstyle="round", facecolor="white", edgecolor="0.6"))
    ax.axvline(0.0, color="0.4", linewidth=0.8, linestyle="--")
    ax.set_xlim(low, high + 4)
    ax.set_xticks(range(low, high + 1, 4))
    ax.set_xticklabels([f"1e{k}" for k in range(low, high + 1, 4)])
    ax.set_yticks(np.arange(depth) + 0.4)
    ax.set_yticklabels([f"layer {depth - row}" for row in range(depth)])
    ax.set_ylim(-0.2, depth)
    ax.set_xlabel("activation value (log scale; zeros not shown)")
    layers = "1 ReLU layer" if depth == 1 else f"{depth} ReLU layers"
    ax.set_title(f"{METHOD_LABELS[method]}: {layers} of 100 units")
    ax.grid(True, axis="x", alpha=0.3)
    spreads = ", ".join(f"{float(A.std()):.3g}" for A in activations)
    return set_alt_text(fig, f"Histograms of the activations of {layers} of 100 units ({METHOD_LABELS[method]}), "
                             f"layer 1 at the top, on a log scale of the activation value; the standard "
                             f"deviations, layer 1 to {depth}: {spreads}.")


def std_per_layer_figure(stds_by_method):
    """Line plot (log scale) of the standard deviation of A[l] against the layer l, one line per method.

    Arguments:
        stds_by_method -- dict method name -> list of std(A[l]) for l = 1, 2, ...
    Returns:
        fig -- matplotlib Figure with one Axes and one line per method
    """
    fig = Figure(figsize=(6.5, 4), layout="constrained")
    ax = fig.add_subplot()
    for method, stds in stds_by_method.items():
        layers = np.arange(1, len(stds) + 1)
        ax.plot(layers, stds, marker="o", label=METHOD_LABELS.get(method, method))
    ax.set_yscale("log")
    ax.set_xlabel("layer l")
    ax.set_ylabel("std of the activations A[l]")
    ax.set_title("Activation size layer by layer (input std 1)")
    ax.axhline(1.0, color="0.5", linewidth=0.8, linestyle="--")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=9)
    return fig
