"""Lesson 19 pictures: the recall task, an LSTM against a plain RNN, and how long a forget gate remembers.

    RECALL_ACCURACY                   measured accuracies, {(k, cell): one per seed}
    recall_outcome(accuracy)          "solved", "at chance" or "partly", robust to the last digits
    recall_figure(k)                  accuracy against k for both cells, and f^k for three forget gates
    stored_lstm()                     the stored LSTM language model, read once
    language_models_figure()          validation bits per character of the stored RNN and LSTM runs
    side_by_side_samples(...)         what the stored RNN and LSTM write after the same prompt

RECALL_ACCURACY was measured with recall.train_recall(k, iterations=RECALL_ITERATIONS, seed=seed,
cell=cell) and recall.recall_accuracy(params, k) for the seeds 0 .. 4, in float64 (about 17 s in
all, too slow for a slider; tests/test_explore_lstm.py recomputes some entries). Guessing scores 1/4.
"""

import textwrap
from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from ..activations import sigmoid
from ..language_model import sample
from ..lstm_language_model import load_lstm_language_model
from .language_model import BIGRAM_VALIDATION, UNIFORM, clean_prompt, stored_model

RECALL_ITERATIONS = 100
RECALL_SEEDS = (0, 1, 2, 3, 4)
RECALL_ACCURACY = {
    (2, "lstm"): (1.0, 1.0, 1.0, 1.0, 1.0), (2, "rnn"): (1.0, 1.0, 1.0, 1.0, 1.0),
    (5, "lstm"): (1.0, 1.0, 1.0, 1.0, 1.0), (5, "rnn"): (1.0, 1.0, 1.0, 1.0, 1.0),
    (10, "lstm"): (1.0, 1.0, 1.0, 1.0, 1.0), (10, "rnn"): (1.0, 1.0, 1.0, 1.0, 1.0),
    (20, "lstm"): (1.0, 1.0, 1.0, 1.0, 0.83), (20, "rnn"): (1.0, 0.469, 0.252, 1.0, 1.0),
    (40, "lstm"): (1.0, 1.0, 1.0, 1.0, 1.0), (40, "rnn"): (0.463, 0.25, 1.0, 0.238, 0.272),
    (60, "lstm"): (0.997, 1.0, 1.0, 0.47, 0.764), (60, "rnn"): (0.235, 0.249, 0.256, 0.265, 0.234),
}
RECALL_KS = tuple(sorted({k for k, _ in RECALL_ACCURACY}))
CHANCE = 0.25  # 4 symbols
FORGET_BIASES = (0.0, 1.0, 3.0)  # bf = 0, the usual 1, and the 3 of train_recall


def recall_outcome(accuracy):
    """A word for an accuracy on the recall task with 4 symbols, far from the thresholds it is used with:
    "solved" above 0.95, "at chance" below 0.35 (guessing scores 0.25), "partly" in between."""
    accuracy = float(accuracy)
    if not 0 <= accuracy <= 1:
        raise ValueError(f"accuracy must be between 0 and 1, got {accuracy}.")
    return "solved" if accuracy > 0.95 else "at chance" if accuracy < 0.35 else "partly"


def recall_figure(k):
    """Left: recall accuracy against k, LSTM and RNN (a dot per seed, a line through the means), k marked.
    Right: f^j for j = 0 .. k, the share of dc_k that reaches dc_{k-j} along the cell when the forget
    gate stays at its starting value f = sigmoid(bf), for the biases bf of FORGET_BIASES.

    Arguments:
        k -- one of RECALL_KS, the distance from the symbol to the query
    Returns:
        fig -- Figure with two Axes
    """
    k = int(k)
    if k not in RECALL_KS:
        raise ValueError(f"k must be one of the measured distances {RECALL_KS}, got {k}.")
    fig = Figure(figsize=(9.6, 3.8), layout="constrained")
    accuracy_ax, memory_ax = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    ks = np.array(RECALL_KS)
    for cell, color, label in (("lstm", "tab:blue", "LSTM"), ("rnn", "tab:red", "plain RNN")):
        table = np.array([RECALL_ACCURACY[(distance, cell)] for distance in RECALL_KS])  # (len(ks), seeds)
        accuracy_ax.plot(ks, table.mean(axis=1), color=color, marker="o", label=f"{label}, mean of 5 seeds")
        accuracy_ax.scatter(np.repeat(ks, table.shape[1]), table.ravel(), color=color, s=12, alpha=0.5)
    accuracy_ax.axhline(CHANCE, color="0.5", linestyle=":", label="guessing, 1/4")
    accuracy_ax.axvline(k, color="k", linewidth=0.8)
    lstm_solved = sum(recall_outcome(a) == "solved" for a in RECALL_ACCURACY[(k, "lstm")])
    rnn_solved = sum(recall_outcome(a) == "solved" for a in RECALL_ACCURACY[(k, "rnn")])
    accuracy_ax.set(xscale="log", xticks=ks, xticklabels=[str(v) for v in ks], ylim=(0, 1.05),
                    xlabel="k, steps between the symbol and the query", ylabel="accuracy on 1000 new sequences",
                    title=f"k = {k}: solved by LSTM {lstm_solved}/5, RNN {rnn_solved}/5 seeds")
    accuracy_ax.minorticks_off()
    accuracy_ax.legend(loc="lower left", fontsize="small")
    steps = np.arange(k + 1)
    for bias, color in zip(FORGET_BIASES, ("tab:orange", "tab:green", "tab:blue")):
        f = float(sigmoid(np.array(bias)))
        memory_ax.semilogy(steps, f ** steps.astype(float), color=color,
                           label=f"bf = {bias:g}: f = {f:.2f}, f^{k} = {f ** k:.0e}")
    memory_ax.set(xlabel="steps back along the cell, j", ylabel="f^j", ylim=(1e-20, 2),
                  title="the gradient along c, multiplied by f per step")
    memory_ax.grid(True, which="major", alpha=0.3)
    memory_ax.legend(loc="lower left", fontsize="small")
    return fig


# ---------------------------------------------------------------- the LSTM as a language model


@lru_cache(maxsize=1)
def stored_lstm():
    """The stored LSTM run of scripts/train_language_model.py --model lstm (StoredLanguageModel), read once."""
    return load_lstm_language_model()


def language_models_figure():
    """Validation bits per character of the stored RNN and LSTM runs over their 12,000 steps, and the baselines.

    Returns:
        fig -- Figure with one Axes; lines "RNN", "LSTM" and "bigram"
    """
    fig = Figure(figsize=(7.0, 3.8), layout="constrained")
    ax = fig.subplots()
    for name, stored, colour in (("RNN", stored_model(), "#c44e52"), ("LSTM", stored_lstm(), "#4c72b0")):
        ax.plot(stored.curve_steps, stored.curve_bits, "o-", ms=3, color=colour,
                label=f"{name} (final {stored.validation_bits:.2f})")
    ax.axhline(BIGRAM_VALIDATION, color="#999999", ls="--", label=f"bigram ({BIGRAM_VALIDATION:.2f})")
    ax.set_ylim(2.0, 3.5)  # step 0, near the uniform guess (4.80 for the RNN, 4.76 for the LSTM), lies above
    ax.set_xlabel("training step (windows of 50 steps, 32 streams)")
    ax.set_ylabel("validation bits per character")
    ax.set_title("the stored runs: same text, same settings, n_h = 128 "
                 f"(both start near the uniform {UNIFORM:.2f})", fontsize=10)
    ax.legend(fontsize=8, loc="upper right")
    return fig


def side_by_side_samples(temperature=0.8, prompt="my lord ", length=160, seed=0):
    """What the stored RNN and the stored LSTM write after the same prompt, with the same seed.

    Returns:
        a str: the cleaned prompt in brackets, then each model's continuation, wrapped to 80 columns;
        for a temperature <= 0, the error message
    """
    cleaned = clean_prompt(prompt)
    lines = [f"prompt: [{cleaned}]   temperature {temperature:g}"]
    for name, stored in (("RNN", stored_model()), ("LSTM", stored_lstm())):
        try:
            continuation = sample(stored.params, cleaned, length, temperature=temperature, seed=seed)
        except ValueError as error:
            return f"cannot sample: {error}"
        lines.append(textwrap.fill(continuation, width=80, initial_indent=f"{name + ':':<6}",
                                   subsequent_indent=" " * 6))
    return "\n".join(lines)
