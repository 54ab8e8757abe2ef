"""Tests for dnn_helpers.language_model and scripts/train_language_model.py.

Hand-built layouts and windows; the carried and reset hidden state checked against one forward pass
over each whole stream; the truncated gradient against finite differences; a model built by hand
whose predictions are known; and the stored long run against the script that made it.
"""

import hashlib
import math
import re
from pathlib import Path

import numpy as np
import pytest

from dnn_helpers.gradient_checking import numerical_gradients
from dnn_helpers.language_model import (LANGUAGE_MODEL_FILE, LANGUAGE_MODEL_SHA256, hidden_states, initialize_adam,
                                        load_language_model, make_batches, next_window, number_of_windows,
                                        read_prompt, rnn_bits_per_character, sample, text8_splits, text_features,
                                        train_language_model, train_step, unit_correlations)
from dnn_helpers.rnn import initialize_rnn_parameters, rnn_forward, rnn_output_forward, sequence_cost
from dnn_helpers.text import TEXT8_VOCABULARY, one_hot_sequence

from script_modules import load_script

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "train_language_model.py"
V = TEXT8_VOCABULARY.size


def small_model(n_x=5, n_h=4, seed=0):
    rng = np.random.default_rng(seed)
    params = initialize_rnn_parameters(n_x, n_h, n_x, seed=rng)
    params["bh"] = rng.normal(scale=0.5, size=(n_h, 1))
    params["by"] = rng.normal(scale=0.5, size=(n_x, 1))
    return params, rng


def successor_model(strength=20.0):
    """An RNN over the 27 symbols that predicts symbol (s + 1) mod 27 after symbol s, with certainty near 1.

    h = tanh(5 x) holds the current symbol (n_h = 27, Whh = 0); Why maps unit s to logit s + 1.
    """
    params = {"Wxh": 5.0 * np.eye(V), "Whh": np.zeros((V, V)), "bh": np.zeros((V, 1)),
              "Why": strength * np.roll(np.eye(V), 1, axis=0), "by": np.zeros((V, 1))}
    return params


# ---------------------------------------------------------------- the layout


def test_make_batches_cuts_the_text_into_consecutive_streams_by_hand():
    batches = make_batches(np.arange(11), 3)  # L = 3; symbols 9 and 10 are dropped
    np.testing.assert_array_equal(batches, [[0, 3, 6], [1, 4, 7], [2, 5, 8]])
    assert batches.dtype == np.int64 and batches.flags.c_contiguous
    # each column, read down, is a stretch of the text
    text = np.random.default_rng(0).integers(0, V, size=1000)
    batches = make_batches(text, 7)
    assert batches.shape == (142, 7)
    for i in range(7):
        np.testing.assert_array_equal(batches[:, i], text[142 * i: 142 * (i + 1)])


def test_make_batches_refuses_streams_too_short_and_text_that_is_not_one_sequence():
    with pytest.raises(ValueError, match=r"5 symbols cut into batch_size = 4 streams leave 1 per stream; a stream "
                                         r"needs at least 2"):
        make_batches(np.arange(5), 4)
    with pytest.raises(ValueError, match=r"indices must have shape \(n,\)"):
        make_batches(np.zeros((4, 3), dtype=int), 2)
    with pytest.raises(TypeError, match=r"Encode text first"):
        make_batches(np.array(list("hello")), 2)


def test_next_window_shifts_the_targets_by_one_row():
    batches = make_batches(np.arange(20), 2)  # columns 0..9 and 10..19
    inputs, targets = next_window(batches, 3, 4)
    np.testing.assert_array_equal(inputs, [[3, 13], [4, 14], [5, 15], [6, 16]])
    np.testing.assert_array_equal(targets, [[4, 14], [5, 15], [6, 16], [7, 17]])
    inputs, targets = next_window(batches, 5, 4)  # the last whole window: targets end at row 9
    assert targets[-1].tolist() == [9, 19]


def test_number_of_windows_and_windows_past_the_end():
    batches = make_batches(np.arange(20), 2)  # L = 10: 9 targets per stream
    assert [number_of_windows(batches, T) for T in (1, 2, 3, 4, 9)] == [9, 4, 3, 2, 1]
    with pytest.raises(ValueError, match=r"T = 10 steps needs T \+ 1 = 11 rows.*L = 10: use T <= 9"):
        number_of_windows(batches, 10)
    with pytest.raises(ValueError, match=r"start must be a row in 0 \.\. L - T - 1 = 5.*got 6\. Start a new epoch"):
        next_window(batches, 6, 4)
    with pytest.raises(ValueError, match=r"got -1"):
        next_window(batches, -1, 4)


# ---------------------------------------------------------------- one step


def test_train_step_returns_the_cost_before_the_step_and_the_state_after_the_window():
    params, rng = small_model()
    inputs, targets = rng.integers(0, 5, size=(6, 3)), rng.integers(0, 5, size=(6, 3))
    h = rng.normal(scale=0.5, size=(4, 3))
    new_params, adam, h_last, cost = train_step(params, initialize_adam(params), inputs, targets, h, 0.01, 5.0)
    H, _ = rnn_forward(one_hot_sequence(inputs, 5), h, params)  # the window read from h, with the old weights
    assert cost == pytest.approx(sequence_cost(rnn_output_forward(H, params), targets), rel=1e-12)
    np.testing.assert_allclose(h_last, H[-1], rtol=1e-12)
    assert adam["t"] == 1 and sorted(adam["v"]) == ["dWhh", "dWhy", "dWxh", "dbh", "dby"]
    assert not any(np.array_equal(new_params[key], params[key]) for key in params)


def test_train_step_follows_the_gradient_of_the_window_with_h_held_fixed():
    # Adam's first step is learning_rate * g / (|g| + 1e-8), nearly learning_rate * sign(g). Compare with finite
    # differences of the window's cost in which h0 is a constant: truncation, no gradient into the previous window.
    params, rng = small_model(seed=1)
    inputs, targets = rng.integers(0, 5, size=(5, 2)), rng.integers(0, 5, size=(5, 2))
    h = rng.normal(scale=0.5, size=(4, 2))

    def window_cost(candidate):
        H, _ = rnn_forward(one_hot_sequence(inputs, 5), h, candidate)
        return sequence_cost(rnn_output_forward(H, candidate), targets)

    numerical = numerical_gradients(window_cost, params)
    new_params, _, _, _ = train_step(params, initialize_adam(params), inputs, targets, h, 1e-3, 100.0)
    for key in params:
        g = numerical["d" + key]
        clear = np.abs(g) > 1e-4  # entries whose sign rounding cannot decide, and epsilon barely shrinks
        step = (params[key] - new_params[key])[clear]
        assert clear.sum() >= params[key].size // 2
        np.testing.assert_allclose(step, 1e-3 * np.sign(g[clear]), rtol=1e-3)


def test_train_step_clips_the_gradients_not_the_parameters():
    params, rng = small_model(seed=2)
    inputs, targets = rng.integers(0, 5, size=(5, 2)), rng.integers(0, 5, size=(5, 2))
    h = np.zeros((4, 2))
    # after one shared first step, the second step differs only in max_norm: Adam's v and s see the clipped gradient
    start, adam, h, _ = train_step(params, initialize_adam(params), inputs, targets, h, 0.01, 100.0)
    unclipped, _, _, _ = train_step(start, adam, inputs, targets, h, 0.01, 100.0)
    clipped, new_adam, _, _ = train_step(start, adam, inputs, targets, h, 0.01, 1e-3)
    assert not np.allclose(clipped["Wxh"], unclipped["Wxh"])
    # the parameters' own norm is far above 1e-3 and stays so: they were not clipped
    assert np.sqrt(sum(np.sum(value ** 2) for value in clipped.values())) > 1.0
    assert np.sqrt(sum(np.sum(value ** 2) for value in new_adam["v"].values())) < 1.0 * 0.1 + 1e-3


# ---------------------------------------------------------------- the loop


def stream_costs(params, batches, T):
    """The cost of each window, from one forward pass over each whole stream from h = 0 (no windows at all)."""
    L, m = batches.shape
    H, _ = rnn_forward(one_hot_sequence(batches[:-1], params["Wxh"].shape[1]), np.zeros((params["Whh"].shape[0], m)),
                       params)
    logits = rnn_output_forward(H, params)
    return [sequence_cost(logits[k * T: (k + 1) * T], batches[k * T + 1: (k + 1) * T + 1])
            for k in range(number_of_windows(batches, T))]


def test_the_loop_carries_h_between_windows_and_resets_it_each_epoch():
    params, rng = small_model(seed=3)
    batches = make_batches(rng.integers(0, 5, size=3 * 23), 3)  # L = 23, T = 5: 4 windows an epoch
    # with a vanishing learning rate the weights stay put, so each window's cost must be that window's slice of
    # one pass over the whole streams (the state carried), and the second epoch must repeat the first (reset)
    _, costs, curve = train_language_model(params, batches, 5, 10, 1e-12, 5.0)
    expected = stream_costs(params, batches, 5)
    np.testing.assert_allclose(costs[:4], expected, rtol=1e-9)
    np.testing.assert_allclose(costs[4:8], expected, rtol=1e-9)
    np.testing.assert_allclose(costs[8:], expected[:2], rtol=1e-9)
    assert curve == []


def test_the_loop_learns_a_repeated_phrase_and_records_its_curve():
    phrase = TEXT8_VOCABULARY.encode("the cat sat on the mat ")
    text = np.tile(phrase, 40)
    params = initialize_rnn_parameters(V, 32, V, seed=0)
    params, costs, curve = train_language_model(params, make_batches(text, 4), 10, 150, 0.02, 5.0,
                                                validation=text, eval_every=50)
    assert [step for step, _ in curve] == [0, 50, 100, 150]
    assert curve[0][1] == pytest.approx(math.log2(V), abs=0.3)  # an untrained model guesses about uniformly
    # with the state carried, the phrase becomes certain: only a stream's first few symbols (from h = 0) cost bits
    assert costs[-1] / math.log(2) < 0.05 and len(costs) == 150
    assert rnn_bits_per_character(params, text, batch_size=1) < 0.05
    assert curve[-1][1] < 0.5  # 32 streams of 28 symbols: each starts cold


def test_the_loop_refuses_batches_that_are_not_streams():
    params, _ = small_model()
    with pytest.raises(ValueError, match=r"batches must have shape \(L, m\).*make_batches"):
        train_language_model(params, np.arange(5), 3, 5, 0.01, 5.0)
    with pytest.raises(ValueError, match=r"batches\[.*\] = 7 is outside the vocabulary"):
        train_language_model(params, np.full((10, 2), 7), 3, 5, 0.01, 5.0)


# ---------------------------------------------------------------- scoring and sampling


def test_bits_per_character_of_a_model_that_ignores_its_input():
    text = np.random.default_rng(0).integers(0, V, size=3200)
    params = initialize_rnn_parameters(V, 8, V, seed=0)
    params["Why"][:] = 0.0
    assert rnn_bits_per_character(params, text) == pytest.approx(math.log2(V), rel=1e-12)  # uniform
    # a fixed distribution q costs the cross-entropy -mean log2 q(y) over the predicted symbols
    q = np.random.default_rng(1).dirichlet(np.ones(V))
    params["by"] = np.log(q)[:, np.newaxis]
    batches = make_batches(text, 32)
    expected = -np.mean(np.log2(q[batches[1:]]))
    assert rnn_bits_per_character(params, text, batch_size=32, window=7) == pytest.approx(expected, rel=1e-12)


def test_bits_per_character_in_one_stream_is_the_cost_of_the_whole_sequence():
    params, rng = small_model(seed=4)
    text = rng.integers(0, 5, size=300)
    H, _ = rnn_forward(one_hot_sequence(text[:-1, np.newaxis], 5), np.zeros((4, 1)), params)
    exact = sequence_cost(rnn_output_forward(H, params), text[1:, np.newaxis]) / math.log(2)
    assert rnn_bits_per_character(params, text, batch_size=1, window=64) == pytest.approx(exact, rel=1e-12)


def test_the_successor_model_is_nearly_certain_and_samples_the_alphabet():
    params = successor_model()
    text = TEXT8_VOCABULARY.encode(TEXT8_VOCABULARY.symbols * 10)
    assert rnn_bits_per_character(params, text, batch_size=2) < 1e-4
    assert sample(params, "a", 6, temperature=1.0) == "bcdefg"
    assert sample(params, "", 3) == "abc"  # an empty prompt starts after a space
    assert sample(params, "the z", 3) == " ab"  # only the prompt's last symbol matters to this model


def test_temperature_sharpens_and_flattens_the_samples():
    params = successor_model(strength=1.0)  # the successor gets e / (e + 26): about 9.5%, barely above the rest
    hits = {}
    for temperature in (0.05, 1.0, 100.0):
        drawn = sample(params, "a", 2000, temperature=temperature, seed=1)
        codes = TEXT8_VOCABULARY.encode("a" + drawn)
        hits[temperature] = np.mean((codes[1:] - codes[:-1]) % V == 1)
    assert hits[0.05] > 0.99
    assert 0.07 < hits[1.0] < 0.13
    assert hits[100.0] < 0.06
    assert sample(params, "a", 50, seed=3) == sample(params, "a", 50, seed=3)


@pytest.mark.parametrize("temperature", [0, -1.0, float("nan")])
def test_sample_rejects_a_temperature_at_or_below_zero(temperature):
    with pytest.raises(ValueError, match=r"temperature must be a finite number greater than 0.*such as 0\.1"):
        sample(successor_model(), "a", 5, temperature=temperature)


def test_sample_rejects_prompts_outside_the_vocabulary_and_a_wrong_vocabulary():
    with pytest.raises(ValueError, match=r"symbol 'T' at position 0 is not in the vocabulary.*text8_reduce"):
        sample(successor_model(), "To be", 5)
    params, _ = small_model()
    with pytest.raises(ValueError, match=r"the model reads 5 symbols but the vocabulary has 27"):
        sample(params, "a", 5)


def test_read_prompt_ends_where_hidden_states_end():
    params, rng = small_model(seed=5)
    prompt = rng.integers(0, 5, size=9)
    h, z = read_prompt(params, prompt)
    H = hidden_states(params, prompt)
    assert H.shape == (9, 4) and h.shape == (4, 1) and z.shape == (5, 1)
    np.testing.assert_array_equal(h[:, 0], H[-1])
    np.testing.assert_allclose(z, params["Why"] @ h + params["by"])


# ---------------------------------------------------------------- what the units track


def test_text_features_by_hand():
    features = text_features(TEXT8_VOCABULARY.encode("to be a"))
    assert features["space"].tolist() == [0, 0, 1, 0, 0, 1, 0]
    assert features["vowel"].tolist() == [0, 1, 0, 0, 1, 0, 1]
    assert features["word start"].tolist() == [1, 0, 0, 1, 0, 0, 1]
    assert features["word end"].tolist() == [0, 1, 0, 0, 1, 0, 1]


def test_unit_correlations_by_hand():
    feature = np.array([0.0, 1.0, 0.0, 1.0])
    H = np.column_stack([feature * 2 - 1, 1 - feature, [0.3, 0.3, 0.3, 0.3], [1.0, 2.0, 3.0, 4.0]])
    # unit 3 against (0, 1, 0, 1): centred (-1.5, -0.5, 0.5, 1.5) . (-0.5, 0.5, -0.5, 0.5) = 1, norms sqrt(5) and 1
    np.testing.assert_allclose(unit_correlations(H, feature), [1.0, -1.0, 0.0, 1 / math.sqrt(5)])
    with pytest.raises(ValueError, match=r"H must be \(n, n_h\) and feature \(n,\)"):
        unit_correlations(H, feature[:3])


# ---------------------------------------------------------------- the stored model and its script


def test_the_stored_model_matches_its_checksum_readme_and_settings():
    raw = LANGUAGE_MODEL_FILE.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == LANGUAGE_MODEL_SHA256
    readme = (ROOT / "data" / "README.md").read_text()
    assert LANGUAGE_MODEL_SHA256 in readme and f"{len(raw):,} bytes" in readme
    stored = load_language_model()
    assert stored.settings == load_script("train_language_model").SETTINGS
    assert stored.costs.shape == (stored.settings["num_steps"],)
    assert stored.curve_steps[0] == 0 and stored.curve_steps[-1] == stored.settings["num_steps"]
    assert stored.validation_bits == stored.curve_bits[-1]
    assert {key: value.shape for key, value in stored.params.items()} == {
        "Wxh": (128, V), "Whh": (128, 128), "bh": (128, 1), "Why": (V, 128), "by": (V, 1)}


def test_the_stored_weights_score_the_stored_figures_and_beat_the_bigram():
    stored = load_language_model()
    _, validation, test = text8_splits()
    assert rnn_bits_per_character(stored.params, validation) == pytest.approx(stored.validation_bits, rel=1e-12)
    assert rnn_bits_per_character(stored.params, test) == pytest.approx(stored.test_bits, rel=1e-12)
    # the bigram scores 3.348 on validation and 3.332 on test (data/README.md)
    assert stored.validation_bits < 3.0 and stored.test_bits < 3.0
    readme = (ROOT / "data" / "README.md").read_text()
    assert f"{stored.validation_bits:.3f}" in readme and f"{stored.test_bits:.3f}" in readme


def test_the_script_reproduces_the_start_of_the_stored_run():
    stored = load_language_model()
    arrays = load_script("train_language_model").train(stored.settings, num_steps=20)
    np.testing.assert_allclose(arrays["costs"], stored.costs[:20], rtol=1e-10)
    assert arrays["curve_steps"].tolist() == [0, 20]
    assert float(arrays["curve_bits"][0]) == pytest.approx(float(stored.curve_bits[0]), rel=1e-12)


def test_loading_refuses_a_damaged_or_incomplete_file(tmp_path):
    damaged = tmp_path / "model.npz"
    damaged.write_bytes(LANGUAGE_MODEL_FILE.read_bytes()[:-10])
    with pytest.raises(ValueError, match=r"fails its checksum.*Regenerate it with: python scripts/train_language_model"):
        load_language_model(damaged)
    incomplete = tmp_path / "incomplete.npz"
    np.savez(incomplete, Wxh=np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"lacks the arrays \['Whh', 'Why', 'bh', 'by'"):
        load_language_model(incomplete, expected_sha256=None)
    with pytest.raises(FileNotFoundError, match=r"language model file .* is missing"):
        load_language_model(tmp_path / "none.npz")


def test_the_readme_names_the_command():
    readme = (ROOT / "README.md").read_text()
    assert re.search(r"python scripts/train_language_model\.py", readme)
