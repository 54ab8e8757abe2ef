"""Train the RNN language model that lesson 18 loads, and store it as data/rnn_language_model.npz.

    python scripts/train_language_model.py                      # the stored run (a few minutes on 1 core)
    python scripts/train_language_model.py --steps 20 --output /tmp/check.npz    # its first 20 steps

It trains the lesson's own code (dnn_helpers.language_model.train_language_model: the lesson's
RNN forward and backward, clipping, Adam) on the text8 reduction of the corpus, in float64, from
a seeded initialisation, on a fixed layout of the training text: nothing is random but the
initial weights, so the run is deterministic. float64, not float32, so that a shortened run
reproduces the stored training costs to about 1e-10 on any machine (tests/test_language_model.py
checks it) and the notebook's samples from the stored weights come out the same everywhere.

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
from dnn_helpers.rnn import initialize_rnn_parameters
from dnn_helpers.text import TEXT8_VOCABULARY

# The stored run. 12,000 windows of 50 steps in 32 streams: 19.2 million characters, about 20 epochs.
SETTINGS = {"n_h": 128, "T": 50, "batch_size": 32, "num_steps": 12000, "learning_rate": 0.004,
            "max_norm": 5.0, "eval_every": 500, "seed": 0}


def train(settings, num_steps=None, log=None):
    """Run the training of ``settings`` (for ``num_steps`` steps if given); return the arrays to store."""
    settings = dict(settings, num_steps=num_steps or settings["num_steps"])
    train_indices, validation, test = text8_splits()
    V = TEXT8_VOCABULARY.size
    params = initialize_rnn_parameters(V, settings["n_h"], V, seed=settings["seed"])
    batches = make_batches(train_indices, settings["batch_size"])
    params, costs, curve = train_language_model(
        params, batches, settings["T"], settings["num_steps"], settings["learning_rate"], settings["max_norm"],
        validation=validation, eval_every=min(settings["eval_every"], settings["num_steps"]))
    if log:
        for step, bits in curve:
            log(f"step {step:6d}: validation {bits:.4f} bits per character")
    validation_bits, test_bits = curve[-1][1], rnn_bits_per_character(params, test)
    return language_model_arrays(params, settings, costs, curve, validation_bits, test_bits)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=None, help="train for this many steps instead of the stored run's")
    parser.add_argument("--output", type=Path, default=LANGUAGE_MODEL_FILE, help="where to write the .npz")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    arrays = train(SETTINGS, args.steps, log=print)
    raw = npz_bytes(arrays)
    args.output.write_bytes(raw)
    seconds = time.perf_counter() - started
    print(f"validation {float(arrays['validation_bits']):.4f}, test {float(arrays['test_bits']):.4f} bits per character")
    print(f"wrote {args.output} ({len(raw):,} bytes), SHA-256 {hashlib.sha256(raw).hexdigest()}")
    print(f"run time {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
