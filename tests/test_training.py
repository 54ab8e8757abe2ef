import math

import numpy as np
import pytest

from dnn_helpers import (
    TrainingDiverged,
    accuracy,
    backward_propagation,
    dnn,
    forward_propagation,
    gradient_check,
    initialize_parameters,
    predict,
    update_parameters,
)


def test_update_hand_values_and_returns_a_copy():
    params = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.5, -1.0]]), "db1": np.array([[2.0]]), "dA0": np.zeros((2, 3))}
    new = update_parameters(params, grads, learning_rate=0.1)
    np.testing.assert_allclose(new["W1"], [[0.95, 2.1]])
    np.testing.assert_allclose(new["b1"], [[0.3]])
    # the input is left as it was
    np.testing.assert_array_equal(params["W1"], [[1.0, 2.0]])
    np.testing.assert_array_equal(params["b1"], [[0.5]])
    assert new["W1"] is not params["W1"]


def test_one_training_step_equals_the_four_steps_by_hand():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(3, 10))
    Y = (X[0:1] > 0).astype(float)
    params, costs = dnn(X, Y, [3, 4, 1], learning_rate=0.3, num_iterations=1, seed=5)
    start = initialize_parameters([3, 4, 1], seed=5)
    AL, caches = forward_propagation(X, start)
    expected = update_parameters(start, backward_propagation(AL, Y, caches), 0.3)
    for key in expected:
        np.testing.assert_allclose(params[key], expected[key], rtol=1e-15)
    assert len(costs) == 1


def test_logistic_regression_learns_a_separable_rule():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 200))
    Y = (X[0:1] + 2 * X[1:2] > 0).astype(float)
    params, costs = dnn(X, Y, [2, 1], learning_rate=1.0, num_iterations=500)
    assert costs == sorted(costs, reverse=True)  # full-batch descent on a convex cost never goes up here
    assert accuracy(predict(X, params), Y) > 0.98
    # the boundary w . x = 0 points along (1, 2)
    w = params["W1"].ravel()
    assert w[1] / w[0] == pytest.approx(2.0, rel=0.15)


def test_record_every_and_print_cost(capsys):
    X = np.array([[0.0, 1.0, 2.0, 3.0]])
    Y = np.array([[0, 0, 1, 1]])
    _, costs = dnn(X, Y, [1, 1], learning_rate=0.1, num_iterations=25, record_every=10, print_cost=True)
    assert len(costs) == 3
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"Cost after iteration {i}: {c:.6f}" for i, c in zip((0, 10, 20), costs)]


def test_divergence_stops_with_advice():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(2, 100))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    with pytest.raises(TrainingDiverged, match=r"cost rose from 0.6917 to 15.14 at iteration 1 with learning_rate=100\. "
                       r"Lower the learning rate \(try 10\)"):
        dnn(X, Y, [2, 30, 30, 30, 1], learning_rate=100.0, num_iterations=200)
    # the same network trains at a sensible rate
    _, costs = dnn(X, Y, [2, 30, 30, 30, 1], learning_rate=0.3, num_iterations=200)
    assert costs[-1] < 0.1


def test_nan_cost_is_reported_as_divergence():
    from dnn_helpers.training import check_divergence

    with pytest.raises(TrainingDiverged, match=r"the cost became nan at iteration 7 with learning_rate=0\.5"):
        check_divergence(7, float("nan"), 0.69, 0.5)
    check_divergence(7, 2.0, 0.69, 0.5)  # a cost below 4 times its start is no divergence


def test_float32_training_stays_float32_and_agrees_with_float64():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(2, 100))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    p32, c32 = dnn(X, Y, [2, 8, 1], learning_rate=0.5, num_iterations=300, dtype=np.float32)
    p64, c64 = dnn(X, Y, [2, 8, 1], learning_rate=0.5, num_iterations=300)
    assert all(value.dtype == np.float32 for value in p32.values())
    # Measured 2026-12 over the configurations of scripts/check_portability.py (five OpenBLAS kernels,
    # 2 threads, numpy 1.26.0): the recorded costs differ by 0.9e-7 to 2.2e-7 relative. A much looser
    # bound still separates float32 rounding from a real difference (a wrong step gives 1e-2 or more).
    np.testing.assert_allclose(c32, c64, rtol=1e-5)


def test_predict_thresholds_at_one_half_and_accuracy():
    params = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
    X = np.array([[-2.0, -0.1, 0.1, 3.0]])
    np.testing.assert_array_equal(predict(X, params), [[0, 0, 1, 1]])
    assert accuracy(np.array([[0, 0, 1, 1]]), np.array([[0, 1, 1, 1]])) == 0.75


def test_gradient_check_catches_a_wrong_gradient_and_names_the_worst_entry(monkeypatch):
    import dnn_helpers.gradient_checking as module

    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(2, 6)), np.array([[0, 1, 1, 0, 1, 0]])
    params = initialize_parameters([2, 3, 1], seed=0)
    assert gradient_check(X, Y, params) < 1e-7

    def wrong_backward(AL, Y, caches):
        grads = backward_propagation(AL, Y, caches)
        grads["db1"] = grads["db1"] * 2  # a deliberate bug in one array
        return grads

    monkeypatch.setattr(module, "backward_propagation", wrong_backward)
    difference, worst = gradient_check(X, Y, params, worst=2)
    assert difference > 1e-3
    assert worst[0][0] == "db1" and math.isclose(worst[0][2], 2 * worst[0][3], rel_tol=1e-5)


def test_training_resumes_from_given_parameters():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(2, 60))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    whole, whole_costs = dnn(X, Y, [2, 6, 1], learning_rate=0.5, num_iterations=40, record_every=10)
    half, first_costs = dnn(X, Y, [2, 6, 1], learning_rate=0.5, num_iterations=20, record_every=10)
    kept = {key: value.copy() for key, value in half.items()}
    resumed, later_costs = dnn(X, Y, [2, 6, 1], learning_rate=0.5, num_iterations=20, record_every=10,
                               initial_params=half)
    # full-batch descent has no randomness after the start: 20 + 20 steps are the 40 steps
    assert first_costs + later_costs == whole_costs
    for key in whole:
        np.testing.assert_array_equal(resumed[key], whole[key])
        np.testing.assert_array_equal(half[key], kept[key])  # the given parameters are left as they were
    # and starting from initialize_parameters' own draws is the same as letting dnn draw them
    drawn, _ = dnn(X, Y, [2, 6, 1], learning_rate=0.5, num_iterations=5, seed=4)
    given, _ = dnn(X, Y, [2, 6, 1], learning_rate=0.5, num_iterations=5,
                   initial_params=initialize_parameters([2, 6, 1], seed=4))
    for key in drawn:
        np.testing.assert_array_equal(given[key], drawn[key])
