"""Lesson 6's exercises: update_parameters and the training loop dnn, with a diverging learning rate."""

from .. import backward, training, update
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
            ((X, Y, [2, 8, 8, 1], 1000.0, 50), "learning_rate=1000, which diverges")]


def _update_uphill(params, grads, learning_rate):
    return {key: value + learning_rate * grads["d" + key] for key, value in params.items()}


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
            Mistake("hidden_activation is ignored: pass it to forward_propagation.", _dnn_ignoring_hidden_activation),
        ),
        missing_error_advice="Call check_divergence(iteration, cost, first_cost, learning_rate) after computing "
                             "the cost, so that a diverging run stops with advice instead of carrying on with NaN.",
    ),
)
