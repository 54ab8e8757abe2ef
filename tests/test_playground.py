"""The playground widget's wiring, without a browser: the buttons, the controls, your data, share and keep."""

import asyncio
from dataclasses import replace

import numpy as np

from dnn_helpers.playground import Playground, Settings, train_and_draw
from dnn_helpers.playground.datasets import generate_points, points_to_csv

QUICK = Settings(iterations=200)


def test_building_it_trains_nothing_and_shows_iteration_0():
    playground = Playground(QUICK)
    assert playground.session.iteration == 0 and not playground.playing
    assert bytes(playground.frame.value).startswith(b"\x89PNG")
    assert "iteration 0 of 200 · press Play" in playground.readout.value
    bundle, metadata = playground._repr_mimebundle_()
    assert bundle["image/png"] and "application/vnd.jupyter.widget-view+json" in bundle  # a picture before it runs
    assert metadata["image/png"]["alt"].startswith("The playground on the spiral data")  # for a screen reader
    assert repr(playground).startswith("Playground(Settings(dataset='spiral'")


def test_step_trains_one_frame_and_reset_goes_back():
    playground = Playground(QUICK)
    playground.steps_per_frame.value = 50
    frames = playground.frames_shown
    playground.step_button.click()
    assert playground.session.iteration == 50 and playground.frames_shown == frames + 1
    playground.step_button.click()
    assert playground.session.iteration == 100
    playground.reset_button.click()
    assert playground.session.iteration == 0 and "press Play" in playground.readout.value


def test_without_an_event_loop_play_runs_the_frames_to_the_end():
    playground = Playground(QUICK)
    playground.steps_per_frame.value = 20
    frames = playground.frames_shown
    playground.play_button.click()
    assert playground.session.iteration == 200 and not playground.playing
    assert playground.frames_shown - frames == 10 + 1  # ten frames, and the finished picture at full resolution
    assert playground.play_button.description == "Play" and "finished" in playground.readout.value


def test_in_an_event_loop_play_pause_and_step():
    async def scenario():
        playground = Playground(replace(QUICK, iterations=2000))
        playground.steps_per_frame.value = 5
        playground.play_button.click()
        assert playground.playing and playground.play_button.description == "Pause"
        await asyncio.sleep(0.5)  # the kernel's loop runs the frames meanwhile
        played = playground.session.iteration
        assert played >= 10 and played % 5 == 0
        playground.play_button.click()  # Pause
        assert not playground.playing
        await asyncio.sleep(0.2)
        assert playground.session.iteration == played  # paused: no more frames
        playground.step_button.click()
        assert playground.session.iteration == played + 5 and not playground.playing
        playground.play_button.click()
        playground.controls["seed"].value = 4  # a control moved while playing restarts, and playing goes on
        assert playground.session.settings.seed == 4 and playground.session.iteration < 5
        await asyncio.sleep(0.3)
        assert playground.playing and playground.session.iteration > 5
        playground.pause()
        await asyncio.sleep(0.05)
    asyncio.run(scenario())


def test_moving_a_control_restarts_with_the_new_settings():
    playground = Playground(QUICK)
    playground.step()
    playground.controls["hidden_layers"].value = 0
    assert playground.session.layer_dims == [2, 1] and playground.session.iteration == 0
    assert playground.view.options == ("output",)
    playground.controls["hidden_layers"].value = 1
    playground.view.value = "layer 1, unit 2"
    playground.controls["units"].value = 5
    assert playground.view.value == "layer 1, unit 2" and len(playground.view.options) == 6


def test_choosing_an_optimiser_sets_its_learning_rate():
    playground = Playground(QUICK)
    playground.controls["optimizer"].value = "adam"
    assert playground.controls["learning_rate"].value == 0.003
    assert playground.session.settings.optimizer == "adam" and playground.session.settings.learning_rate == 0.003
    assert "Adam" in playground.formulas.value


def test_train_runs_to_the_end_and_says_when_it_reproduced_the_same_run():
    playground = Playground(QUICK)
    playground.train_button.click()
    assert playground.session.iteration == 200 and "trained in" in playground.readout.value
    first = {key: value.copy() for key, value in playground.session.params.items()}
    playground.train_button.click()
    assert "Same settings, same seed: the same result again" in playground.readout.value
    assert all(np.array_equal(first[key], playground.session.params[key]) for key in first)
    assert not playground.train_button.disabled and playground.train_button.description == "Train"


def test_divergence_shows_the_advice():
    playground = Playground(QUICK)
    playground.controls["learning_rate"].value = 10.0
    playground.train_button.click()
    readout = playground.readout.value
    assert "No plot: training diverged" in readout and "Lower the learning rate" in readout


def test_drawn_points_train_and_bad_ones_are_explained():
    playground = Playground(QUICK)
    for fx in np.linspace(0.1, 0.9, 6):
        playground.add_drawn_point(fx, 0.2)
    playground.use_drawn_button.click()
    assert "all 6 points are of class 0" not in playground.data_message.value
    assert "the playground needs at least 10" in playground.data_message.value
    playground.draw_class.value = 1
    for fx in np.linspace(0.1, 0.9, 6):
        playground.add_drawn_point(fx, 0.8)
    assert "6 of class 0, 6 of class 1" in playground.data_message.value
    playground.use_drawn_button.click()
    assert playground.controls["dataset"].value == "own" and len(playground.session.points) == 12
    assert playground.session.points.X[1].max() == 1 - 2 * 0.2  # the top of the pad is y = 1
    playground.clear_drawn_button.click()
    playground.use_drawn_button.click()
    assert "the drawn points hold 0 points" in playground.data_message.value


def test_a_csv_file_from_the_upload_trains_and_a_bad_one_is_explained():
    playground = Playground(QUICK)
    playground.load_csv(b"x,y\n1,2\n", "mine.csv")
    assert "mine.csv lacks the columns x1, x2, label" in playground.data_message.value
    points = generate_points("blobs, 4 classes", n_samples=80, seed=2)
    playground.load_csv(points_to_csv(points).encode(), "blobs.csv")
    assert "80 points of blobs.csv (4 classes)" in playground.data_message.value
    assert playground.session.layer_dims[-1] == 4 and playground.session.output_activation == "softmax"


def test_the_configuration_line_restores_the_settings(tmp_path):
    playground = Playground(QUICK)
    wanted = replace(QUICK, dataset="xor", hidden_layers=3, optimizer="rmsprop", learning_rate=0.001, seed=5)
    playground.configuration.value = wanted.to_text()
    playground.apply_button.click()
    assert playground.settings() == wanted and playground.session.settings == wanted
    assert playground.configuration.value == wanted.to_text()
    playground.apply_configuration("playground:units=lots")
    assert "units must be a whole number" in playground.share_message.value


def test_save_and_load_from_the_widget(tmp_path):
    playground = Playground(replace(QUICK, dataset="moons", seed=2))
    playground.train_button.click()
    path = str(tmp_path / "moons.npz")
    playground.save(path)
    assert "saved" in playground.share_message.value
    other = Playground(QUICK)
    other.load(path)
    assert other.settings() == playground.settings() and other.session.iteration == 200
    assert other.session.accuracies() == playground.session.accuracies()
    other.load(str(tmp_path / "missing.npz"))
    assert "could not load" in other.share_message.value


def test_train_and_draw_for_the_lessons_experiments():
    straight = train_and_draw(replace(Settings(), hidden_layers=0))
    assert straight.test_accuracy < 0.75  # a straight line on a spiral
    result = train_and_draw(QUICK)
    assert result.message == f"train accuracy {result.train_accuracy:.1%}, test accuracy {result.test_accuracy:.1%}"
    assert len(result.figure.axes) == 4
