"""A fast training path for the recurrent models of part two: the lesson's steps, the same results, faster.

``FastLSTM`` and ``FastRNN`` train a character model of lstm.py or rnn.py by truncated
backpropagation through time: ``step(inputs, targets)`` runs one chunk of T steps forward, computes
the cost, goes back through time, clips the gradients and updates the parameters, and carries the
final state over to the next chunk. In float64 one step equals, to rounding error,

    X = one_hot_sequence(inputs, n_x)
    cost, grads, state = lstm_loss_and_gradients(X, targets, *state, params)   # or rnn_loss_and_gradients
    grads, _ = clip_gradients(grads, max_norm)
    params = optimizer.step(params, grads, learning_rate)                       # optimizers.Optimizer

What it does differently (the lesson code is written to be read; this module to be fast):

- float32 by default: half the memory traffic, and faster matrix products;
- examples as rows: every array of one time step is (m, .), and all T steps side by side are
  (T m, .), so that the products over the whole chunk (the output layer, dW_h) are one product each;
- the four gate products fused: the gates are stacked (order o, i, f, g here, the three sigmoid
  gates first) and h_{t-1} W_h^T of shape (m, 4 n_h) is one matrix product per step;
- the inputs are one-hot, so W_x x_t is a column of W_x: the input part of every step, with the bias,
  is one gather of rows from the table W_x^T + b, for all T steps before the loop; the inputs get no
  gradient, and dW_x is one product of the one-hot matrix with dZ;
- every buffer is allocated once and reused (``out=`` everywhere); the parameters and the gradients
  are each one flat array, so clipping is one dot product and the optimiser a few passes over it;
- the sigmoid is computed as sigma(z) = (1 + tanh(z / 2)) / 2, so that one tanh over the whole
  contiguous block of a step serves all four gates; the halving is folded into scaled copies of
  W_h and of the input table, made once per chunk (exact: a scaling by a power of two).

The state: ``reset_state`` starts from zeros (or given arrays); ``state`` is h (FastRNN) or (h, c)
(FastLSTM), each (n_h, m), in the lesson's layout. ``parameters()`` returns the lesson's dict.
"""

import math

import numpy as np

from ._sequences import check_indices, check_rnn_parameters
from ._validation import check_count, check_positive_number
from .fast import _InPlaceOptimizer
from .loops import TrainingDiverged, check_dtype
from .lstm import GATE_KEYS, OUTPUT_KEYS, check_lstm_parameters, check_state

RNN_KEYS = ("Wxh", "Whh", "bh", "Why", "by")
FAST_GATES = ("o", "i", "f", "g")  # the three sigmoid gates first, then the tanh candidate


class _FastRecurrent:
    """What the fast LSTM and RNN share: flat parameters, the output layer and cost, clipping, the update.

    A subclass names its parameter arrays in ``_layout`` (shapes in this module's layout), converts
    the lesson's dict with ``_from_lesson`` and ``_to_lesson``, and runs its cell in ``_forward`` and
    ``_backward``.
    """

    def __init__(self, params, batch_size, steps, learning_rate, max_norm, optimizer, dtype, n_x, n_h):
        self.m, self.T = check_count(batch_size, "batch_size"), check_count(steps, "steps")
        self.dtype = check_dtype(dtype)
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        self.max_norm = None if max_norm is None else check_positive_number(max_norm, "max_norm", " A common choice is 5.")
        self.n_x, self.n_h, self.n_y = n_x, n_h, np.shape(params["Why"])[0]
        # the parameters and their gradients: one flat array each, with a named view per array
        sizes = [math.prod(shape) for _, shape in self._layout()]
        self.theta, self.grad = np.empty(sum(sizes), self.dtype), np.zeros(sum(sizes), self.dtype)
        self.p, self.g = self._views(self.theta), self._views(self.grad)
        self._from_lesson(params)
        self.optimizer = _InPlaceOptimizer(optimizer, [None, self.theta], learning_rate)
        m, T, n_y = self.m, self.T, self.n_y
        self.H = np.zeros((T + 1, m, n_h), self.dtype)  # H[0] = h0, H[t + 1] = h_t
        self.logits = np.empty((T * m, n_y), self.dtype)  # logits, then dJ/dlogits, of all steps
        self.row_max = np.empty((T * m, 1), self.dtype)
        self.dH = np.empty((T, m, n_h), self.dtype)
        self.dh_next = np.empty((m, n_h), self.dtype)
        self.one_hot = np.zeros((n_x, T * m), self.dtype)  # column k: the input of row k of (T m, .)
        self.rows = np.arange(T * m)
        self.steps_taken = 0

    def _views(self, flat):
        views, start = {}, 0
        for name, shape in self._layout():
            size = math.prod(shape)
            views[name] = flat[start:start + size].reshape(shape)
            start += size
        return views

    def _check_batch(self, inputs, targets):
        """Inputs and targets as int64 (T', m) with T' <= steps, checked against the vocabulary."""
        checked = []
        for name, array, V in (("inputs", inputs, self.n_x), ("targets", targets, self.n_y)):
            array = check_indices(array, V, name=name)
            if array.ndim != 2 or array.shape[1] != self.m or array.shape[0] > self.T:
                hint = f" It looks transposed: pass {name}.T." if array.ndim == 2 and array.shape[0] == self.m else ""
                raise ValueError(f"{name} must have shape (T, m) with T <= {self.T} steps and m = {self.m} sequences "
                                 f"(the sizes this trainer was made for), got {array.shape}.{hint}")
            checked.append(array)
        if checked[0].shape != checked[1].shape:
            raise ValueError(f"inputs and targets must have the same shape (T, m), got {checked[0].shape} and "
                             f"{checked[1].shape}.")
        return checked

    def _output_layer(self, T, targets):
        """logits = H W_y^T + b_y for all T m rows, the mean cost, then dJ/dlogits, dW_y, db_y and dH in place."""
        n = T * self.m
        H, logits, row_max, rows = self.H[1:T + 1].reshape(n, self.n_h), self.logits[:n], self.row_max[:n], self.rows[:n]
        Why = self.p["Why"]
        np.matmul(H, Why.T, out=logits)
        logits += self.p["by"]
        # ln softmax(z)[y] = (z[y] - max z) - ln sum exp(z - max z), as in rnn.sequence_cost
        np.max(logits, axis=1, keepdims=True, out=row_max)
        logits -= row_max
        picked = logits[rows, targets.ravel()]
        np.exp(logits, out=logits)
        np.sum(logits, axis=1, keepdims=True, out=row_max)
        cost = float(np.mean(np.log(row_max[:, 0], dtype=np.float64) - picked))
        # dJ/dz = (softmax(z) - onehot(y)) / (T m), as rnn.sequence_cost_backward
        row_max *= n
        np.divide(logits, row_max, out=logits)
        logits[rows, targets.ravel()] -= 1 / n
        np.matmul(logits.T, H, out=self.g["Why"])
        np.sum(logits, axis=0, out=self.g["by"])
        np.matmul(logits, Why, out=self.dH[:T].reshape(n, self.n_h))
        return cost

    def _input_gradients(self, T, inputs, dZ):
        """dW_x (as rows W_x^T, (n_x, k)) = onehot (n_x, T m) times dZ (T m, k), and db = its column sums."""
        n = T * self.m
        one_hot = self.one_hot[:, :n]
        one_hot.fill(0)
        one_hot[inputs.ravel(), self.rows[:n]] = 1
        np.matmul(one_hot, dZ.reshape(n, -1), out=self.g["Wx"])
        np.sum(self.g["Wx"], axis=0, out=self.g["b"])  # every row has one input: db = sum over the symbols

    def loss_and_gradients(self, inputs, targets):
        """Forward and backward through one chunk, without the update; the final state is carried over.

        Arguments:
            inputs, targets -- integer symbol indices, shape (T, m) with T <= steps, m = batch_size
        Returns:
            cost -- mean nats per character;  grads -- dict "d" + key in the lesson's keys and shapes (copies)
        """
        cost = self._loss_and_gradients(inputs, targets)
        self._carry_state()
        return cost, self._to_lesson(self.g, prefix="d")

    def step(self, inputs, targets):
        """One training step on a chunk (T, m): forward, backward, clipping, update; the state is carried over.

        Returns:
            cost -- the chunk's mean nats per character, before the update
        Raises:
            TrainingDiverged -- if the cost or the gradients are not finite (the parameters are left as they were)
        """
        cost = self._loss_and_gradients(inputs, targets)
        norm = math.sqrt(float(np.dot(self.grad, self.grad)))
        if not (math.isfinite(cost) and math.isfinite(norm)):
            raise TrainingDiverged(
                f"training diverged: the cost became {cost} (gradient norm {norm}) at step {self.steps_taken} "
                f"with learning_rate={self.optimizer.rate:g}. Lower the learning rate or clip harder (max_norm).",
                iteration=self.steps_taken, cost=cost, learning_rate=self.optimizer.rate)
        if self.max_norm is not None and norm > self.max_norm:  # as rnn.clip_gradients: one scale for all
            self.grad *= self.max_norm / norm
        if self.optimizer.gradient_scale != 1:  # plain gradient descent: the update is then theta -= grad
            self.grad *= self.optimizer.gradient_scale
        self.optimizer.next_step()
        self.optimizer.update(1, self.theta, self.grad)
        self._carry_state()
        self.steps_taken += 1
        return cost

    def _loss_and_gradients(self, inputs, targets):
        inputs, targets = self._check_batch(inputs, targets)
        T = inputs.shape[0]
        with np.errstate(over="ignore"):
            self._forward(T, inputs)
            cost = self._output_layer(T, targets)
            self._backward(T, inputs)
        self._last_T = T
        return cost

    def _carry_state(self):
        for states in self._state_buffers():
            states[0] = states[self._last_T]

    def reset_state(self, *states):
        """Start the next chunk from zeros, or from the given states (each (n_h, m), the lesson's layout)."""
        buffers = self._state_buffers()
        if states and len(states) != len(buffers):
            raise ValueError(f"reset_state takes no state (zeros) or {len(buffers)}, got {len(states)}.")
        for k, buffer in enumerate(buffers):
            if states:
                buffer[0] = check_state(states[k], f"state {k}", self.n_h, self.m).T
            else:
                buffer[0] = 0

    def _state_of(self, k):
        return self._state_buffers()[k][0].T.copy()

    def parameters(self):
        """The parameters now, as the lesson's dict (copies, in this trainer's dtype)."""
        return self._to_lesson(self.p)


class FastLSTM(_FastRecurrent):
    """Trains the LSTM of lstm.py (with the output layer and cost of rnn.py) fast; see the module docstring.

        trainer = FastLSTM(params, batch_size=32, steps=50, learning_rate=0.002)
        for inputs, targets in chunks:        # each (T, m) symbol indices, T <= steps
            cost = trainer.step(inputs, targets)
        params = trainer.parameters()

    Arguments:
        params -- dict of initialize_lstm_parameters: "Wxi" (n_h, n_x), "Whi" (n_h, n_h), "bi" (n_h, 1), ...,
                  "Why" (n_y, n_h), "by" (n_y, 1); copied, in ``dtype``
        batch_size -- m, the sequences side by side;  steps -- T, the longest chunk
        learning_rate -- the optimiser's step size;  max_norm -- clip the gradients' joint norm to this (None: no clipping)
        optimizer -- "adam" (default), "gd", "momentum" or "rmsprop", with optimizers.Optimizer's defaults
        dtype -- np.float32 (default) or np.float64 (equal to the lesson functions to rounding error)
    """

    def __init__(self, params, batch_size, steps, learning_rate, max_norm=5.0, optimizer="adam", dtype=np.float32):
        n_x, n_h = check_lstm_parameters(params, GATE_KEYS + OUTPUT_KEYS)
        self.n_h = n_h
        super().__init__(params, batch_size, steps, learning_rate, max_norm, optimizer, dtype, n_x, n_h)
        m, T = self.m, self.T
        self.C = np.zeros((T + 1, m, n_h), self.dtype)  # C[0] = c0, C[t + 1] = c_t
        self.Z = np.empty((T, m, 4 * n_h), self.dtype)  # the gates o, i, f, g of every step
        self.tanh_c = np.empty((T, m, n_h), self.dtype)
        self.dZ = np.empty((T, m, 4 * n_h), self.dtype)
        self.table = np.empty((n_x, 4 * n_h), self.dtype)  # (W_x^T + b) * scale
        self.Wh_scaled = np.empty((4 * n_h, n_h), self.dtype)  # W_h * scale (rows)
        # sigma(z) = (1 + tanh(z / 2)) / 2: the sigmoid gates' pre-activations are halved (scale), and
        # after one tanh over the block, tanh * half + half gives the sigmoid (and leaves g = tanh alone)
        sigmoid = np.arange(4 * n_h) < 3 * n_h
        self.scale = np.where(sigmoid, 0.5, 1.0).astype(self.dtype)
        self.half = np.where(sigmoid, 0.5, 0.0).astype(self.dtype)
        self.plus = np.where(sigmoid, 0.0, 1.0).astype(self.dtype)  # for the derivatives, below
        self.scratch = np.empty((m, n_h), self.dtype)
        self.scratch4 = np.empty((m, 4 * n_h), self.dtype)
        self.dc, self.dc_next = np.empty((m, n_h), self.dtype), np.empty((m, n_h), self.dtype)

    def _layout(self):
        n_x, n_h = self.n_x, self.n_h
        return [("Wx", (n_x, 4 * n_h)), ("Wh", (4 * n_h, n_h)), ("b", (4 * n_h,)), ("Why", (self.n_y, n_h)),
                ("by", (self.n_y,))]

    def _state_buffers(self):
        return [self.H, self.C]

    @property
    def state(self):
        """(h, c) to start the next chunk from, each (n_h, m)."""
        return self._state_of(0), self._state_of(1)

    def _from_lesson(self, params):
        n_h = self.n_h
        for k, gate in enumerate(FAST_GATES):
            block = slice(k * n_h, (k + 1) * n_h)
            self.p["Wx"][:, block] = np.asarray(params["Wx" + gate]).T
            self.p["Wh"][block] = params["Wh" + gate]
            self.p["b"][block] = np.ravel(params["b" + gate])
        self.p["Why"][...], self.p["by"][...] = params["Why"], np.ravel(params["by"])

    def _to_lesson(self, views, prefix=""):
        n_h, out = self.n_h, {}
        for gate in GATE_KEYS[::3]:  # "Wxi", "Wxf", ...: one per gate
            k = FAST_GATES.index(gate[-1])
            block = slice(k * n_h, (k + 1) * n_h)
            g = gate[-1]
            out[prefix + "Wx" + g] = views["Wx"][:, block].T.copy()
            out[prefix + "Wh" + g] = views["Wh"][block].copy()
            out[prefix + "b" + g] = views["b"][block].reshape(-1, 1).copy()
        out[prefix + "Why"], out[prefix + "by"] = views["Why"].copy(), views["by"].reshape(-1, 1).copy()
        return {key: out[key] for key in (prefix + name for name in GATE_KEYS + OUTPUT_KEYS)}

    def _forward(self, T, inputs):
        n_h, Z, H, C = self.n_h, self.Z, self.H, self.C
        np.add(self.p["Wx"], self.p["b"], out=self.table)
        self.table *= self.scale
        np.multiply(self.p["Wh"], self.scale[:, np.newaxis], out=self.Wh_scaled)
        np.take(self.table, inputs, axis=0, out=Z[:T])  # the input part of every step: (T, m, 4 n_h)
        product, Wh_T = self.scratch4, self.Wh_scaled.T
        for t in range(T):
            z = Z[t]
            np.matmul(H[t], Wh_T, out=product)  # all four gates: (m, n_h) (n_h, 4 n_h)
            z += product
            np.tanh(z, out=z)
            z *= self.scale  # the sigmoid gates: (1 + tanh) / 2;  g stays tanh
            z += self.half
            o, i, f, g = z[:, :n_h], z[:, n_h:2 * n_h], z[:, 2 * n_h:3 * n_h], z[:, 3 * n_h:]
            c = C[t + 1]
            np.multiply(f, C[t], out=c)  # c_t = f c_prev + i g
            np.multiply(i, g, out=self.scratch)
            c += self.scratch
            np.tanh(c, out=self.tanh_c[t])
            np.multiply(o, self.tanh_c[t], out=H[t + 1])  # h_t = o tanh(c_t)

    def _backward(self, T, inputs):
        n_h, Z, dZ, C, dH = self.n_h, self.Z, self.dZ, self.C, self.dH
        dh_next, dc, dc_next, one_minus = self.dh_next, self.dc, self.dc_next, self.scratch4
        Wh = self.p["Wh"]
        for t in reversed(range(T)):
            z, dz, tanh_c, dh = Z[t], dZ[t], self.tanh_c[t], dH[t]
            o, i, f, g = z[:, :n_h], z[:, n_h:2 * n_h], z[:, 2 * n_h:3 * n_h], z[:, 3 * n_h:]
            if t < T - 1:
                dh += dh_next  # h_t feeds this step's output and the gates of step t + 1
            # each gate's derivative: sigma' = s (1 - s) (plus = 0), tanh' = 1 - g^2 = (1 + g)(1 - g) (plus = 1)
            np.subtract(1, z, out=one_minus)
            np.add(z, self.plus, out=dz)
            dz *= one_minus
            # dc = dc_next + dh o (1 - tanh(c_t)^2): c_t reaches J through step t + 1 and through h_t
            np.multiply(tanh_c, tanh_c, out=dc)
            np.subtract(1, dc, out=dc)
            dc *= o
            dc *= dh
            if t < T - 1:
                dc += dc_next
            dz[:, :n_h] *= tanh_c  # dz_o = dh tanh(c_t) o (1 - o)
            dz[:, :n_h] *= dh
            dz[:, n_h:2 * n_h] *= g  # dz_i = dc g i (1 - i)
            dz[:, 2 * n_h:3 * n_h] *= C[t]  # dz_f = dc c_prev f (1 - f)
            dz[:, 3 * n_h:] *= i  # dz_g = dc i (1 - g^2)
            dz.reshape(self.m, 4, n_h)[:, 1:] *= dc[:, np.newaxis]
            np.multiply(dc, f, out=dc_next)  # c_t = f c_prev + ...
            if t > 0:
                np.matmul(dz, Wh, out=dh_next)  # (m, 4 n_h) (4 n_h, n_h): all four gates back to h_{t-1}
        n = T * self.m
        np.matmul(dZ[:T].reshape(n, 4 * n_h).T, self.H[:T].reshape(n, n_h), out=self.g["Wh"])  # sum over t
        self._input_gradients(T, inputs, dZ[:T])


class FastRNN(_FastRecurrent):
    """Trains the RNN of rnn.py fast: h_t = tanh(Wxh x_t + Whh h_{t-1} + bh); see the module docstring.

    Arguments: as FastLSTM, with params the dict of initialize_rnn_parameters: "Wxh" (n_h, n_x),
    "Whh" (n_h, n_h), "bh" (n_h, 1), "Why" (n_y, n_h), "by" (n_y, 1).
    """

    def __init__(self, params, batch_size, steps, learning_rate, max_norm=5.0, optimizer="adam", dtype=np.float32):
        n_x, n_h = check_rnn_parameters(params)
        self.n_h = n_h
        super().__init__(params, batch_size, steps, learning_rate, max_norm, optimizer, dtype, n_x, n_h)
        self.table = np.empty((n_x, n_h), self.dtype)
        self.dA = np.empty((self.T, self.m, n_h), self.dtype)
        self.product = np.empty((self.m, n_h), self.dtype)

    def _layout(self):
        return [("Wx", (self.n_x, self.n_h)), ("Wh", (self.n_h, self.n_h)), ("b", (self.n_h,)),
                ("Why", (self.n_y, self.n_h)), ("by", (self.n_y,))]

    def _state_buffers(self):
        return [self.H]

    @property
    def state(self):
        """h to start the next chunk from, (n_h, m)."""
        return self._state_of(0)

    def _from_lesson(self, params):
        self.p["Wx"][...], self.p["Wh"][...] = np.asarray(params["Wxh"]).T, params["Whh"]
        self.p["b"][...], self.p["Why"][...], self.p["by"][...] = np.ravel(params["bh"]), params["Why"], np.ravel(params["by"])

    def _to_lesson(self, views, prefix=""):
        return {prefix + "Wxh": views["Wx"].T.copy(), prefix + "Whh": views["Wh"].copy(),
                prefix + "bh": views["b"].reshape(-1, 1).copy(), prefix + "Why": views["Why"].copy(),
                prefix + "by": views["by"].reshape(-1, 1).copy()}

    def _forward(self, T, inputs):
        H = self.H
        np.add(self.p["Wx"], self.p["b"], out=self.table)
        np.take(self.table, inputs, axis=0, out=H[1:T + 1])  # Wxh x_t + bh for every step
        Wh_T = self.p["Wh"].T
        for t in range(T):
            np.matmul(H[t], Wh_T, out=self.product)
            H[t + 1] += self.product
            np.tanh(H[t + 1], out=H[t + 1])

    def _backward(self, T, inputs):
        H, dA, dH, Wh = self.H, self.dA, self.dH, self.p["Wh"]
        for t in reversed(range(T)):
            if t < T - 1:
                dH[t] += self.dh_next
            da = dA[t]
            np.multiply(H[t + 1], H[t + 1], out=da)  # tanh'(a_t) = 1 - h_t^2
            np.subtract(1, da, out=da)
            da *= dH[t]
            if t > 0:
                np.matmul(da, Wh, out=self.dh_next)
        n = T * self.m
        np.matmul(dA[:T].reshape(n, self.n_h).T, H[:T].reshape(n, self.n_h), out=self.g["Wh"])
        self._input_gradients(T, inputs, dA[:T])
