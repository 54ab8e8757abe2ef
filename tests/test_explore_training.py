"""Lesson 6: the learning-rate figure, its slider, and the notebook's teaching copies of update_parameters and dnn."""

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import dnn_helpers
import dnn_helpers.data
from dnn_helpers.explore.training import RECORD_EVERY, flower_split, learning_rate_figure
from dnn_helpers.widgets import interactive_figure
from notebook_cells import NOTEBOOK_FOLDER, solution_cells

NOTEBOOK = NOTEBOOK_FOLDER / "06_training.ipynb"


def test_flower_split_shapes():
    (X_train, Y_train), (X_test, Y_test) = flower_split()
    assert X_train.shape == (2, 320) and Y_train.shape == (1, 320)
    assert X_test.shape == (2, 80) and Y_test.shape == (1, 80)


def test_flower_split_is_standardised_with_the_training_statistics():
    (X_train, _), (X_test, _) = flower_split()
    np.testing.assert_allclose(X_train.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(X_train.std(axis=1), 1, rtol=1e-12)
    X, Y = dnn_helpers.data.make_dataset("flower", n_samples=400, seed=0)
    (raw_train, _), (raw_test, _) = dnn_helpers.data.split_data(X, Y, fractions=(0.8, 0.2), seed=0)
    mean, std = raw_train.mean(axis=1, keepdims=True), raw_train.std(axis=1, keepdims=True)
    np.testing.assert_allclose(X_test, (raw_test - mean) / std, rtol=1e-12)


def test_good_learning_rate_draws_a_falling_cost_and_a_boundary():
    fig = learning_rate_figure(0.6)
    assert isinstance(fig, Figure)
    cost_ax, boundary_ax = fig.axes
    iterations, costs = cost_ax.lines[0].get_data()
    assert len(costs) == 300 // RECORD_EVERY and iterations[-1] == 300 - RECORD_EVERY
    assert costs[-1] < 0.32 and 0.9 < costs[0] < 1.1  # standardised inputs: a first cost not far above ln 2
    assert cost_ax.get_title() == f"learning_rate = 0.6: cost {costs[0]:.3f} -> {costs[-1]:.3f}"
    assert boundary_ax.get_title().startswith("train accuracy ")
    assert float(boundary_ax.get_title().split()[-1].rstrip("%")) > 80
    # the legend sits outside the plot, to its right, where it hides no points
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    legend = boundary_ax.get_legend()
    assert legend.get_window_extent(renderer).x0 >= boundary_ax.get_window_extent(renderer).x1
    assert legend.get_window_extent(renderer).x1 <= fig.bbox.x1  # and still inside the figure


def test_small_learning_rate_converges_slowly():
    slow = learning_rate_figure(0.001).axes[0].lines[0].get_ydata()
    good = learning_rate_figure(0.6).axes[0].lines[0].get_ydata()
    assert slow[0] == good[0]  # same start: same seed
    assert slow[-1] > 2 * good[-1]
    assert np.all(np.diff(slow) < 0)  # small steps: the cost falls at every record


@pytest.mark.parametrize("learning_rate", [10.0, 31.6])
def test_divergence_is_returned_as_a_message(learning_rate):
    message = learning_rate_figure(learning_rate)
    assert isinstance(message, str)
    assert message.startswith(f"learning_rate = {learning_rate:.3g}: training diverged")
    assert "Lower the learning rate" in message


def test_too_large_but_finite_rate_ends_higher():
    too_large = learning_rate_figure(10 ** 0.75).axes[0].lines[0].get_ydata()  # 5.62, the notch below divergence
    good = learning_rate_figure(0.6).axes[0].lines[0].get_ydata()
    assert too_large[-1] > 1.5 * good[-1]
    assert np.any(np.diff(too_large) > 0)  # overshooting steps raise the cost


def test_hidden_units_change_the_network():
    wide = learning_rate_figure(0.6, hidden_units=20).axes[0].lines[0].get_ydata()
    narrow = learning_rate_figure(0.6, hidden_units=2).axes[0].lines[0].get_ydata()
    assert wide[-1] < narrow[-1]


def test_slider_redraws_figure_and_shows_divergence_message():
    slider = widgets.FloatLogSlider(value=0.01, base=10, min=-3, max=1.5, step=0.25, continuous_update=False)
    box = interactive_figure(learning_rate_figure, learning_rate=slider)
    assert box.figure is not None and box.figure.axes[0].get_title().startswith("learning_rate = 0.01:")
    box.controls["learning_rate"].value = 10.0
    assert box.figure is None and "training diverged" in box.message
    assert box.output.outputs[0]["data"]["text/plain"] == box.message
    box.controls["learning_rate"].value = 1.0
    assert box.message is None and box.figure.axes[0].get_title().startswith("learning_rate = 1:")


def solution_namespace():
    """Execute the notebook's exercise cells (update_parameters, then dnn) and return their namespace."""
    namespace = {"np": np}
    for name in ("initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation"):
        namespace[name] = getattr(dnn_helpers, name)
    namespace["check_divergence"] = dnn_helpers.training.check_divergence
    namespace["minibatch_indices"] = dnn_helpers.training.minibatch_indices
    exercises = solution_cells(NOTEBOOK)
    assert [cell["metadata"]["nbgrader"]["grade_id"] for cell in exercises] == ["update_parameters", "dnn"]
    for cell in exercises:
        exec(cell["source"], namespace)
    return namespace


def test_notebook_dnn_matches_package_with_mini_batches_and_float32():
    teaching_dnn = solution_namespace()["dnn"]
    (X, Y), _ = flower_split()
    arguments = dict(learning_rate=0.3, num_iterations=60, record_every=10, batch_size=32, seed=3)
    for dtype in (np.float64, np.float32):
        params, costs = teaching_dnn(X, Y, [2, 5, 1], dtype=dtype, **arguments)
        expected_params, expected_costs = dnn_helpers.dnn(X, Y, [2, 5, 1], dtype=dtype, **arguments)
        np.testing.assert_allclose(costs, expected_costs, rtol=1e-5)
        for key in expected_params:
            assert params[key].dtype == dtype
            np.testing.assert_allclose(params[key], expected_params[key], rtol=1e-4, atol=1e-6)


def test_notebook_dnn_raises_training_diverged():
    teaching_dnn = solution_namespace()["dnn"]
    (X, Y), _ = flower_split()
    with pytest.raises(dnn_helpers.TrainingDiverged, match="Lower the learning rate"):
        teaching_dnn(X, Y, [2, 20, 1], learning_rate=10, num_iterations=50)
