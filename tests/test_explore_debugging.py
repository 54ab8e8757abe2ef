"""Tests for the lesson 13 learning-rate sweep in dnn_helpers.explore.debugging."""

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers import TrainingDiverged, dnn
from dnn_helpers.explore.debugging import (
    NUM_ITERATIONS,
    RECORD_EVERY,
    SWEEP_DIMS,
    SWEEP_RATES,
    learning_rate_sweep_figure,
    sweep_costs,
    sweep_data,
)
from dnn_helpers.widgets import figure_to_png, interactive_figure


def test_sweep_matches_dnn():
    X, Y = sweep_data()
    _, expected = dnn(X, Y, SWEEP_DIMS, learning_rate=0.3, num_iterations=NUM_ITERATIONS,
                      record_every=RECORD_EVERY, seed=0)
    costs, diverged_at = sweep_costs(0.3)
    assert diverged_at is None
    np.testing.assert_allclose(costs, expected, rtol=1e-12)


def test_largest_rate_diverges_like_dnn():
    X, Y = sweep_data()
    costs, diverged_at = sweep_costs(10.0)
    assert diverged_at == 2
    with pytest.raises(TrainingDiverged, match=f"at iteration {diverged_at} ") as caught:
        dnn(X, Y, SWEEP_DIMS, learning_rate=10.0, num_iterations=NUM_ITERATIONS, seed=0, record_every=RECORD_EVERY)
    # the cost of iteration 0 (the only one recorded before), then the cost that showed the divergence
    assert costs == (caught.value.costs[0], caught.value.cost) and costs[1] > 4 * costs[0]


@pytest.mark.parametrize("rate", [0.01, 1.0, 10.0])
def test_figure_highlights_the_chosen_rate(rate):
    fig = learning_rate_sweep_figure(rate)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    curves, final = fig.axes
    assert len(curves.lines) == len(SWEEP_RATES)
    thick = [line for line in curves.lines if line.get_linewidth() > 2]
    assert len(thick) == 1 and thick[0].get_label() == f"learning rate {rate:g}"
    costs, diverged_at = sweep_costs(rate)
    finite = np.isfinite(costs)
    np.testing.assert_allclose(thick[0].get_ydata(), np.asarray(costs)[finite])
    title = curves.get_title()
    assert title.startswith(f"learning rate {rate:g}:")
    assert ("diverged at iteration" in title) == (diverged_at is not None)
    ringed = final.lines[-1]
    assert list(ringed.get_xdata()) == [rate]
    figure_to_png(fig)


def test_unknown_rate_is_refused():
    with pytest.raises(ValueError, match="must be one of"):
        learning_rate_sweep_figure(0.5)


def test_widget_redraws_with_the_slider():
    box = interactive_figure(
        learning_rate_sweep_figure,
        learning_rate=widgets.SelectionSlider(options=SWEEP_RATES, value=0.3, description="learning rate"),
    )
    assert box.figure.axes[0].get_title().startswith("learning rate 0.3:")
    box.controls["learning_rate"].value = 10.0
    assert "diverged at iteration 2" in box.figure.axes[0].get_title()
