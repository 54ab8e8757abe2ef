"""Check cells for the lessons: run a learner's function against the package's and say what differs.

    check(linear_forward)          # prints a verdict, and one line per failing case

Every case calls the learner's function and the reference implementation in
``dnn_helpers`` on the same small inputs, then compares the results array by
array. A difference is described in plain words (a wrong shape, a transposed
result, values off by a constant factor, a modified input) rather than shown
as a wall of numbers.
"""

import copy
import traceback

import numpy as np

from . import activations, backward, cost, forward, mistakes, parameters, training, update


def _rng(seed):
    return np.random.default_rng(seed)


def _layer_inputs(seed, n_prev=4, n=3, m=5):
    """A_prev (n_prev, m), W (n, n_prev), b (n, 1): non-square so a wrong axis shows."""
    rng = _rng(seed)
    return rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))


def _network(seed, dims=(4, 5, 3, 1), m=6, hidden="relu"):
    """X, Y, params and the forward results of a small network with non-zero biases."""
    rng = _rng(seed)
    params = parameters.initialize_parameters(dims, method="xavier", seed=rng)
    for l in range(1, len(dims)):
        params[f"b{l}"] = rng.normal(scale=0.3, size=params[f"b{l}"].shape)
    X = rng.normal(size=(dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    AL, caches = forward.forward_propagation(X, params, hidden)
    return X, Y, params, AL, caches


def _activation_cases(seed):
    Z = _rng(seed).normal(scale=3, size=(3, 4))
    return [((Z,), "Z of shape (3, 4)"), ((np.array([[-1000.0, 0.0, 1000.0]]),), "Z = [[-1000, 0, 1000]]")]


def _activation_backward_cases(seed):
    rng = _rng(seed)
    Z = rng.normal(size=(3, 4))
    return [((rng.normal(size=(3, 4)), Z), "dA and Z of shape (3, 4)")]


def _initialize_cases(seed):
    return [
        (([3, 4, 1],), "layer_dims = [3, 4, 1]"),
        (([5, 4, 3, 2, 1],), "layer_dims = [5, 4, 3, 2, 1]"),
    ]


def _linear_forward_cases(seed):
    return [(_layer_inputs(seed), "A_prev (4, 5), W (3, 4), b (3, 1)")]


def _linear_activation_forward_cases(seed):
    A_prev, W, b = _layer_inputs(seed)
    return [((A_prev, W, b, name), f"activation={name!r}") for name in ("sigmoid", "relu")]


def _forward_propagation_cases(seed):
    X, _, params, _, _ = _network(seed)
    X3, _, params3, _, _ = _network(seed + 1, dims=(3, 1), m=4)
    return [((X, params), "layer_dims (4, 5, 3, 1), m = 6"), ((X3, params3), "one layer (3, 1), m = 4")]


def _compute_cost_cases(seed):
    AL = np.array([[0.8, 0.1, 0.5, 0.99]])
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    return [((AL, Y), "AL = [[0.8, 0.1, 0.5, 0.99]], Y = [[1, 0, 1, 0]]"),
            ((np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]])), "AL exactly 1 and 0")]


def _linear_backward_cases(seed):
    A_prev, W, _ = _layer_inputs(seed)
    dZ = _rng(seed + 1).normal(size=(3, 5))
    return [((dZ, W, A_prev), "dZ (3, 5), W (3, 4), A_prev (4, 5)")]


def _linear_activation_backward_cases(seed):
    cases = []
    for name in ("sigmoid", "relu"):
        A_prev, W, b = _layer_inputs(seed)
        _, cache = forward.linear_activation_forward(A_prev, W, b, name)
        dA = _rng(seed + 2).normal(size=cache.Z.shape)
        cases.append(((dA, cache, name), f"activation={name!r}"))
    return cases


def _backward_propagation_cases(seed):
    _, Y, _, AL, caches = _network(seed)
    return [((AL, Y, caches), "layer_dims (4, 5, 3, 1), m = 6")]


def _update_parameters_cases(seed):
    _, Y, params, AL, caches = _network(seed)
    grads = backward.backward_propagation(AL, Y, caches)
    return [((params, grads, 0.1), "learning_rate = 0.1")]


def _dnn_cases(seed):
    rng = _rng(seed)
    X = rng.normal(size=(2, 20))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    return [((X, Y, [2, 4, 1], 0.5, 200), "layer_dims [2, 4, 1], 200 iterations")]


# function name -> (reference implementation, function making the (arguments, description) cases)
REFERENCES = {
    "initialize_parameters": (parameters.initialize_parameters, _initialize_cases),
    "sigmoid": (activations.sigmoid, _activation_cases),
    "relu": (activations.relu, _activation_cases),
    "tanh": (activations.tanh, _activation_cases),
    "leaky_relu": (activations.leaky_relu, _activation_cases),
    "sigmoid_backward": (activations.sigmoid_backward, _activation_backward_cases),
    "relu_backward": (activations.relu_backward, _activation_backward_cases),
    "tanh_backward": (activations.tanh_backward, _activation_backward_cases),
    "leaky_relu_backward": (activations.leaky_relu_backward, _activation_backward_cases),
    "linear_forward": (forward.linear_forward, _linear_forward_cases),
    "linear_activation_forward": (forward.linear_activation_forward, _linear_activation_forward_cases),
    "forward_propagation": (forward.forward_propagation, _forward_propagation_cases),
    "compute_cost": (cost.compute_cost, _compute_cost_cases),
    "linear_backward": (backward.linear_backward, _linear_backward_cases),
    "linear_activation_backward": (backward.linear_activation_backward, _linear_activation_backward_cases),
    "backward_propagation": (backward.backward_propagation, _backward_propagation_cases),
    "update_parameters": (update.update_parameters, _update_parameters_cases),
    "dnn": (training.dnn, _dnn_cases),
}


# what each function returns, so that a message can name the array that is wrong
RESULT_NAMES = {
    "initialize_parameters": "params",
    "linear_forward": "Z",
    "linear_activation_forward": ("A", "cache"),
    "forward_propagation": ("AL", "caches"),
    "compute_cost": "cost",
    "linear_backward": ("dA_prev", "dW", "db"),
    "linear_activation_backward": ("dA_prev", "dW", "db"),
    "backward_propagation": "grads",
    "update_parameters": "params",
    "dnn": ("params", "costs"),
}


# the functions each lesson asks the learner to write, for ``progress``
LESSON_FUNCTIONS = {
    1: ["initialize_parameters"],
    2: ["sigmoid", "relu", "sigmoid_backward", "relu_backward"],
    3: ["linear_forward", "linear_activation_forward", "forward_propagation"],
    4: ["compute_cost"],
    5: ["linear_backward", "linear_activation_backward", "backward_propagation"],
    6: ["update_parameters", "dnn"],
}

# name -> True (passed) or False (failed or not done) for every check run in this kernel
_results = {}


def check_cases(name, seed=1):
    """The (arguments, description) pairs that ``check`` uses for the function called ``name``."""
    return REFERENCES[name][1](seed)


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
    if isinstance(expected, (tuple, list)) and not isinstance(expected, np.ndarray):
        if isinstance(expected, forward.LayerCache):
            return None if isinstance(got, tuple) and len(got) == len(expected) else (
                f"{label} should be a LayerCache(A_prev, W, b, Z, activation), got {type(got).__name__}."
            )
        names = label if isinstance(label, tuple) else [f"{label}[{index}]" for index in range(len(expected))]
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            given = f"{len(got)} values" if isinstance(got, (tuple, list)) else f"a single {type(got).__name__}"
            wanted = ", ".join(names) if isinstance(label, tuple) else f"{len(expected)} values"
            return f"the function should return {wanted}; it returned {given}."
        for name, g, e in zip(names, got, expected):
            problem = describe_difference(name, g, e, rtol, atol)
            if problem:
                return problem
        return None
    if isinstance(expected, float) and not isinstance(expected, np.ndarray):
        if got is None:
            return f"{label} is None: did you forget a return statement?"
        if not np.isscalar(got) and np.ndim(got) != 0:
            return f"{label} should be a single number, got an array of shape {np.shape(got)}."
        if not np.isclose(float(got), expected, rtol=rtol, atol=atol):
            return f"{label} is {float(got):.6g}, expected {expected:.6g}."
        return None
    if isinstance(expected, str):
        return None if got == expected else f"{label} is {got!r}, expected {expected!r}."
    return _describe_array_difference(label, got, np.asarray(expected), rtol, atol)


def _describe_array_difference(label, got, expected, rtol, atol):
    if got is None:
        return f"{label} is None: did you forget a return statement?"
    got = np.asarray(got)
    if got.shape != expected.shape:
        if got.shape == expected.shape[::-1] and got.ndim == 2:
            return f"{label} has shape {got.shape}, expected {expected.shape}: it is transposed."
        return f"{label} has shape {got.shape}, expected {expected.shape}."
    if got.dtype.kind not in "biuf":
        return f"{label} should hold numbers, got dtype {got.dtype}."
    if not np.all(np.isfinite(got)) and np.all(np.isfinite(expected)):
        return f"{label} contains NaN or inf where the expected values are finite."
    if np.allclose(got, expected, rtol=rtol, atol=atol):
        return None
    scale = np.abs(expected).max()
    if scale > 0 and np.abs(got).max() > 0:
        ratio = got[np.abs(expected) > 1e-3 * scale] / expected[np.abs(expected) > 1e-3 * scale]
        if np.allclose(ratio, ratio.flat[0], rtol=1e-6) and np.allclose(got, ratio.flat[0] * expected, rtol=1e-6, atol=atol):
            factor = ratio.flat[0]
            if factor == -1:
                return f"{label} has the right size but the wrong sign everywhere."
            word = "too large" if abs(factor) > 1 else "too small"
            size = abs(factor) if abs(factor) > 1 else 1 / abs(factor)
            return f"{label} is {word} by a factor of {size:.4g}" + (" and has the wrong sign." if factor < 0 else ".")
    wrong = ~np.isclose(got, expected, rtol=rtol, atol=atol)
    first = tuple(int(i) for i in np.argwhere(wrong)[0])
    return (
        f"{label} differs in {int(wrong.sum())} of {wrong.size} entries; at index {first} "
        f"it is {got[first]:.6g}, expected {expected[first]:.6g}."
    )


def check(function, name=None):
    """Compare ``function`` with the package function of the same name and print what differs.

    This is the check cell of a lesson: ``check(linear_forward)``. It returns
    nothing, so the cell shows only the printed verdict; ``run_checks`` returns it.
    """
    run_checks(function, name)


def run_checks(function, name=None, seed=1):
    """Run ``function`` on the check inputs of the package function of the same name; print and return a verdict.

    Arguments:
        function -- the learner's function, for example linear_forward
        name -- the package function to compare with (default: function.__name__)
    Returns:
        True when every case matches, False otherwise
    """
    name = name or function.__name__
    if name not in REFERENCES:
        raise ValueError(f"no checks for {name!r}; functions with checks: {', '.join(REFERENCES)}.")
    reference, _ = REFERENCES[name]
    problems = []
    for arguments, description in check_cases(name, seed):
        expected = reference(*copy.deepcopy(arguments))
        given = copy.deepcopy(arguments)
        try:
            with np.errstate(all="ignore"):  # a NaN in the result is reported below, in words
                got = function(*given)
        except NotImplementedError:
            print(f"{name}: not done yet. Replace the `raise NotImplementedError()` line with your code.")
            _results[name] = False
            return False
        except Exception as error:  # a learner's bug: report it in one line, with the line that failed
            where = traceback.extract_tb(error.__traceback__)[-1]
            problems.append(f"{description}: raised {type(error).__name__}: {error} (line {where.lineno}: {where.line})")
            continue
        label = RESULT_NAMES.get(name, "the result")
        problem = describe_difference(label, got, expected)
        if problem is None:
            problem = _describe_modified_input(given, arguments)
        else:
            advice = mistakes.recognise(
                name, copy.deepcopy(arguments), got, lambda g, e: describe_difference(label, g, e) is None
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


def progress(lesson):
    """Print which exercises of ``lesson`` (1 to 6) passed their checks in this session."""
    if lesson not in LESSON_FUNCTIONS:
        raise ValueError(f"lessons with exercises: {', '.join(map(str, LESSON_FUNCTIONS))}; got {lesson!r}.")
    names = LESSON_FUNCTIONS[lesson]
    marks = {True: "passed", False: "not passing yet", None: "not checked yet"}
    for name in names:
        print(f"  {name:<28} {marks[_results.get(name)]}")
    done = sum(_results.get(name) is True for name in names)
    print(f"Lesson {lesson}: {done} of {len(names)} exercises pass.")
    return done == len(names)


def _describe_modified_input(given, original):
    """A sentence if the function changed one of its input arrays in place, else None."""
    for index, (after, before) in enumerate(zip(given, original)):
        arrays = after.items() if isinstance(after, dict) else [(None, after)]
        for key, value in arrays:
            old = before[key] if key is not None else before
            if isinstance(value, np.ndarray) and not np.array_equal(value, old):
                where = f"argument {index + 1}" + (f" ({key!r})" if key is not None else "")
                return f"the function changed its input {where} in place; return new arrays instead."
    return None
