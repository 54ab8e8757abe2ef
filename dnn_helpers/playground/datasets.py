"""The playground's points: generated datasets, a CSV file, or points drawn by clicking.

Layout as everywhere in the course: X has shape (2, m), one point per column. Classes are whole
numbers 0 .. C-1 in an array of shape (m,). For training they become labels Y of shape (1, m)
(two classes, a sigmoid output) or one-hot labels of shape (C, m) (C > 2 classes, a softmax output).
"""

import csv
import io
import math
from dataclasses import dataclass

import numpy as np

from ..data import DATASETS as BINARY_DATASETS
from ..data import make_dataset, one_hot, split_and_standardize

MAX_POINTS = 2000  # more would make a frame of the animation too slow to train and draw
MIN_POINTS = 10  # enough for a training and a test part
MAX_CLASSES = 6  # one colour each in the pictures
CSV_COLUMNS = ("x1", "x2", "label")


def make_spiral_arms(n_samples=400, noise=0.05, n_arms=3, seed=0):
    """n_arms interleaved spiral arms, 1.25 turns each, from the centre out to radius 1; class k is arm k.

    Returns X (2, n_samples) float64 and classes (n_samples,) int64.
    """
    rng = np.random.default_rng(seed)
    classes = np.arange(n_samples) % n_arms
    radius = rng.uniform(0.0, 1.0, n_samples)
    angle = 2.5 * np.pi * radius + 2 * np.pi * classes / n_arms
    X = radius * np.vstack([np.cos(angle), np.sin(angle)]) + noise * rng.standard_normal((2, n_samples))
    return X, classes


def make_corner_blobs(n_samples=400, noise=0.05, seed=0):
    """Four Gaussian blobs centred on (+-1, +-1), one class each, of standard deviation 0.3 + noise.

    Returns X (2, n_samples) float64 and classes (n_samples,) int64.
    """
    rng = np.random.default_rng(seed)
    classes = np.arange(n_samples) % 4
    centres = np.array([[1.0, -1.0, -1.0, 1.0], [1.0, 1.0, -1.0, -1.0]])
    X = centres[:, classes] + (0.3 + noise) * rng.standard_normal((2, n_samples))
    return X, classes


MULTICLASS_DATASETS = {"spiral, 3 arms": make_spiral_arms, "blobs, 4 classes": make_corner_blobs}
DATASETS = tuple(BINARY_DATASETS) + tuple(MULTICLASS_DATASETS)
OWN_POINTS = "own"  # the dataset name of points read from a file or drawn


@dataclass(frozen=True)
class Points:
    """Labelled points of the plane: X of shape (2, m), one point per column; classes (m,) int64 in 0 .. C-1."""

    X: np.ndarray
    classes: np.ndarray

    @property
    def n_classes(self):
        return int(self.classes.max()) + 1

    def __len__(self):
        return self.X.shape[1]


def check_points(X, classes, where="the points"):
    """Points(X, classes) after the checks a training run needs; ValueError says what to change.

    Arguments:
        X -- coordinates, shape (2, m);  classes -- whole numbers 0 .. C-1, shape (m,)
        where -- how the message names the points ("the file data.csv", "the drawn points")
    """
    X = np.asarray(X, dtype=np.float64)
    classes = np.asarray(classes)
    m = classes.shape[0]
    if X.shape != (2, m):
        raise ValueError(f"{where}: X must have shape (2, m), one point per column, with m = {m}; got {X.shape}.")
    if m < MIN_POINTS:
        raise ValueError(f"{where} hold{'s' if m == 1 else ''} {m} point{'s' if m != 1 else ''}: the playground "
                         f"needs at least {MIN_POINTS}, to keep some apart as test points.")
    if m > MAX_POINTS:
        raise ValueError(f"{where} hold {m} points, too many for an interactive run (at most {MAX_POINTS}): "
                         f"keep a sample, for example every {math.ceil(m / MAX_POINTS)}th point.")
    if not np.isfinite(X).all():
        raise ValueError(f"{where}: every coordinate must be a finite number; found {X[~np.isfinite(X)][0]}.")
    present = np.unique(classes)
    if len(present) < 2:
        raise ValueError(f"{where}: all {m} points are of class {present[0]}; a classifier needs at least two "
                         "classes to tell apart. Add points of another class.")
    expected = np.arange(len(present))
    if not np.array_equal(present, expected):
        raise ValueError(f"{where}: the classes must be numbered 0, 1, ..., C-1 with none missing; found "
                         f"{', '.join(str(c) for c in present)}. Renumber them {', '.join(map(str, expected))}.")
    if len(present) > MAX_CLASSES:
        raise ValueError(f"{where}: {len(present)} classes; the playground draws at most {MAX_CLASSES}.")
    return Points(X, classes.astype(np.int64))


def generate_points(dataset, n_samples=400, noise=0.05, seed=0):
    """The generated dataset called ``dataset`` (a name in DATASETS) as Points."""
    if dataset in MULTICLASS_DATASETS:
        return Points(*MULTICLASS_DATASETS[dataset](n_samples=n_samples, noise=noise, seed=seed))
    if dataset not in BINARY_DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; choose one of {', '.join(map(repr, DATASETS))}, or "
                         f"{OWN_POINTS!r} for points of your own.")
    X, Y = make_dataset(dataset, n_samples=n_samples, noise=noise, seed=seed)
    return Points(X, Y[0].astype(np.int64))


def read_points_csv(content, name="the CSV file"):
    """Points from CSV text (or bytes) with a header line naming the columns x1, x2 and label.

    Other columns are ignored; label holds whole numbers 0, 1, 2, ... (the class of each point).
    Raises ValueError naming the line and the column of the first bad value.
    """
    if isinstance(content, (bytes, bytearray, memoryview)):
        try:
            content = bytes(content).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError(f"{name} is not a text file in UTF-8: save it as CSV (comma-separated values).") from None
    rows = csv.reader(io.StringIO(content))
    header = next(rows, None)
    if not header:
        raise ValueError(f"{name} is empty: it needs a header line {','.join(CSV_COLUMNS)} and one line per point.")
    header = [column.strip().lower() for column in header]
    missing = [column for column in CSV_COLUMNS if column not in header]
    if missing:
        raise ValueError(f"{name} lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}: its first "
                         f"line must name the columns {','.join(CSV_COLUMNS)} (it names {','.join(header)}).")
    where = [header.index(column) for column in CSV_COLUMNS]
    values = []
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines are allowed
        if len(row) < len(header):
            raise ValueError(f"{name}, line {line}: {len(row)} values, but the header names {len(header)} columns.")
        point = []
        for column, index in zip(CSV_COLUMNS, where):
            try:
                point.append(float(row[index]))
            except ValueError:
                raise ValueError(f"{name}, line {line}: {column} is {row[index].strip()!r}, "
                                 "which is not a number.") from None
        if point[2] != round(point[2]) or point[2] < 0:
            raise ValueError(f"{name}, line {line}: label must be a class number 0, 1, 2, ...; "
                             f"got {row[where[2]].strip()!r}.")
        values.append(point)
        if len(values) > MAX_POINTS:
            raise ValueError(f"{name} holds more than {MAX_POINTS} points, too many for an interactive run: keep a "
                             "sample of them.")
    array = np.array(values, dtype=np.float64).reshape(-1, 3)
    return check_points(array[:, :2].T, array[:, 2].astype(np.int64), where=name)


def points_to_csv(points):
    """The CSV text that read_points_csv reads back into the same points."""
    lines = [",".join(CSV_COLUMNS)]
    lines += [f"{float(x1)!r},{float(x2)!r},{int(label)}"
              for x1, x2, label in zip(points.X[0], points.X[1], points.classes)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class TrainingData:
    """The points split into training and test parts, standardised with the training part's statistics.

    X_train (2, m_train), X_test (2, m_test); classes_train (m_train,), classes_test (m_test,);
    Y_train, Y_test: labels (1, m) for two classes, one-hot (C, m) for C > 2; n_classes C.
    """

    X_train: np.ndarray
    classes_train: np.ndarray
    X_test: np.ndarray
    classes_test: np.ndarray
    n_classes: int

    def labels(self, classes):
        """Training labels for these classes: (1, m) floats 0/1 for C = 2, one-hot (C, m) for C > 2."""
        if self.n_classes == 2:
            return classes.astype(np.float64).reshape(1, -1)
        return one_hot(classes, self.n_classes)

    @property
    def Y_train(self):
        return self.labels(self.classes_train)

    @property
    def Y_test(self):
        return self.labels(self.classes_test)


def split_points(points, train_fraction, seed):
    """TrainingData from Points: a seeded split by train_fraction, then standardisation."""
    fractions = (train_fraction, 1 - train_fraction)
    parts = split_and_standardize(points.X, points.classes, fractions=fractions, seed=seed)
    (X_train, c_train), (X_test, c_test) = parts
    return TrainingData(X_train, c_train, X_test, c_test, points.n_classes)
