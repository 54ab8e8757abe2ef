"""The pieces every training loop shares (dnn_helpers.loops), and the loops' common vocabulary."""

import math

import numpy as np
import pytest

from dnn_helpers import TrainingDiverged, dnn, initialize_parameters
from dnn_helpers.data import make_dataset
from dnn_helpers.fast import train_fast
from dnn_helpers.loops import (
    check_divergence,
    check_dtype,
    check_regularization,
    choose_layer_dims,
    minibatch_indices,
    minibatches_per_epoch,
    start_parameters,
)
from dnn_helpers.trainer import train

X, Y = make_dataset("moons", n_samples=120, noise=0.2, seed=1)


def test_training_diverged_carries_where_and_what_was_recorded():
    with pytest.raises(TrainingDiverged) as caught:
        check_divergence(30, 3.0, 0.7, 0.5, [0.7, 0.9, 1.4])
    error = caught.value
    assert (error.iteration, error.cost, error.costs, error.learning_rate) == (30, 3.0, (0.7, 0.9, 1.4), 0.5)
    assert str(error) == ("training diverged: the cost rose from 0.7 to 3 at iteration 30 with learning_rate=0.5. "
                          "Lower the learning rate (try 0.05).")
    check_divergence(30, 2.8, 0.7, 0.5, [0.7])  # 4 times the first cost exactly: not yet a divergence


@pytest.mark.parametrize("loop", ["dnn", "train_fast", "train"])
def test_each_loop_hands_over_the_costs_it_recorded_before_diverging(loop):
    # learning rate 10 on these moons: the cost rises past 4 times its start at iteration 2
    arguments = dict(learning_rate=10.0)
    if loop == "train":
        run = lambda n: train(X, Y, [2, 16, 16, 1], optimizer="gd", num_epochs=n, batch_size=None, **arguments)
    else:
        chosen = dnn if loop == "dnn" else train_fast
        run = lambda n: chosen(X, Y, [2, 16, 16, 1], num_iterations=n, record_every=1, dtype=np.float64, **arguments)
    with pytest.raises(TrainingDiverged) as caught:
        run(100)
    error = caught.value
    assert error.iteration == 2 and error.learning_rate == 10.0
    assert error.cost > 4 * error.costs[0]
    # what it had recorded is what a run stopped just before the divergence records
    _, recorded = run(error.iteration)
    recorded = recorded["cost"] if loop == "train" else recorded
    np.testing.assert_allclose(error.costs, recorded, rtol=1e-12)
    assert len(error.costs) == 2


def test_minibatches_cover_every_example_once_per_pass():
    batches = minibatch_indices(10, 4, np.random.default_rng(0))
    one_pass = [next(batches) for _ in range(minibatches_per_epoch(10, 4))]
    assert [len(columns) for columns in one_pass] == [4, 4, 2]
    assert sorted(np.concatenate(one_pass).tolist()) == list(range(10))
    assert minibatches_per_epoch(10, 10) == 1 and minibatches_per_epoch(10, 3) == 4


def test_layers_dims_is_the_source_lessons_spelling_of_layer_dims():
    by_position, costs = dnn(X, Y, [2, 5, 1], 0.3, 20)
    by_alias, alias_costs = dnn(X, Y, layers_dims=[2, 5, 1], learning_rate=0.3, num_iterations=20)
    by_name, name_costs = dnn(X, Y, layer_dims=[2, 5, 1], learning_rate=0.3, num_iterations=20)
    assert costs == alias_costs == name_costs
    for key in by_position:
        np.testing.assert_array_equal(by_alias[key], by_position[key])
        np.testing.assert_array_equal(by_name[key], by_position[key])
    with pytest.raises(TypeError, match="two spellings of the same argument: pass only one"):
        dnn(X, Y, [2, 5, 1], layers_dims=[2, 5, 1])
    with pytest.raises(TypeError, match=r"missing the layer sizes: pass layer_dims = \[n_x, n_1, \.\.\., n_L\]"):
        dnn(X, Y)
    assert choose_layer_dims(None, (2, 1)) == (2, 1) and choose_layer_dims([3, 1], None) == [3, 1]


@pytest.mark.parametrize("lambd, keep_prob, decay_rate, message", [
    (-0.1, 1.0, 0.0, r"lambd is the L2 strength: it must be >= 0, got -0\.1\. Use 0 for no L2\."),
    (0.0, 1.5, 0.0, r"keep_prob is dropout's probability of keeping a hidden unit: it must be in \(0, 1\], "
                    r"got 1\.5\. Use 1 for no dropout, or a value such as 0\.8"),
    (0.0, 0.0, 0.0, r"keep_prob .* must be in \(0, 1\], got 0\.0\."),
    (0.0, -0.5, 0.0, r"keep_prob .* must be in \(0, 1\], got -0\.5\."),
    (0.0, 1.0, -0.5, r"decay_rate must be >= 0, got -0\.5: the step is learning_rate / \(1 \+ decay_rate \* epoch\), "
                     r"which a negative rate makes grow every epoch\. Use 0 for a constant step"),
])
def test_train_rejects_regularization_outside_its_range(lambd, keep_prob, decay_rate, message):
    with pytest.raises(ValueError, match=message):
        train(X, Y, [2, 4, 1], lambd=lambd, keep_prob=keep_prob, decay_rate=decay_rate)


def test_regularization_must_be_finite_numbers():
    with pytest.raises(TypeError, match=r"keep_prob must be a finite number, got '0\.8'"):
        check_regularization(0.0, "0.8", 0.0)
    with pytest.raises(TypeError, match=r"decay_rate must be a finite number, got nan"):
        check_regularization(0.0, 1.0, math.nan)
    assert check_regularization(1, 1, 0) == (1.0, 1.0, 0.0)


def test_keep_prob_one_and_no_decay_are_accepted_at_the_edge():
    _, history = train(X, Y, [2, 4, 1], keep_prob=1.0, decay_rate=0.0, num_epochs=2)
    assert history["learning_rate"] == [0.001, 0.001]


@pytest.mark.parametrize("loop", [dnn, train_fast, train])
def test_every_loop_refuses_a_dtype_that_is_not_float32_or_float64(loop):
    with pytest.raises(TypeError, match=r"dtype must be np\.float64 \(exact\) or np\.float32 \(fast\), got "):
        loop(X, Y, [2, 4, 1], dtype=np.int64)
    assert check_dtype("float32") == np.float32 and check_dtype(np.float64) == np.float64
    with pytest.raises(TypeError):
        check_dtype(None)


def test_start_parameters_copies_and_checks_the_given_ones():
    given = initialize_parameters([2, 4, 1], seed=3)
    started = start_parameters([2, 4, 1], "he", None, np.float32, given)
    for key in given:
        assert started[key].dtype == np.float32 and started[key] is not given[key]
        np.testing.assert_array_equal(started[key], given[key].astype(np.float32))
    with pytest.raises(ValueError, match=r"initial_params has 2 layers but layer_dims = \[2, 4, 4, 1\] describes 3"):
        start_parameters([2, 4, 4, 1], "he", None, np.float64, given)
    with pytest.raises(ValueError, match=r"initial_params\['W1'\] has shape \(4, 2\), but layer_dims = \[2, 5, 1\] "
                                         r"needs \(5, 2\)"):
        start_parameters([2, 5, 1], "he", None, np.float64, initialize_parameters([2, 4, 1]))
    broken = dict(given, b2=np.array([[np.nan]]))
    with pytest.raises(ValueError, match=r"initial_params\['b2'\] contains NaN"):
        start_parameters([2, 4, 1], "he", None, np.float64, broken)
