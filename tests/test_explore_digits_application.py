"""Lesson 7: confusion counts, precision and recall, and the decision-threshold figure and slider."""

from functools import partial

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from dnn_helpers.explore.digits_application import confusion_counts, precision_recall, threshold_figure
from dnn_helpers.widgets import interactive_figure

PROBABILITIES = np.array([[0.05, 0.2, 0.45, 0.55, 0.7, 0.9, 0.95, 0.3]])
Y = np.array([[0, 0, 1, 0, 1, 1, 1, 1]])


def test_confusion_counts():
    counts = confusion_counts(PROBABILITIES > 0.5, Y)
    assert counts == {"TP": 3, "FP": 1, "FN": 2, "TN": 2}
    assert sum(counts.values()) == Y.size


def test_confusion_counts_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="must match"):
        confusion_counts(PROBABILITIES.T > 0.5, Y)


def test_precision_recall():
    assert precision_recall({"TP": 3, "FP": 1, "FN": 2, "TN": 2}) == pytest.approx((0.75, 0.6))
    assert precision_recall({"TP": 0, "FP": 0, "FN": 4, "TN": 2}) == (0.0, 0.0)  # nothing predicted positive


def table_numbers(fig):
    """The four counts written in the table panel, in reading order: TN, FP, FN, TP."""
    return [int(text.get_text().split("\n")[1]) for text in fig.axes[1].texts]


def test_threshold_figure_at_one_half():
    fig = threshold_figure(0.5, PROBABILITIES, Y)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    hist_ax, table_ax = fig.axes
    assert hist_ax.get_title() == "threshold 0.50: accuracy 62.5%"
    assert table_ax.get_title() == "precision 75.0%, recall 60.0%"
    assert table_numbers(fig) == [2, 1, 2, 3]
    assert list(hist_ax.lines[0].get_xdata()) == [0.5, 0.5]
    # one filled histogram per true class, together holding every example
    heights = [patch.get_data().values.sum() for patch in hist_ax.patches]
    assert heights == [2 + 1, 3 + 2]
    # outlines, not filled bars, so that overlapping classes keep their own colours
    assert [patch.get_fill() for patch in hist_ax.patches] == [False, False]
    # the legend sits above the plot, clear of the threshold line wherever it is
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    legend_box = hist_ax.get_legend().get_window_extent(renderer)
    assert legend_box.y0 >= hist_ax.get_window_extent(renderer).y1
    assert legend_box.y1 <= hist_ax.title.get_window_extent(renderer).y0


def test_raising_the_threshold_trades_recall_for_precision():
    low = threshold_figure(0.1, PROBABILITIES, Y)
    high = threshold_figure(0.8, PROBABILITIES, Y)
    assert table_numbers(low) == [1, 2, 0, 5]
    assert table_numbers(high) == [3, 0, 3, 2]
    assert low.axes[1].get_title() == "precision 71.4%, recall 100.0%"
    assert high.axes[1].get_title() == "precision 100.0%, recall 40.0%"


def test_slider_updates_counts():
    slider = widgets.FloatSlider(value=0.5, min=0.01, max=0.99, step=0.01)
    box = interactive_figure(partial(threshold_figure, probabilities=PROBABILITIES, Y=Y), threshold=slider)
    assert table_numbers(box.figure) == [2, 1, 2, 3]
    box.controls["threshold"].value = 0.8
    assert box.figure.axes[0].get_title() == "threshold 0.80: accuracy 62.5%"
    assert table_numbers(box.figure) == [3, 0, 3, 2]
    assert box.output.outputs[0]["data"]["text/plain"] == "<Figure with 2 Axes>"
