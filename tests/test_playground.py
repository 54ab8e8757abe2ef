"""The playground's logic and its wiring, without a browser."""

import numpy as np
import pytest

from dnn_helpers.playground import Playground, Settings, make_data, train_and_draw


def test_default_run_learns_the_spiral():
    result = train_and_draw(Settings())
    assert result.figure is not None and len(result.figure.axes) >= 2
    assert result.train_accuracy > 0.95 and result.test_accuracy > 0.9
    assert result.message == (
        f"train accuracy {result.train_accuracy:.1%}, test accuracy {result.test_accuracy:.1%}"
    )


def test_no_hidden_layer_cannot_separate_the_spiral():
    result = train_and_draw(Settings(hidden_layers=0))
    assert result.test_accuracy < 0.75  # a straight line: about as good as a coin on a spiral


def test_data_split_and_standardisation():
    X_train, Y_train, X_test, Y_test = make_data(Settings(train_fraction=0.7, n_samples=400))
    assert X_train.shape == (2, 280) and X_test.shape == (2, 120) and Y_test.shape == (1, 120)
    np.testing.assert_allclose(X_train.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(X_train.std(axis=1), 1, rtol=1e-12)


def test_divergence_gives_a_message_and_no_plot():
    result = train_and_draw(Settings(learning_rate=10.0))
    assert result.figure is None
    assert result.message.startswith("No plot: training diverged") and "Lower the learning rate" in result.message


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "leaky_relu"])
def test_every_activation_trains(activation):
    result = train_and_draw(Settings(dataset="moons", activation=activation, learning_rate=0.3))
    assert result.test_accuracy > 0.85


def test_moving_a_slider_retrains_and_updates_the_readout():
    playground = Playground()
    first = playground.readout.value
    assert first.startswith(f"<b>train accuracy {playground.result.train_accuracy:.1%}")
    assert playground.plot.outputs[0]["data"]["image/png"]
    playground.controls["hidden_layers"].value = 0
    assert playground.settings().layer_dims == [2, 1]
    assert playground.result.test_accuracy < 0.75 and playground.readout.value != first
    playground.controls["hidden_layers"].value = 2
    diagram = playground.diagram.outputs[0]["data"]["image/png"]
    playground.controls["learning_rate"].value = 10.0
    assert playground.plot.outputs == () and "Lower the learning rate" in playground.readout.value
    # the diagram is redrawn only when the shape of the network changes
    assert playground.diagram.outputs[0]["data"]["image/png"] == diagram


def test_train_button_retrains_with_the_current_settings():
    playground = Playground(Settings(dataset="xor", iterations=300))
    playground.controls["seed"].unobserve_all()  # change a setting without retraining
    playground.controls["seed"].value = 3
    before = playground.result
    playground.train_button.click()
    assert playground.result is not before
    assert repr(playground).startswith("Playground(Settings(dataset='xor'") and "seed=3" in repr(playground)


def test_mini_batches_from_the_dropdown():
    result = train_and_draw(Settings(dataset="circles", batch_size="32", learning_rate=0.3, iterations=500))
    assert result.test_accuracy > 0.9


def test_optimiser_l2_and_dropout_controls_use_the_trainer():
    adam = train_and_draw(Settings(optimizer="adam", learning_rate=0.01, batch_size="32"))
    assert adam.test_accuracy > 0.9
    iterations = adam.figure.axes[0].lines[0].get_xdata()
    assert iterations[0] == 0 and iterations[1] == 10  # the fast path records every 10 iterations
    # the same settings with tanh (no fast path for it): trainer.train, one cost per epoch
    adam_tanh = train_and_draw(Settings(optimizer="adam", learning_rate=0.01, batch_size="32", activation="tanh"))
    iterations = adam_tanh.figure.axes[0].lines[0].get_xdata()
    assert iterations[0] == 9 and iterations[1] == 18  # 280 training points: 9 mini-batches of 32 per epoch
    # a strong L2 penalty keeps the weights small: the boundary cannot follow the spiral any more
    assert train_and_draw(Settings(l2_strength=2.0)).test_accuracy < adam.test_accuracy
    dropout = train_and_draw(Settings(keep_prob=0.8, optimizer="adam", learning_rate=0.01))
    assert dropout.figure is not None and dropout.test_accuracy > 0.8


def test_new_controls_are_wired():
    playground = Playground(Settings(iterations=300))
    playground.controls["optimizer"].value = "momentum"
    playground.controls["l2_strength"].value = 0.1
    assert playground.settings().optimizer == "momentum" and playground.settings().l2_strength == 0.1
    assert playground.result.figure is not None
