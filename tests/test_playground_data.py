"""The playground's own points: a CSV file or drawn points, with a clear message for each mistake."""

import numpy as np
import pytest

from dnn_helpers.playground import Points, Settings, TrainingSession, read_points_csv
from dnn_helpers.playground.datasets import MAX_POINTS, check_points, generate_points, points_to_csv


def grid_csv(n=40, classes=2):
    rng = np.random.default_rng(0)
    lines = ["x1,x2,label"] + [f"{x:.3f},{y:.3f},{int(x > 0) + (classes > 2) * int(y > 0)}"
                               for x, y in rng.uniform(-1, 1, (n, 2))]
    return "\n".join(lines) + "\n"


def test_a_csv_file_gives_points_and_trains():
    points = read_points_csv(grid_csv(60).encode("utf-8-sig"), "grid.csv")  # a byte-order mark is fine
    assert points.X.shape == (2, 60) and points.n_classes == 2
    session = TrainingSession(Settings(dataset="own", iterations=300), points).run()
    assert session.accuracies()[1] > 0.9


def test_the_csv_text_round_trips():
    points = generate_points("moons", n_samples=50, noise=0.1, seed=1)
    again = read_points_csv(points_to_csv(points))
    assert np.array_equal(again.X, points.X) and np.array_equal(again.classes, points.classes)


def test_columns_may_come_in_any_order_with_others_beside_them():
    points = read_points_csv("label,note,x2,x1\n" + "\n".join(f"{i % 2},a,{i},{-i}" for i in range(12)))
    assert points.X[:, 3].tolist() == [-3.0, 3.0] and points.classes[3] == 1


@pytest.mark.parametrize("content, expected", [
    ("", "data.csv is empty: it needs a header line x1,x2,label"),
    ("x,y,label\n1,2,0\n", "data.csv lacks the columns x1, x2: its first line must name the columns x1,x2,label"),
    ("x1,x2,label\n1,2,0\n1,abc,1\n", "data.csv, line 3: x2 is 'abc', which is not a number"),
    ("x1,x2,label\n1,2,0.5\n", "data.csv, line 2: label must be a class number 0, 1, 2, ...; got '0.5'"),
    ("x1,x2,label\n1,2\n", "data.csv, line 2: 2 values, but the header names 3 columns"),
    ("x1,x2,label\n" + "1,2,0\n" * 30, "all 30 points are of class 0; a classifier needs at least two classes"),
    ("x1,x2,label\n" + "1,2,0\n1,3,2\n" * 10, "numbered 0, 1, ..., C-1 with none missing; found 0, 2"),
    ("x1,x2,label\n1,2,0\n1,3,1\n", "2 points: the playground needs at least 10"),
    ("x1,x2,label\n" + "1,2,0\n1,3,1\n" * (MAX_POINTS // 2 + 1), f"more than {MAX_POINTS} points, too many"),
    (b"\xff\xfe\x00x", "is not a text file in UTF-8"),
])
def test_a_malformed_csv_file_gets_a_message_that_says_how_to_fix_it(content, expected):
    with pytest.raises(ValueError) as error:
        read_points_csv(content, "data.csv")
    assert expected in str(error.value)


def test_points_checks_name_the_problem():
    with pytest.raises(ValueError, match="every coordinate must be a finite number"):
        check_points(np.full((2, 12), np.nan), np.arange(12) % 2)
    with pytest.raises(ValueError, match="too many for an interactive run"):
        check_points(np.zeros((2, MAX_POINTS + 1)), np.arange(MAX_POINTS + 1) % 2)
    assert isinstance(check_points(np.zeros((2, 10)), np.arange(10) % 3), Points)


def test_own_points_are_needed_for_the_own_dataset():
    with pytest.raises(ValueError, match='dataset "own" needs the points'):
        TrainingSession(Settings(dataset="own"))
