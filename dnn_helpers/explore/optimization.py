"""Lesson 11, "Try it": the paths of gradient descent, momentum, RMSProp and Adam on a 2-D surface.

    optimizer_path("momentum", learning_rate=0.09, beta=0.9)    # (num_steps + 1, 2) array of points
    optimizer_paths_figure(learning_rate=0.09, beta=0.9)        # a Figure: one panel per optimiser

Two parameters (w1, w2) stand in for a network's thousands, so that the whole path can be drawn.
Each optimiser is the package's own (dnn_helpers.optimizers.Optimizer): the two numbers are stored
as params = {"W1": [[w1, w2]], "b1": [[0]]} and the gradient of the surface as grads = {"dW1": ...,
"db1": [[0]]} (the bias is only there because a parameter dict needs one; it never moves).

Surfaces:
    "bowl"    J = (w1^2 + 20 w2^2) / 2         an elongated bowl: steep across (w2), flat along (w1)
    "valley"  J = (1 - w1)^2 / 2 + 5 (w2 - w1^2 / 4)^2 ... a curved valley (a gentle Rosenbrock),
              minimum at (1, 1/4)
"""

import numpy as np
from matplotlib.figure import Figure

from ..optimizers import Optimizer
from ..plots import set_alt_text

OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")
TITLES = {"gd": "gradient descent", "momentum": "momentum", "rmsprop": "RMSProp", "adam": "Adam"}
START = {"bowl": (-4.0, 1.5), "valley": (-2.0, 2.0)}
MINIMUM = {"bowl": (0.0, 0.0), "valley": (1.0, 0.25)}
VIEW = {"bowl": ((-4.5, 4.5), (-2.0, 2.0)), "valley": ((-2.5, 2.0), (-0.5, 2.5))}
STEEPNESS = 20.0  # curvature of the bowl across (w2); along (w1) it is 1


def surface_cost(w1, w2, surface="bowl"):
    """The cost J at (w1, w2); works elementwise on arrays."""
    if surface == "bowl":
        return 0.5 * (w1 ** 2 + STEEPNESS * w2 ** 2)
    if surface == "valley":
        return 0.5 * (1 - w1) ** 2 + 5.0 * (w2 - w1 ** 2 / 4) ** 2
    raise ValueError(f"surface must be 'bowl' or 'valley', got {surface!r}.")


def surface_gradient(w1, w2, surface="bowl"):
    """(dJ/dw1, dJ/dw2) at (w1, w2)."""
    if surface == "bowl":
        return w1, STEEPNESS * w2
    if surface == "valley":
        across = 10.0 * (w2 - w1 ** 2 / 4)
        return -(1 - w1) - across * w1 / 2, across
    raise ValueError(f"surface must be 'bowl' or 'valley', got {surface!r}.")


def optimizer_path(optimizer, learning_rate, beta=0.9, num_steps=40, surface="bowl", start=None):
    """The points visited by ``optimizer`` from ``start`` (default: the surface's start).

    Arguments:
        optimizer -- "gd", "momentum", "rmsprop" or "adam"
        learning_rate -- alpha, > 0
        beta -- momentum's beta, RMSProp's beta and Adam's beta1 (Adam's beta2 stays 0.999)
        num_steps -- number of steps
        surface -- "bowl" or "valley"
    Returns:
        path -- array of shape (num_steps + 1, 2): row k is (w1, w2) after k steps. A path that
                runs away stops early, at its first point beyond 1e6.
    """
    params = {"W1": np.array([START[surface] if start is None else start], dtype=np.float64),
              "b1": np.zeros((1, 1))}
    no_bias_gradient = np.zeros((1, 1))
    stepper = Optimizer(optimizer, params, beta=beta)
    path = [params["W1"][0].copy()]
    for _ in range(num_steps):
        g1, g2 = surface_gradient(*params["W1"][0], surface=surface)
        params = stepper.step(params, {"dW1": np.array([[g1, g2]]), "db1": no_bias_gradient}, learning_rate)
        path.append(params["W1"][0].copy())
        if not np.all(np.abs(path[-1]) < 1e6):
            break
    return np.array(path)


def optimizer_paths_figure(learning_rate, beta=0.9, num_steps=40, surface="bowl"):
    """Four panels, one per optimiser: the contour lines of the surface and the optimiser's path.

    Each panel's title gives the cost after the last step ("ran away" if it left far beyond the view).
    """
    (x_low, x_high), (y_low, y_high) = VIEW[surface]
    grid_x, grid_y = np.meshgrid(np.linspace(x_low, x_high, 120), np.linspace(y_low, y_high, 80))
    levels = np.geomspace(0.02, surface_cost(x_low, y_high, surface) * 1.5, 14)
    fig = Figure(figsize=(10, 6.2))
    axes = fig.subplots(2, 2, sharex=True, sharey=True)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.08, top=0.87, hspace=0.28, wspace=0.08)
    fig.suptitle(f"{num_steps} steps on the {surface}, learning rate {learning_rate:.3g}, beta {beta:.2f}")
    for ax, name in zip(axes.flat, OPTIMIZERS):
        ax.contour(grid_x, grid_y, surface_cost(grid_x, grid_y, surface), levels=levels, colors="0.75",
                   linewidths=0.8)
        path = optimizer_path(name, learning_rate, beta, num_steps, surface)
        ax.plot(path[:, 0], path[:, 1], "-o", color="tab:blue", markersize=2.5, linewidth=1.2)
        ax.plot(*START[surface], "s", color="black", markersize=5)
        ax.plot(*MINIMUM[surface], "*", color="tab:red", markersize=11)
        ax.set_xlim(x_low, x_high)
        ax.set_ylim(y_low, y_high)
        final = surface_cost(*path[-1], surface)
        ran_away = len(path) < num_steps + 1 or not np.isfinite(final) or final > 1e6
        ax.set_title(f"{TITLES[name]}: " + ("ran away" if ran_away else f"final cost {final:.4f}"), fontsize=10)
    for ax in axes[1]:
        ax.set_xlabel("$w_1$")
    for ax in axes[:, 0]:
        ax.set_ylabel("$w_2$")
    outcomes = "; ".join(ax.get_title() for ax in axes.flat)
    return set_alt_text(fig, f"Four contour maps of the {surface} in (w1, w2), one per optimiser, each with its "
                             f"path of {num_steps} steps from the black square towards the red star at the "
                             f"minimum (learning rate {learning_rate:.3g}, beta {beta:.2f}): {outcomes}.")
