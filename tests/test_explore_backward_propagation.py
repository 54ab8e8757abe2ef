"""Lesson 5: the gradient-check pictures, the epsilon slider, and the notebook's teaching copies."""


import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers import backward_propagation, forward_propagation, linear_backward
from dnn_helpers.explore import backward_propagation as explore
from dnn_helpers.gradient_checking import numerical_gradients, relative_difference
from dnn_helpers.widgets import interactive_figure



def marker(fig):
    """The (x, y) of the "this epsilon" marker."""
    (line,) = [line for line in fig.axes[0].lines if line.get_label() == "this epsilon"]
    return float(line.get_xdata()[0]), float(line.get_ydata()[0])


def test_epsilon_curve_is_a_v():
    centred, one_sided = explore.epsilon_curves()
    assert centred.shape == one_sided.shape == explore.EPSILON_GRID.shape
    best = int(np.argmin(centred))
    # rounding error on the left, truncation error on the right, a deep minimum in between
    assert 0 < best < len(centred) - 1
    assert centred[best] < 1e-9
    assert centred[0] > 1e3 * centred[best] and centred[-1] > 1e3 * centred[best]
    # the one-sided difference is worse at its best and its best step is smaller
    assert one_sided.min() > 100 * centred.min()
    assert np.argmin(one_sided) < best
    # right of the minimum, before any kink is crossed, the centred error grows like epsilon^2
    i, j = best + 4, best + 8  # one decade apart
    assert 50 < centred[j] / centred[i] < 200


def test_epsilon_figure_marks_the_chosen_step():
    fig = explore.epsilon_figure(1e-6)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.lines]
    assert labels == ["one-sided difference", "centred difference", "this epsilon"]
    x, y = marker(fig)
    assert x == 1e-6
    assert y == pytest.approx(explore.differences_at(1e-6)[0])
    assert y < explore.CORRECT_BELOW
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_title() == f"epsilon = 1e-06: relative difference {y:.1e}"
    # a huge step crosses ReLU kinks: the marker lands in the "bug" band
    assert marker(explore.epsilon_figure(1e-1))[1] > explore.WRONG_ABOVE


def test_epsilon_figure_rejects_a_bad_step():
    with pytest.raises(ValueError, match="small positive step"):
        explore.epsilon_figure(0.0)


def test_epsilon_slider_redraws():
    box = interactive_figure(
        explore.epsilon_figure,
        epsilon=widgets.FloatLogSlider(value=1e-6, base=10, min=-12, max=-1, step=0.5, description="epsilon"),
    )
    assert marker(box.figure)[0] == pytest.approx(1e-6)
    box.controls["epsilon"].value = 1e-3
    x, y = marker(box.figure)
    assert x == pytest.approx(1e-3)
    assert y == pytest.approx(explore.differences_at(1e-3)[0])
    assert "epsilon = 1e-03" in box.figure.axes[0].get_title()


def test_gradient_agreement_figure():
    X, Y, params, hidden = explore.demo_problem()
    AL, caches = forward_propagation(X, params, hidden)
    grads = backward_propagation(AL, Y, caches)

    def cost_of(candidate):
        from dnn_helpers.cost import cross_entropy
        return cross_entropy(forward_propagation(X, candidate, hidden)[0], Y)

    numerical = numerical_gradients(cost_of, params)
    doubled = {key: 2 * value for key, value in grads.items()}
    fig = explore.gradient_agreement_figure({"right": (grads, numerical), "twice": (doubled, numerical)})
    assert len(fig.axes) == 2
    count = sum(value.size for value in params.values())
    for ax, title in zip(fig.axes, ["right", "twice"]):
        dots = [line for line in ax.lines if line.get_label() == "one entry"][0]
        assert len(dots.get_xdata()) == count
        assert ax.get_title().startswith(title + "\nrelative difference ")
    right = fig.axes[0].lines[1]
    np.testing.assert_allclose(right.get_ydata(), right.get_xdata(), atol=1e-7)
    assert fig.axes[1].get_title().endswith(f"{relative_difference(doubled, numerical):.1e}")
    assert relative_difference(doubled, numerical) == pytest.approx(1 / 3, rel=1e-4)


def test_defect_hides_on_square_data():
    """The source lesson's m = A_prev.shape[0] passes on square data only."""
    def linear_backward_source(dZ, W, A_prev):
        m = A_prev.shape[0]
        return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m

    rng = np.random.default_rng(0)
    for m, same in [(4, True), (10, False)]:
        dZ, W, A_prev = rng.normal(size=(3, m)), rng.normal(size=(3, 4)), rng.normal(size=(4, m))
        got, expected = linear_backward_source(dZ, W, A_prev), linear_backward(dZ, W, A_prev)
        assert all(np.allclose(g, e) for g, e in zip(got, expected)) == same
