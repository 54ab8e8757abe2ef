"""Lesson 18: the layout picture, the training curves, the sampling view and the hidden-unit figure, with their sliders."""

import time

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers.explore import language_model as explore
from dnn_helpers.language_model import hidden_states, sample, text8_splits, text_features, unit_correlations
from dnn_helpers.widgets import figure_to_png, interactive_figure


def framed_windows(ax):
    """The window frames of the layout's lower panel: closed black lines of 5 points."""
    return [line for line in ax.lines if len(line.get_xdata()) == 5]


@pytest.mark.parametrize("batch_size, T, L, windows", [(4, 3, 14, 4), (2, 6, 28, 4), (8, 1, 7, 6), (3, 5, 19, 3)])
def test_batch_layout_figure_frames_every_window_of_an_epoch(batch_size, T, L, windows):
    fig = explore.batch_layout_figure(batch_size, T)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    top, bottom = fig.axes
    assert top.get_title().startswith(f"the text: 57 symbols, cut into m = {batch_size} streams of L = {L}")
    assert bottom.get_title() == f"batches: (L, m) = ({L}, {batch_size}), read in {windows} windows of T = {T} rows"
    frames = framed_windows(bottom)
    assert len(frames) == windows
    assert [min(frame.get_ydata()) for frame in frames] == [k * T for k in range(windows)]
    # one symbol per cell: the text on top, the (L, m) grid below
    assert len(top.texts) == 57
    assert len([text for text in bottom.texts if len(text.get_text()) == 1]) == L * batch_size


def test_batch_layout_figure_greys_the_rows_no_window_reads():
    colours = explore.batch_layout_figure(4, 3).axes[1].images[0].get_array()
    grey = np.all(np.isclose(colours, colours[-1, 0]), axis=(1, 2))  # rows coloured like the last one's first cell
    assert grey.tolist() == [False] * 13 + [True]  # L = 14: rows 0 .. 12 are read (row 12 as window 4's target)


def test_batch_layout_figure_refuses_streams_that_cannot_hold_a_window():
    with pytest.raises(ValueError, match=r"leave 1 per stream"):
        explore.batch_layout_figure(40, 1)
    with pytest.raises(ValueError, match=r"T = 9 steps needs T \+ 1 = 10 rows.*L = 7"):
        explore.batch_layout_figure(8, 9)


def test_training_curves_figure_draws_each_run_against_the_baselines():
    costs = np.linspace(3.0, 2.0, 90)  # nats
    curve = [(0, 4.7), (30, 3.4), (60, 3.1), (90, 2.9)]
    fig = explore.training_curves_figure({"run a": (costs, curve), "run b": (costs[:30], curve[:2])})
    assert [ax.get_title() for ax in fig.axes] == ["run a", "run b"]
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.lines]
    assert labels == ["training (moving average)", "validation", "bigram (3.35)", "uniform (4.75)"]
    validation = ax.lines[1]
    np.testing.assert_array_equal(validation.get_xdata(), [0, 30, 60, 90])
    np.testing.assert_array_equal(validation.get_ydata(), [4.7, 3.4, 3.1, 2.9])
    training = ax.lines[0].get_ydata()
    assert training[0] == pytest.approx(np.mean(costs[:3]) / np.log(2))  # nats to bits, averaged over 90 // 30 = 3


@pytest.mark.parametrize("typed, cleaned", [("To be, or NOT!", "to be or not "), ("  my lord", "my lord"),
                                            ("3 KING HENRY", "king henry"), ("", ""), ("?!", "")])
def test_clean_prompt_keeps_a_trailing_space(typed, cleaned):
    assert explore.clean_prompt(typed) == cleaned


def test_sampling_view_shows_the_prompt_and_the_model_s_continuation():
    view = explore.sampling_view(0.8, "My lord, ", length=120, seed=4)
    expected = sample(explore.stored_model().params, "my lord ", 120, temperature=0.8, seed=4)
    assert view.replace("\n", " ") == f"[my lord ]{expected}"
    assert max(len(line) for line in view.splitlines()) <= 80
    assert explore.sampling_view(0.8, "My lord, ", length=120, seed=4) == view


def test_sampling_view_explains_a_temperature_at_or_below_zero():
    assert explore.sampling_view(0.0, "to be").startswith(
        "cannot sample: temperature must be a finite number greater than 0, got 0.0.")


def test_hidden_unit_figure_shows_the_unit_that_tracks_the_feature_best():
    params = explore.stored_model().params
    symbols = text8_splits()[1][:5000]
    correlations = unit_correlations(hidden_states(params, symbols), text_features(symbols)["space"])
    best = int(np.argmax(np.abs(correlations)))
    fig = explore.hidden_unit_figure("space")
    left, right = fig.axes
    assert right.get_title() == f"unit {best}: correlation {correlations[best]:+.2f} with 'space' (shaded)"
    assert abs(correlations[best]) > 0.6
    (trace,) = right.lines
    np.testing.assert_allclose(trace.get_ydata(), hidden_states(params, symbols[:260])[200:260, best])
    second = explore.hidden_unit_figure("space", rank=2).axes[1].get_title()
    runner_up = int(np.argsort(-np.abs(correlations))[1])
    assert second.startswith(f"unit {runner_up}: ")


def test_hidden_unit_figure_refuses_an_unknown_feature_or_rank():
    with pytest.raises(ValueError, match=r"feature must be one of \['space', 'vowel', 'word end', 'word start'\]"):
        explore.hidden_unit_figure("capital")
    with pytest.raises(ValueError, match=r"rank must be between 1 and 128, got 0"):
        explore.hidden_unit_figure("space", rank=0)


def test_the_sliders_redraw_quickly():
    boxes = [
        interactive_figure(explore.batch_layout_figure, batch_size=widgets.IntSlider(value=4, min=2, max=8),
                           T=widgets.IntSlider(value=3, min=1, max=6)),
        interactive_figure(explore.hidden_unit_figure, feature=widgets.Dropdown(options=["space", "vowel"]),
                           rank=widgets.IntSlider(value=1, min=1, max=10)),
        interactive_figure(explore.sampling_view, temperature=widgets.FloatSlider(value=0.8, min=0.05, max=2.0),
                           prompt=widgets.Text(value="my lord ")),
    ]
    moves = [("batch_size", 7), ("T", 2), ("feature", "vowel"), ("rank", 3), ("temperature", 1.3),
             ("prompt", "the king ")]
    for box, (name, value) in zip([boxes[0], boxes[0], boxes[1], boxes[1], boxes[2], boxes[2]], moves):
        started = time.perf_counter()
        box.controls[name].value = value
        seconds = time.perf_counter() - started
        assert seconds < 2.0, f"moving {name} took {seconds:.2f} s"  # well under 1 s on an idle machine
    assert boxes[0].figure.axes[1].get_title().startswith("batches: (L, m) = (8, 7), read in 3 windows of T = 2")
    assert "'vowel'" in boxes[1].figure.axes[1].get_title()
    assert boxes[2].message.startswith("[the king ]")
    assert figure_to_png(boxes[1].figure)[:4] == b"\x89PNG"
