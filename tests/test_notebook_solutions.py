"""One source of truth: each function a lesson notebook writes out gives the package's results.

Every exercise cell (the cells holding "### BEGIN SOLUTION") of a notebook is run, in
order, in one namespace holding the notebook's imports; every function it defines
that has check cases is then compared with the package's function by
dnn_helpers.checks.check.
"""

import ast
import json
from pathlib import Path

import pytest

from dnn_helpers import checks

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def code_cells(path):
    cells = json.loads(path.read_text())["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]


def solution_cells(path):
    return [source for source in code_cells(path) if "### BEGIN SOLUTION" in source]


def import_statements(path):
    """The notebook's top-level import statements, multi-line ones included, as source text."""
    statements = []
    for source in code_cells(path):
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        for node in ast.parse("\n".join(lines)).body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                statements.append(ast.unparse(node))
    return statements


LESSONS = [path for path in NOTEBOOKS if solution_cells(path)]


def test_lessons_have_exercises():
    assert len(LESSONS) >= 1


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.name)
def test_notebook_functions_match_the_package(path, capsys):
    namespace = {}
    exec("\n".join(import_statements(path)), namespace)
    for source in solution_cells(path):
        exec(compile(source, f"{path.name}:exercise", "exec"), namespace)
    checked = [name for name in checks.REFERENCES if f"def {name}(" in "".join(solution_cells(path))]
    assert checked, f"{path.name} defines no function that has check cases"
    for name in checked:
        assert checks.run_checks(namespace[name], name), capsys.readouterr().out
