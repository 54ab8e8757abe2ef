"""Print the figures that data/README.md records for ``data/tinyshakespeare.txt``.

    python scripts/describe_text_corpus.py                # the shipped corpus
    python scripts/describe_text_corpus.py other.txt      # any UTF-8 text

For the raw text and for its text8 reduction (27 symbols): the character and symbol counts, the
words of the reduction and the ten most common ones, the sizes of the fixed 90/5/5 split, and the
bits per character of a uniform guess and of the add-one bigram model counted on the training
part. Nothing is downloaded or written.
"""

import argparse
import collections
import hashlib
import sys
from pathlib import Path

from dnn_helpers.text import (
    TEXT8_VOCABULARY,
    bigram_bits_per_character,
    bigram_counts,
    bigram_probabilities,
    split_text,
    text8_reduce,
    uniform_bits_per_character,
    vocabulary_of,
)

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "data" / "tinyshakespeare.txt"


def bigram_figures(text, vocabulary, smoothing=1.0):
    """Split sizes and bits per character (uniform; bigram on train, validation, test) of ``text``."""
    parts = split_text(text)
    encoded = [vocabulary.encode(part) for part in parts]
    P = bigram_probabilities(bigram_counts(encoded[0], vocabulary.size), smoothing)
    return {
        "symbols": vocabulary.size,
        "split": tuple(len(part) for part in parts),
        "uniform": uniform_bits_per_character(vocabulary.size),
        "bigram": tuple(bigram_bits_per_character(P, part) for part in encoded),
    }


def describe(text):
    """Every figure of the README, as a dict."""
    reduced = text8_reduce(text)
    words = reduced.split(" ")
    return {
        "characters": len(text),
        "symbols": len(set(text)),
        "reduced_characters": len(reduced),
        "words": len(words),
        "distinct_words": len(set(words)),
        "top_words": collections.Counter(words).most_common(10),
        "raw": bigram_figures(text, vocabulary_of(text)),
        "text8": bigram_figures(reduced, TEXT8_VOCABULARY),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_CORPUS, help=f"default: {DEFAULT_CORPUS}")
    arguments = parser.parse_args(argv)
    raw = arguments.path.read_bytes()
    figures = describe(raw.decode("utf-8"))

    print(f"{arguments.path}: {len(raw):,} bytes, SHA-256 {hashlib.sha256(raw).hexdigest()}")
    print(f"raw text: {figures['characters']:,} characters, {figures['symbols']} distinct symbols")
    print(f"text8 reduction: {figures['reduced_characters']:,} characters, {figures['words']:,} words "
          f"({figures['distinct_words']:,} distinct)")
    print("ten most common words: " + ", ".join(f"{word} {count:,}" for word, count in figures["top_words"]))
    for name in ("text8", "raw"):
        part = figures[name]
        train, validation, test = part["bigram"]
        print(f"{name} ({part['symbols']} symbols): split {', '.join(f'{size:,}' for size in part['split'])}; "
              f"uniform {part['uniform']:.3f} bits per character; bigram {train:.3f} (train), "
              f"{validation:.3f} (validation), {test:.3f} (test)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
