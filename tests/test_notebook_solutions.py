"""One source of truth: each function a lesson notebook writes out gives the package's results.

Every exercise cell (the cells holding "### BEGIN SOLUTION") of a notebook is run, in
order, in one namespace holding the notebook's imports; every function it defines
is then compared with the package's function by dnn_helpers.checks.check.
"""

import pytest

from dnn_helpers import checks
from notebook_cells import LESSONS, exercise_names, import_statements, solution_cells


def test_lessons_have_exercises():
    assert len(LESSONS) >= 1


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.name)
def test_notebook_functions_match_the_package(path, capsys):
    namespace = {}
    exec("\n".join(import_statements(path)), namespace)
    for cell in solution_cells(path):
        exec(compile(cell["source"], f"{path.name}:exercise", "exec"), namespace)
    for name in exercise_names(path):
        assert checks.run_checks(namespace[name], name), capsys.readouterr().out
