"""Part two, step 1: text as data. A corpus, a vocabulary, one-hot sequences and a bigram baseline.

A text of T characters becomes T integer indices into a fixed vocabulary of V symbols. A network
reads them one-hot, as a sequence of shape (T, V, m): time first, each step the familiar (V, m)
slice with one example per column.

The baseline every recurrent network must beat is the bigram model, which predicts the next
symbol from the current one only:
    P[a, b] = (N[a, b] + alpha) / (sum_c N[a, c] + alpha V)      (add-alpha smoothing)
where N[a, b] counts how often b follows a in the training text. It is scored in bits per
character, the mean of -log2 P(next true symbol); guessing uniformly scores log2 V.
"""

import math
import re
import string
from dataclasses import dataclass
from numbers import Real
from pathlib import Path

import numpy as np

from ._sequences import check_bigram_table, check_indices
from ._validation import check_count, check_positive_number
from .data import DATA_DIRECTORY, _random_generator, read_checked_file

SHAKESPEARE_FILE = DATA_DIRECTORY / "tinyshakespeare.txt"
SHAKESPEARE_SHA256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"
SHAKESPEARE_SOURCE = "data/tinyshakespeare/input.txt of karpathy/char-rnn (data/README.md says which commit)"
TEXT8_ALPHABET = " " + string.ascii_lowercase


def load_shakespeare(path=None, expected_sha256=SHAKESPEARE_SHA256):
    """Read ``data/tinyshakespeare.txt`` (1,115,394 characters, 65 symbols) as one string.

    The file's SHA-256 must equal ``expected_sha256`` (pass None to skip the check).

    Returns:
        text -- a str of every character in the file, line breaks included
    """
    path = SHAKESPEARE_FILE if path is None else Path(path)
    return read_checked_file(path, expected_sha256, "corpus file", f"Copy it again from {SHAKESPEARE_SOURCE}.").decode()


def text8_reduce(text):
    """Reduce ``text`` to the 27 symbols of text8: lower-case a-z and the space.

    Upper case becomes lower case, every other character (digits, punctuation, line breaks)
    becomes a space, each run of spaces becomes one space, and the ends are stripped, so the
    result neither starts nor ends with a space and ``result.split(" ")`` holds no empty word.

    Arguments:
        text -- a str
    Returns:
        a str over TEXT8_ALPHABET
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}.")
    letters_and_spaces = re.sub("[^a-z]", " ", text.lower())
    return re.sub(" +", " ", letters_and_spaces).strip(" ")


@dataclass(frozen=True)
class Vocabulary:
    """A fixed list of V distinct symbols; a symbol's index is its position in ``symbols``.

    encode(text) -> int64 indices of shape (T,);  decode(indices of shape (T,)) -> str;  size -> V.
    """

    symbols: str

    def __post_init__(self):
        if not isinstance(self.symbols, str) or not self.symbols:
            raise TypeError(f"symbols must be a non-empty str such as TEXT8_ALPHABET, got {self.symbols!r}.")
        repeated = sorted({symbol for symbol in self.symbols if self.symbols.count(symbol) > 1})
        if repeated:
            raise ValueError(f"every symbol must appear once in a vocabulary; {repeated} appear more often.")

    @property
    def size(self):
        """V, the number of symbols."""
        return len(self.symbols)

    def encode(self, text):
        """The index of each character of ``text``: an int64 array of shape (len(text),)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}.")
        index_of = {symbol: index for index, symbol in enumerate(self.symbols)}
        try:
            return np.array([index_of[symbol] for symbol in text], dtype=np.int64)
        except KeyError:
            position = next(i for i, symbol in enumerate(text) if symbol not in index_of)
            raise ValueError(
                f"symbol {text[position]!r} at position {position} is not in the vocabulary of {self.size} "
                f"symbols {self.symbols!r}. Reduce the text first (text8_reduce) or build the vocabulary "
                "from it (vocabulary_of)."
            ) from None

    def decode(self, indices):
        """The text of ``indices``, an integer array of shape (T,) with entries in 0 .. V-1."""
        if np.shape(indices) == (0,):
            return ""
        indices = check_indices(indices, self.size, shapes=("(T,)",))
        return "".join(self.symbols[index] for index in indices)


TEXT8_VOCABULARY = Vocabulary(TEXT8_ALPHABET)


def vocabulary_of(text):
    """The Vocabulary of the distinct characters of ``text``, sorted by code point (65 for the raw corpus)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}.")
    if not text:
        raise ValueError("text is empty: a vocabulary needs at least one symbol.")
    return Vocabulary("".join(sorted(set(text))))


def split_text(text, fractions=(0.9, 0.05, 0.05)):
    """Cut ``text`` by position into consecutive parts, by default train, validation and test.

    Part k ends at round(n (f_1 + ... + f_k)), n = len(text): the first 90% is train, the next
    5% validation, the last 5% test. No shuffling: each part stays running text, so a model is
    judged on passages it never read (the end of the file), not on neighbours of its training lines.

    Arguments:
        text -- a str, or a 1-D array of indices of shape (n,)
        fractions -- two or more numbers in (0, 1) summing to 1
    Returns:
        a tuple of len(fractions) slices of ``text``, together exactly ``text``
    """
    fractions = tuple(fractions)
    numbers = all(isinstance(f, Real) and not isinstance(f, bool) and 0 < f < 1 for f in fractions)
    if len(fractions) < 2 or not numbers:
        raise ValueError(f"fractions must be two or more numbers between 0 and 1, such as (0.9, 0.05, 0.05); "
                         f"got {fractions}.")
    if not math.isclose(sum(fractions), 1.0, abs_tol=1e-9):
        raise ValueError(f"fractions must sum to 1, but {fractions} sums to {sum(fractions):.6g}.")
    n = len(text)
    ends = [round(n * sum(fractions[: k + 1])) for k in range(len(fractions) - 1)] + [n]
    parts = tuple(text[start:end] for start, end in zip([0] + ends[:-1], ends))
    if min(len(part) for part in parts) == 0:
        raise ValueError(f"splitting {n} characters by {fractions} leaves an empty part: use a longer text.")
    return parts


def one_hot_sequence(indices, vocabulary_size):
    """One-hot vectors for symbol indices: the vocabulary axis goes right after time.

    Arguments:
        indices -- integers in 0 .. V-1, shape (T, m) for m sequences side by side, or (T,) for one
        vocabulary_size -- V
    Returns:
        float64 array of shape (T, V, m), or (T, V) for one sequence (add the m = 1 axis with
        [:, :, np.newaxis]); entry [t, v, i] is 1 where sequence i holds symbol v at step t
    """
    V = check_count(vocabulary_size, "vocabulary_size")
    indices = check_indices(indices, V)
    # row v of the identity is the one-hot vector of symbol v; moving its axis next to time gives (T, V, m)
    return np.ascontiguousarray(np.moveaxis(np.eye(V)[indices], -1, 1))


def bigram_counts(indices, vocabulary_size):
    """N[a, b], how often symbol b directly follows symbol a: shape (V, V), rows current, columns next.

    Arguments:
        indices -- one sequence of integers in 0 .. V-1, shape (T,); it has T - 1 bigrams
    """
    V = check_count(vocabulary_size, "vocabulary_size")
    indices = check_indices(indices, V, shapes=("(T,)",))
    pair_numbers = indices[:-1] * V + indices[1:]  # the bigram (a, b) as one number a V + b
    return np.bincount(pair_numbers, minlength=V * V).reshape(V, V)


def bigram_probabilities(counts, smoothing=1.0):
    """P[a, b] = (N[a, b] + alpha) / (sum_c N[a, c] + alpha V), alpha = ``smoothing``: each row sums to 1.

    Arguments:
        counts -- N, shape (V, V), from bigram_counts
        smoothing -- alpha >= 0; 1 is Laplace's rule, 0 gives bigrams never seen probability 0
    Returns:
        P -- float64 of shape (V, V); row a is the distribution of the symbol after a
    """
    counts = np.asarray(counts, dtype=np.float64)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or (counts < 0).any():
        raise ValueError(f"counts must be a square (V, V) array of counts >= 0, got shape {counts.shape}.")
    if isinstance(smoothing, bool) or not isinstance(smoothing, Real) or not 0 <= smoothing < math.inf:
        raise ValueError(f"smoothing must be a finite number >= 0 (alpha of add-alpha), got {smoothing!r}.")
    smoothed = counts + smoothing
    totals = smoothed.sum(axis=1, keepdims=True)
    if (totals == 0).any():
        row = int(np.argmax(totals[:, 0] == 0))
        raise ValueError(f"symbol {row} is never followed by anything in the counts, so its row is 0/0: "
                         "use smoothing > 0.")
    return smoothed / totals


def bits_per_character(probabilities):
    """Mean of -log2 p over the probabilities p the model gave each next true symbol, any shape."""
    p = np.asarray(probabilities, dtype=np.float64)
    if p.size == 0 or not ((p >= 0) & (p <= 1)).all():
        raise ValueError("probabilities must be a non-empty array of values in [0, 1].")
    if (p == 0).any():
        return math.inf  # a true symbol the model called impossible costs infinitely many bits
    return float(np.mean(-np.log2(p)))


def bigram_bits_per_character(P, indices):
    """Bits per character of the bigram model P (V, V) on one sequence of indices (T,): T - 1 predictions."""
    P = check_bigram_table(P)
    indices = check_indices(indices, P.shape[0], shapes=("(T,)",))
    if len(indices) < 2:
        raise ValueError("indices needs at least two symbols: the first is only read, the next are predicted.")
    return bits_per_character(P[indices[:-1], indices[1:]])


def uniform_bits_per_character(vocabulary_size):
    """log2 V: the bits per character of a guess that gives each of the V symbols 1 / V."""
    return math.log2(check_count(vocabulary_size, "vocabulary_size"))


def sample_bigram(P, start, length, seed=0, temperature=1.0):
    """Draw a sequence from the bigram model: each symbol from the row of P of the one before.

    Temperature tau reshapes each row to p^(1/tau) / sum p^(1/tau): below 1 sharper (tau -> 0 picks
    the likeliest), 1 unchanged, above 1 flatter (tau -> infinity is uniform over possible symbols).

    Arguments:
        P -- bigram probabilities, shape (V, V);  start -- the first index, in 0 .. V-1
        length -- T >= 1, the number of indices returned, start included
        seed -- int or numpy.random.Generator;  temperature -- tau > 0
    Returns:
        int64 array of shape (T,)
    """
    P = check_bigram_table(P)
    check_positive_number(temperature, "temperature", " Use a small value such as 0.1 for nearly greedy sampling.")
    rng = _random_generator(seed)
    if isinstance(start, bool) or not isinstance(start, (int, np.integer)) or not 0 <= start < len(P):
        raise ValueError(f"start must be a symbol index in 0 .. {len(P) - 1}, got {start!r}.")
    sequence = [int(start)]
    for _ in range(check_count(length, "length") - 1):
        row = P[sequence[-1]]
        # p^(1/tau), each p divided by the row's largest first, so that a small tau cannot underflow every weight to 0
        weights = (row / row.max()) ** (1.0 / temperature)
        sequence.append(int(rng.choice(len(row), p=weights / weights.sum())))
    return np.array(sequence, dtype=np.int64)
