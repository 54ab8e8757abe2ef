"""Lesson 2 figures: the activation functions, their derivatives, and where they go flat.

    activation_functions_figure()                      # g(z) and g'(z) of the four activations, in the lesson's order
    saturation_figure(activation="sigmoid", scale=3) # slider: how much of Z lands where g' is tiny
    gradient_sizes_figure({"sigmoid": [...], ...})     # gradient size layer by layer
"""

import numpy as np
from matplotlib.figure import Figure

from ..activations import LEAKY_RELU_SLOPE, get_activation

LABELS = {"sigmoid": "sigmoid", "relu": "ReLU", "tanh": "tanh", "leaky_relu": "leaky ReLU"}
ORDER = ("sigmoid", "tanh", "relu", "leaky_relu")  # the order of the lesson's table
FLAT_FRACTION = 0.1  # g'(z) below this fraction of its largest value counts as flat
Z_LIMIT = 10.0  # the sliders' figure shows z in [-Z_LIMIT, Z_LIMIT]


def derivative(activation, Z):
    """g'(Z) elementwise, from the package's backward step with an upstream gradient of ones."""
    g = get_activation(activation)
    return g.backward(np.ones_like(Z), Z)


def activation_functions_figure(z_limit=5.0):
    """One panel per activation: g(z) as a solid line and its derivative g'(z) dashed.

    Returns:
        fig -- matplotlib Figure with four Axes (sigmoid, tanh, ReLU, leaky ReLU), two lines each;
               the leaky ReLU panel marks its small negative-side slope with an annotation
    """
    z = np.linspace(-z_limit, z_limit, 401)
    fig = Figure(figsize=(12, 3.2), layout="constrained")
    axes = fig.subplots(1, len(ORDER), sharey=True)
    for ax, name in zip(axes, ORDER):
        g = get_activation(name)
        ax.plot(z, g.forward(z), label="g(z)")
        ax.plot(z, derivative(name, z), linestyle="--", label="g'(z)")
        ax.axhline(0, color="0.5", linewidth=0.8)
        ax.axvline(0, color="0.5", linewidth=0.8)
        ax.set_title(LABELS[name])
        ax.set_xlabel("z")
        ax.set_ylim(-1.2, 2.2)
        ax.grid(True, alpha=0.3)
        if name == "leaky_relu":
            # at this scale the leak looks like ReLU's flat zero: point at it
            ax.annotate(f"g'(z) = {LEAKY_RELU_SLOPE:g} here:\ntoo small to see, but not 0",
                        xy=(-0.6 * z_limit, LEAKY_RELU_SLOPE * -0.6 * z_limit), xytext=(-0.95 * z_limit, -0.85),
                        fontsize=8, arrowprops=dict(arrowstyle="->", color="0.3"))
    axes[0].legend(fontsize=9, loc="upper left")
    return fig


def flat_fraction(activation, Z):
    """Fraction of the entries of Z where g'(Z) is below FLAT_FRACTION times the largest value of g'."""
    largest = derivative(activation, np.linspace(-Z_LIMIT, Z_LIMIT, 2001)).max()
    return float(np.mean(derivative(activation, Z) < FLAT_FRACTION * largest))


def saturation_figure(activation="sigmoid", scale=3.0, n_samples=2000, seed=0):
    """Where pre-activations Z ~ Normal(0, scale^2) fall on g and g', and how many land where g' is tiny.

    The flat region (g' below FLAT_FRACTION of its maximum) is shaded red. Leaky ReLU's negative side
    is shaded orange instead and called a small but non-zero gradient: unlike ReLU, it still passes
    LEAKY_RELU_SLOPE times the gradient.

    Arguments:
        activation -- "sigmoid", "relu", "tanh" or "leaky_relu"
        scale -- standard deviation of the pre-activations Z
    Returns:
        fig -- matplotlib Figure with two Axes: g(z) and g'(z) with the flat region shaded, and a
               histogram of the sampled Z in [-Z_LIMIT, Z_LIMIT] titled with the percentage of all
               samples that lands in the flat region; its x label counts the samples beyond +-Z_LIMIT
    """
    Z = np.random.default_rng(seed).normal(scale=scale, size=n_samples)
    z = np.linspace(-Z_LIMIT, Z_LIMIT, 801)
    g = get_activation(activation)
    slope = derivative(activation, z)
    flat = slope < FLAT_FRACTION * slope.max()
    percent = 100 * flat_fraction(activation, Z)
    leaky = activation == "leaky_relu"
    shade = "tab:orange" if leaky else "tab:red"

    fig = Figure(figsize=(10, 3.8), layout="constrained")
    curves, histogram = fig.subplots(1, 2, sharex=True)
    curves.plot(z, g.forward(z), label=f"{LABELS[activation]}(z)")
    curves.plot(z, slope, label="derivative")
    for ax in (curves, histogram):
        ax.fill_between(z, 0, 1, where=flat, transform=ax.get_xaxis_transform(),
                        color=shade, alpha=0.15 if leaky else 0.12, linewidth=0)
        ax.grid(True, alpha=0.3)
    curves.set_xlabel("z")
    curves.set_xlim(-Z_LIMIT, Z_LIMIT)
    curves.set_ylim(-1.2, 2.2)
    if leaky:
        curves.set_title(f"leaky ReLU and its derivative (orange: derivative only {LEAKY_RELU_SLOPE:g})", fontsize=10)
        where = f"{percent:.1f}% of Z where g' = {LEAKY_RELU_SLOPE:g} (small, not 0)"
    else:
        curves.set_title(f"{LABELS[activation]} and its derivative (red: derivative < {FLAT_FRACTION:g} x its maximum)",
                         fontsize=10)
        where = f"{percent:.1f}% of Z in the flat region"
    curves.legend(fontsize=9, loc="upper left")
    inside = np.abs(Z) <= Z_LIMIT
    histogram.hist(Z[inside], bins=80, range=(-Z_LIMIT, Z_LIMIT), color="0.4")
    histogram.set_title(f"Z ~ Normal(0, {scale:g}^2): {where}", fontsize=10)
    outside = int(np.sum(~inside))
    histogram.set_xlabel(f"z ({outside} of {n_samples} values beyond \u00b1{Z_LIMIT:g}, not shown)" if outside else "z")
    histogram.set_ylabel("count")
    return fig


def gradient_sizes_figure(sizes_by_activation):
    """Log-scale plot of a gradient's size against the layer, one line per activation.

    Arguments:
        sizes_by_activation -- dict hidden activation name -> list of sizes for layers 1, 2, ..., L
                               (for example mean |dW[l]|); only the hidden layers differ between the
                               entries, so each line is labelled "hidden: <name>"
    Returns:
        fig -- matplotlib Figure with one Axes and one line per entry
    """
    fig = Figure(figsize=(6.5, 4), layout="constrained")
    ax = fig.add_subplot()
    for name, sizes in sizes_by_activation.items():
        ax.plot(np.arange(1, len(sizes) + 1), sizes, marker="o", label=f"hidden: {LABELS.get(name, name)}")
    ax.set_yscale("log")
    ax.set_xlabel("layer l (the output layer is on the right)")
    ax.set_ylabel("mean |dW[l]|")
    ax.set_title("Size of the weight gradients, layer by layer")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=9)
    return fig
