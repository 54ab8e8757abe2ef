"""Inputs that the check cases of several lessons share.

Inputs are small and non-square (n_{l-1} != m) so that a wrong axis shows.
"""

import numpy as np

from .. import forward, parameters


def make_rng(seed):
    return np.random.default_rng(seed)


def layer_inputs(seed, n_prev=4, n=3, m=5):
    """A_prev (n_prev, m), W (n, n_prev), b (n, 1): non-square so a wrong axis shows."""
    rng = make_rng(seed)
    return rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))


def small_network(seed, dims=(4, 5, 3, 1), m=6, hidden="relu"):
    """X (n_x, m), Y (1, m), params, AL (1, m) and caches of a small network with non-zero biases."""
    rng = make_rng(seed)
    params = parameters.randomize_biases(parameters.initialize_parameters(dims, method="xavier", seed=rng), 0.3, rng)
    X = rng.normal(size=(dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    AL, caches = forward.forward_propagation(X, params, hidden)
    return X, Y, params, AL, caches
