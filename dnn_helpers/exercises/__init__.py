"""The exercises of the lessons: one record per exercise, one module per lesson.

    record          Exercise: reference, check cases, result names, mistakes, advice for errors
    inputs          inputs that several lessons' check cases share
    lesson01_parameters ... lesson19_lstm   the records of one lesson each, named after its notebook

Each lesson module defines LESSON (its number), NOTEBOOK (the file name in notebooks/) and
EXERCISES (its records, in the order ``progress`` lists them). A new lesson adds its module
to LESSON_MODULES below; tests/test_exercise_registry.py compares every lesson's records
with the functions its notebook's solution cells define.

    EXERCISES[name]     the record of every function ``check`` accepts, lesson by lesson
    LESSONS[lesson]     the records of the exercises a lesson asks for (ready-made ones left out)
    NOTEBOOKS[lesson]   the file name of the lesson's notebook
"""

import importlib

from .record import ErrorAdvice, Exercise, Mistake

# One module per lesson, named after its notebook; a new lesson adds its module here.
LESSON_MODULES = tuple(importlib.import_module(f"{__name__}.{name}") for name in (
    "lesson01_parameters",
    "lesson02_activations",
    "lesson03_forward_propagation",
    "lesson04_cost",
    "lesson05_backward_propagation",
    "lesson06_training",
    "lesson09_initialization",
    "lesson10_regularization",
    "lesson11_optimization",
    "lesson12_softmax",
    "lesson13_debugging",
    "lesson16_text_as_data",
    "lesson17_recurrent_networks",
    "lesson18_language_model",
    "lesson19_lstm",
))


def _build_registry(modules):
    """(name -> record, lesson -> records, lesson -> notebook) from the lesson modules, refusing duplicates."""
    exercises, lessons, notebooks = {}, {}, {}
    for module in modules:
        if module.LESSON in lessons:
            raise ValueError(f"two modules hold the exercises of lesson {module.LESSON}")
        for record in module.EXERCISES:
            if record.name in exercises:
                raise ValueError(f"{record.name!r} has a record in two lessons")
            exercises[record.name] = record
        lessons[module.LESSON] = tuple(record for record in module.EXERCISES if not record.ready_made)
        notebooks[module.LESSON] = module.NOTEBOOK
    return exercises, lessons, notebooks


EXERCISES, LESSONS, NOTEBOOKS = _build_registry(LESSON_MODULES)

__all__ = ["EXERCISES", "LESSONS", "LESSON_MODULES", "NOTEBOOKS", "ErrorAdvice", "Exercise", "Mistake"]
