"""The layout of docs/adding-a-lesson.md: names lead from a notebook to its code, and every module is on the map.

Lesson NN's notebook is ``notebooks/NN_<name>.ipynb``; its figures, if it has any of its own, are in
``dnn_helpers/explore/<name>.py``. Every package module is named in the package's docstring (the map a
learner reads with ``help(dnn_helpers)``) and in the README's paragraph on the package, and every
lesson is in the README's table and in lesson 0's.
"""

import re
from pathlib import Path

import pytest

import dnn_helpers
from notebook_cells import NOTEBOOKS, code_cells

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dnn_helpers"
README = (ROOT / "README.md").read_text()
NOTEBOOK_NAMES = {path.stem.split("_", 1)[1]: path for path in NOTEBOOKS}  # "making_it_fast" -> its file
EXPLORE_MODULES = sorted(path.stem for path in (PACKAGE / "explore").glob("*.py") if path.stem != "__init__")
PACKAGE_MODULES = sorted({path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
                         | {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
                         | {"course_data"})


def readme_section(title):
    """The text of the README's section under ``## title``, up to the next section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README.md has no section '## {title}'"
    return match.group(1)


def test_the_lessons_are_numbered_without_gaps():
    numbers = [int(path.name.split("_")[0]) for path in NOTEBOOKS]
    assert numbers == list(range(len(NOTEBOOKS)))


@pytest.mark.parametrize("name", EXPLORE_MODULES)
def test_every_explore_module_is_named_after_its_notebook(name):
    assert name in NOTEBOOK_NAMES, (
        f"dnn_helpers/explore/{name}.py serves no notebook: name it after one of {sorted(NOTEBOOK_NAMES)}"
    )
    imports = f"dnn_helpers.explore.{name}"
    users = [path.name for path in NOTEBOOKS if any(imports in cell["source"] for cell in code_cells(path))]
    assert users == [NOTEBOOK_NAMES[name].name], f"{imports} is imported by {users}, not by its own notebook only"


@pytest.mark.parametrize("name", PACKAGE_MODULES)
def test_every_module_is_on_the_package_map_and_in_the_readme(name):
    assert re.search(rf"^    {name}\b", dnn_helpers.__doc__, re.M), f"dnn_helpers/__init__.py's map omits {name}"
    assert f"`{name}`" in readme_section("The helper package"), f"README's package paragraph omits `{name}`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_lesson_is_in_the_readme_table_and_in_lesson_0(path):
    assert f"| `{path.stem}` |" in readme_section("The lessons"), f"README's lesson table omits {path.stem}"
    if not path.name.startswith("00_"):
        assert f"| {int(path.name[:2])} |" in NOTEBOOKS[0].read_text(), f"lesson 0's table of lessons omits lesson {path.stem}"
