"""Lesson 10: the regularisation figure, its sliders, and the lesson's moons."""

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers.explore.regularization import (
    L2_STRENGTHS,
    NUM_EPOCHS,
    accuracies,
    history_figure,
    moons_split,
    regularization_figure,
    train_moons,
)
from dnn_helpers.widgets import interactive_figure


def test_moons_split_shapes_and_standardisation():
    (X_train, Y_train), (X_val, Y_val) = moons_split()
    assert X_train.shape == (2, 80) and Y_train.shape == (1, 80)
    assert X_val.shape == (2, 500) and Y_val.shape == (1, 500)
    np.testing.assert_allclose(X_train.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(X_train.std(axis=1), 1, rtol=1e-12)


def test_l2_strengths_start_at_zero_and_grow():
    assert L2_STRENGTHS[0] == 0 and all(a < b for a, b in zip(L2_STRENGTHS, L2_STRENGTHS[1:]))


def test_without_regularisation_the_big_network_overfits():
    params, history = train_moons(0.0, 1.0)
    train_accuracy, val_accuracy = accuracies(params)
    assert train_accuracy == 1.0 and val_accuracy < 0.82
    assert len(history["cost"]) == len(history["val_cost"]) == NUM_EPOCHS
    assert history["val_cost"][-1] > 3 * min(history["val_cost"])  # the validation cost climbs again
    assert history["best_epoch"] < 20


@pytest.mark.parametrize("lambd, keep_prob", [(1.0, 1.0), (0.0, 0.5)])
def test_l2_and_dropout_narrow_the_gap(lambd, keep_prob):
    plain_train, plain_val = accuracies(train_moons(0.0, 1.0)[0])
    params, history = train_moons(lambd, keep_prob)
    train_accuracy, val_accuracy = accuracies(params)
    assert train_accuracy < plain_train and val_accuracy > plain_val + 0.05
    assert history["val_cost"][-1] < 0.6


def test_l2_shrinks_the_weights():
    plain, _ = train_moons(0.0, 1.0)
    decayed, _ = train_moons(1.0, 1.0)
    for l in (1, 2, 3):
        assert np.linalg.norm(decayed[f"W{l}"]) < 0.7 * np.linalg.norm(plain[f"W{l}"])


def test_figure_draws_costs_best_epoch_and_boundary():
    fig = regularization_figure(1.0, 0.8)
    assert isinstance(fig, Figure)
    cost_ax, boundary_ax = fig.axes
    _, history = train_moons(1.0, 0.8)
    train_line, val_line, best_marker = cost_ax.lines
    np.testing.assert_array_equal(train_line.get_ydata(), history["cost"])
    np.testing.assert_array_equal(val_line.get_ydata(), history["val_cost"])
    best = history["best_epoch"]
    assert best_marker.get_xdata()[0] == best and best_marker.get_ydata()[0] == min(history["val_cost"])
    assert cost_ax.get_title() == f"lambd = 1, keep_prob = 0.8: validation cost {history['val_cost'][-1]:.3f}"
    train_accuracy, val_accuracy = accuracies(train_moons(1.0, 0.8)[0])
    assert boundary_ax.get_title() == f"train {100 * train_accuracy:.1f}%, validation {100 * val_accuracy:.1f}%"
    assert len(boundary_ax.images) == 1  # the shaded probabilities


def test_history_figure_with_early_stopping():
    from dnn_helpers.trainer import train

    (X_train, Y_train), (X_val, Y_val) = moons_split()
    _, history = train(X_train, Y_train, [2, 64, 64, 1], learning_rate=0.03, num_epochs=150, batch_size=80,
                       X_val=X_val, Y_val=Y_val, seed=0, patience=20)
    fig = history_figure(history, title="early")
    (ax,) = fig.axes
    assert ax.get_title() == "early"
    assert len(ax.lines[0].get_xdata()) == history["best_epoch"] + 21  # stopped 20 epochs after the best
    assert ax.lines[2].get_label() == f"lowest validation cost (epoch {history['best_epoch']})"


def test_slider_wiring():
    box = interactive_figure(
        regularization_figure,
        lambd=widgets.SelectionSlider(options=L2_STRENGTHS, value=0.0, description="lambd"),
        keep_prob=widgets.SelectionSlider(options=(0.5, 0.6, 0.7, 0.8, 0.9, 1.0), value=1.0, description="keep_prob"),
    )
    assert box.figure.axes[0].get_title().startswith("lambd = 0, keep_prob = 1:")
    box.controls["lambd"].value = 10.0
    assert box.figure.axes[0].get_title().startswith("lambd = 10, keep_prob = 1:")
    box.controls["keep_prob"].value = 0.5
    assert box.figure.axes[0].get_title().startswith("lambd = 10, keep_prob = 0.5:")
    np.testing.assert_array_equal(box.figure.axes[0].lines[0].get_ydata(), train_moons(10.0, 0.5)[1]["cost"])
