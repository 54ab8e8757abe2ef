"""Lesson 17 pictures: the unrolled RNN, gradients through time, and a toy task for gradient clipping.

    unrolled_rnn_figure(steps)                  the computation graph over time, forward and backward
    gradient_norms_through_time(scale, steps)   ||dh_t|| / ||dh_T|| for t = 0 .. T, shape (T + 1,)
    gaussian_matrix(n, spectral_radius)         a non-orthogonal Whh with that spectral radius (exercise 5)
    gradient_flow_figure(scale, steps)          those norms against the steps back (slider)
    echo_task(...), echo_parameters(...)        the toy task and the start of the clipping runs
    training_runs_figure(runs)                  cost and gradient norm per step, one line per run

The recurrent weights of the gradient experiments are scale * Q with Q a random orthogonal
matrix: Q turns a vector without changing its length, so Whh stretches every direction by exactly
``scale`` (all its singular values, and its spectral radius, equal ``scale``). Going back one step
multiplies the gradient by Whh^T and by the tanh slopes 1 - h_t^2 <= 1, so its norm shrinks at
least as fast as scale^k over k steps when scale < 1; above 1 it can grow, and the tanh slopes
brake it.
"""

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from ..plots import set_alt_text
from ..rnn import initialize_rnn_parameters, rnn_cell_backward, rnn_forward
from ..text import one_hot_sequence

REFERENCE_SCALES = (0.5, 1.0, 2.0, 3.0)  # below, at and above a spectral radius of 1
FLOW_SIZES = {"n_h": 32, "V": 27, "m": 8}  # a character model's sizes: 27 symbols, 32 hidden units, 8 sequences
MAX_STEPS = 100


def orthogonal_matrix(n, seed=0):
    """A random orthogonal (n, n) matrix Q (Q^T Q = I), from the QR factorisation of a Gaussian matrix."""
    rng = np.random.default_rng(seed)
    Q, R = np.linalg.qr(rng.standard_normal((n, n)))
    return Q * np.sign(np.diag(R))  # fix the signs, so that Q is uniformly distributed and set by the seed


def gaussian_matrix(n, spectral_radius, seed=0):
    """A Gaussian (n, n) matrix rescaled to the given spectral radius (largest |eigenvalue|).

    Unlike scale * Q, its singular values spread out: it stretches some directions by more than its
    spectral radius and others by much less.
    """
    W = np.random.default_rng(seed).standard_normal((n, n)) / np.sqrt(n)
    return W * (spectral_radius / np.abs(np.linalg.eigvals(W)).max())


def gradient_norms_through_time(scale, steps, seed=0, matrix="orthogonal"):
    """How the gradient of a cost at the last step shrinks or grows on its way back to h_0.

    An RNN of FLOW_SIZES with Whh of spectral radius ``scale`` (scale * Q with Q orthogonal, or a
    Gaussian matrix) reads ``steps`` random one-hot characters from h_0 = 0; the cost J = sum(G * h_T)
    (G random) looks at the last state only.

    Arguments:
        scale -- the spectral radius of Whh, > 0;  steps -- T, 1 .. MAX_STEPS
        matrix -- "orthogonal" (scale * Q) or "gaussian" (gaussian_matrix: the same spectral radius)
    Returns:
        array of shape (T + 1,): entry t is ||dJ/dh_t|| / ||dJ/dh_T||, so the last entry is 1
    """
    steps, scale = int(steps), float(scale)
    if not 1 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be between 1 and {MAX_STEPS}, got {steps}.")
    if not 0 < scale < np.inf:
        raise ValueError(f"scale must be a positive number such as 1.0, got {scale!r}.")
    if matrix not in ("orthogonal", "gaussian"):
        raise ValueError(f'matrix must be "orthogonal" or "gaussian", got {matrix!r}.')
    n_h, V, m = FLOW_SIZES["n_h"], FLOW_SIZES["V"], FLOW_SIZES["m"]
    rng = np.random.default_rng(seed)
    params = initialize_rnn_parameters(V, n_h, V, seed=rng)
    if matrix == "orthogonal":
        params["Whh"] = scale * orthogonal_matrix(n_h, rng)
    else:
        params["Whh"] = gaussian_matrix(n_h, scale, rng)
    X = one_hot_sequence(rng.integers(0, V, size=(MAX_STEPS, m)), V)[:steps]  # the same text for every T
    _, caches = rnn_forward(X, np.zeros((n_h, m)), params)
    dh = rng.standard_normal((n_h, m))  # G = dJ/dh_T
    norms = [np.linalg.norm(dh)]
    for cache in reversed(caches):  # dh_{t-1} = Whh^T (dh_t * (1 - h_t^2)): nothing else reaches h_{t-1}
        dh = rnn_cell_backward(dh, cache)["dh_prev"]
        norms.append(np.linalg.norm(dh))
    norms = np.array(norms[::-1])
    return norms / norms[-1]


@lru_cache(maxsize=64)
def _reference_curve(scale, steps):
    return gradient_norms_through_time(scale, steps)


def gradient_flow_figure(scale, steps):
    """||dh_t|| / ||dh_T|| against the number of steps back, T - t, on a log scale.

    Arguments:
        scale -- spectral radius of Whh (0.25 .. 3 on the slider);  steps -- T, 1 .. MAX_STEPS
    Returns:
        fig -- Figure with one Axes: the line "scale = <scale>" (this choice), the dashed bound
               "scale^k", and a grey line for each of REFERENCE_SCALES over the same steps
    """
    ratios = gradient_norms_through_time(scale, steps)
    back = np.arange(int(steps) + 1)
    fig = Figure(figsize=(6.4, 4.2), layout="constrained")
    ax = fig.add_subplot()
    for reference in REFERENCE_SCALES:
        curve = _reference_curve(reference, int(steps))[::-1]
        ax.semilogy(back, curve, color="0.7", linewidth=1, label="scales 0.5, 1, 2, 3" if reference == 0.5 else None)
        ax.text(back[-1], curve[-1], f" {reference:g}", color="0.45", fontsize=9, va="center", clip_on=True)
    ax.semilogy(back, float(scale) ** back.astype(float), color="tab:orange", linestyle="--", linewidth=1,
                label="scale^k, the bound")
    ax.semilogy(back, ratios[::-1], color="tab:blue", linewidth=2.5, label=f"scale = {float(scale):g}")
    ax.axhline(1.0, color="k", linewidth=0.6)
    ax.set_xlim(0, back[-1] * 1.08 + 0.5)
    ax.set_ylim(1e-30, 1e15)
    ax.set_yticks(10.0 ** np.arange(-30, 16, 5))
    ax.set_xlabel("steps back from the last step, k = T - t")
    ax.set_ylabel("||dh_t|| / ||dh_T||")
    ax.set_title(f"Whh = {float(scale):g} x orthogonal, T = {int(steps)}: ||dh_0|| / ||dh_T|| = {ratios[0]:.0e}")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="lower left", fontsize="small")
    return fig


def echo_task(steps=20, m=32, V=4, delay=3, seed=0):
    """Random symbols to read, and as target at step t the symbol read ``delay`` steps earlier.

    The first ``delay`` targets, which have nothing to recall, are symbol 0.

    Returns:
        X -- int64 indices of shape (T, m);  targets -- int64 indices of shape (T, m)
    """
    rng = np.random.default_rng(seed)
    X = rng.integers(0, V, size=(steps, m))
    targets = np.roll(X, delay, axis=0)
    targets[:delay] = 0
    return X, targets


def echo_parameters(n_h=16, V=4, scale=2.0, seed=1):
    """initialize_rnn_parameters(V, n_h, V) with Whh = scale * an orthogonal matrix (spectral radius ``scale``)."""
    rng = np.random.default_rng(seed)
    params = initialize_rnn_parameters(V, n_h, V, seed=rng)
    params["Whh"] = scale * orthogonal_matrix(n_h, rng)
    return params


def training_runs_figure(runs, max_norm=None, guess=None):
    """The cost (left) and the gradient norm before clipping (right) at every step of each run.

    Arguments:
        runs -- dict {label: (costs, norms)}, each a sequence of one number per step
        max_norm -- drawn as a line on the right panel, if given
        guess -- the cost of a uniform guess (ln V), drawn on the left panel, if given
    Returns:
        fig -- Figure with two Axes, one line per run in each
    """
    fig = Figure(figsize=(9.6, 3.8), layout="constrained")
    cost_ax, norm_ax = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    for (label, (costs, norms)), color in zip(runs.items(), ("tab:red", "tab:blue", "tab:green", "tab:purple")):
        cost_ax.semilogy(np.asarray(costs, dtype=float), color=color, label=label)
        norm_ax.semilogy(np.asarray(norms, dtype=float), color=color, label=label)
    if guess is not None:
        cost_ax.axhline(guess, color="0.5", linestyle=":", label=f"uniform guess, ln V = {guess:.2f}")
    if max_norm is not None:
        norm_ax.axhline(max_norm, color="k", linestyle="--", linewidth=1, label=f"max_norm = {max_norm:g}")
    cost_ax.set(xlabel="training step", ylabel="cost J (nats per symbol)", title="cost")
    norm_ax.set(xlabel="training step", ylabel="||g|| before clipping", title="global gradient norm")
    for ax in (cost_ax, norm_ax):
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(fontsize="small")
    return fig


def _node(ax, x, y, text, color):
    ax.text(x, y, text, ha="center", va="center", fontsize=11, zorder=3,
            bbox={"boxstyle": "round,pad=0.35", "facecolor": color, "edgecolor": "0.3"})


def _arrow(ax, start, end, label=None, color="0.25", style="-|>", offset=(0.0, 0.0), dashed=False, bend=0.0):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=12, color=color, linewidth=1.3,
                                 linestyle="--" if dashed else "-", shrinkA=16, shrinkB=16, zorder=2,
                                 connectionstyle=f"arc3,rad={bend}"))
    if label:
        middle = ((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1])
        ax.text(*middle, label, ha="center", va="center", fontsize=9, color=color)


def unrolled_rnn_figure(steps=4):
    """The RNN unrolled over ``steps`` steps: inputs, hidden states, outputs and costs, with the BPTT path.

    Black arrows are the forward pass (the same Wxh, Whh, Why at every step); red dashed arrows
    carry the gradient back: dH[t] from each output and dh_next from the step after.

    Returns:
        fig -- Figure with one Axes
    """
    steps = int(steps)
    if not 1 <= steps <= 8:
        raise ValueError(f"steps must be between 1 and 8 to fit the picture, got {steps}.")
    fig = Figure(figsize=(1.9 * steps + 2.2, 4.6), layout="constrained")
    ax = fig.add_subplot()
    gradient = "tab:red"
    _node(ax, 0, 1, "$h_0$", "0.92")
    for t in range(1, steps + 1):
        x = 1.9 * t
        _node(ax, x, 0, f"$x_{t}$", "#d8e8f8")
        _node(ax, x, 1, f"$h_{t}$", "#fde3c8")
        _node(ax, x, 2, f"$p_{t}$", "#dcefd6")
        _node(ax, x, 3, f"$-\\ln p_{t}[y_{t}]$", "white")
        _arrow(ax, (x, 0), (x, 1), "$W_{xh}$" if t == 1 else None, offset=(-0.3, 0))
        _arrow(ax, (x, 1), (x, 2), "$W_{hy}$" if t == 1 else None, offset=(-0.3, 0))
        _arrow(ax, (x, 2), (x, 3))
        _arrow(ax, (x - 1.9, 1), (x, 1), "$W_{hh}$", offset=(0, 0.17))
        # the gradient: into h_t from its own output (dH[t]) and from the step after (dh_next)
        _arrow(ax, (x + 0.15, 2), (x + 0.15, 1), "dH[t]" if t == steps else None, color=gradient, dashed=True,
               offset=(0.42, 0))
        _arrow(ax, (x, 1), (x - 1.9, 1), "dh_next" if t == steps else None, color=gradient, dashed=True,
               bend=0.35, offset=(0, 0.5))
    ax.text(1.9 * (steps + 1) / 2, 3.6, r"$J = \frac{1}{mT}\sum_t \sum_i -\ln p_t[y_t]$   (nats per character)",
            ha="center", va="center", fontsize=11)
    ax.set_xlim(-0.7, 1.9 * steps + 0.9)
    ax.set_ylim(-0.5, 3.9)
    ax.axis("off")
    return set_alt_text(fig, f"The RNN unrolled over {steps} steps: each input x_t feeds a hidden state h_t, "
                             "which feeds the next hidden state and an output with its cost; dashed arrows carry "
                             "the gradient back, dH[t] from each output and dh_next from the step after.")
