"""Training speed: the lesson path, the fast path, PyTorch, scikit-learn and the bare matrix products.

    python scripts/benchmark.py                  # the full run (about 7 minutes), 1 BLAS thread
    python scripts/benchmark.py --quick          # a small smoke run
    python scripts/benchmark.py --output benchmarks/RESULTS.md

Every contender trains the same network, 784-256-128-1 with ReLU hidden layers and a
sigmoid output (binary cross-entropy), on the 8,000 training digits (odd or not, as in lesson 15),
with plain mini-batch SGD (no momentum) at batch sizes 64, 256 and the full batch.
The fast path runs twice: as it is, leaving out of the products the 113 pixels that are
0 in every training image (exact: their weights get no gradient), and with every input
kept, doing the same products as the others. The contenders run interleaved, a pause
between them (OpenBLAS worker threads keep spinning for about 0.1 s after a call), and
each figure is the median of the repeats.
Throughput is measured as (samples of N steps) / (time of 2N steps - time of N steps),
so that no contender is charged for its one-off set-up (input checks, copies, building
a model).
PyTorch and scikit-learn are optional (requirements-bench.txt): a missing one is skipped.

The last part times the playground's case: retraining a [2, 16, 16, 1] network on 400
points for 1,000 full-batch iterations, and redrawing its decision boundary.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAUSE = 0.3  # seconds between contenders, for BLAS threads to go idle


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=1, help="BLAS and PyTorch threads (default 1)")
    parser.add_argument("--repeats", type=int, default=5, help="interleaved repeats (median reported)")
    parser.add_argument("--samples", type=int, default=65536, help="training samples seen per measurement")
    parser.add_argument("--quick", action="store_true", help="a small, fast smoke run")
    parser.add_argument("--output", type=Path, help="also write the report (Markdown) to this file")
    parser.add_argument("--no-contenders", action="store_true", help="leave out PyTorch and scikit-learn")
    return parser.parse_args()


OPTIONS = parse_arguments()
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = str(OPTIONS.threads)  # before NumPy loads its BLAS

import numpy as np  # noqa: E402

from dnn_helpers import dnn  # noqa: E402
from dnn_helpers.data import load_digits, make_dataset  # noqa: E402
from dnn_helpers.fast import train_fast  # noqa: E402

torch = MLPClassifier = None
if not OPTIONS.no_contenders:
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed: skipped (pip install -r requirements-bench.txt)")
    try:
        from sklearn.neural_network import MLPClassifier
    except ImportError:
        print("scikit-learn is not installed: skipped (pip install -r requirements-bench.txt)")

LEARNING_RATE = 0.05
HIDDEN = (256, 128)


def timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def lesson_path(X, Y, batch_size, steps):
    return timed(lambda: dnn(X, Y, [X.shape[0], *HIDDEN, 1], LEARNING_RATE, steps, batch_size=batch_size))


def fast_path(dtype, skip_zero_inputs=True):
    def run(X, Y, batch_size, steps):
        return timed(lambda: train_fast(X, Y, [X.shape[0], *HIDDEN, 1], LEARNING_RATE, steps,
                                        batch_size=batch_size, dtype=dtype, skip_zero_inputs=skip_zero_inputs))
    return run


def bare_products(X, Y, batch_size, steps):
    """The floor: per step only the products forward (W A), dW (dZ A^T) and dA_prev (W^T dZ), in float32."""
    dims = [X.shape[0], *HIDDEN, 1]
    rng = np.random.default_rng(0)
    W = [None] + [rng.standard_normal((dims[l], dims[l - 1])).astype(np.float32) for l in range(1, len(dims))]
    A = [np.asarray(X[:, :batch_size].T, dtype=np.float32, order="C").T] + [
        np.ones((dims[l], batch_size), np.float32) for l in range(1, len(dims))
    ]
    dW = [None] + [np.empty_like(w) for w in W[1:]]
    dA = [None] + [np.empty_like(a) for a in A[1:]]

    def run():
        for _ in range(steps):
            for l in range(1, len(dims)):
                np.matmul(W[l], A[l - 1], out=A[l])
            for l in range(len(dims) - 1, 0, -1):
                np.matmul(A[l], A[l - 1].T, out=dW[l])
                if l > 1:
                    np.matmul(W[l].T, A[l], out=dA[l - 1])

    return timed(run)


def pytorch(X, Y, batch_size, steps, hidden=HIDDEN, learning_rate=LEARNING_RATE):
    torch.manual_seed(0)
    torch.set_num_threads(OPTIONS.threads)
    inputs = torch.from_numpy(np.ascontiguousarray(X.T, dtype=np.float32))
    labels = torch.from_numpy(np.ascontiguousarray(Y.T, dtype=np.float32))
    model = torch.nn.Sequential(
        torch.nn.Linear(X.shape[0], hidden[0]), torch.nn.ReLU(),
        torch.nn.Linear(hidden[0], hidden[1]), torch.nn.ReLU(),
        torch.nn.Linear(hidden[1], 1),
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate, momentum=0)
    loss_function = torch.nn.BCEWithLogitsLoss()
    m = inputs.shape[0]

    def run():
        done = 0
        while done < steps:
            order = torch.randperm(m)
            for start in range(0, m, batch_size):
                if done == steps:
                    break
                rows = order[start:start + batch_size]
                optimizer.zero_grad()
                loss = loss_function(model(inputs[rows]), labels[rows])
                loss.backward()
                optimizer.step()
                done += 1

    return timed(run)


def scikit_learn(X, Y, batch_size, steps):
    """MLPClassifier runs whole epochs: it is given enough epochs for the same number of samples."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    epochs = max(1, round(steps * batch_size / X.shape[1]))
    model = MLPClassifier(hidden_layer_sizes=HIDDEN, solver="sgd", momentum=0, learning_rate_init=LEARNING_RATE,
                          batch_size=batch_size, max_iter=epochs, alpha=0, tol=0, n_iter_no_change=epochs + 1,
                          shuffle=True, random_state=0)
    inputs = np.ascontiguousarray(X.T, dtype=np.float32)
    labels = Y.ravel().astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        seconds = timed(lambda: model.fit(inputs, labels))
    return seconds * steps * batch_size / (epochs * X.shape[1])  # per the samples the others see


def contenders():
    table = {
        "lesson path (dnn, float64)": lesson_path,
        "fast path (train_fast, float32)": fast_path(np.float32),
        "fast path (train_fast, float64)": fast_path(np.float64),
        "fast path, every input (float32)": fast_path(np.float32, skip_zero_inputs=False),
    }
    if torch is not None:
        table[f"PyTorch {torch.__version__.split('+')[0]} eager CPU, float32"] = pytorch
    if MLPClassifier is not None:
        import sklearn

        table[f"scikit-learn {sklearn.__version__} MLPClassifier, float64"] = scikit_learn
    table["bare matrix products (floor, float32)"] = bare_products
    return table


def measure_throughput(X, Y, batch_sizes, samples, repeats):
    """samples/s of every contender at every batch size: {batch: {name: median samples/s}}."""
    table = contenders()
    results = {}
    for batch_size in batch_sizes:
        steps = max(2, samples // batch_size)
        seen = {name: [] for name in table}
        for name, run in table.items():  # warm-up: first calls load libraries and fault in pages
            run(X, Y, batch_size, 2)
        for _ in range(repeats):
            for name, run in table.items():
                # a run of 2N steps minus a run of N steps: N steps of training, without the
                # set-up (input checks, copies, model construction) that each call pays once
                time.sleep(PAUSE)
                short = run(X, Y, batch_size, steps)
                time.sleep(PAUSE)
                long = run(X, Y, batch_size, 2 * steps)
                seen[name].append(steps * batch_size / (long - short))
        results[batch_size] = {name: statistics.median(values) for name, values in seen.items()}
    return results


def measure_toy_retrain(repeats):
    """Seconds to retrain the playground's network, per implementation, and to redraw its boundary."""
    from dnn_helpers.plots import decision_boundary_figure
    from dnn_helpers.training import predict_proba
    from dnn_helpers.widgets import figure_to_png

    X, Y = make_dataset("flower", n_samples=400, seed=0)
    dims, rate, iterations = [2, 16, 16, 1], 0.3, 1000
    runs = {
        "fast path, float32": lambda: train_fast(X, Y, dims, rate, iterations),
        "lesson path, float64": lambda: dnn(X, Y, dims, rate, iterations),
    }
    if torch is not None:
        runs["PyTorch eager CPU"] = lambda: pytorch(X, Y, 400, iterations, hidden=dims[1:3], learning_rate=rate)
    params, _ = train_fast(X, Y, dims, rate, iterations)
    runs["redraw boundary (200x200 grid, PNG)"] = lambda: figure_to_png(
        decision_boundary_figure(lambda points: predict_proba(points, params), X, Y)
    )
    times = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            time.sleep(PAUSE)
            times[name].append(timed(run))
    return {name: statistics.median(values) for name, values in times.items()}


def report(throughput, toy, m):
    torch_name = next((name for name in next(iter(throughput.values())) if name.startswith("PyTorch")), None)
    floor_name = "bare matrix products (floor, float32)"
    fast_name = "fast path (train_fast, float32)"
    every_name = "fast path, every input (float32)"
    lines = [
        f"# Training speed, {date.today().isoformat()}",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, NumPy {np.__version__}; BLAS threads: {OPTIONS.threads}.",
        f"Network 784-256-128-1 (ReLU, sigmoid output), plain SGD, {m} training digits; "
        "median of the interleaved repeats.",
        "",
    ]
    for batch_size, results in throughput.items():
        label = "full batch" if batch_size == m else f"batch {batch_size}"
        lines += [f"## {label}", "", "| implementation | samples/s | vs PyTorch | vs floor |", "|---|---:|---:|---:|"]
        for name, rate in results.items():
            versus_torch = f"{rate / results[torch_name]:.2f}x" if torch_name else "n/a"
            lines.append(f"| {name} | {rate:,.0f} | {versus_torch} | {rate / results[floor_name]:.2f}x |")
        lines.append("")
    lines += ["## Playground retrain: [2, 16, 16, 1], 400 points, 1,000 full-batch iterations", "",
              "| what | milliseconds |", "|---|---:|"]
    lines += [f"| {name} | {seconds * 1000:.0f} |" for name, seconds in toy.items()]
    lines.append("")
    lines += ["## Targets", ""]
    for batch_size, results in throughput.items():
        if torch_name and batch_size in (64, 256):
            goal = 1.5 if batch_size == 64 else 1.15
            ratio = results[fast_name] / results[torch_name]
            lines.append(f"- batch {batch_size}: fast path {ratio:.2f}x PyTorch (target >= {goal}x): "
                         f"{'met' if ratio >= goal else 'NOT met'}")
            every = results[every_name] / results[torch_name]
            lines.append(f"- batch {batch_size}: fast path with every input {every:.2f}x PyTorch "
                         f"({'also' if every >= goal else 'NOT'} above {goal}x)")
        if batch_size in (64, 256):
            behind = results[floor_name] / results[fast_name]
            lines.append(f"- batch {batch_size}: floor / fast path = {behind:.2f} (target <= 1.3): "
                         f"{'met' if behind <= 1.3 else 'NOT met'}; with every input "
                         f"{results[floor_name] / results[every_name]:.2f}")
    fast_toy = toy["fast path, float32"]
    lines.append(f"- playground retrain {fast_toy * 1000:.0f} ms (target <= 150 ms): "
                 f"{'met' if fast_toy <= 0.15 else 'NOT met'}")
    if "PyTorch eager CPU" in toy:
        speedup = toy["PyTorch eager CPU"] / fast_toy
        lines.append(f"- playground retrain {speedup:.1f}x faster than PyTorch (target >= 3x): "
                     f"{'met' if speedup >= 3 else 'NOT met'}")
    return "\n".join(lines) + "\n"


def main():
    digits = load_digits()
    X = digits.X_train
    Y = (digits.y_train % 2).astype(np.float64).reshape(1, -1)  # 1 = odd, as in lesson 15
    repeats, samples, batch_sizes = OPTIONS.repeats, OPTIONS.samples, [64, 256, X.shape[1]]
    if OPTIONS.quick:
        X, Y = X[:, :1024], Y[:, :1024]
        repeats, samples, batch_sizes = 1, 2048, [64, 1024]
    throughput = measure_throughput(X, Y, batch_sizes, samples, repeats)
    toy = measure_toy_retrain(repeats)
    text = report(throughput, toy, X.shape[1])
    print(text)
    if OPTIONS.output:
        OPTIONS.output.parent.mkdir(parents=True, exist_ok=True)
        OPTIONS.output.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
