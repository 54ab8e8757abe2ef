"""Lesson 16, "Text as data": pictures of the corpus, of one-hot sequences and of the bigram model.

    counts_figure(symbol_counts, word_counts)        symbol frequencies, and word counts by rank (Zipf's law)
    one_hot_figure(text, vocabulary)                 the one-hot vectors of a short text, one row per step
    bigram_figure(P, vocabulary)                     the bigram table as a heat map of log2 P[a, b]
    bits_from_counts(P, counts)                      bits per character of P on a text, from its bigram counts
    smoothing_curves(train, validation, V, n)        bits per character over SMOOTHING_GRID, train and validation
    smoothing_figure(alpha, training_characters, train, validation, vocabulary_size)   the "Try it" slider

A text is scored through its bigram counts M (V, V): its T - 1 predictions P[a, b] fall into V * V
kinds, so the mean of -log2 P over them is sum M[a, b] (-log2 P[a, b]) / sum M. A redraw of the
slider costs V * V operations per smoothing value, whatever the length of the text.
"""

import math

import numpy as np
from matplotlib.figure import Figure

from ..text import bigram_counts, bigram_probabilities, one_hot_sequence, uniform_bits_per_character

SMOOTHING_GRID = 10.0 ** np.arange(-3.0, 4.01, 0.125)  # alpha from 1e-3 to 1e4
SPACE = "\u2423"  # the open-box sign that stands for the space in labels


def symbol_label(symbol):
    """How a symbol is written on an axis: the space as an open box, a line break as \\n."""
    return {" ": SPACE, "\n": "\\n"}.get(symbol, symbol)


def counts_figure(symbol_counts, word_counts, named_ranks=(1, 3, 10, 30, 100, 300, 1000)):
    """Two panels: the share of each symbol, most common first; the count of each word against its rank.

    Arguments:
        symbol_counts, word_counts -- collections.Counter (or dict) of symbol -> count and word -> count
        named_ranks -- the ranks whose words are written on the right panel, with the rank in brackets
    Returns:
        fig -- Figure with two Axes: bars of symbol shares (left); word count against rank, log-log, with
               the line count_1 / rank of Zipf's law (right)
    """
    symbols = sorted(symbol_counts, key=lambda symbol: (-symbol_counts[symbol], symbol))
    total = sum(symbol_counts.values())
    words = sorted(word_counts.values(), reverse=True)
    ranks = np.arange(1, len(words) + 1)

    fig = Figure(figsize=(11.0, 3.8), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=(1.4, 1.0))
    left.bar(range(len(symbols)), [symbol_counts[symbol] / total for symbol in symbols], color="tab:blue")
    left.set_xticks(range(len(symbols)), [symbol_label(symbol) for symbol in symbols])
    left.set_xlim(-0.7, len(symbols) - 0.3)
    left.set_ylabel("share of all characters")
    left.set_title(f"{len(symbols)} symbols, {total:,} characters")

    right.loglog(ranks, words, color="tab:blue", label="words of the text")
    right.loglog(ranks, words[0] / ranks, color="grey", linestyle="--", label="count of the first / rank")
    ranked = sorted(word_counts, key=lambda word: (-word_counts[word], word))
    for rank in (rank for rank in named_ranks if rank <= len(ranked)):
        word = ranked[rank - 1]
        right.annotate(f"{word} ({rank})", (rank, word_counts[word]), textcoords="offset points", xytext=(4, 4),
                       fontsize=8)
    right.set_xlabel("rank of the word (1 = most common)")
    right.set_ylabel("number of times it occurs")
    right.set_title(f"{len(words):,} distinct words, {sum(words):,} in all")
    right.legend(loc="lower left", fontsize=8)
    return fig


def one_hot_figure(text, vocabulary):
    """The one-hot vectors of ``text``: row t is step t, a dark cell marks the symbol it holds.

    Arguments:
        text -- a short str over the vocabulary's symbols (T characters)
        vocabulary -- a dnn_helpers.text.Vocabulary of V symbols
    Returns:
        fig -- Figure with one Axes showing the (T, V) array one_hot_sequence(vocabulary.encode(text), V)
    """
    X = one_hot_sequence(vocabulary.encode(text), vocabulary.size)  # (T, V)
    T, V = X.shape
    fig = Figure(figsize=(0.26 * V + 1.4, 0.26 * T + 1.2), layout="constrained")
    ax = fig.add_subplot()
    ax.imshow(X, cmap="Greys", vmin=0, vmax=1.25)
    ax.set_xticks(range(V), [symbol_label(symbol) for symbol in vocabulary.symbols])
    ax.set_yticks(range(T), [f"t={t}  {symbol_label(symbol)}" for t, symbol in enumerate(text)])
    ax.set_xticks(np.arange(V + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(T + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="lightgrey", linewidth=0.5)
    ax.tick_params(which="minor", length=0)
    ax.xaxis.tick_top()
    ax.set_title(f"one-hot vectors of {text!r}: shape ({T}, {V}), a single 1 in each row", fontsize=10)
    return fig


def bigram_figure(P, vocabulary):
    """The bigram table as a heat map: row a, column b coloured by log2 P[a, b], the chance that b follows a.

    Arguments:
        P -- bigram probabilities, shape (V, V), rows summing to 1
        vocabulary -- the Vocabulary whose symbols label the rows and columns
    Returns:
        fig -- Figure with the heat map's Axes and its colour bar
    """
    P = np.asarray(P, dtype=np.float64)
    V = vocabulary.size
    labels = [symbol_label(symbol) for symbol in vocabulary.symbols]
    with np.errstate(divide="ignore"):
        log_p = np.log2(P)
    fig = Figure(figsize=(7.4, 6.4), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(np.maximum(log_p, -16), cmap="magma", vmin=-16, vmax=0)
    ax.set_xticks(range(V), labels)
    ax.set_yticks(range(V), labels)
    ax.set_xlabel("next symbol b")
    ax.set_ylabel("current symbol a")
    ax.xaxis.set_label_position("top")
    ax.xaxis.tick_top()
    fig.colorbar(image, ax=ax, shrink=0.85, label="log2 P[a, b]  (0: certain; -16 or less: almost never)")
    return fig


def bits_from_counts(P, counts):
    """Bits per character of the bigram model P (V, V) on a text whose bigram counts are ``counts`` (V, V).

    Equal to bigram_bits_per_character(P, indices) for counts = bigram_counts(indices, V); inf when the
    text holds a bigram to which P gives probability 0.
    """
    P, counts = np.asarray(P, dtype=np.float64), np.asarray(counts)
    seen = counts > 0
    if (P[seen] == 0).any():
        return math.inf
    return float(-np.sum(counts[seen] * np.log2(P[seen])) / counts.sum())


def smoothing_curves(train, validation, vocabulary_size, training_characters=None, alphas=SMOOTHING_GRID):
    """Bits per character of add-alpha bigram models counted on the first ``training_characters`` of ``train``.

    Arguments:
        train, validation -- symbol indices, shapes (T_train,) and (T_validation,)
        vocabulary_size -- V;  training_characters -- how much of train to count (None: all of it)
        alphas -- the smoothing values, shape (k,)
    Returns:
        (train_bits, validation_bits) -- two arrays of shape (k,), each model scored on the training
        characters it was counted on and on the whole validation part
    """
    V = vocabulary_size
    counted = bigram_counts(np.asarray(train)[:training_characters], V)
    judged = bigram_counts(validation, V)
    models = [bigram_probabilities(counted, float(alpha)) for alpha in alphas]
    return (np.array([bits_from_counts(P, counted) for P in models]),
            np.array([bits_from_counts(P, judged) for P in models]))


def smoothing_figure(alpha, training_characters, train, validation, vocabulary_size):
    """Bits per character against the smoothing alpha, on train and validation, with ``alpha`` marked.

    Arguments:
        alpha -- the smoothing to mark, > 0;  training_characters -- how many characters of train are counted
        train, validation -- symbol indices, shapes (T_train,) and (T_validation,);  vocabulary_size -- V
    Returns:
        fig -- Figure with one Axes: lines "train", "validation", "uniform guess" and the marker "this alpha"
               at (alpha, its validation bits per character); or a str for an alpha that is not > 0
    """
    if not alpha > 0:
        return "alpha must be greater than 0 on this logarithmic axis."
    V = vocabulary_size
    n = min(int(training_characters), len(train))
    train_bits, validation_bits = smoothing_curves(train, validation, V, n)
    here_train, here = (float(bits[0]) for bits in smoothing_curves(train, validation, V, n, [alpha]))
    uniform = uniform_bits_per_character(V)

    fig = Figure(figsize=(7.0, 4.2), layout="constrained")
    ax = fig.add_subplot()
    ax.semilogx(SMOOTHING_GRID, train_bits, color="tab:orange", label="train (the characters counted)")
    ax.semilogx(SMOOTHING_GRID, validation_bits, color="tab:blue", label="validation")
    ax.axhline(uniform, color="grey", linestyle="--", label=f"uniform guess, log2 {V}")
    ax.plot([alpha], [here], "o", color="black", label="this alpha")
    finite = np.concatenate([train_bits, validation_bits])
    finite = finite[np.isfinite(finite)]
    ax.set_ylim(min(finite.min(), uniform) - 0.15, max(finite.max(), uniform) + 0.25)
    ax.set_xlabel("smoothing alpha (added to every count)")
    ax.set_ylabel("bits per character")
    ax.legend(loc="best", fontsize=8)
    ax.set_title(f"{n:,} training characters, alpha = {alpha:.3g}: validation {here:.3f}, train {here_train:.3f} "
                 "bits per character", fontsize=10)
    return fig
