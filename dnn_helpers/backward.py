"""Step 5: backward propagation, the chain rule applied layer by layer from L down to 1.

The four equations, for one layer l with m examples:
    dZ[l]   = dA[l] * g'(Z[l])                       (elementwise)
    dW[l]   = (1/m) dZ[l] A[l-1]^T
    db[l]   = (1/m) sum of dZ[l] over the m columns
    dA[l-1] = W[l]^T dZ[l]
Each array dX has the shape of X. dW[l] and db[l] are exactly dJ/dW[l] and
dJ/db[l] for the mean cost J = (1/m) sum_i L_i. dZ[l] and dA[l] hold, column
by column, the gradient of each example's own loss L_i, that is m times dJ/dZ[l]
and m times dJ/dA[l]: the 1/m of the mean is applied once, in dW and db.

Gradient keys: grads["dW{l}"] and grads["db{l}"] have the shapes of W[l] and
b[l]; grads["dA{l}"] always belongs to A[l], the OUTPUT of layer l (so dA0
belongs to the input X and dA{L} to AL): the index always matches the A it
belongs to (docs/source-lesson.md, defect 5).
"""

import numpy as np

from ._validation import check_binary_labels, check_one_hot_labels, check_probabilities
from .activations import get_activation
from .cost import clip_probabilities
from .forward import LayerCache


def linear_backward(dZ, W, A_prev):
    """Gradients of the linear step Z = W A_prev + b.

    Arguments:
        dZ -- gradient with respect to Z, one column per example (m dJ/dZ), shape (n_l, m)
        W -- weights of the layer, shape (n_l, n_{l-1})
        A_prev -- input of the layer, shape (n_{l-1}, m)
    Returns:
        dA_prev -- shape (n_{l-1}, m);  dW -- shape (n_l, n_{l-1});  db -- shape (n_l, 1)
    """
    m = A_prev.shape[1]  # examples are columns: shape[0] would count features
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def check_cache(cache):
    """Raise a clear error unless ``cache`` is a LayerCache (A_prev, W, b, Z, activation)."""
    if isinstance(cache, LayerCache):
        return cache
    if isinstance(cache, tuple) and len(cache) == len(LayerCache._fields) and isinstance(cache[-1], str):
        return LayerCache(*cache)
    described = f"a tuple of {len(cache)} items" if isinstance(cache, tuple) else type(cache).__name__
    raise ValueError(
        f"a layer cache must be LayerCache(A_prev, W, b, Z, activation) as made by "
        f"linear_activation_forward, got {described}."
    )


def linear_activation_backward(dA, cache, activation):
    """Backward step of one layer A = g(W A_prev + b).

    Arguments:
        dA -- gradient with respect to this layer's output A, one column per example (m dJ/dA), shape (n_l, m)
        cache -- the LayerCache that linear_activation_forward returned for this layer
        activation -- name of g; must be the one used in the forward step
    Returns:
        dA_prev -- shape (n_{l-1}, m);  dW -- shape (n_l, n_{l-1});  db -- shape (n_l, 1)
    """
    cache = check_cache(cache)
    g = get_activation(activation)
    if g.name != cache.activation:
        raise ValueError(
            f"this layer was computed with {cache.activation!r} in the forward step, "
            f"but its backward step was asked for {activation!r}."
        )
    if dA.shape != cache.Z.shape:
        raise ValueError(f"dA must have the shape of the layer's output {cache.Z.shape}, got {dA.shape}.")
    dZ = g.backward(dA, cache.Z)
    return linear_backward(dZ, cache.W, cache.A_prev)


def backward_propagation(AL, Y, caches):
    """Gradients of the cross-entropy cost with respect to every parameter.

    With a sigmoid (or softmax) output the first step uses dZ[L] = AL - Y, the
    product dAL * g'(Z[L]) worked out by hand (lesson 5 derives it for the sigmoid).

    Arguments:
        AL -- output of forward_propagation, shape (1, m) for a sigmoid output, (C, m) for softmax
        Y -- true labels 0 or 1 of shape (1, m), or one-hot labels of shape (C, m) for softmax
        caches -- list of L LayerCache tuples from forward_propagation
    Returns:
        grads -- dict with "dW{l}", "db{l}" for l = 1 .. L and "dA{l}" for l = 0 .. L
                 (dA{l} is the gradient of A[l], the output of layer l; dA0 that of X)
    """
    AL = check_probabilities(AL)
    caches = [check_cache(cache) for cache in caches]
    L = len(caches)
    output = caches[-1]
    # the gradient of each example's loss with respect to AL, clipped like the cost (no 0/0 at saturation)
    A = clip_probabilities(AL)
    if output.activation == "softmax":
        Y = check_one_hot_labels(Y, C=AL.shape[0], m=AL.shape[1])
        grads = {f"dA{L}": -Y / A}
    else:
        Y = check_binary_labels(Y, m=AL.shape[1])
        grads = {f"dA{L}": -(Y / A - (1 - Y) / (1 - A))}
    if output.activation in ("sigmoid", "softmax"):
        # dZ[L] = dAL * g'(Z[L]) simplifies to AL - Y for both: exact even where the output
        # saturates, where the product form would round the gradient to 0
        dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(AL - Y, output.W, output.A_prev)
    else:
        dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward(grads[f"dA{L}"], output, output.activation)
    grads[f"dA{L - 1}"] = dA
    for l in range(L - 1, 0, -1):
        cache = caches[l - 1]
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, cache, cache.activation)
        grads[f"dA{l - 1}"] = dA
    return grads
