"""Checks under nbgrader: a failing check raises, one bug costs one function, borrowed code is refused."""

import functools

import numpy as np
import pytest

import dnn_helpers
from dnn_helpers import checks
from dnn_helpers.backward import linear_backward as course_linear_backward
from dnn_helpers.exercises import EXERCISES


@pytest.fixture
def graded(monkeypatch):
    monkeypatch.setenv(checks.GRADED_MODE_VARIABLE, "autograde")


def wrong_axis_linear_backward(dZ, W, A_prev):
    m = A_prev.shape[0]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


def test_graded_mode_follows_the_variable_nbgrader_sets(monkeypatch):
    monkeypatch.delenv(checks.GRADED_MODE_VARIABLE, raising=False)
    assert not checks.graded()
    for value in ("validate", "autograde"):
        monkeypatch.setenv(checks.GRADED_MODE_VARIABLE, value)
        assert checks.graded()


def test_in_a_learners_session_a_failing_check_prints(monkeypatch, capsys):
    monkeypatch.delenv(checks.GRADED_MODE_VARIABLE, raising=False)

    def linear_backward(dZ, W, A_prev):
        return wrong_axis_linear_backward(dZ, W, A_prev)

    assert checks.check(linear_backward) is None
    assert capsys.readouterr().out.startswith("linear_backward: 1 problem found.\n")


def test_in_graded_mode_a_failing_check_raises_its_diagnosis_wrapped(graded, capsys):
    def linear_backward(dZ, W, A_prev):
        return wrong_axis_linear_backward(dZ, W, A_prev)

    with pytest.raises(AssertionError) as raised:
        checks.check(linear_backward)
    message = str(raised.value)
    assert message.startswith("linear_backward: 1 problem found.\n  - dZ (3, 5)")
    assert "the number of examples is taken from the wrong axis" in " ".join(message.split())
    lines = message.splitlines()
    assert max(len(line) for line in lines) <= checks.LINE_WIDTH
    assert len("AssertionError: " + lines[0]) <= checks.LINE_WIDTH  # the traceback's last line, as nbgrader shows it
    assert capsys.readouterr().out == ""


def test_in_graded_mode_an_unfinished_exercise_says_not_done(graded):
    def sigmoid(Z):
        raise NotImplementedError()

    with pytest.raises(AssertionError, match="sigmoid: not done yet") as raised:
        checks.check(sigmoid)
    assert len("AssertionError: " + str(raised.value).splitlines()[0]) <= checks.LINE_WIDTH


def test_in_graded_mode_a_passing_check_prints_and_names_the_course_helpers(graded, capsys):
    namespace = {"np": np, "get_activation": dnn_helpers.get_activation}
    exec(
        "def linear_backward(dZ, W, A_prev):\n"  # a learner's own, wrong, linear_backward ...
        "    return W.T @ dZ, dZ @ A_prev.T / A_prev.shape[0], np.sum(dZ, axis=1, keepdims=True)\n"
        "def linear_activation_backward(dA, cache, activation):\n"  # ... used by a right linear_activation_backward
        "    dZ = get_activation(activation).backward(dA, cache.Z)\n"
        "    return linear_backward(dZ, cache.W, cache.A_prev)\n",
        namespace,
    )
    checks.check(namespace["linear_activation_backward"])
    out = capsys.readouterr().out
    assert out.startswith("linear_activation_backward: all checks passed.\n")
    assert "with the course's linear_backward in place of yours" in " ".join(out.split())


def test_a_demonstration_of_a_wrong_version_only_prints_in_graded_mode(graded, capsys):
    checks.check(wrong_axis_linear_backward, name="linear_backward")
    assert "dW is too large by a factor of 1.25" in capsys.readouterr().out


def test_one_early_bug_costs_one_function(capsys):
    """A right backward_propagation passes although the learner's own helpers are wrong."""
    namespace = {"np": np, "clip_probabilities": dnn_helpers.cost.clip_probabilities,
                 "get_activation": dnn_helpers.get_activation}
    exec(
        "def linear_backward(dZ, W, A_prev):\n"
        "    m = A_prev.shape[0]\n"
        "    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m\n"
        "def linear_activation_backward(dA, cache, activation):\n"
        "    return linear_backward(dA, cache.W, cache.A_prev)\n"  # forgets g'(Z)
        "def backward_propagation(AL, Y, caches):\n"
        "    L = len(caches)\n"
        "    A = clip_probabilities(AL)\n"
        "    grads = {f'dA{L}': -(Y / A - (1 - Y) / (1 - A))}\n"
        "    out = caches[L - 1]\n"
        "    if out.activation == 'sigmoid':\n"
        "        dZ = AL - Y\n"
        "    else:\n"
        "        dZ = get_activation(out.activation).backward(grads[f'dA{L}'], out.Z)\n"
        "    grads[f'dA{L - 1}'], grads[f'dW{L}'], grads[f'db{L}'] = linear_backward(dZ, out.W, out.A_prev)\n"
        "    for l in range(L - 1, 0, -1):\n"
        "        c = caches[l - 1]\n"
        "        grads[f'dA{l - 1}'], grads[f'dW{l}'], grads[f'db{l}'] = linear_activation_backward(\n"
        "            grads[f'dA{l}'], c, c.activation)\n"
        "    return grads\n",
        namespace,
    )
    assert checks.run_checks(namespace["linear_backward"]) is False
    assert checks.run_checks(namespace["linear_activation_backward"]) is False
    capsys.readouterr()
    assert checks.run_checks(namespace["backward_propagation"]) is True
    assert capsys.readouterr().out == "backward_propagation: all checks passed.\n"


def test_a_wrong_function_is_blamed_not_its_helpers(capsys):
    namespace = {"np": np, "get_activation": dnn_helpers.get_activation}
    exec(
        "def linear_backward(dZ, W, A_prev):\n"
        "    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)\n"  # no 1/m
        "def linear_activation_backward(dA, cache, activation):\n"
        "    dZ = get_activation('relu').backward(dA, cache.Z)\n"  # ignores the activation
        "    return linear_backward(dZ, cache.W, cache.A_prev)\n",
        namespace,
    )
    assert checks.run_checks(namespace["linear_activation_backward"]) is False
    out = capsys.readouterr().out
    assert "Probable cause: the activation is fixed to ReLU" in out
    assert "factor of m" not in out and "too large" not in out
    assert out.rstrip().endswith("so what it reports is about linear_activation_backward itself.")


def test_helpers_are_replaced_only_where_the_learner_wrote_their_own():
    function, replaced = checks.with_course_helpers(EXERCISES["backward_propagation"].reference,
                                                    "backward_propagation")
    assert replaced == () and function is EXERCISES["backward_propagation"].reference


# The hidden test: the function must be written in the notebook


def test_a_function_written_here_is_accepted():
    def linear_backward(dZ, W, A_prev):
        m = A_prev.shape[1]
        return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m

    assert checks.borrowed_from_package(linear_backward) is None
    checks.assert_written_here(linear_backward)


def test_an_imported_function_is_refused():
    with pytest.raises(AssertionError) as raised:
        checks.assert_written_here(course_linear_backward)
    assert "the course's own dnn_helpers.backward.linear_backward, imported" in " ".join(str(raised.value).split())
    assert "imported" in checks.borrowed_from_package(dnn_helpers.linear_backward, "linear_backward")


def test_a_wrapper_around_the_package_function_is_refused():
    alias = course_linear_backward

    def through_a_global(dZ, W, A_prev):
        return alias(dZ, W, A_prev)

    def through_an_attribute(dZ, W, A_prev):
        return dnn_helpers.backward.linear_backward(dZ, W, A_prev)

    def through_an_import(dZ, W, A_prev):
        from dnn_helpers.backward import linear_backward
        return linear_backward(dZ, W, A_prev)

    for function in (through_a_global, through_an_attribute, through_an_import):
        function.__globals__["alias"] = alias
        reason = checks.borrowed_from_package(function, "linear_backward")
        assert reason and "calls the course's own dnn_helpers.backward.linear_backward" in reason, function
    assert "functools.partial" in checks.borrowed_from_package(functools.partial(course_linear_backward),
                                                               "linear_backward").replace("a partial", "functools.partial")
    assert "defined in the package" in checks.borrowed_from_package(dnn_helpers.relu_backward, "linear_backward")
