"""The playground's engine without a front end: frames, pause and step, reset, divergence, many classes."""

from dataclasses import replace

import numpy as np
import pytest

from dnn_helpers.playground import Settings, TrainingSession, load_run, save_run, train_and_draw
from dnn_helpers.playground.formulas import formulas_html
from dnn_helpers.playground.frames import FrameRenderer, frame_figure, unit_names
from dnn_helpers.trainer import train

SHORT = Settings(iterations=200)


def same_params(a, b):
    return a.keys() == b.keys() and all(np.array_equal(a[key], b[key]) for key in a)


def test_a_run_is_the_same_however_it_is_cut_into_frames():
    whole = TrainingSession(SHORT).run()
    framed = TrainingSession(SHORT)
    sizes = []
    while not framed.finished:
        sizes.append(framed.advance(7))
    assert sum(sizes) == 200 and sizes[-1] == 200 % 7  # the last frame stops at the end of the run
    assert framed.advance(7) == 0
    assert same_params(whole.params, framed.params) and whole.train_costs == framed.train_costs
    assert len(whole.train_costs) == len(whole.test_costs) == 201  # before every step, and after the last


def test_the_session_steps_as_the_lessons_trainer_does():
    settings = replace(SHORT, optimizer="adam", learning_rate=0.003, batch_size="32", keep_prob=0.9, l2_strength=0.1)
    session = TrainingSession(settings)
    m = session.data.X_train.shape[1]
    epochs = 3
    session.advance(epochs * -(-m // 32))
    params, _ = train(session.data.X_train, session.data.Y_train, session.layer_dims, optimizer="adam",
                      learning_rate=0.003, num_epochs=epochs, batch_size=32, lambd=0.1, keep_prob=0.9, seed=0)
    assert same_params(session.params, params)


def test_reset_goes_back_to_the_same_start():
    session = TrainingSession(SHORT)
    start = {key: value.copy() for key, value in session.params.items()}
    first_costs = list(session.train_costs)
    session.advance(50)
    assert not same_params(session.params, start)
    session.reset()
    assert session.iteration == 0 and same_params(session.params, start) and session.train_costs == first_costs


def test_a_too_large_learning_rate_stops_the_run_with_advice():
    session = TrainingSession(replace(SHORT, learning_rate=10.0)).run()
    assert session.finished and session.iteration < 10
    assert session.diverged.startswith("training diverged") and "Lower the learning rate (try 1)" in session.diverged
    assert session.summary().startswith("No plot: training diverged")
    assert train_and_draw(replace(SHORT, learning_rate=10.0)).figure is None


def test_three_classes_train_through_a_softmax_output():
    session = TrainingSession(replace(Settings(), dataset="spiral, 3 arms", iterations=1500)).run()
    assert session.layer_dims[-1] == 3 and session.output_activation == "softmax"
    assert session.data.Y_train.shape == (3, session.data.X_train.shape[1])
    probabilities = session.probabilities(session.data.X_test)
    np.testing.assert_allclose(probabilities.sum(axis=0), 1.0)
    train_accuracy, test_accuracy = session.accuracies()
    assert train_accuracy > 0.9 and test_accuracy > 0.85


def test_dead_relu_units_are_counted():
    session = TrainingSession(SHORT)
    assert session.dead_units()[0] == 0
    session.params["b1"][:5] = -100.0  # five units of layer 1 below zero for every point
    assert session.dead_units()[0] == 5


def test_every_layers_output_over_the_points():
    session = TrainingSession(replace(SHORT, hidden_layers=3, units=5))
    outputs = session.layer_outputs(session.data.X_test)
    assert [A.shape for A in outputs] == [(5, 120), (5, 120), (5, 120), (1, 120)]
    assert unit_names(session.layer_dims)[:3] == ["output", "layer 1, unit 1", "layer 1, unit 2"]
    assert len(unit_names(session.layer_dims)) == 1 + 15


def test_a_frame_draws_every_unit_and_the_costs():
    session = TrainingSession(SHORT)
    session.advance(100)
    renderer = FrameRenderer(session)
    png = renderer.png(session)
    assert png.startswith(b"\x89PNG")
    assert renderer.train_line.get_xdata()[-1] == 100
    assert len(renderer.connections.get_segments()) == 2 * 8 + 8 * 8 + 8  # at most 8 units drawn per layer
    unit_view = renderer.png(session, large="layer 2, unit 3")
    assert unit_view != png and renderer.large_title.get_text().startswith("layer 2, unit 3")
    figure = frame_figure(session)
    assert len(figure.axes) == 4  # network, large view, costs, colour scale


def test_save_and_load_keep_parameters_configuration_and_points(tmp_path):
    settings = replace(SHORT, dataset="blobs, 4 classes", seed=3)
    session = TrainingSession(settings).run()
    path = tmp_path / "run.npz"
    save_run(session, path)
    with np.load(path, allow_pickle=False) as archive:
        assert str(archive["configuration"]) == settings.to_text()
    loaded = load_run(path)
    assert loaded.settings == settings and loaded.iteration == 200
    assert same_params(loaded.params, session.params)
    assert loaded.accuracies() == session.accuracies()
    # the configuration alone retrains to the same parameters
    assert same_params(TrainingSession(loaded.settings).run().params, session.params)


def test_loading_something_else_says_what_it_is_not(tmp_path):
    np.savez(tmp_path / "other.npz", W1=np.zeros((2, 2)))
    with pytest.raises(ValueError, match="holds no playground configuration"):
        load_run(tmp_path / "other.npz")
    with pytest.raises(ValueError, match="not a playground .npz file"):
        load_run(b"hello")


def test_the_formulas_follow_the_network_and_the_optimiser():
    session = TrainingSession(replace(SHORT, hidden_layers=1, units=5, optimizer="adam", learning_rate=0.003))
    html = formulas_html(session.settings, session.layer_dims, 280)
    assert r"\underbrace{W^{[1]}}_{(5, 2)}" in html and r"\underbrace{W^{[2]}}_{(1, 5)}" in html
    assert r"A^{[2]} = \sigma(Z^{[2]})" in html and "Adam" in html and r"\beta_2 = 0.999" in html
    assert "all m = 280 training points" in html
    three = TrainingSession(replace(SHORT, dataset="spiral, 3 arms"))
    assert r"\mathrm{softmax}" in formulas_html(three.settings, three.layer_dims) and "3 classes" in formulas_html(
        three.settings, three.layer_dims)
    assert "W^{[l]} - \\alpha \\, dW^{[l]}" in formulas_html(SHORT, [2, 24, 24, 1])
