"""The fast training path computes what the lesson functions compute."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dnn_helpers import (
    TrainingDiverged,
    accuracy,
    backward_propagation,
    dnn,
    forward_propagation,
    initialize_parameters,
    predict,
    update_parameters,
)
from dnn_helpers.data import make_dataset
from dnn_helpers.fast import train_fast
from dnn_helpers.trainer import train
from dnn_helpers.training import minibatch_indices

X, Y = make_dataset("flower", n_samples=200, seed=3)


def relative_difference(a, b):
    return np.linalg.norm(a - b) / np.linalg.norm(b)


@pytest.mark.parametrize("activation", ["relu", "leaky_relu"])
@pytest.mark.parametrize("batch_size", [None, 32, 64])
def test_every_step_equals_the_lesson_step_in_float64(activation, batch_size):
    dims = [2, 7, 5, 1]
    rng = np.random.default_rng(0)
    params = initialize_parameters(dims, seed=rng)
    batches = minibatch_indices(200, batch_size or 200, rng)
    for step in range(1, 8):  # 200 = 3 * 64 + 8: step 4 is a partial mini-batch
        # the lesson functions, one step at a time, on the mini-batch that train_fast visits at this step
        columns = next(batches)
        Xb, Yb = X[:, columns], Y[:, columns]
        AL, caches = forward_propagation(Xb, params, activation)
        params = update_parameters(params, backward_propagation(AL, Yb, caches), 0.5)
        fast, _ = train_fast(X, Y, dims, 0.5, step, hidden_activation=activation, dtype=np.float64,
                             batch_size=batch_size)
        for key in params:
            assert relative_difference(fast[key], params[key]) < 1e-10, (step, key)


def test_same_costs_and_result_as_dnn_with_a_partial_last_batch():
    # 200 = 3 * 64 + 8: every pass ends with a mini-batch of 8 examples
    p_lesson, c_lesson = dnn(X, Y, [2, 16, 8, 1], 0.3, 500, batch_size=64, record_every=50)
    p_fast, c_fast = train_fast(X, Y, [2, 16, 8, 1], 0.3, 500, batch_size=64, record_every=50, dtype=np.float64)
    np.testing.assert_allclose(c_fast, c_lesson, rtol=1e-10)
    for key in p_lesson:
        assert relative_difference(p_fast[key], p_lesson[key]) < 1e-9


def test_float32_training_reaches_the_float64_result():
    p64, c64 = dnn(X, Y, [2, 16, 16, 1], 0.3, 1000)
    p32, c32 = train_fast(X, Y, [2, 16, 16, 1], 0.3, 1000)
    assert all(value.dtype == np.float32 for value in p32.values())
    # Rounding differences grow through 1,000 steps (ReLU kinks amplify them), by an amount that depends
    # on the BLAS kernel. Measured 2026-12 under OPENBLAS_CORETYPE=Haswell, Zen, Sandybridge, Prescott and
    # SkylakeX, with 2 threads, and with numpy 1.26.0 (scripts/check_portability.py's configurations):
    # recorded costs up to 1.34% apart, parameters up to 0.42% (b1), accuracy up to 1 of the 200 points.
    # The bounds leave about twice that.
    np.testing.assert_allclose(c32, c64, rtol=3e-2)
    for key in p64:
        assert relative_difference(p32[key].astype(np.float64), p64[key]) < 1e-2
    assert abs(accuracy(predict(X, p32), Y) - accuracy(predict(X, p64), Y)) <= 0.02


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "rmsprop", "adam"])
def test_each_optimiser_gives_the_result_of_trainer_train(optimizer):
    # 200 examples in batches of 64: 4 steps per epoch, the last one of 8 examples
    reference, history = train(X, Y, [2, 9, 6, 1], optimizer=optimizer, learning_rate=0.01, num_epochs=5,
                               batch_size=64)
    fast, _ = train_fast(X, Y, [2, 9, 6, 1], 0.01, 5 * 4, batch_size=64, optimizer=optimizer, dtype=np.float64)
    for key in reference:
        assert relative_difference(fast[key], reference[key]) < 1e-10, key
    # and the optimiser mattered: its parameters are not those of plain gradient descent
    if optimizer != "gd":
        plain, _ = train_fast(X, Y, [2, 9, 6, 1], 0.01, 5 * 4, batch_size=64, dtype=np.float64)
        assert relative_difference(fast["W1"], plain["W1"]) > 1e-3


def test_unknown_optimiser_is_named():
    with pytest.raises(ValueError, match=r"unknown optimiser 'sgd'; choose one of 'gd', 'momentum'"):
        train_fast(X, Y, [2, 3, 1], 0.1, 10, optimizer="sgd")


@pytest.mark.parametrize("optimizer", ["gd", "adam"])
def test_inputs_that_are_zero_in_every_example_are_skipped_exactly(optimizer):
    # five inputs: the two of the flower, and three that are blank in every example (like a border pixel);
    # input 3 is 0 except in one example, so it must be kept
    X5 = np.zeros((5, X.shape[1]))
    X5[[0, 2]] = X
    X5[3, 17] = 1.5
    dims = [5, 8, 1]
    initial = initialize_parameters(dims, seed=np.random.default_rng(0))
    skipped, c_skipped = train_fast(X5, Y, dims, 0.05, 40, batch_size=64, optimizer=optimizer, dtype=np.float64)
    every, c_every = train_fast(X5, Y, dims, 0.05, 40, batch_size=64, optimizer=optimizer, dtype=np.float64,
                                skip_zero_inputs=False)
    lesson, _ = dnn(X5, Y, dims, 0.05, 40, batch_size=64) if optimizer == "gd" else (every, None)
    np.testing.assert_allclose(c_skipped, c_every, rtol=1e-12)
    for key in every:
        assert relative_difference(skipped[key], every[key]) < 1e-12, key
        assert relative_difference(skipped[key], lesson[key]) < 1e-10, key
    # the weights of the blank inputs are exactly their initial values; those of the others moved
    np.testing.assert_array_equal(skipped["W1"][:, [1, 4]], initial["W1"][:, [1, 4]])
    assert np.all(skipped["W1"][:, [0, 2]] != initial["W1"][:, [0, 2]])
    assert np.any(skipped["W1"][:, 3] != initial["W1"][:, 3])  # units active on example 17


def test_print_cost_prints_what_dnn_prints(capsys):
    dnn(X, Y, [2, 5, 1], 0.3, 250, record_every=100, print_cost=True)
    lesson = capsys.readouterr().out
    train_fast(X, Y, [2, 5, 1], 0.3, 250, record_every=100, print_cost=True, dtype=np.float64)
    assert capsys.readouterr().out == lesson
    assert lesson.count("Cost after iteration") == 3  # iterations 0, 100 and 200


def test_divergence_is_reported_like_dnn():
    with pytest.raises(TrainingDiverged, match="Lower the learning rate"):
        train_fast(X, Y, [2, 30, 30, 1], 100.0, 100)


def test_unsupported_activation_points_to_dnn():
    with pytest.raises(ValueError, match=r"supports the hidden activations \('relu', 'leaky_relu'\), got 'tanh'; use dnn"):
        train_fast(X, Y, [2, 3, 1], 0.1, 10, hidden_activation="tanh")


def test_input_checks_are_shared_with_dnn():
    with pytest.raises(ValueError, match=r"pass X\.T"):
        train_fast(X.T, Y, [2, 3, 1], 0.1, 10)


def test_benchmark_script_runs():
    script = Path(__file__).resolve().parent.parent / "scripts" / "benchmark.py"
    result = subprocess.run([sys.executable, str(script), "--quick", "--no-contenders"],
                            capture_output=True, text=True, timeout=300, check=True)
    assert "| fast path (train_fast, float32) |" in result.stdout
    assert "playground retrain" in result.stdout
    assert "| fast path (FastLSTM, float32) |" in result.stdout  # the recurrent part
    assert "| lesson path (lstm_loss_and_gradients, float64) |" in result.stdout


@pytest.mark.parametrize("optimizer", ["gd", "adam"])
def test_starting_from_given_parameters_as_dnn_and_trainer_train_do(optimizer):
    start = {key: value * 0.7 for key, value in initialize_parameters([2, 9, 1], seed=11).items()}
    kept = {key: value.copy() for key, value in start.items()}
    fast, _ = train_fast(X, Y, [2, 9, 1], 0.05, 4 * 6, batch_size=64, optimizer=optimizer, dtype=np.float64,
                         initial_params=start)
    if optimizer == "gd":
        reference, _ = dnn(X, Y, [2, 9, 1], 0.05, 4 * 6, batch_size=64, initial_params=start)
    else:
        reference, _ = train(X, Y, [2, 9, 1], optimizer=optimizer, learning_rate=0.05, num_epochs=6, batch_size=64,
                             initial_params=start)
    for key in reference:
        assert relative_difference(fast[key], reference[key]) < 1e-10, key
        np.testing.assert_array_equal(start[key], kept[key])  # the given parameters are left as they were
