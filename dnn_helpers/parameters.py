"""Step 1: create the weights W[l] and biases b[l] of every layer.

For layer_dims = (n_x, n_1, ..., n_L):
    W[l] has shape (n_l, n_{l-1}),  b[l] has shape (n_l, 1),  for l = 1 .. L.
"""

import numpy as np

from ._validation import check_layer_dims, number_of_layers


def _plain_scale(n_in):
    """Plain randn without scaling: Var(W) = 1."""
    return 1.0


def _small_scale(n_in):
    """The classic randn * 0.01."""
    return 0.01


def _xavier_scale(n_in):
    """Xavier/Glorot: Var(W) = 1 / n_{l-1} keeps Var(Z) steady for tanh and sigmoid."""
    return np.sqrt(1.0 / n_in)


def _he_scale(n_in):
    """He: Var(W) = 2 / n_{l-1}; the factor 2 makes up for ReLU zeroing half of its inputs."""
    return np.sqrt(2.0 / n_in)


def _zero_scale(n_in):
    """All weights 0: every unit of a layer stays identical (the symmetry problem)."""
    return 0.0


# name -> function of n_{l-1} giving the standard deviation of W[l]
INITIALIZATIONS = {
    "randn": _plain_scale,
    "small": _small_scale,
    "xavier": _xavier_scale,
    "he": _he_scale,
    "zeros": _zero_scale,
}


def initialize_parameters(layer_dims, method="he", seed=0, dtype=np.float64):
    """Initialise W[l] with standard normal entries times a scale, and b[l] with zeros.

    Arguments:
        layer_dims -- sizes (n_x, n_1, ..., n_L) of the input and of every layer
        method -- "he" (default, for ReLU), "xavier" (tanh, sigmoid), "small" (randn * 0.01),
                  "randn" (unscaled) or "zeros"
        seed -- an int or a numpy.random.Generator, so that results are reproducible
        dtype -- np.float64 (default, exact gradient checks) or np.float32 (faster)
    Returns:
        params -- dict with "W1" of shape (n_1, n_x), "b1" of shape (n_1, 1), ..., "WL", "bL"
    """
    dims = check_layer_dims(layer_dims)
    if method not in INITIALIZATIONS:
        raise ValueError(
            f"unknown initialisation method {method!r}; choose one of {', '.join(map(repr, INITIALIZATIONS))}."
        )
    scale_for = INITIALIZATIONS[method]
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(dims)):
        n_in, n_out = dims[l - 1], dims[l]
        params[f"W{l}"] = (rng.standard_normal((n_out, n_in)) * scale_for(n_in)).astype(dtype)
        params[f"b{l}"] = np.zeros((n_out, 1), dtype=dtype)
    return params


def randomize_biases(params, scale, seed=0):
    """A copy of ``params`` whose biases b1, ..., bL are drawn from N(0, scale^2); the weights are shared.

    Zero biases, as initialize_parameters gives, hide the bugs a bias reveals (a wrong db, a bias added
    along the wrong axis): the course's checks, gradient checks and pictures start from random ones.

    Arguments:
        params -- dict "W1", "b1", ..., "WL", "bL", b[l] of shape (n_l, 1)
        scale -- standard deviation of the biases
        seed -- an int or a numpy.random.Generator; one (n_l, 1) draw per layer, l = 1 .. L in order
    Returns:
        a new dict of the same keys and shapes
    """
    rng = np.random.default_rng(seed)
    randomized = dict(params)
    for l in range(1, number_of_layers(params) + 1):
        randomized[f"b{l}"] = rng.normal(scale=scale, size=np.shape(params[f"b{l}"]))
    return randomized
