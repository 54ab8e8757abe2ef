"""Lesson 11: the optimiser paths on the bowl and the valley, and their sliders."""

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers.explore.optimization import (
    MINIMUM,
    OPTIMIZERS,
    START,
    optimizer_path,
    optimizer_paths_figure,
    surface_cost,
    surface_gradient,
)
from dnn_helpers.widgets import interactive_figure


@pytest.mark.parametrize("surface", ["bowl", "valley"])
def test_gradient_matches_centred_differences(surface):
    h = 1e-6
    for w1, w2 in [(-4.0, 1.5), (0.3, -0.7), (1.2, 2.0)]:
        g1, g2 = surface_gradient(w1, w2, surface)
        n1 = (surface_cost(w1 + h, w2, surface) - surface_cost(w1 - h, w2, surface)) / (2 * h)
        n2 = (surface_cost(w1, w2 + h, surface) - surface_cost(w1, w2 - h, surface)) / (2 * h)
        np.testing.assert_allclose([g1, g2], [n1, n2], rtol=1e-6, atol=1e-6)
    assert surface_cost(*MINIMUM[surface], surface) == 0


def test_gradient_descent_zig_zags_across_the_bowl():
    path = optimizer_path("gd", 0.09, num_steps=10)
    assert path.shape == (11, 2) and tuple(path[0]) == START["bowl"]
    # w2 is multiplied by 1 - 20 * 0.09 = -0.8 at every step; w1 by 0.91
    np.testing.assert_allclose(path[:, 1], 1.5 * (-0.8) ** np.arange(11))
    np.testing.assert_allclose(path[:, 0], -4.0 * 0.91 ** np.arange(11))


def test_momentum_does_not_zig_zag_and_beta_zero_is_gradient_descent():
    momentum = optimizer_path("momentum", 0.09, beta=0.9, num_steps=40)
    sign_changes = np.sum(np.diff(np.sign(momentum[:, 1])) != 0)
    assert sign_changes < 10  # gradient descent flips w2's sign at every one of the 40 steps
    np.testing.assert_allclose(optimizer_path("momentum", 0.09, beta=0.0), optimizer_path("gd", 0.09))


def test_too_large_a_rate_runs_away_for_gradient_descent_only():
    fig = optimizer_paths_figure(0.3, 0.9)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0] == "gradient descent: ran away"
    assert all("final cost" in title for title in titles[1:])


def test_rmsprop_first_step_is_large_and_adam_first_step_is_the_learning_rate():
    rmsprop = optimizer_path("rmsprop", 0.01, num_steps=1)
    adam = optimizer_path("adam", 0.01, num_steps=1)
    # without bias correction the first step is alpha / sqrt(1 - beta) = alpha / sqrt(0.1), about 3.16 alpha,
    # per coordinate (beta = 0.9 is RMSProp's default and the slider's start)
    np.testing.assert_allclose(rmsprop[1] - rmsprop[0], [0.01 / np.sqrt(0.1), -0.01 / np.sqrt(0.1)], rtol=1e-6)
    # the beta slider sets RMSProp's beta too: with beta = 0.999 the first step is about 31.6 alpha
    rmsprop_long = optimizer_path("rmsprop", 0.01, beta=0.999, num_steps=1)
    np.testing.assert_allclose(rmsprop_long[1] - rmsprop_long[0], [0.01 / np.sqrt(0.001), -0.01 / np.sqrt(0.001)],
                               rtol=1e-6)
    np.testing.assert_allclose(adam[1] - adam[0], [0.01, -0.01], rtol=1e-6)


def test_figure_draws_one_panel_per_optimiser_with_its_path():
    fig = optimizer_paths_figure(0.09, 0.9, num_steps=40, surface="valley")
    assert isinstance(fig, Figure) and len(fig.axes) == 4
    assert fig._suptitle.get_text() == "40 steps on the valley, learning rate 0.09, beta 0.90"
    for ax, name in zip(fig.axes, OPTIMIZERS):
        x, y = ax.lines[0].get_data()
        np.testing.assert_allclose(np.column_stack([x, y]), optimizer_path(name, 0.09, 0.9, 40, "valley"))
        final = surface_cost(x[-1], y[-1], "valley")
        assert ax.get_title().endswith(f"final cost {final:.4f}")


def test_unknown_surface_is_rejected():
    with pytest.raises(ValueError, match="surface must be 'bowl' or 'valley'"):
        surface_cost(0.0, 0.0, "saddle")


def test_sliders_redraw_the_paths():
    box = interactive_figure(
        optimizer_paths_figure,
        learning_rate=widgets.FloatLogSlider(value=0.09, base=10, min=-2, max=0, step=0.05),
        beta=widgets.FloatSlider(value=0.9, min=0.0, max=0.99, step=0.01),
        surface=widgets.Dropdown(options=["bowl", "valley"], value="bowl"),
    )
    assert box.figure.axes[0].get_title().startswith("gradient descent: final cost")
    box.controls["learning_rate"].value = 0.3
    assert box.figure.axes[0].get_title() == "gradient descent: ran away"
    box.controls["beta"].value = 0.0
    momentum_x, momentum_y = box.figure.axes[1].lines[0].get_data()
    np.testing.assert_allclose(momentum_y, optimizer_path("gd", 0.3)[:, 1])
    box.controls["surface"].value = "valley"
    assert "on the valley, learning rate 0.3, beta 0.00" in box.figure._suptitle.get_text()
    assert len(box.figure.axes) == 4


def test_the_lessons_slider_claims_about_gradient_descent_on_the_bowl():
    # the lesson quotes these: one notch (10 ** 0.05) above 0.09 the zig-zag stops shrinking, two notches up it runs away
    assert optimizer_paths_figure(10 ** -1.0, 0.9).axes[0].get_title() == "gradient descent: final cost 22.5017"
    assert optimizer_paths_figure(10 ** -0.95, 0.9).axes[0].get_title() == "gradient descent: ran away"
    gd, momentum = (float(ax.get_title().split()[-1]) for ax in optimizer_paths_figure(0.09, 0.5).axes[:2])
    assert momentum < gd  # beta = 0.5: momentum ends below gradient descent
