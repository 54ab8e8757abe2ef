"""Tests for dnn_helpers.plots: inspect what each returned figure holds, and render it to PNG.

Run with -W error: a plot that warns (empty contour, overflow in a histogram) fails here.
"""

import gc
import io
import subprocess
import sys
import weakref
from pathlib import Path

import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.patches import Circle

from dnn_helpers.plots import (
    costs_figure,
    decision_boundary_figure,
    images_figure,
    network_figure,
)

RED = to_rgba("tab:red")
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def render(fig):
    """Draw ``fig`` to PNG in memory and return the bytes, proving it draws without error."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    data = buffer.getvalue()
    assert data.startswith(b"\x89PNG")
    return data


def legend_texts(ax):
    return [text.get_text() for text in ax.get_legend().get_texts()]


def step_predict(points):
    """Class 1 exactly where x1 > 0, as 0/1 floats of shape (1, k)."""
    return (points[0:1] > 0).astype(float)


@pytest.fixture
def two_blobs():
    rng = np.random.default_rng(1)
    X = np.concatenate([rng.normal(-2, 0.5, (2, 20)), rng.normal(2, 0.5, (2, 20))], axis=1)
    Y = np.concatenate([np.zeros(20), np.ones(20)]).reshape(1, -1)
    return X, Y


# ---------------------------------------------------------------------------------------------
# The package's promises: no pyplot, nothing kept alive
# ---------------------------------------------------------------------------------------------

def test_plots_never_imports_pyplot():
    code = (
        "import sys, io\n"
        "from dnn_helpers.plots import costs_figure\n"
        "costs_figure([1.0, 0.5]).savefig(io.BytesIO(), format='png')\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_figures_are_freed_when_dropped():
    # No global figure registry: a slider that redraws many times does not accumulate figures.
    refs = [weakref.ref(costs_figure([1.0, 0.5, 0.25])) for _ in range(20)]
    gc.collect()
    assert all(ref() is None for ref in refs)


# ---------------------------------------------------------------------------------------------
# costs_figure
# ---------------------------------------------------------------------------------------------

def test_costs_figure_line_holds_costs_at_recorded_iterations():
    costs = [0.69, 0.5, 0.3, 0.2, 0.15]
    fig = costs_figure(costs, record_every=50)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), [0, 50, 100, 150, 200])
    np.testing.assert_array_equal(line.get_ydata(), costs)
    assert ax.get_xlabel() == "iteration"
    assert ax.get_ylabel() == "cost"
    assert ax.get_title() == "Cost during training"
    assert ax.get_legend() is None  # a single unlabelled curve needs no legend
    render(fig)


def test_costs_figure_default_records_every_100_and_custom_title():
    fig = costs_figure(np.linspace(1, 0.1, 40), title="XOR, 4 hidden units")
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), np.arange(40) * 100)
    assert ax.get_title() == "XOR, 4 hidden units"


def test_costs_figure_accepts_costs_stored_as_1x1_arrays():
    costs = [np.array([[0.7]]), np.array([[0.4]]), np.array([[0.2]])]
    line = costs_figure(costs).axes[0].get_lines()[0]
    np.testing.assert_array_equal(line.get_ydata(), [0.7, 0.4, 0.2])


def test_costs_figure_dict_overlays_curves_with_legend():
    runs = {"lr = 0.1": [0.7, 0.3, 0.1], "lr = 0.01": [0.7, 0.6, 0.5, 0.45]}
    fig = costs_figure(runs, record_every=10)
    ax = fig.axes[0]
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["lr = 0.1", "lr = 0.01"]
    np.testing.assert_array_equal(lines[1].get_xdata(), [0, 10, 20, 30])
    np.testing.assert_array_equal(lines[1].get_ydata(), runs["lr = 0.01"])
    assert legend_texts(ax) == ["lr = 0.1", "lr = 0.01"]
    render(fig)


def test_costs_figure_labels_replace_dict_keys_and_name_a_single_curve():
    ax = costs_figure({0.1: [1.0, 0.5], 0.01: [1.0, 0.9]}, labels=["fast", "slow"]).axes[0]
    assert legend_texts(ax) == ["fast", "slow"]
    ax = costs_figure([1.0, 0.5], labels="He initialisation").axes[0]
    assert legend_texts(ax) == ["He initialisation"]


def test_costs_figure_log_scale():
    fig = costs_figure([1.0, 0.1, 0.01, 0.001], log_scale=True)
    assert fig.axes[0].get_yscale() == "log"
    render(fig)


def test_costs_figure_marks_where_the_cost_became_inf_or_nan():
    fig = costs_figure({"lr = 5": [0.7, 3.0, np.inf, np.nan], "lr = 0.1": [0.7, 0.5, 0.4, 0.3]})
    ax = fig.axes[0]
    texts = legend_texts(ax)
    assert "cost became inf at iteration 200" in texts
    marker_lines = [line for line in ax.get_lines() if line.get_label().startswith("cost became")]
    assert len(marker_lines) == 1
    np.testing.assert_array_equal(marker_lines[0].get_xdata(), [200, 200])
    render(fig)


@pytest.mark.parametrize(
    "costs, kwargs, error, words",
    [
        ([], {}, ValueError, "empty"),
        ({}, {}, ValueError, "empty dict"),
        ([0.5, 0.4], {"record_every": 0}, ValueError, "record_every"),
        ([0.5, 0.4], {"record_every": 2.5}, TypeError, "record_every"),
        ([[0.5, 0.4], [0.3, 0.2]], {}, ValueError, "dict"),
        (["a", "b"], {}, TypeError, "numbers"),
        ([0.5, 0.4], {"labels": ["a", "b"]}, TypeError, "string"),
        ({"a": [1.0], "b": [2.0]}, {"labels": ["only one"]}, ValueError, "2 strings"),
        ([0.5, 0.0], {"log_scale": True}, ValueError, "log_scale"),
    ],
)
def test_costs_figure_rejects_bad_input(costs, kwargs, error, words):
    with pytest.raises(error, match=words):
        costs_figure(costs, **kwargs)


# ---------------------------------------------------------------------------------------------
# decision_boundary_figure
# ---------------------------------------------------------------------------------------------

def test_decision_boundary_shading_matches_the_classifier(two_blobs):
    X, Y = two_blobs
    calls = []

    def predict(points):
        calls.append(points.shape)
        return step_predict(points)

    fig = decision_boundary_figure(predict, X, Y, resolution=50)
    assert calls == [(2, 2500)], "predict must be called once, on the whole grid"
    ax = fig.axes[0]
    (image,) = ax.get_images()
    assert isinstance(image, AxesImage)
    shading = np.asarray(image.get_array())
    assert shading.shape == (50, 50)
    # Column j of the image is centred on x = left + (j + 0.5) * pixel width.
    left, right, _, _ = image.get_extent()
    centres = left + (np.arange(50) + 0.5) * (right - left) / 50
    assert (shading[:, centres > 0] == 1).all()
    assert (shading[:, centres < 0] == 0).all()
    assert image.get_clim() == (0.0, 1.0)
    render(fig)


def test_decision_boundary_draws_the_half_contour_where_the_class_changes(two_blobs):
    X, Y = two_blobs
    fig = decision_boundary_figure(step_predict, X, Y, resolution=80)
    ax = fig.axes[0]
    (contour,) = [artist for artist in ax.get_children() if isinstance(artist, ContourSet)]
    np.testing.assert_array_equal(contour.levels, [0.5])
    vertices = np.concatenate([path.vertices for path in contour.get_paths() if len(path.vertices)])
    grid_step = np.diff(ax.get_images()[0].get_extent()[:2])[0] / 80
    assert np.abs(vertices[:, 0]).max() <= grid_step  # the 0.5 line sits on x1 = 0
    # It crosses the whole plot from bottom to top.
    assert vertices[:, 1].max() - vertices[:, 1].min() > 0.9 * np.ptp(ax.get_ylim()) - 2 * grid_step


def test_decision_boundary_scatters_points_by_class_with_test_points(two_blobs):
    X, Y = two_blobs
    X_test, Y_test = np.array([[-1.0, 1.0, 0.5], [0.0, 1.0, -0.5]]), np.array([[0, 1, 1]])
    fig = decision_boundary_figure(step_predict, X, Y, X_test, Y_test)
    ax = fig.axes[0]
    train, test = ax.collections[-2:]
    np.testing.assert_allclose(train.get_offsets(), X.T)
    np.testing.assert_allclose(test.get_offsets(), X_test.T)
    colours = train.get_facecolors()
    assert len({tuple(c) for c in colours[Y[0] == 0]}) == 1
    assert len({tuple(c) for c in colours[Y[0] == 1]}) == 1
    assert tuple(colours[0]) != tuple(colours[-1])  # the two classes differ
    assert not np.array_equal(train.get_paths()[0].vertices, test.get_paths()[0].vertices)  # other marker
    assert {"class 0", "class 1", "test, class 0", "test, class 1"} <= set(legend_texts(ax))
    render(fig)


def test_decision_boundary_without_test_points_has_one_scatter(two_blobs):
    X, Y = two_blobs
    ax = decision_boundary_figure(step_predict, X, Y).axes[0]
    assert sum(collection.get_offsets().shape[0] > 0 for collection in ax.collections
               if not isinstance(collection, ContourSet)) == 1
    assert not any("test" in text for text in legend_texts(ax))


def test_decision_boundary_frames_the_data_with_a_margin_and_equal_aspect(two_blobs):
    X, Y = two_blobs
    ax = decision_boundary_figure(step_predict, X, Y).axes[0]
    span = np.ptp(X, axis=1).max()
    x_low, x_high = ax.get_xlim()
    y_low, y_high = ax.get_ylim()
    assert x_low < X[0].min() - 0.09 * span and x_high > X[0].max() + 0.09 * span
    assert y_low < X[1].min() - 0.09 * span and y_high > X[1].max() + 0.09 * span
    assert x_low > X[0].min() - 0.2 * span
    assert ax.get_aspect() == 1.0


def test_decision_boundary_own_figure_has_a_colour_bar(two_blobs):
    X, Y = two_blobs
    fig = decision_boundary_figure(step_predict, X, Y)
    (ax,) = fig.axes
    (colour_bar,) = ax.child_axes  # an inset, so that it follows the equal-aspect axes
    assert "probability" in colour_bar.get_ylabel()


def test_decision_boundary_draws_into_a_given_axes_without_piling_up(two_blobs):
    X, Y = two_blobs
    fig = Figure(figsize=(9, 4))
    left, right = fig.subplots(1, 2)
    for _ in range(5):  # a slider redrawing the left panel
        left.clear()
        returned = decision_boundary_figure(step_predict, X, Y, ax=left, title="epoch 5")
    assert returned is fig
    assert len(fig.axes) == 2 and not left.child_axes  # no colour bar added to the caller's figure
    assert len(left.get_images()) == 1
    assert left.get_title() == "epoch 5"
    assert not right.has_data()
    render(fig)


def test_decision_boundary_inside_a_subfigure_returns_the_top_figure(two_blobs):
    X, Y = two_blobs
    fig = Figure()
    ax = fig.subfigures(1, 2)[0].subplots()
    assert decision_boundary_figure(step_predict, X, Y, ax=ax) is fig


def test_decision_boundary_accepts_booleans_float32_and_a_constant_prediction(two_blobs):
    X, Y = two_blobs
    seen = []

    def predict_bool(points):
        seen.append(points.dtype)
        return points[0:1] > 0

    render(decision_boundary_figure(predict_bool, X.astype(np.float32), Y))
    assert seen == [np.float32]
    # Everything class 0: no 0.5 contour exists, and drawing it must not warn.
    fig = decision_boundary_figure(lambda points: np.zeros((1, points.shape[1])), X, Y)
    ax = fig.axes[0]
    assert not any(isinstance(artist, ContourSet) for artist in ax.get_children())
    assert (np.asarray(ax.get_images()[0].get_array()) == 0).all()
    render(fig)


def test_decision_boundary_handles_a_single_point():
    fig = decision_boundary_figure(step_predict, np.array([[1.0], [2.0]]), np.array([[1]]))
    x_low, x_high = fig.axes[0].get_xlim()
    assert x_low < 1.0 < x_high
    render(fig)


@pytest.mark.parametrize(
    "change, error, words",
    [
        ({"X": "transposed"}, ValueError, r"transposed: pass X\.T"),
        ({"X": np.zeros((3, 40))}, ValueError, r"\(2, m\)"),
        ({"X": np.zeros(40)}, ValueError, "1-D"),
        ({"Y": np.zeros((1, 39))}, ValueError, "39 labels"),
        ({"Y": np.full((1, 40), 2.0)}, ValueError, "binary"),
        ({"X_test": np.zeros((2, 3))}, ValueError, "both X_test and Y_test"),
        ({"resolution": 1}, ValueError, "resolution"),
        ({"ax": "left"}, TypeError, "Axes"),
        ({"predict": "not a function"}, TypeError, "function"),
        ({"predict": lambda points: (points[0:1] > 0, [])}, TypeError, r"\[0\]"),
        ({"predict": lambda points: points[0] > 0}, ValueError, r"reshape\(1, -1\)"),
        ({"predict": lambda points: points[0:1] * 10}, ValueError, "probabilities"),
        ({"predict": lambda points: np.full((1, points.shape[1]), np.nan)}, ValueError, "NaN"),
    ],
)
def test_decision_boundary_rejects_bad_input(two_blobs, change, error, words):
    X, Y = two_blobs
    arguments = {"predict": step_predict, "X": X, "Y": Y}
    arguments.update(change)
    if isinstance(arguments["X"], str):
        arguments["X"] = X.T
    with pytest.raises(error, match=words):
        decision_boundary_figure(**arguments)


# ---------------------------------------------------------------------------------------------
# images_figure
# ---------------------------------------------------------------------------------------------

@pytest.fixture
def digits():
    rng = np.random.default_rng(2)
    X = rng.random((784, 60))
    labels = rng.integers(0, 10, size=(1, 60))
    return X, labels


def test_images_figure_grid_of_images_with_labels(digits):
    X, labels = digits
    fig = images_figure(X, labels, n_columns=10)
    assert len(fig.axes) == 50  # max_images
    lefts = {round(ax.get_position().x0, 6) for ax in fig.axes}
    bottoms = {round(ax.get_position().y0, 6) for ax in fig.axes}
    assert (len(lefts), len(bottoms)) == (10, 5)
    for j, ax in enumerate(fig.axes):
        assert ax.get_xlabel() == f"label {labels[0, j]}"
        assert list(ax.get_xticks()) == [] and list(ax.get_yticks()) == []
    np.testing.assert_array_equal(fig.axes[7].get_images()[0].get_array(), X[:, 7].reshape(28, 28))
    render(fig)


def test_images_figure_marks_wrong_predictions_in_red(digits):
    X, labels = digits
    predictions = labels.copy()
    predictions[0, 3] = (labels[0, 3] + 1) % 10
    fig = images_figure(X[:, :12], labels[:, :12], predictions[:, :12], n_columns=6)
    assert len(fig.axes) == 12
    for j, ax in enumerate(fig.axes):
        assert ax.get_xlabel() == f"true {labels[0, j]} / pred {predictions[0, j]}"
        is_red = to_rgba(ax.xaxis.label.get_color()) == RED
        assert is_red == (j == 3)
    render(fig)


def test_images_figure_one_hot_probabilities_and_class_names():
    X = np.zeros((4, 3))  # 2x2 images
    one_hot = np.array([[1, 0, 0], [0, 1, 1]])
    probabilities = np.array([[0.2, 0.7, 0.1]])  # sigmoid outputs: predicted classes 0, 1, 0
    fig = images_figure(X, one_hot, probabilities, image_shape=(2, 2), class_names=["cat", "dog"])
    assert [ax.get_xlabel() for ax in fig.axes] == [
        "true cat / pred cat", "true dog / pred dog", "true dog / pred cat"]
    assert [to_rgba(ax.xaxis.label.get_color()) == RED for ax in fig.axes] == [False, False, True]
    render(fig)  # a constant image must draw too


def test_images_figure_accepts_a_flat_list_of_labels_and_fewer_images_than_columns():
    fig = images_figure(np.ones((784, 3)), [4, 5, 6])
    assert [ax.get_xlabel() for ax in fig.axes] == ["label 4", "label 5", "label 6"]
    render(fig)


@pytest.mark.parametrize(
    "X, labels, kwargs, error, words",
    [
        (np.zeros((5, 784)), np.zeros((1, 5)), {}, ValueError, r"transposed: pass X\.T"),
        (np.zeros((100, 5)), np.zeros((1, 5)), {}, ValueError, r"\(784, m\)"),
        (np.zeros(784), [3], {}, ValueError, r"reshape\(-1, 1\)"),
        (np.zeros((784, 5)), np.zeros((1, 4)), {}, ValueError, "5 images"),
        (np.zeros((784, 5)), np.zeros((5, 1)), {}, ValueError, r"labels\.T"),
        (np.zeros((784, 2)), np.array([[0.5, 1.0]]), {}, ValueError, "whole class numbers"),
        (np.zeros((784, 2)), np.array([[1, 2]]), {"class_names": ["a", "b"]}, ValueError, "class 2"),
        (np.zeros((784, 2)), np.array([[1, 2]]), {"image_shape": (28,)}, ValueError, "pair"),
        (np.zeros((784, 2)), np.array([[1, 2]]), {"n_columns": 0}, ValueError, "n_columns"),
    ],
)
def test_images_figure_rejects_bad_input(X, labels, kwargs, error, words):
    with pytest.raises(error, match=words):
        images_figure(X, labels, **kwargs)


# ---------------------------------------------------------------------------------------------
# network_figure
# ---------------------------------------------------------------------------------------------

def network_parts(fig):
    (ax,) = fig.axes
    circles = [patch for patch in ax.patches if isinstance(patch, Circle)]
    texts = [text.get_text() for text in ax.texts]
    segments = sum(len(c.get_segments()) for c in ax.collections if isinstance(c, LineCollection))
    return circles, texts, segments


def test_network_figure_small_draws_every_unit_and_weight():
    fig = network_figure([2, 4, 1])
    circles, texts, segments = network_parts(fig)
    assert len(circles) == 2 + 4 + 1
    assert segments == 2 * 4 + 4 * 1
    joined = "\n".join(texts)
    for words in ["input", "hidden 1 (ReLU)", "output (sigmoid)", "W1: (4, 2)", "b1: (4, 1)", "W2: (1, 4)",
                  "2 units", "1 unit"]:
        assert words in joined
    assert "⋮" not in texts
    render(fig)


def test_network_figure_caps_wide_layers_with_an_ellipsis_and_true_count():
    fig = network_figure([784, 256, 128, 1], max_units_drawn=10)
    circles, texts, segments = network_parts(fig)
    assert len(circles) == 10 + 10 + 10 + 1
    assert texts.count("⋮") == 3
    assert segments == 10 * 10 + 10 * 10 + 10 * 1
    joined = "\n".join(texts)
    for words in ["784 units", "256 units", "128 units", "W1: (256, 784)", "W3: (1, 128)", "hidden 2 (ReLU)"]:
        assert words in joined
    # The units of a capped layer are evenly spaced around the gap left for the ellipsis.
    input_ys = sorted(circle.center[1] for circle in circles if circle.center[0] == 0)
    assert len(input_ys) == 10 and 0.0 not in input_ys
    render(fig)


def test_network_figure_activation_names_and_small_cap():
    fig = network_figure([3, 5, 2], activations=["tanh", "softmax"], max_units_drawn=3)
    circles, texts, _ = network_parts(fig)
    assert len(circles) == 3 + 3 + 2
    assert texts.count("⋮") == 1
    joined = "\n".join(texts)
    assert "hidden 1 (tanh)" in joined and "output (softmax)" in joined and "5 units" in joined


@pytest.mark.parametrize(
    "layer_dims, kwargs, error, words",
    [
        ([2], {}, ValueError, "at least two"),
        ([2, 0, 1], {}, ValueError, "at least 1"),
        ([2, 4.0, 1], {}, TypeError, "integer"),
        ([2, 4, 1], {"activations": ["relu"]}, ValueError, "2 names"),
        ([2, 4, 1], {"activations": "relu"}, ValueError, "2 names"),
        ([2, 4, 1], {"max_units_drawn": 1}, ValueError, "max_units_drawn"),
    ],
)
def test_network_figure_rejects_bad_input(layer_dims, kwargs, error, words):
    with pytest.raises(error, match=words):
        network_figure(layer_dims, **kwargs)
