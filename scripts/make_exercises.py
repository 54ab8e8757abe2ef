"""Write the exercise version of every lesson notebook: the course as a workbook.

    python scripts/make_exercises.py                 # notebooks/*.ipynb -> exercises/
    python scripts/make_exercises.py --output DIR

In each code cell, the lines between "### BEGIN SOLUTION" and "### END SOLUTION"
become "# YOUR CODE HERE" and "raise NotImplementedError()" at the same
indentation, and lines between "### BEGIN HIDDEN TESTS" and "### END HIDDEN TESTS"
are removed: the cells of the workbook are those of the release nbgrader makes from
the lesson notebook (scripts/grading_round_trip.py compares them). The outputs of the
first exercise cell and of every cell after it are cleared, since they showed the
solution at work; everything else is kept.

The lesson notebooks are the source to give nbgrader. The workbook's exercise cells are
plain cells, no longer marked as nbgrader solution cells: nbgrader would replace a marked
cell without solution lines by its stub as a whole, def line and docstring included. So a
workbook handed to nbgrader as its source still gives the same release, with its check
cells graded; only the hidden tests, which the workbook leaves out, are missing.

Every function an exercise cell defines must have a record in the lesson's module of
dnn_helpers/exercises, so that the workbook's check cells can check it; a notebook whose
exercises and records differ is refused.
"""

import argparse
import ast
import copy
import re
import sys
from pathlib import Path

import nbformat

from dnn_helpers.exercises import LESSONS, NOTEBOOKS

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = re.compile(r"^(\s*)### BEGIN SOLUTION\s*$")
END_SOLUTION = re.compile(r"^\s*### END SOLUTION\s*$")
HIDDEN_TESTS = re.compile(r"^\s*### BEGIN HIDDEN TESTS\s*$")
END_HIDDEN_TESTS = re.compile(r"^\s*### END HIDDEN TESTS\s*$")


def strip_solutions(source):
    """Return ``source`` with solution regions replaced by a stub and hidden tests removed."""
    lines, inside, kept = source.split("\n"), None, []
    for number, line in enumerate(lines, start=1):
        if inside is None:
            start = SOLUTION.match(line)
            if start:
                inside = "solution"
                kept += [f"{start.group(1)}# YOUR CODE HERE", f"{start.group(1)}raise NotImplementedError()"]
            elif HIDDEN_TESTS.match(line):
                inside = "hidden tests"
            else:
                kept.append(line)
        elif (inside == "solution" and END_SOLUTION.match(line)) or (
            inside == "hidden tests" and END_HIDDEN_TESTS.match(line)
        ):
            inside = None
    if inside is not None:
        raise ValueError(f"a {inside} region is never closed in this cell:\n{source}")
    return "\n".join(kept)


def is_exercise(cell):
    return cell.cell_type == "code" and any(SOLUTION.match(line) for line in cell.source.split("\n"))


def defined_functions(source):
    """The names of the functions a cell's source defines at its top level (IPython's % and ! lines skipped)."""
    lines = [line for line in source.split("\n") if not line.lstrip().startswith(("%", "!"))]
    return [node.name for node in ast.parse("\n".join(lines)).body if isinstance(node, ast.FunctionDef)]


def registered_exercises(file_name, notebook):
    """The names of the notebook's exercises, in cell order, after checking them against the registry."""
    defined = [name for cell in notebook.cells if is_exercise(cell) for name in defined_functions(cell.source)]
    lesson = {notebook_name: lesson for lesson, notebook_name in NOTEBOOKS.items()}.get(file_name)
    if lesson is None:
        raise ValueError(f"{file_name} has exercise cells, but no module of dnn_helpers/exercises names it "
                         "as its NOTEBOOK: add the lesson's exercise records first.")
    recorded = [exercise.name for exercise in LESSONS[lesson]]
    if sorted(defined) != sorted(recorded):
        raise ValueError(f"{file_name}: the exercise cells define {defined}, "
                         f"but the records of lesson {lesson} are {recorded}.")
    return defined


def make_exercise_notebook(notebook):
    """Return the exercise version of a notebook node (the input is not changed)."""
    exercise = nbformat.from_dict(copy.deepcopy(notebook))
    cleared = False
    for cell in exercise.cells:
        if cell.cell_type != "code":
            continue
        cleared = cleared or is_exercise(cell)
        if is_exercise(cell):
            cell.metadata.pop("nbgrader", None)  # a plain cell: nbgrader keeps it as it is
        cell.source = strip_solutions(cell.source)
        if cleared:
            cell.outputs, cell.execution_count = [], None
    return exercise


def main(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "exercises")
    parser.add_argument("notebooks", nargs="*", type=Path)
    options = parser.parse_args(arguments)
    paths = options.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    options.output.mkdir(parents=True, exist_ok=True)
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        exercises = sum(is_exercise(cell) for cell in notebook.cells if cell.cell_type == "code")
        if not exercises:
            continue
        names = registered_exercises(path.name, notebook)
        nbformat.write(make_exercise_notebook(notebook), options.output / path.name)
        print(f"{path.name}: {exercises} exercise cell{'s' if exercises > 1 else ''} ({', '.join(names)})")
    print(f"written to {options.output}")


if __name__ == "__main__":
    sys.exit(main())
