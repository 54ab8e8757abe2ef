"""Every predictable learner mistake gets a message that says what was expected and what was given."""

import numpy as np
import pytest

from dnn_helpers import (
    backward_propagation,
    compute_cost,
    dnn,
    forward_propagation,
    get_activation,
    initialize_parameters,
    linear_activation_backward,
    linear_forward,
    update_parameters,
)
from dnn_helpers.forward import LayerCache

rng = np.random.default_rng(0)
X = rng.normal(size=(2, 10))
Y = (X[0:1] > 0).astype(float)
PARAMS = initialize_parameters([2, 3, 1], seed=0)


def test_transposed_X_suggests_dot_T():
    with pytest.raises(ValueError, match=r"shape \(10, 2\), but examples must be columns.*pass X\.T"):
        forward_propagation(X.T, PARAMS)


def test_X_rows_must_match_layer_dims():
    with pytest.raises(ValueError, match=r"X has 3 rows .* expects 2 \(layer_dims\[0\] = 2\)"):
        dnn(np.ones((3, 10)), Y, [2, 3, 1])


def test_one_dimensional_X():
    with pytest.raises(ValueError, match=r"2-D array, got 1-D with shape \(10,\).*reshape\(1, -1\)"):
        dnn(np.ones(10), Y, [1, 1])


def test_Y_as_a_column_suggests_dot_T():
    with pytest.raises(ValueError, match=r"Y has shape \(10, 1\).*row of shape \(1, m\): pass Y\.T"):
        dnn(X, Y.T, [2, 3, 1])


def test_Y_one_dimensional_suggests_reshape():
    with pytest.raises(ValueError, match=r"Y must have shape \(1, m\).*1-D array of shape \(10,\).*reshape\(1, -1\)"):
        dnn(X, Y.ravel(), [2, 3, 1])


def test_Y_with_wrong_number_of_examples():
    with pytest.raises(ValueError, match=r"Y has 9 labels but there are 10 examples"):
        dnn(X, Y[:, :9], [2, 3, 1])


def test_non_binary_labels():
    with pytest.raises(ValueError, match=r"binary labels 0 and 1 only; found other values such as \[2\.0\]"):
        dnn(X, Y * 2, [2, 3, 1])


def test_nan_in_X():
    X_nan = X.copy()
    X_nan[1, 4] = np.nan
    with pytest.raises(ValueError, match=r"X contains NaN: 1 entry is not finite, the first at index \(1, 4\)"):
        dnn(X_nan, Y, [2, 3, 1])


def test_inf_in_X():
    X_inf = X.copy()
    X_inf[0, :3] = np.inf
    with pytest.raises(ValueError, match=r"X contains inf: 3 entries"):
        forward_propagation(X_inf, PARAMS)


def test_layer_dims_too_short():
    with pytest.raises(ValueError, match=r"at least two entries.*got \[2\]"):
        initialize_parameters([2])


def test_layer_dims_non_positive_size():
    with pytest.raises(ValueError, match=r"at least 1, but layer_dims\[1\] = 0 in \[2, 0, 1\]"):
        initialize_parameters([2, 0, 1])


def test_layer_dims_not_integers():
    with pytest.raises(TypeError, match=r"layer_dims\[1\] must be an integer, got 3\.5"):
        initialize_parameters([2, 3.5, 1])


def test_unknown_activation():
    with pytest.raises(ValueError, match=r"unknown activation 'Relu'; choose one of 'sigmoid', 'relu'"):
        forward_propagation(X, PARAMS, hidden_activation="Relu")
    with pytest.raises(ValueError, match=r"unknown activation"):
        get_activation(None)


def test_unknown_initialisation():
    with pytest.raises(ValueError, match=r"unknown initialisation method 'glorot'; choose one of 'randn'"):
        initialize_parameters([2, 3, 1], method="glorot")


@pytest.mark.parametrize("learning_rate", [0, -0.1, float("nan"), float("inf")])
def test_learning_rate_must_be_positive_and_finite(learning_rate):
    with pytest.raises(ValueError, match=r"learning_rate must be a finite number greater than 0"):
        dnn(X, Y, [2, 3, 1], learning_rate=learning_rate)


def test_learning_rate_must_be_a_number():
    with pytest.raises(TypeError, match=r"learning_rate must be a number, got '0.1'"):
        update_parameters(PARAMS, {}, "0.1")


def test_num_iterations_at_least_one():
    with pytest.raises(ValueError, match=r"num_iterations must be at least 1, got 0"):
        dnn(X, Y, [2, 3, 1], num_iterations=0)


def test_params_and_grads_with_mismatched_keys():
    grads = {"dW1": np.zeros((3, 2)), "db1": np.zeros((3, 1)), "dW2": np.zeros((1, 3))}
    with pytest.raises(ValueError, match=r"no entry 'db2'.*Missing gradients: \['db2'\]"):
        update_parameters(PARAMS, grads, 0.1)


def test_params_and_grads_with_mismatched_shapes():
    grads = {"d" + key: np.zeros_like(value) for key, value in PARAMS.items()}
    grads["dW1"] = np.zeros((2, 3))
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(2, 3\) but W1 has shape \(3, 2\)"):
        update_parameters(PARAMS, grads, 0.1)


def test_params_with_missing_or_misshapen_entries():
    with pytest.raises(ValueError, match=r"keys W1, b1, \.\.\., WL, bL.*Missing: \['b2'\]"):
        forward_propagation(X, {k: v for k, v in PARAMS.items() if k != "b2"})
    with pytest.raises(ValueError, match=r"b1 must have shape \(3, 1\) to match W1 of shape \(3, 2\), got \(3,\)"):
        forward_propagation(X, {**PARAMS, "b1": np.zeros(3)})
    with pytest.raises(ValueError, match=r"W2 has shape \(1, 4\), but layer 1 has 3 units: expected \(1, 3\)"):
        forward_propagation(X, {**PARAMS, "W2": np.zeros((1, 4))})


def test_linear_forward_shape_mismatch():
    with pytest.raises(ValueError, match=r"W has shape \(3, 2\), so it expects an input with 2 rows.*\(5, 10\)"):
        linear_forward(np.ones((5, 10)), PARAMS["W1"], PARAMS["b1"])


def test_cache_of_the_wrong_layout():
    _, caches = forward_propagation(X, PARAMS)
    W, A_prev, Z = caches[0].W, caches[0].A_prev, caches[0].Z
    source_lesson_cache = (W, A_prev, Z, np.maximum(Z, 0))
    with pytest.raises(ValueError, match=r"LayerCache\(A_prev, W, b, Z, activation\).*tuple of 4 items"):
        linear_activation_backward(np.ones_like(Z), source_lesson_cache, "relu")


def test_backward_activation_must_match_forward():
    _, caches = forward_propagation(X, PARAMS)
    with pytest.raises(ValueError, match=r"computed with 'relu' in the forward step.*asked for 'tanh'"):
        linear_activation_backward(np.ones_like(caches[0].Z), caches[0], "tanh")
    assert isinstance(caches[0], LayerCache)


def test_AL_outside_zero_one():
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\].*from -0\.5 to 1\.5.*pass Z instead of A"):
        compute_cost(np.array([[-0.5, 1.5]]), np.array([[0, 1]]))


def test_AL_and_Y_with_different_m():
    AL, caches = forward_propagation(X, PARAMS)
    with pytest.raises(ValueError, match=r"Y has 5 labels but there are 10 examples"):
        backward_propagation(AL, Y[:, :5], caches)


def test_multiclass_output_in_binary_training():
    with pytest.raises(ValueError, match=r"a sigmoid output \(a binary classifier\) has one unit: "
                                         r"layer_dims\[-1\] must be 1, got 3"):
        dnn(X, Y, [2, 4, 3])


def test_text_data():
    with pytest.raises(TypeError, match=r"X must hold numbers, got an array of dtype <U1"):
        forward_propagation(np.array([["a", "b"], ["c", "d"]]), PARAMS)
