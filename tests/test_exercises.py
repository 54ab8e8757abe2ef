"""The exercise versions: solutions removed, stubs that say "not done yet", nothing else lost."""

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from make_exercises import (  # noqa: E402
    is_exercise,
    main,
    make_exercise_notebook,
    registered_exercises,
    strip_solutions,
)

from dnn_helpers import checks  # noqa: E402
from notebook_cells import LESSONS, defined_functions, exercise_names  # noqa: E402


def test_strip_solutions_keeps_indentation_and_drops_hidden_tests():
    source = (
        "def f(x):\n"
        "    \"\"\"Double x.\"\"\"\n"
        "    ### BEGIN SOLUTION\n"
        "    y = 2 * x\n"
        "    return y\n"
        "    ### END SOLUTION\n"
        "assert f(1) == 2\n"
        "### BEGIN HIDDEN TESTS\n"
        "assert f(2) == 4\n"
        "### END HIDDEN TESTS"
    )
    assert strip_solutions(source) == (
        "def f(x):\n"
        "    \"\"\"Double x.\"\"\"\n"
        "    # YOUR CODE HERE\n"
        "    raise NotImplementedError()\n"
        "assert f(1) == 2"
    )


def test_an_unclosed_region_is_an_error():
    with pytest.raises(ValueError, match="solution region is never closed"):
        strip_solutions("def f():\n    ### BEGIN SOLUTION\n    return 1\n")


def test_the_workbook_lists_each_lesson_with_its_exercises(tmp_path, capsys):
    main(["--output", str(tmp_path)])
    out = capsys.readouterr().out
    assert "05_backward_propagation.ipynb: 3 exercise cells (linear_backward, linear_activation_backward, " \
           "backward_propagation)\n" in out
    assert sorted(path.name for path in tmp_path.iterdir()) == [path.name for path in LESSONS]


def test_an_exercise_without_a_record_is_refused():
    notebook = nbformat.read(LESSONS[0], as_version=4)
    cell = next(cell for cell in notebook.cells if is_exercise(cell))
    cell.source = cell.source.replace("def initialize_parameters(", "def initialise_parameters(")
    with pytest.raises(ValueError, match=r"define \['initialise_parameters'\], but the records of lesson 1 are "
                                         r"\['initialize_parameters'\]"):
        registered_exercises(LESSONS[0].name, notebook)
    with pytest.raises(ValueError, match="no module of dnn_helpers/exercises names it"):
        registered_exercises("16_recurrent_networks.ipynb", notebook)


def solution_lines(cell):
    lines, inside = [], False
    for line in cell.source.split("\n"):
        if "### BEGIN SOLUTION" in line:
            inside = True
        elif "### END SOLUTION" in line:
            inside = False
        elif inside and line.strip():
            lines.append(line)
    return lines


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.name)
def test_exercise_version(path, capsys):
    original = nbformat.read(path, as_version=4)
    exercise = make_exercise_notebook(original)
    assert len(exercise.cells) == len(original.cells)
    first = next(i for i, cell in enumerate(original.cells) if is_exercise(cell))
    for index, (before, after) in enumerate(zip(original.cells, exercise.cells)):
        if before.cell_type != "code":
            assert after == before  # prose untouched
            continue
        if index < first:
            assert after.outputs == before.outputs  # outputs before the first exercise are kept
        else:
            assert after.outputs == [] and after.execution_count is None
        if not is_exercise(before):
            assert after.source == strip_solutions(before.source)  # hidden tests of a check cell left out
            assert "HIDDEN TESTS" not in after.source
            continue
        assert "### BEGIN SOLUTION" not in after.source and "raise NotImplementedError()" in after.source
        assert "nbgrader" not in after.metadata  # a plain cell, which nbgrader given the workbook keeps whole
        # no solution line survives (a line also present outside the regions may)
        inside = solution_lines(before)
        outside = set(before.source.split("\n")) - set(inside)
        assert not [line for line in inside if line in after.source.split("\n") and line not in outside]
        # the stub runs as a definition, and calling it tells the learner the exercise is not done
        namespace = {}
        exec("import numpy as np\nfrom dnn_helpers import *\n", namespace)
        exec(after.source, namespace)
        for name in defined_functions(after.source):
            assert checks.run_checks(namespace[name], name) is False
            assert capsys.readouterr().out.endswith(
                f"{name}: not done yet. Replace the `raise NotImplementedError()` line with your code.\n"
            )
    json.dumps(exercise)  # still a valid notebook document
    nbformat.validate(exercise)


def top_level_statements(source):
    """The cell's top-level statements, with IPython's % and ! lines blanked so that line numbers hold."""
    import ast

    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")]
    return ast.parse("\n".join(lines)).body


def names_in(node, context):
    """The names a statement binds (context ast.Store, with definitions and imports) or reads (ast.Load)."""
    import ast

    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, context)}
    if context is ast.Store:
        names |= {n.name for n in ast.walk(node) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        names |= {(alias.asname or alias.name).split(".")[0] for n in ast.walk(node)
                  if isinstance(n, (ast.Import, ast.ImportFrom)) for alias in n.names}
    return names


def failing_line(error):
    """The line of the cell where the error happened, from the stored traceback."""
    for entry in error.traceback:
        found = re.search(r"Cell In\[\d+\], line (\d+)", re.sub(r"\x1b\[[0-9;]*m", "", entry))
        if found:
            return int(found.group(1))
    return 1


def stopped_names(source, line, unfinished):
    """After a failure at ``line``: the names the cell never bound because they needed the failure, and the
    names it never bound although they needed nothing unfinished (statements that should come first)."""
    import ast

    tainted, misplaced = set(unfinished), set()
    for statement in top_level_statements(source):
        if statement.end_lineno < line:
            continue
        bound = names_in(statement, ast.Store)
        if statement.lineno <= line or names_in(statement, ast.Load) & tainted:
            tainted |= bound
        else:
            misplaced |= bound
    return tainted - set(unfinished), misplaced


def test_exercise_notebooks_run_and_every_check_says_not_done_yet(tmp_path):
    """Run every workbook top to bottom as a learner who has done nothing yet would.

    The check cells print "not done yet" for their function; cells before the first exercise
    run as in the lesson. A later cell may fail only because it needs an unfinished exercise:
    it calls one (NotImplementedError), or it uses a name that only a failed cell would have
    defined (NameError). Everything else, the parts of a lesson that run on the package, works.
    """
    from nbclient import NotebookClient

    for path in LESSONS:
        original = nbformat.read(path, as_version=4)
        first = next(i for i, cell in enumerate(original.cells) if is_exercise(cell))
        exercise = make_exercise_notebook(original)
        exercised = set(exercise_names(path))
        NotebookClient(exercise, timeout=120, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
        never_defined = set()  # names a failed cell could not bind: they need an unfinished exercise
        misplaced = {}  # name -> the cell that failed before binding it, although it needed no exercise
        for index, cell in enumerate(exercise.cells):
            if cell.cell_type != "code":
                continue
            errors = [output for output in cell.outputs if output.output_type == "error"]
            text = "".join(output.get("text", "") for output in cell.outputs if output.output_type == "stream")
            where = f"{path.name} cell {index}"
            if "raises-exception" in cell.metadata.get("tags", []):
                continue
            if index < first:
                assert not errors, f"{where} fails before any exercise: {errors[0].ename}"
            elif set(re.findall(r"^check\((\w+)\)", cell.source, flags=re.MULTILINE)) & exercised:
                assert not errors and "not done yet" in text, f"{where}: {errors or text}"
            for error in errors:
                missing = re.fullmatch(r"name '(\w+)' is not defined", error.evalue)
                if missing and missing.group(1) in misplaced:
                    raise AssertionError(
                        f"{where} needs {missing.group(1)!r}, which needs no exercise, but {misplaced[missing.group(1)]} "
                        "computes it after a line that does: move it before that line (or into a cell of its own)")
                assert error.ename == "NotImplementedError" or (
                    error.ename == "NameError" and missing and missing.group(1) in never_defined
                ), f"{where} fails for another reason than an unfinished exercise: {error.ename}: {error.evalue}"
                stopped, unneeded = stopped_names(cell.source, failing_line(error), exercised | never_defined)
                never_defined |= stopped
                misplaced.update({name: where for name in unneeded})
