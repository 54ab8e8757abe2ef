"""Tests for dnn_helpers.rnn: hand-derived steps, numerical gradient checks, the classic BPTT mistakes."""

import math

import numpy as np
import pytest

from dnn_helpers.gradient_checking import numerical_gradients, relative_difference
from dnn_helpers.rnn import (
    clip_gradients,
    global_norm,
    initialize_rnn_parameters,
    rnn_backward,
    rnn_cell_backward,
    rnn_cell_forward,
    rnn_forward,
    rnn_loss_and_gradients,
    rnn_output_backward,
    rnn_output_forward,
    sequence_cost,
    sequence_cost_backward,
    sequence_probabilities,
)
from dnn_helpers.text import one_hot_sequence

PARAMETER_KEYS = ("Wxh", "Whh", "bh", "Why", "by")


def random_problem(n_x=4, n_h=3, T=5, m=2, seed=0):
    """Parameters with non-zero biases, a float input sequence (T, n_x, m), h0 (n_h, m) and index targets (T, m).

    The sizes differ from one another so that a wrong axis shows up as a wrong shape or value.
    """
    rng = np.random.default_rng(seed)
    params = initialize_rnn_parameters(n_x, n_h, n_x, seed=rng)
    params["bh"] = rng.normal(scale=0.5, size=(n_h, 1))
    params["by"] = rng.normal(scale=0.5, size=(n_x, 1))
    X = rng.normal(size=(T, n_x, m))
    h0 = rng.normal(scale=0.5, size=(n_h, m))
    targets = rng.integers(0, n_x, size=(T, m))
    return params, X, h0, targets


# ---------------------------------------------------------------- parameters


def test_initialize_shapes_scales_and_seed():
    params = initialize_rnn_parameters(n_x=30, n_h=200, n_y=20, seed=0)
    assert {key: params[key].shape for key in PARAMETER_KEYS} == {
        "Wxh": (200, 30), "Whh": (200, 200), "bh": (200, 1), "Why": (20, 200), "by": (20, 1)}
    assert all(params[key].dtype == np.float64 for key in PARAMETER_KEYS)
    np.testing.assert_array_equal(params["bh"], 0.0)
    np.testing.assert_array_equal(params["by"], 0.0)
    # standard deviation 1 / sqrt(fan_in): 1/sqrt(30) = 0.183, 1/sqrt(200) = 0.0707
    assert params["Wxh"].std() == pytest.approx(1 / math.sqrt(30), rel=0.05)
    assert params["Whh"].std() == pytest.approx(1 / math.sqrt(200), rel=0.05)
    assert params["Why"].std() == pytest.approx(1 / math.sqrt(200), rel=0.05)
    # the eigenvalues of Whh fill a disc of radius about 1: h is neither blown up nor damped step after step
    assert 0.9 < np.abs(np.linalg.eigvals(params["Whh"])).max() < 1.1
    again = initialize_rnn_parameters(30, 200, 20, seed=0)
    assert all(np.array_equal(params[key], again[key]) for key in PARAMETER_KEYS)


def test_initial_cost_is_about_ln_V():
    V, n_h, T, m = 27, 64, 25, 10
    rng = np.random.default_rng(0)
    params = initialize_rnn_parameters(V, n_h, V, seed=0)
    X, targets = rng.integers(0, V, size=(T, m)), rng.integers(0, V, size=(T, m))
    cost, _, _ = rnn_loss_and_gradients(X, targets, np.zeros((n_h, m)), params)
    # measured 3.398 against ln 27 = 3.296: the small random logits make the start nearly uniform
    assert abs(cost - math.log(V)) < 0.15


# ---------------------------------------------------------------- a 1-unit RNN by hand

# n_x = n_h = 1, m = 1, T = 2 with Wxh = 1, Whh = 0.5, bh = 0 and h0 = 0, and inputs chosen so that
# the pre-activations are ln 2 and ln 3, whose tanh are (4 - 1)/(4 + 1) = 0.6 and (9 - 1)/(9 + 1) = 0.8:
#   a1 = x1 = ln 2                       h1 = 0.6
#   a2 = x2 + 0.5 * 0.6 = ln 3           h2 = 0.8
# Backward with dH = (0, 1), the gradient of J = h2:
#   da2 = 1 * (1 - 0.8^2) = 0.36,  dh1 = 0.5 * 0.36 = 0.18,  da1 = 0.18 * (1 - 0.6^2) = 0.1152
#   dWxh = da2 x2 + da1 x1,  dWhh = da2 h1 + da1 h0 = 0.216,  dbh = 0.36 + 0.1152 = 0.4752
#   dX = (Wxh da1, Wxh da2) = (0.1152, 0.36),  dh0 = Whh da1 = 0.0576
HAND_PARAMS = {"Wxh": np.array([[1.0]]), "Whh": np.array([[0.5]]), "bh": np.array([[0.0]])}
HAND_X = np.array([math.log(2), math.log(3) - 0.3]).reshape(2, 1, 1)
HAND_DH = np.array([0.0, 1.0]).reshape(2, 1, 1)


def test_one_unit_rnn_forward_by_hand():
    H, caches = rnn_forward(HAND_X, np.zeros((1, 1)), HAND_PARAMS)
    assert H.shape == (2, 1, 1) and len(caches) == 2
    np.testing.assert_allclose(H.ravel(), [0.6, 0.8], rtol=1e-14)


def test_one_unit_rnn_backward_by_hand():
    _, caches = rnn_forward(HAND_X, np.zeros((1, 1)), HAND_PARAMS)
    grads = rnn_backward(HAND_DH, caches)
    x1, x2 = HAND_X.ravel()
    np.testing.assert_allclose(grads["dWxh"], [[0.36 * x2 + 0.1152 * x1]], rtol=1e-13)
    np.testing.assert_allclose(grads["dWhh"], [[0.216]], rtol=1e-13)
    np.testing.assert_allclose(grads["dbh"], [[0.4752]], rtol=1e-13)
    np.testing.assert_allclose(grads["dX"].ravel(), [0.1152, 0.36], rtol=1e-13)
    np.testing.assert_allclose(grads["dh0"], [[0.0576]], rtol=1e-13)


def test_one_unit_rnn_each_classic_mistake_gives_its_own_dbh():
    _, caches = rnn_forward(HAND_X, np.zeros((1, 1)), HAND_PARAMS)
    dbh = {mistake: mistaken_rnn_backward(HAND_DH, caches, mistake)["dbh"][0, 0] for mistake in MISTAKES}
    assert rnn_backward(HAND_DH, caches)["dbh"][0, 0] == pytest.approx(0.4752, rel=1e-13)
    assert dbh["dW not accumulated"] == pytest.approx(0.1152, rel=1e-13)  # only step 1, the last one visited
    assert dbh["dh_next not passed back"] == pytest.approx(0.36, rel=1e-13)  # only step 2, where dH is not 0
    # 1 - a^2 with a2 = ln 3 = 1.0986 is negative: the gradient even changes sign at step 2
    a1, a2 = math.log(2), math.log(3)
    assert dbh["tanh derivative from the pre-activation"] == pytest.approx(
        (1 - a2**2) + 0.5 * (1 - a2**2) * (1 - a1**2), rel=1e-12)


# ---------------------------------------------------------------- numerical gradient checks (float64)


def test_cell_backward_matches_numerical_gradients():
    params, X, h0, _ = random_problem(seed=1)
    G = np.random.default_rng(2).normal(size=h0.shape)  # J = sum(G * h_t), so dJ/dh_t = G

    def cost(values):
        h_t, _ = rnn_cell_forward(values["x_t"], values["h_prev"], values)
        return float(np.sum(G * h_t))

    values = {"x_t": X[0], "h_prev": h0, "Wxh": params["Wxh"], "Whh": params["Whh"], "bh": params["bh"]}
    _, cache = rnn_cell_forward(X[0], h0, params)
    grads = rnn_cell_backward(G, cache)
    assert {key: grads[key].shape for key in grads} == {"d" + key: value.shape for key, value in values.items()}
    assert relative_difference(grads, numerical_gradients(cost, values)) < 1e-7


def test_bptt_matches_numerical_gradients():
    params, X, h0, _ = random_problem(seed=3)
    G = np.random.default_rng(4).normal(size=(X.shape[0],) + h0.shape)  # J = sum(G * H), dH = G

    def cost(values):
        H, _ = rnn_forward(values["X"], values["h0"], values)
        return float(np.sum(G * H))

    values = {"X": X, "h0": h0, "Wxh": params["Wxh"], "Whh": params["Whh"], "bh": params["bh"]}
    _, caches = rnn_forward(X, h0, params)
    grads = rnn_backward(G, caches)
    assert relative_difference(grads, numerical_gradients(cost, values)) < 1e-7


def test_cost_backward_matches_numerical_gradients():
    rng = np.random.default_rng(5)
    logits, targets = rng.normal(size=(4, 6, 3)), rng.integers(0, 6, size=(4, 3))
    numerical = numerical_gradients(lambda values: sequence_cost(values["logits"], targets), {"logits": logits})
    analytic = {"dlogits": sequence_cost_backward(logits, targets)}
    assert relative_difference(analytic, numerical) < 1e-7


def test_output_backward_matches_numerical_gradients():
    params, _, h0, _ = random_problem(seed=6)
    rng = np.random.default_rng(7)
    H = np.tanh(rng.normal(size=(5,) + h0.shape))
    G = rng.normal(size=(5, params["Why"].shape[0], h0.shape[1]))  # J = sum(G * logits)

    def cost(values):
        return float(np.sum(G * rnn_output_forward(values["H"], values)))

    dH, dWhy, dby = rnn_output_backward(G, H, params)
    values = {"H": H, "Why": params["Why"], "by": params["by"]}
    assert relative_difference({"dH": dH, "dWhy": dWhy, "dby": dby}, numerical_gradients(cost, values)) < 1e-7


@pytest.mark.parametrize("seed", [8, 9, 10])
def test_loss_and_gradients_match_numerical_gradients(seed):
    params, _, h0, targets = random_problem(n_x=5, n_h=4, T=6, m=3, seed=seed)
    X = np.random.default_rng(seed).integers(0, 5, size=targets.shape)

    def cost(values):
        return rnn_loss_and_gradients(X, targets, h0, values)[0]

    _, grads, _ = rnn_loss_and_gradients(X, targets, h0, params)
    assert set(grads) == {"d" + key for key in PARAMETER_KEYS}
    assert relative_difference(grads, numerical_gradients(cost, params)) < 1e-7


# ---------------------------------------------------------------- the classic mistakes are caught


def mistaken_rnn_backward(dH, caches, mistake):
    """BPTT with one classic mistake, for the tests to show that a gradient check catches it."""
    grads = {"dWxh": 0.0, "dWhh": 0.0, "dbh": 0.0}
    dh_next = np.zeros_like(caches[0].h_t)
    dX = []
    for t in reversed(range(len(caches))):
        cache = caches[t]
        dh = dH[t] if mistake == "dh_next not passed back" else dH[t] + dh_next
        if mistake == "tanh derivative from the pre-activation":
            a = np.arctanh(cache.h_t)
            da = dh * (1 - a**2)
            step = {"dx_t": cache.Wxh.T @ da, "dh_prev": cache.Whh.T @ da, "dWxh": da @ cache.x_t.T,
                    "dWhh": da @ cache.h_prev.T, "dbh": da.sum(axis=1, keepdims=True)}
        else:
            step = rnn_cell_backward(dh, cache)
        for key in grads:
            grads[key] = step[key] if mistake == "dW not accumulated" else grads[key] + step[key]
        dh_next = step["dh_prev"]
        dX.insert(0, step["dx_t"])
    return {**grads, "dX": np.stack(dX), "dh0": dh_next}


MISTAKES = ("dW not accumulated", "dh_next not passed back", "tanh derivative from the pre-activation")


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_gradient_check_catches_each_classic_mistake(mistake):
    params, X, h0, _ = random_problem(seed=11)
    params = {**params, "Wxh": 3 * params["Wxh"]}  # pre-activations well away from 0, where 1 - a^2 ~ 1 - h^2
    G = np.random.default_rng(12).normal(size=(X.shape[0],) + h0.shape)

    def cost(values):
        return float(np.sum(G * rnn_forward(values["X"], values["h0"], values)[0]))

    values = {"X": X, "h0": h0, "Wxh": params["Wxh"], "Whh": params["Whh"], "bh": params["bh"]}
    numerical = numerical_gradients(cost, values)
    _, caches = rnn_forward(X, h0, params)
    assert relative_difference(rnn_backward(G, caches), numerical) < 1e-7
    assert relative_difference(mistaken_rnn_backward(G, caches, mistake), numerical) > 1e-2


# ---------------------------------------------------------------- cost, probabilities and the whole step


def test_sequence_cost_by_hand():
    logits = np.array([[[0.0, 0.0], [math.log(3), math.log(3)]]])  # T = 1, V = 2, m = 2: p = (1/4, 3/4)
    targets = np.array([[1, 0]])
    np.testing.assert_allclose(sequence_probabilities(logits)[0], [[0.25, 0.25], [0.75, 0.75]])
    # mean over m = 2 examples and T = 1 step of -ln(3/4) and -ln(1/4)
    assert sequence_cost(logits, targets) == pytest.approx((math.log(4 / 3) + math.log(4)) / 2, rel=1e-14)
    # (p - onehot(y)) / (m T) with m T = 2
    np.testing.assert_allclose(sequence_cost_backward(logits, targets)[0], np.array([[0.25, -0.75], [-0.25, 0.75]]) / 2)


def test_sequence_cost_is_a_mean_over_steps_and_examples():
    rng = np.random.default_rng(13)
    logits, targets = rng.normal(size=(3, 5, 4)), rng.integers(0, 5, size=(3, 4))
    per_character = [sequence_cost(logits[t : t + 1, :, i : i + 1], targets[t : t + 1, i : i + 1])
                     for t in range(3) for i in range(4)]
    assert sequence_cost(logits, targets) == pytest.approx(np.mean(per_character), rel=1e-13)
    assert sequence_cost(np.zeros((3, 5, 4)), targets) == pytest.approx(math.log(5), rel=1e-14)  # uniform: ln V


def test_sequence_cost_is_finite_for_huge_logits():
    logits = np.array([[[1000.0], [-1000.0]]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # exp(-2000) may underflow to 0: harmless
        assert sequence_cost(logits, np.array([[0]])) == 0.0
        assert sequence_cost(logits, np.array([[1]])) == pytest.approx(2000.0)
        np.testing.assert_allclose(sequence_cost_backward(logits, np.array([[1]])), [[[1.0], [-1.0]]])


def test_indices_and_one_hot_inputs_give_the_same_step():
    params, _, h0, targets = random_problem(seed=14)
    X = np.random.default_rng(15).integers(0, 4, size=targets.shape)
    cost, grads, h_last = rnn_loss_and_gradients(X, targets, h0, params)
    same_cost, same_grads, same_h = rnn_loss_and_gradients(one_hot_sequence(X, 4), targets, h0, params)
    assert cost == same_cost and np.array_equal(h_last, same_h)
    assert all(np.array_equal(grads[key], same_grads[key]) for key in grads)


def test_h_last_carries_the_state_to_the_next_chunk():
    params, X, h0, _ = random_problem(T=6, seed=16)
    H, _ = rnn_forward(X, h0, params)
    first, _ = rnn_forward(X[:4], h0, params)
    second, _ = rnn_forward(X[4:], first[-1], params)
    np.testing.assert_allclose(np.concatenate([first, second]), H, rtol=1e-15)
    targets = np.zeros((4, X.shape[2]), dtype=int)
    _, _, h_last = rnn_loss_and_gradients(X[:4], targets, h0, params)
    np.testing.assert_array_equal(h_last, first[-1])


def test_float32_stays_float32():
    params, X, h0, targets = random_problem(seed=17)
    params32 = {key: value.astype(np.float32) for key, value in params.items()}
    indices = np.argmax(X, axis=1)
    cost, grads, h_last = rnn_loss_and_gradients(indices, targets, h0.astype(np.float32), params32)
    assert h_last.dtype == np.float32 and all(grads[key].dtype == np.float32 for key in grads)
    reference, _, _ = rnn_loss_and_gradients(indices, targets, h0, params)
    assert cost == pytest.approx(reference, rel=1e-5)


# ---------------------------------------------------------------- gradient clipping


def test_clip_gradients_scales_to_the_global_norm():
    grads = {"dWxh": np.array([[3.0]]), "dby": np.array([[4.0]])}  # global norm 5
    clipped, norm = clip_gradients(grads, max_norm=1.0)
    assert norm == 5.0
    np.testing.assert_allclose(clipped["dWxh"], [[0.6]])
    np.testing.assert_allclose(clipped["dby"], [[0.8]])
    np.testing.assert_array_equal(grads["dWxh"], [[3.0]])  # the input is left as it was


def test_global_norm_is_the_norm_of_all_entries_together():
    grads = {"dWxh": np.array([[1.0, 2.0]]), "dWhh": np.array([[2.0]]), "dby": np.array([[4.0]])}
    assert global_norm(grads) == 5.0  # sqrt(1 + 4 + 4 + 16)
    assert global_norm({}) == 0.0
    with pytest.raises(TypeError, match="grads must be a dict of gradient arrays, got list"):
        global_norm([np.ones(2)])


def test_clip_gradients_leaves_small_gradients_alone_but_copies_them():
    grads = {"dWxh": np.array([[3.0]]), "dby": np.array([[4.0]])}
    clipped, norm = clip_gradients(grads, max_norm=5.0)
    assert norm == 5.0 and clipped["dWxh"] is not grads["dWxh"]
    np.testing.assert_array_equal(clipped["dWxh"], [[3.0]])
    zero, zero_norm = clip_gradients({"dbh": np.zeros((2, 1))}, 1.0)
    assert zero_norm == 0.0 and not zero["dbh"].any()


@pytest.mark.parametrize("max_norm", [0, -5.0, float("nan")])
def test_clip_gradients_rejects_max_norm_at_or_below_zero(max_norm):
    with pytest.raises(ValueError, match=r"max_norm must be a finite number greater than 0.*common choice is 5"):
        clip_gradients({"dbh": np.ones((2, 1))}, max_norm)


def test_clip_gradients_rejects_nan_gradients():
    with pytest.raises(ValueError, match="NaN or inf, which clipping cannot repair"):
        clip_gradients({"dbh": np.array([[np.nan]])}, 5.0)


# ---------------------------------------------------------------- clear errors for predictable mistakes

N_X, N_H, T, M = 5, 3, 7, 2
PARAMS = initialize_rnn_parameters(N_X, N_H, N_X, seed=0)
H0 = np.zeros((N_H, M))


@pytest.mark.parametrize(
    "shape, layout, order",
    [
        ((M, T, N_X), "(m, T, n_x)", (1, 2, 0)),
        ((N_X, M, T), "(n_x, m, T)", (2, 0, 1)),
        ((T, M, N_X), "(T, m, n_x)", (0, 2, 1)),
    ],
)
def test_a_sequence_in_the_wrong_layout_is_named_with_its_fix(shape, layout, order):
    X = np.zeros(shape)
    with pytest.raises(ValueError, match=r"must have shape \(T, 5, 2\): time first") as error:
        rnn_forward(X, H0, PARAMS)
    assert f"It looks like {layout}: np.transpose(X, {order}) gives (T, n_x, m)." in str(error.value)
    H, _ = rnn_forward(np.transpose(X, order), H0, PARAMS)  # the suggested fix works
    assert H.shape == (T, N_H, M)


def test_a_sequence_of_unknown_layout_suggests_moveaxis():
    with pytest.raises(ValueError, match=r"has shape \(7, 4, 2\).*np.transpose or np.moveaxis"):
        rnn_forward(np.zeros((T, 4, M)), H0, PARAMS)


def test_sequences_that_are_empty_or_not_3d():
    with pytest.raises(ValueError, match=r"empty sequence \(shape \(0, 5, 2\)\): T must be at least 1"):
        rnn_forward(np.zeros((0, N_X, M)), H0, PARAMS)
    with pytest.raises(ValueError, match=r"must be 3-D with shape \(T, n_x, m\).*X\[:, :, np.newaxis\]"):
        rnn_forward(np.zeros((T, N_X)), H0[:, :1], PARAMS)
    with pytest.raises(TypeError, match=r"integer indices of shape \(7, 2\).*one_hot_sequence\(X, 5\)"):
        rnn_forward(np.zeros((T, M), dtype=int), H0, PARAMS)
    with pytest.raises(ValueError, match=r"X contains NaN"):
        rnn_forward(np.full((T, N_X, M), np.nan), H0, PARAMS)


def test_h0_whose_hidden_size_does_not_match_Whh():
    with pytest.raises(ValueError, match=r"h0 must have shape \(n_h, m\) = \(3, m\).*Whh .*got shape \(4, 2\)"):
        rnn_forward(np.zeros((T, N_X, M)), np.zeros((4, M)), PARAMS)
    with pytest.raises(ValueError, match=r"h0 must have shape .*got shape \(3,\)"):
        rnn_forward(np.zeros((T, N_X, M)), np.zeros(N_H), PARAMS)


def test_targets_outside_the_vocabulary_or_transposed():
    X = np.zeros((T, M), dtype=int)
    with pytest.raises(ValueError, match=r"targets\[2, 1\] = 5 is outside the vocabulary: .* in 0 \.\. 4"):
        rnn_loss_and_gradients(X, np.where(np.arange(T * M).reshape(T, M) == 5, 5, 0), H0, PARAMS)
    with pytest.raises(ValueError, match=r"targets must have shape \(T, m\) = \(7, 2\).*pass targets.T"):
        rnn_loss_and_gradients(X, np.zeros((M, T), dtype=int), H0, PARAMS)
    with pytest.raises(TypeError, match=r"targets must hold integer symbol indices, got dtype float64"):
        rnn_loss_and_gradients(X, np.zeros((T, M)), H0, PARAMS)


def test_inputs_outside_the_vocabulary():
    with pytest.raises(ValueError, match=r"X\[0, 0\] = 9 is outside the vocabulary"):
        rnn_loss_and_gradients(np.full((T, M), 9), np.zeros((T, M), dtype=int), H0, PARAMS)


def test_cell_inputs_in_the_wrong_layout():
    with pytest.raises(ValueError, match=r"x_t must have shape \(n_x, m\) = \(5, 2\).*transposed: pass x_t.T"):
        rnn_cell_forward(np.zeros((M, N_X)), H0, PARAMS)
    with pytest.raises(ValueError, match=r"h_prev must have shape \(n_h, m\) = \(3, m\)"):
        rnn_cell_forward(np.zeros((N_X, M)), np.zeros((M, N_H)), PARAMS)
    _, cache = rnn_cell_forward(np.zeros((N_X, M)), H0, PARAMS)
    with pytest.raises(ValueError, match=r"dh_t must have the shape of h_t \(3, 2\), got \(2, 3\)"):
        rnn_cell_backward(np.zeros((M, N_H)), cache)


def test_params_with_missing_or_misshapen_arrays():
    with pytest.raises(ValueError, match=r"params lacks \['Why'\].*initialize_rnn_parameters"):
        rnn_loss_and_gradients(np.zeros((T, M), dtype=int), np.zeros((T, M), dtype=int), H0,
                               {key: value for key, value in PARAMS.items() if key != "Why"})
    with pytest.raises(ValueError, match=r"Whh must have shape \(3, 3\) to match Wxh of shape \(3, 5\)"):
        rnn_forward(np.zeros((T, N_X, M)), H0, {**PARAMS, "Whh": np.zeros((3, 5))})
    with pytest.raises(ValueError, match=r"bh must have shape \(3, 1\).*got \(3,\)"):
        rnn_forward(np.zeros((T, N_X, M)), H0, {**PARAMS, "bh": np.zeros(3)})
    with pytest.raises(ValueError, match=r"Why must have shape \(n_y, n_h\) = \(n_y, 3\)"):
        rnn_loss_and_gradients(np.zeros((T, M), dtype=int), np.zeros((T, M), dtype=int), H0,
                               {**PARAMS, "Why": np.zeros((3, 5))})
    with pytest.raises(TypeError, match=r"params must be a dict"):
        rnn_forward(np.zeros((T, N_X, M)), H0, [PARAMS])


def test_dH_of_the_wrong_shape():
    _, caches = rnn_forward(np.zeros((T, N_X, M)), H0, PARAMS)
    with pytest.raises(ValueError, match=r"dH must have the shape \(T, n_h, m\) of H, got \(6, 3, 2\) for 7 steps"):
        rnn_backward(np.zeros((T - 1, N_H, M)), caches)
