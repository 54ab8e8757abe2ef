"""Tests for dnn_helpers.text and scripts/describe_text_corpus.py."""

import hashlib
import math
from pathlib import Path

import numpy as np
import pytest

from dnn_helpers.data import DATA_DIRECTORY
from dnn_helpers.text import (SHAKESPEARE_FILE, SHAKESPEARE_SHA256, TEXT8_ALPHABET, TEXT8_VOCABULARY, Vocabulary,
                               bigram_bits_per_character, bigram_counts, bigram_probabilities, bits_per_character,
                               load_shakespeare, one_hot_sequence, sample_bigram, split_text, text8_reduce,
                               uniform_bits_per_character, vocabulary_of)

from script_modules import load_script

ROOT = Path(__file__).resolve().parent.parent
# the repository's own copy: the package's DATA_DIRECTORY is the same folder once installed from here
CORPUS = ROOT / "data" / "tinyshakespeare.txt"
SCRIPT = ROOT / "scripts" / "describe_text_corpus.py"


# ---------------------------------------------------------------- the corpus file


def test_corpus_file_matches_the_recorded_checksum():
    assert SHAKESPEARE_FILE == DATA_DIRECTORY / CORPUS.name
    assert hashlib.sha256(CORPUS.read_bytes()).hexdigest() == SHAKESPEARE_SHA256


def test_corpus_loads_as_one_string_of_65_symbols():
    text = load_shakespeare(CORPUS)
    assert isinstance(text, str) and len(text) == 1_115_394
    assert len(set(text)) == 65 and vocabulary_of(text).size == 65
    assert text.startswith("First Citizen:\nBefore we proceed any further, hear me speak.")


def test_corpus_checksum_mismatch_is_reported(tmp_path):
    damaged = tmp_path / "tinyshakespeare.txt"
    content = bytearray(CORPUS.read_bytes())
    content[1000] = ord("#")
    damaged.write_bytes(bytes(content))
    with pytest.raises(ValueError, match=f"fails its checksum: SHA-256 expected {SHAKESPEARE_SHA256}.*karpathy"):
        load_shakespeare(damaged)
    assert load_shakespeare(damaged, expected_sha256=None)[1000] == "#"


def test_corpus_missing_file_says_where_it_comes_from(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing. Copy it again from .*karpathy/char-rnn"):
        load_shakespeare(tmp_path / "absent.txt")


def test_the_readme_figures_are_the_measured_ones():
    figures = load_script("describe_text_corpus").describe(load_shakespeare(CORPUS))
    assert (figures["characters"], figures["symbols"]) == (1_115_394, 65)
    words = (figures["reduced_characters"], figures["words"], figures["distinct_words"])
    assert words == (1_059_580, 208_503, 11_455)
    assert figures["top_words"] == [("the", 6287), ("and", 5690), ("i", 5111), ("to", 4934), ("of", 3760),
                                    ("you", 3211), ("my", 3120), ("a", 3018), ("that", 2664), ("in", 2403)]
    text8, raw = figures["text8"], figures["raw"]
    assert text8["split"] == (953_622, 52_979, 52_979) and raw["split"] == (1_003_855, 55_769, 55_770)
    assert round(text8["uniform"], 3) == 4.755 and round(raw["uniform"], 3) == 6.022
    assert [round(bits, 3) for bits in text8["bigram"]] == [3.320, 3.348, 3.332]
    assert [round(bits, 3) for bits in raw["bigram"]] == [3.541, 3.570, 3.592]
    readme = (ROOT / "data" / "README.md").read_text()
    for figure in ("1,115,394", "1,059,580", "208,503", "11,455", "953,622", "52,979", "1,003,855", "55,769",
                   "55,770", "4.755", "3.348", "3.332", "6.022", "3.570", "3.592", SHAKESPEARE_SHA256):
        assert figure in readme


# ---------------------------------------------------------------- text8 reduction


@pytest.mark.parametrize(
    "text, reduced",
    [
        ("Hello, World!", "hello world"),
        ("First Citizen:\nBefore we proceed", "first citizen before we proceed"),
        ("don't", "don t"),
        ("  --Speak,  speak.--\n\n", "speak speak"),  # the ends are stripped
        ("3 KING HENRY VI", "king henry vi"),
        ("Café", "caf"),  # only a-z survive: é is not one of them
        ("a\tb\r\nc", "a b c"),
        ("?!", ""),
        ("", ""),
    ],
)
def test_text8_reduce_small_strings(text, reduced):
    assert text8_reduce(text) == reduced


def test_text8_reduce_keeps_only_the_27_symbols_and_single_inner_spaces():
    reduced = text8_reduce(load_shakespeare(CORPUS)[:20_000])
    assert set(reduced) <= set(TEXT8_ALPHABET)
    assert "  " not in reduced and reduced == reduced.strip(" ")


def test_text8_reduce_rejects_bytes():
    with pytest.raises(TypeError, match="text must be a str, got bytes"):
        text8_reduce(b"abc")


# ---------------------------------------------------------------- vocabulary


def test_text8_alphabet_is_the_space_then_a_to_z():
    assert TEXT8_ALPHABET == " abcdefghijklmnopqrstuvwxyz" and TEXT8_VOCABULARY.size == 27


def test_encode_and_decode_are_inverse():
    indices = TEXT8_VOCABULARY.encode("to be")
    assert indices.dtype == np.int64 and indices.shape == (5,)
    np.testing.assert_array_equal(indices, [20, 15, 0, 2, 5])
    assert TEXT8_VOCABULARY.decode(indices) == "to be"
    assert TEXT8_VOCABULARY.decode([1, 2, 3]) == "abc"
    assert TEXT8_VOCABULARY.encode("").shape == (0,)
    assert TEXT8_VOCABULARY.decode(TEXT8_VOCABULARY.encode("")) == TEXT8_VOCABULARY.decode([]) == ""


def test_vocabulary_of_sorts_the_distinct_characters():
    vocabulary = vocabulary_of("banana band")
    assert vocabulary.symbols == " abdn" and vocabulary.size == 5
    np.testing.assert_array_equal(vocabulary.encode("nab"), [4, 1, 2])


def test_vocabulary_is_frozen():
    with pytest.raises(AttributeError):
        TEXT8_VOCABULARY.symbols = "abc"


def test_encode_names_the_first_symbol_outside_the_vocabulary_and_its_position():
    with pytest.raises(ValueError, match=r"symbol ',' at position 5 is not in the vocabulary of 27 symbols.*text8"):
        TEXT8_VOCABULARY.encode("hello, World")
    with pytest.raises(ValueError, match=r"symbol 'W' at position 6"):
        TEXT8_VOCABULARY.encode("hello World")


@pytest.mark.parametrize(
    "indices, error, message",
    [
        ([0, 27], ValueError, r"indices\[1\] = 27 is outside the vocabulary: indices must lie in 0 \.\. 26"),
        ([-1], ValueError, r"indices\[0\] = -1 is outside"),
        ([[1, 2], [3, 4]], ValueError, r"must have shape \(T,\), got 2-D"),
        ([1.0, 2.0], TypeError, r"integer symbol indices, got dtype float64"),
        ("abc", TypeError, r"Encode text first"),
    ],
)
def test_decode_rejects_what_is_not_one_sequence_of_indices(indices, error, message):
    with pytest.raises(error, match=message):
        TEXT8_VOCABULARY.decode(indices)


def test_vocabulary_rejects_repeated_or_missing_symbols():
    with pytest.raises(ValueError, match=r"every symbol must appear once.*\['a'\]"):
        Vocabulary("abca")
    with pytest.raises(TypeError, match="non-empty str"):
        Vocabulary("")
    with pytest.raises(TypeError, match="non-empty str"):
        Vocabulary(list("abc"))
    with pytest.raises(ValueError, match="text is empty"):
        vocabulary_of("")


# ---------------------------------------------------------------- split


@pytest.mark.parametrize(
    "n, fractions, sizes",
    [
        (20, (0.9, 0.05, 0.05), [18, 1, 1]),
        (1_059_580, (0.9, 0.05, 0.05), [953_622, 52_979, 52_979]),
        (1_115_394, (0.9, 0.05, 0.05), [1_003_855, 55_769, 55_770]),
        (10, (0.5, 0.5), [5, 5]),
        (7, (0.7, 0.2, 0.1), [5, 1, 1]),  # ends at round(4.9) = 5 and round(6.3) = 6
    ],
)
def test_split_sizes(n, fractions, sizes):
    text = "".join(chr(97 + i % 26) for i in range(n))
    parts = split_text(text, fractions)
    assert [len(part) for part in parts] == sizes
    assert "".join(parts) == text  # consecutive, in order, nothing lost or repeated


def test_split_keeps_order_for_index_arrays():
    train, validation, test = split_text(np.arange(100))
    np.testing.assert_array_equal(train, np.arange(90))
    np.testing.assert_array_equal(validation, np.arange(90, 95))
    np.testing.assert_array_equal(test, np.arange(95, 100))


@pytest.mark.parametrize(
    "text, fractions, message",
    [
        ("abcdefghij", (0.8, 0.3), r"must sum to 1, but \(0.8, 0.3\) sums to 1.1"),
        ("abcdefghij", (1.0,), r"two or more numbers between 0 and 1"),
        ("abcdefghij", (0.5, -0.5, 1.0), r"two or more numbers between 0 and 1"),
        ("abc", (0.9, 0.05, 0.05), r"splitting 3 characters .* leaves an empty part"),
    ],
)
def test_split_rejects_bad_fractions(text, fractions, message):
    with pytest.raises(ValueError, match=message):
        split_text(text, fractions)


# ---------------------------------------------------------------- one-hot sequences


def test_one_hot_of_a_batch_is_time_vocabulary_examples():
    indices = np.array([[0, 2], [1, 1], [2, 0]])  # T = 3 steps, m = 2 sequences
    X = one_hot_sequence(indices, 4)
    assert X.shape == (3, 4, 2) and X.dtype == np.float64
    expected = np.zeros((3, 4, 2))
    for t in range(3):
        for i in range(2):
            expected[t, indices[t, i], i] = 1.0
    np.testing.assert_array_equal(X, expected)
    assert X[1].flags["C_CONTIGUOUS"]  # one step is a contiguous (V, m) slice


def test_one_hot_of_one_sequence_is_time_vocabulary():
    X = one_hot_sequence([2, 0], 3)
    np.testing.assert_array_equal(X, [[0, 0, 1], [1, 0, 0]])
    assert X[:, :, np.newaxis].shape == (2, 3, 1)


def test_one_hot_rejects_indices_outside_the_vocabulary_and_floats():
    with pytest.raises(ValueError, match=r"indices\[1, 0\] = 3 is outside the vocabulary: .* in 0 \.\. 2"):
        one_hot_sequence([[0, 1], [3, 2]], 3)
    with pytest.raises(TypeError, match="integer symbol indices, got dtype float64"):
        one_hot_sequence(np.zeros((2, 3)), 3)
    with pytest.raises(TypeError, match="vocabulary_size must be an integer"):
        one_hot_sequence([0, 1], 2.0)
    with pytest.raises(ValueError, match="is empty"):
        one_hot_sequence(np.zeros(0, dtype=int), 3)


# ---------------------------------------------------------------- bigram model


def test_bigram_counts_and_probabilities_of_a_tiny_corpus_by_hand():
    vocabulary = Vocabulary("ab")
    indices = vocabulary.encode("abba")  # bigrams ab, bb, ba
    counts = bigram_counts(indices, 2)
    np.testing.assert_array_equal(counts, [[0, 1], [1, 1]])  # row: current symbol, column: next
    # add-one: row a = (0 + 1, 1 + 1) / (1 + 2), row b = (1 + 1, 1 + 1) / (2 + 2)
    np.testing.assert_allclose(bigram_probabilities(counts), [[1 / 3, 2 / 3], [1 / 2, 1 / 2]])
    np.testing.assert_allclose(bigram_probabilities(counts, smoothing=0), [[0, 1], [1 / 2, 1 / 2]])
    np.testing.assert_allclose(bigram_probabilities(counts, smoothing=0.5), [[0.5 / 2, 1.5 / 2], [1.5 / 3, 1.5 / 3]])


def test_bigram_bits_per_character_of_a_tiny_corpus_by_hand():
    P = bigram_probabilities(bigram_counts(Vocabulary("ab").encode("abba"), 2))
    # predictions P[a, b] = 2/3, P[b, b] = 1/2, P[b, a] = 1/2 -> mean of log2(3/2), 1, 1
    assert bigram_bits_per_character(P, [0, 1, 1, 0]) == pytest.approx((math.log2(1.5) + 2) / 3, rel=1e-12)
    unsmoothed = bigram_probabilities(bigram_counts(np.array([0, 1, 1, 0]), 2), smoothing=0)
    assert bigram_bits_per_character(unsmoothed, [0, 1, 1, 0]) == pytest.approx(2 / 3, rel=1e-12)
    assert bigram_bits_per_character(unsmoothed, [0, 0]) == math.inf  # "aa" was never seen


def test_uniform_bits_per_character_is_log2_of_the_vocabulary_size():
    assert uniform_bits_per_character(2) == 1.0
    assert uniform_bits_per_character(27) == pytest.approx(4.7549, abs=1e-4)
    assert bits_per_character(np.full(10, 1 / 27)) == pytest.approx(uniform_bits_per_character(27), rel=1e-12)
    P = bigram_probabilities(np.zeros((27, 27)))  # nothing counted: each row is uniform
    assert bigram_bits_per_character(P, TEXT8_VOCABULARY.encode("to be or not")) == pytest.approx(math.log2(27))


def test_bits_per_character_rejects_what_are_not_probabilities():
    with pytest.raises(ValueError, match=r"values in \[0, 1\]"):
        bits_per_character([0.5, 1.5])
    with pytest.raises(ValueError, match=r"non-empty"):
        bits_per_character([])


def test_bigram_probabilities_reject_bad_counts_and_smoothing():
    with pytest.raises(ValueError, match=r"square \(V, V\) array of counts >= 0, got shape \(2, 3\)"):
        bigram_probabilities(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"smoothing must be a finite number >= 0"):
        bigram_probabilities(np.ones((2, 2)), smoothing=-1)
    with pytest.raises(ValueError, match=r"symbol 2 is never followed by anything.*use smoothing > 0"):
        bigram_probabilities(bigram_counts(np.array([0, 1, 1, 0]), 3), smoothing=0)


def test_bigram_tables_must_have_rows_that_sum_to_1():
    with pytest.raises(ValueError, match="every row of P must sum to 1"):
        bigram_bits_per_character(np.array([[2, 1], [1, 1]]) / 3, [0, 1])
    with pytest.raises(ValueError, match="at least two symbols"):
        bigram_bits_per_character(np.full((2, 2), 0.5), [0])


def test_sample_bigram_follows_a_deterministic_table():
    cycle = np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]], dtype=float)  # a -> b -> c -> a
    sample = sample_bigram(cycle, start=1, length=7, seed=3)
    assert sample.dtype == np.int64
    np.testing.assert_array_equal(sample, [1, 2, 0, 1, 2, 0, 1])
    np.testing.assert_array_equal(sample_bigram(cycle, 2, 1, seed=0), [2])


def test_sample_bigram_draws_with_the_table_frequencies_and_is_seeded():
    P = np.array([[0.5, 0.5], [0.1, 0.9]])
    sample = sample_bigram(P, start=0, length=20_000, seed=0)
    observed = bigram_probabilities(bigram_counts(sample, 2), smoothing=0)
    np.testing.assert_allclose(observed, P, atol=0.02)
    np.testing.assert_array_equal(sample, sample_bigram(P, 0, 20_000, seed=0))
    assert not np.array_equal(sample, sample_bigram(P, 0, 20_000, seed=1))


def test_sample_bigram_temperature_sharpens_and_flattens():
    P = np.array([[0.2, 0.8], [0.7, 0.3]])
    greedy = sample_bigram(P, 0, 50, seed=0, temperature=0.01)  # 0.8 and 0.7 win: a b a b ...
    np.testing.assert_array_equal(greedy, [0, 1] * 25)
    flat = sample_bigram(P, 0, 20_000, seed=0, temperature=1000.0)
    assert abs(np.mean(flat) - 0.5) < 0.02


@pytest.mark.parametrize("temperature", [0, -1.0, float("nan")])
def test_sample_bigram_rejects_temperature_at_or_below_zero(temperature):
    with pytest.raises(ValueError, match=r"temperature must be a finite number greater than 0.*nearly greedy"):
        sample_bigram(np.full((2, 2), 0.5), 0, 5, temperature=temperature)


def test_sample_bigram_rejects_bad_start_length_and_seed():
    P = np.full((2, 2), 0.5)
    with pytest.raises(ValueError, match=r"start must be a symbol index in 0 \.\. 1, got 2"):
        sample_bigram(P, 2, 5)
    with pytest.raises(ValueError, match="length must be at least 1, got 0"):
        sample_bigram(P, 0, 0)
    with pytest.raises(TypeError, match="seed must be an int or a numpy.random.Generator"):
        sample_bigram(P, 0, 5, seed="zero")
