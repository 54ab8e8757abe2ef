"""Lesson 6's exercises: update_parameters and the training loop dnn, with a diverging learning rate."""

import numpy as np

from .. import backward, cost, forward, loops, parameters, training, update
from .inputs import make_rng, small_network
from .record import ErrorAdvice, Exercise, Mistake

LESSON = 6
NOTEBOOK = "06_training.ipynb"


def _update_parameters_cases(seed):
    _, Y, params, AL, caches = small_network(seed)
    grads = backward.backward_propagation(AL, Y, caches)
    return [((params, grads, 0.1), "learning_rate = 0.1")]


def _dnn_cases(seed):
    rng = make_rng(seed)
    X = rng.normal(size=(2, 20))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    return [((X, Y, [2, 4, 1], 0.5, 200), "layer_dims [2, 4, 1], 200 iterations"),
            ((X, Y, [2, 4, 1], 0.5, 100, "tanh"), "hidden_activation='tanh'"),
            *[((X, Y, [2, 4, 1], 0.5, 30, name), f"hidden_activation={name!r}") for name in ("sigmoid", "leaky_relu")],
            ((X, Y, [2, 4, 1], 0.5, 30, "relu", "he", 0, 10, True), "print_cost=True, record_every=10"),
            ((X, Y, [2, 4, 1], 0.5, 20, "relu", "he", 0, 5, False, np.float64, 8), "batch_size=8 (mini-batches)"),
            ((X, Y, [2, 8, 8, 1], 1000.0, 50), "learning_rate=1000, which diverges")]


def _update_uphill(params, grads, learning_rate):
    return {key: value + learning_rate * grads["d" + key] for key, value in params.items()}


def _update_without_rate(params, grads, learning_rate):
    return {key: value - grads["d" + key] for key, value in params.items()}


def _update_some(skip):
    """update_parameters that leaves the parameters for which ``skip(key, L)`` is true as they were."""

    def wrong(params, grads, learning_rate):
        L = len(params) // 2
        return {key: value if skip(key, L) else value - learning_rate * grads["d" + key]
                for key, value in params.items()}

    return wrong


def _dnn_never_updating(X, Y, layers_dims, learning_rate=0.001, num_iterations=1000, hidden_activation="relu",
                        initialization="he", seed=0, record_every=100, print_cost=False, dtype=np.float64,
                        batch_size=None):
    """dnn whose loop computes the costs but never changes the parameters: they stay the initial ones."""
    X, Y = X.astype(dtype), Y.astype(dtype)
    m = X.shape[1]
    batch_size = m if batch_size is None else min(batch_size, m)
    rng = np.random.default_rng(seed)
    params = parameters.initialize_parameters(layers_dims, initialization, rng, dtype)
    batches = loops.minibatch_indices(m, batch_size, rng)
    costs = []
    for iteration in range(num_iterations):
        columns = next(batches) if batch_size < m else slice(None)
        AL, _ = forward.forward_propagation(X[:, columns], params, hidden_activation)
        if iteration % record_every == 0:
            costs.append(cost.compute_cost(AL, Y[:, columns]))
            if print_cost:
                print(f"Cost after iteration {iteration}: {costs[-1]:.6f}")
    return params, costs


def _dnn_recording_nothing(*arguments):
    return training.dnn(*arguments)[0], []


def _dnn_recording_every_iteration(X, Y, dims, rate, iterations, *rest):
    return training.dnn(X, Y, dims, rate, iterations, *rest, record_every=1)


def _dnn_ignoring_hidden_activation(X, Y, dims, rate, iterations, *rest):
    return training.dnn(X, Y, dims, rate, iterations)


EXERCISES = (
    Exercise(
        "update_parameters", update.update_parameters, _update_parameters_cases, "params",
        mistakes=(
            Mistake("the update adds the gradient: gradient descent steps against it, "
                    "W = W - learning_rate * dW.", _update_uphill),
            Mistake("the step is missing the learning rate: W = W - learning_rate * dW.", _update_without_rate),
            Mistake("the last layer is never updated: go through every layer, l = 1 .. L, range(1, L + 1).",
                    _update_some(lambda key, L: key[1:] == str(L))),
            Mistake("the biases are never updated: b = b - learning_rate * db, as for W.",
                    _update_some(lambda key, L: key.startswith("b"))),
            Mistake("the weights are never updated: W = W - learning_rate * dW, as for b.",
                    _update_some(lambda key, L: key.startswith("W"))),
        ),
        error_advice=(
            ErrorAdvice(KeyError, "",
                        "gradient keys carry a d in front of the parameter's name: grads['d' + key], "
                        "such as grads['dW1']."),
        ),
    ),
    Exercise(
        "dnn", training.dnn, _dnn_cases, ("params", "costs"),
        mistakes=(
            Mistake("costs stays empty: append the cost when iteration % record_every == 0.", _dnn_recording_nothing),
            Mistake("the cost is recorded at every iteration: append it only when iteration % record_every == 0.",
                    _dnn_recording_every_iteration),
            Mistake("the parameters never change: keep the new ones at every iteration, "
                    "params = update_parameters(params, grads, learning_rate).", _dnn_never_updating),
            Mistake("hidden_activation is ignored: pass it to forward_propagation.", _dnn_ignoring_hidden_activation),
        ),
        missing_error_advice="Call check_divergence(iteration, cost, first_cost, learning_rate) after computing "
                             "the cost, so that a diverging run stops with advice instead of carrying on with NaN.",
    ),
)
