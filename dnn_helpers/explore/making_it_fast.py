"""Lesson 15, "Making it fast": measuring where the time of training goes, and the lesson's figures.

    samples_per_second(train, X, Y, layer_dims, ...)    # throughput of the training steps, set-up left out
    seconds_per_call(function, calls, repeats)          # one small operation, timed
    max_relative_difference(params, reference)          # how far apart two sets of parameters are
    profile_call(function, *args, **kwargs)             # (result, pstats.Stats) of one call under cProfile
    top_functions(stats, n)                             # the n functions with the most time of their own
    time_by_category(stats, gathering_seconds)          # matrix products, elementwise work, input checks, ...
    gathering_seconds(X, batch_size, steps)             # time of X[:, columns] for that many mini-batches
    matrix_product_seconds(layer_dims, batch_size, steps, dtype)   # the products alone: the floor
    category_figure(times), speed_figure(rates, floor)  # bar charts
    throughput_by_batch_size(trainers, X, Y, ...)       # samples/s of each trainer at each batch size
    batch_size_figure(batch_size, rates)                # the "Try it" figure (precomputed curves)
    read_benchmark(path)                                # the tables of benchmarks/RESULTS.md (RESULTS_FILE)

Timings change from run to run and from machine to machine: nothing here asserts or
stores a number of seconds; the functions measure, the lesson shows what they measured.
"""

import cProfile
import math
import pstats
import re
import time
from collections import namedtuple
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

RESULTS_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "RESULTS.md"
CATEGORIES = ("matrix products", "elementwise work", "input checks", "mini-batch gathering", "Python overhead")
_MATRIX_PRODUCTS = {"linear_forward", "linear_backward"}
_ELEMENTWISE_FILES = {"activations.py", "cost.py", "update.py"}
_LOOKUPS = {"get_activation", "compute_cost"}  # in those files, but a lookup or a checking wrapper

FunctionTime = namedtuple("FunctionTime", "name where calls own_seconds total_seconds")
FunctionTime.__doc__ = "One row of a profile: the function, its file, calls, time of its own and time with callees."


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


def _seconds(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def samples_per_second(train, X, Y, layer_dims, learning_rate=0.05, batch_size=64, steps=50, repeats=2,
                       **kwargs):
    """Training examples per second of ``train``'s steps, without its one-off set-up.

    A run also pays once for checking and copying its inputs. So this times a run of 1 step
    and a run of 1 + steps steps, each ``repeats`` times, keeps the fastest of each (other
    programs can only slow a run down) and divides the steps * batch_size examples of the
    difference by the difference in seconds.

    Arguments:
        train -- called as train(X, Y, layer_dims, learning_rate=..., num_iterations=..., batch_size=..., **kwargs)
        X -- inputs (n_x, m);  Y -- labels (1, m)
        layer_dims, learning_rate, batch_size, kwargs -- passed on to train
        steps -- training steps measured, >= 1;  repeats -- runs of each length, >= 1
    Returns:
        samples per second, a float > 0
    """
    if steps < 1 or repeats < 1:
        raise ValueError(f"steps and repeats must be at least 1, got steps={steps}, repeats={repeats}.")

    def run(iterations):
        return lambda: train(X, Y, layer_dims, learning_rate=learning_rate, num_iterations=iterations,
                             batch_size=batch_size, **kwargs)

    short = min(_seconds(run(1)) for _ in range(repeats))
    long = min(_seconds(run(1 + steps)) for _ in range(repeats))
    # the difference can come out at or below 0 only if the clock is far coarser than a step
    return steps * batch_size / max(long - short, 1e-9)


def seconds_per_call(function, calls=100, repeats=3):
    """Seconds one call of function() takes: the fastest of ``repeats`` rounds of ``calls`` calls, per call."""
    if calls < 1 or repeats < 1:
        raise ValueError(f"calls and repeats must be at least 1, got calls={calls}, repeats={repeats}.")

    def round_of_calls():
        for _ in range(calls):
            function()

    return min(_seconds(round_of_calls) for _ in range(repeats)) / calls


def max_relative_difference(params, reference):
    """Largest relative difference |p - r| / |r| (Frobenius norms) over the arrays of two parameter dicts.

    Arguments:
        params, reference -- dicts "W1", "b1", ... with arrays of the same shapes (any float dtype)
    Returns:
        a float; 0.0 when every array is equal (an array of zeros in reference is compared absolutely)
    """
    if set(params) != set(reference):
        raise ValueError(f"the dicts hold different keys: {sorted(params)} and {sorted(reference)}.")
    worst = 0.0
    for key, expected in reference.items():
        expected = np.asarray(expected, dtype=np.float64)
        given = np.asarray(params[key], dtype=np.float64)
        if given.shape != expected.shape:
            raise ValueError(f"{key} has shape {given.shape} in one dict and {expected.shape} in the other.")
        size = np.linalg.norm(expected)
        gap = np.linalg.norm(given - expected)
        worst = max(worst, float(gap / size if size > 0 else gap))
    return worst


def gathering_seconds(X, batch_size, steps, seed=0):
    """Seconds that X[:, columns] takes for ``steps`` random mini-batches of ``batch_size`` columns."""
    rng = np.random.default_rng(seed)
    batches = [rng.choice(X.shape[1], size=batch_size, replace=False) for _ in range(steps)]

    def gather():
        for columns in batches:
            X[:, columns]

    return _seconds(gather)


def matrix_product_seconds(layer_dims, batch_size, steps, dtype=np.float32):
    """Seconds of the matrix products alone for ``steps`` training steps: the floor of any NumPy version.

    Per step and layer: Z = W A_prev forward, dW = dZ A_prev^T backward, and dA_prev = W^T dZ for
    every layer but the first (nobody needs the gradient of the input). The arrays are random.
    """
    rng = np.random.default_rng(0)
    dims = list(layer_dims)
    L = len(dims) - 1
    W = [None] + [(rng.standard_normal((dims[l], dims[l - 1])) / math.sqrt(dims[l - 1])).astype(dtype)
                  for l in range(1, L + 1)]
    A = [rng.standard_normal((dims[l], batch_size)).astype(dtype) for l in range(L + 1)]
    dW = [None] + [np.empty_like(W[l]) for l in range(1, L + 1)]
    dA = [np.empty_like(a) for a in A]

    def products():
        for _ in range(steps):
            for l in range(1, L + 1):
                np.matmul(W[l], A[l - 1], out=A[l])
            for l in range(L, 0, -1):
                np.matmul(A[l], A[l - 1].T, out=dW[l])
                if l > 1:
                    np.matmul(W[l].T, A[l], out=dA[l - 1])

    return _seconds(products)


def throughput_by_batch_size(trainers, X, Y, layer_dims, batch_sizes, samples=2048, repeats=2,
                             learning_rate=0.05):
    """Samples per second of every trainer at every batch size.

    Arguments:
        trainers -- {name: train function} (each called like dnn)
        X, Y, layer_dims, learning_rate -- the task
        batch_sizes -- the batch sizes to measure
        samples -- examples seen per measurement: steps = max(2, samples // batch_size)
    Returns:
        {name: {batch_size: samples per second}}
    """
    return {
        name: {
            batch: samples_per_second(train, X, Y, layer_dims, learning_rate=learning_rate, batch_size=batch,
                                      steps=max(2, samples // batch), repeats=repeats)
            for batch in batch_sizes
        }
        for name, train in trainers.items()
    }


# ---------------------------------------------------------------------------------------------
# Profiling
# ---------------------------------------------------------------------------------------------


def profile_call(function, *args, **kwargs):
    """Run function(*args, **kwargs) under cProfile; return (its result, a pstats.Stats)."""
    profiler = cProfile.Profile()
    result = profiler.runcall(function, *args, **kwargs)
    return result, pstats.Stats(profiler)


def _describe(key):
    filename, line, name = key
    if filename == "~":  # a built-in, such as <method 'reduce' of 'numpy.ufunc' objects>
        return name, "built-in"
    return name, f"{Path(filename).name}:{line}"


def top_functions(stats, n=10):
    """The n functions with the most time of their own (not counting the functions they call).

    Returns:
        list of FunctionTime(name, where, calls, own_seconds, total_seconds), most own time first
    """
    rows = [
        FunctionTime(*_describe(key), calls, own, total)
        for key, (_, calls, own, total, _) in stats.stats.items()
    ]
    rows.sort(key=lambda row: row.own_seconds, reverse=True)
    return rows[:n]


def lesson_category(filename, name):
    """The category of a course function's own time, or None for NumPy and built-ins (charged to callers)."""
    path = Path(filename)
    if filename == "~" or "dnn_helpers" not in path.parts:
        return None
    if name in _MATRIX_PRODUCTS:
        return "matrix products"
    if path.name == "_validation.py" or name.startswith("check_"):
        return "input checks"
    if path.name in _ELEMENTWISE_FILES and name not in _LOOKUPS:
        return "elementwise work"
    return "Python overhead"


def _shares(key, stats, visiting):
    """{category: fraction} of key's own time: its own category, or its callers' in proportion."""
    category = lesson_category(key[0], key[2])
    if category is not None:
        return {category: 1.0}
    callers = stats.stats[key][4]
    if not callers or key in visiting:
        return {"Python overhead": 1.0}
    # each caller's entry: (primitive calls, calls, own time of key under this caller, total time)
    weights = {caller: entry[2] for caller, entry in callers.items()}
    total = sum(weights.values())
    if total <= 0:
        weights = {caller: entry[1] for caller, entry in callers.items()}
        total = sum(weights.values()) or 1
    shares = {}
    for caller, weight in weights.items():
        for category, fraction in _shares(caller, stats, visiting | {key}).items():
            shares[category] = shares.get(category, 0.0) + fraction * weight / total
    return shares


def time_by_category(stats, gathering_seconds=0.0):
    """Seconds of a profiled run per category of CATEGORIES.

    A course function's own time goes to its category: linear_forward and linear_backward are
    the matrix products (with the + b and the sum over examples that they also do), the
    activations, the cost and the update are elementwise work, the _validation module and
    check_* functions are input checks, the rest is Python overhead. NumPy's functions and
    built-ins are charged to the course functions that called them. The loop of dnn gathers
    the mini-batches itself: pass the separately measured ``gathering_seconds`` to move that
    time from "Python overhead" to "mini-batch gathering".

    Returns:
        {category: seconds} in the order of CATEGORIES
    """
    times = dict.fromkeys(CATEGORIES, 0.0)
    for key, (_, _, own, _, _) in stats.stats.items():
        for category, fraction in _shares(key, stats, frozenset()).items():
            times[category] += own * fraction
    moved = min(max(gathering_seconds, 0.0), times["Python overhead"])
    times["Python overhead"] -= moved
    times["mini-batch gathering"] += moved
    return times


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


def category_figure(times, title="Where the time of the lesson path goes"):
    """Horizontal bars: the share of the total time of each category, in percent."""
    names = list(times)
    total = sum(times.values()) or 1.0
    shares = [100 * times[name] / total for name in names]
    fig = Figure(figsize=(7.0, 0.5 + 0.45 * len(names)), layout="constrained")
    ax = fig.add_subplot()
    bars = ax.barh(names[::-1], shares[::-1], color="tab:blue")
    ax.bar_label(bars, labels=[f"{share:.0f}%" for share in shares[::-1]], padding=3)
    ax.set_xlim(0, max(shares) * 1.2 + 1)
    ax.set_xlabel("share of the profiled time (%)")
    ax.set_title(title)
    return fig


def speed_figure(rates, floor=None, title="Samples per second, one version after another"):
    """Horizontal bars of samples/s, each labelled with its speed-up over the first; optional floor line.

    Arguments:
        rates -- {version name: samples per second}, in the order the versions were built
        floor -- samples per second of the matrix products alone, drawn as a dashed line (or None)
    """
    names = list(rates)
    values = [rates[name] for name in names]
    fig = Figure(figsize=(8.0, 0.7 + 0.42 * len(names)), layout="constrained")
    ax = fig.add_subplot()
    bars = ax.barh(names[::-1], values[::-1], color="tab:green")
    ax.bar_label(bars, labels=[f"{value / values[0]:.1f}x" for value in values[::-1]], padding=3)
    right = max(values + ([floor] if floor else []))
    if floor:
        ax.axvline(floor, color="black", linestyle="--", label="matrix products alone")
        ax.legend(loc="upper center")
    ax.set_xlim(0, right * 1.15)
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_xlabel("training examples per second (label: speed-up over the first bar)")
    ax.set_title(title)
    return fig


def blank_pixels_figure(blank, image_shape=(28, 28)):
    """The pixels that are 0 in every training image, in black, at their place in the image.

    Arguments:
        blank -- boolean array of shape (n_x,), True for an input that is 0 in every example
    """
    fig = Figure(figsize=(3.6, 3.8), layout="constrained")
    ax = fig.add_subplot()
    ax.imshow(np.reshape(blank, image_shape), cmap="Greys", vmin=0, vmax=1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(f"{int(np.sum(blank))} blank pixels (black)\nof {np.size(blank)}")
    return fig


def batch_size_figure(batch_size, rates):
    """The "Try it" figure: samples/s against batch size for every trainer, the chosen batch size marked.

    Arguments:
        batch_size -- the chosen batch size, one of the measured ones
        rates -- {name: {batch size: samples per second}} as throughput_by_batch_size returns
    Returns:
        a Figure with one Axes; its title gives the speed-up of the last trainer over the first
    """
    names = list(rates)
    if any(batch_size not in rates[name] for name in names):
        return f"batch size {batch_size} was not measured; choose one of {sorted(rates[names[0]])}."
    fig = Figure(figsize=(7.0, 4.0))
    ax = fig.add_axes((0.15, 0.13, 0.80, 0.75))  # a fixed layout keeps every redraw fast
    for name in names:
        sizes = sorted(rates[name])
        line, = ax.plot(sizes, [rates[name][size] for size in sizes], marker="o", label=name)
        ax.plot([batch_size], [rates[name][batch_size]], marker="o", markersize=12, color=line.get_color(),
                markerfacecolor="none")
    ax.axvline(batch_size, color="gray", linestyle=":")
    ax.set_xscale("log", base=2)
    ax.set_xticks(sorted(rates[names[0]]), [str(size) for size in sorted(rates[names[0]])])
    ax.set_ylim(0, None)
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_xlabel("batch size")
    ax.set_ylabel("training examples per second")
    ax.legend(loc="upper left", fontsize="small")
    speedup = rates[names[-1]][batch_size] / rates[names[0]][batch_size]
    ax.set_title(f"batch size {batch_size}: {names[-1].split(' (')[0]} {speedup:.1f}x {names[0].split(' (')[0]}")
    return fig


# ---------------------------------------------------------------------------------------------
# The recorded benchmark
# ---------------------------------------------------------------------------------------------


def read_benchmark(path):
    """The throughput tables of a report written by scripts/benchmark.py.

    Returns:
        {section title such as "batch 64" or "full batch": {implementation: samples per second}},
        from the tables whose second column is "samples/s"
    """
    tables, section, header = {}, None, None
    for line in Path(path).read_text().splitlines():
        heading = re.match(r"##\s+(.*)", line)
        if heading:
            section, header = heading.group(1).strip(), None
            continue
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif len(header) > 1 and header[1] == "samples/s" and re.fullmatch(r"[\d,]+(\.\d+)?", cells[1]):
            tables.setdefault(section, {})[cells[0]] = float(cells[1].replace(",", ""))
    return tables
