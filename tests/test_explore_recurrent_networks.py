"""Lesson 17: the unrolled picture, gradients through time, the clipping runs, and the BPTT slips."""

import math

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers.exercises.lesson17_recurrent_networks import BPTT_SLIPS, rnn_inputs
from dnn_helpers.explore import recurrent_networks as explore
from dnn_helpers.gradient_checking import numerical_gradients, relative_difference
from dnn_helpers.rnn import clip_gradients, global_norm, rnn_backward, rnn_forward, rnn_loss_and_gradients
from dnn_helpers.widgets import interactive_figure


def texts(fig):
    return [text.get_text() for text in fig.axes[0].texts]


def test_unrolled_figure_draws_every_step():
    fig = explore.unrolled_rnn_figure(3)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    labels = texts(fig)
    for t in (1, 2, 3):
        assert {f"$x_{t}$", f"$h_{t}$", f"$p_{t}$"} <= set(labels)
    assert "$h_0$" in labels and "$x_4$" not in labels
    assert labels.count("$W_{hh}$") == 3  # one recurrent arrow into each state
    assert "dh_next" in labels and "dH[t]" in labels


@pytest.mark.parametrize("steps", [0, 9])
def test_unrolled_figure_rejects_a_size_that_does_not_fit(steps):
    with pytest.raises(ValueError, match="steps must be between 1 and 8"):
        explore.unrolled_rnn_figure(steps)


def test_orthogonal_matrix_keeps_lengths_and_follows_its_seed():
    Q = explore.orthogonal_matrix(6, seed=3)
    np.testing.assert_allclose(Q.T @ Q, np.eye(6), atol=1e-14)
    np.testing.assert_array_equal(Q, explore.orthogonal_matrix(6, seed=3))
    assert not np.allclose(Q, explore.orthogonal_matrix(6, seed=4))


@pytest.mark.parametrize("scale", [0.5, 1.0, 2.0, 3.0])
def test_each_step_back_stretches_the_gradient_at_most_by_the_scale(scale):
    ratios = explore.gradient_norms_through_time(scale, 40)
    assert ratios.shape == (41,) and ratios[-1] == 1.0
    # ||dh_{t-1}|| = ||Whh^T (dh_t * (1 - h_t^2))|| <= scale ||dh_t||, since Whh = scale * orthogonal
    assert np.all(ratios[:-1] <= scale * ratios[1:] * (1 + 1e-12))


def test_gradients_vanish_below_one_and_explode_above():
    at_50 = {scale: explore.gradient_norms_through_time(scale, 50)[0] for scale in explore.REFERENCE_SCALES}
    assert 0.5**50 / 100 < at_50[0.5] < 0.5**50  # the bound, met to within the tanh slopes
    assert 1e-4 < at_50[1.0] < 1e-1  # the tanh slopes alone make it fade
    assert 1e3 < at_50[2.0] < 1e6 < at_50[3.0] < 3.0**50 / 1e10  # explodes, far below its bound


def test_the_printed_ratios_are_far_from_a_rounding_boundary():
    """The lesson prints these ratios with one digit: each must be far from the point where that digit flips."""
    for scale in explore.REFERENCE_SCALES:
        ratio = explore.gradient_norms_through_time(scale, 50)[0]
        mantissa = ratio / 10 ** math.floor(math.log10(ratio))
        assert min(abs(mantissa - (k + 0.5)) for k in range(10)) > 0.05, (scale, ratio)


def test_a_gaussian_matrix_has_the_spectral_radius_asked_for_but_spread_singular_values():
    W = explore.gaussian_matrix(32, 1.0, seed=0)
    assert np.abs(np.linalg.eigvals(W)).max() == pytest.approx(1.0, rel=1e-12)
    singular = np.linalg.svd(W, compute_uv=False)
    assert singular[0] > 1.3 and singular[-1] < 0.2  # not scale * orthogonal, whose singular values all equal 1


def test_with_a_gaussian_matrix_the_trend_is_the_same_but_explosion_depends_more_on_the_seed():
    """Lesson 17, exercise 5: vanishing at 0.5, fading at 1, growth at 2, by seed."""
    at_50 = {(scale, seed): explore.gradient_norms_through_time(scale, 50, seed=seed, matrix="gaussian")[0]
             for scale in (0.5, 1.0, 2.0) for seed in range(4)}
    for seed in range(4):
        assert at_50[0.5, seed] < 1e-15 and 1e-4 < at_50[1.0, seed] < 1e-2 and at_50[2.0, seed] > 1
    growth = [at_50[2.0, seed] for seed in range(4)]
    assert max(growth) / min(growth) > 1e3  # 4 to 2e4 over the seeds (orthogonal: 3e3 to 3e4)


def test_gradient_norms_reject_bad_arguments():
    with pytest.raises(ValueError, match="steps must be between 1 and 100"):
        explore.gradient_norms_through_time(1.0, 0)
    with pytest.raises(ValueError, match="scale must be a positive number"):
        explore.gradient_norms_through_time(-1.0, 10)
    with pytest.raises(ValueError, match='matrix must be "orthogonal" or "gaussian"'):
        explore.gradient_norms_through_time(1.0, 10, matrix="random")


def test_gradient_flow_figure_and_its_slider():
    fig = explore.gradient_flow_figure(2.0, 30)
    ax = fig.axes[0]
    chosen = next(line for line in ax.lines if line.get_label() == "scale = 2")
    np.testing.assert_allclose(chosen.get_ydata(), explore.gradient_norms_through_time(2.0, 30)[::-1])
    bound = next(line for line in ax.lines if line.get_label() == "scale^k, the bound")
    np.testing.assert_allclose(bound.get_ydata(), 2.0 ** np.arange(31))
    assert ax.get_yscale() == "log"
    assert ax.get_title().startswith("Whh = 2 x orthogonal, T = 30: ||dh_0|| / ||dh_T|| = ")

    box = interactive_figure(explore.gradient_flow_figure,
                             scale=widgets.FloatSlider(value=1.0, min=0.25, max=3.0, step=0.25),
                             steps=widgets.IntSlider(value=50, min=5, max=100, step=5))
    box.controls["scale"].value = 0.5
    box.controls["steps"].value = 20
    assert box.figure.axes[0].get_title().startswith("Whh = 0.5 x orthogonal, T = 20")


def test_echo_task_asks_for_the_symbol_read_delay_steps_earlier():
    X, targets = explore.echo_task(steps=12, m=5, V=4, delay=3, seed=2)
    assert X.shape == targets.shape == (12, 5) and X.max() < 4
    np.testing.assert_array_equal(targets[3:], X[:-3])
    assert not targets[:3].any()


def test_echo_parameters_have_the_spectral_radius_asked_for():
    params = explore.echo_parameters(n_h=8, V=4, scale=2.0)
    np.testing.assert_allclose(np.linalg.svd(params["Whh"], compute_uv=False), 2.0, rtol=1e-12)
    assert params["Wxh"].shape == (8, 4) and params["Why"].shape == (4, 8)


def test_training_runs_figure():
    fig = explore.training_runs_figure({"a": ([3.0, 2.0, 1.0], [5.0, 1.0, 0.1]), "b": ([3.0, 3.0, 3.0], [1, 1, 1])},
                                       max_norm=0.5, guess=math.log(4))
    assert len(fig.axes) == 2
    cost_ax, norm_ax = fig.axes
    assert [line.get_label() for line in cost_ax.lines[:2]] == ["a", "b"]
    np.testing.assert_array_equal(norm_ax.lines[0].get_ydata(), [5.0, 1.0, 0.1])
    assert any(line.get_label() == "max_norm = 0.5" for line in norm_ax.lines)


def train(params, X, targets, learning_rate, steps, max_norm=None):
    """The lesson's train_on_echo, with the package's loss and gradients."""
    h0 = np.zeros((params["Whh"].shape[0], X.shape[1]))
    costs, norms = [], []
    for _ in range(steps):
        cost, grads, _ = rnn_loss_and_gradients(X, targets, h0, params)
        norms.append(global_norm(grads))
        if max_norm is not None:
            grads, _ = clip_gradients(grads, max_norm)
        params = {key: value - learning_rate * grads["d" + key] for key, value in params.items()}
        costs.append(cost)
    return np.array(costs), np.array(norms)


@pytest.mark.parametrize("nudge", [0.0, 1e-15])
def test_clipping_prevents_the_blow_up_whatever_the_rounding(nudge):
    """The lesson's printed outcomes hold when every starting weight is nudged by far more than rounding error."""
    X, targets = explore.echo_task(steps=20, m=32, V=4, delay=3, seed=0)
    rng = np.random.default_rng(5)
    start = {key: value * (1 + nudge * rng.standard_normal(value.shape))
             for key, value in explore.echo_parameters(n_h=16, V=4, scale=2.0, seed=1).items()}
    costs, norms = train(start, X, targets, 3.0, 100)
    clipped_costs, clipped_norms = train(start, X, targets, 3.0, 100, max_norm=0.5)
    # the first seven steps, which the lesson prints, agree to far more digits than it shows
    np.testing.assert_allclose(costs[:7], [1.4787, 1.3673, 1.5350, 2.0153, 7.0977, 6.1003, 4.9920], atol=2e-4)
    np.testing.assert_allclose(norms[:7], [0.9526, 1.0553, 1.0077, 2.4173, 2.2691, 6.0969, 18.483], atol=2e-3)
    assert costs[50:].mean() > costs[0] + 0.5  # chaotic from step 8 on: only a bound, with a margin
    assert clipped_costs[1:].max() < clipped_costs[0] - 0.1
    assert clipped_costs[-1] < 0.02


def test_a_gradient_check_catches_every_bptt_slip():
    params, X, h0 = rnn_inputs(seed=4)
    G = np.random.default_rng(6).normal(size=(X.shape[0],) + h0.shape)  # J = sum(G * H)
    trainable = {key: params[key] for key in ("Wxh", "Whh", "bh")}

    def cost(values):
        return float(np.sum(G * rnn_forward(X, h0, values)[0]))

    numerical = numerical_gradients(cost, trainable)
    _, caches = rnn_forward(X, h0, params)
    assert relative_difference(rnn_backward(G, caches), numerical) < 1e-8
    for name, slip in BPTT_SLIPS.items():
        assert relative_difference(slip(G, caches), numerical) > 1e-2, name
