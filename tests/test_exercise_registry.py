"""The exercise registry agrees with the notebooks: one record for each solution cell, and no other.

A lesson's exercises are derived from its notebook alone: the functions its solution cells
(the code cells holding "### BEGIN SOLUTION") define. The registry must hold a record for
each of them under that lesson, and no record for a function the notebook does not ask for.
"""

from pathlib import Path
from types import SimpleNamespace

import pytest

from dnn_helpers import checks
from dnn_helpers.exercises import EXERCISES, LESSON_MODULES, LESSONS, NOTEBOOKS, Exercise, _build_registry
from notebook_cells import LESSONS as LESSON_NOTEBOOKS
from notebook_cells import NOTEBOOK_FOLDER, defined_functions, exercise_names, solution_cells

# lesson number -> notebook, from the file names ("05_backward_propagation.ipynb" is lesson 5)
NOTEBOOK_OF_LESSON = {int(path.name.split("_")[0]): path for path in LESSON_NOTEBOOKS}


@pytest.mark.parametrize("lesson", sorted(set(NOTEBOOK_OF_LESSON) | set(LESSONS)))
def test_each_solution_cell_has_a_record_and_each_record_a_solution_cell(lesson):
    assert lesson in NOTEBOOK_OF_LESSON, (
        f"the registry lists exercises for lesson {lesson}, whose notebook has no solution cell"
    )
    path = NOTEBOOK_OF_LESSON[lesson]
    assert lesson in LESSONS, f"{path.name} has solution cells but the registry has no exercises for lesson {lesson}"
    in_notebook = exercise_names(path)
    in_registry = [exercise.name for exercise in LESSONS[lesson]]
    assert len(set(in_notebook)) == len(in_notebook), f"{path.name} defines an exercise twice: {in_notebook}"
    without_record = [name for name in in_notebook if name not in in_registry]
    without_cell = [name for name in in_registry if name not in in_notebook]
    assert not without_record, f"{path.name}: solution cells without a record in lesson {lesson}: {without_record}"
    assert not without_cell, f"lesson {lesson}: records without a solution cell in {path.name}: {without_cell}"
    assert NOTEBOOKS[lesson] == path.name


@pytest.mark.parametrize("path", LESSON_NOTEBOOKS, ids=lambda path: path.name)
def test_every_solution_cell_defines_the_function_its_grade_id_names(path):
    for cell in solution_cells(path):
        functions = defined_functions(cell["source"])
        assert functions, f"{path.name}: a solution cell defines no function:\n{cell['source'][:200]}"
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id is not None:
            assert grade_id in functions, f"{path.name}: grade_id {grade_id!r}, but the cell defines {functions}"


def test_ready_made_functions_have_no_solution_cell_and_are_still_checked():
    ready_made = [name for name, exercise in EXERCISES.items() if exercise.ready_made]
    assert ready_made == ["tanh", "leaky_relu", "tanh_backward", "leaky_relu_backward"]
    asked_for = {name for path in LESSON_NOTEBOOKS for name in exercise_names(path)}
    assert not asked_for & set(ready_made)


@pytest.mark.parametrize("module", LESSON_MODULES, ids=lambda module: module.__name__.rsplit(".", 1)[-1])
def test_lesson_modules_are_named_after_their_notebooks(module):
    assert module.__name__.rsplit(".", 1)[-1] == "lesson" + Path(module.NOTEBOOK).stem
    assert module.NOTEBOOK.startswith(f"{module.LESSON:02d}_")
    assert (NOTEBOOK_FOLDER / module.NOTEBOOK).exists()
    assert all(isinstance(exercise, Exercise) for exercise in module.EXERCISES)


@pytest.mark.parametrize("name", list(EXERCISES))
def test_a_record_names_its_reference_and_its_results(name):
    exercise = EXERCISES[name]
    assert exercise.reference.__name__ == name
    for arguments, description in exercise.cases():
        try:
            result = exercise.reference(*arguments)
        except Exception:  # a case where the reference must stop with an error: nothing to name
            assert exercise.missing_error_advice, f"{name}, {description}: no advice for the missing error"
            continue
        if isinstance(exercise.result_names, tuple):
            assert isinstance(result, tuple) and len(result) == len(exercise.result_names), description
        else:
            assert not isinstance(result, tuple), f"{name}, {description}: a tuple needs a tuple of result names"


@pytest.mark.parametrize("name, index", [
    (name, index) for name, exercise in EXERCISES.items() for index in range(len(exercise.mistakes))
])
def test_each_mistake_is_named_when_made(name, index, capsys):
    advice, wrong = EXERCISES[name].mistakes[index]
    assert checks.run_checks(wrong, name) is False
    assert f"Probable cause: {advice}" in capsys.readouterr().out


def test_the_registry_refuses_two_records_of_one_name():
    record = EXERCISES["relu"]
    first = SimpleNamespace(LESSON=2, NOTEBOOK="02_activations.ipynb", EXERCISES=(record,))
    second = SimpleNamespace(LESSON=3, NOTEBOOK="03_forward_propagation.ipynb", EXERCISES=(record,))
    with pytest.raises(ValueError, match="'relu' has a record in two lessons"):
        _build_registry([first, second])
    with pytest.raises(ValueError, match="two modules hold the exercises of lesson 2"):
        _build_registry([first, SimpleNamespace(LESSON=2, NOTEBOOK="02_activations.ipynb", EXERCISES=())])
