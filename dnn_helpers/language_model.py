"""Part two, step 3: a character-level language model, trained on mini-batches of sequences.

The layout. A training text of n indices is cut into m streams of L = n // m consecutive
characters (the last n - m L are dropped); stream i is characters i L .. (i + 1) L - 1 and becomes
column i of ``batches``, shape (L, m). The m columns are read side by side, T rows at a time:

    window k:  inputs  = batches[k T     : k T + T]        (T, m)
               targets = batches[k T + 1 : k T + T + 1]    (T, m), the next character of each input

Truncated backpropagation through time. h_T, the state window k ends in, is h_0 of window k + 1, so
each stream is read as one long sequence; but the gradient stops at the window's start (dh_0 is
dropped: nothing flows back into the previous window, the state is "detached"). An epoch reads the
(L - 1) // T whole windows of the streams once; at its start every stream begins again at its first
character, so h is reset to 0.

One step: the cost and gradients of one window (rnn.rnn_loss_and_gradients), the gradients clipped to
a global norm (rnn.clip_gradients), then Adam (optimizers.update_parameters_with_adam). Scores are in
bits per character, the mean of -log2 p(next true symbol): sequence_cost / ln 2.

Shapes: indices (n,); batches (L, m); inputs and targets (T, m) integer indices; h (n_h, m);
params "Wxh" (n_h, V), "Whh" (n_h, n_h), "bh" (n_h, 1), "Why" (V, n_h), "by" (V, 1).
"""

import io
import math
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ._sequences import check_indices, check_rnn_parameters
from ._validation import check_count, check_positive_number
from .activations import softmax
from .data import DATA_DIRECTORY, _random_generator, read_checked_file
from .lstm import GATE_KEYS, OUTPUT_KEYS, check_lstm_parameters, lstm_forward
from .optimizers import initialize_state, update_parameters_with_adam
from .rnn import clip_gradients, rnn_forward, rnn_loss_and_gradients, rnn_output_forward, sequence_cost
from .text import TEXT8_VOCABULARY, load_shakespeare, one_hot_sequence, split_text, text8_reduce

LANGUAGE_MODEL_FILE = DATA_DIRECTORY / "rnn_language_model.npz"
LANGUAGE_MODEL_SHA256 = "cfcf9dbd34b847f98954e9d9d2207534a3c3bb1b855d1e0a165d134d6dd7d479"
LANGUAGE_MODEL_COMMAND = "python scripts/train_language_model.py"
PARAMETER_KEYS = ("Wxh", "Whh", "bh", "Why", "by")
LN2 = math.log(2.0)


def text8_splits():
    """The text8 reduction of the corpus, split 90/5/5 by position and encoded: (train, validation, test).

    Returns:
        three int64 arrays of shapes (953622,), (52979,), (52979,), indices into TEXT8_VOCABULARY
    """
    return tuple(TEXT8_VOCABULARY.encode(part) for part in split_text(text8_reduce(load_shakespeare())))


# ---------------------------------------------------------------- the layout


def make_batches(indices, batch_size):
    """Cut one long sequence into ``batch_size`` streams of consecutive symbols, one per column.

    Arguments:
        indices -- integer indices of shape (n,)
        batch_size -- m, the number of streams; L = n // m symbols each, the last n - m L dropped
    Returns:
        batches -- int64 of shape (L, m); batches[:, i] = indices[i L : (i + 1) L]
    """
    indices = check_indices(indices, shapes=("(n,)",))
    m = check_count(batch_size, "batch_size")
    L = len(indices) // m
    if L < 2:
        raise ValueError(f"{len(indices)} symbols cut into batch_size = {m} streams leave {L} per stream; a stream "
                         "needs at least 2 (an input and its target): use a smaller batch_size or a longer text.")
    # row i of the (m, L) reshape is stream i, consecutive text; transposed, it becomes column i
    return np.ascontiguousarray(indices[: m * L].reshape(m, L).T)


def number_of_windows(batches, T):
    """How many whole windows of T steps an epoch reads from ``batches`` (L, m): (L - 1) // T."""
    L = np.shape(batches)[0]
    T = check_count(T, "T")
    if T > L - 1:
        raise ValueError(f"a window of T = {T} steps needs T + 1 = {T + 1} rows (its targets are one further), but the "
                         f"streams have L = {L}: use T <= {L - 1} or fewer streams.")
    return (L - 1) // T


def next_window(batches, start, T):
    """The window of T steps from row ``start``: inputs, and targets shifted one step later.

    Arguments:
        batches -- int64 (L, m) from make_batches;  start -- first row, 0 <= start and start + T + 1 <= L
        T -- the number of steps
    Returns:
        inputs -- batches[start : start + T], shape (T, m)
        targets -- batches[start + 1 : start + T + 1], shape (T, m): targets[t] is the symbol after inputs[t]
    """
    batches = check_indices(batches, name="batches", shapes=("(L,)", "(L, m)"))
    T = check_count(T, "T")
    L = len(batches)
    if isinstance(start, bool) or not isinstance(start, (int, np.integer)) or not 0 <= start <= L - T - 1:
        raise ValueError(f"start must be a row in 0 .. L - T - 1 = {L - T - 1}, so that the targets (one row further) "
                         f"fit in the L = {L} rows; got {start!r}. Start a new epoch at row 0 instead.")
    return batches[start: start + T], batches[start + 1: start + T + 1]


# ---------------------------------------------------------------- training


def initialize_adam(params):
    """Adam's state for ``params``: {"v": zeros like the gradients, "s": zeros like them, "t": 0 steps so far}."""
    return {"v": initialize_state(params), "s": initialize_state(params), "t": 0}


def train_step(params, adam, inputs, targets, h, learning_rate, max_norm):
    """One step of truncated BPTT on one window: cost and gradients from h, clipping, one Adam step.

    Arguments:
        params -- the RNN's five arrays;  adam -- {"v", "s", "t"} from initialize_adam or the previous step
        inputs, targets -- int (T, m) from next_window;  h -- (n_h, m), the state the previous window ended in
        learning_rate -- Adam's step size;  max_norm -- the global norm the gradients are clipped to
    Returns:
        params -- new arrays;  adam -- the new state, t one higher
        h_last -- (n_h, m), the state after the window: h of the next window
        cost -- this window's mean nats per character, before the step
    """
    cost, grads, h_last = rnn_loss_and_gradients(inputs, targets, h, params)  # dh0 dropped: the cut of truncation
    grads, _ = clip_gradients(grads, max_norm)  # the gradients, not the parameters, not the cost
    t = adam["t"] + 1  # Adam counts its steps from 1
    params, v, s = update_parameters_with_adam(params, grads, adam["v"], adam["s"], t, learning_rate)
    return params, {"v": v, "s": s, "t": t}, h_last, cost


def train_language_model(params, batches, T, num_steps, learning_rate, max_norm, validation=None, eval_every=100):
    """Train for ``num_steps`` windows, epoch after epoch, carrying h between windows and resetting it per epoch.

    Step k reads window k mod W (W = number_of_windows(batches, T)); at window 0 h is set to zeros.

    Arguments:
        params -- the RNN's five arrays (not changed);  batches -- int (L, m) from make_batches
        T -- steps per window;  num_steps -- windows to train on
        learning_rate, max_norm -- for train_step
        validation -- indices (n,) to score every ``eval_every`` steps and before the first, or None
    Returns:
        params -- the trained arrays
        costs -- list of num_steps floats, each window's cost in nats per character
        curve -- list of (step, validation bits per character), step 0 first; [] without validation
    """
    batches = check_indices(batches, check_rnn_parameters(params)[0], name="batches", shapes=("(L,)", "(L, m)"))
    if batches.ndim != 2:
        raise ValueError(f"batches must have shape (L, m), one stream per column, got {batches.shape}: lay the text "
                         "out with make_batches(indices, batch_size).")
    windows = number_of_windows(batches, T)
    num_steps = check_count(num_steps, "num_steps")
    eval_every = check_count(eval_every, "eval_every")
    n_h, m = params["Whh"].shape[0], batches.shape[1]
    adam = initialize_adam(params)
    costs, curve = [], []
    if validation is not None:
        curve.append((0, rnn_bits_per_character(params, validation)))
    for step in range(num_steps):
        window = step % windows
        if window == 0:
            h = np.zeros((n_h, m))  # a new epoch: every stream starts again at its first symbol
        inputs, targets = next_window(batches, window * T, T)
        params, adam, h, cost = train_step(params, adam, inputs, targets, h, learning_rate, max_norm)
        costs.append(cost)
        if validation is not None and (step + 1) % eval_every == 0:
            curve.append((step + 1, rnn_bits_per_character(params, validation)))
    return params, costs, curve


# ---------------------------------------------------------------- scoring and sampling


def rnn_bits_per_character(params, indices, batch_size=32, window=200):
    """Bits per character of the RNN on a text: the mean of -log2 p(next symbol), read as ``batch_size`` streams.

    The text is laid out by make_batches(indices, batch_size); each stream starts from h = 0 and is read
    ``window`` steps at a time with the state carried, so each of its L - 1 targets is predicted from
    everything before it in its stream. batch_size = 1 reads the text as one sequence (slow).

    Arguments:
        params -- the RNN's five arrays;  indices -- int (n,)
    Returns:
        a float: bits per character over the m (L - 1) predicted symbols
    """
    return bits_per_character(params, indices, batch_size, window)


def bits_per_character(params, indices, batch_size=32, window=200):
    """rnn_bits_per_character for either model: the RNN's five arrays or the LSTM's (lstm.py) fourteen."""
    n_x, n_h, run = _recurrent_model(params)
    batches = make_batches(check_indices(indices, n_x, shapes=("(n,)",)), batch_size)
    window = check_count(window, "window")
    L, m = batches.shape
    state, total = tuple(np.zeros((n_h, m)) for _ in range(run.n_states)), 0.0
    for start in range(0, L - 1, window):
        stop = min(start + window, L - 1)
        H, state = run(one_hot_sequence(batches[start:stop], n_x), state)
        total += sequence_cost(rnn_output_forward(H, params), batches[start + 1: stop + 1]) * (stop - start)
    return total / (L - 1) / LN2


def _recurrent_model(params):
    """(n_x, n_h, run) for the RNN's or the LSTM's parameters; run(X (T, n_x, m), state) -> (H, new state).

    The state is a tuple: (h,) for the RNN, (h, c) for the LSTM, each (n_h, m); run.n_states says which.
    """
    if isinstance(params, dict) and "Wxi" in params:  # the LSTM of lstm.py
        n_x, n_h = check_lstm_parameters(params, GATE_KEYS + OUTPUT_KEYS)

        def run(X, state):
            H, _, c = lstm_forward(X, *state, params)
            return H, (H[-1], c)
        run.n_states = 2
    else:
        n_x, n_h = check_rnn_parameters(params)

        def run(X, state):
            H, _ = rnn_forward(X, state[0], params)
            return H, (H[-1],)
        run.n_states = 1
    return n_x, n_h, run


def read_prompt(params, prompt_indices):
    """Run the RNN over a prompt (T,) from h = 0: the state after its last symbol, (n_h, 1), and its logits (V, 1)."""
    h = hidden_states(params, prompt_indices)[-1][:, np.newaxis]
    return h, params["Why"] @ h + params["by"]


def sample(params, prompt, length, temperature=1.0, seed=0, vocabulary=TEXT8_VOCABULARY):
    """Let the model read ``prompt``, then continue it symbol by symbol, each drawn from its prediction.

    Each next symbol is drawn from softmax(z / temperature), z = Why h + by, and fed back as the next
    input. Temperature below 1 sharpens the distribution (towards the likeliest symbol), above 1 flattens it.
    An empty prompt starts after a space, where a new word begins.

    Arguments:
        params -- the RNN's five arrays, or the LSTM's (lstm.py);  prompt -- a str over ``vocabulary``
        length -- symbols to draw;  temperature -- > 0;  seed -- int or numpy.random.Generator
    Returns:
        the continuation, a str of ``length`` symbols (without the prompt)
    """
    temperature = check_positive_number(temperature, "temperature",
                                        " Use a small value such as 0.1 for nearly the likeliest symbol every time.")
    length = check_count(length, "length")
    rng = _random_generator(seed)
    V, n_h, run = _recurrent_model(params)
    if vocabulary.size != V:
        raise ValueError(f"the model reads {V} symbols but the vocabulary has {vocabulary.size}: pass the vocabulary "
                         "it was trained with.")
    prompt_indices = vocabulary.encode(prompt or " ")
    state = tuple(np.zeros((n_h, 1)) for _ in range(run.n_states))
    H, state = run(one_hot_sequence(prompt_indices[:, np.newaxis], V), state)
    drawn = []
    for _ in range(length):
        z = params["Why"] @ state[0] + params["by"]
        p = softmax(z / temperature)[:, 0]
        drawn.append(int(rng.choice(len(p), p=p)))
        _, state = run(one_hot_sequence(np.array(drawn[-1:])[:, np.newaxis], V), state)  # the drawn symbol is next
    return vocabulary.decode(np.array(drawn))


# ---------------------------------------------------------------- what the hidden units track


def hidden_states(params, indices):
    """The hidden states h_1 .. h_n of the RNN reading ``indices`` (n,) from h = 0: shape (n, n_h)."""
    n_x, n_h = check_rnn_parameters(params)
    indices = check_indices(indices, n_x, shapes=("(n,)",))
    H, _ = rnn_forward(one_hot_sequence(indices[:, np.newaxis], n_x), np.zeros((n_h, 1)), params)
    return H[:, :, 0]


def text_features(indices, vocabulary=TEXT8_VOCABULARY):
    """0/1 features of each symbol of a text8 sequence (n,): a dict of float arrays of shape (n,).

    "space": the symbol is a space;  "vowel": it is a, e, i, o or u;
    "word start": it is the first letter of a word;  "word end": the next symbol is a space.
    """
    text = vocabulary.decode(indices)
    space = np.array([symbol == " " for symbol in text], dtype=np.float64)
    previous, following = np.concatenate([[1.0], space[:-1]]), np.concatenate([space[1:], [1.0]])
    return {
        "space": space,
        "vowel": np.array([symbol in "aeiou" for symbol in text], dtype=np.float64),
        "word start": (1 - space) * previous,
        "word end": (1 - space) * following,
    }


def unit_correlations(H, feature):
    """Pearson correlation of each hidden unit's activation with a feature over the steps.

    Arguments:
        H -- hidden states, shape (n, n_h);  feature -- shape (n,)
    Returns:
        shape (n_h,), each in [-1, 1]; 0 for a unit that never changes
    """
    H, feature = np.asarray(H, dtype=np.float64), np.asarray(feature, dtype=np.float64)
    if H.ndim != 2 or feature.shape != (H.shape[0],):
        raise ValueError(f"H must be (n, n_h) and feature (n,), one value per step; got {H.shape} and {feature.shape}.")
    centred_H, centred_f = H - H.mean(axis=0), feature - feature.mean()
    norms = np.linalg.norm(centred_H, axis=0) * np.linalg.norm(centred_f)
    return np.divide(centred_f @ centred_H, norms, out=np.zeros(H.shape[1]), where=norms > 0)


# ---------------------------------------------------------------- the stored model


class StoredLanguageModel(NamedTuple):
    """The long run of scripts/train_language_model.py, as stored in data/rnn_language_model.npz.

    params -- the five float64 arrays;  settings -- dict of the run's settings (n_h, T, batch_size, ...)
    costs -- (num_steps,) each window's training cost, nats per character
    curve_steps, curve_bits -- (k,) validation bits per character after that many steps
    validation_bits, test_bits -- the final model's bits per character on the two splits
    """

    params: dict
    settings: dict
    costs: np.ndarray
    curve_steps: np.ndarray
    curve_bits: np.ndarray
    validation_bits: float
    test_bits: float


SETTING_NAMES = ("n_h", "T", "batch_size", "num_steps", "learning_rate", "max_norm", "eval_every", "seed")


def language_model_arrays(params, settings, costs, curve, validation_bits, test_bits, keys=PARAMETER_KEYS,
                          setting_names=SETTING_NAMES):
    """The named arrays of a stored model (no objects: loadable with allow_pickle=False).

    keys -- the parameter arrays to store, in this order (the RNN's five by default)
    setting_names -- the settings to store, each as "setting_" + name
    """
    arrays = {key: np.asarray(params[key], dtype=np.float64) for key in keys}
    arrays.update({f"setting_{name}": np.array(settings[name]) for name in setting_names})
    arrays["costs"] = np.asarray(costs, dtype=np.float64)
    arrays["curve_steps"] = np.array([step for step, _ in curve], dtype=np.int64)
    arrays["curve_bits"] = np.array([bits for _, bits in curve], dtype=np.float64)
    arrays["validation_bits"], arrays["test_bits"] = np.float64(validation_bits), np.float64(test_bits)
    return arrays


def load_language_model(path=None, expected_sha256=LANGUAGE_MODEL_SHA256):
    """Load the stored RNN language model (weights, settings, training curve), checking its SHA-256.

    Pass expected_sha256=None to skip the check, for a file you regenerated yourself.
    Returns:
        StoredLanguageModel
    """
    path = LANGUAGE_MODEL_FILE if path is None else Path(path)
    return load_stored_model(path, expected_sha256, LANGUAGE_MODEL_COMMAND, PARAMETER_KEYS, SETTING_NAMES)


def load_stored_model(path, expected_sha256, command, keys, setting_names):
    """Read a file of language_model_arrays: check its SHA-256 and its arrays; return a StoredLanguageModel.

    command -- how to regenerate the file, for the messages;  keys, setting_names -- what it must hold
    """
    raw = read_checked_file(path, expected_sha256, "language model file", f"Regenerate it with: {command}")
    with np.load(io.BytesIO(raw), allow_pickle=False) as archive:
        needed = tuple(keys) + tuple(f"setting_{name}" for name in setting_names) + (
            "costs", "curve_steps", "curve_bits", "validation_bits", "test_bits")
        missing = sorted(set(needed) - set(archive.files))
        if missing:
            raise ValueError(f"language model file {path} lacks the arrays {missing}. Regenerate it with: {command}")
        return StoredLanguageModel(
            params={key: archive[key] for key in keys},
            settings={name: archive[f"setting_{name}"].item() for name in setting_names},
            costs=archive["costs"],
            curve_steps=archive["curve_steps"],
            curve_bits=archive["curve_bits"],
            validation_bits=float(archive["validation_bits"]),
            test_bits=float(archive["test_bits"]),
        )
