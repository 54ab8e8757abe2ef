"""The settings that keep the test suite honest on every machine (pyproject.toml, conftest.py)."""

import os
import warnings

import pytest

from dnn_helpers.gradient_checking import describe_relative_difference


def test_a_warning_from_the_course_is_an_error():
    with pytest.raises(UserWarning, match="from the course"):
        warnings.warn_explicit("from the course", UserWarning, "dnn_helpers/data.py", 1, module="dnn_helpers.data")


def test_a_warning_that_a_third_party_package_raises_about_itself_is_reported_not_raised():
    # matplotlib 3.8 with a newer pyparsing warns this way while the tests collect
    with warnings.catch_warnings(record=True) as caught:
        warnings.warn_explicit("old name", DeprecationWarning, "pyparsing/core.py", 1, module="pyparsing.core")
    assert [str(warning.message) for warning in caught] == ["old name"]


def test_one_blas_thread_unless_asked_for_more():
    expected = os.environ.get("DNN_BLAS_THREADS", "1")
    assert os.environ["OPENBLAS_NUM_THREADS"] == os.environ["OMP_NUM_THREADS"] == expected


@pytest.mark.parametrize("difference, expected", [
    (1.2e-10, "below 1e-8: the gradients agree"),
    (0.0, "below 1e-8: the gradients agree"),
    (5.04e-8, "5.0e-08: the gradients agree"),
    (3.1e-4, "3.1e-04: in between: look at the entries that differ most"),
    (0.4286, "4.3e-01: a bug (or a check point on a ReLU kink)"),
    (float("nan"), "nan: the gradients contain inf or nan"),
])
def test_describe_difference_prints_a_bound_for_rounding_error_and_two_digits_otherwise(difference, expected):
    assert describe_relative_difference(difference) == expected


def test_a_smooth_model_gets_no_kink_as_an_excuse():
    # tanh and sigmoid have no kink: for the RNN and the LSTM a large difference is a bug
    assert describe_relative_difference(0.4286, smooth=True) == "4.3e-01: a bug"
    assert describe_relative_difference(1.2e-10, smooth=True) == "below 1e-8: the gradients agree"
