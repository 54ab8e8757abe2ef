"""Tests for the lesson 2 figures in dnn_helpers.explore.activations."""

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers.activations import sigmoid
from dnn_helpers.explore.activations import (
    derivative,
    flat_fraction,
    activation_functions_figure,
    gradient_sizes_figure,
    saturation_figure,
)
from dnn_helpers.widgets import figure_to_png, interactive_figure


def test_derivative_matches_hand_values():
    Z = np.array([0.0, -1.0, 2.0])
    np.testing.assert_allclose(derivative("sigmoid", Z), sigmoid(Z) * (1 - sigmoid(Z)))
    np.testing.assert_array_equal(derivative("relu", Z), [0.0, 0.0, 1.0])  # relu'(0) = 0
    np.testing.assert_allclose(derivative("tanh", Z), 1 - np.tanh(Z) ** 2)


def test_activation_functions_figure_draws_g_and_its_derivative():
    fig = activation_functions_figure(z_limit=3.0)
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == ["sigmoid", "tanh", "ReLU", "leaky ReLU"]  # the lesson's table order
    sigmoid_lines = fig.axes[0].get_lines()
    x, g, slope = sigmoid_lines[0].get_xdata(), sigmoid_lines[1].get_ydata(), sigmoid_lines[1].get_xdata()
    assert x.min() == -3.0 and x.max() == 3.0
    assert np.max(g) == pytest.approx(0.25)  # the sigmoid's derivative peaks at 1/4
    assert np.array_equal(slope, x)
    # only the leaky ReLU panel points at its small negative-side slope
    assert [len(ax.texts) for ax in fig.axes] == [0, 0, 0, 1]
    assert "g'(z) = 0.01" in fig.axes[3].texts[0].get_text()
    leaky_slope = fig.axes[3].get_lines()[1].get_ydata()
    assert leaky_slope[0] == 0.01 and leaky_slope[-1] == 1.0
    figure_to_png(fig)


def test_flat_fraction_grows_with_the_scale_for_sigmoid_not_for_relu():
    rng = np.random.default_rng(0)
    Z = rng.standard_normal(20000)
    assert flat_fraction("sigmoid", 0.5 * Z) == 0.0
    assert flat_fraction("sigmoid", 8 * Z) > 0.6
    assert flat_fraction("relu", 0.5 * Z) == pytest.approx(0.5, abs=0.02)
    assert flat_fraction("relu", 8 * Z) == pytest.approx(0.5, abs=0.02)
    # sigmoid'(z) = 0.25 / 10 where sigmoid(z) = (1 - sqrt(0.9)) / 2, that is |z| = 3.637...
    assert flat_fraction("sigmoid", np.array([3.6, 3.7])) == 0.5


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_saturation_figure_reports_the_flat_percentage(activation):
    fig = saturation_figure(activation, scale=2.5)
    assert len(fig.axes) == 2
    title = fig.axes[1].get_title()
    Z = np.random.default_rng(0).normal(scale=2.5, size=2000)
    percent = f"{100 * flat_fraction(activation, Z):.1f}%"
    if activation == "leaky_relu":  # a small gradient still passes: not called flat
        assert f"{percent} of Z where g' = 0.01 (small, not 0)" in title
        assert "flat" not in title
    else:
        assert f"{percent} of Z in the flat region" in title
    assert "Normal(0, 2.5^2)" in title
    counts = [patch.get_height() for patch in fig.axes[1].patches if hasattr(patch, "get_height")]
    assert sum(counts) == np.sum(np.abs(Z) <= 10)  # the histogram holds every sample inside the axes
    figure_to_png(fig)


def test_leaky_relu_is_shaded_apart_from_relu():
    def shade(activation):
        return [tuple(patch.get_facecolor()[0][:3]) for patch in saturation_figure(activation, 1.0).axes[0].collections]

    assert shade("relu") != shade("leaky_relu")
    assert shade("relu") == shade("sigmoid")
    assert "only 0.01" in saturation_figure("leaky_relu", 1.0).axes[0].get_title()


def test_histogram_says_how_many_values_it_leaves_out():
    assert saturation_figure("sigmoid", scale=1.0).axes[1].get_xlabel() == "z"  # nothing beyond +-10
    Z = np.random.default_rng(0).normal(scale=8.0, size=2000)
    outside = int(np.sum(np.abs(Z) > 10))
    assert outside > 300
    label = saturation_figure("sigmoid", scale=8.0).axes[1].get_xlabel()
    assert label == f"z ({outside} of 2000 values beyond \u00b110, not shown)"


def test_gradient_sizes_plot():
    fig = gradient_sizes_figure({"sigmoid": [1e-9, 1e-5, 1e-2], "relu": [1e-3, 1e-3, 1e-2]})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert [line.get_ydata()[0] for line in ax.get_lines()] == [1e-9, 1e-3]
    # every run has a sigmoid output layer: the legend names the hidden layers' activation
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["hidden: sigmoid", "hidden: ReLU"]


def test_slider_wiring_redraws_the_figure():
    box = interactive_figure(
        saturation_figure,
        activation=widgets.Dropdown(options=["sigmoid", "tanh", "relu", "leaky_relu"], value="sigmoid"),
        scale=widgets.FloatSlider(value=1.0, min=0.25, max=8.0, step=0.25),
    )
    assert "Normal(0, 1^2): 0.1% of Z in the flat region" in box.figure.axes[1].get_title()
    box.controls["scale"].value = 8.0
    title = box.figure.axes[1].get_title()
    assert "Normal(0, 8^2)" in title
    assert float(title.split(": ")[1].split("%")[0]) > 60
    box.controls["activation"].value = "relu"
    assert box.figure.axes[0].get_title().startswith("ReLU")
    box.controls["activation"].value = "leaky_relu"
    assert "small, not 0" in box.figure.axes[1].get_title()
