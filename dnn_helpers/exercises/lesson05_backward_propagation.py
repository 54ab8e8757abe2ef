"""Lesson 5's exercises: linear_backward, linear_activation_backward, backward_propagation.

Among the inputs is a saturated output, AL exactly 1.0 where Y = 0.
"""

import numpy as np

from .. import activations, backward, cost, forward
from .inputs import layer_inputs, make_rng, small_network
from .lesson02_activations import LEAKY_RELU_SLIPS, RELU_SLIPS, SIGMOID_SLIPS, TANH_SLIPS
from .lesson03_forward_propagation import LAYER_ACTIVATIONS
from .record import Exercise, Mistake

LESSON = 5
NOTEBOOK = "05_backward_propagation.ipynb"


def _linear_backward_cases(seed):
    A_prev, W, _ = layer_inputs(seed)
    dZ = make_rng(seed + 1).normal(size=(3, 5))
    return [((dZ, W, A_prev), "dZ (3, 5), W (3, 4), A_prev (4, 5)")]


def _linear_activation_backward_cases(seed):
    cases = []
    for name in LAYER_ACTIVATIONS:  # each activation a learner's if/elif may branch on
        A_prev, W, b = layer_inputs(seed)
        _, cache = forward.linear_activation_forward(A_prev, W, b, name)
        dA = make_rng(seed + 2).normal(size=cache.Z.shape)
        cases.append(((dA, cache, name), f"activation={name!r}"))
    return cases


def _backward_propagation_cases(seed):
    _, Y, _, AL, caches = small_network(seed)
    X, _, params, _, _ = small_network(seed)
    params["b3"] = np.array([[40.0]])  # the sigmoid output saturates: AL is exactly 1.0
    AL_saturated, caches_saturated = forward.forward_propagation(X, params)
    Y_wrong = np.zeros_like(Y)  # confidently wrong everywhere: the gradient must not vanish
    cases = [((AL, Y, caches), "layer_dims (4, 5, 3, 1), m = 6"),
             ((AL_saturated, Y_wrong, caches_saturated), "a saturated output, AL exactly 1.0 where Y = 0")]
    for name in ("tanh", "leaky_relu"):  # hidden layers: each layer's backward step uses its own activation
        X_h, Y_h, _, AL_h, caches_h = small_network(seed, hidden=name)
        cases.append(((AL_h, Y_h, caches_h), f"hidden layers with {name!r}"))
    # an output other than the sigmoid takes the general step dZ = dAL * g'(Z); tanh here stays in (0, 1)
    X, Y, params, _, _ = small_network(seed)
    params["W3"], params["b3"] = 0.2 * params["W3"], np.array([[1.0]])
    AL_tanh, caches_tanh = forward.forward_propagation(X, params, "relu", "tanh")
    cases.append(((AL_tanh, Y, caches_tanh), "a tanh output layer (AL in (0, 1)): dZ = dAL * g'(Z[L])"))
    return cases


_PRODUCTS = {
    "dZ A_prev.T": lambda dZ, W, A_prev: dZ @ A_prev.T, "A_prev dZ.T": lambda dZ, W, A_prev: A_prev @ dZ.T,
    "dZ A_prev": lambda dZ, W, A_prev: dZ @ A_prev,
    "W.T dZ": lambda dZ, W, A_prev: W.T @ dZ, "dZ.T W": lambda dZ, W, A_prev: dZ.T @ W,
    "W dZ": lambda dZ, W, A_prev: W @ dZ, "dZ W": lambda dZ, W, A_prev: dZ @ W,
}


def _wrong_linear_backward(m_axis=1, scale_dW=True, scale_db=True, scale_dA=False, db_axis=1, keepdims=True,
                           transpose_dW=False, transpose_dA=False, order=(0, 1, 2), products=None):
    """linear_backward with one of its classic slips switched on; ``products`` names the two matrix
    products (for dW, then dA_prev), "dZ A_prev.T" and "W.T dZ" being the right ones."""
    dW_product, dA_product = products or ("A_prev dZ.T" if transpose_dW else "dZ A_prev.T",
                                          "dZ.T W" if transpose_dA else "W.T dZ")

    def wrong(dZ, W, A_prev):
        m = A_prev.shape[m_axis]
        dW = _PRODUCTS[dW_product](dZ, W, A_prev) / (m if scale_dW else 1)
        db = np.sum(dZ, axis=db_axis, keepdims=keepdims) / (m if scale_db else 1)
        dA_prev = _PRODUCTS[dA_product](dZ, W, A_prev) / (m if scale_dA else 1)
        results = (dA_prev, dW, db)
        return tuple(results[i] for i in order)

    return wrong


def _with_activation_slip(activation, slip):
    """linear_activation_backward whose dZ comes from ``slip(dA, Z)`` for ``activation``."""

    def wrong(dA, cache, used):
        dZ = slip(dA, cache.Z) if used == activation else activations.get_activation(used).backward(dA, cache.Z)
        return backward.linear_backward(dZ, cache.W, cache.A_prev)

    return wrong


def _always_relu(dA, cache, activation):
    dZ = activations.get_activation("relu").backward(dA, cache.Z)
    return backward.linear_backward(dZ, cache.W, cache.A_prev)


def _derivative_at_the_input(dA, cache, activation):
    """linear_activation_backward that evaluates g' at the layer's input A_prev instead of at Z."""
    dZ = activations.get_activation(activation).backward(dA, cache.A_prev)
    return backward.linear_backward(dZ, cache.W, cache.A_prev)


def _without_activation_step(dA, cache, activation):
    """linear_activation_backward that hands dA on as dZ, skipping g'(Z)."""
    return backward.linear_backward(dA, cache.W, cache.A_prev)


def _wrong_backward(AL, Y, caches, clip=True, product_form=True, hidden=None, shift_dA=False):
    """backward_propagation with one slip: the product form at the output (default), no clipping,
    one activation for every hidden layer, or each dA stored one key too high."""
    L = len(caches)
    A = cost.clip_probabilities(AL) if clip else AL
    dA = -(Y / A - (1 - Y) / (1 - A))
    grads = {f"dA{L}": dA}
    for l in range(L, 0, -1):
        cache = caches[l - 1]
        if l == L and not product_form and cache.activation == "sigmoid":
            dA, grads[f"dW{l}"], grads[f"db{l}"] = backward.linear_backward(AL - Y, cache.W, cache.A_prev)
        else:
            activation = hidden if (hidden and l < L) else cache.activation
            dZ = activations.get_activation(activation).backward(dA, cache.Z)
            dA, grads[f"dW{l}"], grads[f"db{l}"] = backward.linear_backward(dZ, cache.W, cache.A_prev)
        grads[f"dA{l if shift_dA else l - 1}"] = dA
    if shift_dA:
        grads[f"dA{L}"] = dA if L == 1 else grads[f"dA{L}"]
    return grads


_DB_WRONG_AXIS = "db is summed over the wrong axis: sum over the examples, np.sum(dZ, axis=1, keepdims=True)."

LINEAR_BACKWARD_SLIPS = (
    Mistake("the number of examples is taken from the wrong axis: m = A_prev.shape[1] "
            "(examples are columns), not A_prev.shape[0].", _wrong_linear_backward(m_axis=0)),
    Mistake("dW is too large by a factor of m: divide dZ @ A_prev.T by the number of examples, m = A_prev.shape[1].",
            _wrong_linear_backward(scale_dW=False)),
    Mistake("dW and db are too large by a factor of m: divide both by the number of examples, m = A_prev.shape[1].",
            _wrong_linear_backward(scale_dW=False, scale_db=False)),
    Mistake("dA_prev is divided by m: only dW and db take the 1/m of the mean; dA_prev = W.T @ dZ.",
            _wrong_linear_backward(scale_dA=True)),
    Mistake("the three results come back in the wrong order: return dA_prev, dW, db.",
            _wrong_linear_backward(order=(1, 2, 0))),
    Mistake("db lost its second axis: use np.sum(dZ, axis=1, keepdims=True) so that it has the shape (n_l, 1) of b.",
            _wrong_linear_backward(keepdims=False)),
    Mistake(_DB_WRONG_AXIS, _wrong_linear_backward(db_axis=0)),
    Mistake(_DB_WRONG_AXIS, _wrong_linear_backward(db_axis=0, keepdims=False)),
    Mistake("db sums over every entry of dZ: sum over the examples only, np.sum(dZ, axis=1, keepdims=True).",
            _wrong_linear_backward(db_axis=None, keepdims=False)),
    Mistake("dW is transposed: dW = dZ @ A_prev.T / m has the shape (n_l, n_{l-1}) of W.",
            _wrong_linear_backward(transpose_dW=True)),
    Mistake("dA_prev is transposed: dA_prev = W.T @ dZ has the shape (n_{l-1}, m) of A_prev.",
            _wrong_linear_backward(transpose_dA=True)),
    # these three raise on the non-square inputs of the check (each with its own sizes)
    Mistake("A_prev needs its transpose in dW: dZ (n_l, m) times A_prev.T (m, n_{l-1}), dW = dZ @ A_prev.T / m.",
            _wrong_linear_backward(products=("dZ A_prev", "W.T dZ"))),
    Mistake("W needs its transpose in dA_prev: W.T (n_{l-1}, n_l) times dZ (n_l, m), dA_prev = W.T @ dZ.",
            _wrong_linear_backward(products=("dZ A_prev.T", "W dZ"))),
    Mistake("the product for dA_prev is the wrong way round: dA_prev = W.T @ dZ, W.T first.",
            _wrong_linear_backward(products=("dZ A_prev.T", "dZ W"))),
)

EXERCISES = (
    Exercise("linear_backward", backward.linear_backward, _linear_backward_cases, ("dA_prev", "dW", "db"),
             mistakes=LINEAR_BACKWARD_SLIPS),
    Exercise(
        "linear_activation_backward", backward.linear_activation_backward, _linear_activation_backward_cases,
        ("dA_prev", "dW", "db"),
        mistakes=(
            *(Mistake(advice, _with_activation_slip(name, slip)) for name, slips in (
                ("relu", RELU_SLIPS), ("sigmoid", SIGMOID_SLIPS), ("tanh", TANH_SLIPS),
                ("leaky_relu", LEAKY_RELU_SLIPS)) for advice, slip in slips),
            Mistake("the activation is fixed to ReLU: use the activation argument, "
                    "get_activation(activation).backward.", _always_relu),
            Mistake("g' is taken at the layer's input: the derivative belongs at the layer's own "
                    "pre-activation, dZ = get_activation(activation).backward(dA, cache.Z).",
                    _derivative_at_the_input),
            Mistake("the step back through the activation is missing: first dZ = dA * g'(Z), "
                    "dZ = get_activation(activation).backward(dA, cache.Z), then linear_backward(dZ, ...).",
                    _without_activation_step),
        ),
    ),
    Exercise(
        "backward_propagation", backward.backward_propagation, _backward_propagation_cases, "grads",
        mistakes=(
            Mistake("the output layer uses the product dAL * s * (1 - s), which rounds to 0 where the sigmoid "
                    "saturates: with a sigmoid output start from dZ[L] = AL - Y.", _wrong_backward),
            Mistake("dAL is computed from the unclipped AL, which divides by 0 where AL is exactly 0 or 1: "
                    "clip AL first, as the cost does.",
                    lambda AL, Y, caches: _wrong_backward(AL, Y, caches, clip=False)),
            *(Mistake(f"every hidden layer steps back through {name}: use each layer's own activation, "
                      "cache.activation, as the forward pass recorded it.",
                      lambda AL, Y, caches, name=name: _wrong_backward(AL, Y, caches, product_form=False,
                                                                       hidden=name))
              for name in ("relu", "sigmoid")),
            Mistake("each gradient is stored one key too high: grads[f'dA{l}'] is the gradient of A[l], the "
                    "output of layer l, so the dA_prev of layer l goes under f'dA{l - 1}'.",
                    lambda AL, Y, caches: _wrong_backward(AL, Y, caches, product_form=False, shift_dA=True)),
        ),
    ),
)
