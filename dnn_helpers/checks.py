"""Check cells for the lessons: run a learner's function against the package's and say what differs.

    check(linear_forward)          # prints a verdict, and one line per failing case

Every case calls the learner's function and the reference implementation in
``dnn_helpers`` on the same small inputs, then compares the results array by
array. A difference is described in plain words (a wrong shape, a transposed
result, values off by a constant factor, a parameter left as it was, a modified
input) rather than shown as a wall of numbers, and a known mistake that gives
the same result is named as the probable cause.

One function at a time: a check runs the learner's function with the course's
versions of the other exercises it calls (``backward_propagation`` with the
course's ``linear_backward``), so a mistake in one function fails one check.

Graded mode: while nbgrader executes a notebook (``nbgrader validate`` and
``nbgrader autograde`` set the environment variable NBGRADER_EXECUTION) a
failing ``check(f)`` raises AssertionError with the same diagnosis, wrapped to
the width nbgrader shows, so that the cell loses its points. In a learner's own
session it only prints. ``assert_written_here(f)``, the hidden test of every
graded check cell, refuses a function taken from the package instead of written.
"""

import contextlib
import copy
import dis
import inspect
import io
import numbers
import os
import sys
import textwrap
import traceback
import types
import warnings

import numpy as np

from .exercises import EXERCISES, LESSONS
from .exercises.record import product_sizes

PACKAGE_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

# nbgrader sets this while it executes a notebook: "validate" or "autograde"
GRADED_MODE_VARIABLE = "NBGRADER_EXECUTION"
# `nbgrader validate` shows an error 4 spaces in and cuts every line longer than 87 characters
LINE_WIDTH = 83

# name -> True (passed) or False (failed or not done) for every check run in this kernel
_results = {}


def graded():
    """True while nbgrader executes the notebook: a failing check raises instead of printing."""
    return bool(os.environ.get(GRADED_MODE_VARIABLE))


def check_cases(name, seed=1):
    """The (arguments, description) pairs that ``check`` uses for the function called ``name``."""
    return EXERCISES[name].cases(seed)


# ---------------------------------------------------------------------------------------------
# Describing how a result differs from the expected one


def describe_difference(label, got, expected, rtol=1e-7, atol=1e-10):
    """None when ``got`` matches ``expected``; otherwise one sentence on how it differs.

    ``label`` names the result; a tuple of names labels the items of a returned tuple.
    Whatever ``got`` is (a wrong type, NaN, a ragged list), the answer is a sentence.
    """
    if isinstance(expected, dict):
        return _describe_dict_difference(label, got, expected, rtol, atol)
    if isinstance(expected, tuple) and hasattr(expected, "_fields"):  # a cache: LayerCache, RNNCellCache, ...
        return _describe_cache_difference(label, got, expected, rtol, atol)
    if isinstance(expected, (tuple, list)):
        if isinstance(label, tuple):  # the tuple of values the function returns
            if not isinstance(got, (tuple, list)) or len(got) != len(expected):
                given = f"{len(got)} values" if isinstance(got, (tuple, list)) else f"a single {type(got).__name__}"
                return f"the function should return {', '.join(label)}; it returned {given}."
            names = label
        else:  # a list inside the result, such as the costs or the caches
            if not isinstance(got, (tuple, list)):
                return f"{label} should be a list of {len(expected)} entries, got {type(got).__name__}."
            if len(got) != len(expected):
                return f"{label} has {len(got)} entries, expected {len(expected)}."
            names = [f"{label}[{index}]" for index in range(len(expected))]
        problems = [describe_difference(name, g, e, rtol, atol) for name, g, e in zip(names, got, expected)]
        return _most_telling([problem for problem in problems if problem])
    if isinstance(expected, bool) or expected is None:
        return None if got is expected else f"{label} is {_show(got)}, expected {expected!r}."
    if isinstance(expected, float):
        return _describe_number_difference(label, got, expected, rtol, atol)
    if isinstance(expected, str):
        if isinstance(got, str) and got == expected:
            return None
        if callable(got):
            return f"{label} should be the name {expected!r}, not the function itself."
        if got is None:
            return f"{label} is None: did you forget a return statement?"
        if isinstance(got, str) and max(len(got), len(expected)) > SHORT_TEXT:
            return _describe_text_difference(label, got, expected)
        return f"{label} is {_show(got)}, expected {expected!r}."
    return _describe_array_difference(label, got, np.asarray(expected), rtol, atol)


SHORT_TEXT = 40  # a str result up to this length is shown whole; a longer one around its first difference


def _describe_text_difference(label, got, expected, context=12):
    """Where two long strings part: their lengths, and a few characters from just before the first difference."""
    first = next((i for i, (g, e) in enumerate(zip(got, expected)) if g != e), min(len(got), len(expected)))
    start = max(first - context, 0)
    return (f"{label} has {len(got)} characters, expected {len(expected)}. They part at character {first}: "
            f"from character {start} on it reads {got[start:first + context]!r} where "
            f"{expected[start:first + context]!r} was expected.")


def _show(value, limit=60):
    """A short repr of any value, for a message."""
    try:
        text = repr(value)
    except Exception:  # a learner's object whose repr fails
        text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _keys(keys):
    """Dictionary keys as a sorted list, whatever their types."""
    return sorted(keys, key=lambda key: (type(key).__name__, repr(key)))


def _most_telling(problems):
    """The problem to report first: a wrong name (an activation) says more than the numbers it caused."""
    if not problems:
        return None
    named = [problem for problem in problems if ".activation is" in problem]
    return named[0] if named else problems[0]


def _describe_dict_difference(label, got, expected, rtol, atol):
    if not isinstance(got, dict):
        return f"{label} should be a dict with keys {_keys(expected)}, got {type(got).__name__}."
    missing, extra = _keys(set(expected) - set(got)), _keys(set(got) - set(expected))
    if missing:
        return f"{label} is missing the keys {missing}" + (f" (and has unexpected keys {extra})." if extra else ".")
    if extra:
        return f"{label} has unexpected keys {extra}: it should hold exactly {_keys(expected)}."
    wrong = {key: problem for key in expected
             if (problem := describe_difference(f"{label}[{key!r}]", got[key], expected[key], rtol, atol))}
    first = _most_telling(list(wrong.values()))
    others = [key for key, problem in wrong.items() if problem != first]
    if first and others:  # which entries are right says where to look
        shown = ", ".join(map(repr, others[:6])) + (", ..." if len(others) > 6 else "")
        first = f"{first.rstrip('.')} (also wrong: {shown})."
    return first


def _describe_cache_difference(label, got, expected, rtol, atol):
    """Compare a named tuple field by field, naming the field that differs (label.field)."""
    if not isinstance(got, tuple) or len(got) != len(expected):
        layout = f"{type(expected).__name__}({', '.join(expected._fields)})"
        given = f"a tuple of {len(got)} items" if isinstance(got, tuple) else type(got).__name__
        return f"{label} should be {layout}, got {given}."
    fields = expected._fields
    # the activation's name first (a LayerCache): it explains the numbers
    order = sorted(range(len(fields)), key=lambda index: fields[index] != "activation")
    for index in order:
        problem = describe_difference(f"{label}.{fields[index]}", got[index], expected[index], rtol, atol)
        if problem:
            return problem
    return None


def _describe_number_difference(label, got, expected, rtol, atol):
    if got is None:
        return f"{label} is None: did you forget a return statement?"
    if isinstance(got, np.ndarray):
        if got.ndim != 0:
            return f"{label} should be a single number, got an array of shape {got.shape}."
        got = got[()]
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (numbers.Number, np.number)):
        return f"{label} should be a number, got {type(got).__name__} {_show(got)}."
    if isinstance(got, (complex, np.complexfloating)):
        return f"{label} should be a real number, got the complex number {_show(got)}."
    value = float(got)
    if np.isnan(expected) and np.isnan(value):
        return None
    if not np.isclose(value, expected, rtol=rtol, atol=atol):
        return f"{label} is {value:.6g}, expected {expected:.6g}."
    return None


def _describe_array_difference(label, got, expected, rtol, atol):
    if got is None:
        return f"{label} is None: did you forget a return statement?"
    if isinstance(got, (tuple, list)):
        return f"{label} should be one array of shape {expected.shape}; it is a {type(got).__name__} of {len(got)} items."
    if isinstance(got, (dict, str)) or callable(got):
        return f"{label} should be an array of shape {expected.shape}, got {type(got).__name__}."
    try:
        got = np.asarray(got)
    except Exception:  # a learner's object NumPy cannot read
        return f"{label} should be an array of shape {expected.shape}, got {type(got).__name__}."
    if got.shape != expected.shape:
        if got.shape == expected.shape[::-1] and got.ndim == 2:
            return f"{label} has shape {got.shape}, expected {expected.shape}: it is transposed."
        return f"{label} has shape {got.shape}, expected {expected.shape}."
    if got.dtype.kind == "c":
        return f"{label} should hold real numbers, got dtype {got.dtype}."
    if got.dtype.kind not in "biuf":
        return f"{label} should hold numbers, got dtype {got.dtype}."
    if expected.dtype == np.float32 and got.dtype != np.float32:
        return f"{label} has dtype {got.dtype}, expected float32: pass dtype on (for example .astype(dtype))."
    got, expected = got.astype(np.float64), expected.astype(np.float64)  # booleans (masks) compare as 0 and 1
    finite_got, finite_expected = np.isfinite(got), np.isfinite(expected)
    if not np.array_equal(finite_got, finite_expected):
        if finite_expected.all():
            count = int((~finite_got).sum())
            first = _index(~finite_got)
            return (f"{label} contains NaN or inf where the expected values are finite "
                    f"({count} of {got.size} entries; at index {first} it is {got[first]})." if got.ndim else
                    f"{label} is {got[()]} where a finite value is expected.")
        first = _index(finite_got != finite_expected)
        return f"{label} at index {first} is {got[first]:.6g}, expected {expected[first]:.6g}."
    if np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True):
        return None
    factor = _constant_factor(got, expected, atol) if got.size > 1 else None
    offset = _constant_offset(got, expected, atol) if got.size > 1 else None
    if offset is not None:
        return f"{label} is off by {offset:+.4g} in every entry."
    if factor is not None:
        if factor == -1:
            return f"{label} has the right size but the wrong sign everywhere."
        word = "too large" if abs(factor) > 1 else "too small"
        size = abs(factor) if abs(factor) > 1 else 1 / abs(factor)
        return f"{label} is {word} by a factor of {size:.4g}" + (" and has the wrong sign." if factor < 0 else ".")
    wrong = ~np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    first = _index(wrong)
    digits = 6 if f"{got[first]:.6g}" != f"{expected[first]:.6g}" else 12  # show where nearly equal values part
    at = f"at index {first} it is {got[first]:.{digits}g}, expected {expected[first]:.{digits}g}"
    if got.size == 1:
        return f"{label} is {got.flat[0]:.{digits}g}, expected {expected.flat[0]:.{digits}g}."
    should_be_zero = wrong & (np.abs(expected) <= atol)
    measured = wrong & ~should_be_zero
    if not measured.any():  # no relative size to quote: every wrong entry should be 0
        return f"{label} should be 0 in {int(wrong.sum())} of {wrong.size} entries where it is not; {at}."
    relative = np.max(np.abs(got - expected)[measured] / np.abs(expected[measured]))
    zeros = f"; {int(should_be_zero.sum())} of them should be 0" if should_be_zero.any() else ""
    return (f"{label} differs in {int(wrong.sum())} of {wrong.size} entries "
            f"(by up to {relative:.2g} relative{zeros}); {at}.")


def _index(mask):
    """The first index where ``mask`` is True, as a tuple of ints."""
    return tuple(int(i) for i in np.argwhere(mask)[0])


def _constant_factor(got, expected, atol):
    """The factor c with got = c * expected in every entry (c != 1), or None."""
    finite = np.isfinite(expected)
    if not finite.any():
        return None
    scale = np.abs(expected[finite]).max()
    if not scale > 0 or not np.abs(got[finite]).max() > 0:
        return None
    telling = finite & (np.abs(expected) > 1e-3 * scale)
    ratio = got[telling] / expected[telling]
    first = ratio.flat[0]
    if not np.isfinite(first) or first == 0 or np.isclose(first, 1, rtol=1e-3):
        return None
    if np.allclose(ratio, first, rtol=1e-6) and np.allclose(got, first * expected, rtol=1e-6, atol=atol):
        return float(first)
    return None


def _constant_offset(got, expected, atol):
    """The number c with got = expected + c in every entry (c != 0), or None."""
    difference = got - expected
    first = difference.flat[0]
    if not np.isfinite(first) or abs(first) <= atol or not np.allclose(difference, first, rtol=1e-6, atol=atol):
        return None
    return float(first)


def _input_named(name, arguments, names):
    """The argument called ``name`` in the reference's signature, if it is a dict of arrays (params, v, grads)."""
    if name in names and names.index(name) < len(arguments) and isinstance(arguments[names.index(name)], dict):
        return arguments[names.index(name)]
    return None


def _unchanged_entries(label, got, expected, arguments, names, rtol=1e-7, atol=1e-10):
    """The labels of the result's arrays that differ from the expected ones but equal their input.

    A result is compared with the argument of the same name only: for update_parameters, params['W3']
    equal to the input params['W3'] means layer 3 never took its step.
    """
    found = []
    for name, g, e in _named_results(label, got, expected):
        start = _input_named(name, arguments, names)
        if start is None or not isinstance(g, dict) or not isinstance(e, dict):
            continue
        for key, value in g.items():
            old = start.get(key)
            if (key in e and isinstance(value, np.ndarray) and isinstance(e[key], np.ndarray)
                    and isinstance(old, np.ndarray) and value.shape == e[key].shape == old.shape
                    and value.dtype.kind in "biuf" and not np.allclose(value, e[key], rtol=rtol, atol=atol)
                    and np.array_equal(old, value)):
                found.append(f"{name}[{key!r}]")
    return found


def _named_results(label, got, expected):
    """(name, got, expected) for each named part of a result: the items of a returned tuple, or the result."""
    if isinstance(label, tuple):
        if isinstance(got, (tuple, list)) and isinstance(expected, tuple) and len(got) == len(expected):
            return list(zip(label, got, expected))
        return []
    return [(label, got, expected)]


def _describe_step(label, got, expected, arguments, names):
    """A sentence if every wrong part of the result took c times the expected step from its input, else None.

    For update_parameters without the learning rate, every parameter moved 1 / learning_rate times too far.
    """
    sentences = []
    for name, given_dict, expected_dict in _named_results(label, got, expected):
        if describe_difference(name, given_dict, expected_dict) is None:
            continue
        start = _input_named(name, arguments, names)
        if start is None or not isinstance(given_dict, dict) or not isinstance(expected_dict, dict):
            return None
        factors = set()
        for key, value in expected_dict.items():
            given, old = given_dict.get(key), start.get(key)
            if not (isinstance(value, np.ndarray) and isinstance(old, np.ndarray) and old.shape == value.shape
                    and isinstance(given, np.ndarray) and given.shape == value.shape and given.dtype.kind in "biuf"):
                return None
            if np.allclose(given, value, rtol=1e-7, atol=1e-10):
                continue
            step = (value - old).astype(np.float64)
            if step.size < 2 or not np.any(step):  # too little to tell a factor from
                continue
            factor = _constant_factor((given - old).astype(np.float64), step, 1e-12)
            if factor is None:
                return None
            factors.add(round(factor, 6))
        if len(factors) != 1:
            return None
        (factor,) = factors
        if factor == -1:
            sentences.append(f"every entry of {name} moved from its input by the right amount in the wrong direction")
        else:
            size = f"{factor:.4g} times" if abs(factor) >= 1 else f"1/{1 / factor:.4g} of"
            sentences.append(f"every entry of {name} moved from its input by {size} the expected step")
    return "; ".join(sentences) + "." if sentences else None


def _describe_unchanged(entries):
    if len(entries) == 1:
        return f"{entries[0]} equals its input: it was never updated."
    shown = ", ".join(entries[:-1]) + f" and {entries[-1]}"
    return f"{shown} equal their inputs: they were never updated."


# ---------------------------------------------------------------------------------------------
# Running the learner's function


class _NotDone(Exception):
    """The learner's function, or one it calls, still raises NotImplementedError."""


class _Verdict:
    """The outcome of a check: the function's name, whether it passed, the problems, the course helpers used."""

    def __init__(self, name, problems, helpers=(), not_done=None):
        self.name, self.problems, self.helpers, self.not_done = name, problems, tuple(helpers), not_done
        self.passed = not problems and not_done is None

    def helper_note(self):
        if not self.helpers:
            return ""
        names = " and ".join([", ".join(self.helpers[:-1]), self.helpers[-1]] if len(self.helpers) > 1 else self.helpers)
        return (f"This check ran your {self.name} with the course's {names} in place of yours, "
                f"so what it reports is about {self.name} itself.")

    def lines(self, graded_mode=False):
        """The report as lines of text, as ``check`` prints it."""
        if self.not_done is not None:
            return [self.not_done]
        if self.passed:
            note = self.helper_note()
            # stored outputs show the plain verdict; graded feedback also says which helpers were the course's
            return [f"{self.name}: all checks passed."] + ([note] if graded_mode and note else [])
        count = len(self.problems)
        lines = [f"{self.name}: {count} problem{'s' if count > 1 else ''} found."]
        lines += [f"  - {problem}" for problem in self.problems]
        note = self.helper_note()
        return lines + ([note] if note else [])


def _wrapped(lines, width=LINE_WIDTH, prefix="AssertionError: "):
    """The report's lines wrapped to ``width``, a problem's continuation lines indented under its text.

    The first line leaves room for ``prefix``, which the traceback puts before the message.
    """
    out = []
    for line in lines:
        indent = "    " if line.startswith("  - ") else ""
        first = textwrap.wrap(line, width=width - len(prefix) if not out else width, break_long_words=False,
                              break_on_hyphens=False) or [""]
        rest = " ".join(first[1:])
        out.append(first[0])
        if rest:
            out += textwrap.wrap(rest, width=width, initial_indent=indent, subsequent_indent=indent,
                                 break_long_words=False, break_on_hyphens=False)
    return "\n".join(out)


def _learner_frame(error):
    """The deepest traceback frame outside this package: the line of the learner's code that failed."""
    frames = traceback.extract_tb(error.__traceback__)
    own = [frame for frame in frames if not os.path.abspath(frame.filename).startswith(PACKAGE_DIRECTORY)]
    return own[-1] if own else frames[-1]


def _describe_error(error):
    """One line on an exception the learner's function raised: its type, message and the line."""
    try:
        message = str(error)
    except Exception:
        message = ""
    sizes = product_sizes(message)
    if sizes:  # NumPy's gufunc signature says little to a learner: the sizes that clash say it all
        message = (f"a matrix product whose shapes do not fit (the left array has {sizes[0]} columns, "
                   f"the right one {sizes[1]} rows)")
    frame = _learner_frame(error)
    where = f" (line {frame.lineno}: {frame.line})" if frame.line else ""
    return f"raised {type(error).__name__}: {message}{where}."


def _call(function, exercise, arguments):
    """Call the learner's function: (result, printed text, None) or (None, printed text, the exception it raised)."""
    name = exercise.name
    printed = io.StringIO()
    try:
        # overflow raises, so that exp(1000) is caught; NaN from log(0) is reported with the result
        with np.errstate(over="raise", divide="ignore", invalid="ignore", under="ignore"), \
                contextlib.redirect_stdout(printed):
            return function(*arguments), printed.getvalue(), None
    except NotImplementedError as error:
        raiser = traceback.extract_tb(error.__traceback__)[-1].name
        if raiser != name and raiser != "<module>":
            raise _NotDone(f"{name} calls {raiser}, which is not done yet: finish {raiser} first.") from None
        raise _NotDone(f"{name}: not done yet. Replace the `raise NotImplementedError()` line with your code.") from None
    except Exception as error:  # a learner's bug: reported with the line where it happened
        return None, printed.getvalue(), error


def _call_reference(reference, arguments):
    """(result, printed text, None) or (None, printed text, the error the lesson's function must raise)."""
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            return reference(*copy.deepcopy(arguments)), printed.getvalue(), None
    except Exception as error:  # a case where the lesson's function must stop with this error
        return None, printed.getvalue(), error


def _loaded_names(code):
    """Every global name the code (and the functions and comprehensions inside it) reads."""
    names = set()
    for instruction in dis.get_instructions(code):
        if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
            names.add(instruction.argval)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _loaded_names(constant)
    return names


def with_course_helpers(function, name):
    """``function`` rebuilt to call the course's version of every other exercise it calls, and their names.

    A learner's backward_propagation that calls their own linear_backward runs with the course's
    linear_backward instead, so that a mistake in linear_backward fails only its own check.
    Returns (function, names of the exercises replaced, in lesson order).
    """
    code, namespace = getattr(function, "__code__", None), getattr(function, "__globals__", None)
    if not isinstance(code, types.CodeType) or not isinstance(namespace, dict):
        return function, ()
    used = _loaded_names(code)
    replaced = [other for other in EXERCISES if other != name and other in used and other in namespace
                and namespace[other] is not EXERCISES[other].reference]
    if not replaced:
        return function, ()
    helpers = dict(namespace)
    helpers.update({other: EXERCISES[other].reference for other in replaced})
    rebuilt = types.FunctionType(code, helpers, function.__name__, function.__defaults__, function.__closure__)
    rebuilt.__kwdefaults__ = function.__kwdefaults__
    rebuilt.__qualname__ = function.__qualname__
    return rebuilt, tuple(replaced)


# a problem line that starts with this means the checker itself failed on a result (a bug to fix here)
CHECKER_FAILURE = "the check could not describe this result"


def _check_case(exercise, function, arguments):
    """The problem of one case as a sentence, or None when the learner's function agrees with the reference."""
    label = exercise.result_names
    expected, expected_printed, expected_error = _call_reference(exercise.reference, arguments)
    given = copy.deepcopy(arguments)
    got, printed, error = _call(function, exercise, given)
    if not expected_printed and printed:
        sys.stdout.write(printed)  # the learner's own prints, shown as they would be without the check
    if expected_error is not None:
        return _describe_missing_error(exercise, arguments, expected_error, got, error)
    if error is not None:
        advice = exercise.recognise_error(copy.deepcopy(arguments), error) or exercise.advice_for_error(error)
        sentence = _describe_error(error)
        return f"{sentence} Probable cause: {advice}" if advice else sentence
    problem = describe_difference(label, got, expected)
    if problem is None:
        if expected_printed != printed:
            return _describe_printed_difference(printed, expected_printed)
        return _describe_modified_input(given, arguments, exercise.reference)
    names = list(inspect.signature(exercise.reference).parameters)
    unchanged = _unchanged_entries(label, got, expected, arguments, names)
    if unchanged:
        problem = _describe_unchanged(unchanged)
    else:
        problem = _describe_step(label, got, expected, arguments, names) or problem
    advice = exercise.recognise(copy.deepcopy(arguments), got, lambda g, e: describe_difference(label, g, e) is None)
    return f"{problem} Probable cause: {advice}" if advice else problem


def _describe_printed_difference(printed, expected):
    got_lines, expected_lines = printed.splitlines(), expected.splitlines()
    if not got_lines:
        return f"it printed nothing; it should print {len(expected_lines)} lines such as {expected_lines[0]!r}."
    for got_line, expected_line in zip(got_lines, expected_lines):
        if got_line != expected_line:
            return f"it printed {got_line!r} where {expected_line!r} was expected."
    return f"it printed {len(got_lines)} lines, expected {len(expected_lines)}."


def _verdict(function, name=None, seed=1):
    """Run every case of the exercise ``name`` (default: the function's name) on ``function``."""
    if not callable(function):
        raise TypeError(f"check takes the function itself, such as check(linear_forward); "
                        f"it was given {type(function).__name__} {_show(function)}.")
    name = name or getattr(function, "__name__", None)
    if name not in EXERCISES:
        raise ValueError(f"no checks for {name!r}; functions with checks: {', '.join(EXERCISES)}.")
    exercise = EXERCISES[name]
    function, helpers = with_course_helpers(function, name)
    problems = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a warning would reach stderr, which nbgrader counts as a failure
        for arguments, description in exercise.cases(seed):
            try:
                problem = _check_case(exercise, function, arguments)
            except _NotDone as not_done:
                return _Verdict(name, [], helpers, not_done=str(not_done))
            except Exception as error:  # never a traceback for the learner; tests/test_check_fuzz.py keeps this unused
                problem = f"{CHECKER_FAILURE} ({type(error).__name__}: {error}); compare it with the lesson's text."
            if problem:
                problems.append(f"{description}: {problem}")
    return _Verdict(name, problems, helpers)


def run_checks(function, name=None, seed=1):
    """Run ``function`` on the check inputs of the package function of the same name; print and return a verdict.

    Arguments:
        function -- the learner's function, for example linear_forward
        name -- the package function to compare with (default: function.__name__)
    Returns:
        True when every case matches, False otherwise
    """
    verdict = _verdict(function, name, seed)
    _results[verdict.name] = verdict.passed
    print("\n".join(verdict.lines()))
    return verdict.passed


def check(function, name=None):
    """Compare ``function`` with the package function of the same name and print what differs.

    This is the check cell of a lesson: ``check(linear_forward)``. It returns nothing, so
    the cell shows only the printed verdict; ``run_checks`` returns it. While nbgrader
    executes the notebook, a failing check of the learner's own function raises
    AssertionError with the same report, so that the cell loses its points; a
    demonstration that checks another version under an exercise's name
    (``check(buggy_version, name="linear_backward")``) only prints.
    """
    __tracebackhide__ = True  # IPython shows the check cell's line, not this module's frames
    verdict = _verdict(function, name)
    _results[verdict.name] = verdict.passed
    own = name is None or name == getattr(function, "__name__", None)
    if graded() and own:
        if not verdict.passed:
            _fail(_wrapped(verdict.lines(graded_mode=True)))
        print(_wrapped(verdict.lines(graded_mode=True), prefix=""))
        return
    print("\n".join(verdict.lines()))


def _fail(report):
    """Raise the check's report: the last frame of the traceback nbgrader shows, so it reads plainly."""
    raise AssertionError(report)


def _describe_missing_error(exercise, arguments, expected_error, got, error):
    """None if the learner's function raised the error the reference raised, else a sentence."""
    kind = type(expected_error).__name__
    if isinstance(error, type(expected_error)):
        return None
    if error is None:
        # a known mistake can explain why no error came (a loop that never updates never diverges)
        cause = exercise.recognise(copy.deepcopy(arguments), got, lambda g, e: describe_difference(
            exercise.result_names, g, e) is None)
        advice = f"Probable cause: {cause}" if cause else exercise.missing_error_advice
        return f"it should stop with {kind} ({expected_error}) but returned normally. {advice}".rstrip()
    return f"it should stop with {kind}, but {_describe_error(error)} {exercise.missing_error_advice}".rstrip()


def progress(lesson):
    """Print which exercises of ``lesson`` passed their checks since the kernel started."""
    if lesson not in LESSONS:
        raise ValueError(f"lessons with exercises: {', '.join(map(str, LESSONS))}; got {lesson!r}.")
    names = [exercise.name for exercise in LESSONS[lesson]]
    marks = {True: "passed", False: "not passing yet", None: "not checked yet"}
    for name in names:
        print(f"  {name:<28} {marks[_results.get(name)]}")
    done = sum(_results.get(name) is True for name in names)
    print(f"Lesson {lesson}: {done} of {len(names)} exercises pass.")


def _describe_modified_input(given, original, reference):
    """A sentence if the function changed one of its input arrays in place, else None."""
    names = list(inspect.signature(reference).parameters)
    for index, (after, before) in enumerate(zip(given, original)):
        if isinstance(before, dict):
            pairs = [(key, after.get(key) if isinstance(after, dict) else None, value) for key, value in before.items()]
        else:
            pairs = [(None, after, before)]
        for key, value, old in pairs:
            if isinstance(old, np.ndarray) and not (isinstance(value, np.ndarray) and value.shape == old.shape
                                                   and np.array_equal(value, old, equal_nan=True)):
                where = names[index] + (f"[{key!r}]" if key is not None else "")
                return f"the function changed its input {where} in place; return new arrays instead."
    return None


# ---------------------------------------------------------------------------------------------
# The hidden test of a graded check cell


def _reaches(code, namespace, name, reference):
    """True if ``code`` loads ``reference``: by a global bound to it, or by the attribute or import ``name``."""
    for instruction in dis.get_instructions(code):
        if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME") and namespace.get(instruction.argval) is reference:
            return True
        if instruction.opname in ("LOAD_ATTR", "LOAD_METHOD", "IMPORT_FROM") and instruction.argval == name:
            return True
    return any(_reaches(constant, namespace, name, reference)
               for constant in code.co_consts if isinstance(constant, types.CodeType))


def borrowed_from_package(function, name=None):
    """Why ``function`` is not the learner's own work (a sentence), or None if it is written in the notebook.

    It must be a plain function whose code lives outside the package and that does not call the
    package's function of the same name, under that name or another.
    """
    name = name or getattr(function, "__name__", None)
    exercise = EXERCISES.get(name)
    if exercise is None:
        raise ValueError(f"no exercise called {name!r}; exercises: {', '.join(EXERCISES)}.")
    reference = exercise.reference
    module = getattr(reference, "__module__", "dnn_helpers")
    if function is reference or getattr(function, "__code__", None) is reference.__code__:
        return f"{name} is the course's own {module}.{name}, imported rather than written in this notebook."
    if not isinstance(function, types.FunctionType):
        return f"{name} is a {type(function).__name__}, not a function written in this notebook."
    if os.path.abspath(function.__code__.co_filename).startswith(PACKAGE_DIRECTORY):
        return f"{name} is defined in the package ({function.__module__}), not written in this notebook."
    closure = {f"<closure {index}>": cell.cell_contents for index, cell in enumerate(function.__closure__ or ())
               if _has_contents(cell)}
    if any(value is reference for value in closure.values()) or _reaches(
            function.__code__, function.__globals__, name, reference):
        return f"{name} calls the course's own {module}.{name} instead of computing its result."
    return None


def _has_contents(cell):
    try:
        cell.cell_contents
    except ValueError:  # an empty closure cell
        return False
    return True


def assert_written_here(function, name=None):
    """Raise AssertionError unless ``function`` is written in the notebook (the hidden test of a check cell)."""
    __tracebackhide__ = True
    reason = borrowed_from_package(function, name)
    if reason:
        _fail(_wrapped([reason + " Write the function in its exercise cell: this cell's points are for your "
                                 "own code."]))
