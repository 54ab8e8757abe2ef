"""Lesson 16's exercises: text8_reduce, bigram_counts, bigram_probabilities, bits_per_character.

The texts hold capitals, punctuation before a line break, a blank line, a digit, an apostrophe and a
letter outside a-z; the counts hold a row of zeros (a symbol never followed by anything) and differ
from their transpose; the probabilities come as a sequence (T,) and as a batch (T, m).
"""

import re

import numpy as np

from .. import text
from .inputs import make_rng
from .record import ErrorAdvice, Exercise, Mistake

LESSON = 16
NOTEBOOK = "16_text_as_data.ipynb"

OPENING = "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n"
TITLE = "\n3 KING HENRY VI\n\nDon't weep, Café-owner!\n"


def _text8_cases(seed):
    return [((OPENING,), "the corpus's first lines"),
            ((TITLE,), "a title with a digit, an apostrophe and the letter é")]


def _collapse(letters_and_spaces):
    return re.sub(" +", " ", letters_and_spaces).strip(" ")


def _reduce_without_lower(text_in):
    return _collapse(re.sub("[^a-z]", " ", text_in))


def _reduce_without_collapsing(text_in):
    return re.sub("[^a-z]", " ", text_in.lower()).strip(" ")


def _reduce_collapsing_first(text_in):
    """Runs of white space collapsed before the punctuation is replaced, so ':' + line break leaves two spaces."""
    return re.sub("[^a-z]", " ", re.sub(r"\s+", " ", text_in.lower())).strip(" ")


def _reduce_keeping_line_breaks(text_in):
    return _collapse(re.sub("[^a-z\n]", " ", text_in.lower()))


def _reduce_by_deleting(text_in):
    return _collapse(re.sub("[^a-z ]", "", text_in.lower()))


def _reduce_without_strip(text_in):
    return re.sub(" +", " ", re.sub("[^a-z]", " ", text_in.lower()))


def _reduce_with_isalpha(text_in):
    return _collapse("".join(c if c.isalpha() else " " for c in text_in.lower()))


def _bigram_counts_cases(seed):
    short = np.array([0, 0, 1, 1, 1, 0, 1])  # pairs 00 01 11 11 10 01; symbol 2 never occurs
    # 60 symbols from 0 .. 3 in a vocabulary of 5: symbol 4 never occurs, many pairs repeat
    longer = make_rng(seed).integers(0, 4, size=60)
    return [((short, 3), "indices (7,) over V = 3, symbol 2 unused"),
            ((longer, 5), "indices (60,) over V = 5, symbol 4 unused")]


def _counts_transposed(indices, vocabulary_size):
    return text.bigram_counts(indices, vocabulary_size).T


def _counts_by_fancy_index(indices, vocabulary_size):
    counts = np.zeros((vocabulary_size, vocabulary_size), dtype=np.int64)
    counts[indices[:-1], indices[1:]] += 1  # a repeated pair is counted once
    return counts


def _counts_wrapping_around(indices, vocabulary_size):
    counts = np.zeros((vocabulary_size, vocabulary_size), dtype=np.int64)
    np.add.at(counts, (indices, np.roll(indices, -1)), 1)  # one pair too many: last symbol, first symbol
    return counts


def _bigram_probabilities_cases(seed):
    rng = make_rng(seed)
    counts = rng.integers(0, 20, size=(4, 4))
    counts[2] = 0  # a symbol never followed by anything
    return [((counts, 1.0), "counts (4, 4) with a row of zeros, smoothing 1"),
            ((rng.integers(1, 50, size=(5, 5)), 0.5), "counts (5, 5), smoothing 0.5"),
            ((rng.integers(1, 50, size=(3, 3)), 0.0), "counts (3, 3), smoothing 0")]


def _wrong_probabilities(axis=1, smoothing_used=True, denominator="alpha V", keepdims=True, fixed_alpha=None):
    """bigram_probabilities with one of its classic slips switched on."""

    def wrong(counts, smoothing=1.0):
        counts = np.asarray(counts, dtype=np.float64)
        alpha = fixed_alpha if fixed_alpha is not None else (smoothing if smoothing_used else 0.0)
        V = counts.shape[axis]
        extra = {"alpha V": alpha * V, "alpha": alpha, "none": 0.0}[denominator]
        totals = counts.sum(axis=axis, keepdims=keepdims) + extra
        return (counts + alpha) / totals

    return wrong


def _bits_cases(seed):
    rng = make_rng(seed)
    return [((np.array([0.5, 0.25, 0.125, 1.0, 0.5, 0.0625]),), "6 predictions (6,): 1, 2, 3, 0, 1, 4 bits"),
            ((rng.uniform(0.01, 1.0, size=(4, 3)),), "predictions for m = 3 sequences side by side, shape (4, 3)"),
            ((np.array([0.5, 0.0, 0.25]),), "a true symbol given probability 0")]


def _wrong_bits(log=np.log2, reduce="mean", sign=-1.0):
    """bits_per_character with one of its classic slips switched on."""

    def wrong(probabilities):
        p = np.asarray(probabilities, dtype=np.float64)
        costs = sign * log(p)
        if reduce == "sum":
            return float(np.sum(costs))
        if reduce == "rows":
            return float(np.sum(costs) / len(p))
        return float(np.mean(costs))

    return wrong


def _bits_of_the_mean(probabilities):
    return float(-np.log2(np.mean(probabilities)))


EXERCISES = (
    Exercise(
        "text8_reduce", text.text8_reduce, _text8_cases, "the reduced text",
        mistakes=(
            Mistake("the capitals became spaces: lower-case the text first, text.lower(), then replace what is "
                    "not a-z.", _reduce_without_lower),
            Mistake("runs of spaces are left: after replacing, collapse each run into one space, "
                    "re.sub(' +', ' ', ...).", _reduce_without_collapsing),
            Mistake("the runs are collapsed before the replacing, which makes new runs (':' and a line break "
                    "become two spaces): replace first, then collapse.", _reduce_collapsing_first),
            Mistake("the line breaks are kept: a line break is not a-z either, so it becomes a space like the "
                    "rest.", _reduce_keeping_line_breaks),
            Mistake("the characters other than a-z are deleted, so words run together ('speak.\\nBefore' gives "
                    "'speakbefore'): replace each by a space instead.", _reduce_by_deleting),
            Mistake("a space is left at an end: strip the result, .strip(' '), so that it neither starts nor "
                    "ends with a space.", _reduce_without_strip),
            Mistake("str.isalpha() also accepts letters outside a-z, such as 'é': keep exactly the 26 letters "
                    "a to z, for example with re.sub('[^a-z]', ' ', ...).", _reduce_with_isalpha),
        ),
        error_advice=(
            ErrorAdvice(TypeError, "expected string or bytes-like object",
                        "re.sub takes the pattern, the replacement and then the text: re.sub('[^a-z]', ' ', text)."),
        ),
    ),
    Exercise(
        "bigram_counts", text.bigram_counts, _bigram_counts_cases, "N",
        mistakes=(
            Mistake("the counts are transposed: rows are the current symbol and columns the next, so the pair "
                    "(a, b), b after a, adds 1 to N[a, b].", _counts_transposed),
            Mistake("N[a, b] += 1 with arrays of indices adds 1 only once to a pair that occurs many times: "
                    "use np.add.at(N, (a, b), 1), or np.bincount of the pair numbers a * V + b.",
                    _counts_by_fancy_index),
            Mistake("there is one pair too many: T symbols make T - 1 bigrams, indices[:-1] followed by "
                    "indices[1:]; np.roll wraps the last symbol around to the first.", _counts_wrapping_around),
        ),
        error_advice=(
            ErrorAdvice(ValueError, "cannot reshape",
                        "np.bincount returns only as many counts as the largest pair number + 1: pass "
                        "minlength=V * V so that there are V * V of them to reshape to (V, V)."),
            ErrorAdvice(IndexError, "out of bounds",
                        "N must have shape (V, V) with V = vocabulary_size, not the number of distinct symbols "
                        "in indices."),
        ),
    ),
    Exercise(
        "bigram_probabilities", text.bigram_probabilities, _bigram_probabilities_cases, "P",
        mistakes=(
            Mistake("the sums run down the columns: each row (the symbol after a) must sum to 1, so divide by the "
                    "row totals, sum(axis=1, keepdims=True).", _wrong_probabilities(axis=0)),
            Mistake("the row totals lost their axis, so row a is divided entry by entry by the totals of all rows: "
                    "use sum(axis=1, keepdims=True), shape (V, 1).", _wrong_probabilities(keepdims=False)),
            Mistake("the smoothing is missing: add alpha to every count, (N + alpha) / (row total + alpha V).",
                    _wrong_probabilities(smoothing_used=False)),
            Mistake("the denominator adds alpha once, but each of the V entries of a row got alpha: the row total "
                    "grows by alpha V.", _wrong_probabilities(denominator="alpha")),
            Mistake("alpha is added to the counts only, not to the row totals, so the rows sum to more than 1: "
                    "divide by the row total + alpha V.", _wrong_probabilities(denominator="none")),
            Mistake("the smoothing is always 1: use the argument smoothing as alpha.",
                    _wrong_probabilities(fixed_alpha=1.0)),
        ),
    ),
    Exercise(
        "bits_per_character", text.bits_per_character, _bits_cases, "bits per character",
        mistakes=(
            Mistake("np.log is the natural logarithm, which counts nats: bits need np.log2 (1 nat = 1.443 bits).",
                    _wrong_bits(log=np.log)),
            Mistake("np.log10 counts digits, not bits: use np.log2.", _wrong_bits(log=np.log10)),
            Mistake("the cost is a sum, not a mean: divide by the number of predictions, or use np.mean.",
                    _wrong_bits(reduce="sum")),
            Mistake("len(p) counts the first axis only: for an array of shape (T, m) take the mean over every "
                    "entry, np.mean (or divide by p.size).", _wrong_bits(reduce="rows")),
            Mistake("the sign is wrong: log2 p is negative for p < 1, so the cost is the mean of -log2 p.",
                    _wrong_bits(sign=1.0)),
            Mistake("this is -log2 of the mean probability: take the logarithm of each probability first, then "
                    "the mean.", _bits_of_the_mean),
        ),
    ),
)
