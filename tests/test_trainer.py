import math

import numpy as np
import pytest

from dnn_helpers import TrainingDiverged, dnn, initialize_parameters
from dnn_helpers.data import make_dataset, one_hot, split_data
from dnn_helpers.trainer import evaluate_cost, predict_classes, train

X, Y = make_dataset("moons", n_samples=300, noise=0.2, seed=0)


def test_gradient_descent_on_full_batches_is_dnn():
    p_train, history = train(X, Y, [2, 5, 1], optimizer="gd", learning_rate=0.3, num_epochs=50, batch_size=300)
    p_dnn, _ = dnn(X, Y, [2, 5, 1], learning_rate=0.3, num_iterations=50)
    for key in p_dnn:
        np.testing.assert_allclose(p_train[key], p_dnn[key], rtol=1e-12)
    assert len(history["cost"]) == 50


@pytest.mark.parametrize("optimizer, rate", [("gd", 0.5), ("momentum", 0.5), ("rmsprop", 0.01), ("adam", 0.01)])
def test_every_optimizer_learns_the_moons(optimizer, rate):
    params, history = train(X, Y, [2, 16, 1], optimizer=optimizer, learning_rate=rate, num_epochs=100, batch_size=32)
    assert history["cost"][-1] < 0.5 * history["cost"][0]
    # logistic regression stops at 87% on these moons: the hidden layer must bend the boundary
    assert np.mean(predict_classes(X, params, output_activation="sigmoid") == Y[0]) > 0.95


def test_partial_last_batch_and_decay():
    _, history = train(X, Y, [2, 4, 1], learning_rate=0.01, num_epochs=3, batch_size=128, decay_rate=1.0)
    assert history["learning_rate"] == pytest.approx([0.01, 0.005, 0.01 / 3])


def test_early_stopping_returns_the_best_epoch():
    (X_train, Y_train), (X_val, Y_val) = split_data(X, Y, fractions=(0.2, 0.8), seed=1)
    params, history = train(X_train, Y_train, [2, 64, 64, 1], learning_rate=0.01, num_epochs=300, batch_size=60,
                            X_val=X_val, Y_val=Y_val, patience=10)
    assert history["stopped_early"]
    best = history["best_epoch"]
    assert len(history["val_cost"]) == best + 11
    assert history["val_cost"][best] == min(history["val_cost"])
    assert evaluate_cost(X_val, Y_val, params) == pytest.approx(history["val_cost"][best], rel=1e-12)


def test_l2_shrinks_the_weights():
    small, _ = train(X, Y, [2, 16, 1], learning_rate=0.01, num_epochs=20, batch_size=32)
    shrunk, _ = train(X, Y, [2, 16, 1], learning_rate=0.01, num_epochs=20, batch_size=32, lambd=5.0)
    assert np.linalg.norm(shrunk["W1"]) < 0.8 * np.linalg.norm(small["W1"])


def test_divergence_is_reported():
    with pytest.raises(TrainingDiverged, match="Lower the learning rate"):
        train(X, Y, [2, 32, 32, 1], optimizer="gd", learning_rate=500.0, num_epochs=5, batch_size=300)


def test_softmax_on_three_blobs_and_label_errors():
    rng = np.random.default_rng(0)
    centres = np.array([[0, 3, -3], [3, -2, -2]])
    y = rng.integers(0, 3, size=300)
    X3 = centres[:, y] + rng.normal(scale=0.7, size=(2, 300))
    params, history = train(X3, one_hot(y, 3), [2, 8, 3], output_activation="softmax", learning_rate=0.01,
                            num_epochs=20, batch_size=32)
    assert history["cost"][0] < math.log(3) + 0.5  # the first epoch already starts near ln 3 and falls
    assert np.mean(predict_classes(X3, params) == y) > 0.95
    with pytest.raises(ValueError, match=r"one_hot\(Y, C\)"):
        train(X3, y, [2, 8, 3], output_activation="softmax")
    with pytest.raises(ValueError, match=r"layer_dims\[-1\] must be 1, got 3\. For 3 classes use one-hot labels and "
                       r"trainer\.train with output_activation='softmax'"):
        train(X3, one_hot(y, 3), [2, 8, 3])


def test_early_stopping_needs_validation_data():
    with pytest.raises(ValueError, match="pass X_val and Y_val with patience"):
        train(X, Y, [2, 4, 1], patience=3)


def test_float32_training_stays_float32_and_agrees_with_float64():
    arguments = dict(optimizer="adam", learning_rate=0.01, num_epochs=20, batch_size=32)
    p32, h32 = train(X.astype(np.float32), Y, [2, 8, 1], dtype=np.float32, **arguments)
    p64, h64 = train(X, Y, [2, 8, 1], **arguments)
    assert all(value.dtype == np.float32 for value in p32.values())
    assert all(value.dtype == np.float64 for value in p64.values())
    # float32 rounding only: a wrong step would move the costs by 1e-2 or more
    np.testing.assert_allclose(h32["cost"], h64["cost"], rtol=1e-4)


def test_full_batch_and_given_parameters_as_in_dnn():
    start = {key: value * 0.5 for key, value in initialize_parameters([2, 5, 1], seed=9).items()}
    p_train, history = train(X, Y, [2, 5, 1], optimizer="gd", learning_rate=0.3, num_epochs=30, batch_size=None,
                             initial_params=start)
    p_dnn, costs = dnn(X, Y, [2, 5, 1], learning_rate=0.3, num_iterations=30, record_every=1, initial_params=start)
    np.testing.assert_allclose(history["cost"], costs, rtol=1e-12)
    for key in p_dnn:
        np.testing.assert_allclose(p_train[key], p_dnn[key], rtol=1e-12)


def test_patience_must_be_a_count():
    (X_train, Y_train), (X_val, Y_val) = split_data(X, Y, fractions=(0.5, 0.5), seed=1)
    with pytest.raises(ValueError, match="patience must be at least 1, got 0"):
        train(X_train, Y_train, [2, 4, 1], X_val=X_val, Y_val=Y_val, patience=0)
