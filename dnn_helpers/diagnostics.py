"""Looking inside a network: the size of each layer's activations and gradients.

Used to compare initialisations (lesson 9) and to debug a network that will not
learn (lesson 13): activations that shrink or grow layer after layer, and
gradients that vanish before they reach the first layer, show up here first.
"""

import numpy as np

from .backward import backward_propagation
from .forward import forward_propagation


def layer_statistics(X, Y, params, hidden_activation="relu"):
    """One forward and backward pass; per layer, the spread of A[l] and the size of dW[l].

    Arguments:
        X -- inputs, shape (n_x, m);  Y -- labels, shape (1, m);  params -- "W1", ..., "bL"
    Returns:
        dict with lists of L floats, layer 1 first:
            "activation_std" -- standard deviation of the entries of A[l]
            "gradient_norm" -- Frobenius norm of dW[l] divided by sqrt of its number of entries (RMS)
            "dead_fraction" -- share of the units of layer l that output 0 for every example
    """
    AL, caches = forward_propagation(X, params, hidden_activation)
    grads = backward_propagation(AL, Y, caches)
    L = len(caches)
    outputs = [cache.A_prev for cache in caches[1:]] + [AL]
    return {
        "activation_std": [float(np.std(A)) for A in outputs],
        "gradient_norm": [float(np.sqrt(np.mean(grads[f"dW{l}"] ** 2))) for l in range(1, L + 1)],
        "dead_fraction": [float(np.mean(np.all(A == 0, axis=1))) for A in outputs],
    }
