"""Lesson 13 slider: a learning-rate sweep, one cost curve highlighted.

    sweep_costs(learning_rate)               # costs of one run, stopped where the run diverges
    learning_rate_sweep_figure(0.3)         # every run in grey, the chosen one in colour

The runs: the "moons" data (200 points, seed 0), layer_dims SWEEP_DIMS = (2, 16, 16, 1), He
initialisation (seed 0), NUM_ITERATIONS steps of full-batch gradient descent, the cost recorded
every RECORD_EVERY steps: ``dnn`` itself, which stops a run at the first cost that is not finite or
that is more than DIVERGENCE_FACTOR times the first cost by raising TrainingDiverged.
"""

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from ..data import cached_dataset
from ..training import TrainingDiverged, dnn

SWEEP_DIMS = (2, 16, 16, 1)
SWEEP_RATES = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
NUM_ITERATIONS = 300
RECORD_EVERY = 10


def sweep_data():
    """X of shape (2, 200) and Y of shape (1, 200): the moons data, seed 0 (read-only)."""
    return cached_dataset("moons", n_samples=200, seed=0)


@lru_cache(maxsize=None)
def sweep_costs(learning_rate):
    """Train the sweep network at ``learning_rate`` with dnn; return (costs, diverged_at).

    Returns:
        costs -- tuple of the costs at iterations 0, RECORD_EVERY, ... (and the cost that showed the
                 divergence, if the run diverged)
        diverged_at -- the iteration at which the run diverged (dnn raised TrainingDiverged), or None
    """
    X, Y = sweep_data()
    try:
        _, costs = dnn(X, Y, SWEEP_DIMS, learning_rate, NUM_ITERATIONS, initialization="he", seed=0,
                       record_every=RECORD_EVERY)
    except TrainingDiverged as error:
        return (*error.costs, error.cost), error.iteration
    return tuple(costs), None


def _iterations(costs, diverged_at):
    """The iteration of each recorded cost."""
    iterations = np.arange(len(costs)) * RECORD_EVERY
    if diverged_at is not None:
        iterations[-1] = diverged_at
    return iterations


def learning_rate_sweep_figure(learning_rate=0.3):
    """Cost curves of every learning rate of SWEEP_RATES, the chosen one highlighted, and the final costs.

    Arguments:
        learning_rate -- one of SWEEP_RATES
    Returns:
        fig -- matplotlib Figure with 2 Axes: the cost curves (log scale), and the last cost of every
               run against its learning rate (a cross where the run diverged), the chosen one ringed
    """
    if learning_rate not in SWEEP_RATES:
        raise ValueError(f"learning_rate must be one of {SWEEP_RATES}, got {learning_rate!r}.")
    fig = Figure(figsize=(11, 4), layout="constrained")
    ax_curves, ax_final = fig.subplots(1, 2)
    finals = []
    for rate in SWEEP_RATES:
        costs, diverged_at = sweep_costs(rate)
        finite = np.isfinite(costs)
        chosen = rate == learning_rate
        iterations = _iterations(costs, diverged_at)
        ax_curves.plot(iterations[finite], np.asarray(costs)[finite],
                       color="tab:blue" if chosen else "0.75", linewidth=2.5 if chosen else 1,
                       zorder=3 if chosen else 2, label=f"learning rate {rate:g}" if chosen else None)
        finals.append(costs[-1] if diverged_at is None else np.nan)
    costs, diverged_at = sweep_costs(learning_rate)
    if diverged_at is None:
        outcome = f"cost {costs[0]:.3f} -> {costs[-1]:.3f} after {NUM_ITERATIONS} steps"
    else:
        outcome = f"diverged at iteration {diverged_at} (cost {costs[-1]:.4g})"
    ax_curves.set_yscale("log")
    ax_curves.set_xlabel("iteration")
    ax_curves.set_ylabel("cost")
    ax_curves.set_title(f"learning rate {learning_rate:g}: {outcome}", fontsize=10)
    ax_curves.grid(True, alpha=0.3)
    ax_curves.legend(fontsize=8)

    rates = np.asarray(SWEEP_RATES)
    finals = np.asarray(finals)
    ok = np.isfinite(finals)
    ax_final.plot(rates[ok], finals[ok], "o-", color="tab:blue", label="last cost")
    top = np.nanmax(finals) if ok.any() else 1.0
    ax_final.plot(rates[~ok], np.full((~ok).sum(), top), "x", color="tab:red", markersize=10,
                  markeredgewidth=2, label="diverged")
    chosen_y = finals[SWEEP_RATES.index(learning_rate)]
    ax_final.plot([learning_rate], [top if np.isnan(chosen_y) else chosen_y], "o", markersize=16,
                  markerfacecolor="none", markeredgecolor="black")
    ax_final.set_xscale("log")
    ax_final.set_yscale("log")
    ax_final.set_xlabel("learning rate")
    ax_final.set_ylabel(f"cost after {NUM_ITERATIONS} steps")
    ax_final.set_title("the sweep: pick the largest rate that still falls steadily", fontsize=10)
    ax_final.grid(True, alpha=0.3)
    ax_final.legend(fontsize=8)
    return fig
