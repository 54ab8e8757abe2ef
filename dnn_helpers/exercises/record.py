"""The record of one exercise: everything a check cell knows about a function a lesson asks for.

A record holds the package's reference function, the inputs the check cell runs it on, the
names of its results (so that a message can say which array is wrong), the classic mistakes
it recognises by their effect, and the advice for an error the learner's function raises or
fails to raise.
"""

import contextlib
import copy
import io
import re
from dataclasses import dataclass
from typing import Callable, NamedTuple

import numpy as np


class Mistake(NamedTuple):
    """A classic slip: the advice to give, and a wrong version with the reference's signature."""

    advice: str
    wrong: Callable


class ErrorAdvice(NamedTuple):
    """Advice for an exception of type ``kind`` whose message contains ``words``."""

    kind: type
    words: str
    advice: str

    def fits(self, error):
        return isinstance(error, self.kind) and self.words in str(error)


# advice for errors that any exercise's function may raise, tried after the exercise's own
ADVICE_FOR_ANY_EXERCISE = (
    ErrorAdvice(ValueError, "values to unpack",
                "a cache is one LayerCache: read its fields by name, cache.A_prev, cache.W, cache.b, cache.Z."),
    ErrorAdvice(FloatingPointError, "overflow",
                "np.exp of a large number overflowed. For the sigmoid, exponentiate only -|Z|: "
                "e = np.exp(-np.abs(Z)), then 1 / (1 + e) where Z >= 0 and e / (1 + e) where Z < 0."),
    ErrorAdvice(AttributeError, "'tuple' object has no attribute",
                "a function returned a tuple where one array was expected: "
                "A, cache = linear_activation_forward(...)."),
)


def _is_nan(value):
    """True for a NaN number (a cost gone wrong), False for anything else."""
    return isinstance(value, (float, np.floating)) and bool(np.isnan(value))


@dataclass(frozen=True)
class Exercise:
    """One function a lesson asks the learner to write, and what its check cell knows about it.

    Fields:
        name -- the function's name, as the notebook defines it and ``check`` looks it up
        reference -- the package's implementation, which the learner's function must match
        make_cases -- function seed -> list of (arguments tuple, description) to run both on
        result_names -- the name of the result, or a tuple of names for a returned tuple
        mistakes -- the classic slips, as Mistake(advice, wrong function), tried in order; a wrong function
            either returns what the slip returns or raises what it raises
        error_advice -- ErrorAdvice for exceptions this function's slips raise, tried in order
        missing_error_advice -- what to say when a case must raise and the learner's function does not
        ready_made -- True for a function the lesson provides: ``check`` accepts it, ``progress``
            does not count it and the notebook has no solution cell for it
    """

    name: str
    reference: Callable
    make_cases: Callable
    result_names: str | tuple = "the result"
    mistakes: tuple = ()
    error_advice: tuple = ()
    missing_error_advice: str = ""
    ready_made: bool = False

    def cases(self, seed=1):
        """The (arguments, description) pairs the check cell runs, built from ``seed``."""
        return self.make_cases(seed)

    def advice_for_error(self, error):
        """Advice for an exception the learner's function raised, or None."""
        for advice in self.error_advice + ADVICE_FOR_ANY_EXERCISE:
            if advice.fits(error):
                return advice.advice
        return None

    def recognise(self, arguments, got, matches):
        """The advice for the first known mistake that reproduces ``got``, or None.

        Arguments:
            arguments -- the inputs the learner's function was called with, as they were before the call
            got -- what the learner's function returned
            matches -- function (got, expected) -> True when the two results agree
        """
        for advice, wrong in self.mistakes:
            try:
                with np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()):  # replays print nothing
                    expected = wrong(*copy.deepcopy(arguments))  # each slip draws from a fresh copy of a Generator
            except Exception:  # a slip that cannot run on these inputs cannot be the learner's
                continue
            if (_is_nan(got) and _is_nan(expected)) or matches(got, expected):
                return advice
        return None

    def recognise_error(self, arguments, error):
        """The advice for the first known mistake that raises the same error as the learner's function, or None.

        A slip such as a missing transpose raises rather than returns: W.T @ A_prev and A_prev @ W
        both fail, each with its own message (the sizes differ because the inputs are not square).
        """
        for advice, wrong in self.mistakes:
            try:
                with np.errstate(over="raise", divide="ignore", invalid="ignore", under="ignore"), \
                        contextlib.redirect_stdout(io.StringIO()):
                    wrong(*copy.deepcopy(arguments))
            except Exception as slip:  # noqa: BLE001 (any error a slip raises can be the learner's)
                if type(slip) is type(error) and _same_message(slip, error):
                    return advice
        return None


# the two operands' inner sizes in NumPy's messages for A @ B and for np.dot(A, B)
_MATMUL_SIZES = re.compile(r"core dimension 0.*\(size (\d+) is different from (\d+)\)")
_DOT_SIZES = re.compile(r"not aligned: (\d+) \(dim \d+\) != (\d+) \(dim 0\)")


def _same_message(first, second):
    """True for the same error message, or for two mismatched products of the same inner sizes (@ or np.dot)."""
    try:
        texts = str(first), str(second)
    except Exception:  # an exception whose message cannot be shown
        return False
    if texts[0] == texts[1]:
        return True
    return product_sizes(texts[0]) is not None and product_sizes(texts[0]) == product_sizes(texts[1])


def product_sizes(text):
    """(columns of the left operand, rows of the right one) of a failed matrix product, or None."""
    found = _MATMUL_SIZES.search(text)
    if found:
        return int(found.group(2)), int(found.group(1))
    found = _DOT_SIZES.search(text)
    return (int(found.group(1)), int(found.group(2))) if found else None
