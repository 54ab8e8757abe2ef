"""The recurrent bridge: PyTorch's nn.RNN and nn.LSTM, given the same weights, give the same H, cost and gradients.

RNN: weight_ih_l0 is Wxh, weight_hh_l0 is Whh, and PyTorch's two biases add up to bh.
LSTM: the weights go over with stack_gates (gate order i, f, g, o); the two biases add up to ours.
Both in float64, to 1e-6 (measured: about 1e-16). Skipped when PyTorch is not installed (it is an
optional extra, see requirements-bench.txt).
"""

import numpy as np
import pytest

from dnn_helpers.lstm import GATE_KEYS, initialize_lstm_parameters, lstm_backward, lstm_forward, stack_gates, unstack_gates
from dnn_helpers.rnn import (initialize_rnn_parameters, rnn_backward, rnn_forward, rnn_output_backward, rnn_output_forward,
                            sequence_cost, sequence_cost_backward)
from dnn_helpers.text import one_hot_sequence

torch = pytest.importorskip("torch", reason="PyTorch is optional (requirements-bench.txt); the bridge test needs it")

N_X, N_H, N_Y, M, T = 5, 4, 3, 6, 7


def as_tensor(array, requires_grad=False):
    return torch.tensor(np.ascontiguousarray(array), dtype=torch.float64, requires_grad=requires_grad)


def torch_lstm_run(X, targets, h0, c0, params, bias_hh):
    """H (T, n_h, m), cost and gradients from nn.LSTM and nn.Linear, with PyTorch's bias_hh given."""
    lstm = torch.nn.LSTM(N_X, N_H, dtype=torch.float64)  # input (T, m, n_x): time first, as ours
    output = torch_output_layer(params)
    W_x, W_h, b = stack_gates(params)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(as_tensor(W_x))
        lstm.weight_hh_l0.copy_(as_tensor(W_h))
        lstm.bias_ih_l0.copy_(as_tensor(b.ravel() - bias_hh))  # the two biases add up to b
        lstm.bias_hh_l0.copy_(as_tensor(bias_hh))
    inputs = as_tensor(np.moveaxis(X, 1, 2), requires_grad=True)  # (T, n_x, m) -> (T, m, n_x)
    h, c = as_tensor(h0.T[np.newaxis], True), as_tensor(c0.T[np.newaxis], True)  # (layers, m, n_h)
    H, _ = lstm(inputs, (h, c))
    cost = torch_cost(output, H, targets)
    grads = unstack_gates(lstm.weight_ih_l0.grad.numpy(), lstm.weight_hh_l0.grad.numpy(),
                          lstm.bias_ih_l0.grad.numpy(), prefix="d")
    grads.update(dWhy=output.weight.grad.numpy(), dby=output.bias.grad.numpy().reshape(-1, 1),
                 dX=np.moveaxis(inputs.grad.numpy(), 2, 1), dh0=h.grad.numpy()[0].T, dc0=c.grad.numpy()[0].T)
    # b = bias_ih + bias_hh: both get the gradient of b
    np.testing.assert_allclose(lstm.bias_hh_l0.grad.numpy(), lstm.bias_ih_l0.grad.numpy(), rtol=1e-12, atol=1e-15)
    return np.moveaxis(H.detach().numpy(), 2, 1), cost.item(), grads


def torch_output_layer(params):
    output = torch.nn.Linear(N_H, N_Y, dtype=torch.float64)
    with torch.no_grad():
        output.weight.copy_(as_tensor(params["Why"]))
        output.bias.copy_(as_tensor(params["by"].ravel()))
    return output


def torch_cost(output, H, targets):
    """The mean cross-entropy of nn.Linear's logits (T, m, n_y) over all T m terms, as sequence_cost; backward run."""
    cost = torch.nn.functional.cross_entropy(output(H).reshape(-1, N_Y), torch.as_tensor(targets.reshape(-1)))
    cost.backward()
    return cost


def torch_rnn_run(X, targets, h0, params, bias_hh):
    """H (T, n_h, m), cost and gradients from nn.RNN (tanh) and nn.Linear, with PyTorch's bias_hh given."""
    rnn = torch.nn.RNN(N_X, N_H, nonlinearity="tanh", dtype=torch.float64)  # input (T, m, n_x): time first
    output = torch_output_layer(params)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(as_tensor(params["Wxh"]))
        rnn.weight_hh_l0.copy_(as_tensor(params["Whh"]))
        rnn.bias_ih_l0.copy_(as_tensor(params["bh"].ravel() - bias_hh))  # the two biases add up to bh
        rnn.bias_hh_l0.copy_(as_tensor(bias_hh))
    inputs = as_tensor(np.moveaxis(X, 1, 2), requires_grad=True)
    h = as_tensor(h0.T[np.newaxis], True)  # (layers, m, n_h)
    H, _ = rnn(inputs, h)
    cost = torch_cost(output, H, targets)
    np.testing.assert_allclose(rnn.bias_hh_l0.grad.numpy(), rnn.bias_ih_l0.grad.numpy(), rtol=1e-12, atol=1e-15)
    grads = {"dWxh": rnn.weight_ih_l0.grad.numpy(), "dWhh": rnn.weight_hh_l0.grad.numpy(),
             "dbh": rnn.bias_ih_l0.grad.numpy().reshape(-1, 1), "dWhy": output.weight.grad.numpy(),
             "dby": output.bias.grad.numpy().reshape(-1, 1), "dX": np.moveaxis(inputs.grad.numpy(), 2, 1),
             "dh0": h.grad.numpy()[0].T}
    return np.moveaxis(H.detach().numpy(), 2, 1), cost.item(), grads


def numpy_rnn_run(X, targets, h0, params):
    H, caches = rnn_forward(X, h0, params)
    logits = rnn_output_forward(H, params)
    dH, dWhy, dby = rnn_output_backward(sequence_cost_backward(logits, targets), H, params)
    grads = rnn_backward(dH, caches)
    grads.update(dWhy=dWhy, dby=dby)
    return H, sequence_cost(logits, targets), grads


def numpy_lstm_run(X, targets, h0, c0, params):
    H, caches, _ = lstm_forward(X, h0, c0, params)
    logits = rnn_output_forward(H, params)
    dH, dWhy, dby = rnn_output_backward(sequence_cost_backward(logits, targets), H, params)
    grads = lstm_backward(dH, caches)
    grads.update(dWhy=dWhy, dby=dby)
    return H, sequence_cost(logits, targets), grads


def relative(a, b):
    a, b = np.ravel(a), np.ravel(b)
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def random_case(params, rows, split_biases, seed=21):
    """Non-zero biases in params, one-hot inputs, targets, a random h0 and c0, and PyTorch's bias_hh (rows,)."""
    rng = np.random.default_rng(seed)
    for key in params:
        if key[0] == "b":
            params[key] = params[key] + rng.normal(scale=0.3, size=params[key].shape)
    X = one_hot_sequence(rng.integers(0, N_X, size=(T, M)), N_X)
    targets = rng.integers(0, N_Y, size=(T, M))
    h0, c0 = rng.normal(scale=0.5, size=(N_H, M)), rng.normal(scale=0.5, size=(N_H, M))
    bias_hh = rng.normal(size=rows) if split_biases else np.zeros(rows)
    return X, targets, h0, c0, bias_hh


def assert_agree(ours, theirs, keys):
    (H, cost, grads), (torch_H, torch_cost, torch_grads) = ours, theirs
    assert np.max(np.abs(H - torch_H)) <= 1e-6
    assert abs(cost - torch_cost) <= 1e-6 * abs(cost)
    assert set(torch_grads) == set(keys)
    for key in keys:
        assert torch_grads[key].shape == grads[key].shape, key
        assert relative(grads[key], torch_grads[key]) <= 1e-6, key


@pytest.mark.parametrize("split_biases", [False, True])
def test_torch_rnn_and_numpy_agree(split_biases):
    params = initialize_rnn_parameters(N_X, N_H, N_Y, seed=21)
    X, targets, h0, _, bias_hh = random_case(params, N_H, split_biases)
    assert_agree(numpy_rnn_run(X, targets, h0, params), torch_rnn_run(X, targets, h0, params, bias_hh),
                 ["dWxh", "dWhh", "dbh", "dWhy", "dby", "dX", "dh0"])


@pytest.mark.parametrize("split_biases", [False, True])
def test_torch_lstm_and_numpy_agree(split_biases):
    params = initialize_lstm_parameters(N_X, N_H, N_Y, seed=21)
    X, targets, h0, c0, bias_hh = random_case(params, 4 * N_H, split_biases)
    assert_agree(numpy_lstm_run(X, targets, h0, c0, params), torch_lstm_run(X, targets, h0, c0, params, bias_hh),
                 ["d" + key for key in GATE_KEYS] + ["dWhy", "dby", "dX", "dh0", "dc0"])
