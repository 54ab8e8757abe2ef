"""Tests for the lesson 4 slider figures: the marked points and titles follow the slider values."""

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dnn_helpers.explore.cost import EXAMPLE_LABELS, constant_prediction_figure, logit_cost_figure
from dnn_helpers.widgets import figure_to_png, interactive_figure


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def test_logit_figure_marks_the_prediction_on_both_curves():
    z = 1.0
    a = sigmoid(z)
    fig = logit_cost_figure(z)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    left, right = fig.axes
    point = left.lines[1]
    assert point.get_xdata()[0] == z
    assert math.isclose(point.get_ydata()[0], a, rel_tol=1e-12)
    cost_points = right.lines[2:4]
    assert math.isclose(cost_points[0].get_ydata()[0], -math.log(a), rel_tol=1e-12)
    assert math.isclose(cost_points[1].get_ydata()[0], -math.log(1 - a), rel_tol=1e-12)
    assert f"{-math.log(a):.4f}" in right.get_title() and f"{-math.log(1 - a):.4f}" in right.get_title()
    assert figure_to_png(fig).startswith(b"\x89PNG")


def test_saturated_logit_gives_a_finite_clipped_cost():
    fig = logit_cost_figure(40.0)
    left, right = fig.axes
    assert "exactly 1.0" in left.get_title()
    eps = np.finfo(np.float64).eps
    assert f"{-math.log(eps):.4f}" in right.get_title()  # 36.0437, not inf
    assert right.lines[3].get_marker() == "^"  # off the chart: drawn at the top edge
    # the clip capped the loss for y = 0 at 36.0437; the exact loss, from z, is 40
    assert right.get_title().endswith("\nexact, computed from z: y = 0: 40.0000")


def test_clip_caps_finite_losses_at_the_zero_end():
    fig = logit_cost_figure(-40.0)
    left, right = fig.axes
    assert left.get_title() == "z = -40.0, a = 4.248e-18"  # tiny, but not 0
    assert right.get_title().startswith("loss if y = 1: 36.0437 ")
    assert right.get_title().endswith("\nexact, computed from z: y = 1: 40.0000")


def test_exact_loss_is_shown_only_where_it_differs():
    for z in (-30.0, 0.0, 2.0, 10.0):
        assert "exact" not in logit_cost_figure(z).axes[1].get_title()


def test_sigmoid_panel_shows_the_bend_and_keeps_z_in_view():
    assert logit_cost_figure(2.0).axes[0].get_xlim() == (-10.0, 10.0)
    low, high = logit_cost_figure(-40.0).axes[0].get_xlim()
    assert low < -40.0 and high > 40.0


def test_constant_prediction_cost():
    fig = constant_prediction_figure(0.5)
    (ax,) = fig.axes
    assert "J = 0.6931" in ax.get_title()  # ln 2 whatever the labels
    assert math.isclose(ax.lines[1].get_ydata()[0], math.log(2), rel_tol=1e-12)
    fraction = EXAMPLE_LABELS.mean()
    assert ax.lines[2].get_xdata()[0] == fraction
    curve_x, curve_y = ax.lines[0].get_data()
    assert abs(curve_x[np.argmin(curve_y)] - fraction) < 0.01  # the minimum sits at the fraction of 1s


def test_slider_updates_the_cost():
    box = interactive_figure(
        constant_prediction_figure,
        p=widgets.FloatSlider(value=0.5, min=0.01, max=0.99, step=0.01, description="p"),
    )
    assert "J = 0.6931" in box.figure.axes[0].get_title()
    box.controls["p"].value = 0.35
    ones = EXAMPLE_LABELS.sum()
    m = EXAMPLE_LABELS.shape[1]
    expected = -(ones * math.log(0.35) + (m - ones) * math.log(0.65)) / m
    assert f"J = {expected:.4f}" in box.figure.axes[0].get_title()

    logit = interactive_figure(logit_cost_figure, z=widgets.FloatSlider(value=0.0, min=-40, max=40, step=0.5))
    assert "a = 0.500000" in logit.figure.axes[0].get_title()
    assert logit.figure.axes[0].get_xlim() == (-10.0, 10.0)
    logit.controls["z"].value = 40.0
    assert "exactly 1.0" in logit.figure.axes[0].get_title()
    assert logit.figure.axes[0].get_xlim()[1] > 40.0
