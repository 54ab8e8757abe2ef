"""The checker never crashes: random wrong results for every registered exercise all get a verdict.

For each case of each exercise, the expected result is mutated into a wrong one (NaN, inf, zeros,
wrong types, wrong shapes, missing, renamed and extra keys, tuples of the wrong length, noise in
one entry, one part of a tuple replaced) and handed back by a stand-in for the learner's function;
other stand-ins raise unusual errors. Each must get a verdict in words: no traceback, no sentence
from the checker's last-resort guard, and never "all checks passed" for a result that differs.
"""

import copy
import re

import numpy as np
import pytest

from dnn_helpers import checks
from dnn_helpers.exercises import EXERCISES

MUTATIONS_PER_CASE = 24


def leaves(value, path=()):
    """(path, array or number) for every numeric leaf of a result."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, path + (key,))
    elif isinstance(value, (tuple, list)) and not isinstance(value, str):
        for index, item in enumerate(value):
            yield from leaves(item, path + (index,))
    elif isinstance(value, (np.ndarray, float, int)) and not isinstance(value, bool):
        yield path, value


def replace(value, path, new):
    """A copy of ``value`` with the leaf at ``path`` replaced by ``new``."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        copied = dict(value)
        copied[head] = replace(value[head], rest, new)
        return copied
    items = list(value)
    items[head] = replace(value[head], rest, new)
    return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)  # a cache: a named tuple


def fill(leaf, number):
    return np.full_like(leaf, number, dtype=float) if isinstance(leaf, np.ndarray) else number


def mutations(expected, rng):
    """Wrong results derived from ``expected``: the first few of every kind, then random ones."""
    found = list(leaves(expected))
    out = [None, "a string", 3, 2.5 + 1j, [1, 2], {}, (), object(), print, np.array([]), np.array(["a", "b"])]
    if isinstance(expected, tuple):
        out += [expected[:1], expected + (expected[0],), tuple(reversed(expected)), list(expected)]
    if isinstance(expected, dict) and expected:
        first = next(iter(expected))
        out += [{key: value for key, value in expected.items() if key != first},
                {**expected, "extra": np.zeros(1)}, {**expected, 7: 1.0},
                {("renamed_" + str(key)): value for key, value in expected.items()}]
    for path, leaf in found:
        for number in (np.nan, np.inf, -np.inf, 0.0):
            out.append(replace(expected, path, fill(leaf, number)))
        if isinstance(leaf, np.ndarray) and leaf.size:
            leaf = leaf.astype(float) if leaf.dtype == bool else leaf  # a mask: its wrong versions are numbers
            out += [replace(expected, path, leaf.T), replace(expected, path, leaf.ravel()),
                    replace(expected, path, leaf[..., None]), replace(expected, path, leaf.astype(object)),
                    replace(expected, path, leaf.tolist()), replace(expected, path, (leaf, leaf)),
                    replace(expected, path, leaf * 2), replace(expected, path, leaf + 1),
                    replace(expected, path, -leaf)]
            noisy = np.array(leaf, dtype=float, copy=True)
            noisy.flat[rng.integers(noisy.size)] += 1e-3 + abs(noisy.flat[0])
            out.append(replace(expected, path, noisy))
        else:
            out += [replace(expected, path, np.array([[leaf]])), replace(expected, path, str(leaf)),
                    replace(expected, path, None)]
    if len(out) > MUTATIONS_PER_CASE:  # every kind once over the exercise's cases: a random selection per case
        picks = rng.choice(len(out), size=MUTATIONS_PER_CASE, replace=False)
        out = [out[i] for i in sorted(picks)]
    return out


class StrangeError(Exception):
    def __str__(self):
        raise RuntimeError("no message")


RAISERS = [ValueError("operands could not be broadcast"), KeyError(3), ZeroDivisionError(), TypeError(""),
           FloatingPointError("overflow encountered in exp"), StrangeError(), IndexError("index 0 is out of bounds")]

CASES = [(name, index) for name, exercise in EXERCISES.items() for index in range(len(exercise.cases()))]
FUZZED = {"count": 0}


def stand_in(name, result=None, error=None):
    """A learner's function called ``name`` that returns ``result`` or raises ``error``."""
    def function(*arguments):
        if error is not None:
            raise copy.copy(error)
        return copy.deepcopy(result)
    function.__name__ = name
    return function


@pytest.mark.parametrize("name, index", CASES, ids=[f"{name}-{index}" for name, index in CASES])
def test_every_wrong_result_gets_a_verdict(name, index, capsys):
    exercise = EXERCISES[name]
    arguments, _ = exercise.cases()[index]
    try:
        expected = exercise.reference(*copy.deepcopy(arguments))
    except Exception:  # a case where the function must raise: every result is wrong
        expected = None
    rng = np.random.default_rng(index + 7 * len(name))
    wrong_results = mutations(expected, rng) if expected is not None else [None, 0.0, np.zeros(3), (1, 2)]
    for result in wrong_results:
        FUZZED["count"] += 1
        problem = checks._check_case(exercise, stand_in(name, result), arguments)
        agrees = expected is not None and checks.describe_difference(exercise.result_names, result, expected) is None
        if agrees:
            continue  # a mutation that changed nothing (zeros where the answer is zero)
        assert isinstance(problem, str) and problem, f"{name}: no verdict for {result!r:.200}"
        assert checks.CHECKER_FAILURE not in problem, f"{name}: {problem}"
    for error in RAISERS:
        FUZZED["count"] += 1
        problem = checks._check_case(exercise, stand_in(name, error=error), arguments)
        if expected is not None:
            assert isinstance(problem, str) and problem.startswith("raised "), problem
    capsys.readouterr()


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_a_whole_check_of_a_wrong_function_gives_a_verdict(name, capsys):
    exercise = EXERCISES[name]
    wrong = stand_in(name, result=(np.nan, "x"))
    assert checks.run_checks(wrong, name) is False
    out = capsys.readouterr().out
    assert out.startswith(f"{name}: ") and checks.CHECKER_FAILURE not in out and "Traceback" not in out
    assert exercise.cases()  # every exercise has cases to fuzz


def test_no_message_quotes_a_relative_difference_against_an_expected_zero():
    expected = np.array([[0.0, 0.0, 2.0]])
    message = checks.describe_difference("dW", np.array([[1e-3, 0.5, 2.0]]), expected)
    assert "relative" not in message and "should be 0 in 2 of 3 entries" in message
    mixed = checks.describe_difference("dW", np.array([[1e-3, 0.0, 3.0]]), expected)
    assert "by up to 0.5 relative; 1 of them should be 0" in mixed
    for text in (message, mixed):
        assert not re.search(r"\d+e\+\d+ relative", text)


def test_all_inf_candidates_do_not_crash_the_comparison():
    # a replayed slip that divides by zero gives inf everywhere; comparing with it must not fail
    assert checks.describe_difference("db", np.ones((3, 1)), np.full((3, 1), np.inf)) is not None
    assert checks.describe_difference("db", np.full((3, 1), np.inf), np.full((3, 1), np.inf)) is None
    assert "NaN or inf" in checks.describe_difference("db", np.full((3, 1), np.inf), np.ones((3, 1)))


def test_the_fuzz_ran_enough_cases():
    """Runs after the fuzz tests above (pytest keeps file order): thousands of wrong results."""
    if FUZZED["count"] == 0:
        pytest.skip("run with the fuzz tests above")
    print(f"fuzzed {FUZZED['count']} wrong results")
    assert FUZZED["count"] > 1000
