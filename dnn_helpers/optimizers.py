"""Optimisers: how a gradient becomes a step. Each returns NEW parameters and its new state.

    plain gradient descent  theta <- theta - alpha g                                  (update_parameters)
    momentum                v <- beta v + (1 - beta) g;           theta <- theta - alpha v
    RMSProp                 s <- beta s + (1 - beta) g^2;         theta <- theta - alpha g / (sqrt(s) + eps)
                            (beta = 0.9 as usual; no bias correction, so the first steps are large)
    Adam                    v, s as above (beta1, beta2), bias-corrected by 1 - beta^t,
                            theta <- theta - alpha v_hat / (sqrt(s_hat) + eps)

g is the gradient dW[l] or db[l]; the state (v, s) has one array per parameter, of its shape.
"""


import numpy as np

from ._validation import check_positive_number
from .update import update_parameters


def initialize_state(params):
    """A dict of zero arrays shaped like the gradients: "dW1", "db1", ... (the state of momentum, RMSProp, Adam)."""
    return {"d" + key: np.zeros_like(value) for key, value in params.items()}


def update_parameters_with_momentum(params, grads, v, learning_rate, beta=0.9):
    """One momentum step: v is an exponentially weighted average of the gradients.

    Returns:
        (new_params, new_v)
    """
    new_v = {key: beta * v[key] + (1 - beta) * grads[key] for key in v}
    return update_parameters(params, new_v, learning_rate), new_v


def update_parameters_with_rmsprop(params, grads, s, learning_rate, beta=0.9, epsilon=1e-8):
    """One RMSProp step: each entry's step is divided by the root of its average squared gradient.

    Returns:
        (new_params, new_s)
    """
    new_s = {key: beta * s[key] + (1 - beta) * grads[key] ** 2 for key in s}
    steps = {key: grads[key] / (np.sqrt(new_s[key]) + epsilon) for key in s}
    return update_parameters(params, steps, learning_rate), new_s


def update_parameters_with_adam(params, grads, v, s, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One Adam step (t counts steps from 1): momentum and RMSProp, each corrected for starting at 0.

    At t = 1, v = (1 - beta1) g is far smaller than g; dividing by 1 - beta1^t removes that bias.
    Returns:
        (new_params, new_v, new_s)
    """
    new_v = {key: beta1 * v[key] + (1 - beta1) * grads[key] for key in v}
    new_s = {key: beta2 * s[key] + (1 - beta2) * grads[key] ** 2 for key in s}
    v_correction, s_correction = 1 - beta1 ** t, 1 - beta2 ** t
    steps = {key: (new_v[key] / v_correction) / (np.sqrt(new_s[key] / s_correction) + epsilon) for key in v}
    return update_parameters(params, steps, learning_rate), new_v, new_s


def decayed_learning_rate(learning_rate, epoch, decay_rate):
    """learning_rate / (1 + decay_rate * epoch): smaller steps as training settles."""
    return learning_rate / (1 + decay_rate * epoch)


class Optimizer:
    """A named optimiser with its state, so that a training loop can call ``step`` whatever it is.

        optimizer = Optimizer("adam", params)
        params = optimizer.step(params, grads, learning_rate)
    """

    NAMES = ("gd", "momentum", "rmsprop", "adam")

    @classmethod
    def check_name(cls, name):
        """Raise ValueError, listing the known optimisers, unless ``name`` is one of them."""
        if name not in cls.NAMES:
            raise ValueError(f"unknown optimiser {name!r}; choose one of {', '.join(map(repr, cls.NAMES))}.")

    def __init__(self, name, params, beta=0.9, beta2=0.999, epsilon=1e-8):
        self.check_name(name)
        self.name, self.beta, self.beta2, self.epsilon = name, beta, beta2, epsilon
        self.v = initialize_state(params)
        self.s = initialize_state(params)
        self.t = 0

    def step(self, params, grads, learning_rate):
        """Return the parameters after one step of this optimiser."""
        check_positive_number(learning_rate, "learning_rate")
        self.t += 1
        if self.name == "gd":
            return update_parameters(params, grads, learning_rate)
        if self.name == "momentum":
            params, self.v = update_parameters_with_momentum(params, grads, self.v, learning_rate, self.beta)
        elif self.name == "rmsprop":
            params, self.s = update_parameters_with_rmsprop(params, grads, self.s, learning_rate, self.beta,
                                                            self.epsilon)
        else:
            params, self.v, self.s = update_parameters_with_adam(params, grads, self.v, self.s, self.t,
                                                                 learning_rate, self.beta, self.beta2, self.epsilon)
        return params

    def __repr__(self):
        return f"Optimizer({self.name!r}, t={self.t})"
