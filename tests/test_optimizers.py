import numpy as np
import pytest

from dnn_helpers import update_parameters
from dnn_helpers.optimizers import (
    Optimizer,
    decayed_learning_rate,
    initialize_state,
    update_parameters_with_adam,
    update_parameters_with_momentum,
    update_parameters_with_rmsprop,
)

PARAMS = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.0]])}
GRADS = {"dW1": np.array([[2.0, -4.0]]), "db1": np.array([[1.0]])}


def test_momentum_by_hand():
    params, v = update_parameters_with_momentum(PARAMS, GRADS, initialize_state(PARAMS), 0.5, beta=0.9)
    np.testing.assert_allclose(v["dW1"], [[0.2, -0.4]])  # 0.1 * g
    np.testing.assert_allclose(params["W1"], [[0.9, -0.8]])  # W - 0.5 v
    params, v = update_parameters_with_momentum(params, GRADS, v, 0.5, beta=0.9)
    np.testing.assert_allclose(v["dW1"], [[0.38, -0.76]])  # 0.9 * 0.2 + 0.1 * 2


def test_rmsprop_divides_by_the_root_mean_square():
    params, s = update_parameters_with_rmsprop(PARAMS, GRADS, initialize_state(PARAMS), 0.1, beta=0.9, epsilon=0)
    np.testing.assert_allclose(s["dW1"], [[0.4, 1.6]])  # 0.1 * g^2
    # step g / sqrt(0.1 g^2) = sign(g) * sqrt(10), whatever the size of g
    np.testing.assert_allclose(params["W1"], [[1 - 0.1 * np.sqrt(10), -1 + 0.1 * np.sqrt(10)]])


def test_adam_first_step_is_learning_rate_times_sign():
    params, v, s = update_parameters_with_adam(PARAMS, GRADS, initialize_state(PARAMS), initialize_state(PARAMS),
                                               t=1, learning_rate=0.01, epsilon=0)
    # bias correction: v_hat = g and s_hat = g^2 at t = 1, so the step is exactly learning_rate * sign(g)
    np.testing.assert_allclose(params["W1"], [[0.99, -0.99]])
    np.testing.assert_allclose(params["b1"], [[-0.01]])
    np.testing.assert_allclose(v["dW1"], [[0.2, -0.4]])
    np.testing.assert_allclose(s["dW1"], [[0.004, 0.016]])


def test_optimizer_object_steps_like_the_functions():
    optimizer = Optimizer("adam", PARAMS)
    params = optimizer.step(PARAMS, GRADS, 0.01)
    expected, _, _ = update_parameters_with_adam(PARAMS, GRADS, initialize_state(PARAMS), initialize_state(PARAMS),
                                                 1, 0.01)
    np.testing.assert_allclose(params["W1"], expected["W1"])
    assert repr(optimizer) == "Optimizer('adam', t=1)"
    with pytest.raises(ValueError, match="unknown optimiser 'adagrad'"):
        Optimizer("adagrad", PARAMS)


def test_learning_rate_decay():
    assert decayed_learning_rate(0.1, 0, 1.0) == 0.1
    assert decayed_learning_rate(0.1, 4, 1.0) == pytest.approx(0.02)


def test_adam_steps_the_rnn_parameters_by_their_own_keys():
    # part two's RNN names its arrays "Wxh", "Whh", "bh", "Why", "by", its gradients "dWxh", ...
    params = {"Wxh": np.array([[1.0, 2.0]]), "Whh": np.array([[0.5]]), "bh": np.array([[0.0]]),
              "Why": np.array([[1.0]]), "by": np.array([[-1.0]])}
    grads = {"dWxh": np.array([[3.0, -0.5]]), "dWhh": np.array([[-2.0]]), "dbh": np.array([[1e-3]]),
             "dWhy": np.array([[0.25]]), "dby": np.array([[-4.0]])}
    state = initialize_state(params)
    assert sorted(state) == sorted(grads)
    new, v, s = update_parameters_with_adam(params, grads, state, initialize_state(params), t=1,
                                            learning_rate=0.1, epsilon=0)
    # at t = 1 every entry moves by exactly learning_rate against the sign of its gradient
    for key in params:
        np.testing.assert_allclose(new[key], params[key] - 0.1 * np.sign(grads["d" + key]))
    np.testing.assert_allclose(v["dWxh"], [[0.3, -0.05]])
    assert params["Wxh"][0, 0] == 1.0  # the inputs are left as they were


def test_a_layered_network_with_a_misspelt_key_is_still_refused():
    from dnn_helpers.update import update_parameters

    params = {"W1": np.zeros((1, 2)), "B1": np.zeros((1, 1))}
    with pytest.raises(ValueError, match=r"keys W1, b1, \.\.\., WL, bL.*unexpected: \['B1'\]"):
        update_parameters(params, {"dW1": np.zeros((1, 2)), "dB1": np.zeros((1, 1))}, 0.1)
    rnn = {"Wxh": np.zeros((1, 2)), "bh": np.zeros((1, 1))}
    with pytest.raises(ValueError, match=r"no entry 'dbh' for parameter 'bh'.*Missing gradients: \['dbh'\]"):
        update_parameters(rnn, {"dWxh": np.zeros((1, 2))}, 0.1)


RNN_PARAMS = {"Wxh": np.array([[1.0, -1.0]]), "Whh": np.array([[0.5]]), "by": np.array([[0.0]])}
RNN_GRADS = {"dWxh": np.array([[2.0, -4.0]]), "dWhh": np.array([[1.0]]), "dby": np.array([[-3.0]])}


def test_update_takes_parameters_with_any_keys():
    # the keys of an RNN or an LSTM are not W1, b1, ...: each array still takes its own gradient's step
    params = update_parameters(RNN_PARAMS, RNN_GRADS, 0.5)
    np.testing.assert_allclose(params["Wxh"], [[0.0, 1.0]])  # [1, -1] - 0.5 [2, -4]
    np.testing.assert_allclose(params["Whh"], [[0.0]])
    np.testing.assert_allclose(params["by"], [[1.5]])
    np.testing.assert_allclose(RNN_PARAMS["Wxh"], [[1.0, -1.0]])  # new arrays; the old ones are unchanged
    with pytest.raises(ValueError, match=r"no entry 'dWhh' for parameter 'Whh'.*Missing gradients: \['dWhh'\]"):
        update_parameters(RNN_PARAMS, {key: g for key, g in RNN_GRADS.items() if key != "dWhh"}, 0.5)
    with pytest.raises(ValueError, match=r"grads\['dby'\] has shape \(2, 1\) but by has shape \(1, 1\)"):
        update_parameters(RNN_PARAMS, {**RNN_GRADS, "dby": np.zeros((2, 1))}, 0.5)


def test_update_still_checks_a_layered_network():
    with pytest.raises(ValueError, match=r"keys W1, b1, \.\.\., WL, bL.*Missing: \['b2'\]"):
        update_parameters({**PARAMS, "W2": np.zeros((1, 1))}, {}, 0.5)
    with pytest.raises(TypeError, match="non-empty dict"):
        update_parameters({}, {}, 0.5)


def test_adam_optimizer_with_any_keys():
    optimizer = Optimizer("adam", RNN_PARAMS, epsilon=0)
    params = optimizer.step(RNN_PARAMS, RNN_GRADS, 0.01)
    # the first bias-corrected Adam step is learning_rate * sign(g), as for W1 and b1
    np.testing.assert_allclose(params["Wxh"], [[0.99, -0.99]])
    np.testing.assert_allclose(params["Whh"], [[0.49]])
    np.testing.assert_allclose(params["by"], [[0.01]])
    np.testing.assert_allclose(optimizer.s["dby"], [[0.009]])  # 0.001 * 3^2
