"""A fast training path with the same meaning as ``dnn``: same parameters in, same parameters out.

The lesson functions are written to be read; this module is written to be fast,
and keeps its tricks to itself. Given the same arguments, ``train_fast`` starts
from the same initial parameters as ``dnn``, visits the same mini-batches in the
same order and takes the same gradient steps, so that in float64 it reproduces
``dnn`` to rounding error. What it does differently:

- float32 by default (half the memory traffic, about twice the BLAS speed);
- every array a step needs is allocated once and reused (``out=`` everywhere);
- no gradient for the input X: the lesson code computes dA0, which nobody uses;
- the factor learning_rate / m is applied once, to dZ[L]; since backward
  propagation is linear in dZ[L], every dW[l] and db[l] then comes out already
  multiplied by it, and the update is a plain subtraction;
- ReLU keeps only A[l] (A > 0 exactly where Z > 0) and its backward step is an
  in-place multiplication by that mask;
- the examples are stored as rows of a C-ordered copy of X, so that gathering a
  mini-batch copies contiguous rows instead of scattered columns;
- an input j that is 0 in every training example (a pixel that is always blank)
  adds W[1][:, j] * 0 = 0 to Z[1] and gets the gradient (1/m) dZ[1] x_j^T = 0,
  x_j being its (1, m) row of the mini-batch, so its column of W[1] never
  changes: it is left out of the products and handed back unchanged
  (``skip_zero_inputs=False`` keeps it, for timing comparisons).

The optimisers of ``trainer.train`` ("momentum", "rmsprop", "adam") are available
too, updating [W | b] in place. Only the hidden activations "relu" and
"leaky_relu" and the sigmoid output are supported here; ``dnn`` covers every
lesson activation, and ``trainer.train`` adds L2, dropout and softmax.
"""

import math

import numpy as np

from ._validation import check_count
from .activations import LEAKY_RELU_SLOPE
from .loops import check_divergence, check_training_arguments, minibatch_indices, start_parameters
from .optimizers import Optimizer

FAST_ACTIVATIONS = ("relu", "leaky_relu")


class _Buffers:
    """The arrays of one forward and backward pass for a given batch size, allocated once.

    Every layer input carries an extra row of ones (for X, an extra column), and every
    weight matrix an extra column holding b: then W A + b is one matrix product,
    [W | b] [A; 1], and the same product in the backward step yields [dW | db].
    """

    def __init__(self, dims, batch_size, dtype):
        L = len(dims) - 1
        self.X_batch = np.ones((batch_size, dims[0] + 1), dtype=dtype)  # examples as rows, then a 1
        self.Y_batch = np.empty((1, batch_size), dtype=dtype)
        self.Y_is_one = np.empty((1, batch_size), dtype=bool)
        # A[l] with a last row of ones, except the output layer; A[0] is X_batch transposed
        self.A = [self.X_batch.T] + [np.ones((dims[l] + (l < L), batch_size), dtype=dtype) for l in range(1, L + 1)]
        self.dA = [None] + [np.empty((dims[l], batch_size), dtype=dtype) for l in range(1, L + 1)]
        # ReLU: where Z > 0 (the units that pass the gradient); leaky ReLU: where Z <= 0 (the scaled ones)
        self.mask = [None] + [np.empty((dims[l], batch_size), dtype=bool) for l in range(1, L)]
        self.dWb = [None] + [np.empty((dims[l], dims[l - 1] + 1), dtype=dtype) for l in range(1, L + 1)]
        self.log_terms = np.empty((1, batch_size), dtype=dtype)


def _sigmoid_inplace(Z):
    """Overwrite Z with sigmoid(Z) = 1 / (1 + exp(-Z)); exp may overflow to inf, which gives exactly 0."""
    np.negative(Z, out=Z)
    np.exp(Z, out=Z)
    Z += 1
    np.reciprocal(Z, out=Z)


def _cost(AL, Y, buffer, Y_is_one):
    """Binary cross-entropy, clipped like compute_cost, without temporary arrays (Y_is_one: a bool buffer)."""
    eps = np.finfo(AL.dtype).eps
    # y log a + (1 - y) log(1 - a) = log(a) where y = 1 and log(1 - a) where y = 0 (binary labels)
    np.equal(Y, 1, out=Y_is_one)
    np.subtract(1, AL, out=buffer)
    np.copyto(buffer, AL, where=Y_is_one)
    np.clip(buffer, eps, 1 - eps, out=buffer)
    np.log(buffer, out=buffer)
    return -float(buffer.sum(dtype=np.float64)) / AL.shape[1]


class _InPlaceOptimizer:
    """The update rules of ``optimizers.py``, applied in place to every [W | b], with state allocated once.

    The gradient g handed to ``update`` is [dW | db] as computed with dZ[L] scaled by ``gradient_scale``:
    1 / m, or learning_rate / m for plain gradient descent, whose step is then just W <- W - g.
    """

    def __init__(self, name, Wb, learning_rate, beta=0.9, beta2=0.999, epsilon=1e-8):
        Optimizer.check_name(name)
        self.name, self.rate, self.beta, self.beta2, self.epsilon = name, learning_rate, beta, beta2, epsilon
        self.gradient_scale = learning_rate if name == "gd" else 1.0
        self.v = [None] + [np.zeros_like(W) for W in Wb[1:]] if name in ("momentum", "adam") else None
        self.s = [None] + [np.zeros_like(W) for W in Wb[1:]] if name in ("rmsprop", "adam") else None
        self.scratch = [None] + [np.empty_like(W) for W in Wb[1:]] if name in ("rmsprop", "adam") else None
        self.t = 0

    def next_step(self):
        self.t += 1

    def update(self, l, W, g):
        """W <- W - (this optimiser's step) for layer l, given its gradient g (which is overwritten)."""
        if self.name == "gd":
            W -= g
            return
        if self.s is not None:  # s <- beta2 s + (1 - beta2) g^2   (RMSProp's beta2 is beta)
            beta2 = self.beta2 if self.name == "adam" else self.beta
            s, step = self.s[l], self.scratch[l]
            s *= beta2
            np.square(g, out=step)
            step *= 1 - beta2
            s += step
        if self.v is not None:  # v <- beta v + (1 - beta) g
            v = self.v[l]
            v *= self.beta
            g *= 1 - self.beta
            v += g
        if self.name == "momentum":  # W <- W - alpha v
            np.multiply(v, self.rate, out=g)
            W -= g
            return
        if self.name == "rmsprop":  # W <- W - alpha g / (sqrt(s) + eps)
            np.sqrt(s, out=step)
            step += self.epsilon
            np.divide(g, step, out=step)
        else:  # Adam: W <- W - alpha v_hat / (sqrt(s_hat) + eps), v_hat = v / (1 - beta^t), s_hat = s / (1 - beta2^t)
            np.divide(s, 1 - self.beta2**self.t, out=step)
            np.sqrt(step, out=step)
            step += self.epsilon
            np.divide(v, 1 - self.beta**self.t, out=g)
            np.divide(g, step, out=step)
        step *= self.rate
        W -= step


def train_fast(
    X,
    Y,
    layer_dims,
    learning_rate=0.001,
    num_iterations=1000,
    hidden_activation="relu",
    initialization="he",
    seed=0,
    record_every=100,
    print_cost=False,
    dtype=np.float32,
    batch_size=None,
    optimizer="gd",
    skip_zero_inputs=True,
    initial_params=None,
):
    """Train like ``dnn`` (same arguments, same results up to rounding), only faster.

    Arguments:
        X -- training inputs, shape (n_x, m), one example per column
        Y -- labels 0 or 1, shape (1, m)
        layer_dims -- (n_x, n_1, ..., n_L) with n_L = 1
        learning_rate, num_iterations, initialization, seed, record_every, print_cost, batch_size,
        initial_params -- as in dnn
        hidden_activation -- "relu" (default) or "leaky_relu"
        dtype -- np.float32 (default) or np.float64 (for exact comparison with dnn)
        optimizer -- "gd" (plain gradient descent, as dnn), "momentum", "rmsprop" or "adam", with the
                     defaults of optimizers.Optimizer; trainer.train with the same optimiser gives the same
                     result when it trains a sigmoid output without L2, dropout or decay, and
                     num_iterations = num_epochs * ceil(m / batch_size)
        skip_zero_inputs -- leave out of the products the inputs that are 0 in every example (exact:
                     their weights get no gradient); False computes with every input
    Returns:
        params -- dict "W1", "b1", ..., "WL", "bL" of the given dtype
        costs -- the costs at iterations 0, record_every, ... (of that iteration's mini-batch)
    Raises:
        TrainingDiverged -- as dnn does
    """
    if hidden_activation not in FAST_ACTIVATIONS:
        raise ValueError(
            f"train_fast supports the hidden activations {FAST_ACTIVATIONS}, got {hidden_activation!r}; "
            "use dnn for the others."
        )
    dims, X, Y, learning_rate, batch_size = check_training_arguments(
        X, Y, layer_dims, learning_rate, batch_size, dtype=dtype
    )
    num_iterations = check_count(num_iterations, "num_iterations")
    record_every = check_count(record_every, "record_every")
    m = X.shape[1]
    slope = 0.0 if hidden_activation == "relu" else LEAKY_RELU_SLOPE

    rng = np.random.default_rng(seed)
    params = start_parameters(dims, initialization, rng, dtype, initial_params)
    batches = minibatch_indices(m, batch_size, rng)
    L = len(dims) - 1
    # the inputs used in the products: all of them, or those that are not 0 in every example
    inputs = np.flatnonzero(np.any(X != 0, axis=1)) if skip_zero_inputs else np.arange(dims[0])
    # [W | b] for the inputs used; C order like the buffers of dWb (W[1][:, inputs] comes out in Fortran
    # order, and an update W -= dW between arrays of different orders runs many times slower)
    Wb = [None, np.ascontiguousarray(np.hstack([params["W1"][:, inputs], params["b1"]]))]
    Wb += [np.hstack([params[f"W{l}"], params[f"b{l}"]]) for l in range(2, L + 1)]
    updater = _InPlaceOptimizer(optimizer, Wb, learning_rate)
    X_rows = np.ones((m, len(inputs) + 1), dtype=dtype)  # (m, inputs + 1): a mini-batch is a block of rows
    X_rows[:, :-1] = X[inputs].T
    used_dims = [len(inputs), *dims[1:]]
    buffers = _Buffers(used_dims, batch_size, dtype)
    if batch_size == m:
        buffers.X_batch[...], buffers.Y_batch[...] = X_rows, Y
    last = m % batch_size
    partial = _Buffers(used_dims, last, dtype) if last else None

    costs = []
    with np.errstate(over="ignore", invalid="ignore"):
        for iteration in range(num_iterations):
            k = buffers
            if batch_size < m:
                columns = next(batches)
                k = buffers if len(columns) == batch_size else partial
                np.take(X_rows, columns, axis=0, out=k.X_batch)
                np.take(Y, columns, axis=1, out=k.Y_batch)
            cost = _step(k, Wb, L, slope, updater)
            if iteration == 0:
                first_cost = cost
            check_divergence(iteration, cost, first_cost, learning_rate, costs)
            if iteration % record_every == 0:
                costs.append(cost)
                if print_cost:
                    print(f"Cost after iteration {iteration}: {cost:.6f}")
    for l in range(2, L + 1):
        params[f"W{l}"], params[f"b{l}"] = Wb[l][:, :-1].copy(), Wb[l][:, -1:].copy()
    params["W1"][:, inputs], params["b1"] = Wb[1][:, :-1], Wb[1][:, -1:].copy()  # skipped inputs: unchanged
    return params, costs


def _step(k, Wb, L, slope, optimizer):
    """One forward pass, backward pass and update (by ``optimizer``) on the batch held in ``k``; returns its cost."""
    m = k.Y_batch.shape[1]
    # forward: Z[l] = [W | b] [A[l-1]; 1], computed in the buffer of A[l] and activated in place
    for l in range(1, L + 1):
        Z = k.A[l][:-1] if l < L else k.A[l]  # the rows above the row of ones
        np.matmul(Wb[l], k.A[l - 1], out=Z)
        if l < L:
            if slope:  # leaky ReLU: scale the entries where Z <= 0, in place
                np.less_equal(Z, 0, out=k.mask[l])
                np.multiply(Z, slope, out=Z, where=k.mask[l])
            else:
                np.greater(Z, 0, out=k.mask[l])
                np.maximum(Z, 0, out=Z)
    AL = k.A[L]
    _sigmoid_inplace(AL)
    cost = _cost(AL, k.Y_batch, k.log_terms, k.Y_is_one)
    if not math.isfinite(cost):
        return cost

    # backward: dZ[L] = (AL - Y) scaled by 1 / m (by learning_rate / m for plain gradient descent, so
    # that [dW | db] comes out as the step to take)
    dZ = k.dA[L]
    np.subtract(AL, k.Y_batch, out=dZ)
    dZ *= optimizer.gradient_scale / m
    optimizer.next_step()
    for l in range(L, 0, -1):
        np.matmul(dZ, k.A[l - 1].T, out=k.dWb[l])  # the row of ones in A[l-1] sums dZ into db
        if l > 1:
            dA_prev = k.dA[l - 1]
            np.matmul(Wb[l][:, :-1].T, dZ, out=dA_prev)
            # ReLU backward: dZ[l-1] = dA[l-1] where Z[l-1] > 0, else 0 (or slope * dA for leaky ReLU)
            if slope:
                np.multiply(dA_prev, slope, out=dA_prev, where=k.mask[l - 1])
            else:
                np.multiply(dA_prev, k.mask[l - 1], out=dA_prev)
            dZ = dA_prev
        optimizer.update(l, Wb[l], k.dWb[l])  # after W[l].T was used for dA[l-1]
    return cost
