"""Tests for dnn_helpers.lstm_language_model and the LSTM run of scripts/train_language_model.py.

The training loop against the lesson's own functions step by step (with an epoch's reset inside
the run); scores of models whose predictions are known by hand; the states carried across windows
against one pass over each whole stream; sampling from an LSTM built by hand; and the stored long
run against the script that made it and against the RNN it must beat.
"""

import hashlib
import math

import numpy as np
import pytest

from dnn_helpers.language_model import (initialize_adam, load_language_model, make_batches, next_window,
                                        number_of_windows, sample, text8_splits)
from dnn_helpers.lstm import initialize_lstm_parameters, lstm_forward, lstm_loss_and_gradients
from dnn_helpers.lstm_language_model import (LSTM_LANGUAGE_MODEL_FILE, LSTM_LANGUAGE_MODEL_SHA256,
                                             load_lstm_language_model, lstm_bits_per_character,
                                             train_lstm_language_model)
from dnn_helpers.optimizers import update_parameters_with_adam
from dnn_helpers.rnn import clip_gradients, initialize_rnn_parameters, rnn_output_forward, sequence_cost
from dnn_helpers.text import TEXT8_VOCABULARY, one_hot_sequence

from script_modules import load_script

V = TEXT8_VOCABULARY.size


def small_lstm(n_x=5, n_h=4, seed=0):
    rng = np.random.default_rng(seed)
    params = initialize_lstm_parameters(n_x, n_h, n_x, seed=seed)
    for key in params:
        if key[0] == "b":
            params[key] = params[key] + rng.normal(scale=0.5, size=params[key].shape)
    return params, rng


def successor_lstm(strength=20.0):
    """An LSTM over the 27 symbols that predicts (s + 1) mod 27 after symbol s, nearly for certain.

    i = o = sigmoid(20) ~ 1 and f = sigmoid(-20) ~ 0 whatever the input, so c_t = g_t = tanh(5 x_t):
    unit s holds the current symbol, h_t = tanh(c_t) ~ 0.76 there; Why maps unit s to logit s + 1.
    """
    params = {key: np.zeros_like(value) for key, value in initialize_lstm_parameters(V, V, V).items()}
    params["bi"][:], params["bo"][:], params["bf"][:] = 20.0, 20.0, -20.0
    params["Wxg"] = 5.0 * np.eye(V)
    params["Why"] = strength * np.roll(np.eye(V), 1, axis=0)
    return params


# ---------------------------------------------------------------- training


def test_the_loop_is_the_lesson_functions_with_the_state_carried_and_reset_per_epoch():
    params, rng = small_lstm(seed=3)
    batches = make_batches(rng.integers(0, 5, size=46), 3)  # L = 15: 3 windows of T = 4, then a new epoch
    assert number_of_windows(batches, 4) == 3
    trained, costs, curve = train_lstm_language_model(params, batches, 4, 7, 0.05, 0.5)
    # the reference: the lesson's LSTM, clipping and Adam, h and c carried, both zeros again at step 3 and 6
    reference, adam, state = dict(params), initialize_adam(params), None
    expected = []
    for step in range(7):
        if step % 3 == 0:
            state = (np.zeros((4, 3)), np.zeros((4, 3)))
        inputs, targets = next_window(batches, (step % 3) * 4, 4)
        cost, grads, state = lstm_loss_and_gradients(one_hot_sequence(inputs, 5), targets, *state, reference)
        grads, _ = clip_gradients(grads, 0.5)
        reference, adam["v"], adam["s"] = update_parameters_with_adam(reference, grads, adam["v"], adam["s"],
                                                                      step + 1, 0.05)
        expected.append(cost)
    np.testing.assert_allclose(costs, expected, rtol=1e-12)
    assert set(trained) == set(params)
    for key in params:
        np.testing.assert_allclose(trained[key], reference[key], rtol=1e-11, atol=1e-14, err_msg=key)
        assert not np.array_equal(trained[key], params[key]), f"{key} was never updated"
    assert curve == []


def test_the_loop_scores_validation_before_the_first_step_and_every_eval_every_steps():
    params, rng = small_lstm(seed=1)
    batches = make_batches(rng.integers(0, 5, size=200), 4)
    validation = rng.integers(0, 5, size=64)
    before = lstm_bits_per_character(params, validation)
    trained, _, curve = train_lstm_language_model(params, batches, 5, 6, 0.02, 5.0, validation=validation,
                                                  eval_every=3)
    assert [step for step, _ in curve] == [0, 3, 6]
    assert curve[0][1] == pytest.approx(before, rel=1e-15)
    assert curve[-1][1] == pytest.approx(lstm_bits_per_character(trained, validation), rel=1e-15)


def test_the_loop_learns_a_repeating_text():
    text = TEXT8_VOCABULARY.encode("to be or not " * 80)
    params = initialize_lstm_parameters(V, 24, V, seed=0)
    trained, costs, _ = train_lstm_language_model(params, make_batches(text, 8), 20, 150, 0.02, 5.0)
    assert costs[0] > 3.0  # about ln 27 = 3.30 at the start
    assert lstm_bits_per_character(trained, text, batch_size=1) < 0.1  # each next symbol is determined


def test_the_loop_refuses_batches_that_are_not_streams_and_rnn_parameters():
    params, _ = small_lstm()
    with pytest.raises(ValueError, match=r"batches must have shape \(L, m\).*make_batches"):
        train_lstm_language_model(params, np.arange(5), 3, 5, 0.01, 5.0)
    with pytest.raises(ValueError, match=r"batches\[.*\] = 7 is outside the vocabulary"):
        train_lstm_language_model(params, np.full((10, 2), 7), 3, 5, 0.01, 5.0)
    with pytest.raises(ValueError, match=r"params has no 'Wxi'.*initialize_lstm_parameters"):
        train_lstm_language_model(initialize_rnn_parameters(5, 4, 5), np.zeros((10, 2), dtype=int), 3, 5, 0.01, 5.0)
    with pytest.raises(ValueError, match=r"params has no 'Wxi'"):
        lstm_bits_per_character(initialize_rnn_parameters(5, 4, 5), np.arange(5))


# ---------------------------------------------------------------- scoring and sampling


def test_bits_per_character_of_an_lstm_that_ignores_its_input():
    text = np.random.default_rng(0).integers(0, V, size=3200)
    params = initialize_lstm_parameters(V, 8, V, seed=0)
    params["Why"][:] = 0.0
    assert lstm_bits_per_character(params, text) == pytest.approx(math.log2(V), rel=1e-12)
    q = np.random.default_rng(1).dirichlet(np.ones(V))
    params["by"] = np.log(q)[:, np.newaxis]
    expected = -np.mean(np.log2(q[make_batches(text, 32)[1:]]))  # the cross-entropy of q on the targets
    assert lstm_bits_per_character(params, text, batch_size=32, window=7) == pytest.approx(expected, rel=1e-12)


def test_windows_carry_h_and_c_the_way_one_pass_over_each_stream_does():
    params, rng = small_lstm(seed=4)
    text = rng.integers(0, 5, size=303)
    batches = make_batches(text, 3)  # 3 streams of 101
    H, _, _ = lstm_forward(one_hot_sequence(batches[:-1], 5), np.zeros((4, 3)), np.zeros((4, 3)), params)
    exact = sequence_cost(rnn_output_forward(H, params), batches[1:]) / math.log(2)
    for window in (1, 7, 100, 500):
        assert lstm_bits_per_character(params, text, batch_size=3, window=window) == pytest.approx(exact, rel=1e-12)


def test_the_successor_lstm_is_nearly_certain_and_samples_the_alphabet():
    params = successor_lstm()
    text = TEXT8_VOCABULARY.encode(TEXT8_VOCABULARY.symbols * 10)
    assert lstm_bits_per_character(params, text, batch_size=2) < 1e-4
    assert sample(params, "a", 6) == "bcdefg"  # the LSTM's c and h carried from one drawn symbol to the next
    assert sample(params, "", 3) == "abc"  # an empty prompt starts after a space
    assert sample(params, "the z", 3) == " ab"
    with pytest.raises(ValueError, match=r"temperature must be a finite number greater than 0"):
        sample(params, "a", 5, temperature=0)


# ---------------------------------------------------------------- the stored model and its script


def test_the_stored_lstm_matches_its_checksum_readme_and_settings():
    raw = LSTM_LANGUAGE_MODEL_FILE.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == LSTM_LANGUAGE_MODEL_SHA256
    readme = (LSTM_LANGUAGE_MODEL_FILE.parent / "README.md").read_text()
    assert LSTM_LANGUAGE_MODEL_SHA256 in readme and f"{len(raw):,} bytes" in readme
    stored = load_lstm_language_model()
    script = load_script("train_language_model")
    assert stored.settings == script.LSTM_SETTINGS
    # the same settings as the stored RNN, so that the two are compared on equal terms
    assert {k: v for k, v in stored.settings.items() if k != "forget_bias"} == load_language_model().settings
    assert stored.costs.shape == (stored.settings["num_steps"],)
    assert stored.validation_bits == stored.curve_bits[-1]
    assert stored.params["Whi"].shape == (128, 128) and stored.params["Why"].shape == (V, 128)


def test_the_stored_lstm_scores_its_figures_and_beats_the_rnn():
    stored, rnn = load_lstm_language_model(), load_language_model()
    _, validation, test = text8_splits()
    assert lstm_bits_per_character(stored.params, validation) == pytest.approx(stored.validation_bits, rel=1e-12)
    assert lstm_bits_per_character(stored.params, test) == pytest.approx(stored.test_bits, rel=1e-12)
    # clearly: by more than 0.1 bits per character on both splits, and at every evaluation from step 1000 on
    # (lesson 19, section 8)
    assert stored.validation_bits < rnn.validation_bits - 0.1 and stored.test_bits < rnn.test_bits - 0.1
    later = stored.curve_steps >= 1000
    assert np.all(stored.curve_bits[later] < rnn.curve_bits[later])
    readme = (LSTM_LANGUAGE_MODEL_FILE.parent / "README.md").read_text()
    assert f"{stored.validation_bits:.3f}" in readme and f"{stored.test_bits:.3f}" in readme


def test_the_script_reproduces_the_start_of_the_stored_lstm_run():
    stored = load_lstm_language_model()
    arrays = load_script("train_language_model").train(stored.settings, num_steps=20, model="lstm")
    np.testing.assert_allclose(arrays["costs"], stored.costs[:20], rtol=1e-10)
    assert arrays["curve_steps"].tolist() == [0, 20]
    assert float(arrays["curve_bits"][0]) == pytest.approx(float(stored.curve_bits[0]), rel=1e-12)


def test_loading_refuses_a_damaged_or_incomplete_lstm_file(tmp_path):
    damaged = tmp_path / "model.npz"
    damaged.write_bytes(LSTM_LANGUAGE_MODEL_FILE.read_bytes()[:-10])
    with pytest.raises(ValueError, match=r"fails its checksum.*train_language_model\.py --model lstm"):
        load_lstm_language_model(damaged)
    incomplete = tmp_path / "incomplete.npz"
    np.savez(incomplete, Wxi=np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"lacks the arrays \['Whf', 'Whg', 'Whi', 'Who', 'Why', 'Wxf'"):
        load_lstm_language_model(incomplete, expected_sha256=None)
