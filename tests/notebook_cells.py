"""Reading the lesson notebooks' cells, for the tests that compare notebook code with the package.

Cells come as the notebook file stores them (dicts), with ``source`` joined into one string.
A solution cell is a code cell holding "### BEGIN SOLUTION": an exercise of the lesson.
"""

import ast
import json
from pathlib import Path

NOTEBOOK_FOLDER = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_FOLDER.glob("*.ipynb"))
SOLUTION_MARKER = "### BEGIN SOLUTION"


def code_cells(path):
    """The notebook's code cells, in order, each a dict whose source is one string."""
    cells = json.loads(Path(path).read_text())["cells"]
    return [{**cell, "source": "".join(cell["source"])} for cell in cells if cell["cell_type"] == "code"]


def solution_cells(path):
    """The code cells that hold a solution region, in order."""
    return [cell for cell in code_cells(path) if SOLUTION_MARKER in cell["source"]]


def python_statements(source):
    """The top-level statements of a cell's source, with IPython's % and ! lines left out."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return ast.parse("\n".join(lines)).body


def defined_functions(source):
    """The names of the functions a cell defines at its top level, in order."""
    return [node.name for node in python_statements(source) if isinstance(node, ast.FunctionDef)]


def exercise_names(path):
    """The functions the notebook's solution cells define: the exercises of its lesson, in order."""
    return [name for cell in solution_cells(path) for name in defined_functions(cell["source"])]


def import_statements(path):
    """The notebook's top-level import statements, multi-line ones included, as source text."""
    return [
        ast.unparse(node)
        for cell in code_cells(path)
        for node in python_statements(cell["source"])
        if isinstance(node, (ast.Import, ast.ImportFrom))
    ]


def function_cell(path, name):
    """The source of the one code cell that defines the function ``name``."""
    (source,) = [cell["source"] for cell in code_cells(path) if name in defined_functions(cell["source"])]
    return source


LESSONS = [path for path in NOTEBOOKS if solution_cells(path)]
