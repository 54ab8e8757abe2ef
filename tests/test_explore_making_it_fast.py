"""Lesson 15: the measuring helpers and figures of dnn_helpers.explore.making_it_fast.

No test asserts a timing: timings change from run to run. The tests check what is
called, how results are combined, and what the figures draw.
"""

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers import dnn
from dnn_helpers.data import make_dataset
from dnn_helpers.explore import making_it_fast
from dnn_helpers.explore.making_it_fast import (CATEGORIES, batch_size_figure, blank_pixels_figure, category_figure,
                                       gathering_seconds, lesson_category, matrix_product_seconds,
                                       max_relative_difference, profile_call, read_benchmark, samples_per_second,
                                       seconds_per_call, speed_figure, throughput_by_batch_size, time_by_category,
                                       top_functions)
from dnn_helpers.widgets import interactive_figure

X, Y = make_dataset("flower", n_samples=128, seed=0)


class RecordingTrainer:
    """A stand-in for dnn that records how it is called."""

    def __init__(self):
        self.calls = []

    def __call__(self, X, Y, layer_dims, learning_rate, num_iterations, batch_size, **kwargs):
        self.calls.append((num_iterations, batch_size, learning_rate, tuple(layer_dims), kwargs))
        return {}, []


def test_samples_per_second_times_one_step_and_one_plus_n_steps():
    trainer = RecordingTrainer()
    rate = samples_per_second(trainer, X, Y, [2, 3, 1], learning_rate=0.1, batch_size=16, steps=7, repeats=3,
                              dtype=np.float32)
    assert isinstance(rate, float) and rate > 0
    assert [call[0] for call in trainer.calls] == [1, 1, 1, 8, 8, 8]
    assert all(call[1:] == (16, 0.1, (2, 3, 1), {"dtype": np.float32}) for call in trainer.calls)


def test_samples_per_second_rejects_zero_steps():
    with pytest.raises(ValueError, match="at least 1"):
        samples_per_second(RecordingTrainer(), X, Y, [2, 1], steps=0)


def test_samples_per_second_on_a_real_run():
    assert samples_per_second(dnn, X, Y, [2, 4, 1], learning_rate=0.1, batch_size=32, steps=3) > 0


def test_seconds_per_call_calls_the_function_calls_times_repeats():
    count = []
    seconds = seconds_per_call(lambda: count.append(1), calls=5, repeats=4)
    assert len(count) == 20 and seconds >= 0
    with pytest.raises(ValueError, match="at least 1"):
        seconds_per_call(lambda: None, calls=0)


def test_max_relative_difference():
    reference = {"W1": np.array([[3.0, 4.0]]), "b1": np.zeros((1, 1))}
    assert max_relative_difference(reference, reference) == 0.0
    shifted = {"W1": np.array([[3.0, 4.5]]), "b1": np.full((1, 1), 0.25)}
    # W1: |(0, 0.5)| / |(3, 4)| = 0.1; b1 is 0 in the reference: compared absolutely, 0.25
    assert max_relative_difference(shifted, reference) == pytest.approx(0.25)
    shifted["b1"] = np.zeros((1, 1))
    assert max_relative_difference(shifted, reference) == pytest.approx(0.1)
    as_float32 = {key: value.astype(np.float32) for key, value in reference.items()}
    assert max_relative_difference(as_float32, reference) == 0.0
    with pytest.raises(ValueError, match="different keys"):
        max_relative_difference({"W1": reference["W1"]}, reference)
    with pytest.raises(ValueError, match="shape"):
        max_relative_difference({"W1": np.zeros((2, 1)), "b1": np.zeros((1, 1))}, reference)


def test_measuring_helpers_return_seconds():
    X_big = np.random.default_rng(0).random((30, 200))
    assert gathering_seconds(X_big, batch_size=16, steps=5) > 0
    assert matrix_product_seconds([30, 8, 4, 1], batch_size=16, steps=3, dtype=np.float64) > 0


def test_throughput_by_batch_size_measures_every_trainer_at_every_batch_size():
    first, second = RecordingTrainer(), RecordingTrainer()
    rates = throughput_by_batch_size({"one": first, "two": second}, X, Y, [2, 1], [16, 64], samples=256, repeats=1)
    assert list(rates) == ["one", "two"]
    assert all(list(curve) == [16, 64] and all(value > 0 for value in curve.values()) for curve in rates.values())
    # steps = samples // batch_size: 16 and 4, each measured as a run of 1 and a run of 1 + steps
    assert [call[0] for call in first.calls] == [1, 17, 1, 5]
    assert [call[1] for call in first.calls] == [16, 16, 64, 64]


def test_lesson_category():
    assert lesson_category("/x/dnn_helpers/forward.py", "linear_forward") == "matrix products"
    assert lesson_category("/x/dnn_helpers/backward.py", "linear_backward") == "matrix products"
    assert lesson_category("/x/dnn_helpers/activations.py", "relu_backward") == "elementwise work"
    assert lesson_category("/x/dnn_helpers/update.py", "update_parameters") == "elementwise work"
    assert lesson_category("/x/dnn_helpers/_validation.py", "check_finite") == "input checks"
    assert lesson_category("/x/dnn_helpers/backward.py", "check_cache") == "input checks"
    assert lesson_category("/x/dnn_helpers/training.py", "dnn") == "Python overhead"
    assert lesson_category("/x/numpy/_core/fromnumeric.py", "sum") is None
    assert lesson_category("~", "<method 'reduce' of 'numpy.ufunc' objects>") is None


class FakeStats:
    """pstats.Stats-like: stats[key] = (primitive calls, calls, own time, total time, callers)."""

    def __init__(self):
        forward = ("/x/dnn_helpers/forward.py", 1, "linear_forward")
        backward = ("/x/dnn_helpers/backward.py", 1, "linear_backward")
        checks = ("/x/dnn_helpers/_validation.py", 1, "check_finite")
        loop = ("/x/dnn_helpers/training.py", 1, "dnn")
        numpy_sum = ("/x/numpy/_core/fromnumeric.py", 1, "sum")
        reduce = ("~", 0, "<method 'reduce' of 'numpy.ufunc' objects>")
        self.stats = {
            loop: (1, 1, 0.5, 10.0, {}),
            forward: (3, 3, 2.0, 2.0, {loop: (3, 3, 2.0, 2.0)}),
            backward: (3, 3, 3.0, 4.0, {loop: (3, 3, 3.0, 4.0)}),
            checks: (3, 3, 1.0, 1.5, {loop: (3, 3, 1.0, 1.5)}),
            numpy_sum: (4, 4, 0.2, 1.1, {backward: (3, 3, 0.2, 1.0), checks: (1, 1, 0.0, 0.1)}),
            # reduce: 0.6 s under sum (charged like sum: all to linear_backward), 0.4 s under check_finite
            reduce: (5, 5, 1.0, 1.0, {numpy_sum: (4, 4, 0.6, 0.6), checks: (1, 1, 0.4, 0.4)}),
        }


def test_time_by_category_charges_numpy_to_its_callers():
    times = time_by_category(FakeStats())
    assert list(times) == list(CATEGORIES)
    assert times["matrix products"] == pytest.approx(2.0 + 3.0 + 0.2 + 0.6)
    assert times["input checks"] == pytest.approx(1.0 + 0.4)
    assert times["Python overhead"] == pytest.approx(0.5)
    assert times["elementwise work"] == 0 and times["mini-batch gathering"] == 0
    assert sum(times.values()) == pytest.approx(7.7)  # every second of own time is counted once


def test_time_by_category_moves_the_measured_gathering_out_of_the_overhead():
    times = time_by_category(FakeStats(), gathering_seconds=0.3)
    assert times["mini-batch gathering"] == pytest.approx(0.3)
    assert times["Python overhead"] == pytest.approx(0.2)
    capped = time_by_category(FakeStats(), gathering_seconds=5.0)  # never more than the overhead holds
    assert capped["mini-batch gathering"] == pytest.approx(0.5) and capped["Python overhead"] == 0


def test_profile_of_a_real_dnn_run():
    (params, costs), stats = profile_call(dnn, X, Y, [2, 4, 1], 0.1, 5, batch_size=32)
    assert set(params) == {"W1", "b1", "W2", "b2"} and len(costs) == 1
    rows = top_functions(stats, 6)
    assert len(rows) == 6
    assert [row.own_seconds for row in rows] == sorted((row.own_seconds for row in rows), reverse=True)
    every = {row.name: row for row in top_functions(stats, 1000)}
    assert every["linear_forward"].calls == 10 and every["linear_backward"].calls == 10  # 2 layers, 5 steps
    assert every["dnn"].where.startswith("training.py:")
    times = time_by_category(stats)
    assert list(times) == list(CATEGORIES) and all(seconds >= 0 for seconds in times.values())
    total = sum(entry[2] for entry in stats.stats.values())
    assert sum(times.values()) == pytest.approx(total)


def test_category_figure_draws_the_shares():
    fig = category_figure({"matrix products": 3.0, "elementwise work": 1.0})
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["elementwise work", "matrix products"]
    assert sorted(patch.get_width() for patch in ax.patches) == [25.0, 75.0]
    assert sorted(text.get_text() for text in ax.texts) == ["25%", "75%"]


def test_speed_figure_labels_the_speed_ups_and_draws_the_floor():
    rates = {"slow": 100.0, "faster": 250.0, "fastest": 400.0}
    fig = speed_figure(rates, floor=500.0)
    ax = fig.axes[0]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["fastest", "faster", "slow"]
    assert sorted(text.get_text() for text in ax.texts) == ["1.0x", "2.5x", "4.0x"]
    assert len(ax.lines) == 1 and ax.lines[0].get_xdata()[0] == 500.0
    assert len(speed_figure(rates).axes[0].lines) == 0


RATES = {
    "lesson path (dnn, float64)": {16: 1000.0, 64: 2000.0, 256: 3000.0},
    "fast path (train_fast, float32)": {16: 5000.0, 64: 8000.0, 256: 9000.0},
}


def test_batch_size_figure_marks_the_chosen_batch_size():
    fig = batch_size_figure(64, RATES)
    ax = fig.axes[0]
    assert ax.get_title() == "batch size 64: fast path 4.0x lesson path"
    curves = [line for line in ax.lines if len(line.get_xdata()) == 3]
    assert [list(line.get_ydata()) for line in curves] == [[1000.0, 2000.0, 3000.0], [5000.0, 8000.0, 9000.0]]
    markers = [line for line in ax.lines if list(line.get_xdata()) == [64]]
    assert sorted(float(line.get_ydata()[0]) for line in markers) == [2000.0, 8000.0]
    assert batch_size_figure(32, RATES).startswith("batch size 32 was not measured")


def test_batch_size_slider_redraws():
    box = interactive_figure(lambda batch_size: batch_size_figure(batch_size, RATES),
                             batch_size=widgets.SelectionSlider(options=[16, 64, 256], value=64))
    assert box.figure.axes[0].get_title().startswith("batch size 64:")
    box.controls["batch_size"].value = 16
    assert box.figure.axes[0].get_title() == "batch size 16: fast path 5.0x lesson path"


def test_read_benchmark(tmp_path):
    report = tmp_path / "RESULTS.md"
    report.write_text(
        "# Training speed\n\n## batch 64\n\n| implementation | samples/s | vs PyTorch |\n|---|---:|---:|\n"
        "| lesson path (dnn, float64) | 20,028 | 0.29x |\n| fast path (train_fast, float32) | 101,341 | 1.45x |\n\n"
        "## Playground retrain\n\n| what | milliseconds |\n|---|---:|\n| fast path, float32 | 46 |\n"
    )
    assert read_benchmark(report) == {
        "batch 64": {"lesson path (dnn, float64)": 20028.0, "fast path (train_fast, float32)": 101341.0}
    }


def test_the_recorded_benchmark_has_what_the_lesson_reads():
    if not making_it_fast.RESULTS_FILE.is_file():
        pytest.skip("benchmarks/RESULTS.md is not there (package installed without the course folder)")
    batch64 = read_benchmark(making_it_fast.RESULTS_FILE)["batch 64"]
    assert batch64["lesson path (dnn, float64)"] > 0 and batch64["fast path (train_fast, float32)"] > 0


def test_blank_pixels_figure_shows_the_mask_in_place():
    blank = np.zeros(784, dtype=bool)
    blank[:28] = True  # the top row of the image
    blank[5 * 28 + 7] = True
    fig = blank_pixels_figure(blank)
    image = fig.axes[0].images[0].get_array()
    assert image.shape == (28, 28)
    assert np.array_equal(np.argwhere(image), [[0, j] for j in range(28)] + [[5, 7]])
    assert fig.axes[0].get_title() == "29 blank pixels (black)\nof 784"
