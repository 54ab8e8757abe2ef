"""Every lesson notebook is a valid nbgrader source notebook, as scripts/prepare_grading.py makes it.

The rule holds for every notebook with exercises, a new lesson included: each exercise has one
graded, locked check cell after its solution cell, worth points, with the hidden test that the
function is written in the notebook; every other code cell is locked and ungraded; no cell is
slow enough to trouble nbgrader's per-cell timeout. scripts/grading_round_trip.py runs real
nbgrader on some of them (CI does).
"""

import sys
from datetime import datetime
from pathlib import Path

import nbformat
import pytest

from notebook_cells import LESSONS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from prepare_grading import checked_exercise, defined_functions, is_solution, prepared, visible_source  # noqa: E402

# nbgrader gives a cell 30 s by default; a grader's machine may be several times slower than this one
SLOWEST_CELL_SECONDS = 10


def read(path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.name)
def test_the_notebook_is_prepared_for_nbgrader(path):
    notebook = read(path)
    assert prepared(notebook) == notebook, (
        f"{path.name} lacks its nbgrader metadata or hidden tests: run "
        f"python scripts/prepare_grading.py notebooks/{path.name}, then scripts/run_notebooks.py on it")


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.name)
def test_each_exercise_has_one_graded_check_cell_after_its_solution(path):
    notebook = read(path)
    exercises = [name for cell in notebook.cells if is_solution(cell) for name in defined_functions(cell.source)]
    solution_at = {name: index for index, cell in enumerate(notebook.cells) if is_solution(cell)
                   for name in defined_functions(cell.source)}
    graded = {}
    for index, cell in enumerate(notebook.cells):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            name = checked_exercise(cell, exercises)
            assert name, f"{path.name} cell {index} is graded but is not a check cell: {cell.source[:80]!r}"
            assert name not in graded, f"{path.name}: two graded check cells for {name}"
            graded[name] = index
            assert meta["locked"] and not meta["solution"] and meta["points"] > 0
            assert f"assert_written_here({name})" in cell.source  # the hidden test
            assert visible_source(cell.source) == f"check({name})"
    assert sorted(graded) == sorted(exercises), f"{path.name}: exercises without a graded check: " \
                                                f"{sorted(set(exercises) - set(graded))}"
    for name, index in graded.items():
        assert index > solution_at[name], f"{path.name}: check({name}) comes before its solution cell"


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.name)
def test_given_code_is_locked_and_demonstrations_are_ungraded(path):
    ids = set()
    for index, cell in enumerate(read(path).cells):
        if cell.cell_type != "code":
            assert "nbgrader" not in cell.metadata or not cell.metadata.nbgrader.get("grade")
            continue
        meta = cell.metadata["nbgrader"]
        assert meta["grade_id"] not in ids, f"{path.name}: grade_id {meta['grade_id']} twice"
        ids.add(meta["grade_id"])
        if meta["solution"]:
            assert not meta["locked"] and not meta["grade"]
        elif not meta["grade"]:
            assert meta["locked"], f"{path.name} cell {index}: given code that a learner could change"
            assert "HIDDEN TESTS" not in cell.source
        if "check(" in cell.source and "name=" in cell.source:  # a demonstration of a wrong version
            assert not meta["grade"], f"{path.name} cell {index}: a demonstration is graded"


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.name)
def test_no_cell_is_slow(path):
    """Measured when the notebook was recorded (scripts/run_notebooks.py stores each cell's timing)."""
    for index, cell in enumerate(read(path).cells):
        timing = cell.metadata.get("execution")
        if cell.cell_type != "code" or not timing:
            continue
        start = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
        seconds = (end - start).total_seconds()
        assert seconds < SLOWEST_CELL_SECONDS, f"{path.name} cell {index} took {seconds:.1f} s: make it faster"


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.name)
def test_nbgrader_accepts_the_metadata(path):
    validator = pytest.importorskip("nbgrader.nbgraderformat", reason="nbgrader is optional: requirements-grading.txt")
    validator.MetadataValidator().validate_nb(read(path))


def test_preparing_twice_changes_nothing_and_keeps_points():
    notebook = read(LESSONS[0])
    once = prepared(notebook)
    (check,) = [cell for cell in once.cells if cell.metadata.get("nbgrader", {}).get("grade")]
    check.metadata.nbgrader["points"] = 3
    assert prepared(once) == once
    assert prepared(prepared(notebook)) == prepared(notebook)


def test_a_new_lesson_gets_its_metadata():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy as np\nfrom dnn_helpers.checks import check"),
        nbformat.v4.new_code_cell("def relu(Z):\n    ### BEGIN SOLUTION\n    return np.maximum(Z, 0)\n"
                                  "    ### END SOLUTION"),
        nbformat.v4.new_code_cell("check(relu)"),
        nbformat.v4.new_code_cell("check(np.abs, name='relu')"),
    ])
    cells = prepared(notebook).cells
    assert cells[0].metadata.nbgrader["locked"] and not cells[0].metadata.nbgrader["grade"]
    assert cells[1].metadata.nbgrader == {"grade": False, "grade_id": "relu", "locked": False, "schema_version": 3,
                                          "solution": True, "task": False}
    assert cells[2].metadata.nbgrader["grade"] and cells[2].source.startswith("check(relu)\n### BEGIN HIDDEN TESTS")
    assert not cells[3].metadata.nbgrader["grade"] and cells[3].metadata.nbgrader["locked"]
