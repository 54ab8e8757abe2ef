import numpy as np
import pytest

from dnn_helpers.gradient_checking import numerical_gradients, relative_difference
from dnn_helpers.lstm import (GATE_KEYS, initialize_lstm_parameters, lstm_backward, lstm_cell_backward,
                              lstm_cell_forward, lstm_forward, lstm_loss_and_gradients, stack_gates, unstack_gates)
from dnn_helpers.text import one_hot_sequence
from dnn_helpers.recall import recall_accuracy, recall_loss_and_gradients, recall_task, train_recall, vocabulary_size

N_X, N_H, N_Y, M, T = 3, 4, 5, 6, 4  # all different, so that a wrong axis shows


def random_problem(seed, T=T):
    """Parameters with non-zero biases, a random one-hot sequence, targets and a non-zero starting state."""
    rng = np.random.default_rng(seed)
    params = initialize_lstm_parameters(N_X, N_H, N_Y, seed=rng)
    for key in params:
        if key[0] == "b":
            params[key] = params[key] + rng.normal(scale=0.5, size=params[key].shape)
    X = one_hot_sequence(rng.integers(0, N_X, size=(T, M)), N_X)
    targets = rng.integers(0, N_Y, size=(T, M))
    h0, c0 = rng.normal(size=(N_H, M)), rng.normal(size=(N_H, M))
    return params, X, targets, h0, c0, rng


def differences(analytic, numerical):
    """Relative difference per key, so that a failure names the array that is wrong."""
    return {key: relative_difference({key: analytic[key]}, {key: numerical[key]}) for key in numerical}


def assert_matches_numerical(grads, cost, values, keys):
    """Every gradient in ``keys`` within 1e-7 (relative) of the centred differences of ``cost`` at ``values``."""
    found = differences(grads, numerical_gradients(cost, {key: values[key] for key in keys}))
    assert max(found.values()) < 1e-7, found


def one_unit_step():
    """n_x = n_h = m = 1, weights chosen so that every gate has a value in closed form."""
    params = {key: np.zeros((1, 1)) for key in GATE_KEYS}
    params["Wxi"][0, 0], params["Whi"][0, 0] = 0.2, -0.4  # z_i = 0.2 * 1 - 0.4 * 0.5 = 0   -> i = 1/2
    params["bf"][0, 0] = np.log(3)  # z_f = ln 3 -> f = 3 / (3 + 1) = 3/4
    params["Wxg"][0, 0] = np.log(2)  # z_g = ln 2 -> g = (2 - 1/2) / (2 + 1/2) = 3/5
    params["Who"][0, 0] = 2 * np.log(4)  # z_o = 2 ln 4 * 0.5 = ln 4 -> o = 4/5
    return np.array([[1.0]]), np.array([[0.5]]), np.array([[1.0]]), params


def test_one_unit_step_by_hand():
    x, h_prev, c_prev, params = one_unit_step()
    h_t, c_t, cache = lstm_cell_forward(x, h_prev, c_prev, params)
    np.testing.assert_allclose([cache.i[0, 0], cache.f[0, 0], cache.g[0, 0], cache.o[0, 0]], [0.5, 0.75, 0.6, 0.8])
    # c_t = f c_prev + i g = 0.75 * 1 + 0.5 * 0.6 = 1.05;  h_t = o tanh(c_t) = 0.8 * 0.781806 = 0.625445
    np.testing.assert_allclose(c_t, [[1.05]])
    np.testing.assert_allclose(h_t, [[0.8 * np.tanh(1.05)]])
    np.testing.assert_allclose(h_t, [[0.625445]], atol=1e-6)


def test_one_unit_backward_by_hand():
    x, h_prev, c_prev, params = one_unit_step()
    _, _, cache = lstm_cell_forward(x, h_prev, c_prev, params)
    grads = lstm_cell_backward(np.array([[1.0]]), np.array([[0.5]]), cache)  # dh_t = 1, dc_t = 0.5
    tanh_c = np.tanh(1.05)  # 0.781806
    dc = 0.5 + 1.0 * 0.8 * (1 - tanh_c**2)  # both paths into c_t: 0.5 + 0.311023 = 0.811023
    dz_i = dc * 0.6 * 0.5 * 0.5  # dc * g * i (1 - i)       = 0.121653
    dz_f = dc * 1.0 * 0.75 * 0.25  # dc * c_prev * f (1 - f) = 0.152067
    dz_g = dc * 0.5 * (1 - 0.6**2)  # dc * i * (1 - g^2)    = 0.259527
    dz_o = 1.0 * tanh_c * 0.8 * 0.2  # dh * tanh(c_t) * o (1 - o) = 0.125089
    np.testing.assert_allclose(grads["dc_prev"], [[dc * 0.75]])  # dc * f = 0.608268
    np.testing.assert_allclose(grads["dx_t"], [[0.2 * dz_i + np.log(2) * dz_g]])  # Wxf = Wxo = 0
    np.testing.assert_allclose(grads["dh_prev"], [[-0.4 * dz_i + 2 * np.log(4) * dz_o]])  # Whf = Whg = 0
    for gate, dz in (("i", dz_i), ("f", dz_f), ("g", dz_g), ("o", dz_o)):
        np.testing.assert_allclose(grads["dWx" + gate], [[dz * 1.0]])  # dz x^T, x = 1
        np.testing.assert_allclose(grads["dWh" + gate], [[dz * 0.5]])  # dz h_prev^T, h_prev = 0.5
        np.testing.assert_allclose(grads["db" + gate], [[dz]])
    np.testing.assert_allclose(grads["dc_prev"], [[0.608268]], atol=1e-6)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cell_backward_matches_numerical_gradients(seed):
    params, X, _, h_prev, c_prev, rng = random_problem(seed)
    x_t = rng.normal(size=(N_X, M))  # not one-hot: every entry of dx_t matters
    dh_t, dc_t = rng.normal(size=(N_H, M)), rng.normal(size=(N_H, M))

    def cost(values):  # J = sum(dh_t * h_t) + sum(dc_t * c_t), so that dJ/dh_t = dh_t and dJ/dc_t = dc_t
        h_t, c_t, _ = lstm_cell_forward(values["x_t"], values["h_prev"], values["c_prev"], values)
        return float(np.sum(dh_t * h_t) + np.sum(dc_t * c_t))

    values = dict(params, x_t=x_t, h_prev=h_prev, c_prev=c_prev)
    _, _, cache = lstm_cell_forward(x_t, h_prev, c_prev, params)
    grads = lstm_cell_backward(dh_t, dc_t, cache)
    assert_matches_numerical(grads, cost, values, GATE_KEYS + ("x_t", "h_prev", "c_prev"))


@pytest.mark.parametrize("seed", [0, 1])
def test_backward_through_time_matches_numerical_gradients(seed):
    params, X, _, h0, c0, rng = random_problem(seed)
    X = rng.normal(size=X.shape)  # dense inputs, so that dX is checked in every entry
    dH = rng.normal(size=(T, N_H, M))

    def cost(values):  # J = sum over t of dH[t] * h_t
        return float(np.sum(dH * lstm_forward(values["X"], values["h0"], values["c0"], values)[0]))

    values = dict(params, X=X, h0=h0, c0=c0)
    grads = lstm_backward(dH, lstm_forward(X, h0, c0, params)[1])
    assert_matches_numerical(grads, cost, values, GATE_KEYS + ("X", "h0", "c0"))


@pytest.mark.parametrize("seed", [0, 1])
def test_loss_and_gradients_match_numerical_gradients(seed):
    params, X, targets, h0, c0, _ = random_problem(seed)
    cost, grads, _ = lstm_loss_and_gradients(X, targets, h0, c0, params)
    assert set(grads) == {"d" + key for key in params}
    # the mean over T m = 24 terms makes some gradients small (about 5e-3): epsilon = 1e-5 keeps the
    # rounding error of the difference quotient (about 1e-16 / epsilon) well below them
    numerical = numerical_gradients(lambda p: lstm_loss_and_gradients(X, targets, h0, c0, p)[0], params, 1e-5)
    found = differences(grads, numerical)
    assert max(found.values()) < 1e-7, found
    assert relative_difference(grads, numerical) < 1e-7


def test_starting_cost_is_about_ln_n_y():
    _, X, targets, _, _, _ = random_problem(4)
    params = initialize_lstm_parameters(N_X, N_H, N_Y, seed=4)  # as initialised: biases 0 but bf
    zeros = np.zeros((N_H, M))
    cost, _, _ = lstm_loss_and_gradients(X, targets, zeros, zeros, params)
    assert abs(cost - np.log(N_Y)) < 0.2


def test_final_state_carries_on_to_the_next_piece():
    params, X, targets, h0, c0, _ = random_problem(5, T=6)
    H, _, c_last = lstm_forward(X, h0, c0, params)
    _, _, (h_mid, c_mid) = lstm_loss_and_gradients(X[:2], targets[:2], h0, c0, params)
    H_rest, _, c_rest = lstm_forward(X[2:], h_mid, c_mid, params)
    np.testing.assert_allclose(H_rest, H[2:], rtol=1e-12)
    np.testing.assert_allclose(c_rest, c_last, rtol=1e-12)


def test_initialization():
    params = initialize_lstm_parameters(N_X, N_H, N_Y, seed=0, forget_bias=1.5)
    again = initialize_lstm_parameters(N_X, N_H, N_Y, seed=0, forget_bias=1.5)
    for gate in "ifgo":
        assert params["Wx" + gate].shape == (N_H, N_X) and params["Wh" + gate].shape == (N_H, N_H)
        np.testing.assert_array_equal(params["b" + gate], np.full((N_H, 1), 1.5 if gate == "f" else 0.0))
    assert params["Why"].shape == (N_Y, N_H) and params["by"].shape == (N_Y, 1)
    assert all(np.array_equal(params[key], again[key]) and params[key].dtype == np.float64 for key in params)


def test_stack_and_unstack_gates_round_trip():
    params, *_ = random_problem(6)
    W_x, W_h, b = stack_gates(params)
    assert W_x.shape == (4 * N_H, N_X) and W_h.shape == (4 * N_H, N_H) and b.shape == (4 * N_H, 1)
    np.testing.assert_array_equal(W_x[N_H : 2 * N_H], params["Wxf"])  # order i, f, g, o
    np.testing.assert_array_equal(W_h[3 * N_H :], params["Who"])
    np.testing.assert_array_equal(b[2 * N_H : 3 * N_H], params["bg"])
    back = unstack_gates(W_x, W_h, b.ravel())  # a bias of shape (4 n_h,) as PyTorch keeps it
    assert set(back) == set(GATE_KEYS)
    assert all(np.array_equal(back[key], params[key]) for key in GATE_KEYS)
    for again, original in zip(stack_gates(back), (W_x, W_h, b)):
        np.testing.assert_array_equal(again, original)
    grads = {"d" + key: value for key, value in params.items()}
    np.testing.assert_array_equal(stack_gates(grads, prefix="d")[0], W_x)
    assert set(unstack_gates(W_x, W_h, b, prefix="d")) == {"d" + key for key in GATE_KEYS}


def test_the_stacked_gates_give_the_same_step_in_one_product():
    params, X, _, h0, c0, _ = random_problem(7)
    W_x, W_h, b = stack_gates(params)
    z = W_x @ X[0] + W_h @ h0 + b  # (4 n_h, m): the four gate inputs in one product
    sigmoid = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    i, f, o, g = sigmoid(z[:N_H]), sigmoid(z[N_H : 2 * N_H]), sigmoid(z[3 * N_H :]), np.tanh(z[2 * N_H : 3 * N_H])
    h_t, c_t, _ = lstm_cell_forward(X[0], h0, c0, params)
    np.testing.assert_allclose(c_t, f * c0 + i * g, rtol=1e-12)
    np.testing.assert_allclose(h_t, o * np.tanh(f * c0 + i * g), rtol=1e-12)


# The classic mistakes, each written into an otherwise correct backward pass: each must change the
# gradient enough for a check to fail, and each leaves a distinct symptom.


def backward_with(dH, caches, pass_dc_back=True, accumulate=True, cell_backward=lstm_cell_backward):
    """lstm_backward's loop, with a switch for each mistake."""
    grads = {}
    dh_next, dc_next = np.zeros_like(caches[0].h_prev), np.zeros_like(caches[0].c_prev)
    for t in reversed(range(len(caches))):
        step = cell_backward(dH[t] + dh_next, dc_next if pass_dc_back else 0 * dc_next, caches[t])
        dh_next, dc_next = step["dh_prev"], step["dc_prev"]
        for key in GATE_KEYS:
            if accumulate and "d" + key in grads:
                grads["d" + key] = grads["d" + key] + step["d" + key]
            else:  # the mistake: each step overwrites the last, so only step 0 is left
                grads["d" + key] = step["d" + key]
    return grads


def cell_backward_with_tanh_derivative(tanh_derivative):
    """A cell backward written out again, with the derivative of tanh at the cell chosen by the caller."""

    def cell_backward(dh_t, dc_t, cache):
        dc = dc_t + dh_t * cache.o * tanh_derivative(cache)
        dz = {"i": dc * cache.g * cache.i * (1 - cache.i), "f": dc * cache.c_prev * cache.f * (1 - cache.f),
              "g": dc * cache.i * (1 - cache.g**2), "o": dh_t * cache.tanh_c * cache.o * (1 - cache.o)}
        grads = {"dh_prev": sum(cache.params["Wh" + gate].T @ dz[gate] for gate in "ifgo"), "dc_prev": dc * cache.f}
        for gate in "ifgo":
            grads["dWx" + gate], grads["dWh" + gate] = dz[gate] @ cache.x_t.T, dz[gate] @ cache.h_prev.T
            grads["db" + gate] = np.sum(dz[gate], axis=1, keepdims=True)
        return grads

    return cell_backward


RIGHT_TANH = cell_backward_with_tanh_derivative(lambda cache: 1 - cache.tanh_c**2)
MISTAKES = {
    "dc not passed back": dict(pass_dc_back=False),
    "dW not added up over the steps": dict(accumulate=False),
    "tanh' at c_prev, the cell before the update": dict(
        cell_backward=cell_backward_with_tanh_derivative(lambda cache: 1 - np.tanh(cache.c_prev) ** 2)),
    "tanh' as 1 - c_t^2, forgetting the tanh": dict(
        cell_backward=cell_backward_with_tanh_derivative(lambda cache: 1 - cache.c_t**2)),
}


def gate_gradient_check(T, options, seed=8):
    """Relative difference between a backward pass with ``options`` and the numerical gradient of sum(dH * H)."""
    params, X, _, h0, c0, rng = random_problem(seed, T=T)
    dH = rng.normal(size=(T, N_H, M))
    grads = backward_with(dH, lstm_forward(X, h0, c0, params)[1], **options)
    numerical = numerical_gradients(lambda p: float(np.sum(dH * lstm_forward(X, h0, c0, p)[0])),
                                    {key: params[key] for key in GATE_KEYS})
    return relative_difference(grads, numerical)


def test_the_mistake_free_loop_is_lstm_backward():
    params, X, _, h0, c0, rng = random_problem(9)
    dH = rng.normal(size=(T, N_H, M))
    caches = lstm_forward(X, h0, c0, params)[1]
    expected = lstm_backward(dH, caches)
    for cell_backward in (lstm_cell_backward, RIGHT_TANH):
        found = backward_with(dH, caches, cell_backward=cell_backward)
        assert all(np.allclose(found[key], expected[key], rtol=1e-12, atol=0) for key in found)
    assert gate_gradient_check(T, {}) < 1e-7


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_gradient_check_catches_the_mistake(mistake):
    assert gate_gradient_check(T, MISTAKES[mistake]) > 1e-2


@pytest.mark.parametrize("mistake", ["dc not passed back", "dW not added up over the steps"])
def test_mistakes_of_the_loop_through_time_need_two_steps_to_show(mistake):
    # with one step there is nothing to pass back or add up: a one-step check cannot see them
    assert gate_gradient_check(1, MISTAKES[mistake]) < 1e-7


def test_the_tanh_mistake_hides_when_no_gradient_comes_through_h():
    params, X, _, h0, c0, rng = random_problem(10)
    _, _, cache = lstm_cell_forward(X[0], h0, c0, params)
    wrong = MISTAKES["tanh' at c_prev, the cell before the update"]["cell_backward"]
    dc_t = rng.normal(size=(N_H, M))
    only_c = (np.zeros((N_H, M)), dc_t, cache)  # the tanh at the cell sits on the path through h_t only
    assert all(np.array_equal(wrong(*only_c)[key], lstm_cell_backward(*only_c)[key]) for key in wrong(*only_c))
    through_h = (rng.normal(size=(N_H, M)), dc_t, cache)
    assert not np.allclose(wrong(*through_h)["dWhi"], lstm_cell_backward(*through_h)["dWhi"])


# Clear errors for the usual mistakes with inputs


@pytest.fixture
def problem():
    params, X, targets, h0, c0, _ = random_problem(11)
    return params, X, targets, h0, c0


@pytest.mark.parametrize("layout, error, message", [
    (lambda X: np.moveaxis(X, 1, 2), ValueError, r"\(T, 3, 6\).*\(T, m, n_x\): np\.transpose\(X, \(0, 2, 1\)\)"),
    (lambda X: np.transpose(X, (2, 0, 1)), ValueError, r"\(m, T, n_x\): np\.transpose\(X, \(1, 2, 0\)\)"),  # batch_first
    (lambda X: np.moveaxis(X, 0, 2), ValueError, r"\(n_x, m, T\): np\.transpose\(X, \(2, 0, 1\)\)"),
    (lambda X: X[:, :2], ValueError, r"n_x = 3 \(Wxi has 3 columns\)"),
    (lambda X: X[0], ValueError, r"3-D with shape \(T, n_x, m\)"),
    (lambda X: X.argmax(axis=1), TypeError, r"lstm_forward needs a one-hot sequence.*one_hot_sequence\(X, 3\)"),
    (lambda X: X[:0], ValueError, r"empty"),
    (lambda X: X[:, :, :0], ValueError, r"m = 6 \(h0 has 6 columns\)"),
], ids=["(T, m, n_x)", "(m, T, n_x)", "(n_x, m, T)", "too few inputs", "one step", "indices", "no steps",
        "no examples"])
def test_a_sequence_in_the_wrong_layout_is_explained(problem, layout, error, message):
    params, X, _, h0, c0 = problem
    with pytest.raises(error, match=message):
        lstm_forward(layout(X), h0, c0, params)


def test_a_sequence_with_nan_is_refused(problem):
    params, X, _, h0, c0 = problem
    X[1, 0, 2] = np.nan
    with pytest.raises(ValueError, match=r"X contains NaN.*\(1, 0, 2\)"):
        lstm_forward(X, h0, c0, params)


@pytest.mark.parametrize("name", ["h0", "c0"])
@pytest.mark.parametrize("change, message", [
    (lambda s: s[:-1], r"got \(3, 6\).*np\.zeros\(\(4, 6\)\)"),
    (lambda s: s.T, r"got \(6, 4\)\. It looks transposed: pass {name}\.T"),
    (lambda s: s[:, 0], r"got \(4,\)"),
], ids=["too few units", "transposed", "1-D"])
def test_a_starting_state_of_the_wrong_size_is_explained(problem, name, change, message):
    params, X, _, h0, c0 = problem
    states = {"h0": h0, "c0": c0}
    states[name] = change(states[name])
    expected = rf"{name} must have shape \(n_h, m\) = \(4, 6\).*" + message.format(name=name)
    with pytest.raises(ValueError, match=expected):
        lstm_forward(X, states["h0"], states["c0"], params)


def test_a_missing_parameter_is_named(problem):
    params, X, targets, h0, c0 = problem
    del params["Whf"], params["by"]
    with pytest.raises(ValueError, match=r"params has no 'Whf'.*initialize_lstm_parameters"):
        lstm_forward(X, h0, c0, params)
    params["Whf"] = np.zeros((N_H, N_H))
    with pytest.raises(ValueError, match=r"params has no 'by'"):
        lstm_loss_and_gradients(X, targets, h0, c0, params)


@pytest.mark.parametrize("key, shape, need", [
    ("Whg", (N_H, N_H + 1), r"\(4, 4\)"), ("Wxo", (N_H, N_X + 1), r"\(4, 3\)"), ("bi", (N_H,), r"\(4, 1\)"),
    ("Why", (N_Y, N_H - 1), r"\(n_y, 4\)"),
])
def test_a_parameter_of_the_wrong_shape_is_named(problem, key, shape, need):
    params, X, targets, h0, c0 = problem
    params[key] = np.zeros(shape)
    with pytest.raises(ValueError, match=rf"{key} has shape .* need {need}"):
        lstm_loss_and_gradients(X, targets, h0, c0, params)


def test_targets_of_the_wrong_shape_or_range_are_explained(problem):
    params, X, targets, h0, c0 = problem
    with pytest.raises(ValueError, match=r"shape \(T, m\) = \(4, 6\).*pass targets\.T"):
        lstm_loss_and_gradients(X, targets.T, h0, c0, params)
    with pytest.raises(ValueError, match=r"outside the vocabulary: indices must lie in 0 \.\. 4"):
        lstm_loss_and_gradients(X, targets + N_Y, h0, c0, params)
    with pytest.raises(TypeError, match=r"integer symbol indices"):
        lstm_loss_and_gradients(X, targets.astype(float), h0, c0, params)


def test_backward_and_unstack_explain_their_shapes(problem):
    params, X, _, h0, c0 = problem
    _, caches, _ = lstm_forward(X, h0, c0, params)
    with pytest.raises(ValueError, match=r"dH must have the shape of H, \(T, n_h, m\) = \(4, 4, 6\)"):
        lstm_backward(np.zeros((T, M, N_H)), caches)
    with pytest.raises(ValueError, match=r"caches is empty"):
        lstm_backward(np.zeros((0, N_H, M)), [])
    with pytest.raises(ValueError, match=r"W_x \(4 n_h, n_x\)"):
        unstack_gates(np.zeros((6, N_X)), np.zeros((6, 6)), np.zeros(6))
    with pytest.raises(ValueError, match=r"stack_gates needs dWxi, dWhi, dbi.*missing: \['dbo'\]"):
        stack_gates({"d" + key: value for key, value in params.items() if key != "bo"}, prefix="d")


# The long-dependency task


def test_recall_task_layout():
    sequence, answers = recall_task(k=5, n_symbols=3, m=50, seed=0, n_fillers=4)
    assert sequence.shape == (6, 50) and answers.shape == (50,)
    np.testing.assert_array_equal(sequence[0], answers)  # the symbol comes first ...
    np.testing.assert_array_equal(sequence[5], np.full(50, 3 + 4))  # ... k steps before the query token
    assert set(np.unique(sequence[1:5])) == {3, 4, 5, 6} and set(np.unique(answers)) == {0, 1, 2}
    assert vocabulary_size(3, 4) == 8
    again, _ = recall_task(k=5, n_symbols=3, m=50, seed=0, n_fillers=4)
    np.testing.assert_array_equal(again, sequence)


def test_recall_gradients_match_numerical_gradients():
    sequence, answers = recall_task(k=3, n_symbols=3, m=M, seed=1, n_fillers=2)
    params = initialize_lstm_parameters(vocabulary_size(3, 2), N_H, 3, seed=12)
    _, grads = recall_loss_and_gradients(sequence, answers, params)
    numerical = numerical_gradients(lambda p: recall_loss_and_gradients(sequence, answers, p)[0], params)
    assert relative_difference(grads, numerical) < 1e-7


def test_the_lstm_learns_to_recall_across_20_steps():
    params, costs = train_recall(k=20, seed=0)  # about a second
    assert abs(costs[0] - np.log(4)) < 0.2  # a guess among 4 symbols at the start
    assert costs[-1] < 0.05
    assert recall_accuracy(params, k=20) == 1.0


def test_recall_gradients_of_the_plain_rnn_match_numerical_gradients():
    from dnn_helpers.rnn import initialize_rnn_parameters

    sequence, answers = recall_task(k=3, n_symbols=3, m=M, seed=2, n_fillers=2)
    params = initialize_rnn_parameters(vocabulary_size(3, 2), 4, 3, seed=3)
    _, grads = recall_loss_and_gradients(sequence, answers, params)
    assert set(grads) == {"dWxh", "dWhh", "dbh", "dWhy", "dby"}
    numerical = numerical_gradients(lambda p: recall_loss_and_gradients(sequence, answers, p)[0], params)
    assert relative_difference(grads, numerical) < 1e-7


def test_train_recall_refuses_an_unknown_cell():
    with pytest.raises(ValueError, match="cell must be one of"):
        train_recall(k=2, iterations=1, cell="gru")
