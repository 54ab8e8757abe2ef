"""The lesson check cells: the package's own functions pass, typical mistakes are described in words."""

import re

import numpy as np
import pytest

from dnn_helpers import checks
from dnn_helpers.exercises import EXERCISES


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_reference_implementations_pass(name, capsys):
    assert checks.run_checks(EXERCISES[name].reference, name)
    assert capsys.readouterr().out == f"{name}: all checks passed.\n"


def run(function, capsys):
    passed = checks.run_checks(function)
    return passed, capsys.readouterr().out


def test_examples_counted_on_the_wrong_axis(capsys):
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[0]  # 4 features instead of 5 examples
        return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m

    passed, out = run(linear_backward, capsys)
    assert not passed and "dW is too large by a factor of 1.25" in out


def test_db_without_keepdims(capsys):
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[1]
        return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1) / m

    passed, out = run(linear_backward, capsys)
    assert not passed and "db has shape (3,), expected (3, 1)" in out


def test_transposed_result(capsys):
    def linear_forward(A_prev, W, b):
        return (W @ A_prev + b).T

    assert "Z has shape (5, 3), expected (3, 5): it is transposed" in run(linear_forward, capsys)[1]


def test_flipped_sign(capsys):
    def compute_cost(AL, Y):
        return float(np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))

    out = run(compute_cost, capsys)[1]
    assert "cost is -1.40671, expected 1.40671" in out
    assert "AL exactly 1 and 0: cost is nan" in out


def test_in_place_update_is_reported(capsys):
    def update_parameters(params, grads, learning_rate):
        for key in params:
            params[key] -= learning_rate * grads["d" + key]
        return params

    assert "changed its input params['W1'] in place" in run(update_parameters, capsys)[1]


def test_not_done_yet_and_crashes(capsys):
    def sigmoid(Z):
        raise NotImplementedError()

    assert run(sigmoid, capsys) == (False, "sigmoid: not done yet. Replace the `raise NotImplementedError()` line with your code.\n")

    def relu(Z):
        return np.maximum(Z, undefined_name)  # noqa: F821

    out = run(relu, capsys)[1]
    assert "raised NameError: name 'undefined_name' is not defined (line" in out


def test_missing_return_and_wrong_count(capsys):
    def linear_forward(A_prev, W, b):
        Z = W @ A_prev + b  # noqa: F841

    assert "Z is None: did you forget a return statement?" in run(linear_forward, capsys)[1]

    def linear_activation_forward(A_prev, W, b, activation):
        return W @ A_prev + b

    assert "should return A, cache; it returned a single ndarray" in run(linear_activation_forward, capsys)[1]


def test_unknown_function_name():
    with pytest.raises(ValueError, match=r"no checks for 'adagrad_step'"):
        checks.run_checks(lambda Z: Z, name="adagrad_step")


def test_text_results_short_whole_long_around_the_first_difference():
    describe = checks.describe_difference
    assert describe("the name", "relu", "relu") is None
    assert describe("the name", "rellu", "relu") == "the name is 'rellu', expected 'relu'."
    assert describe("the text", None, "first citizen") == "the text is None: did you forget a return statement?"
    expected = "first citizen before we proceed any further hear me speak"
    got = "first citizen  before we proceed any further hear me speak"
    assert describe("the text", got, expected) == (
        "the text has 58 characters, expected 57. They part at character 14: from character 2 on it reads "
        "'rst citizen  before we p' where 'rst citizen before we pr' was expected."
    )
    # one text is the start of the other: they part where the shorter one ends
    assert describe("the text", expected + " ", expected).startswith(
        "the text has 58 characters, expected 57. They part at character 57: from character 45 on it reads "
        "'ear me speak ' where 'ear me speak' was expected.")


def test_text8_reduce_that_keeps_the_line_breaks(capsys):
    def text8_reduce(text):
        return re.sub(" +", " ", re.sub("[^a-z\n]", " ", text.lower())).strip(" ")

    out = run(text8_reduce, capsys)[1]
    assert "the corpus's first lines: the reduced text has 79 characters, expected 73. They part at character 14" in out
    assert "Probable cause: the line breaks are kept" in out


def test_a_named_cache_is_compared_field_by_field():
    from dnn_helpers.rnn import RNNCellCache

    ones = np.ones((2, 3))
    values = np.arange(1.0, 7.0).reshape(2, 3)
    expected = RNNCellCache(ones, ones, values, ones, ones)
    assert checks.describe_difference("cache", RNNCellCache(ones, ones, values, ones, ones), expected) is None
    assert checks.describe_difference("cache", (ones, ones, values, ones, ones), expected) is None  # a plain tuple
    assert checks.describe_difference("cache", RNNCellCache(ones, ones, 2 * values, ones, ones), expected) == (
        "cache.h_t is too large by a factor of 2.")
    assert checks.describe_difference("caches", [expected, RNNCellCache(ones, ones, -values, ones, ones)],
                                      [expected, expected]) == (
        "caches[1].h_t has the right size but the wrong sign everywhere.")
    assert checks.describe_difference("cache", ones, expected) == (
        "cache should be RNNCellCache(x_t, h_prev, h_t, Wxh, Whh), got ndarray.")
