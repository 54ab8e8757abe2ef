"""Lesson 16: the pictures of the corpus, of one-hot sequences and of the bigram table, and the smoothing slider."""

import collections
import math
from functools import partial

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers.explore import text_as_data as explore
from dnn_helpers.text import (TEXT8_VOCABULARY, Vocabulary, bigram_bits_per_character, bigram_counts,
                              bigram_probabilities, load_shakespeare, one_hot_sequence, sample_bigram, split_text,
                              text8_reduce)
from dnn_helpers.widgets import interactive_figure

# a three-symbol Markov chain: a long sample to count, a shorter one to judge
CHAIN = np.array([[0.1, 0.6, 0.3], [0.5, 0.0, 0.5], [0.3, 0.3, 0.4]])
TRAIN = sample_bigram(CHAIN, 0, 3_000, seed=1)
VALIDATION = sample_bigram(CHAIN, 0, 1_000, seed=2)


def test_symbol_labels_make_the_space_and_the_line_break_visible():
    assert [explore.symbol_label(symbol) for symbol in " \na"] == ["\u2423", "\\n", "a"]


def test_counts_figure_shows_shares_by_frequency_and_words_by_rank():
    symbol_counts = collections.Counter("abracadabra")  # a 5, b 2, r 2, c 1, d 1
    word_counts = collections.Counter("to be or not to be to".split())  # to 3, be 2, not 1, or 1
    fig = explore.counts_figure(symbol_counts, word_counts, named_ranks=(1, 2, 10))
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    left, right = fig.axes
    np.testing.assert_allclose([bar.get_height() for bar in left.patches], np.array([5, 2, 2, 1, 1]) / 11)
    assert [label.get_text() for label in left.get_xticklabels()] == list("abrcd")  # ties in symbol order
    assert left.get_title() == "5 symbols, 11 characters"
    words, zipf = right.lines
    np.testing.assert_array_equal(words.get_xdata(), [1, 2, 3, 4])
    np.testing.assert_array_equal(words.get_ydata(), [3, 2, 1, 1])
    np.testing.assert_allclose(zipf.get_ydata(), [3, 3 / 2, 1, 3 / 4])  # count of the first / rank
    assert [text.get_text() for text in right.texts] == ["to (1)", "be (2)"]  # rank 10 does not exist
    assert right.get_xscale() == right.get_yscale() == "log"
    assert right.get_title() == "4 distinct words, 7 in all"


def test_one_hot_figure_draws_the_one_hot_array():
    fig = explore.one_hot_figure("to be", TEXT8_VOCABULARY)
    (ax,) = fig.axes
    np.testing.assert_array_equal(ax.images[0].get_array(), one_hot_sequence(TEXT8_VOCABULARY.encode("to be"), 27))
    assert [label.get_text() for label in ax.get_yticklabels()] == ["t=0  t", "t=1  o", "t=2  \u2423", "t=3  b",
                                                                   "t=4  e"]
    assert len(ax.get_xticklabels()) == 27
    assert ax.get_title() == "one-hot vectors of 'to be': shape (5, 27), a single 1 in each row"


def test_bigram_figure_colours_log2_of_the_table():
    vocabulary = Vocabulary("ab ")
    P = np.array([[0.5, 0.5, 0.0], [0.25, 0.25, 0.5], [1.0, 0.0, 0.0]])
    fig = explore.bigram_figure(P, vocabulary)
    ax = fig.axes[0]
    expected = [[-1, -1, -16], [-2, -2, -1], [0, -16, -16]]  # log2, with 0 shown as the floor -16
    np.testing.assert_allclose(ax.images[0].get_array(), expected)
    assert [label.get_text() for label in ax.get_yticklabels()] == ["a", "b", "\u2423"]
    assert ax.get_ylabel() == "current symbol a" and ax.get_xlabel() == "next symbol b"


def test_bits_from_counts_by_hand():
    # predictions of "abba": P[a, b] = 2/3, P[b, b] = 1/2, P[b, a] = 1/2
    P = np.array([[1 / 3, 2 / 3], [1 / 2, 1 / 2]])
    counts = bigram_counts(np.array([0, 1, 1, 0]), 2)
    assert explore.bits_from_counts(P, counts) == pytest.approx((math.log2(1.5) + 2) / 3, rel=1e-12)
    assert explore.bits_from_counts(np.array([[1.0, 0.0], [0.5, 0.5]]), counts) == math.inf  # "ab" has P = 0
    # a bigram the text does not hold may have P = 0: "aa" here, and the predictions cost 0, 1 and 1 bits
    assert explore.bits_from_counts(np.array([[0.0, 1.0], [0.5, 0.5]]), counts) == pytest.approx(2 / 3, rel=1e-12)


def test_bits_from_counts_equals_the_score_of_the_sequence():
    P = bigram_probabilities(bigram_counts(TRAIN, 3), 0.5)
    assert explore.bits_from_counts(P, bigram_counts(VALIDATION, 3)) == pytest.approx(
        bigram_bits_per_character(P, VALIDATION), rel=1e-12)


def test_smoothing_curves_train_rises_with_alpha_and_both_tend_to_uniform():
    train_bits, validation_bits = explore.smoothing_curves(TRAIN, VALIDATION, 3, 300)
    assert train_bits.shape == validation_bits.shape == explore.SMOOTHING_GRID.shape
    # the counts are the maximum-likelihood table of the text they come from: more alpha, worse on it
    assert np.all(np.diff(train_bits) >= -1e-12)
    # each point is the bigram model with that alpha, counted on the first 300 symbols
    for index in (0, 20, 40):
        P = bigram_probabilities(bigram_counts(TRAIN[:300], 3), explore.SMOOTHING_GRID[index])
        assert validation_bits[index] == pytest.approx(bigram_bits_per_character(P, VALIDATION), rel=1e-12)
        assert train_bits[index] == pytest.approx(bigram_bits_per_character(P, TRAIN[:300]), rel=1e-12)
    huge = explore.smoothing_curves(TRAIN, VALIDATION, 3, 300, alphas=[1e12])
    assert [bits[0] for bits in huge] == pytest.approx([math.log2(3)] * 2, abs=1e-6)


def test_smoothing_curves_with_no_smoothing_are_infinite_on_an_unseen_bigram():
    train = np.array([0, 1, 0, 1, 0])  # never "aa"
    train_bits, validation_bits = explore.smoothing_curves(train, np.array([0, 0, 1]), 2, alphas=[0.0, 1.0])
    assert train_bits[0] == pytest.approx(0.0) and validation_bits[0] == math.inf
    assert math.isfinite(validation_bits[1])


def marker(fig):
    (line,) = [line for line in fig.axes[0].lines if line.get_label() == "this alpha"]
    return float(line.get_xdata()[0]), float(line.get_ydata()[0])


def test_smoothing_figure_marks_the_validation_score_of_alpha():
    fig = explore.smoothing_figure(0.5, 300, TRAIN, VALIDATION, 3)
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines] == ["train (the characters counted)", "validation",
                                                       "uniform guess, log2 3", "this alpha"]
    P = bigram_probabilities(bigram_counts(TRAIN[:300], 3), 0.5)
    x, y = marker(fig)
    assert x == 0.5 and y == pytest.approx(bigram_bits_per_character(P, VALIDATION), rel=1e-12)
    here_train = bigram_bits_per_character(P, TRAIN[:300])
    assert ax.get_title() == f"300 training characters, alpha = 0.5: validation {y:.3f}, train {here_train:.3f} " \
                             "bits per character"
    assert ax.get_xscale() == "log"
    # more training characters than there are: all of them
    assert explore.smoothing_figure(0.5, 10 ** 6, TRAIN, VALIDATION, 3).axes[0].get_title().startswith("3,000 ")
    assert isinstance(explore.smoothing_figure(0.0, 300, TRAIN, VALIDATION, 3), str)


def test_smoothing_slider_redraws():
    box = interactive_figure(
        partial(explore.smoothing_figure, train=TRAIN, validation=VALIDATION, vocabulary_size=3),
        alpha=widgets.FloatLogSlider(value=1.0, base=10, min=-3, max=4, step=0.125),
        training_characters=widgets.SelectionSlider(options=[100, 3_000], value=100),
    )
    before = marker(box.figure)
    box.controls["alpha"].value = 1e3
    assert marker(box.figure)[0] == pytest.approx(1e3)
    assert marker(box.figure)[1] > before[1]  # much smoothing on a well-counted chain: towards uniform
    box.controls["training_characters"].value = 3_000
    assert box.figure.axes[0].get_title().startswith("3,000 training characters")


def test_the_corpus_figures_of_the_lesson():
    train, validation, _ = split_text(TEXT8_VOCABULARY.encode(text8_reduce(load_shakespeare())))
    train_bits, validation_bits = explore.smoothing_curves(train, validation, 27, alphas=[1.0])
    # data/README.md: the add-one bigram model scores 3.320 on train and 3.348 on validation
    assert (round(train_bits[0], 3), round(validation_bits[0], 3)) == (3.320, 3.348)
