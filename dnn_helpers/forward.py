"""Step 3: forward propagation, input X to output AL.

For l = 1 .. L:
    Z[l] = W[l] A[l-1] + b[l]        (A[0] = X; b[l] broadcasts over the m columns)
    A[l] = g[l](Z[l])                (hidden layers: ReLU by default; output: sigmoid)

Shapes: A[l-1] is (n_{l-1}, m), W[l] is (n_l, n_{l-1}), b[l] is (n_l, 1),
Z[l] and A[l] are (n_l, m).

The cache
---------
Every layer keeps a ``LayerCache`` for its backward step, with the fields
    A_prev      A[l-1], the layer's input, shape (n_{l-1}, m)   -> dW[l] = dZ[l] A[l-1]^T / m
    W           W[l], shape (n_l, n_{l-1})                      -> dA[l-1] = W[l]^T dZ[l]
    b           b[l], shape (n_l, 1)
    Z           Z[l], the pre-activation, shape (n_l, m)        -> dZ[l] = dA[l] * g'(Z[l])
    activation  the name of g[l], such as "relu"
``forward_propagation`` returns the list [cache of layer 1, ..., cache of layer L].
Named fields cannot be unpacked in the wrong order without notice (unpacking
``w, a, z, a = cache`` loses A_prev: docs/source-lesson.md, defect 3).
"""

from collections import namedtuple

from ._validation import check_examples, number_of_layers
from .activations import get_activation

LayerCache = namedtuple("LayerCache", "A_prev W b Z activation")
LayerCache.__doc__ = "What one layer's backward step needs; see the module docstring for shapes."


def linear_forward(A_prev, W, b):
    """Z = W A_prev + b.

    Arguments:
        A_prev -- activations of the previous layer, shape (n_{l-1}, m)
        W -- weights, shape (n_l, n_{l-1})
        b -- biases, shape (n_l, 1)
    Returns:
        Z -- pre-activation, shape (n_l, m)
    """
    if W.shape[1] != A_prev.shape[0]:
        raise ValueError(
            f"W has shape {W.shape}, so it expects an input with {W.shape[1]} rows, "
            f"but A_prev has shape {A_prev.shape} (examples must be columns)."
        )
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"b must have shape ({W.shape[0]}, 1) to match W of shape {W.shape}, got {b.shape}.")
    return W @ A_prev + b


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for one layer.

    Arguments:
        A_prev -- shape (n_{l-1}, m);  W -- shape (n_l, n_{l-1});  b -- shape (n_l, 1)
        activation -- name of g: "relu", "sigmoid", "tanh" or "leaky_relu"
    Returns:
        A -- shape (n_l, m)
        cache -- LayerCache(A_prev, W, b, Z, activation)
    """
    g = get_activation(activation)
    Z = linear_forward(A_prev, W, b)
    return g.forward(Z), LayerCache(A_prev, W, b, Z, g.name)


def forward_propagation(X, params, hidden_activation="relu", output_activation="sigmoid"):
    """Run X through L layers: hidden layers use ``hidden_activation``, the last ``output_activation``.

    Arguments:
        X -- input, shape (n_x, m), one example per column
        params -- dict "W1", "b1", ..., "WL", "bL" (see initialize_parameters)
        hidden_activation -- g for layers 1 .. L-1 (default "relu")
        output_activation -- g for layer L (default "sigmoid": a probability per example)
    Returns:
        AL -- output, shape (n_L, m)
        caches -- list of L LayerCache tuples, caches[l-1] for layer l
    """
    L = number_of_layers(params)
    A = check_examples(X, n_x=params["W1"].shape[1])
    get_activation(hidden_activation)  # fail early on an unknown name, even for L = 1
    caches = []
    for l in range(1, L + 1):
        activation = output_activation if l == L else hidden_activation
        A, cache = linear_activation_forward(A, params[f"W{l}"], params[f"b{l}"], activation)
        caches.append(cache)
    return A, caches
