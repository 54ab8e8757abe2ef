"""Part two, step 4 on text: the LSTM of lstm.py as a character-level language model.

Lesson 18's recipe with the LSTM in place of the RNN: the same layout of the training text
(language_model.make_batches, next_window), truncated backpropagation through time with the state
carried between windows and reset at every epoch (now two states, h and c), clipping to a global
norm, Adam, and the score in bits per character (language_model.bits_per_character, sample).

Training runs on the fast path, fast_recurrent.FastLSTM, in float64: one of its steps equals

    cost, grads, (h, c) = lstm_loss_and_gradients(one_hot_sequence(inputs, V), targets, h, c, params)
    grads, _ = clip_gradients(grads, max_norm)
    params, v, s = update_parameters_with_adam(params, grads, v, s, t, learning_rate)

to rounding error (tests/test_lstm_language_model.py checks a few steps against exactly this), and
takes about a third of the time.

Shapes: batches (L, m) integer indices; inputs, targets (T, m); h, c (n_h, m); params the dict of
lstm.initialize_lstm_parameters: "Wxi" (n_h, V), "Whi" (n_h, n_h), "bi" (n_h, 1), ... for the gates
i, f, g, o, "Why" (V, n_h), "by" (V, 1).
"""

from pathlib import Path

import numpy as np

from ._sequences import check_indices
from ._validation import check_count
from .data import DATA_DIRECTORY
from .fast_recurrent import FastLSTM
from .language_model import (bits_per_character, language_model_arrays, load_stored_model, next_window,
                             number_of_windows)
from .lstm import GATE_KEYS, OUTPUT_KEYS, check_lstm_parameters

LSTM_LANGUAGE_MODEL_FILE = DATA_DIRECTORY / "lstm_language_model.npz"
LSTM_LANGUAGE_MODEL_SHA256 = "ca6c543bcdaeedb3989962cb3000543904eaa66a7031c93a647e8ee22489ed95"
LSTM_LANGUAGE_MODEL_COMMAND = "python scripts/train_language_model.py --model lstm"
LSTM_PARAMETER_KEYS = GATE_KEYS + OUTPUT_KEYS
LSTM_SETTING_NAMES = ("n_h", "T", "batch_size", "num_steps", "learning_rate", "max_norm", "eval_every", "seed",
                      "forget_bias")


def train_lstm_language_model(params, batches, T, num_steps, learning_rate, max_norm, validation=None,
                              eval_every=100):
    """Train the LSTM for ``num_steps`` windows, as language_model.train_language_model trains the RNN.

    Step k reads window k mod W (W = number_of_windows(batches, T)); at window 0, h and c are set to
    zeros (a new epoch); otherwise both are carried over from the window before, with the gradient
    cut at the window's start.

    Arguments:
        params -- dict of initialize_lstm_parameters (not changed);  batches -- int (L, m) from make_batches
        T -- steps per window;  num_steps -- windows to train on
        learning_rate -- Adam's step size;  max_norm -- the global norm the gradients are clipped to
        validation -- indices (n,) to score every ``eval_every`` steps and before the first, or None
    Returns:
        params -- the trained arrays (float64)
        costs -- list of num_steps floats, each window's cost in nats per character, before its step
        curve -- list of (step, validation bits per character), step 0 first; [] without validation
    """
    n_x, _ = check_lstm_parameters(params, LSTM_PARAMETER_KEYS)
    batches = check_indices(batches, n_x, name="batches", shapes=("(L,)", "(L, m)"))
    if batches.ndim != 2:
        raise ValueError(f"batches must have shape (L, m), one stream per column, got {batches.shape}: lay the text "
                         "out with make_batches(indices, batch_size).")
    windows = number_of_windows(batches, T)
    num_steps, eval_every = check_count(num_steps, "num_steps"), check_count(eval_every, "eval_every")
    trainer = FastLSTM(params, batches.shape[1], T, learning_rate, max_norm, optimizer="adam", dtype=np.float64)
    costs, curve = [], []
    if validation is not None:
        curve.append((0, bits_per_character(params, validation)))
    for step in range(num_steps):
        window = step % windows
        if window == 0:
            trainer.reset_state()  # a new epoch: every stream starts again at its first symbol, h = c = 0
        costs.append(trainer.step(*next_window(batches, window * T, T)))  # h and c carried to the next window
        if validation is not None and (step + 1) % eval_every == 0:
            curve.append((step + 1, bits_per_character(trainer.parameters(), validation)))
    return trainer.parameters(), costs, curve


def lstm_bits_per_character(params, indices, batch_size=32, window=200):
    """Bits per character of the LSTM on a text (n,), read as ``batch_size`` streams from h = c = 0.

    As language_model.rnn_bits_per_character: each stream is read ``window`` steps at a time with
    both states carried, so each prediction uses everything before it in its stream.
    Returns:
        a float: the mean of -log2 p(next symbol)
    """
    check_lstm_parameters(params, LSTM_PARAMETER_KEYS)
    return bits_per_character(params, indices, batch_size, window)


def lstm_language_model_arrays(params, settings, costs, curve, validation_bits, test_bits):
    """The named arrays of a stored LSTM run (as language_model.language_model_arrays, with the gates' keys)."""
    return language_model_arrays(params, settings, costs, curve, validation_bits, test_bits,
                                 keys=LSTM_PARAMETER_KEYS, setting_names=LSTM_SETTING_NAMES)


def load_lstm_language_model(path=None, expected_sha256=LSTM_LANGUAGE_MODEL_SHA256):
    """Load the stored LSTM language model of scripts/train_language_model.py --model lstm, checking its SHA-256.

    Pass expected_sha256=None to skip the check, for a file you regenerated yourself.
    Returns:
        language_model.StoredLanguageModel, its params the LSTM's fourteen arrays
    """
    path = LSTM_LANGUAGE_MODEL_FILE if path is None else Path(path)
    return load_stored_model(path, expected_sha256, LSTM_LANGUAGE_MODEL_COMMAND, LSTM_PARAMETER_KEYS,
                             LSTM_SETTING_NAMES)
