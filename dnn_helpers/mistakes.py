"""The classic mistakes of each lesson step, recognised by their effect.

For every function a learner writes, ``MISTAKES`` lists deliberately wrong
versions, each with the advice a learner needs. When a learner's result
differs from the reference, ``recognise`` runs the wrong versions on the same
inputs: if one of them reproduces the learner's result, that mistake is named.
"""

import numpy as np

from .activations import get_activation, relu, sigmoid
from .backward import linear_activation_backward, linear_backward
from .cost import clip_probabilities
from .forward import LayerCache, linear_activation_forward
from .parameters import initialize_parameters
from .training import TrainingDiverged, dnn


def _wrong_linear_backward(m_axis=1, scale_dW=True, scale_db=True, scale_dA=False, db_axis=1, keepdims=True,
                           transpose_dW=False, transpose_dA=False, order=(0, 1, 2)):
    """linear_backward with one of its classic slips switched on."""

    def wrong(dZ, W, A_prev):
        m = A_prev.shape[m_axis]
        dW = (A_prev @ dZ.T if transpose_dW else dZ @ A_prev.T) / (m if scale_dW else 1)
        db = np.sum(dZ, axis=db_axis, keepdims=keepdims) / (m if scale_db else 1)
        dA_prev = (dZ.T @ W if transpose_dA else W.T @ dZ) / (m if scale_dA else 1)
        results = (dA_prev, dW, db)
        return tuple(results[i] for i in order)

    return wrong


def _with_activation_slip(slips):
    """linear_activation_backward whose dZ comes from ``slips[activation](dA, Z)``."""

    def wrong(dA, cache, activation):
        dZ = slips[activation](dA, cache.Z) if activation in slips else get_activation(activation).backward(dA, cache.Z)
        return linear_backward(dZ, cache.W, cache.A_prev)

    return wrong


RELU_SLIPS = [
    ("the ReLU backward step masks with dA instead of Z: keep dA where Z > 0, set dZ to 0 where Z <= 0.",
     lambda dA, Z: np.where(dA > 0, dA, 0)),
    ("the ReLU backward step multiplies by A = relu(Z) instead of by its derivative (1 where Z > 0, else 0).",
     lambda dA, Z: dA * relu(Z)),
    ("the ReLU backward step passes dA through unchanged: set dZ to 0 where Z <= 0.",
     lambda dA, Z: np.array(dA, copy=True)),
    ("the ReLU backward step keeps dA where Z == 0: the course takes relu'(0) = 0, so keep dA only where Z > 0.",
     lambda dA, Z: np.where(Z >= 0, dA, 0)),
]

SIGMOID_SLIPS = [
    ("the sigmoid backward step is missing the factor (1 - s): dZ = dA * s * (1 - s) with s = sigmoid(Z).",
     lambda dA, Z: dA * sigmoid(Z)),
    ("the sigmoid backward step is missing the factor s: dZ = dA * s * (1 - s) with s = sigmoid(Z).",
     lambda dA, Z: dA * (1 - sigmoid(Z))),
    ("the sigmoid backward step forgot to multiply by dA: dZ = dA * s * (1 - s).",
     lambda dA, Z: sigmoid(Z) * (1 - sigmoid(Z))),
    ("the sigmoid backward step uses Z where it needs s = sigmoid(Z): dZ = dA * s * (1 - s).",
     lambda dA, Z: dA * Z * (1 - Z)),
]

LINEAR_BACKWARD_SLIPS = [
    ("the number of examples is taken from the wrong axis: m = A_prev.shape[1] "
     "(examples are columns), not A_prev.shape[0].", _wrong_linear_backward(m_axis=0)),
    ("dW is too large by a factor of m: divide dZ @ A_prev.T by the number of examples, m = A_prev.shape[1].",
     _wrong_linear_backward(scale_dW=False)),
    ("dW and db are too large by a factor of m: divide both by the number of examples, m = A_prev.shape[1].",
     _wrong_linear_backward(scale_dW=False, scale_db=False)),
    ("dA_prev is divided by m: only dW and db take the 1/m of the mean; dA_prev = W.T @ dZ.",
     _wrong_linear_backward(scale_dA=True)),
    ("the three results come back in the wrong order: return dA_prev, dW, db.",
     _wrong_linear_backward(order=(1, 2, 0))),
    ("db lost its second axis: use np.sum(dZ, axis=1, keepdims=True) so that it has the shape (n_l, 1) of b.",
     _wrong_linear_backward(keepdims=False)),
    ("db is summed over the wrong axis: sum over the examples, np.sum(dZ, axis=1, keepdims=True).",
     _wrong_linear_backward(db_axis=0)),
    ("db is summed over the wrong axis: sum over the examples, np.sum(dZ, axis=1, keepdims=True).",
     _wrong_linear_backward(db_axis=0, keepdims=False)),
    ("db sums over every entry of dZ: sum over the examples only, np.sum(dZ, axis=1, keepdims=True).",
     _wrong_linear_backward(db_axis=None, keepdims=False)),
    ("dW is transposed: dW = dZ @ A_prev.T / m has the shape (n_l, n_{l-1}) of W.",
     _wrong_linear_backward(transpose_dW=True)),
    ("dA_prev is transposed: dA_prev = W.T @ dZ has the shape (n_{l-1}, m) of A_prev.",
     _wrong_linear_backward(transpose_dA=True)),
]


def _wrong_initialization(scale_for, fresh_generator_per_layer=False):
    """He initialisation with another scale (a function of n_in and n_out), or with the draws out of order."""

    def wrong(layer_dims, method="he", seed=0, dtype=np.float64):
        rng = np.random.default_rng(seed)
        params = {}
        for l in range(1, len(layer_dims)):
            n_in, n_out = layer_dims[l - 1], layer_dims[l]
            if fresh_generator_per_layer:
                rng = np.random.default_rng(seed)
            params[f"W{l}"] = (rng.standard_normal((n_out, n_in)) * scale_for(n_in, n_out)).astype(dtype)
            params[f"b{l}"] = np.zeros((n_out, 1), dtype=dtype)
        return params

    return wrong


def _wrong_cost(sign=1.0, mean=True, clip=True):
    def wrong(AL, Y):
        A = clip_probabilities(AL) if clip else AL
        total = -sign * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        return float(total / Y.shape[1] if mean else total)

    return wrong


def _wrong_update(direction=1.0):
    def wrong(params, grads, learning_rate):
        return {key: value + direction * learning_rate * grads["d" + key] for key, value in params.items()}

    return wrong


# function name -> list of (advice, wrong implementation with the reference's signature)
MISTAKES = {
    "initialize_parameters": [
        ("the weights are unscaled randn: multiply by np.sqrt(2 / layer_dims[l - 1]) (He initialisation), "
         "or the activations grow with every layer.", _wrong_initialization(lambda n_in, n_out: 1.0)),
        ("the weights use randn * 0.01: He initialisation multiplies by np.sqrt(2 / layer_dims[l - 1]).",
         _wrong_initialization(lambda n_in, n_out: 0.01)),
        ("the weights use Xavier's np.sqrt(1 / n): He initialisation for ReLU uses np.sqrt(2 / layer_dims[l - 1]).",
         _wrong_initialization(lambda n_in, n_out: np.sqrt(1.0 / n_in))),
        ("the scale uses the layer's own size n_l: He divides by the number of inputs, layer_dims[l - 1].",
         _wrong_initialization(lambda n_in, n_out: np.sqrt(2.0 / n_out))),
        ("the scale is the variance 2 / n, not the standard deviation np.sqrt(2 / n) that multiplies randn.",
         _wrong_initialization(lambda n_in, n_out: 2.0 / n_in)),
        ("the scale is np.sqrt(2) / n: take the square root of the whole fraction, np.sqrt(2 / n).",
         _wrong_initialization(lambda n_in, n_out: np.sqrt(2.0) / n_in)),
        ("every layer starts its own generator: create rng = np.random.default_rng(seed) once, before the loop.",
         _wrong_initialization(lambda n_in, n_out: np.sqrt(2.0 / n_in), fresh_generator_per_layer=True)),
        ("the method argument is ignored: look its scale up for each method (randn 1, small 0.01, "
         "xavier np.sqrt(1 / n), he np.sqrt(2 / n), zeros 0).",
         lambda layer_dims, method="he", seed=0, dtype=np.float64: initialize_parameters(layer_dims, "he", seed, dtype)),
    ],
    "linear_activation_forward": [
        ("the cache holds A where it should hold Z: the backward step needs the pre-activation Z = W A_prev + b.",
         lambda A_prev, W, b, activation: _cache_with_A(A_prev, W, b, activation)),
    ],
    "sigmoid": [
        ("the exponent has the wrong sign: sigmoid(Z) = 1 / (1 + exp(-Z)).", lambda Z: 1 - sigmoid(Z)),
    ],
    "relu": [
        ("np.max reduces along an axis: the elementwise maximum is np.maximum(Z, 0).", lambda Z: np.max(Z, 0)),
        ("np.max reduces along an axis: the elementwise maximum is np.maximum(Z, 0).", lambda Z: np.max(Z)),
    ],
    "linear_forward": [
        ("b is missing: Z = W @ A_prev + b.", lambda A_prev, W, b: W @ A_prev),
        ("b is subtracted: Z = W @ A_prev + b.", lambda A_prev, W, b: W @ A_prev - b),
    ],
    "forward_propagation": [
        ("the last layer does not use output_activation: layers 1 .. L-1 use hidden_activation, layer L "
         "output_activation (the sigmoid).", lambda X, params: _wrong_forward(X, params, last="relu")),
        ("the loop stops one layer early: go through layers 1 .. L, range(1, L + 1).",
         lambda X, params: _wrong_forward(X, params, stop_early=True)),
    ],
    "backward_propagation": [
        ("the output layer uses the product dAL * s * (1 - s), which rounds to 0 where the sigmoid saturates: "
         "with a sigmoid output start from dZ[L] = AL - Y.", lambda AL, Y, caches: _wrong_backward(AL, Y, caches)),
        ("dAL is computed from the unclipped AL, which divides by 0 where AL is exactly 0 or 1: "
         "clip AL first, as the cost does.", lambda AL, Y, caches: _wrong_backward(AL, Y, caches, clip=False)),
    ],
    "linear_activation_backward": None,  # filled in below from the activation slips
    "dnn": [
        ("costs stays empty: append the cost when iteration % record_every == 0.",
         lambda *arguments: (dnn(*arguments)[0], [])),
        ("the cost is recorded at every iteration: append it only when iteration % record_every == 0.",
         lambda X, Y, dims, rate, iterations, *rest: dnn(X, Y, dims, rate, iterations, *rest, record_every=1)),
        ("hidden_activation is ignored: pass it to forward_propagation.",
         lambda X, Y, dims, rate, iterations, *rest: dnn(X, Y, dims, rate, iterations)),
    ],
    "relu_backward": [(advice, slip) for advice, slip in RELU_SLIPS],
    "sigmoid_backward": [(advice, slip) for advice, slip in SIGMOID_SLIPS],
    "linear_backward": LINEAR_BACKWARD_SLIPS,
    "compute_cost": [
        ("the cost has the wrong sign: J = -(1/m) * sum(Y log(AL) + (1 - Y) log(1 - AL)) is never negative.",
         _wrong_cost(sign=-1.0)),
        ("the cost is a sum, not a mean: divide by the number of examples m = Y.shape[1].",
         _wrong_cost(mean=False)),
        ("the cost has the wrong sign and is a sum, not a mean: J = -(1/m) * sum(...).",
         _wrong_cost(sign=-1.0, mean=False)),
        ("the cost uses np.log10: the cross-entropy uses the natural logarithm, np.log.",
         lambda AL, Y: _wrong_cost()(AL, Y) / np.log(10)),
        ("log(0) = -inf where AL is exactly 0 or 1: clip AL to [eps, 1 - eps] first, "
         "with eps = np.finfo(AL.dtype).eps.", _wrong_cost(clip=False)),
    ],
    "update_parameters": [
        ("the update adds the gradient: gradient descent steps against it, W = W - learning_rate * dW.",
         _wrong_update(direction=1.0)),
    ],
}


MISTAKES["linear_activation_backward"] = (
    [(advice, _with_activation_slip({"relu": slip})) for advice, slip in RELU_SLIPS]
    + [(advice, _with_activation_slip({"sigmoid": slip})) for advice, slip in SIGMOID_SLIPS]
    + [("the activation is fixed to ReLU: use the activation argument, get_activation(activation).backward.",
        lambda dA, cache, activation: linear_backward(get_activation("relu").backward(dA, cache.Z), cache.W,
                                                      cache.A_prev))]
)

# what to say when a case must stop with an error and the learner's function does not
MISSING_ERROR_ADVICE = {
    "dnn": "Call check_divergence(iteration, cost, first_cost, learning_rate) after computing the cost, "
           "so that a diverging run stops with advice instead of carrying on with NaN.",
}

# (function name or None for any, exception type, words in its message, advice)
ERROR_ADVICE = [
    ("linear_forward", ValueError, "could not be broadcast",
     "* multiplies entry by entry; the matrix product W A is W @ A_prev (or np.dot(W, A_prev))."),
    ("linear_forward", ValueError, "matmul",
     "W @ A_prev needs W's columns to match A_prev's rows: the order is W @ A_prev, not A_prev @ W."),
    ("update_parameters", KeyError, "",
     "gradient keys carry a d in front of the parameter's name: grads['d' + key], such as grads['dW1']."),
    ("compute_cost", TypeError, "",
     "the sum is still an array of shape (1, 1), as np.dot gives: use np.sum(...) for a single number, "
     "or .item()."),
    (None, ValueError, "values to unpack",
     "a cache is one LayerCache: read its fields by name, cache.A_prev, cache.W, cache.b, cache.Z."),
    ("softmax", FloatingPointError, "overflow",
     "np.exp of a large score overflowed: subtract each column's maximum first, "
     "np.exp(Z - Z.max(axis=0, keepdims=True)); it changes nothing else."),
    (None, FloatingPointError, "overflow",
     "np.exp of a large number overflowed. For the sigmoid, exponentiate only -|Z|: "
     "e = np.exp(-np.abs(Z)), then 1 / (1 + e) where Z >= 0 and e / (1 + e) where Z < 0."),
    ("relative_difference", KeyError, "",
     "loop over the keys of numerical: grads also holds dA entries that have no numerical estimate."),
    ("relative_difference", ValueError, "operands could not be broadcast",
     "loop over the keys of numerical: grads also holds dA entries that have no numerical estimate."),
    ("relative_difference", ZeroDivisionError, "",
     "when both gradients are zero the difference is 0: return 0.0 before dividing by 0."),
    (None, AttributeError, "'tuple' object has no attribute",
     "a function returned a tuple where one array was expected: A, cache = linear_activation_forward(...)."),
]


def advice_for_error(name, error):
    """Advice for an exception the learner's function ``name`` raised, or None."""
    for function, kind, words, advice in ERROR_ADVICE:
        if function in (None, name) and isinstance(error, kind) and words in str(error):
            return advice
    return None


def _cache_with_A(A_prev, W, b, activation):
    A, cache = linear_activation_forward(A_prev, W, b, activation)
    return A, LayerCache(A_prev, W, b, A, activation)


def _wrong_forward(X, params, last="sigmoid", stop_early=False):
    """forward_propagation that forgets the output activation or the last layer."""
    L = len(params) // 2
    A, caches = X, []
    for l in range(1, L if stop_early else L + 1):
        activation = last if l == L else "relu"
        A, cache = linear_activation_forward(A, params[f"W{l}"], params[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


def _wrong_backward(AL, Y, caches, clip=True):
    """backward_propagation that starts the output layer from the product form."""
    L = len(caches)
    A = clip_probabilities(AL) if clip else AL
    dA = -(Y / A - (1 - Y) / (1 - A))
    grads = {f"dA{L}": dA}
    for l in range(L, 0, -1):
        cache = caches[l - 1]
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, cache, cache.activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def _wrong_l2_penalty(half=True, biases=False):
    def wrong(params, lambd, m):
        keys = [key for key in params if biases or key.startswith("W")]
        return float(lambd / ((2 if half else 1) * m) * sum(np.sum(params[key] ** 2) for key in keys))

    return wrong


def _wrong_dropout(A, keep_prob, rng, scale=True, flipped=False):
    draws = rng.random(A.shape)
    mask = draws > keep_prob if flipped else draws < keep_prob
    return A * mask / (keep_prob if scale else 1), mask


def _l2_gradients_with_biases(grads, params, lambd, m):
    new_grads = dict(grads)
    for key, value in params.items():
        new_grads["d" + key] = grads["d" + key] + (lambd / m) * value
    return new_grads


def _wrong_momentum(scale_gradient=True, step_with_old_v=False):
    def wrong(params, grads, v, learning_rate, beta=0.9):
        new_v = {key: beta * v[key] + ((1 - beta) if scale_gradient else 1) * grads[key] for key in v}
        used = v if step_with_old_v else new_v
        return {key: value - learning_rate * used["d" + key] for key, value in params.items()}, new_v

    return wrong


def _wrong_rmsprop(epsilon_inside=False, no_square=False):
    def wrong(params, grads, s, learning_rate, beta=0.9, epsilon=1e-8):
        new_s = {key: beta * s[key] + (1 - beta) * (grads[key] if no_square else grads[key] ** 2) for key in s}
        root = {key: np.sqrt(new_s[key] + epsilon) if epsilon_inside else np.sqrt(new_s[key]) + epsilon for key in s}
        return {key: value - learning_rate * grads["d" + key] / root["d" + key] for key, value in params.items()}, new_s

    return wrong


def _wrong_adam(correct=True, t_shift=0, epsilon_inside=False):
    def wrong(params, grads, v, s, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        new_v = {key: beta1 * v[key] + (1 - beta1) * grads[key] for key in v}
        new_s = {key: beta2 * s[key] + (1 - beta2) * grads[key] ** 2 for key in s}
        step_t = t + t_shift
        v_hat = {key: new_v[key] / (1 - beta1 ** step_t) if correct else new_v[key] for key in v}
        s_hat = {key: new_s[key] / (1 - beta2 ** step_t) if correct else new_s[key] for key in s}
        root = {key: np.sqrt(s_hat[key] + epsilon) if epsilon_inside else np.sqrt(s_hat[key]) + epsilon for key in s}
        new_params = {key: value - learning_rate * v_hat["d" + key] / root["d" + key] for key, value in params.items()}
        return new_params, new_v, new_s

    return wrong


def _wrong_multiclass_cost(divide_by="m", sign=1.0, eps=None):
    def wrong(AL, Y):
        A = np.clip(AL, eps, 1 - eps) if eps else clip_probabilities(AL)
        total = -sign * np.sum(Y * np.log(A))
        return float(total / {"m": Y.shape[1], "C": Y.shape[0], "Cm": Y.size}[divide_by])

    return wrong


MISTAKES.update({
    "l2_penalty": [
        ("the 1/2 is missing: the penalty is lambd / (2 m) * sum of ||W[l]||^2 (the 1/2 makes its gradient "
         "(lambd / m) W).", _wrong_l2_penalty(half=False)),
        ("the biases are penalised too: L2 sums the squares of the weights W[l] only.", _wrong_l2_penalty(biases=True)),
    ],
    "add_l2_gradients": [
        ("db changed: the biases are not penalised, so only dW[l] gains (lambd / m) W[l].", _l2_gradients_with_biases),
    ],
    "dropout_forward": [
        ("the kept units are not divided by keep_prob: inverted dropout scales A * mask by 1 / keep_prob.",
         lambda A, keep_prob, rng: _wrong_dropout(A, keep_prob, rng, scale=False)),
        ("the mask keeps units where rng.random(...) > keep_prob: keep them where it is < keep_prob.",
         lambda A, keep_prob, rng: _wrong_dropout(A, keep_prob, rng, flipped=True)),
    ],
    "dropout_backward": [
        ("the gradient is not divided by keep_prob: the backward step scales like the forward step.",
         lambda dA, mask, keep_prob: dA * mask),
    ],
    "update_parameters_with_momentum": [
        ("v adds the whole gradient: v = beta * v + (1 - beta) * g, an average, not a sum.",
         _wrong_momentum(scale_gradient=False)),
        ("the step uses the old v: update v first, then step with the new v.", _wrong_momentum(step_with_old_v=True)),
    ],
    "update_parameters_with_rmsprop": [
        ("epsilon goes outside the square root: g / (np.sqrt(s) + epsilon).", _wrong_rmsprop(epsilon_inside=True)),
        ("s averages g instead of g ** 2: RMSProp tracks the mean squared gradient.", _wrong_rmsprop(no_square=True)),
    ],
    "update_parameters_with_adam": [
        ("the bias correction is missing: divide v by 1 - beta1 ** t and s by 1 - beta2 ** t before the step.",
         _wrong_adam(correct=False)),
        ("t is off by one: the first step has t = 1, so the corrections are 1 - beta1 ** t with the t you are given.",
         _wrong_adam(t_shift=-1)),
        ("t is off by one: the corrections use the t you are given, 1 - beta1 ** t, not t + 1.", _wrong_adam(t_shift=1)),
        ("epsilon goes outside the square root: v_hat / (np.sqrt(s_hat) + epsilon).", _wrong_adam(epsilon_inside=True)),
    ],
    "softmax": [
        ("the sums run along the wrong axis: each column (one example) must sum to 1, so sum over axis=0 "
         "with keepdims=True.",
         lambda Z: np.exp(Z - Z.max(axis=1, keepdims=True)) / np.exp(Z - Z.max(axis=1, keepdims=True)).sum(
             axis=1, keepdims=True)),
    ],
    "compute_multiclass_cost": [
        ("the mean runs over the classes too: sum over classes and examples, then divide by m = Y.shape[1] only.",
         _wrong_multiclass_cost(divide_by="Cm")),
        ("m is taken from the wrong axis: m = Y.shape[1] (examples are columns), not Y.shape[0].",
         _wrong_multiclass_cost(divide_by="C")),
        ("the cost has the wrong sign: J = -(1/m) sum Y log(AL) is never negative.", _wrong_multiclass_cost(sign=-1.0)),
        ("AL is clipped at a fixed 1e-8: clip to [eps, 1 - eps] with eps = np.finfo(AL.dtype).eps.",
         _wrong_multiclass_cost(eps=1e-8)),
    ],
    "relative_difference": [
        ("the difference is divided by ||g + g_num||: the formula is ||g - g_num|| / (||g|| + ||g_num||).",
         lambda grads, numerical: _relative_with(grads, numerical, lambda a, b: np.linalg.norm(a + b))),
        ("0 / 0 where both gradients are zero: return 0.0 when ||g|| + ||g_num|| is 0.",
         lambda grads, numerical: _relative_with(grads, numerical, lambda a, b: np.float64(0.0), guard=False)),
    ],
})


def _relative_with(grads, numerical, denominator_of, guard=True):
    a = np.concatenate([np.ravel(grads[key]) for key in numerical])
    b = np.concatenate([np.ravel(numerical[key]) for key in numerical])
    denominator = denominator_of(a, b)
    return float(np.linalg.norm(a - b) / denominator) if denominator or not guard else 0.0


def _is_nan(value):
    """True for a NaN number (a cost gone wrong), False for anything else."""
    return isinstance(value, (float, np.floating)) and bool(np.isnan(value))


def recognise(name, arguments, got, matches):
    """The advice for the first known mistake of function ``name`` that reproduces ``got``, or None.

    Arguments:
        name -- the function's name, a key of MISTAKES
        arguments -- the inputs the learner's function was called with (not modified)
        got -- what the learner's function returned
        matches -- function (got, expected) -> True when the two results agree
    """
    for advice, wrong in MISTAKES.get(name, []):
        try:
            with np.errstate(all="ignore"):
                expected = wrong(*arguments)
        except Exception:  # a slip that cannot run on these inputs cannot be the learner's
            continue
        if (_is_nan(got) and _is_nan(expected)) or matches(got, expected):
            return advice
    return None
