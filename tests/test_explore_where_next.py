"""Lesson 14: the perceptron, Hopfield, convolution and RNN demonstrations and the Hopfield slider."""

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dnn_helpers.data import make_dataset
from dnn_helpers.explore.where_next import hopfield_figure, perceptron_figure
from dnn_helpers.other_networks import (PATTERNS, convolution_matrix, flip_pixels, hopfield_energy, hopfield_recall,
                                        hopfield_weights, rnn_forward, train_perceptron)
from dnn_helpers.widgets import interactive_figure


def test_perceptron_separates_blobs_and_stops():
    X, Y = make_dataset("blobs", n_samples=200, noise=0.6, seed=1)
    w, b, mistakes = train_perceptron(X, Y, num_epochs=20)
    assert mistakes[-1] == 0 and len(mistakes) < 20
    assert np.array_equal((w @ X + b > 0).astype(float), Y)
    fig = perceptron_figure(X, Y, w, b, mistakes)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert fig.axes[1].get_title() == "mistakes per epoch: " + ", ".join(map(str, mistakes))
    line = fig.axes[0].lines[0]
    x0, y0 = line.get_xdata()[0], line.get_ydata()[0]
    assert abs(w[0, 0] * x0 + w[0, 1] * y0 + b) < 1e-9  # the drawn line is w . x + b = 0


def test_perceptron_keeps_failing_on_xor():
    X, Y = make_dataset("xor", n_samples=200, seed=0)
    _, _, mistakes = train_perceptron(X, Y, num_epochs=5)
    assert len(mistakes) == 5 and min(mistakes) > 0


def test_hopfield_weights_are_symmetric_without_self_connections():
    W = hopfield_weights(list(PATTERNS.values()))
    assert W.shape == (25, 25) and np.allclose(W, W.T) and np.all(np.diag(W) == 0)
    for pattern in PATTERNS.values():  # every stored pattern is a fixed point
        recalled, energies = hopfield_recall(W, pattern)
        assert np.array_equal(recalled, pattern) and len(energies) == 2


def test_hopfield_recall_lowers_the_energy_and_repairs_a_few_flips():
    W = hopfield_weights(list(PATTERNS.values()))
    noisy = flip_pixels(PATTERNS["T"], 3, seed=3)
    assert int(np.sum(noisy != PATTERNS["T"])) == 3
    recalled, energies = hopfield_recall(W, noisy, seed=3)
    assert np.array_equal(recalled, PATTERNS["T"])
    assert all(later <= earlier for earlier, later in zip(energies, energies[1:]))
    assert energies[-1] == hopfield_energy(W, PATTERNS["T"])


def test_hopfield_figure_and_slider():
    fig = hopfield_figure(5, seed=3)
    assert len(fig.axes) == 3
    assert [ax.get_title() for ax in fig.axes] == ['stored "T"', "noisy: 5 pixels flipped", 'recalled "T", 0 wrong']
    box = interactive_figure(hopfield_figure, flipped=widgets.IntSlider(value=5, min=0, max=25),
                             seed=widgets.IntSlider(value=3, min=0, max=20))
    box.controls["flipped"].value = 25  # the inverted T: a valley, the negative of a stored pattern
    assert box.figure.axes[1].get_title() == "noisy: 25 pixels flipped"
    assert box.figure.axes[2].get_title() == 'recalled "inverted T", 25 wrong'
    box.controls["flipped"].value = 8  # the lesson's spurious memory: none of the letters nor their negatives
    assert box.figure.axes[2].get_title() == "recalled: no stored pattern, 7 wrong"


def test_the_lessons_hopfield_slider_claims():
    # lesson 14, section 11, with which pixels = 3: 3 flips recall the T, 7 the inverted X, 8 a spurious state,
    # 12 the L, and from 18 flips on always the inverted T
    def last_title(flipped):
        return hopfield_figure(flipped, seed=3).axes[2].get_title()
    assert last_title(3) == 'recalled "T", 0 wrong'
    assert last_title(7) == 'recalled "inverted X", 13 wrong'
    assert last_title(8).startswith("recalled: no stored pattern")
    assert last_title(12) == 'recalled "L", 14 wrong'
    assert all(last_title(flipped) == 'recalled "inverted T", 25 wrong' for flipped in range(18, 26))
    assert last_title(17) != 'recalled "inverted T", 25 wrong'


def test_convolution_matrix_equals_sliding_the_filter():
    rng = np.random.default_rng(0)
    x, kernel = rng.normal(size=10), rng.normal(size=4)
    W = convolution_matrix(kernel, 10)
    assert W.shape == (7, 10)
    assert np.allclose(W @ x, [kernel @ x[j:j + 4] for j in range(7)])
    assert np.allclose(W @ x, np.correlate(x, kernel, mode="valid"))


def test_rnn_forward_reuses_one_cell():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 2, 3))
    Wxh, Whh, b = rng.normal(size=(5, 2)), rng.normal(size=(5, 5)), rng.normal(size=(5, 1))
    H = rnn_forward(X, Wxh, Whh, b)
    assert H.shape == (4, 5, 3)
    h = np.zeros((5, 3))
    for t in range(4):
        h = np.tanh(Wxh @ X[t] + Whh @ h + b)
        assert np.allclose(H[t], h)
