import numpy as np
import pytest

from dnn_helpers import initialize_parameters
from dnn_helpers.parameters import randomize_biases


def test_shapes_and_zero_biases():
    params = initialize_parameters([3, 4, 2, 1], seed=0)
    assert sorted(params) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    assert params["W1"].shape == (4, 3) and params["b1"].shape == (4, 1)
    assert params["W2"].shape == (2, 4) and params["W3"].shape == (1, 2)
    assert all(not params[f"b{l}"].any() for l in (1, 2, 3))


@pytest.mark.parametrize(
    "method, std", [("randn", 1.0), ("small", 0.01), ("xavier", np.sqrt(1 / 400)), ("he", np.sqrt(2 / 400))]
)
def test_scale_of_each_method(method, std):
    W = initialize_parameters([400, 500, 1], method=method, seed=3)["W1"]
    # 200,000 draws: the sample standard deviation is within 1% of the target
    assert W.std() == pytest.approx(std, rel=0.01)
    assert abs(W.mean()) < 0.01 * std


def test_scaled_methods_share_the_same_random_draws():
    plain = initialize_parameters([5, 3, 1], method="randn", seed=7)
    he = initialize_parameters([5, 3, 1], method="he", seed=7)
    np.testing.assert_allclose(he["W1"], plain["W1"] * np.sqrt(2 / 5))


def test_zeros_method():
    assert not initialize_parameters([3, 2, 1], method="zeros")["W1"].any()


def test_seed_and_generator_reproducible():
    a = initialize_parameters([3, 4, 1], seed=11)
    b = initialize_parameters([3, 4, 1], seed=np.random.default_rng(11))
    c = initialize_parameters([3, 4, 1], seed=12)
    np.testing.assert_array_equal(a["W1"], b["W1"])
    assert not np.array_equal(a["W1"], c["W1"])


def test_float32_on_request():
    params = initialize_parameters([3, 4, 1], dtype=np.float32)
    assert all(value.dtype == np.float32 for value in params.values())
    assert initialize_parameters([3, 4, 1])["W1"].dtype == np.float64


def test_randomize_biases_draws_new_biases_and_shares_the_weights():
    params = initialize_parameters([3, 4, 2], method="he", seed=1)
    randomized = randomize_biases(params, 0.5, seed=2)
    rng = np.random.default_rng(2)
    np.testing.assert_array_equal(randomized["b1"], rng.normal(scale=0.5, size=(4, 1)))
    np.testing.assert_array_equal(randomized["b2"], rng.normal(scale=0.5, size=(2, 1)))
    assert randomized["W1"] is params["W1"] and randomized["W2"] is params["W2"]
    assert not params["b1"].any() and not params["b2"].any()  # the original keeps its zeros
    with pytest.raises(ValueError, match="Missing"):
        randomize_biases({"W1": params["W1"]}, 0.5)
