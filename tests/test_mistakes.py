"""Each classic mistake, written the way a learner would write it, is named by the check cell."""

import re

import numpy as np
import pytest

from dnn_helpers import checks, get_activation, linear_backward as reference_linear_backward, sigmoid


def message_for(function, capsys):
    assert checks.run_checks(function) is False
    return capsys.readouterr().out


def test_examples_from_the_wrong_axis(capsys):
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[0]
        return W.T @ dZ, (1 / m) * np.dot(dZ, A_prev.T), (1 / m) * np.sum(dZ, axis=1, keepdims=True)

    assert "the number of examples is taken from the wrong axis: m = A_prev.shape[1]" in message_for(linear_backward, capsys)


@pytest.mark.parametrize("axis, keepdims", [(1, False), (0, True), (0, False), (None, False)])
def test_db_over_the_wrong_axis_or_without_keepdims(axis, keepdims, capsys):
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[1]
        return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=axis, keepdims=keepdims) / m

    out = message_for(linear_backward, capsys)
    assert "Probable cause: db" in out and "np.sum(dZ, axis=1, keepdims=True)" in out


@pytest.mark.parametrize("variant", ["mask with dA", "times A", "no mask"])
def test_relu_backward_without_Z(variant, capsys):
    def relu_backward(dA, Z):
        if variant == "mask with dA":
            dZ = np.array(dA, copy=True)
            dZ[dA <= 0] = 0
            return dZ
        if variant == "times A":
            return dA * np.maximum(0, Z)
        return dA

    assert "Probable cause: the ReLU backward step" in message_for(relu_backward, capsys)


def test_relu_slip_inside_linear_activation_backward(capsys):
    def linear_activation_backward(dA, cache, activation):
        dZ = dA.copy() if activation == "relu" else get_activation(activation).backward(dA, cache.Z)
        return reference_linear_backward(dZ, cache.W, cache.A_prev)

    assert "passes dA through unchanged: set dZ to 0 where Z <= 0" in message_for(linear_activation_backward, capsys)


def test_sigmoid_backward_missing_a_factor(capsys):
    def sigmoid_backward(dA, Z):
        s = sigmoid(Z)
        return dA * s

    assert "missing the factor (1 - s)" in message_for(sigmoid_backward, capsys)


def test_dW_without_one_over_m(capsys):
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[1]
        return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True) / m

    out = message_for(linear_backward, capsys)
    assert "dW is too large by a factor of m: divide dZ @ A_prev.T by the number of examples, m = A_prev.shape[1]" in out


@pytest.mark.parametrize("which", ["dW", "dA_prev"])
def test_transposed_products(which, capsys):
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[1]
        dW = A_prev @ dZ.T / m if which == "dW" else dZ @ A_prev.T / m
        dA_prev = dZ.T @ W if which == "dA_prev" else W.T @ dZ
        return dA_prev, dW, np.sum(dZ, axis=1, keepdims=True) / m

    assert f"Probable cause: {which} is transposed" in message_for(linear_backward, capsys)


def test_unscaled_randn(capsys):
    def initialize_parameters(layer_dims, method="he", seed=0, dtype=np.float64):
        rng = np.random.default_rng(seed)
        params = {}
        for l in range(1, len(layer_dims)):
            params["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
            params["b" + str(l)] = np.zeros((layer_dims[l], 1))
        return params

    assert "the weights are unscaled randn: multiply by np.sqrt(2 / layer_dims[l - 1])" in message_for(initialize_parameters, capsys)


@pytest.mark.parametrize("slip, words", [
    ("sign", "the cost has the wrong sign"),
    ("sum", "the cost is a sum, not a mean"),
])
def test_cost_with_flipped_sign_or_without_mean(slip, words, capsys):
    def compute_cost(AL, Y):
        AL = np.clip(AL, np.finfo(float).eps, 1 - np.finfo(float).eps)
        log_likelihood = np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
        if slip == "sign":
            return float(log_likelihood / Y.shape[1])
        return float(-log_likelihood)

    assert words in message_for(compute_cost, capsys)


def test_update_with_plus(capsys):
    def update_parameters(params, grads, learning_rate):
        return {key: params[key] + learning_rate * grads["d" + key] for key in params}

    assert "gradient descent steps against it, W = W - learning_rate * dW" in message_for(update_parameters, capsys)


def test_parameters_mutated_in_place(capsys):
    def update_parameters(params, grads, learning_rate):
        for key in params:
            params[key] -= learning_rate * grads["d" + key]
        return params

    assert "changed its input params['W1'] in place; return new arrays instead" in message_for(update_parameters, capsys)


def test_progress_summary(capsys):
    def sigmoid(Z):
        raise NotImplementedError()

    def relu(Z):
        return np.maximum(Z, 0)

    checks._results.clear()
    checks.run_checks(sigmoid)
    checks.run_checks(relu)
    capsys.readouterr()
    checks.progress(2)
    assert capsys.readouterr().out == (
        "  sigmoid                      not passing yet\n"
        "  relu                         passed\n"
        "  sigmoid_backward             not checked yet\n"
        "  relu_backward                not checked yet\n"
        "Lesson 2: 1 of 4 exercises pass.\n"
    )


def test_naive_sigmoid_overflows_and_is_named(capsys):
    def sigmoid(Z):
        return 1 / (1 + np.exp(-Z))

    out = message_for(sigmoid, capsys)
    assert "raised FloatingPointError: overflow encountered in exp" in out
    assert "exponentiate only -|Z|" in out


def test_relu_derivative_at_zero_follows_the_course(capsys):
    def relu_backward(dA, Z):
        return np.where(Z >= 0, dA, 0)

    assert "the course takes relu'(0) = 0, so keep dA only where Z > 0" in message_for(relu_backward, capsys)


def test_initialisation_that_ignores_method_and_dtype(capsys):
    def initialize_parameters(layer_dims, method="he", seed=0, dtype=np.float64):
        rng = np.random.default_rng(seed)
        params = {}
        for l in range(1, len(layer_dims)):
            params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
            params[f"b{l}"] = np.zeros((layer_dims[l], 1))
        return params

    out = message_for(initialize_parameters, capsys)
    assert "method='small', seed=3: params['W1'] is too large by a factor of 70.71 (also wrong: 'W2'). " \
           "Probable cause: the method argument is ignored" in out
    assert "dtype=np.float32: params['W1'] has dtype float64, expected float32" in out


def test_cache_holding_A_instead_of_Z(capsys):
    from dnn_helpers.forward import LayerCache

    def linear_activation_forward(A_prev, W, b, activation):
        A = get_activation(activation).forward(W @ A_prev + b)
        return A, LayerCache(A_prev, W, b, A, activation)

    assert "cache.Z differs" in (out := message_for(linear_activation_forward, capsys))
    assert "the cache holds A where it should hold Z" in out


def test_returning_a_tuple_where_one_array_is_expected(capsys):
    def linear_forward(A_prev, W, b):
        return W @ A_prev + b, (A_prev, W, b)

    assert "Z should be one array of shape (3, 5); it is a tuple of 2 items" in message_for(linear_forward, capsys)


def test_unfinished_helper_is_named(capsys):
    def unfinished(Z):
        raise NotImplementedError()

    def sigmoid_backward(dA, Z):
        s = unfinished(Z)
        return dA * s * (1 - s)

    assert message_for(sigmoid_backward, capsys) == (
        "sigmoid_backward calls unfinished, which is not done yet: finish unfinished first.\n"
    )


def test_product_form_at_a_saturated_output(capsys):
    from dnn_helpers import linear_activation_backward
    from dnn_helpers.cost import clip_probabilities

    def backward_propagation(AL, Y, caches):
        L = len(caches)
        A = clip_probabilities(AL)
        dA = -(Y / A - (1 - Y) / (1 - A))
        grads = {f"dA{L}": dA}
        for l in reversed(range(1, L + 1)):
            dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], caches[l - 1].activation)
            grads[f"dA{l - 1}"] = dA
        return grads

    out = message_for(backward_propagation, capsys)
    assert out.startswith("backward_propagation: 1 problem found.\n  - a saturated output")
    assert "with a sigmoid output start from dZ[L] = AL - Y" in out


def test_training_loop_without_costs_or_divergence_check(capsys):
    from dnn_helpers import backward_propagation, compute_cost, forward_propagation

    def dnn(X, Y, layers_dims, learning_rate=0.001, num_iterations=1000, hidden_activation="relu",
            initialization="he", seed=0, record_every=100, print_cost=False, dtype=np.float64, batch_size=None):
        from dnn_helpers import initialize_parameters, update_parameters

        params = initialize_parameters(layers_dims, initialization, np.random.default_rng(seed), dtype)
        costs = []
        for iteration in range(num_iterations):
            AL, caches = forward_propagation(X, params, hidden_activation)
            compute_cost(AL, Y)
            params = update_parameters(params, backward_propagation(AL, Y, caches), learning_rate)
        return params, costs

    out = message_for(dnn, capsys)
    assert "costs has 0 entries, expected 2. Probable cause: costs stays empty: append the cost" in out
    assert "it should stop with TrainingDiverged" in out and "Call check_divergence(" in out


@pytest.mark.parametrize("code, advice", [
    ("return W * A_prev + b", "the matrix product W A is W @ A_prev"),
    ("return W @ A_prev", "b is missing"),
])
def test_linear_forward_slips(code, advice, capsys):
    namespace = {"np": np}
    exec(f"def linear_forward(A_prev, W, b):\n    {code}\n", namespace)
    assert advice in message_for(namespace["linear_forward"], capsys)


def test_update_with_the_wrong_gradient_key(capsys):
    def update_parameters(params, grads, learning_rate):
        return {key: value - learning_rate * grads[key] for key, value in params.items()}

    assert "grads['d' + key]" in message_for(update_parameters, capsys)


def _float_of_matrix_raises():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NumPy 1.x only warned
        try:
            float(np.ones((1, 1)))
        except TypeError:
            return True
    return False


@pytest.mark.skipif(not _float_of_matrix_raises(), reason="this NumPy still turns a (1, 1) array into a float")
def test_cost_from_np_dot_is_a_one_by_one_array(capsys):
    def compute_cost(AL, Y):
        A = np.clip(AL, 1e-15, 1 - 1e-15)
        return float(-(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / Y.shape[1])

    assert "the sum is still an array of shape (1, 1), as np.dot gives" in message_for(compute_cost, capsys)


@pytest.mark.parametrize("name, code, advice", [
    ("l2_penalty", "return lambd / m * sum(np.sum(params[k] ** 2) for k in params if k[0] == 'W')", "the 1/2 is missing"),
    ("l2_penalty", "return lambd / (2 * m) * sum(np.sum(v ** 2) for v in params.values())", "the biases are penalised"),
    ("add_l2_gradients", "return {k: g + lambd / m * params[k[1:]] if k[1:] in params else g for k, g in grads.items()}",
     "the biases are not penalised"),
    ("dropout_forward", "mask = rng.random(A.shape) < keep_prob\n    return A * mask, mask", "divided by keep_prob"),
    ("dropout_backward", "return dA * mask", "scales like the forward step"),
    ("update_parameters_with_momentum",
     "v = {k: beta * v[k] + grads[k] for k in v}\n    return {k: p - learning_rate * v['d' + k] for k, p in params.items()}, v",
     "an average, not a sum"),
    ("update_parameters_with_rmsprop",
     "s = {k: beta * s[k] + (1 - beta) * grads[k] ** 2 for k in s}\n"
     "    return {k: p - learning_rate * grads['d' + k] / np.sqrt(s['d' + k] + epsilon) for k, p in params.items()}, s",
     "epsilon goes outside the square root"),
    ("update_parameters_with_adam",
     "v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}\n"
     "    s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in s}\n"
     "    return {k: p - learning_rate * v['d' + k] / (np.sqrt(s['d' + k]) + epsilon) for k, p in params.items()}, v, s",
     "the bias correction is missing"),
    ("softmax", "e = np.exp(Z)\n    return e / e.sum(axis=0, keepdims=True)", "subtract each column's maximum"),
    ("softmax", "e = np.exp(Z - Z.max(axis=1, keepdims=True))\n    return e / e.sum(axis=1, keepdims=True)",
     "each column (one example) must sum to 1"),
    ("compute_multiclass_cost", "return float(-np.mean(Y * np.log(np.clip(AL, np.finfo(float).eps, 1))))",
     "the mean runs over the classes too"),
    ("relative_difference",
     "a = np.concatenate([grads[k].ravel() for k in grads])\n"
     "    b = np.concatenate([numerical[k].ravel() for k in numerical])\n"
     "    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))",
     "loop over the keys of numerical"),
    ("text8_reduce", "return re.sub(' +', ' ', re.sub('[^a-z]', ' ', text)).strip()", "lower-case the text first"),
    ("text8_reduce", "return ' '.join(re.sub('[^a-z ]', '', text.lower()).split())", "replace each by a space"),
    ("bigram_counts",
     "N = np.zeros((vocabulary_size, vocabulary_size), dtype=int)\n"
     "    N[indices[:-1], indices[1:]] += 1\n"
     "    return N", "adds 1 only once to a pair that occurs many times"),
    ("bigram_counts",
     "V = vocabulary_size\n    return np.bincount(indices[1:] * V + indices[:-1], minlength=V * V).reshape(V, V)",
     "the counts are transposed"),
    ("bigram_counts",
     "V = vocabulary_size\n    return np.bincount(indices[:-1] * V + indices[1:]).reshape(V, V)",
     "pass minlength=V * V"),
    ("bigram_probabilities", "N = counts + smoothing\n    return N / N.sum(axis=0)", "the sums run down the columns"),
    ("bigram_probabilities",
     "return (counts + smoothing) / (counts.sum(axis=1, keepdims=True) + smoothing)", "grows by alpha V"),
    ("bits_per_character", "return float(np.mean(-np.log(probabilities)))", "bits need np.log2"),
    ("bits_per_character", "return float(-np.sum(np.log2(probabilities)))", "a sum, not a mean"),
])
def test_mistakes_of_the_later_lessons(name, code, advice, capsys):
    import inspect

    from dnn_helpers.exercises import EXERCISES

    signature = inspect.signature(EXERCISES[name].reference)
    namespace = {"np": np, "re": re}
    exec(f"def {name}{signature}:\n    {code}\n", namespace)
    assert advice in message_for(namespace[name], capsys)


# ---------------------------------------------------------------- lesson 17: the recurrent network, as a learner writes it


def _learner_cell(x_t, h_prev, params):
    from dnn_helpers.rnn import RNNCellCache

    h_t = np.tanh(params["Wxh"] @ x_t + params["Whh"] @ h_prev + params["bh"])
    return h_t, RNNCellCache(x_t, h_prev, h_t, params["Wxh"], params["Whh"])


def test_a_sequence_read_with_time_last(capsys):
    def rnn_forward(X, h0, params):
        h, H, caches = h0, [], []
        for t in range(X.shape[2]):  # as if X were (n_x, m, T)
            h, cache = _learner_cell(X[:, :, t], h, params)
            H.append(h)
            caches.append(cache)
        return np.stack(H), caches

    out = message_for(rnn_forward, capsys)
    assert "raised ValueError: a matrix product whose shapes do not fit" in out
    assert "Probable cause: X is read with the time axis in the wrong place" in out and "step t is X[t]" in out


def test_a_state_that_is_not_carried(capsys):
    def rnn_forward(X, h0, params):
        results = [_learner_cell(x_t, h0, params) for x_t in X]
        return np.stack([h for h, _ in results]), [cache for _, cache in results]

    assert "Probable cause: the hidden state is not carried: every step starts again from h0" in message_for(
        rnn_forward, capsys)


def test_a_cache_of_the_wrong_length_is_named_with_its_fields(capsys):
    def rnn_cell_forward(x_t, h_prev, params):
        h_t = np.tanh(params["Wxh"] @ x_t + params["Whh"] @ h_prev + params["bh"])
        return h_t, (x_t, h_prev, h_t)

    assert "cache should be RNNCellCache(x_t, h_prev, h_t, Wxh, Whh), got a tuple of 3 items." in message_for(
        rnn_cell_forward, capsys)


def test_lesson_2s_tanh_backward_given_h(capsys):
    from dnn_helpers import tanh_backward

    def rnn_cell_backward(dh_t, cache):
        da = tanh_backward(dh_t, cache.h_t)  # wants the pre-activation: computes 1 - tanh(h_t)^2
        return {"dx_t": cache.Wxh.T @ da, "dh_prev": cache.Whh.T @ da, "dWxh": da @ cache.x_t.T,
                "dWhh": da @ cache.h_prev.T, "dbh": da.sum(axis=1, keepdims=True)}

    assert "1 - tanh(h_t)^2 applies tanh twice" in message_for(rnn_cell_backward, capsys)


def test_bptt_that_adds_dh_next_into_dH_in_place(capsys):
    from dnn_helpers.rnn import rnn_cell_backward

    def rnn_backward(dH, caches):
        grads = {"dWxh": 0, "dWhh": 0, "dbh": 0}
        dh_next, dX = np.zeros_like(dH[0]), [None] * len(caches)
        for t in reversed(range(len(caches))):
            dh = dH[t]
            dh += dh_next  # dh is a view of dH: this changes the caller's array
            step = rnn_cell_backward(dh, caches[t])
            grads = {key: grads[key] + step[key] for key in grads}
            dX[t], dh_next = step["dx_t"], step["dh_prev"]
        return {"dX": np.stack(dX), "dh0": dh_next, **grads}

    assert "the function changed its input dH in place; return new arrays instead." in message_for(rnn_backward, capsys)


def test_clipping_each_entry(capsys):
    def clip_gradients(grads, max_norm):
        norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
        return {key: np.clip(g, -max_norm, max_norm) for key, g in grads.items()}, norm

    assert "np.clip clips each entry and changes the gradient's direction" in message_for(clip_gradients, capsys)


def test_a_softmax_over_time(capsys):
    def sequence_probabilities(logits):
        e = np.exp(logits - logits.max(axis=0))
        return e / e.sum(axis=0)

    assert "Probable cause: the softmax runs over the wrong axis: logits has shape (T, V, m)" in message_for(
        sequence_probabilities, capsys)


# Mistakes learners make, written as they would write them: each is named, in plain words.


def test_a_wrong_tanh_branch_inside_linear_activation_backward_fails(capsys):
    def linear_activation_backward(dA, cache, activation):
        if activation == "tanh":
            dZ = dA * (1 - np.tanh(cache.Z))  # the square is missing
        else:
            dZ = get_activation(activation).backward(dA, cache.Z)
        return reference_linear_backward(dZ, cache.W, cache.A_prev)

    out = message_for(linear_activation_backward, capsys)
    assert "activation='tanh'" in out and "the tanh backward step is missing the square" in out


def test_a_layer_never_updated_is_said_to_equal_its_input(capsys):
    def update_parameters(params, grads, learning_rate):
        L = len(params) // 2
        new = dict(params)
        for l in range(1, L):  # stops before the last layer
            new[f"W{l}"] = params[f"W{l}"] - learning_rate * grads[f"dW{l}"]
            new[f"b{l}"] = params[f"b{l}"] - learning_rate * grads[f"db{l}"]
        return new

    out = message_for(update_parameters, capsys)
    assert "params['W3'] and params['b3'] equal their inputs: they were never updated" in out
    assert "relative" not in out and "the last layer is never updated" in out


def test_a_training_loop_that_never_updates_is_not_told_to_check_divergence(capsys):
    from dnn_helpers import backward_propagation, compute_cost, forward_propagation, initialize_parameters
    from dnn_helpers.training import check_divergence

    def dnn(X, Y, layers_dims, learning_rate=0.001, num_iterations=1000, hidden_activation="relu",
            initialization="he", seed=0, record_every=100, print_cost=False, dtype=np.float64, batch_size=None):
        params = initialize_parameters(layers_dims, method=initialization, seed=np.random.default_rng(seed))
        costs = []
        for iteration in range(num_iterations):
            AL, caches = forward_propagation(X, params, hidden_activation)
            cost = compute_cost(AL, Y)
            if iteration == 0:
                first_cost = cost
            check_divergence(iteration, cost, first_cost, learning_rate)
            backward_propagation(AL, Y, caches)  # the gradients are computed, the step never taken
            if iteration % record_every == 0:
                costs.append(cost)
                if print_cost:
                    print(f"Cost after iteration {iteration}: {cost:.6f}")
        return params, costs

    out = message_for(dnn, capsys)
    assert "learning_rate=1000, which diverges: it should stop with TrainingDiverged" in out
    assert "Probable cause: the parameters never change" in out
    assert "Call check_divergence(" not in out


@pytest.mark.parametrize("code, advice", [
    ("return W.T @ A_prev + b", "W is transposed"),
    ("return np.dot(W.T, A_prev) + b", "W is transposed"),
    ("return A_prev @ W + b", "the product is the wrong way round"),
    ("return np.dot(A_prev, W) + b", "the product is the wrong way round"),
    ("return W @ A_prev.T + b", "A_prev is transposed"),
])
def test_a_transposed_or_swapped_operand_is_named_in_plain_words(code, advice, capsys):
    namespace = {"np": np}
    exec(f"def linear_forward(A_prev, W, b):\n    {code}\n", namespace)
    out = message_for(namespace["linear_forward"], capsys)
    assert advice in out and "gufunc" not in out and "not aligned" not in out
    assert "a matrix product whose shapes do not fit" in out


@pytest.mark.parametrize("code, advice", [
    ("return W.T @ dZ, dZ @ A_prev / m, np.sum(dZ, axis=1, keepdims=True) / m", "A_prev needs its transpose in dW"),
    ("return W @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m", "W needs its transpose in dA_prev"),
    ("return np.dot(W, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m",
     "W needs its transpose in dA_prev"),
])
def test_a_missing_transpose_in_linear_backward_is_named(code, advice, capsys):
    namespace = {"np": np}
    exec(f"def linear_backward(dZ, W, A_prev):\n    m = A_prev.shape[1]\n    {code}\n", namespace)
    out = message_for(namespace["linear_backward"], capsys)
    assert f"Probable cause: {advice}" in out and "gufunc" not in out


def test_a_cost_missing_a_term_is_named(capsys):
    def compute_cost(AL, Y):
        A = np.clip(AL, np.finfo(float).eps, 1 - np.finfo(float).eps)
        return float(-np.sum(Y * np.log(A)) / Y.shape[1])

    assert "the cost is missing the term (1 - Y) log(1 - AL)" in message_for(compute_cost, capsys)


def test_sigmoid_in_every_layer_is_read_from_the_caches(capsys):
    from dnn_helpers import linear_activation_forward

    def forward_propagation(X, params, hidden_activation="relu", output_activation="sigmoid"):
        A, caches = X, []
        for l in range(1, len(params) // 2 + 1):
            A, cache = linear_activation_forward(A, params[f"W{l}"], params[f"b{l}"], "sigmoid")
            caches.append(cache)
        return A, caches

    out = message_for(forward_propagation, capsys)
    assert "caches[0].activation is 'sigmoid', expected 'relu'" in out
    assert "every layer uses the sigmoid" in out


@pytest.mark.parametrize("name, code, advice", [
    ("update_parameters", "return {k: p - grads['d' + k] for k, p in params.items()}", "missing the learning rate"),
    ("update_parameters_with_momentum",
     "v = {k: beta * v[k] + (1 - beta) * grads[k] for k in v}\n"
     "    return {k: p - v['d' + k] for k, p in params.items()}, v", "missing the learning rate"),
    ("l2_penalty", "return lambd / 2 * sum(np.sum(params[k] ** 2) for k in params if k[0] == 'W')",
     "the 1/m is missing"),
    ("add_l2_gradients", "return {k: g + lambd * params[k[1:]] if k[:2] == 'dW' else g for k, g in grads.items()}",
     "the 1/m is missing"),
])
def test_a_missing_factor_of_m_or_of_the_learning_rate_is_named(name, code, advice, capsys):
    import inspect

    from dnn_helpers.exercises import EXERCISES

    namespace = {"np": np}
    exec(f"def {name}{inspect.signature(EXERCISES[name].reference)}:\n    {code}\n", namespace)
    assert advice in message_for(namespace[name], capsys)


def test_a_step_of_the_wrong_size_or_direction_is_measured_from_the_input(capsys):
    def update_parameters(params, grads, learning_rate):
        return {key: value - grads["d" + key] for key, value in params.items()}

    assert "every entry of params moved from its input by 10 times the expected step" in message_for(
        update_parameters, capsys)

    def update_parameters(params, grads, learning_rate):  # noqa: F811
        return {key: value + learning_rate * grads["d" + key] for key, value in params.items()}

    assert "by the right amount in the wrong direction" in message_for(update_parameters, capsys)
