"""Lesson 5 pictures: does backward propagation agree with finite differences, and how does the step matter?

    gradient_agreement_figure(panels)   analytic against numerical gradient entries, one panel per case
    epsilon_figure(epsilon)             relative difference against the finite-difference step (slider)

The epsilon curve is computed once, on a fixed grid of steps, for a small network
(layer_dims (2, 4, 3, 1), ReLU hidden layers, 8 examples, non-zero biases); a
redraw only evaluates the marked step, so moving the slider stays fast.
"""

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from ..backward import backward_propagation
from ..cost import cross_entropy
from ..forward import forward_propagation
from ..gradient_checking import numerical_gradients, relative_difference
from ..parameters import initialize_parameters, randomize_biases

CORRECT_BELOW = 1e-7  # a correct backward pass in float64 gives about this or less
WRONG_ABOVE = 1e-2  # a bug usually gives this or more
EPSILON_GRID = 10.0 ** np.arange(-12.0, -0.99, 0.25)  # 1e-12 .. 1e-1


def demo_problem(seed=0, layer_dims=(2, 4, 3, 1), m=8):
    """A small ReLU network with non-zero biases: X (n_x, m), Y (1, m), params, "relu"."""
    rng = np.random.default_rng(seed)
    params = randomize_biases(initialize_parameters(layer_dims, method="he", seed=rng), 0.5, rng)
    X = rng.normal(size=(layer_dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    return X, Y, params, "relu"


def _cost_function(X, Y, hidden_activation):
    def cost_of(params):
        AL, _ = forward_propagation(X, params, hidden_activation)
        return cross_entropy(AL, Y)

    return cost_of


def differences_at(epsilon, seed=0):
    """(centred, one-sided) relative differences of backward_propagation on demo_problem(seed)."""
    X, Y, params, hidden = demo_problem(seed)
    cost_of = _cost_function(X, Y, hidden)
    AL, caches = forward_propagation(X, params, hidden)
    grads = backward_propagation(AL, Y, caches)
    centred = relative_difference(grads, numerical_gradients(cost_of, params, epsilon))
    one_sided = relative_difference(grads, numerical_gradients(cost_of, params, epsilon, centred=False))
    return centred, one_sided


@lru_cache(maxsize=4)
def epsilon_curves(seed=0):
    """Relative differences over EPSILON_GRID: arrays (centred, one_sided), each of shape (len(EPSILON_GRID),)."""
    rows = [differences_at(float(epsilon), seed) for epsilon in EPSILON_GRID]
    centred, one_sided = (np.array(column) for column in zip(*rows))
    return centred, one_sided


def epsilon_figure(epsilon, seed=0):
    """Relative difference against the step epsilon (log-log), with ``epsilon`` marked.

    Arguments:
        epsilon -- the finite-difference step to mark, between 1e-12 and 1e-1
        seed -- which demo network (see demo_problem)
    Returns:
        fig -- Figure with one Axes: lines "centred difference" and "one-sided difference",
               the marker "this epsilon" at (epsilon, its centred relative difference)
    """
    epsilon = float(epsilon)
    if not 0 < epsilon < 1:
        raise ValueError(f"epsilon must be a small positive step such as 1e-6, got {epsilon!r}.")
    centred, one_sided = epsilon_curves(seed)
    here, _ = differences_at(epsilon, seed)

    fig = Figure(figsize=(6.4, 4.0), layout="constrained")
    ax = fig.add_subplot()
    ax.axhspan(1e-18, CORRECT_BELOW, color="tab:green", alpha=0.12, label=f"below {CORRECT_BELOW:.0e}: correct")
    ax.axhspan(WRONG_ABOVE, 10.0, color="tab:red", alpha=0.12, label=f"above {WRONG_ABOVE:.0e}: a bug")
    ax.loglog(EPSILON_GRID, one_sided, color="0.55", linestyle="--", label="one-sided difference")
    ax.loglog(EPSILON_GRID, centred, color="tab:blue", linewidth=2, label="centred difference")
    ax.plot([epsilon], [here], "o", color="tab:orange", markersize=9, markeredgecolor="k",
            label="this epsilon", zorder=3)
    ax.set_xlim(EPSILON_GRID[0] / 2, EPSILON_GRID[-1] * 2)
    ax.set_ylim(1e-12, 1.0)
    ax.set_xlabel("finite-difference step epsilon")
    ax.set_ylabel("relative difference")
    ax.set_title(f"epsilon = {epsilon:.0e}: relative difference {here:.1e}")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="upper center", fontsize="small", ncol=2)
    return fig


def gradient_agreement_figure(panels):
    """Scatter every analytic gradient entry against its numerical estimate, one panel per case.

    Arguments:
        panels -- dict {title: (grads, numerical)}; numerical maps "dW1", "db1", ... to arrays and
                  grads holds at least the same keys with the same shapes
    Returns:
        fig -- Figure with one Axes per panel; a correct gradient puts every point on the diagonal
    """
    fig = Figure(figsize=(4.2 * len(panels), 4.0), layout="constrained")
    for number, (title, (grads, numerical)) in enumerate(panels.items(), start=1):
        ax = fig.add_subplot(1, len(panels), number)
        estimate = np.concatenate([np.ravel(numerical[key]) for key in numerical])
        analytic = np.concatenate([np.ravel(grads[key]) for key in numerical])
        limit = 1.1 * max(np.abs(estimate).max(), np.abs(analytic).max())
        ax.plot([-limit, limit], [-limit, limit], color="0.6", linewidth=1, label="analytic = numerical")
        ax.plot(estimate, analytic, "o", color="tab:blue", markersize=5, alpha=0.8, label="one entry")
        ax.set_xlim(-limit, limit)
        ax.set_ylim(-limit, limit)
        ax.set_aspect("equal")
        ax.set_xlabel("numerical gradient entry")
        ax.set_ylabel("analytic gradient entry")
        difference = relative_difference(grads, numerical)
        ax.set_title(f"{title}\nrelative difference {difference:.1e}", fontsize=10)
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper left", fontsize="small")
    return fig
