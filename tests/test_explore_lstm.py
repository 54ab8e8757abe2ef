"""Lesson 19: the stored recall accuracies, their outcome words, and the recall figure."""

import numpy as np
import pytest

from dnn_helpers.explore.lstm import (RECALL_ACCURACY, RECALL_ITERATIONS, RECALL_KS, RECALL_SEEDS, recall_figure,
                                      recall_outcome)
from dnn_helpers.recall import recall_accuracy, train_recall


@pytest.mark.parametrize("k, cell, seed", [(5, "rnn", 1), (40, "rnn", 1), (10, "lstm", 0)])
def test_the_stored_accuracies_are_what_training_gives(k, cell, seed):
    params, _ = train_recall(k, iterations=RECALL_ITERATIONS, seed=seed, cell=cell)
    assert recall_accuracy(params, k) == pytest.approx(RECALL_ACCURACY[(k, cell)][seed], abs=0.01)


def test_the_table_covers_every_k_both_cells_and_every_seed():
    assert set(RECALL_ACCURACY) == {(k, cell) for k in RECALL_KS for cell in ("lstm", "rnn")}
    assert all(len(row) == len(RECALL_SEEDS) for row in RECALL_ACCURACY.values())


def test_the_lstm_keeps_what_the_rnn_loses_at_k_40():
    assert [recall_outcome(a) for a in RECALL_ACCURACY[(40, "lstm")]] == ["solved"] * 5
    assert [recall_outcome(a) for a in RECALL_ACCURACY[(60, "rnn")]] == ["at chance"] * 5


def test_recall_outcome_words_and_bad_input():
    assert [recall_outcome(a) for a in (1.0, 0.96, 0.5, 0.34, 0.25)] == ["solved", "solved", "partly",
                                                                         "at chance", "at chance"]
    with pytest.raises(ValueError, match="between 0 and 1"):
        recall_outcome(1.5)


def test_recall_figure_marks_k_and_counts_the_solved_seeds():
    fig = recall_figure(40)
    accuracy_ax, memory_ax = fig.axes
    assert accuracy_ax.get_title() == "k = 40: solved by LSTM 5/5, RNN 1/5 seeds"
    # f^k of the three forget biases: sigmoid(0)^40, sigmoid(1)^40, sigmoid(3)^40
    ends = [line.get_ydata()[-1] for line in memory_ax.get_lines()]
    assert ends == pytest.approx([0.5**40, (1 / (1 + np.exp(-1))) ** 40, (1 / (1 + np.exp(-3))) ** 40])
    with pytest.raises(ValueError, match="one of the measured distances"):
        recall_figure(7)
