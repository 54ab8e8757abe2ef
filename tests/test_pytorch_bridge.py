"""Lesson 14's bridge: PyTorch's autograd gives the same cost and gradients as dnn_helpers.

The function under test is the one lesson 14 shows, taken from the notebook's cell, so the
notebook's PyTorch code is exercised even though the stored notebook was run without PyTorch.
Skipped when PyTorch is not installed (it is an optional extra, see requirements-bench.txt).
"""

import numpy as np
import pytest

from dnn_helpers import backward_propagation, compute_cost, forward_propagation, initialize_parameters
from dnn_helpers.cost import compute_multiclass_cost
from dnn_helpers.data import one_hot
from dnn_helpers.parameters import randomize_biases
from notebook_cells import NOTEBOOK_FOLDER, function_cell

pytest.importorskip("torch", reason="PyTorch is optional (requirements-bench.txt); the bridge test needs it")

NOTEBOOK = NOTEBOOK_FOLDER / "14_where_next.ipynb"


def notebook_function(name):
    source = function_cell(NOTEBOOK, name)
    namespace = {"np": np}
    exec(compile(source, f"{NOTEBOOK.name}:{name}", "exec"), namespace)
    return namespace[name]


def relative(a, b):
    a, b = np.ravel(a), np.ravel(b)
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


@pytest.mark.parametrize("output_activation, layer_dims", [("sigmoid", [4, 5, 3, 1]), ("softmax", [4, 5, 3])])
def test_torch_and_numpy_agree(output_activation, layer_dims):
    torch_cost_and_gradients = notebook_function("torch_cost_and_gradients")
    rng = np.random.default_rng(7)
    X = rng.normal(size=(4, 6))
    if output_activation == "softmax":
        Y, cost_function = one_hot(rng.integers(0, layer_dims[-1], size=6), layer_dims[-1]), compute_multiclass_cost
    else:
        Y, cost_function = (rng.random((1, 6)) > 0.5).astype(float), compute_cost
    params = randomize_biases(initialize_parameters(layer_dims, method="he", seed=7), 0.3, rng)
    AL, caches = forward_propagation(X, params, output_activation=output_activation)
    cost = cost_function(AL, Y)
    grads = backward_propagation(AL, Y, caches)

    torch_cost, torch_grads = torch_cost_and_gradients(X, Y, params, output_activation)

    assert abs(cost - torch_cost) <= 1e-6 * abs(cost)
    assert set(torch_grads) == {f"d{key}" for key in params}
    for key, value in torch_grads.items():
        assert value.shape == grads[key].shape
        assert relative(grads[key], value) <= 1e-6, key
