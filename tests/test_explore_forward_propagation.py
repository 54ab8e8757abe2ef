"""Tests for the lesson 3 slider figure: what it draws follows the input point."""

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dnn_helpers import forward_propagation
from dnn_helpers.explore.forward_propagation import FLOW_LAYER_DIMS, activation_flow_figure, flow_network
from dnn_helpers.widgets import figure_to_png, interactive_figure


L = len(FLOW_LAYER_DIMS) - 1


def test_one_axes_for_the_plane_one_per_layer_and_a_colour_bar():
    fig = activation_flow_figure(1.0, -0.5)
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 1 + L + 1
    colorbar = fig.axes[-1]
    assert colorbar.get_label() == "<colorbar>"
    assert fig.axes[0].images[0].colorbar.ax is colorbar  # the bar belongs to the shaded plane
    assert [tick.get_text() for tick in colorbar.get_yticklabels()] == ["0.0", "0.5", "1.0"]
    assert fig.axes[0].get_title().startswith("output a over the plane")
    assert figure_to_png(fig).startswith(b"\x89PNG")


def test_point_and_bars_match_the_forward_pass():
    x1, x2 = -1.5, 2.0
    fig = activation_flow_figure(x1, x2)
    marker = fig.axes[0].lines[0]
    assert marker.get_xdata()[0] == x1 and marker.get_ydata()[0] == x2
    AL, caches = forward_propagation(np.array([[x1], [x2]]), flow_network())
    for l, cache in enumerate(caches, start=1):
        ax = fig.axes[l]
        n = cache.Z.shape[0]
        z_bars, a_bars = ax.patches[:n], ax.patches[n:2 * n]
        np.testing.assert_allclose([bar.get_height() for bar in z_bars], cache.Z[:, 0])
        A = AL if l == len(caches) else caches[l].A_prev
        np.testing.assert_allclose([bar.get_height() for bar in a_bars], A[:, 0])
        assert f"({cache.activation})" in ax.get_title()
    assert f"a = {AL[0, 0]:.3f}" in fig.axes[L].get_title()


def test_hidden_titles_count_active_units():
    fig = activation_flow_figure(0.5, 0.5)
    _, caches = forward_propagation(np.array([[0.5], [0.5]]), flow_network())
    active = int((caches[1].A_prev > 0).sum())
    assert f"{active} of {caches[1].A_prev.shape[0]} units active" in fig.axes[1].get_title()


def test_slider_moves_the_point():
    box = interactive_figure(
        activation_flow_figure,
        x1=widgets.FloatSlider(value=0.0, min=-3, max=3, step=0.1, description="x1"),
        x2=widgets.FloatSlider(value=0.0, min=-3, max=3, step=0.1, description="x2"),
    )
    before = box.figure.axes[L].get_title()
    box.controls["x1"].value = 2.5
    marker = box.figure.axes[0].lines[0]
    assert marker.get_xdata()[0] == 2.5 and marker.get_ydata()[0] == 0.0
    AL, _ = forward_propagation(np.array([[2.5], [0.0]]), flow_network())
    assert box.figure.axes[L].get_title().endswith(f"a = {AL[0, 0]:.3f}")
    assert box.figure.axes[L].get_title() != before
