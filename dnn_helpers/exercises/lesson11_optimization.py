"""Lesson 11's exercises: the momentum, RMSProp and Adam updates."""

import numpy as np

from .. import backward, optimizers
from .inputs import make_rng, small_network
from .record import Exercise, Mistake

LESSON = 11
NOTEBOOK = "11_optimization.ipynb"


def _optimizer_inputs(seed):
    """params, grads (dW and db only), a non-zero state v and its squares s, all with the parameters' shapes."""
    _, Y, params, AL, caches = small_network(seed)
    grads = backward.backward_propagation(AL, Y, caches)
    grads = {key: value for key, value in grads.items() if not key.startswith("dA")}
    rng = make_rng(seed + 3)
    state = {key: rng.normal(scale=0.1, size=value.shape) for key, value in grads.items()}
    squares = {key: value ** 2 for key, value in state.items()}
    return params, grads, state, squares


def _zeros_like(state):
    return {key: np.zeros_like(value) for key, value in state.items()}


def _momentum_cases(seed):
    params, grads, v, _ = _optimizer_inputs(seed)
    return [((params, grads, _zeros_like(v), 0.1, 0.9), "first step: v = 0, learning_rate = 0.1, beta = 0.9"),
            ((params, grads, v, 0.1, 0.9), "learning_rate = 0.1, beta = 0.9, non-zero v")]


def _rmsprop_cases(seed):
    params, grads, _, s = _optimizer_inputs(seed)
    return [((params, grads, s, 0.01, 0.9, 1e-8), "learning_rate = 0.01, beta = 0.9, non-zero s"),
            ((params, grads, s, 0.01, 0.999, 1e-3), "beta = 0.999, epsilon = 1e-3")]


def _adam_cases(seed):
    params, grads, v, s = _optimizer_inputs(seed)
    return [((params, grads, _zeros_like(v), _zeros_like(s), 1, 0.01),
             "first step: t = 1, v = s = 0 (the step is learning_rate * sign(g))"),
            ((params, grads, v, s, 3, 0.01), "t = 3, learning_rate = 0.01, non-zero v and s"),
            ((params, grads, v, s, 3, 0.01, 0.9, 0.999, 1e-2), "epsilon = 1e-2")]


def _wrong_momentum(scale_gradient=True, step_with_old_v=False, rate=True, step_with_gradient=False,
                    swapped=False):
    """Momentum whose v sums the gradients, whose step uses the v from before the update, forgets the
    learning rate, steps along the gradient, or swaps beta and 1 - beta."""

    def wrong(params, grads, v, learning_rate, beta=0.9):
        keep, take = (1 - beta, beta) if swapped else (beta, (1 - beta) if scale_gradient else 1)
        new_v = {key: keep * v[key] + take * grads[key] for key in v}
        used = grads if step_with_gradient else v if step_with_old_v else new_v
        step = learning_rate if rate else 1
        return {key: value - step * used["d" + key] for key, value in params.items()}, new_v

    return wrong


def _wrong_rmsprop(epsilon_inside=False, no_square=False, rate=True, no_root=False):
    """RMSProp with epsilon under the square root, averaging g instead of g ** 2, without the learning
    rate, or dividing by s itself instead of its root."""

    def wrong(params, grads, s, learning_rate, beta=0.9, epsilon=1e-8):
        new_s = {key: beta * s[key] + (1 - beta) * (grads[key] if no_square else grads[key] ** 2) for key in s}
        root = {key: (new_s[key] + epsilon if no_root else np.sqrt(new_s[key] + epsilon)) if epsilon_inside
                else (new_s[key] if no_root else np.sqrt(new_s[key])) + epsilon for key in s}
        step = learning_rate if rate else 1
        return {key: value - step * grads["d" + key] / root["d" + key] for key, value in params.items()}, new_s

    return wrong


def _wrong_adam(correct=True, t_shift=0, epsilon_inside=False, rate=True, return_corrected=False):
    """Adam without bias correction, with t off by ``t_shift``, with epsilon under the square root,
    without the learning rate, or returning the corrected averages as the new state."""

    def wrong(params, grads, v, s, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        new_v = {key: beta1 * v[key] + (1 - beta1) * grads[key] for key in v}
        new_s = {key: beta2 * s[key] + (1 - beta2) * grads[key] ** 2 for key in s}
        step_t = t + t_shift
        v_hat = {key: new_v[key] / (1 - beta1 ** step_t) if correct else new_v[key] for key in v}
        s_hat = {key: new_s[key] / (1 - beta2 ** step_t) if correct else new_s[key] for key in s}
        root = {key: np.sqrt(s_hat[key] + epsilon) if epsilon_inside else np.sqrt(s_hat[key]) + epsilon for key in s}
        step = learning_rate if rate else 1
        new_params = {key: value - step * v_hat["d" + key] / root["d" + key] for key, value in params.items()}
        return (new_params, v_hat, s_hat) if return_corrected else (new_params, new_v, new_s)

    return wrong


MOMENTUM_MISTAKES = (
    Mistake("v adds the whole gradient: v = beta * v + (1 - beta) * g, an average, not a sum.",
            _wrong_momentum(scale_gradient=False)),
    Mistake("the step uses the old v: update v first, then step with the new v.",
            _wrong_momentum(step_with_old_v=True)),
    Mistake("the step is missing the learning rate: W = W - learning_rate * v.", _wrong_momentum(rate=False)),
    Mistake("the step follows the gradient, not the velocity: W = W - learning_rate * v with the new v.",
            _wrong_momentum(step_with_gradient=True)),
    Mistake("beta and 1 - beta are swapped: v = beta * v + (1 - beta) * g keeps most of the old velocity.",
            _wrong_momentum(swapped=True)),
)
RMSPROP_MISTAKES = (
    Mistake("epsilon goes outside the square root: g / (np.sqrt(s) + epsilon).", _wrong_rmsprop(epsilon_inside=True)),
    Mistake("s averages g instead of g ** 2: RMSProp tracks the mean squared gradient.",
            _wrong_rmsprop(no_square=True)),
    Mistake("the step is missing the learning rate: W = W - learning_rate * g / (np.sqrt(s) + epsilon).",
            _wrong_rmsprop(rate=False)),
    Mistake("the step divides by s, not by its square root: g / (np.sqrt(s) + epsilon).",
            _wrong_rmsprop(no_root=True)),
)
ADAM_MISTAKES = (
    Mistake("the bias correction is missing: divide v by 1 - beta1 ** t and s by 1 - beta2 ** t before the step.",
            _wrong_adam(correct=False)),
    Mistake("t is off by one: the first step has t = 1, so the corrections are 1 - beta1 ** t "
            "with the t you are given.", _wrong_adam(t_shift=-1)),
    Mistake("t is off by one: the corrections use the t you are given, 1 - beta1 ** t, not t + 1.",
            _wrong_adam(t_shift=1)),
    Mistake("epsilon goes outside the square root: v_hat / (np.sqrt(s_hat) + epsilon).",
            _wrong_adam(epsilon_inside=True)),
    Mistake("the step is missing the learning rate: W = W - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon).",
            _wrong_adam(rate=False)),
    Mistake("the corrected averages are returned as the new state: return v and s as updated, and use "
            "v_hat and s_hat only for this step.", _wrong_adam(return_corrected=True)),
)

EXERCISES = (
    Exercise("update_parameters_with_momentum", optimizers.update_parameters_with_momentum, _momentum_cases,
             ("params", "v"), mistakes=MOMENTUM_MISTAKES),
    Exercise("update_parameters_with_rmsprop", optimizers.update_parameters_with_rmsprop, _rmsprop_cases,
             ("params", "s"), mistakes=RMSPROP_MISTAKES),
    Exercise("update_parameters_with_adam", optimizers.update_parameters_with_adam, _adam_cases,
             ("params", "v", "s"), mistakes=ADAM_MISTAKES),
)
