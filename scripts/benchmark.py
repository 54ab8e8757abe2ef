"""Training speed: the lesson path, the fast path, PyTorch, scikit-learn and the bare matrix products.

    python scripts/benchmark.py                  # the full run (about 8 minutes), 1 BLAS thread
    python scripts/benchmark.py --quick          # a small smoke run
    python scripts/benchmark.py --output benchmarks/RESULTS.md
    python scripts/benchmark.py --part recurrent --output benchmarks/RESULTS.md   # the LSTM rows only

Part "feedforward":

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

Part "recurrent": training an LSTM character model on the Shakespeare corpus (65 symbols, hidden
size 256, 32 sequences side by side, chunks of 50 steps with the state carried over, Adam, the
gradients clipped to norm 5), in characters per second of training steps (forward, backward,
clipping and update): the lesson functions (lstm_loss_and_gradients, clip_gradients,
Optimizer), FastLSTM, PyTorch's nn.LSTM and a Python loop over nn.LSTMCell, all from the same
initial weights and on the same chunks. Each figure is the median of interleaved repeats; both
the CPU time of the process (robust when other programs share the machine) and the wall-clock
time are reported. --output with one --part replaces only that part of an existing report.
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
    parser.add_argument("--part", choices=("all", "feedforward", "recurrent"), default="all",
                        help="which benchmark to run (default all)")
    parser.add_argument("--chunks", type=int, default=8, help="LSTM training steps per recurrent measurement")
    parser.add_argument("--note", default="", help="a sentence to add under the recurrent part's description")
    return parser.parse_args()


OPTIONS = parse_arguments()
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = str(OPTIONS.threads)  # before NumPy loads its BLAS

import numpy as np  # noqa: E402

from dnn_helpers import dnn  # noqa: E402
from dnn_helpers.data import load_digits, make_dataset  # noqa: E402
from dnn_helpers.fast import train_fast  # noqa: E402
from dnn_helpers.fast_recurrent import FastLSTM  # noqa: E402
from dnn_helpers.lstm import initialize_lstm_parameters, lstm_loss_and_gradients, stack_gates  # noqa: E402
from dnn_helpers.optimizers import Optimizer  # noqa: E402
from dnn_helpers.rnn import clip_gradients  # noqa: E402
from dnn_helpers.text import load_shakespeare, one_hot_sequence, vocabulary_of  # noqa: E402

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


def machine_line(*software):
    """The machine, the versions and the BLAS setting a report was measured with, as one line."""
    kernel = os.environ.get("OPENBLAS_CORETYPE") or "chosen for this CPU"
    versions = ", ".join((f"Python {platform.python_version()}", f"NumPy {np.__version__}") + software)
    return (f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}; "
            f"{versions}; BLAS threads: {OPTIONS.threads}; OpenBLAS kernel: {kernel}.")


def report(throughput, toy, m):
    torch_name = next((name for name in next(iter(throughput.values())) if name.startswith("PyTorch")), None)
    floor_name = "bare matrix products (floor, float32)"
    fast_name = "fast path (train_fast, float32)"
    every_name = "fast path, every input (float32)"
    lines = [
        f"# Training speed, {date.today().isoformat()}",
        "",
        machine_line(),
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


# The recurrent part: an LSTM character model, trained by truncated backpropagation through time.

LSTM_SIZES = {"m": 32, "T": 50, "n_h": 256}  # sequences side by side, steps per chunk, hidden size
LSTM_RATE, LSTM_MAX_NORM = 0.002, 5.0
RECURRENT_TITLE = "# Recurrent training speed"


def text_chunks(indices, m, T):
    """(inputs, targets) chunks of shape (T, m), endlessly: the text cut into m streams, read T steps at a time."""
    length = len(indices) // m
    streams = indices[: m * length].reshape(m, length)
    start = 0
    while True:
        if start + T + 1 > length:
            start = 0
        yield streams[:, start:start + T].T, streams[:, start + 1:start + T + 1].T
        start += T


def lesson_lstm(params, chunks):
    """One training step as the lessons write it: one-hot inputs, the lesson's LSTM in float64, clipping, Adam."""
    V, n_h, m = params["Wxi"].shape[1], params["Whi"].shape[0], LSTM_SIZES["m"]
    optimizer, run = Optimizer("adam", params), {"params": params, "state": (np.zeros((n_h, m)),) * 2}

    def step():
        inputs, targets = next(chunks)
        _, grads, run["state"] = lstm_loss_and_gradients(one_hot_sequence(inputs, V), targets, *run["state"],
                                                         run["params"])
        run["params"] = optimizer.step(run["params"], clip_gradients(grads, LSTM_MAX_NORM)[0], LSTM_RATE)

    return step


def fast_lstm(dtype):
    def make(params, chunks):
        trainer = FastLSTM(params, LSTM_SIZES["m"], LSTM_SIZES["T"], LSTM_RATE, LSTM_MAX_NORM, dtype=dtype)
        return lambda: trainer.step(*next(chunks))
    return make


def torch_lstm(cell_loop):
    """PyTorch eager, float32: nn.LSTM over the chunk, or a Python loop over nn.LSTMCell; same weights as ours."""
    def make(params, chunks):
        torch.manual_seed(0)
        torch.set_num_threads(OPTIONS.threads)
        V, n_h = params["Wxi"].shape[1], params["Whi"].shape[0]
        lstm = torch.nn.LSTMCell(V, n_h) if cell_loop else torch.nn.LSTM(V, n_h)
        output = torch.nn.Linear(n_h, V)
        W_x, W_h, b = stack_gates(params)  # PyTorch's gate order i, f, g, o
        with torch.no_grad():
            for name, value in (("weight_ih", W_x), ("weight_hh", W_h), ("bias_ih", b.ravel()),
                                ("bias_hh", np.zeros(len(b)))):
                getattr(lstm, name if cell_loop else name + "_l0").copy_(torch.from_numpy(value))
            output.weight.copy_(torch.from_numpy(params["Why"]))
            output.bias.copy_(torch.from_numpy(params["by"].ravel()))
        weights = list(lstm.parameters()) + list(output.parameters())
        optimizer = torch.optim.Adam(weights, lr=LSTM_RATE)
        shape = (LSTM_SIZES["m"], n_h) if cell_loop else (1, LSTM_SIZES["m"], n_h)
        state = [torch.zeros(shape), torch.zeros(shape)]

        def step():
            inputs, targets = (torch.from_numpy(np.ascontiguousarray(a)) for a in next(chunks))
            x = torch.nn.functional.one_hot(inputs, V).float()  # (T, m, V), time first
            if cell_loop:  # what a learner writes: one cell call per step
                h, c = state
                hs = []
                for t in range(x.shape[0]):
                    h, c = lstm(x[t], (h, c))
                    hs.append(h)
                H = torch.stack(hs)
            else:
                H, (h, c) = lstm(x, tuple(state))
            loss = torch.nn.functional.cross_entropy(output(H).reshape(-1, V), targets.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(weights, LSTM_MAX_NORM)
            optimizer.step()
            state[:] = [h.detach(), c.detach()]  # truncated BPTT: carry the state, not its history

        return step
    return make


def lstm_products(library):
    """The floor: only the matrix products one FastLSTM step does, in NumPy (OpenBLAS) or PyTorch (its BLAS).

    Per chunk of T steps: T gate products W_h h (4 n_h, n_h) (n_h, m) forward and T products W_h^T dz
    back; dW_h and dW_x over all steps, (4 n_h, T m) times (T m, n_h) and (T m, V); and the output
    layer's three, (T m, n_h) (n_h, V), (V, T m) (T m, n_h), (T m, V) (V, n_h). float32, random values.
    """
    def make(params, chunks):
        V, n_h, m, T = params["Wxi"].shape[1], params["Whi"].shape[0], LSTM_SIZES["m"], LSTM_SIZES["T"]
        rng = np.random.default_rng(0)
        shapes = {"Wh": (4 * n_h, n_h), "h": (n_h, m), "z": (4 * n_h, m), "Wh_T": (n_h, 4 * n_h), "dh": (n_h, m),
                  "dZ": (4 * n_h, T * m), "H_T": (T * m, n_h), "one_hot": (T * m, V), "dWh": (4 * n_h, n_h),
                  "dWx": (4 * n_h, V), "Why_T": (n_h, V), "logits": (T * m, V), "logits_T": (V, T * m),
                  "dWhy": (V, n_h), "Why": (V, n_h), "dH": (T * m, n_h)}
        a = {name: rng.random(shape, dtype=np.float32) for name, shape in shapes.items()}
        if library == "torch":
            a = {name: torch.from_numpy(value) for name, value in a.items()}
            matmul = torch.mm
        else:
            matmul = np.matmul
        products = [("Wh", "h", "z")] * T + [("Wh_T", "z", "dh")] * T + [
            ("dZ", "H_T", "dWh"), ("dZ", "one_hot", "dWx"), ("H_T", "Why_T", "logits"),
            ("logits_T", "H_T", "dWhy"), ("logits", "Why", "dH")]

        def step():
            next(chunks)
            for left, right, out in products:
                matmul(a[left], a[right], out=a[out])
        return step
    return make


def recurrent_contenders():
    table = {
        "lesson path (lstm_loss_and_gradients, float64)": lesson_lstm,
        "fast path (FastLSTM, float32)": fast_lstm(np.float32),
        "fast path (FastLSTM, float64)": fast_lstm(np.float64),
        "its matrix products alone, NumPy (floor, float32)": lstm_products("numpy"),
    }
    if torch is not None:
        version = torch.__version__.split("+")[0]
        table[f"PyTorch {version} nn.LSTM, eager, float32"] = torch_lstm(cell_loop=False)
        table[f"PyTorch {version} loop over nn.LSTMCell, float32"] = torch_lstm(cell_loop=True)
        table[f"the same matrix products, PyTorch {version} (floor, float32)"] = lstm_products("torch")
    return table


def measure_recurrent(repeats, chunks_per_run):
    """Characters per second of every contender: ({name: median by CPU time}, {name: median by wall clock})."""
    text = load_shakespeare()
    indices = vocabulary_of(text).encode(text)
    params = initialize_lstm_parameters(vocabulary_of(text).size, LSTM_SIZES["n_h"], vocabulary_of(text).size, seed=0)
    runs = {name: make(params, text_chunks(indices, LSTM_SIZES["m"], LSTM_SIZES["T"]))
            for name, make in recurrent_contenders().items()}
    for run in runs.values():  # warm-up: the first steps load libraries and fault in pages
        run()
    characters = chunks_per_run * LSTM_SIZES["m"] * LSTM_SIZES["T"]
    cpu, wall = {name: [] for name in runs}, {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            time.sleep(PAUSE)
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(chunks_per_run):
                run()
            wall[name].append(characters / (time.perf_counter() - start_wall))
            cpu[name].append(characters / (time.process_time() - start_cpu))
    median = {name: statistics.median(values) for name, values in cpu.items()}
    return median, {name: statistics.median(values) for name, values in wall.items()}, len(vocabulary_of(text).symbols)


def recurrent_report(cpu, wall, V, repeats, chunks_per_run):
    torch_names = [name for name in cpu if name.startswith("PyTorch")]
    lstm_name = next((name for name in torch_names if "nn.LSTM," in name), None)
    cell_name = next((name for name in torch_names if "LSTMCell" in name), None)
    fast_name = "fast path (FastLSTM, float32)"
    m, T, n_h = LSTM_SIZES["m"], LSTM_SIZES["T"], LSTM_SIZES["n_h"]
    torch_version = f"PyTorch {torch.__version__} ({torch.get_num_threads()} thread)" if torch is not None else "no PyTorch"
    lines = [
        f"{RECURRENT_TITLE}, {date.today().isoformat()}",
        "",
        machine_line(torch_version),
        f"LSTM character model on the Shakespeare corpus: {V} symbols, hidden size {n_h}, batch {m}, chunks of "
        f"{T} steps (truncated BPTT, state carried over), Adam (learning rate {LSTM_RATE}), gradients clipped to "
        f"norm {LSTM_MAX_NORM:g}. A training step is forward, backward, clipping and update. Median of {repeats} "
        f"interleaved repeat{'s' * (repeats > 1)} of {chunks_per_run} step{'s' * (chunks_per_run > 1)} "
        f"({chunks_per_run * m * T:,} characters) each; the ratios use the CPU time of the process.",
        *([OPTIONS.note] if OPTIONS.note else []),
        "",
        f"## LSTM: batch {m}, {T} steps, hidden {n_h}, {V} symbols",
        "",
        "| implementation | chars/s (CPU time) | vs nn.LSTM | vs LSTMCell loop | chars/s (wall clock) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, rate in cpu.items():
        ratios = [f"{rate / cpu[other]:.2f}x" if other else "n/a" for other in (lstm_name, cell_name)]
        lines.append(f"| {name} | {rate:,.0f} | {ratios[0]} | {ratios[1]} | {wall[name]:,.0f} |")
    lines += ["", "## Targets (LSTM)", ""]
    if lstm_name and cell_name:
        for other, goal, what in ((lstm_name, 1.0, "nn.LSTM"), (cell_name, 1.5, "the LSTMCell loop")):
            ratio, ratio_wall = cpu[fast_name] / cpu[other], wall[fast_name] / wall[other]
            lines.append(f"- fast path {ratio:.2f}x {what} (target >= {goal:g}x): {'met' if ratio >= goal else 'NOT met'}"
                         f" (wall clock: {ratio_wall:.2f}x)")
    else:
        lines.append("- PyTorch is not installed: no comparison")
    lines.append(f"- fast path {cpu[fast_name] / cpu['lesson path (lstm_loss_and_gradients, float64)']:.1f}x "
                 "the lesson path")
    return "\n".join(lines) + "\n"


def feedforward_part():
    digits = load_digits()
    X = digits.X_train
    Y = (digits.y_train % 2).astype(np.float64).reshape(1, -1)  # 1 = odd, as in lesson 15
    repeats, samples, batch_sizes = OPTIONS.repeats, OPTIONS.samples, [64, 256, X.shape[1]]
    if OPTIONS.quick:
        X, Y = X[:, :1024], Y[:, :1024]
        repeats, samples, batch_sizes = 1, 2048, [64, 1024]
    throughput = measure_throughput(X, Y, batch_sizes, samples, repeats)
    toy = measure_toy_retrain(repeats)
    return report(throughput, toy, X.shape[1])


def recurrent_part():
    repeats, chunks_per_run = (1, 1) if OPTIONS.quick else (OPTIONS.repeats, OPTIONS.chunks)
    cpu, wall, V = measure_recurrent(repeats, chunks_per_run)
    return recurrent_report(cpu, wall, V, repeats, chunks_per_run)


def merged_report(path, parts):
    """The report to write: the parts just run, and the other part as the file at ``path`` has it."""
    old = path.read_text() if path.is_file() else ""
    start = old.find(RECURRENT_TITLE)
    kept = {"feedforward": old[:start] if start >= 0 else old, "recurrent": old[start:] if start >= 0 else ""}
    kept.update(parts)
    return "\n".join(kept[name].strip("\n") + "\n" for name in ("feedforward", "recurrent") if kept[name].strip())


def main():
    parts = {}
    if OPTIONS.part in ("all", "feedforward"):
        parts["feedforward"] = feedforward_part()
    if OPTIONS.part in ("all", "recurrent"):
        parts["recurrent"] = recurrent_part()
    print("\n".join(parts.values()))
    if OPTIONS.output:
        OPTIONS.output.parent.mkdir(parents=True, exist_ok=True)
        OPTIONS.output.write_text(merged_report(OPTIONS.output, parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
