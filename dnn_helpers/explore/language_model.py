"""Lesson 18 pictures: the text laid out in batches, training curves, samples, and what a hidden unit tracks.

    batch_layout_figure(batch_size, T)          the text cut into streams (columns) and read in windows (slider)
    training_curves_figure(runs)                validation bits per character against the baselines
    sampling_view(temperature, prompt)          text the stored model writes after a prompt (slider and box)
    hidden_unit_figure(feature, rank)           the unit that tracks a feature best, over a stretch of text

The stored model is data/rnn_language_model.npz (language_model.load_language_model), loaded once.
"""

import re
import textwrap
from functools import lru_cache

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from ..language_model import (
    hidden_states,
    load_language_model,
    make_batches,
    number_of_windows,
    sample,
    text8_splits,
    text_features,
    unit_correlations,
)
from ..text import TEXT8_VOCABULARY

LAYOUT_TEXT = "first citizen before we proceed any further hear me speak"  # the corpus's first words
BIGRAM_VALIDATION, UNIFORM = 3.348, float(np.log2(27))  # data/README.md
STREAM_COLOURS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c")
UNIT_TEXT_START, UNIT_TEXT_LENGTH = 0, 5_000  # the stretch of validation text the units are correlated over


def _symbol_grid(ax, symbols, colours, fontsize=9.0):
    """Draw a grid of symbols, row 0 at the top: one image of the cell colours, one text per symbol.

    symbols -- list of rows of one-character strings;  colours -- array (rows, columns, 3) of RGB in [0, 1]
    """
    ax.imshow(colours, aspect="auto", interpolation="nearest", alpha=0.45,
              extent=(0, colours.shape[1], colours.shape[0], 0))
    for row, line in enumerate(symbols):
        for column, symbol in enumerate(line):
            ax.text(column + 0.5, row + 0.5, "\u2423" if symbol == " " else symbol, ha="center", va="center",
                    fontsize=fontsize, family="monospace")


def _rgb(colour):
    return np.array(to_rgb(colour))


def batch_layout_figure(batch_size=4, T=3, text=LAYOUT_TEXT):
    """The text cut into ``batch_size`` streams, one per column, and read T rows at a time.

    Top: the text in one line, each symbol coloured by the stream it goes to (grey: dropped).
    Bottom: batches = make_batches(text, batch_size), shape (L, m); the windows of an epoch are
    framed, the rows no whole window reads are greyed.

    Returns:
        fig -- Figure with two Axes, titled with L, m, T and the number of windows
    """
    indices = TEXT8_VOCABULARY.encode(text)
    batches = make_batches(indices, batch_size)
    L, m = batches.shape
    windows = number_of_windows(batches, T)
    fig = Figure(figsize=(9.0, 5.2))  # axes placed by hand: a layout engine would draw every symbol twice
    top, bottom = fig.add_axes((0.01, 0.84, 0.98, 0.09)), fig.add_axes((0.01, 0.01, 0.98, 0.76))
    stream_colours = [_rgb(STREAM_COLOURS[i % len(STREAM_COLOURS)]) for i in range(m)]
    dropped = _rgb("#bbbbbb")
    line_colours = np.array([stream_colours[p // L] if p // L < m else dropped for p in range(len(text))])
    _symbol_grid(top, [text], line_colours[np.newaxis])
    top.set_axis_off()
    top.set_title(f"the text: {len(text)} symbols, cut into m = {m} streams of L = {L}"
                  + (f" ({len(text) - m * L} left over)" if len(text) > m * L else ""), fontsize=10)

    read = np.arange(L) <= windows * T  # the last target of the last whole window is row windows * T
    grid_colours = np.array([[stream_colours[column] if read[row] else dropped for column in range(m)]
                             for row in range(L)])
    row_height = 0.76 * 5.2 / L  # inches
    _symbol_grid(bottom, [TEXT8_VOCABULARY.decode(row) for row in batches], grid_colours,
                 fontsize=min(9.0, 50 * row_height))
    for window in range(windows):
        first = window * T
        bottom.plot([0, m, m, 0, 0], [first, first, first + T, first + T, first], color="black", lw=1.5)
        if T * row_height >= 0.32 or window < 2 and T * row_height >= 0.16:  # a note only where it fits
            note = "h = 0: the epoch starts" if window == 0 else "h carried in (no gradient back)"
            bottom.text(m + 0.3, first + T / 2, f"window {window + 1}: inputs rows {first}..{first + T - 1}, "
                        f"targets one row down" + (f"\n{note}" if T * row_height >= 0.32 else f"; {note}"),
                        va="center", fontsize=8)
    bottom.set_xlim(-0.1, m + 7.5)
    bottom.set_ylim(L + 0.05, -0.05)
    bottom.set_axis_off()
    bottom.set_title(f"batches: (L, m) = ({L}, {m}), read in {windows} windows of T = {T} rows", fontsize=10)
    return fig


def _moving_average(values, width):
    width = max(1, min(width, len(values)))
    return np.convolve(values, np.ones(width) / width, mode="valid"), width


def training_curves_figure(runs, bigram=BIGRAM_VALIDATION, uniform=UNIFORM):
    """One panel per run: validation bits per character and the training cost, against the baselines.

    Arguments:
        runs -- dict title -> (costs, curve): costs the window costs in nats (num_steps,), curve a list or
                array of (step, validation bits) pairs
    Returns:
        fig -- Figure with one Axes per run; lines "training (moving average)", "validation", "bigram", "uniform"
    """
    fig = Figure(figsize=(5.0 * len(runs), 3.8), layout="constrained")
    axes = fig.subplots(1, len(runs), squeeze=False)[0]
    for ax, (title, (costs, curve)) in zip(axes, runs.items()):
        costs, curve = np.asarray(costs, dtype=np.float64), np.asarray(curve, dtype=np.float64)
        smooth, width = _moving_average(costs / np.log(2), max(1, len(costs) // 30))
        ax.plot(np.arange(width, len(costs) + 1), smooth, color="#999999", lw=1,
                label="training (moving average)")
        ax.plot(curve[:, 0], curve[:, 1], "o-", color="#4c72b0", ms=3, label="validation")
        ax.axhline(bigram, color="#c44e52", ls="--", label=f"bigram ({bigram:.2f})")
        ax.axhline(uniform, color="black", ls=":", label=f"uniform ({uniform:.2f})")
        ax.set_ylim(min(2.0, curve[:, 1].min() - 0.1), uniform + 0.25)
        ax.set_xlabel("training step (windows)")
        ax.set_ylabel("bits per character")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8, loc="center right")
    return fig


@lru_cache(maxsize=1)
def stored_model():
    """The stored long run (StoredLanguageModel), read once."""
    return load_language_model()


def clean_prompt(prompt):
    """A typed prompt in the 27 symbols: lower case, any other character a space, runs of spaces one space.

    Unlike text8_reduce it keeps one space at the end, so "to be " asks for a new word.
    """
    return re.sub(" +", " ", re.sub("[^a-z]", " ", str(prompt).lower())).lstrip(" ")


def sampling_view(temperature=1.0, prompt="to be or not to be ", length=240, seed=0):
    """What the stored model writes after ``prompt``: the prompt in brackets, then its continuation, wrapped.

    Returns:
        a str (shown by interactive_figure in place of a plot); for a temperature <= 0, the error message
    """
    cleaned = clean_prompt(prompt)
    try:
        continuation = sample(stored_model().params, cleaned, length, temperature=temperature, seed=seed)
    except ValueError as error:
        return f"cannot sample: {error}"
    return textwrap.fill(f"[{cleaned}]{continuation}", width=80)


@lru_cache(maxsize=1)
def unit_activity():
    """The stored model's hidden states over the first 5,000 validation symbols, (n, n_h), and those symbols (n,)."""
    symbols = text8_splits()[1][UNIT_TEXT_START: UNIT_TEXT_START + UNIT_TEXT_LENGTH]
    return hidden_states(stored_model().params, symbols), symbols


def ranked_units(feature):
    """The units ordered by |correlation| with ``feature`` (a text_features name): (order (n_h,), correlations (n_h,))."""
    H, symbols = unit_activity()
    features = text_features(symbols)
    if feature not in features:
        raise ValueError(f"feature must be one of {sorted(features)}, got {feature!r}.")
    correlations = unit_correlations(H, features[feature])
    return np.argsort(-np.abs(correlations), kind="stable"), correlations


def hidden_unit_figure(feature="space", rank=1, start=200, length=60):
    """The unit with the rank-th strongest correlation with ``feature``, and its activation over a stretch of text.

    Left: every unit's correlation with the feature, sorted, the chosen one marked. Right: the chosen unit's
    h over ``length`` symbols of validation text from ``start``, symbols where the feature holds shaded.

    Returns:
        fig -- Figure with two Axes; the right one titled "unit <u>: correlation <r> with '<feature>'"
    """
    order, correlations = ranked_units(feature)
    if not 1 <= rank <= len(order):
        raise ValueError(f"rank must be between 1 and {len(order)}, got {rank!r}.")
    unit = int(order[rank - 1])
    H, symbols = unit_activity()
    stretch = slice(start, start + length)
    marks = text_features(symbols[stretch])[feature]
    fig = Figure(figsize=(10.0, 3.2))  # axes placed by hand, so that the tick labels are drawn once
    left, right = fig.add_axes((0.085, 0.17, 0.19, 0.75)), fig.add_axes((0.34, 0.17, 0.65, 0.75))
    sorted_values = correlations[order]
    left.vlines(np.arange(len(order)), 0, sorted_values, color="#bbbbbb", lw=2)
    left.vlines([rank - 1], 0, [sorted_values[rank - 1]], color="#c44e52", lw=3, label=f"unit {unit}")
    left.set_xlabel("units, strongest |correlation| first")
    left.set_ylabel(f"correlation with '{feature}'")
    left.set_ylim(-1, 1)
    left.legend(fontsize=8)
    positions = np.arange(length)
    right.fill_between(np.repeat(positions, 2) + np.tile([-0.5, 0.5], length), -1.05, 1.05,
                       where=np.repeat(marks > 0, 2), color="#dd8452", alpha=0.25, lw=0)
    right.plot(positions, H[stretch, unit], "o-", color="#4c72b0", ms=3)
    right.set_xticks(positions)
    right.set_xticklabels(["\u2423" if s == " " else s for s in TEXT8_VOCABULARY.decode(symbols[stretch])],
                          family="monospace", fontsize=8)
    right.tick_params(axis="x", length=0)
    right.set_xlim(-0.5, length - 0.5)
    right.set_ylim(-1.05, 1.05)
    right.set_ylabel(f"h of unit {unit}")
    right.set_title(f"unit {unit}: correlation {correlations[unit]:+.2f} with '{feature}' (shaded)", fontsize=10)
    return fig
