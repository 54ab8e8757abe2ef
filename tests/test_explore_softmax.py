"""Lesson 12: the confusion matrix helpers and the temperature and confusion-cell figures."""

from functools import partial

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers.explore.softmax import (confusion_cell_figure, confusion_matrix, confusion_matrix_figure,
                                         most_confused_pairs, temperature_figure)
from dnn_helpers.widgets import interactive_figure

Y_TRUE = np.array([0, 0, 1, 1, 1, 2, 2, 2, 2])
Y_PRED = np.array([0, 1, 1, 1, 2, 2, 0, 0, 2])


def test_confusion_matrix_counts_rows_true_columns_predicted():
    matrix = confusion_matrix(Y_TRUE, Y_PRED, 3)
    assert matrix.tolist() == [[1, 1, 0], [0, 2, 1], [2, 0, 2]]
    assert matrix.sum() == Y_TRUE.size


def test_confusion_matrix_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="must match"):
        confusion_matrix(Y_TRUE, Y_PRED[:-1], 3)


def test_most_confused_pairs_largest_first_with_ties_in_order():
    matrix = confusion_matrix(Y_TRUE, Y_PRED, 3)
    assert most_confused_pairs(matrix, 3) == [(2, 0, 2), (0, 1, 1), (1, 2, 1)]
    assert most_confused_pairs(np.eye(3, dtype=int), 3) == []


def test_confusion_matrix_figure_writes_every_count():
    matrix = confusion_matrix(Y_TRUE, Y_PRED, 3)
    fig = confusion_matrix_figure(matrix)
    ax = fig.axes[0]
    assert [text.get_text() for text in ax.texts] == [str(v) for v in matrix.ravel()]
    assert ax.get_title() == "5 of 9 right; mistakes in red"
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"


def test_temperature_figure_flattens_and_sharpens():
    logits = np.array([2.0, 1.0, 0.0, -1.0])
    heights = {}
    for temperature in (0.1, 1.0, 100.0):
        fig = temperature_figure(temperature, logits, label=1)
        assert isinstance(fig, Figure) and len(fig.axes) == 1
        bars = fig.axes[0].patches
        heights[temperature] = np.array([bar.get_height() for bar in bars])
        assert heights[temperature].sum() == pytest.approx(1.0)
        assert fig.axes[0].get_title().startswith(f"temperature {temperature:.2f}: largest probability")
        assert [bar.get_facecolor() for bar in bars][1] != bars[0].get_facecolor()  # the true class stands out
    expected = np.exp(logits) / np.exp(logits).sum()
    assert np.allclose(heights[1.0], expected)
    assert heights[0.1][0] > 0.99                        # nearly certain
    assert np.allclose(heights[100.0], 0.25, atol=0.01)  # nearly uniform
    assert "entropy 0.000" not in temperature_figure(1.0, logits).axes[0].get_title()
    assert isinstance(temperature_figure(0.0, logits), str)


def test_confusion_cell_figure_shows_that_cell_or_says_it_is_empty():
    X = np.arange(784 * 9, dtype=float).reshape(784, 9)
    fig = confusion_cell_figure(2, 0, X, Y_TRUE, Y_PRED)
    assert len(fig.axes) == 2
    assert [ax.get_xlabel() for ax in fig.axes] == ["true 2 / pred 0"] * 2
    assert np.array_equal(fig.axes[0].images[0].get_array().ravel(), X[:, 6])
    message = confusion_cell_figure(0, 2, X, Y_TRUE, Y_PRED)
    assert message == "No test image of a 0 was predicted as 2."


def test_widgets_redraw_the_chosen_cell():
    X = np.random.default_rng(0).random((784, 9))
    box = interactive_figure(
        partial(confusion_cell_figure, X=X, y_true=Y_TRUE, y_pred=Y_PRED),
        true_class=widgets.IntSlider(value=2, min=0, max=2),
        predicted_class=widgets.IntSlider(value=0, min=0, max=2),
    )
    assert len(box.figure.axes) == 2
    box.controls["true_class"].value = 1
    box.controls["predicted_class"].value = 1
    assert [ax.get_xlabel() for ax in box.figure.axes] == ["true 1 / pred 1"] * 2
    box.controls["predicted_class"].value = 0
    assert box.figure is None and box.message == "No test image of a 1 was predicted as 0."


def test_temperature_slider_changes_the_title():
    box = interactive_figure(partial(temperature_figure, logits=np.array([1.0, 0.0, -1.0])),
                             temperature=widgets.FloatSlider(value=1.0, min=0.1, max=10.0))
    box.controls["temperature"].value = 5.0
    assert box.figure.axes[0].get_title().startswith("temperature 5.00:")
