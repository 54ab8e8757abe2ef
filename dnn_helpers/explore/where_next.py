"""Lesson 14, "Where next": the pictures of the small models in other_networks.py.

    perceptron_figure(X, Y, w, b, mistakes)   # the points, the learned line, the mistakes per epoch
    hopfield_figure(flipped, seed)            # stored, noisy and recalled pattern side by side ("Try it")
"""

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..other_networks import PATTERNS, flip_pixels, hopfield_recall, hopfield_weights


def perceptron_figure(X, Y, w, b, mistakes):
    """Two Axes: the 2-D points with the line w . x + b = 0, and the number of mistakes per epoch."""
    fig = Figure(figsize=(9.0, 3.6), layout="constrained")
    ax, ax_mistakes = fig.subplots(1, 2, width_ratios=(1.3, 1))
    for label, color in ((0, "tab:red"), (1, "tab:blue")):
        points = X[:, Y[0] == label]
        ax.scatter(points[0], points[1], s=14, color=color, label=f"label {label}")
    x0 = np.array([X[0].min(), X[0].max()])
    if w[0, 1] != 0:
        ax.plot(x0, -(w[0, 0] * x0 + b) / w[0, 1], "k-", label="w . x + b = 0")
    ax.set_ylim(X[1].min() - 0.3, X[1].max() + 0.3)
    ax.set_title("the learned line")
    ax.legend(fontsize="small", loc="lower right")
    epochs = np.arange(1, len(mistakes) + 1)
    ax_mistakes.bar(epochs, mistakes, color="tab:gray")
    ax_mistakes.set_xticks(epochs)
    ax_mistakes.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax_mistakes.set_xlabel("epoch")
    ax_mistakes.set_ylabel("updates (mistakes)")
    ax_mistakes.set_title(f"mistakes per epoch: {', '.join(map(str, mistakes))}")
    return fig


def hopfield_figure(flipped, seed=0, stored="T"):
    """Store the three PATTERNS, flip ``flipped`` pixels of one of them, and let the net recall it.

    Returns:
        fig -- Figure with 3 Axes: the stored pattern, the noisy copy, the recalled state; the last
               title says which stored pattern (or inverted stored pattern: its negative) the state
               equals, if any, and how many pixels differ from the stored one
    """
    W = hopfield_weights(list(PATTERNS.values()))
    noisy = flip_pixels(PATTERNS[stored], flipped, seed)
    recalled, energies = hopfield_recall(W, noisy, seed=seed)
    # a stored pattern, or the negative of one (also a valley of the energy)
    candidates = [(name, p) for name, p in PATTERNS.items()] + [(f"inverted {name}", -p) for name, p in PATTERNS.items()]
    match = next((name for name, p in candidates if np.array_equal(recalled, p)), None)
    wrong = int(np.sum(recalled != PATTERNS[stored]))
    fig = Figure(figsize=(7.5, 2.9), layout="constrained")
    titles = [f'stored "{stored}"', f"noisy: {flipped} pixels flipped",
              (f'recalled "{match}"' if match else "recalled: no stored pattern") + f", {wrong} wrong"]
    for ax, image, title in zip(fig.subplots(1, 3), (PATTERNS[stored], noisy, recalled), titles):
        ax.imshow(image.reshape(5, 5), cmap="gray_r", vmin=-1, vmax=1)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title, fontsize=10)
    fig.suptitle(f"energy {energies[0]:.2f} -> {energies[-1]:.2f}", fontsize=10)
    return fig
