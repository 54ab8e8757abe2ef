"""A fast training path for the recurrent models of part two: the lesson's steps, the same results, faster.

``FastLSTM`` and ``FastRNN`` train a character model of lstm.py or rnn.py by truncated
backpropagation through time: ``step(inputs, targets)`` runs one chunk of T steps forward, computes
the cost, goes back through time, clips the gradients, updates the parameters, and carries the
final state over to the next chunk. In float64 one step equals, to rounding error,

    X = one_hot_sequence(inputs, n_x)
    cost, grads, state = lstm_loss_and_gradients(X, targets, *state, params)   # or rnn_loss_and_gradients
    grads, _ = clip_gradients(grads, max_norm)
    params = optimizer.step(params, grads, learning_rate)                       # optimizers.Optimizer

What it does differently (the lesson code is written to be read; this module to be fast):

- float32 by default: half the memory traffic, and faster matrix products;
- the four gate products fused: the gates are stacked (order o, i, f, g here: the three sigmoid
  gates first), and W_h h_{t-1} of shape (4 n_h, m) is one matrix product per step;
- the inputs are one-hot, so W_x x_t + b is a gather of columns of the table W_x + b (b added to
  every column); the inputs get no gradient, and dW_x of all T steps is one product of dZ with the
  one-hot matrix;
- all T steps side by side: H and dZ are also kept as (rows, T m) arrays, step t in columns
  t m .. (t + 1) m - 1, and dH as (T m, n_h), so that the output layer, its gradients and dW_h are
  one product each;
- every buffer is allocated once and reused (``out=`` everywhere); the parameters and the
  gradients are one flat array each, so clipping is one dot product and the optimiser a few passes;
- the sigmoid is computed as sigma(z) = (1 + tanh(z / 2)) / 2, so that one tanh over the whole
  (4 n_h, m) block of a step serves all four gates; the halving is folded into scaled copies of W_h
  and of the input table, made once per chunk (exact: a scaling by a power of two).

Shapes: inputs and targets (T, m) integer symbol indices (T <= steps); the state h, c (n_h, m);
parameters and gradients in the lesson's dicts (initialize_lstm_parameters, initialize_rnn_parameters).
"""

import math

import numpy as np

from ._sequences import check_indices, check_rnn_parameters
from ._validation import check_count, check_positive_number
from .fast import _InPlaceOptimizer
from .loops import TrainingDiverged, check_dtype
from .lstm import GATE_KEYS, OUTPUT_KEYS, check_lstm_parameters, check_state

FAST_GATES = ("o", "i", "f", "g")  # the three sigmoid gates first, then the tanh candidate


class _FastRecurrent:
    """What the fast LSTM and RNN share: flat parameters, the output layer and cost, clipping, the update.

    The parameters, with rows = 4 n_h (LSTM, gates o, i, f, g stacked) or n_h (RNN): "Wx" (rows, n_x),
    "Wh" (rows, n_h), "b" (rows, 1), "Why" (n_y, n_h), "by" (n_y, 1), as views of the flat ``theta``
    (and their gradients of ``grad``). A subclass converts the lesson's dict (``_from_lesson``,
    ``_to_lesson``), runs its cell in ``_forward`` (filling hs) and ``_backward`` (from dH, leaving
    dJ/d(pre-activation) of every step in dZ and W_h^T dz in dh_next), and names its states in
    ``_state_buffers``.
    """

    def __init__(self, params, batch_size, steps, learning_rate, max_norm, optimizer, dtype, n_x, n_h, rows):
        self.m, self.T = check_count(batch_size, "batch_size"), check_count(steps, "steps")
        self.dtype = check_dtype(dtype)
        learning_rate = check_positive_number(learning_rate, "learning_rate")
        if max_norm is not None:
            max_norm = check_positive_number(max_norm, "max_norm", " A common choice is 5; None for no clipping.")
        self.max_norm, self.n_x, self.n_h, self.n_y, self.rows = max_norm, n_x, n_h, np.shape(params["Why"])[0], rows
        # the parameters and their gradients: one flat array each, with a named view per array
        layout = [("Wx", (rows, n_x)), ("Wh", (rows, n_h)), ("b", (rows, 1)), ("Why", (self.n_y, n_h)),
                  ("by", (self.n_y, 1))]
        size = sum(math.prod(shape) for _, shape in layout)
        self.theta, self.grad = np.empty(size, self.dtype), np.zeros(size, self.dtype)
        self.p, self.g = self._views(self.theta, layout), self._views(self.grad, layout)
        self._from_lesson(params)
        self.optimizer = _InPlaceOptimizer(optimizer, [None, self.theta], learning_rate)
        m, T, n_y, f = self.m, self.T, self.n_y, self.dtype
        self.hs = np.zeros((T + 1, n_h, m), f)  # hs[0] = h0, hs[t + 1] = h_t: one contiguous block per step
        self.H = np.empty((n_h, (T + 1) * m), f)  # the same, side by side: columns t m .. (t + 1) m - 1 hold hs[t]
        self.dH = np.empty((T, m, n_h), f)  # dJ/dh_t through the output layer, one (m, n_h) block per step
        self.dZ = np.empty((rows, T * m), f)  # dJ/d(pre-activations) of every step
        self.logits = np.empty((T * m, n_y), f)  # logits, then dJ/dlogits, of all steps (row t m + i)
        self.row_max = np.empty((T * m, 1), f)
        self.one_hot = np.zeros((T * m, n_x), f)
        self.table = np.empty((rows, n_x), f)  # W_x + b (scaled, for the LSTM)
        self.Wh_T = np.empty((n_h, rows), f)  # W_h^T, C order, for the products of the backward pass
        self.dh_next = np.empty((n_h, m), f)
        self.steps_taken, self._last_T = 0, 0

    @staticmethod
    def _views(flat, layout):
        views, start = {}, 0
        for name, shape in layout:
            views[name] = flat[start:start + math.prod(shape)].reshape(shape)
            start += math.prod(shape)
        return views

    def _columns(self, t):
        """The columns of step t in the (rows, T m) arrays."""
        return slice(t * self.m, (t + 1) * self.m)

    def _check_batch(self, inputs, targets):
        """Inputs and targets as int64 (T', m) with T' <= steps, checked against the vocabulary."""
        checked = []
        for name, array, V in (("inputs", inputs, self.n_x), ("targets", targets, self.n_y)):
            array = check_indices(array, V, name=name)
            if array.ndim != 2 or array.shape[1] != self.m or array.shape[0] > self.T:
                transposed = array.ndim == 2 and array.shape[0] == self.m and array.shape[1] <= self.T
                hint = f" It looks transposed: pass {name}.T." if transposed else ""
                raise ValueError(f"{name} must have shape (T, m) with T <= {self.T} steps and m = {self.m} sequences "
                                 f"(the sizes this trainer was made for), got {array.shape}.{hint}")
            checked.append(array)
        if checked[0].shape != checked[1].shape:
            raise ValueError(f"inputs and targets must have the same shape (T, m), got {checked[0].shape} and "
                             f"{checked[1].shape}.")
        return checked

    def _output_layer(self, T, targets):
        """logits_t = Why h_t + by for all T steps, the mean cost, then dJ/dlogits, dWhy, dby and dH.

        targets (T, m);  logits (T m, n_y), row t m + i for step t and sequence i;  dH[t] = (dJ/dh_t)^T, (m, n_h)
        """
        n = T * self.m
        # hs[0 .. T] into the columns of H: one copy instead of a strided write at every step
        np.copyto(self.H[:, :n + self.m].reshape(self.n_h, T + 1, self.m), self.hs[:T + 1].transpose(1, 0, 2))
        H, logits, row_max, rows = self.H[:, self.m:(T + 1) * self.m], self.logits[:n], self.row_max[:n], np.arange(n)
        Why = self.p["Why"]
        np.matmul(H.T, Why.T, out=logits)  # (T m, n_y): one row per step and example
        logits += self.p["by"].T
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
        np.matmul(logits.T, H.T, out=self.g["Why"])
        np.sum(logits.T, axis=1, keepdims=True, out=self.g["by"])
        np.matmul(logits, Why, out=self.dH[:T].reshape(n, self.n_h))  # (T m, n_y) (n_y, n_h): dH[t] is dh_t^T
        return cost

    def _input_gradients(self, T, inputs):
        """dW_x = dZ (rows, T m) times the one-hot inputs (T m, n_x), and db = its row sums."""
        n = T * self.m
        one_hot = self.one_hot[:n]
        one_hot.fill(0)
        one_hot[np.arange(n), inputs.ravel()] = 1
        np.matmul(self.dZ[:, :n], one_hot, out=self.g["Wx"])
        np.sum(self.g["Wx"], axis=1, keepdims=True, out=self.g["b"])  # one input per column: db = sum over symbols
        np.matmul(self.dZ[:, :n], self.H[:, :n].T, out=self.g["Wh"])  # sum over the steps of dz_t h_{t-1}^T

    def _loss_and_gradients(self, inputs, targets):
        inputs, targets = self._check_batch(inputs, targets)
        T = inputs.shape[0]
        with np.errstate(over="ignore", invalid="ignore"):
            self._forward(T, inputs)
            cost = self._output_layer(T, targets)
            np.copyto(self.Wh_T, self.p["Wh"].T)
            self._backward(T)
            self._input_gradients(T, inputs)
        self._last_T = T
        return cost

    def loss_and_gradients(self, inputs, targets):
        """Forward and backward through one chunk, without the update; the final state is carried over.

        Arguments:
            inputs, targets -- integer symbol indices, shape (T, m) with T <= steps and m = batch_size
        Returns:
            cost -- mean nats per character;  grads -- dict "d" + key with the lesson's keys and shapes (copies)
        """
        cost = self._loss_and_gradients(inputs, targets)
        self._carry_state()
        return cost, self._to_lesson(self.g, prefix="d")

    def step(self, inputs, targets):
        """One training step on a chunk (T, m): forward, backward, clipping, update; the state is carried over.

        Returns:
            cost -- the chunk's mean nats per character, before the update
        Raises:
            TrainingDiverged -- if the cost or the gradients are not finite (the parameters stay as they were)
        """
        cost = self._loss_and_gradients(inputs, targets)
        norm = math.sqrt(float(np.dot(self.grad, self.grad)))
        if not (math.isfinite(cost) and math.isfinite(norm)):
            rate = self.optimizer.rate
            raise TrainingDiverged(
                f"training diverged: the cost became {cost} (gradient norm {norm}) at step {self.steps_taken} with "
                f"learning_rate={rate:g}. Lower the learning rate (try {rate / 10:g}) or clip (max_norm=5).",
                iteration=self.steps_taken, cost=cost, learning_rate=rate)
        if self.max_norm is not None and norm > self.max_norm:  # as rnn.clip_gradients: one scale for all
            self.grad *= self.max_norm / norm
        if self.optimizer.gradient_scale != 1:  # plain gradient descent: the update is then theta -= grad
            self.grad *= self.optimizer.gradient_scale
        self.optimizer.next_step()
        self.optimizer.update(1, self.theta, self.grad)
        self._carry_state()
        self.steps_taken += 1
        return cost

    def _state_arrays(self):
        """(first state of the next chunk, last state of the chunk just run) for h (and c), as views."""
        return [(states[0], states[self._last_T]) for states in self._state_buffers()]

    def _carry_state(self):
        for first, last in self._state_arrays():
            first[...] = last

    def reset_state(self, *states):
        """Start the next chunk from zeros, or from the given states: h (RNN) or h, c (LSTM), each (n_h, m)."""
        firsts = [first for first, _ in self._state_arrays()]
        if states and len(states) != len(firsts):
            raise ValueError(f"reset_state takes no state (zeros) or {len(firsts)} arrays of shape (n_h, m), "
                             f"got {len(states)}.")
        names = ("h0", "c0")
        for k, first in enumerate(firsts):
            first[...] = check_state(states[k], names[k], self.n_h, self.m) if states else 0

    @property
    def state(self):
        """The state the next chunk starts from: h (FastRNN) or (h, c) (FastLSTM), each (n_h, m), copies."""
        states = [first.copy() for first, _ in self._state_arrays()]
        return states[0] if len(states) == 1 else tuple(states)

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
        params -- dict of initialize_lstm_parameters: "Wxi" (n_h, n_x), "Whi" (n_h, n_h), "bi" (n_h, 1), ...
                  for the gates i, f, g, o, "Why" (n_y, n_h), "by" (n_y, 1); copied, in ``dtype``
        batch_size -- m, the sequences side by side;  steps -- T, the longest chunk
        learning_rate -- the optimiser's step size
        max_norm -- the gradients' joint norm is clipped to this, as rnn.clip_gradients (None: no clipping)
        optimizer -- "adam" (default), "gd", "momentum" or "rmsprop", with optimizers.Optimizer's defaults
        dtype -- np.float32 (default) or np.float64 (equal to the lesson functions to rounding error)
    The state starts at zeros (reset_state to change it).
    """

    def __init__(self, params, batch_size, steps, learning_rate, max_norm=5.0, optimizer="adam", dtype=np.float32):
        n_x, n_h = check_lstm_parameters(params, GATE_KEYS + OUTPUT_KEYS)
        super().__init__(params, batch_size, steps, learning_rate, max_norm, optimizer, dtype, n_x, n_h, 4 * n_h)
        m, T, f = self.m, self.T, self.dtype
        self.C = np.zeros((T + 1, n_h, m), f)  # C[0] = c0, C[t + 1] = c_t
        self.Z = np.empty((T, 4 * n_h, m), f)  # the gates o, i, f, g of every step
        self.tanh_c = np.empty((T, n_h, m), f)
        self.Wh_scaled = np.empty((4 * n_h, n_h), f)
        # sigma(z) = (1 + tanh(z / 2)) / 2: the sigmoid gates' pre-activations are halved (scale), and
        # after one tanh over the block, (1 + tanh) / 2 of their rows gives the sigmoid
        self.scale = np.where(np.arange(4 * n_h) < 3 * n_h, 0.5, 1.0).astype(f)[:, np.newaxis]
        self.gathered = np.empty((4 * n_h, m), f)
        self.dz, self.one_minus = np.empty((4 * n_h, m), f), np.empty((3 * n_h, m), f)
        self.scratch, self.dh = np.empty((n_h, m), f), np.empty((n_h, m), f)
        self.dc, self.dc_next = np.empty((n_h, m), f), np.empty((n_h, m), f)

    def _state_buffers(self):
        return [self.hs, self.C]

    def _blocks(self):
        return {gate: slice(k * self.n_h, (k + 1) * self.n_h) for k, gate in enumerate(FAST_GATES)}

    def _from_lesson(self, params):
        for gate, block in self._blocks().items():
            for kind in ("Wx", "Wh", "b"):
                self.p[kind][block] = params[kind + gate]
        self.p["Why"][...], self.p["by"][...] = params["Why"], params["by"]

    def _to_lesson(self, views, prefix=""):
        blocks = self._blocks()
        out = {prefix + key: views[key[:-1]][blocks[key[-1]]].copy() for key in GATE_KEYS}  # "Wxi" -> Wx, block i
        out.update({prefix + key: views[key].copy() for key in OUTPUT_KEYS})
        return out

    def _forward(self, T, inputs):
        Z, hs, C, sigmoid = self.Z, self.hs, self.C, slice(0, 3 * self.n_h)
        np.add(self.p["Wx"], self.p["b"], out=self.table)  # column v: W_x onehot(v) + b
        self.table *= self.scale
        np.multiply(self.p["Wh"], self.scale, out=self.Wh_scaled)
        o, i, f, g = (self._blocks()[gate] for gate in FAST_GATES)
        for t in range(T):
            z, c, tanh_c = Z[t], C[t + 1], self.tanh_c[t]
            np.matmul(self.Wh_scaled, hs[t], out=z)  # all four gates: (4 n_h, n_h) (n_h, m)
            # W_x x_t + b: the inputs' columns of the table (indices checked: "clip" skips the buffered check)
            np.take(self.table, inputs[t], axis=1, out=self.gathered, mode="clip")
            z += self.gathered
            np.tanh(z, out=z)
            z[sigmoid] *= 0.5  # the sigmoid gates: (1 + tanh) / 2;  g stays tanh
            z[sigmoid] += 0.5
            np.multiply(z[f], C[t], out=c)  # c_t = f c_prev + i g
            np.multiply(z[i], z[g], out=self.scratch)
            c += self.scratch
            np.tanh(c, out=tanh_c)
            np.multiply(z[o], tanh_c, out=hs[t + 1])  # h_t = o tanh(c_t)

    def _backward(self, T):
        Z, C, dz, dh, dc, dc_next = self.Z, self.C, self.dz, self.dh, self.dc, self.dc_next
        o, i, f, g = (self._blocks()[gate] for gate in FAST_GATES)
        sigmoid, one_minus = slice(0, 3 * self.n_h), self.one_minus
        for t in reversed(range(T)):
            z, tanh_c = Z[t], self.tanh_c[t]
            if t < T - 1:  # h_t feeds this step's output and the gates of step t + 1
                np.add(self.dH[t].T, self.dh_next, out=dh)
            else:
                np.copyto(dh, self.dH[t].T)
            # each gate's derivative: sigma' = s (1 - s) for o, i, f;  tanh' = 1 - g^2 for g
            np.subtract(1, z[sigmoid], out=one_minus)
            np.multiply(z[sigmoid], one_minus, out=dz[sigmoid])
            np.multiply(z[g], z[g], out=dz[g])
            np.subtract(1, dz[g], out=dz[g])
            # dc = dc_next + dh o (1 - tanh(c_t)^2): c_t reaches J through step t + 1 and through h_t
            np.multiply(tanh_c, tanh_c, out=dc)
            np.subtract(1, dc, out=dc)
            dc *= z[o]
            dc *= dh
            if t < T - 1:
                dc += dc_next
            dz[o] *= tanh_c  # dz_o = dh tanh(c_t) o (1 - o)
            dz[o] *= dh
            dz[i] *= z[g]  # dz_i = dc g i (1 - i)
            dz[f] *= C[t]  # dz_f = dc c_prev f (1 - f)
            dz[g] *= z[i]  # dz_g = dc i (1 - g^2)
            dz[i.start:].reshape(3, self.n_h, self.m)[...] *= dc  # i, f, g: times dc
            np.multiply(dc, z[f], out=dc_next)  # c_t = f c_prev + ...
            np.copyto(self.dZ[:, self._columns(t)], dz)
            if t > 0:
                np.matmul(self.Wh_T, dz, out=self.dh_next)  # (n_h, 4 n_h) (4 n_h, m): all four gates back


class FastRNN(_FastRecurrent):
    """Trains the RNN of rnn.py fast: h_t = tanh(Wxh x_t + Whh h_{t-1} + bh); see the module docstring.

    Arguments: as FastLSTM, with params the dict of initialize_rnn_parameters: "Wxh" (n_h, n_x),
    "Whh" (n_h, n_h), "bh" (n_h, 1), "Why" (n_y, n_h), "by" (n_y, 1).
    """

    KEYS = {"Wxh": "Wx", "Whh": "Wh", "bh": "b", "Why": "Why", "by": "by"}  # the lesson's name: this module's

    def __init__(self, params, batch_size, steps, learning_rate, max_norm=5.0, optimizer="adam", dtype=np.float32):
        n_x, n_h = check_rnn_parameters(params)
        super().__init__(params, batch_size, steps, learning_rate, max_norm, optimizer, dtype, n_x, n_h, n_h)
        self.gathered, self.da, self.dh = (np.empty((n_h, self.m), self.dtype) for _ in range(3))

    def _state_buffers(self):
        return [self.hs]

    def _from_lesson(self, params):
        for key, name in self.KEYS.items():
            self.p[name][...] = params[key]

    def _to_lesson(self, views, prefix=""):
        return {prefix + key: views[name].copy() for key, name in self.KEYS.items()}

    def _forward(self, T, inputs):
        hs = self.hs
        np.add(self.p["Wx"], self.p["b"], out=self.table)
        for t in range(T):
            np.matmul(self.p["Wh"], hs[t], out=self.da)  # Whh h_{t-1}
            np.take(self.table, inputs[t], axis=1, out=self.gathered, mode="clip")  # Wxh x_t + bh
            self.da += self.gathered
            np.tanh(self.da, out=hs[t + 1])

    def _backward(self, T):
        da = self.da
        for t in reversed(range(T)):
            h = self.hs[t + 1]
            np.multiply(h, h, out=da)  # tanh'(a_t) = 1 - h_t^2
            np.subtract(1, da, out=da)
            if t < T - 1:  # h_t feeds this step's output and the cell of step t + 1
                np.add(self.dH[t].T, self.dh_next, out=self.dh)
                da *= self.dh
            else:
                da *= self.dH[t].T
            np.copyto(self.dZ[:, self._columns(t)], da)
            if t > 0:
                np.matmul(self.Wh_T, da, out=self.dh_next)
