"""The check cases run every line and every branch of each solution, and every activation a function accepts.

A branch the cases never reach is a branch a learner can get wrong without the check noticing
(a wrong tanh step inside linear_activation_backward once passed, its cases being sigmoid and
ReLU only). Each lesson's solution cells are written to a module with the notebook's imports and
run on the check cases under coverage.py (which nbval already installs) with branch measurement.
"""

import contextlib
import copy
import importlib.util
import inspect
import io
import json

import coverage
import pytest

from dnn_helpers.exercises import EXERCISES
from dnn_helpers.exercises.lesson03_forward_propagation import LAYER_ACTIVATIONS
from notebook_cells import LESSONS, defined_functions, import_statements, solution_cells


def solutions_module_source(path):
    """The notebook's imports, then its solution cells, as one module."""
    imports = [statement for statement in import_statements(path)]
    return "\n".join(imports) + "\n\n\n" + "\n\n\n".join(cell["source"] for cell in solution_cells(path)) + "\n"


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.name)
def test_the_cases_cover_every_line_and_branch_of_the_solutions(path, tmp_path):
    source = solutions_module_source(path)
    module_file = tmp_path / f"solutions_{path.stem}.py"
    module_file.write_text(source)
    measured = coverage.Coverage(branch=True, data_file=None, include=[str(module_file)])
    measured.start()
    try:
        spec = importlib.util.spec_from_file_location(module_file.stem, module_file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name in [name for cell in solution_cells(path) for name in defined_functions(cell["source"])]:
            for arguments, _ in EXERCISES[name].cases():
                with contextlib.suppress(Exception), contextlib.redirect_stdout(io.StringIO()):
                    getattr(module, name)(*copy.deepcopy(arguments))  # cases that must raise raise here
    finally:
        measured.stop()
    report = tmp_path / "coverage.json"
    with contextlib.redirect_stdout(io.StringIO()):
        measured.json_report(outfile=str(report), morfs=[str(module_file)])
    found = json.loads(report.read_text())["files"][str(module_file)]
    lines = source.split("\n")
    missing_lines = [f"line {n}: {lines[n - 1].strip()}" for n in found["missing_lines"]]
    missing_branches = [f"line {start} -> {end}: {lines[start - 1].strip()}" for start, end in found["missing_branches"]]
    assert not missing_lines and not missing_branches, (
        f"{path.name}: the check cases never run\n  " + "\n  ".join(missing_lines + missing_branches)
        + "\nadd cases to the lesson's module in dnn_helpers/exercises"
    )


ACTIVATION_ARGUMENTS = ("activation", "hidden_activation")


@pytest.mark.parametrize("name", [name for name, exercise in EXERCISES.items()
                                  if set(inspect.signature(exercise.reference).parameters) & set(ACTIVATION_ARGUMENTS)])
def test_every_activation_a_function_accepts_is_in_its_cases(name):
    """A learner's function may branch on the activation's name: every name the lessons teach is run."""
    exercise = EXERCISES[name]
    parameters = list(inspect.signature(exercise.reference).parameters.values())
    (index,) = [i for i, parameter in enumerate(parameters) if parameter.name in ACTIVATION_ARGUMENTS]
    used = set()
    for arguments, _ in exercise.cases():
        value = arguments[index] if len(arguments) > index else parameters[index].default
        for item in arguments:  # caches carry the activation too (linear_activation_backward)
            if hasattr(item, "activation"):
                used.add(item.activation)
        used.add(value)
    assert set(LAYER_ACTIVATIONS) <= used, f"{name}: cases cover {sorted(used)}, not {sorted(LAYER_ACTIVATIONS)}"
