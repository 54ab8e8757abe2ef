import numpy as np
import pytest

from dnn_helpers import initialize_parameters
from dnn_helpers.diagnostics import layer_statistics


def test_statistics_by_hand_for_a_two_layer_network():
    X = np.array([[1.0, -1.0, 2.0, -2.0]])
    Y = np.array([[1, 0, 1, 0]])
    params = {"W1": np.array([[1.0], [-1.0]]), "b1": np.zeros((2, 1)), "W2": np.array([[1.0, 1.0]]),
              "b2": np.zeros((1, 1))}
    statistics = layer_statistics(X, Y, params)
    # A1 = relu([[1, -1, 2, -2], [-1, 1, -2, 2]]): entries 1, 0, 2, 0, 0, 1, 0, 2; no unit is 0 everywhere
    assert statistics["activation_std"][0] == pytest.approx(np.std([1, 0, 2, 0, 0, 1, 0, 2]))
    assert statistics["dead_fraction"] == [0.0, 0.0]
    assert len(statistics["gradient_norm"]) == 2


def test_unscaled_weights_grow_the_activations_and_dead_units_are_counted():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 100))
    Y = (rng.random((1, 100)) > 0.5).astype(float)
    dims = [50] + [50] * 5 + [1]
    plain = layer_statistics(X, Y, initialize_parameters(dims, method="randn", seed=1))["activation_std"]
    he = layer_statistics(X, Y, initialize_parameters(dims, method="he", seed=1))["activation_std"]
    assert plain[4] / plain[0] > 100  # about sqrt(50 / 2) = 5 per layer
    assert 0.3 < he[4] / he[0] < 3
    params = initialize_parameters([50, 4, 1], seed=0)
    params["b1"][0] = -100.0  # unit 1 of layer 1 never fires
    assert layer_statistics(X, Y, params)["dead_fraction"][0] == 0.25
