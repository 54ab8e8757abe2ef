"""Give every lesson notebook the nbgrader metadata that makes it a valid nbgrader source notebook.

    python scripts/prepare_grading.py                       # every notebooks/*.ipynb with exercises
    python scripts/prepare_grading.py notebooks/16_*.ipynb  # some of them
    python scripts/prepare_grading.py --check               # change nothing; exit 1 if a notebook needs it

In a notebook with exercises (code cells holding "### BEGIN SOLUTION"):

- each solution cell is an nbgrader solution cell whose grade_id is the function it defines;
- each check cell, a code cell that is exactly ``check(name)`` for an exercise of the notebook,
  becomes a graded, locked test cell ("check_<name>", POINTS points, or the points it already
  has) and gains a hidden test: ``assert_written_here(name)``, which nbgrader removes from the
  release and puts back when it grades, and which fails for a function taken from the package;
- every other code cell (given code, demonstrations, a check of another version under an
  exercise's name) is locked and ungraded ("given_<cell id>"): nbgrader restores its source
  when it grades, and it counts for nothing.

Markdown cells and outputs are not touched. The script is idempotent: run it again after adding
or editing a lesson, then re-execute the notebook (scripts/run_notebooks.py). tests/test_grading.py
fails for a notebook that needs it.
"""

import argparse
import ast
import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
POINTS = 1
SOLUTION = re.compile(r"^\s*### BEGIN SOLUTION\s*$", re.MULTILINE)
HIDDEN_REGION = re.compile(r"\n?^### BEGIN HIDDEN TESTS\s*$.*?^### END HIDDEN TESTS\s*$", re.MULTILINE | re.DOTALL)
CHECK_CALL = re.compile(r"^check\((\w+)\)$")


def hidden_tests(name):
    """The hidden-test region of the check cell of exercise ``name``."""
    return (
        "### BEGIN HIDDEN TESTS\n"
        "from dnn_helpers.checks import assert_written_here\n"
        f"assert_written_here({name})  # written in this notebook, not taken from dnn_helpers\n"
        "### END HIDDEN TESTS"
    )


def visible_source(source):
    """A cell's source without its hidden-test region: what the release shows."""
    return HIDDEN_REGION.sub("", source).strip()


def defined_functions(source):
    """The names of the functions a cell defines at its top level (IPython's % and ! lines skipped)."""
    lines = [line for line in source.split("\n") if not line.lstrip().startswith(("%", "!"))]
    return [node.name for node in ast.parse("\n".join(lines)).body if isinstance(node, ast.FunctionDef)]


def is_solution(cell):
    return cell.cell_type == "code" and bool(SOLUTION.search(cell.source))


def checked_exercise(cell, exercises):
    """The exercise a cell checks, if it is the check cell ``check(name)`` of one of ``exercises``."""
    if cell.cell_type != "code":
        return None
    found = CHECK_CALL.match(visible_source(cell.source))
    return found.group(1) if found and found.group(1) in exercises else None


def metadata(grade_id, grade=False, solution=False, locked=False, points=None):
    """nbgrader's cell metadata, schema version 3."""
    fields = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
              "task": False}
    if grade:
        fields["points"] = points
    return fields


def prepared(notebook):
    """A copy of the notebook with the nbgrader metadata and hidden tests described above."""
    notebook = copy.deepcopy(notebook)
    exercises = [name for cell in notebook.cells if is_solution(cell) for name in defined_functions(cell.source)]
    if not exercises:
        return notebook
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        old = cell.metadata.get("nbgrader", {})
        if is_solution(cell):
            (name, *others) = defined_functions(cell.source)
            if others:
                raise ValueError(f"a solution cell defines {[name, *others]}: one exercise per cell, please")
            cell.metadata["nbgrader"] = metadata(name, solution=True)
            continue
        name = checked_exercise(cell, exercises)
        if name is not None:
            cell.source = f"check({name})\n{hidden_tests(name)}"
            points = old.get("points", POINTS) if old.get("grade") else POINTS
            cell.metadata["nbgrader"] = metadata(f"check_{name}", grade=True, locked=True, points=points)
            continue
        if HIDDEN_REGION.search(cell.source):
            raise ValueError(f"hidden tests outside a check cell:\n{cell.source}")
        cell.metadata["nbgrader"] = metadata(f"given_{cell.id}", locked=True)
    return notebook


def main(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook needs changes")
    options = parser.parse_args(arguments)
    paths = options.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    stale = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        new = prepared(notebook)
        if new == notebook:
            continue
        stale.append(path)
        if not options.check:
            nbformat.write(new, path)
            print(f"{path.name}: nbgrader metadata written")
    if options.check and stale:
        print("needs scripts/prepare_grading.py: " + ", ".join(path.name for path in stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
