"""Lesson 4, "Try it": where one prediction sits on the cost curves, and the best constant prediction.

    logit_cost_figure(z)             # a = sigmoid(z) on the sigmoid and on both cost curves
    constant_prediction_figure(p)    # mean cost of predicting p for every example of a small label set
"""

import numpy as np
from matplotlib.figure import Figure

from ..activations import sigmoid
from ..cost import compute_cost

_COST_TOP = 5.0  # the cost axes stop here; larger costs are written in the title
_Z_VIEW = 10.0  # the sigmoid panel shows at least -10 <= z <= 10
# 20 labels, 7 of them 1: the best constant prediction is 7/20 = 0.35.
EXAMPLE_LABELS = np.array([[1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]], dtype=np.float64)


def example_cost(a, y):
    """The cost -[y log a + (1 - y) log(1 - a)] of one example, clipped as compute_cost does."""
    return compute_cost(np.array([[a]], dtype=np.float64), np.array([[y]], dtype=np.float64))


def logit_cost_figure(z):
    """Show a = sigmoid(z) on the sigmoid curve and its cost on the curves for y = 1 and y = 0.

    Arguments:
        z -- the logit (pre-activation) of one example
    Returns:
        fig -- a Figure with 2 Axes: the sigmoid with the point (z, a), over -10..10 or wider to keep z in
               view; the costs -log(a) (y = 1) and -log(1 - a) (y = 0) against a, with the two points at a.
               The right title gives both clipped losses, and the exact loss log(1 + exp(-+z)) computed
               from z wherever it differs from the clipped one.
    """
    a = float(sigmoid(np.array(z, dtype=np.float64)))
    cost_1, cost_0 = example_cost(a, 1), example_cost(a, 0)

    # The loss computed from z itself, log(1 + exp(-z)) for y = 1 and log(1 + exp(z)) for y = 0:
    # no a, no log(0), no clip.
    exact_1, exact_0 = float(np.logaddexp(0.0, -z)), float(np.logaddexp(0.0, z))

    fig = Figure(figsize=(10, 3.8), layout="constrained")
    left, right = fig.subplots(1, 2)

    # The sigmoid bends within about |z| < 6: show -10..10, and widen only to keep z in view.
    half_width = max(_Z_VIEW, 1.1 * abs(z))
    zs = np.linspace(-half_width, half_width, 801)
    left.plot(zs, sigmoid(zs), color="0.3")
    left.plot([z], [a], "o", color="k", markersize=8)
    left.set_xlim(-half_width, half_width)
    left.set_xlabel("logit z")
    left.set_ylabel("a = sigmoid(z)")
    exactly = "  (exactly 1.0)" if a == 1.0 else "  (exactly 0.0)" if a == 0.0 else ""
    # Below 1e-6, six decimals would show 0.000000 for an a that is not 0: switch to powers of ten.
    shown_a = f"{a:.6f}" if a >= 1e-6 or a == 0.0 else f"{a:.3e}"
    left.set_title(f"z = {z:.1f}, a = {shown_a}{exactly}", fontsize=10)
    left.grid(True, alpha=0.3)

    # Stay 1e-3 away from 0 and 1: the curves go to infinity there.
    grid = np.linspace(1e-3, 1 - 1e-3, 500)
    right.plot(grid, -np.log(grid), color="tab:blue", label="y = 1: $-\\log a$")
    right.plot(grid, -np.log(1 - grid), color="tab:red", label="y = 0: $-\\log(1-a)$")
    for cost, color in ((cost_1, "tab:blue"), (cost_0, "tab:red")):
        # A cost above the top of the axes is drawn as a triangle at the top edge.
        shown, marker = (cost, "o") if cost <= _COST_TOP else (_COST_TOP, "^")
        right.plot([a], [shown], marker, color=color, markersize=9, markeredgecolor="k", clip_on=False)
    right.set_xlim(0, 1)
    right.set_ylim(0, _COST_TOP)
    right.set_xlabel("prediction a")
    right.set_ylabel("loss of one example")
    title = f"loss if y = 1: {cost_1:.4f}     loss if y = 0: {cost_0:.4f}"
    # Where the clip (or the rounding of a) changed a loss visibly, also give the exact one.
    exact = [f"y = {y}: {e:.4f}" for y, c, e in ((1, cost_1, exact_1), (0, cost_0, exact_0)) if abs(c - e) >= 5e-5]
    if exact:
        title += "\nexact, computed from z: " + ", ".join(exact)
    right.set_title(title, fontsize=10)
    right.legend(loc="upper center")
    right.grid(True, alpha=0.3)
    return fig


def constant_prediction_figure(p, Y=EXAMPLE_LABELS):
    """Mean cost when every example gets the same prediction p, against p, with p marked.

    Arguments:
        p -- the prediction given to every example, in [0, 1]
        Y -- labels 0/1, shape (1, m)
    Returns:
        fig -- a Figure with 1 Axes: the mean cost against p, the point at p, and a dotted
               line at the fraction of 1s in Y, where the mean cost is smallest
    """
    Y = np.asarray(Y, dtype=np.float64)
    m = Y.shape[1]
    fraction = float(Y.mean())
    ps = np.linspace(0.01, 0.99, 197)
    curve = [compute_cost(np.full((1, m), q), Y) for q in ps]
    cost = compute_cost(np.full((1, m), float(p)), Y)

    fig = Figure(figsize=(6.4, 3.8), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(ps, curve, color="0.3")
    top = min(_COST_TOP, max(curve) * 1.05)
    shown, marker = (cost, "o") if cost <= top else (top, "^")
    ax.plot([p], [shown], marker, color="tab:orange", markersize=9, markeredgecolor="k", clip_on=False)
    ax.axvline(fraction, color="tab:green", linestyle=":", label=f"fraction of 1s = {fraction:.2f}")
    ax.axhline(np.log(2), color="0.5", linestyle="--", linewidth=0.8, label="ln 2 (p = 0.5)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, top)
    ax.set_xlabel("prediction p given to every example")
    ax.set_ylabel("mean cost J")
    ax.set_title(f"{int(Y.sum())} of {m} labels are 1; predicting p = {p:.2f} gives J = {cost:.4f}", fontsize=10)
    ax.legend(loc="upper center")
    ax.grid(True, alpha=0.3)
    return fig
