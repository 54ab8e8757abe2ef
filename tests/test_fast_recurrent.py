"""The fast recurrent training path computes what the lesson functions compute.

Reference: one_hot_sequence + lstm_loss_and_gradients (or rnn_loss_and_gradients), clip_gradients and
Optimizer(...).step, with the final state handed to the next chunk. In float64 the fast path agrees
with it to 1e-10 (measured: about 1e-16 for costs, gradients and parameters). In float32 it was
measured (V = 65, n_h = 32, m = 8, T = 20, 5 Adam steps, 3 seeds) within 2.5e-8 of the cost,
3.2e-7 of the gradients and 8.6e-6 of the parameters (relative): the bounds below leave a margin.
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dnn_helpers import TrainingDiverged
from dnn_helpers.fast_recurrent import FastLSTM, FastRNN
from dnn_helpers.lstm import initialize_lstm_parameters, lstm_loss_and_gradients
from dnn_helpers.optimizers import Optimizer
from dnn_helpers.rnn import clip_gradients, initialize_rnn_parameters, rnn_loss_and_gradients
from dnn_helpers.text import one_hot_sequence

N_X, N_H, N_Y, M, T = 7, 5, 6, 4, 6  # all different, so that a wrong axis shows
MAX_NORM = {"lstm": 0.3, "rnn": 0.6}  # between the smallest and the largest gradient norm of the runs below


def relative(a, b):
    return float(np.linalg.norm(np.asarray(a) - b) / np.linalg.norm(b))


def worst(found, expected):
    """The largest relative difference over the arrays of two dicts with the same keys."""
    assert found.keys() == expected.keys()
    return max(relative(found[key], expected[key]) for key in expected)


def problem(kind, seed, n_x=N_X, n_h=N_H, n_y=N_Y):
    """Parameters with non-zero biases and a random non-zero starting state."""
    rng = np.random.default_rng(seed)
    if kind == "lstm":
        params = initialize_lstm_parameters(n_x, n_h, n_y, seed=rng)
    else:
        params = initialize_rnn_parameters(n_x, n_h, n_y, seed=rng)
    params = {key: value + rng.normal(scale=0.3, size=value.shape) if key[0] == "b" else value
              for key, value in params.items()}
    state = tuple(rng.normal(scale=0.5, size=(n_h, M)) for _ in range(2 if kind == "lstm" else 1))
    return params, state, rng


def lesson_step(kind, inputs, targets, state, params):
    """Cost, gradients and the next state from the lesson functions."""
    if kind == "lstm":
        cost, grads, state = lstm_loss_and_gradients(one_hot_sequence(inputs, params["Wxi"].shape[1]), targets,
                                                     *state, params)
        return cost, grads, state
    cost, grads, h = rnn_loss_and_gradients(inputs, targets, state[0], params)
    return cost, grads, (h,)


def trainer_for(kind, params, **options):
    options = {"batch_size": M, "steps": T, "learning_rate": 0.01, **options}
    return (FastLSTM if kind == "lstm" else FastRNN)(params, **options)


def chunk(rng, length=T, n_x=N_X, n_y=N_Y):
    return rng.integers(0, n_x, size=(length, M)), rng.integers(0, n_y, size=(length, M))


@pytest.mark.parametrize("kind", ["lstm", "rnn"])
@pytest.mark.parametrize("seed", [0, 1])
def test_training_steps_equal_the_lesson_steps_in_float64(kind, seed):
    params, state, rng = problem(kind, seed)
    trainer = trainer_for(kind, params, max_norm=MAX_NORM[kind], dtype=np.float64)
    trainer.reset_state(*state)
    optimizer = Optimizer("adam", params)
    norms = []
    for length in (T, T, T - 2, T, 1):  # a shorter chunk, and a chunk of one step
        inputs, targets = chunk(rng, length)
        cost, grads, state = lesson_step(kind, inputs, targets, state, params)
        clipped, norm = clip_gradients(grads, MAX_NORM[kind])
        norms.append(norm)
        params = optimizer.step(params, clipped, 0.01)
        fast_cost = trainer.step(inputs, targets)
        assert abs(fast_cost - cost) <= 1e-10 * cost
        assert worst(trainer.parameters(), params) < 1e-10
        found_state = trainer.state if kind == "lstm" else (trainer.state,)
        assert max(relative(a, b) for a, b in zip(found_state, state)) < 1e-10  # carried to the next chunk
    assert min(norms) < MAX_NORM[kind] < max(norms)  # some steps were clipped, some not


@pytest.mark.parametrize("kind", ["lstm", "rnn"])
def test_cost_and_gradients_equal_the_lesson_functions_in_float64(kind):
    params, state, rng = problem(kind, 2)
    trainer = trainer_for(kind, params, dtype=np.float64)
    trainer.reset_state(*state)
    for length in (T, 3):
        inputs, targets = chunk(rng, length)
        cost, grads, state = lesson_step(kind, inputs, targets, state, params)
        fast_cost, fast_grads = trainer.loss_and_gradients(inputs, targets)
        assert abs(fast_cost - cost) <= 1e-10 * cost
        assert worst(fast_grads, grads) < 1e-10
    assert worst(trainer.parameters(), params) == 0  # no update


@pytest.mark.parametrize("name", ["gd", "momentum", "rmsprop"])
def test_the_other_optimisers_step_like_optimizer(name):
    params, state, rng = problem("lstm", 3)
    trainer = trainer_for("lstm", params, optimizer=name, max_norm=None, learning_rate=0.05, dtype=np.float64)
    trainer.reset_state(*state)
    optimizer = Optimizer(name, params)
    for _ in range(3):
        inputs, targets = chunk(rng)
        _, grads, state = lesson_step("lstm", inputs, targets, state, params)
        params = optimizer.step(params, grads, 0.05)
        trainer.step(inputs, targets)
    assert worst(trainer.parameters(), params) < 1e-10


@pytest.mark.parametrize("kind", ["lstm", "rnn"])
def test_float32_stays_close_to_the_lesson_in_float64(kind):
    V, n_h = 65, 32
    params, _, rng = problem(kind, 4, n_x=V, n_h=n_h, n_y=V)
    trainer = trainer_for(kind, params, steps=20, max_norm=1.0)  # float32, the default
    state = tuple(np.zeros((n_h, M)) for _ in range(2 if kind == "lstm" else 1))
    optimizer = Optimizer("adam", params)
    for step in range(5):
        inputs, targets = chunk(rng, 20, V, V)
        cost, grads, state = lesson_step(kind, inputs, targets, state, params)
        if step == 0:
            fast_cost, fast_grads = trainer.loss_and_gradients(inputs, targets)
            assert abs(fast_cost - cost) < 1e-6 * cost
            assert worst(fast_grads, grads) < 3e-6
            trainer.reset_state()
        params = optimizer.step(params, clip_gradients(grads, 1.0)[0], 0.01)
        assert abs(trainer.step(inputs, targets) - cost) < 1e-6 * cost
    found = trainer.parameters()
    assert all(value.dtype == np.float32 for value in found.values())
    assert worst(found, params) < 1e-4


@pytest.mark.parametrize("kind", ["lstm", "rnn"])
def test_parameters_come_back_unchanged_before_any_step(kind):
    params, _, _ = problem(kind, 5)
    found = trainer_for(kind, params, dtype=np.float64).parameters()
    assert list(found) == list(params)
    assert all(np.array_equal(found[key], params[key]) for key in params)
    found[next(iter(found))] += 1  # a copy: the trainer's own arrays are not touched
    assert worst(trainer_for(kind, params, dtype=np.float64).parameters(), params) == 0


def test_the_state_is_carried_and_reset():
    params, state, rng = problem("lstm", 6)
    trainer = trainer_for("lstm", params, dtype=np.float64)
    assert all(np.array_equal(s, np.zeros((N_H, M))) for s in trainer.state)  # starts at rest
    inputs, targets = chunk(rng)
    first_cost = trainer.step(inputs, targets)
    assert not np.allclose(trainer.state[0], 0)
    trainer.reset_state()
    assert all(np.array_equal(s, np.zeros((N_H, M))) for s in trainer.state)
    trainer.reset_state(*state)
    assert all(np.array_equal(found, given) for found, given in zip(trainer.state, state))
    rnn = trainer_for("rnn", problem("rnn", 6)[0])
    assert rnn.state.shape == (N_H, M) and first_cost > 0


def test_bad_input_gets_a_clear_error():
    params, _, rng = problem("lstm", 7)
    trainer = trainer_for("lstm", params)
    inputs, targets = chunk(rng)
    with pytest.raises(TypeError, match="integer symbol indices.*one-hot sequence"):
        trainer.step(one_hot_sequence(inputs, N_X), targets)
    with pytest.raises(ValueError, match=r"inputs\[0, 1\] = 7 is outside the vocabulary: indices must lie in 0 \.\. 6"):
        trainer.step(np.where(np.arange(M) == 1, N_X, inputs), targets)
    with pytest.raises(ValueError, match="targets.*outside the vocabulary.*0 .. 5"):
        trainer.step(inputs, targets + N_Y)
    with pytest.raises(ValueError, match=r"T <= 6 steps and m = 4 sequences.*got \(4, 6\)\. It looks transposed"):
        trainer.step(inputs.T, targets.T)
    with pytest.raises(ValueError, match=r"inputs must have shape \(T, m\) with T <= 6.*got \(7, 4\)"):
        trainer.step(chunk(rng, T + 1)[0], chunk(rng, T + 1)[1])
    with pytest.raises(ValueError, match="inputs and targets must have the same shape"):
        trainer.step(inputs, targets[:-1])
    with pytest.raises(ValueError, match="inputs is empty"):
        trainer.step(inputs[:0], targets[:0])
    with pytest.raises(ValueError, match=r"h0 must have shape \(n_h, m\) = \(5, 4\).*It looks transposed"):
        trainer.reset_state(np.zeros((M, N_H)), np.zeros((N_H, M)))
    with pytest.raises(ValueError, match="reset_state takes no state .zeros. or 2 arrays"):
        trainer.reset_state(np.zeros((N_H, M)))


def test_bad_settings_get_a_clear_error():
    params, _, _ = problem("lstm", 8)
    with pytest.raises(ValueError, match=r"Whf has shape \(3, 3\), but n_x = 7 and n_h = 5"):
        FastLSTM({**params, "Whf": np.zeros((3, 3))}, M, T, 0.01)
    with pytest.raises(ValueError, match="params has no 'Why'"):
        FastLSTM({key: value for key, value in params.items() if key != "Why"}, M, T, 0.01)
    with pytest.raises(ValueError, match=r"Whh must have shape \(5, 5\)"):
        FastRNN({**problem("rnn", 8)[0], "Whh": np.zeros((4, 4))}, M, T, 0.01)
    with pytest.raises(ValueError, match="unknown optimiser 'adagrad'"):
        FastLSTM(params, M, T, 0.01, optimizer="adagrad")
    with pytest.raises(TypeError, match="dtype must be np.float64 .exact. or np.float32"):
        FastLSTM(params, M, T, 0.01, dtype=np.float16)
    with pytest.raises(ValueError, match="learning_rate must be a finite number greater than 0"):
        FastLSTM(params, M, T, 0)
    with pytest.raises(ValueError, match="max_norm must be a finite number greater than 0.*None for no clipping"):
        FastLSTM(params, M, T, 0.01, max_norm=-1)
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        FastLSTM(params, 0, T, 0.01)


def test_a_diverging_step_stops_and_leaves_the_parameters():
    params, _, rng = problem("lstm", 9)
    params["Why"][0, 0] = np.inf  # the logits become inf and NaN
    trainer = trainer_for("lstm", params, dtype=np.float64)
    with pytest.raises(TrainingDiverged, match="the cost became nan .* Lower the learning rate"):
        trainer.step(*chunk(rng))
    found = trainer.parameters()
    assert found["Why"][0, 0] == np.inf and np.array_equal(found["Wxi"], params["Wxi"])


def test_the_benchmark_replaces_only_the_part_it_ran(tmp_path):
    script = Path(__file__).resolve().parent.parent / "scripts" / "benchmark.py"
    report = tmp_path / "RESULTS.md"
    report.write_text("# Training speed, 2000-01-01\n\nthe feed-forward tables\n")
    command = [sys.executable, str(script), "--part", "recurrent", "--quick", "--no-contenders", "--output", str(report)]
    for _ in range(2):  # the second run replaces the recurrent part of the first
        subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
        text = report.read_text()
        assert text.startswith("# Training speed, 2000-01-01\n\nthe feed-forward tables\n\n# Recurrent training speed")
        assert text.count("# Recurrent training speed") == 1
        assert "| fast path (FastLSTM, float32) |" in text and "- PyTorch is not installed" in text
