"""Tests for the lesson 1 slider figures in dnn_helpers.explore.parameters."""

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers.explore.parameters import (
    ALL_ZERO_MESSAGE,
    LOG_RANGE,
    activation_histograms_figure,
    activations_through_depth,
    std_per_layer_figure,
)
from dnn_helpers.widgets import figure_to_png, interactive_figure


def test_activations_through_depth_shapes_and_relu():
    activations = activations_through_depth(depth=4, method="he", width=20, n_examples=30)
    assert len(activations) == 4
    assert all(A.shape == (20, 30) for A in activations)
    assert all((A >= 0).all() for A in activations)  # ReLU outputs


def test_scales_explode_vanish_or_keep():
    last = {method: activations_through_depth(10, method)[-1].std() for method in ("randn", "small", "he")}
    assert last["randn"] > 1e6
    assert last["small"] < 1e-8
    assert 0.3 < last["he"] < 3
    # ReLU is positively homogeneous: with the same draws, scale c per layer scales A[10] by c**10
    ratio = activations_through_depth(10, "randn")[-1].std() / activations_through_depth(10, "he")[-1].std()
    assert ratio == pytest.approx(np.sqrt(100 / 2) ** 10, rel=1e-9)


def test_zeros_gives_all_zero_layers():
    assert all((A == 0).all() for A in activations_through_depth(3, "zeros"))


def test_unknown_method_is_named():
    with pytest.raises(ValueError, match="unknown method 'glorot'"):
        activations_through_depth(3, "glorot")


@pytest.mark.parametrize("depth, method", [(1, "he"), (7, "randn"), (12, "small"), (3, "zeros")])
def test_histogram_figure_has_one_row_per_layer(depth, method):
    fig = activation_histograms_figure(depth, method)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_title().endswith("1 ReLU layer of 100 units" if depth == 1 else f"{depth} ReLU layers of 100 units")
    assert [label.get_text() for label in ax.get_yticklabels()] == [f"layer {l}" for l in range(depth, 0, -1)]  # bottom to top
    texts = [text.get_text() for text in ax.texts]
    std_texts = [text for text in texts if text.startswith("std ")]
    assert len(std_texts) == depth
    filled = [patch for patch in ax.patches]
    assert len(filled) == (0 if method == "zeros" else depth)
    # an all-zero network draws nothing, so the figure says why in words
    assert (ALL_ZERO_MESSAGE in texts) == (method == "zeros")
    assert len(texts) == depth + (method == "zeros")
    figure_to_png(fig)


@pytest.mark.parametrize("method", ["randn", "small", "xavier", "he"])
def test_no_layer_is_cut_off_at_the_edges_of_the_log_axis(method):
    low, high = LOG_RANGE
    for A in activations_through_depth(12, method):
        logs = np.log10(A[A > 0])
        assert low < logs.min() and logs.max() < high
    ax = activation_histograms_figure(12, method).axes[0]
    for patch in ax.patches:  # the outermost bins stay empty: nothing piled up at the edges
        vertices = patch.get_path().vertices
        baseline = vertices[:, 1].min()
        at_edge = (vertices[:, 0] <= low + 0.25) | (vertices[:, 0] >= high - 0.25)
        assert np.allclose(vertices[at_edge, 1], baseline)


def test_histograms_move_right_for_randn_and_left_for_small():
    def centre(fig, row):
        # the stairs patch of a layer: its x extent where the histogram is drawn
        patch = fig.axes[0].patches[row]
        path = patch.get_path().vertices
        heights = path[:, 1] - path[:, 1].min()
        return np.average(path[:, 0], weights=heights + 1e-12)

    up = activation_histograms_figure(6, "randn")
    down = activation_histograms_figure(6, "small")
    assert centre(up, 5) > centre(up, 0) + 3  # layer 6 lies several decades right of layer 1
    assert centre(down, 5) < centre(down, 0) - 3


def test_std_plot_has_one_line_per_method():
    fig = std_per_layer_figure({"he": [1.0, 0.9], "randn": [5.0, 40.0, 300.0]})
    ax = fig.axes[0]
    assert [len(line.get_xdata()) for line in ax.get_lines() if line.get_marker() == "o"] == [2, 3]
    assert ax.get_yscale() == "log"
    assert "He" in ax.get_legend().get_texts()[0].get_text()


def test_slider_wiring_redraws_the_figure():
    box = interactive_figure(
        activation_histograms_figure,
        depth=widgets.IntSlider(value=6, min=1, max=12, description="depth"),
        method=widgets.Dropdown(options=["randn", "small", "xavier", "he", "zeros"], value="he"),
    )
    assert len(box.figure.axes[0].get_yticklabels()) == 6
    box.controls["depth"].value = 3
    assert len(box.figure.axes[0].get_yticklabels()) == 3
    box.controls["method"].value = "small"
    assert box.figure.axes[0].get_title().startswith("W = 0.01 * randn")
