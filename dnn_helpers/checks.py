"""Check cells for the lessons: run a learner's function against the package's and say what differs.

    check(linear_forward)          # prints a verdict, and one line per failing case

Every case calls the learner's function and the reference implementation in
``dnn_helpers`` on the same small inputs, then compares the results array by
array. A difference is described in plain words (a wrong shape, a transposed
result, values off by a constant factor, a modified input) rather than shown
as a wall of numbers.
"""

import copy
import inspect
import os
import traceback

import numpy as np

from .exercises import EXERCISES, LESSONS

PACKAGE_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

# name -> True (passed) or False (failed or not done) for every check run in this kernel
_results = {}


def check_cases(name, seed=1):
    """The (arguments, description) pairs that ``check`` uses for the function called ``name``."""
    return EXERCISES[name].cases(seed)


def describe_difference(label, got, expected, rtol=1e-7, atol=1e-10):
    """None when ``got`` matches ``expected``; otherwise one sentence on how it differs.

    ``label`` names the result; a tuple of names labels the items of a returned tuple.
    """
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"{label} should be a dict with keys {sorted(expected)}, got {type(got).__name__}."
        missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
        if missing:
            return f"{label} is missing the keys {missing}" + (f" (and has unexpected keys {extra})." if extra else ".")
        for key in expected:
            problem = describe_difference(f"{label}[{key!r}]", got[key], expected[key], rtol, atol)
            if problem:
                return problem
        return None
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
        for name, g, e in zip(names, got, expected):
            problem = describe_difference(name, g, e, rtol, atol)
            if problem:
                return problem
        return None
    if isinstance(expected, float):
        if got is None:
            return f"{label} is None: did you forget a return statement?"
        if np.ndim(got) != 0:
            return f"{label} should be a single number, got an array of shape {np.shape(got)}."
        if not np.isclose(float(got), expected, rtol=rtol, atol=atol):
            return f"{label} is {float(got):.6g}, expected {expected:.6g}."
        return None
    if isinstance(expected, str):
        if got == expected:
            return None
        if callable(got):
            return f"{label} should be the name {expected!r}, not the function itself."
        if got is None:
            return f"{label} is None: did you forget a return statement?"
        if isinstance(got, str) and max(len(got), len(expected)) > SHORT_TEXT:
            return _describe_text_difference(label, got, expected)
        return f"{label} is {got!r}, expected {expected!r}."
    return _describe_array_difference(label, got, np.asarray(expected), rtol, atol)


SHORT_TEXT = 40  # a str result up to this length is shown whole; a longer one around its first difference


def _describe_text_difference(label, got, expected, context=12):
    """Where two long strings part: their lengths, and a few characters from just before the first difference."""
    first = next((i for i, (g, e) in enumerate(zip(got, expected)) if g != e), min(len(got), len(expected)))
    start = max(first - context, 0)
    return (f"{label} has {len(got)} characters, expected {len(expected)}. They part at character {first}: "
            f"from character {start} on it reads {got[start:first + context]!r} where "
            f"{expected[start:first + context]!r} was expected.")


def _describe_cache_difference(label, got, expected, rtol, atol):
    """Compare a named tuple field by field, naming the field that differs (label.field)."""
    if not isinstance(got, tuple) or len(got) != len(expected):
        layout = f"{type(expected).__name__}({', '.join(expected._fields)})"
        given = f"a tuple of {len(got)} items" if isinstance(got, tuple) else type(got).__name__
        return f"{label} should be {layout}, got {given}."
    for field, g, e in zip(expected._fields, got, expected):
        problem = describe_difference(f"{label}.{field}", g, e, rtol, atol)
        if problem:
            return problem
    return None


def _describe_array_difference(label, got, expected, rtol, atol):
    if got is None:
        return f"{label} is None: did you forget a return statement?"
    if isinstance(got, (tuple, list)):
        return f"{label} should be one array of shape {expected.shape}; it is a {type(got).__name__} of {len(got)} items."
    got = np.asarray(got)
    if got.shape != expected.shape:
        if got.shape == expected.shape[::-1] and got.ndim == 2:
            return f"{label} has shape {got.shape}, expected {expected.shape}: it is transposed."
        return f"{label} has shape {got.shape}, expected {expected.shape}."
    if got.dtype.kind not in "biuf":
        return f"{label} should hold numbers, got dtype {got.dtype}."
    if expected.dtype == np.float32 and got.dtype != np.float32:
        return f"{label} has dtype {got.dtype}, expected float32: pass dtype on (for example .astype(dtype))."
    got, expected = got.astype(np.float64), expected.astype(np.float64)  # booleans (masks) compare as 0 and 1
    if not np.all(np.isfinite(got)) and np.all(np.isfinite(expected)):
        return f"{label} contains NaN or inf where the expected values are finite."
    if np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True):
        return None
    scale = np.abs(expected).max()
    if scale > 0 and np.abs(got).max() > 0:
        ratio = got[np.abs(expected) > 1e-3 * scale] / expected[np.abs(expected) > 1e-3 * scale]
        constant = np.allclose(ratio, ratio.flat[0], rtol=1e-6) and not np.isclose(ratio.flat[0], 1, rtol=1e-3)
        if constant and np.allclose(got, ratio.flat[0] * expected, rtol=1e-6, atol=atol):
            factor = ratio.flat[0]
            if factor == -1:
                return f"{label} has the right size but the wrong sign everywhere."
            word = "too large" if abs(factor) > 1 else "too small"
            size = abs(factor) if abs(factor) > 1 else 1 / abs(factor)
            return f"{label} is {word} by a factor of {size:.4g}" + (" and has the wrong sign." if factor < 0 else ".")
    wrong = ~np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    first = tuple(int(i) for i in np.argwhere(wrong)[0])
    digits = 6 if f"{got[first]:.6g}" != f"{expected[first]:.6g}" else 12  # show where nearly equal values part
    relative = np.max(np.abs(got - expected)[wrong] / np.maximum(np.abs(expected[wrong]), atol))
    return (
        f"{label} differs in {int(wrong.sum())} of {wrong.size} entries (by up to {relative:.2g} relative); "
        f"at index {first} it is {got[first]:.{digits}g}, expected {expected[first]:.{digits}g}."
    )


def check(function, name=None):
    """Compare ``function`` with the package function of the same name and print what differs.

    This is the check cell of a lesson: ``check(linear_forward)``. It returns
    nothing, so the cell shows only the printed verdict; ``run_checks`` returns it.
    """
    run_checks(function, name)


class _NotDone(Exception):
    """The learner's function, or one it calls, still raises NotImplementedError."""


def _learner_frame(error):
    """The deepest traceback frame outside this package: the line of the learner's code that failed."""
    frames = traceback.extract_tb(error.__traceback__)
    own = [frame for frame in frames if not os.path.abspath(frame.filename).startswith(PACKAGE_DIRECTORY)]
    return own[-1] if own else frames[-1]


def _call(function, exercise, arguments):
    """Call the learner's function; return (result, None) or (None, sentence about the error it raised)."""
    name = exercise.name
    try:
        # overflow raises, so that exp(1000) is caught; NaN from log(0) is reported with the result
        with np.errstate(over="raise", divide="ignore", invalid="ignore", under="ignore"):
            return function(*arguments), None
    except NotImplementedError as error:
        raiser = traceback.extract_tb(error.__traceback__)[-1].name
        if raiser != name and raiser != "<module>":
            raise _NotDone(f"{name} calls {raiser}, which is not done yet: finish {raiser} first.") from None
        raise _NotDone(f"{name}: not done yet. Replace the `raise NotImplementedError()` line with your code.") from None
    except Exception as error:  # a learner's bug: one line, where it happened, and advice where we know it
        frame = _learner_frame(error)
        sentence = f"raised {type(error).__name__}: {error} (line {frame.lineno}: {frame.line})."
        advice = exercise.advice_for_error(error)
        return None, f"{sentence} Probable cause: {advice}" if advice else sentence


def run_checks(function, name=None, seed=1):
    """Run ``function`` on the check inputs of the package function of the same name; print and return a verdict.

    Arguments:
        function -- the learner's function, for example linear_forward
        name -- the package function to compare with (default: function.__name__)
    Returns:
        True when every case matches, False otherwise
    """
    name = name or function.__name__
    if name not in EXERCISES:
        raise ValueError(f"no checks for {name!r}; functions with checks: {', '.join(EXERCISES)}.")
    exercise = EXERCISES[name]
    reference, label = exercise.reference, exercise.result_names
    problems = []
    for arguments, description in exercise.cases(seed):
        expected_error = None
        try:
            expected = reference(*copy.deepcopy(arguments))
        except Exception as error:  # a case where the lesson's function must stop with this error
            expected_error = error
        given = copy.deepcopy(arguments)
        try:
            got, error_sentence = _call(function, exercise, given)
        except _NotDone as not_done:
            print(not_done)
            _results[name] = False
            return False
        if expected_error is not None:
            problem = _describe_missing_error(exercise, expected_error, error_sentence)
        elif error_sentence:
            problem = error_sentence
        else:
            problem = describe_difference(label, got, expected)
            if problem is None:
                problem = _describe_modified_input(given, arguments, reference)
            else:
                advice = exercise.recognise(
                    copy.deepcopy(arguments), got, lambda g, e: describe_difference(label, g, e) is None
                )
                if advice:
                    problem = f"{problem} Probable cause: {advice}"
        if problem:
            problems.append(f"{description}: {problem}")
    _results[name] = not problems
    if problems:
        print(f"{name}: {len(problems)} problem{'s' if len(problems) > 1 else ''} found.")
        for problem in problems:
            print(f"  - {problem}")
        return False
    print(f"{name}: all checks passed.")
    return True


def _describe_missing_error(exercise, expected_error, error_sentence):
    """None if the learner's function raised the error the reference raised, else a sentence."""
    kind = type(expected_error).__name__
    if error_sentence is not None and error_sentence.startswith(f"raised {kind}"):
        return None
    advice = exercise.missing_error_advice
    if error_sentence is None:
        return f"it should stop with {kind} ({expected_error}) but returned normally. {advice}".rstrip()
    return f"it should stop with {kind}, but {error_sentence} {advice}".rstrip()


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
        arrays = after.items() if isinstance(after, dict) else [(None, after)]
        for key, value in arrays:
            old = before[key] if key is not None else before
            if isinstance(value, np.ndarray) and not np.array_equal(value, old):
                where = names[index] + (f"[{key!r}]" if key is not None else "")
                return f"the function changed its input {where} in place; return new arrays instead."
    return None
