"""Tests for the lesson 9 figures in dnn_helpers.explore.initialization."""

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers import TrainingDiverged, dnn
from dnn_helpers.diagnostics import layer_statistics
from dnn_helpers.explore import initialization
from dnn_helpers.explore.initialization import (
    DIMS,
    SLIDER_ITERATIONS,
    SLIDER_LEARNING_RATE,
    SLIDER_RECORD_EVERY,
    he_scale_figure,
    scaled_he_parameters,
    spiral_data,
    statistics_figure,
    train_scaled,
)
from dnn_helpers.fast import train_fast
from dnn_helpers.parameters import initialize_parameters
from dnn_helpers.widgets import figure_to_png, interactive_figure


def test_spiral_data_shapes_and_read_only():
    X, Y = spiral_data()
    assert X.shape == (2, 300) and Y.shape == (1, 300)
    with pytest.raises(ValueError):
        X[0, 0] = 1.0


def test_scaled_he_parameters_multiplies_weights_only():
    he = initialize_parameters(DIMS, "he", seed=0)
    scaled = scaled_he_parameters(2.0)
    for key in he:
        expected = he[key] * 2.0 if key.startswith("W") else he[key]
        np.testing.assert_array_equal(scaled[key], expected)


def test_train_scaled_matches_train_fast_for_he():
    X, Y = spiral_data()
    _, reference = train_fast(X, Y, DIMS, learning_rate=SLIDER_LEARNING_RATE, num_iterations=SLIDER_ITERATIONS,
                              record_every=SLIDER_RECORD_EVERY, dtype=np.float64, seed=0)
    np.testing.assert_allclose(train_scaled(1.0), reference, rtol=1e-10)


def test_train_scaled_is_dnn_from_the_scaled_parameters():
    X, Y = spiral_data()
    _, expected = dnn(X, Y, DIMS, SLIDER_LEARNING_RATE, SLIDER_ITERATIONS, record_every=SLIDER_RECORD_EVERY,
                      initial_params=scaled_he_parameters(2.0))
    assert train_scaled(2.0) == tuple(expected)
    assert len(expected) == SLIDER_ITERATIONS // SLIDER_RECORD_EVERY


def test_a_diverging_run_ends_with_the_cost_that_showed_it():
    X, Y = spiral_data()
    costs = train_scaled(1.0, learning_rate=5.0)
    with pytest.raises(TrainingDiverged) as caught:
        dnn(X, Y, DIMS, 5.0, SLIDER_ITERATIONS, record_every=SLIDER_RECORD_EVERY,
            initial_params=scaled_he_parameters(1.0))
    assert costs == (*caught.value.costs, caught.value.cost)
    assert len(costs) == 2 and costs[-1] > 4 * costs[0]


def test_he_scale_figure_says_when_the_run_diverged(monkeypatch):
    runs = {2.0: (0.7, 0.65, 3.5), 1.0: (0.7, 0.6, 0.5)}
    monkeypatch.setattr(initialization, "train_scaled", lambda multiplier: runs[multiplier])
    assert initialization.he_scale_figure(2.0).axes[2].get_title().endswith("diverged, cost rose to 3.5")
    runs[2.0] = (0.7, float("nan"))
    assert initialization.he_scale_figure(2.0).axes[2].get_title().endswith("cost became nan")
    assert initialization.he_scale_figure(1.0).axes[2].get_title().endswith("final cost 0.500")


def test_far_from_he_does_not_learn():
    assert train_scaled(0.25)[-1] == pytest.approx(np.log(2), abs=1e-3)
    assert train_scaled(4.0)[0] > 10 and train_scaled(4.0)[-1] == pytest.approx(np.log(2), abs=1e-2)
    assert train_scaled(1.0)[-1] < 0.5


def test_statistics_figure_draws_nonzero_methods_and_names_zero_ones():
    X, Y = spiral_data()
    stats = {method: layer_statistics(X, Y, initialize_parameters(DIMS, method, seed=0)) for method in ("zeros", "he")}
    fig = statistics_figure(stats)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    for ax, key in zip(fig.axes, ("activation_std", "gradient_norm")):
        assert ax.get_yscale() == "log"
        (line,) = ax.lines  # zeros cannot be drawn on a log axis
        assert line.get_label() == "he"
        np.testing.assert_allclose(line.get_ydata(), stats["he"][key])
    assert any("zeros: every value is 0" in text.get_text() for text in fig.texts)
    figure_to_png(fig)


def test_he_scale_figure_depends_on_the_multiplier():
    fig = he_scale_figure(2.0)
    assert len(fig.axes) == 3
    assert fig._suptitle.get_text().startswith("W[l] = 2 x")
    labels = [line.get_label() for line in fig.axes[2].lines if not line.get_label().startswith("_")]
    assert labels == ["2 x He", "He"]
    np.testing.assert_allclose(fig.axes[2].lines[0].get_ydata(), train_scaled(2.0))
    expected = layer_statistics(*spiral_data(), scaled_he_parameters(2.0))["activation_std"]
    np.testing.assert_allclose(fig.axes[0].lines[0].get_ydata(), expected)
    assert f"final cost {train_scaled(2.0)[-1]:.3f}" in fig.axes[2].get_title()
    # at c = 1 there is no separate reference curve
    assert len([line for line in he_scale_figure(1.0).axes[2].lines if line.get_label() == "He"]) == 0


def test_widget_redraws_with_the_slider():
    box = interactive_figure(
        he_scale_figure,
        multiplier=widgets.FloatLogSlider(value=1.0, base=2, min=-2, max=2, step=0.5, description="c x He"),
    )
    assert box.figure._suptitle.get_text().startswith("W[l] = 1 x")
    box.controls["multiplier"].value = 0.25
    assert box.figure._suptitle.get_text().startswith("W[l] = 0.25 x")
    assert box.figure.axes[2].lines[0].get_ydata()[-1] == pytest.approx(np.log(2), abs=1e-3)
