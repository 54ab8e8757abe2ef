"""Train the language models that lessons 18 and 19 load, and store them in data/.

    python scripts/train_language_model.py                 # the RNN: data/rnn_language_model.npz (about 3 min)
    python scripts/train_language_model.py --model lstm    # the LSTM: data/lstm_language_model.npz (about 9 min)
    python scripts/train_language_model.py --steps 20 --output /tmp/check.npz    # the RNN's first 20 steps

The RNN run trains lesson 18's own code (dnn_helpers.language_model.train_language_model: the
lesson's RNN forward and backward, clipping, Adam); the LSTM run trains lesson 19's LSTM with the
same settings (dnn_helpers.lstm_language_model.train_lstm_language_model: the fast path in float64,
equal to the lesson's functions to rounding error). Both run on the text8 reduction of the corpus,
in float64, from a seeded initialisation, on a fixed layout of the training text: nothing is random
but the initial weights, so a run is deterministic. float64, not float32, so that a shortened run
reproduces the stored training costs to about 1e-10 on any machine (tests/test_language_model.py
and tests/test_lstm_language_model.py check it) and the notebooks' samples from the stored weights
come out the same everywhere.

It writes the weights, the settings, every step's training cost, the validation curve and the
final validation and test bits per character (named arrays, no pickled objects), then prints the
file's SHA-256 and the run time. Nothing is downloaded.
"""

import argparse
import hashlib
import sys
import time
from pathlib import Path

from dnn_helpers.data import npz_bytes
from dnn_helpers.language_model import (
    LANGUAGE_MODEL_FILE,
    language_model_arrays,
    make_batches,
    rnn_bits_per_character,
    text8_splits,
    train_language_model,
)
from dnn_helpers.lstm import initialize_lstm_parameters
from dnn_helpers.lstm_language_model import (LSTM_LANGUAGE_MODEL_FILE, lstm_bits_per_character,
                                             lstm_language_model_arrays, train_lstm_language_model)
from dnn_helpers.rnn import initialize_rnn_parameters
from dnn_helpers.text import TEXT8_VOCABULARY

# The stored RNN run. 12,000 windows of 50 steps in 32 streams: 19.2 million characters, about 20 epochs.
SETTINGS = {"n_h": 128, "T": 50, "batch_size": 32, "num_steps": 12000, "learning_rate": 0.004,
            "max_norm": 5.0, "eval_every": 500, "seed": 0}
# The stored LSTM run: the same settings, and the forget-gate bias of initialize_lstm_parameters
LSTM_SETTINGS = dict(SETTINGS, forget_bias=1.0)


def _initial(settings, V):
    return initialize_rnn_parameters(V, settings["n_h"], V, seed=settings["seed"])


def _initial_lstm(settings, V):
    return initialize_lstm_parameters(V, settings["n_h"], V, seed=settings["seed"], forget_bias=settings["forget_bias"])


# model: (settings, initial parameters, training, score, arrays to store, default output)
MODELS = {
    "rnn": (SETTINGS, _initial, train_language_model, rnn_bits_per_character, language_model_arrays,
            LANGUAGE_MODEL_FILE),
    "lstm": (LSTM_SETTINGS, _initial_lstm, train_lstm_language_model, lstm_bits_per_character,
             lstm_language_model_arrays, LSTM_LANGUAGE_MODEL_FILE),
}


def train(settings, num_steps=None, log=None, model="rnn"):
    """Run the training of ``settings`` (for ``num_steps`` steps if given); return the arrays to store."""
    _, initial, training, score, arrays, _ = MODELS[model]
    settings = dict(settings, num_steps=num_steps or settings["num_steps"])
    train_indices, validation, test = text8_splits()
    params = initial(settings, TEXT8_VOCABULARY.size)
    batches = make_batches(train_indices, settings["batch_size"])
    params, costs, curve = training(
        params, batches, settings["T"], settings["num_steps"], settings["learning_rate"], settings["max_norm"],
        validation=validation, eval_every=min(settings["eval_every"], settings["num_steps"]))
    if log:
        for step, bits in curve:
            log(f"step {step:6d}: validation {bits:.4f} bits per character")
    validation_bits, test_bits = curve[-1][1], score(params, test)
    return arrays(params, settings, costs, curve, validation_bits, test_bits)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", choices=sorted(MODELS), default="rnn", help="the RNN of lesson 18 (default) or "
                        "the LSTM of lesson 19")
    parser.add_argument("--steps", type=int, default=None, help="train for this many steps instead of the stored run's")
    parser.add_argument("--output", type=Path, default=None, help="where to write the .npz (default: the stored "
                        "file in data/)")
    args = parser.parse_args(argv)
    settings, *_, default_output = MODELS[args.model]
    args.output = args.output or default_output
    started = time.perf_counter()
    arrays = train(settings, args.steps, log=print, model=args.model)
    raw = npz_bytes(arrays)
    args.output.write_bytes(raw)
    seconds = time.perf_counter() - started
    print(f"validation {float(arrays['validation_bits']):.4f}, test {float(arrays['test_bits']):.4f} bits per character")
    print(f"wrote {args.output} ({len(raw):,} bytes), SHA-256 {hashlib.sha256(raw).hexdigest()}")
    print(f"run time {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
