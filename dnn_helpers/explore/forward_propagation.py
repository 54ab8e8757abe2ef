"""Lesson 3, "Try it": one input point flowing through a small random network.

    activation_flow_figure(x1, x2)   # the plane shaded by the network's output, then Z[l] and A[l] per layer
"""

import numpy as np
from matplotlib.figure import Figure

from ..forward import forward_propagation
from ..parameters import initialize_parameters, randomize_biases

FLOW_LAYER_DIMS = (2, 4, 3, 1)
_PLANE_LIMIT = 3.0
_PLANE_RESOLUTION = 61


def flow_network(layer_dims=FLOW_LAYER_DIMS, seed=8):
    """He-initialised parameters with small random biases (zero biases would make every surface a cone).

    Returns params, a dict "W1", "b1", ..., as initialize_parameters.
    """
    rng = np.random.default_rng(seed)
    return randomize_biases(initialize_parameters(layer_dims, method="he", seed=rng), 0.5, rng)


def activation_flow_figure(x1, x2, layer_dims=FLOW_LAYER_DIMS, seed=8):
    """Show where the point (x1, x2) sits and what every layer computes for it.

    Arguments:
        x1, x2 -- the input point, X of shape (2, 1)
        layer_dims -- sizes (2, n_1, ..., n_L) of the network (n_L = 1: a sigmoid output)
        seed -- seed of the random parameters
    Returns:
        fig -- a Figure with 1 + L Axes and a colour bar (2 + L Axes in fig.axes, the colour bar last):
               the plane shaded by the output a = A[L] with the point marked, then one bar chart per
               layer l with Z[l] (outlined) and A[l] (filled) per unit
    """
    params = flow_network(layer_dims, seed)
    L = len(layer_dims) - 1
    X = np.array([[x1], [x2]], dtype=np.float64)  # one example: shape (2, 1)
    AL, caches = forward_propagation(X, params)

    fig = Figure(figsize=(3.2 * (L + 1), 3.4))
    fig.subplots_adjust(left=0.05, right=0.99, bottom=0.15, top=0.84, wspace=0.4)
    axes = fig.subplots(1, L + 1, gridspec_kw={"width_ratios": [1.25] + [1] * L})

    # The plane: the network's output on a grid, every grid point a column of one (2, k) input.
    ticks = np.linspace(-_PLANE_LIMIT, _PLANE_LIMIT, _PLANE_RESOLUTION)
    grid_x, grid_y = np.meshgrid(ticks, ticks)
    grid = np.stack([grid_x.ravel(), grid_y.ravel()])
    surface = forward_propagation(grid, params)[0].reshape(grid_x.shape)
    plane = axes[0]
    image = plane.imshow(surface, origin="lower", extent=(-_PLANE_LIMIT, _PLANE_LIMIT, -_PLANE_LIMIT, _PLANE_LIMIT),
                         cmap="RdBu", vmin=0.0, vmax=1.0, alpha=0.6)
    colorbar = fig.colorbar(image, ax=plane, fraction=0.06, pad=0.03, ticks=[0.0, 0.5, 1.0])  # the scale of a
    plane.plot([x1], [x2], marker="*", markersize=16, color="gold", markeredgecolor="k")
    plane.set_xlabel("$x_1$")
    plane.set_ylabel("$x_2$")
    plane.set_title(f"output a over the plane\nX = ({x1:.1f}, {x2:.1f})", fontsize=10)

    for l, (ax, cache) in enumerate(zip(axes[1:], caches), start=1):
        Z = cache.Z[:, 0]
        A = (AL if l == L else caches[l].A_prev)[:, 0]  # A[l] is the next layer's input
        units = np.arange(1, len(Z) + 1)
        ax.bar(units, Z, width=0.7, fill=False, edgecolor="0.3", linestyle="--", label="Z (before g)")
        ax.bar(units, A, width=0.45, color="tab:orange" if l == L else "tab:blue", label="A = g(Z)")
        ax.axhline(0.0, color="k", linewidth=0.8)
        ax.set_xticks(units)
        ax.set_xlabel("unit")
        bound = max(1.0, float(np.abs(np.concatenate([Z, A])).max()) * 1.15)
        ax.set_ylim(-bound, bound)
        if l == L:
            ax.set_title(f"layer {l} ({cache.activation})\na = {A[0]:.3f}", fontsize=10)
        else:
            ax.set_title(f"layer {l} ({cache.activation})\n{int((A > 0).sum())} of {len(A)} units active",
                         fontsize=10)
    axes[1].legend(loc="lower left", fontsize="x-small")
    return fig
