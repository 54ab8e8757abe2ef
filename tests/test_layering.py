"""The package's layers: the modules the lessons teach never reach for the course's tooling.

A learner reads ``backward.py`` next to lesson 5; it must stand on its own, built from the earlier
steps only. So no teaching module imports, directly or through another module, the check cells,
the exercise records, the pictures, the sliders or the explore modules (which import matplotlib).
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dnn_helpers"
TEACHING = ["parameters", "activations", "forward", "cost", "backward", "update", "training",
            "gradient_checking", "regularization", "optimizers", "trainer", "fast", "loops", "data", "diagnostics",
            "other_networks", "text", "rnn", "language_model", "lstm", "lstm_language_model", "recall", "fast_recurrent", "_validation",
            "_sequences"]
TOOLING = ("checks", "exercises", "plots", "widgets", "playground", "explore")


def module_file(name):
    """The file of the package module ``name`` ("explore.making_it_fast" -> explore/making_it_fast.py), or None."""
    path = PACKAGE.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def package_imports(name):
    """The package modules that module ``name`` imports (relative or as dnn_helpers.x), by name."""
    tree = ast.parse(module_file(name).read_text())
    here = name.split(".")[:-1] if not module_file(name).name == "__init__.py" else name.split(".")
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                parts = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "dnn_helpers":
                parts = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:  # "from . import plots" names a module
                if module_file(".".join(parts + [alias.name])):
                    found.add(".".join(parts + [alias.name]))
            if parts and module_file(".".join(parts)):
                found.add(".".join(parts))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "dnn_helpers" and len(parts) > 1:
                    found.add(".".join(parts[1:]))
    return found


def reachable(name):
    seen, todo = set(), [name]
    while todo:
        for imported in package_imports(todo.pop()):
            if imported not in seen:
                seen.add(imported)
                todo.append(imported)
    return seen


def test_the_import_parser_sees_relative_and_absolute_imports():
    assert {"activations", "cost", "forward"} <= package_imports("backward")
    assert "plots" in reachable("playground")
    assert "_validation" in package_imports("data")


@pytest.mark.parametrize("name", TEACHING)
def test_a_teaching_module_reaches_no_tooling(name):
    assert module_file(name), f"dnn_helpers/{name}.py is gone: update TEACHING"
    tooling = sorted(m for m in reachable(name) if m.split(".")[0] in TOOLING)
    assert not tooling, f"dnn_helpers/{name}.py reaches {tooling}; the lesson modules must not import tooling"


def test_every_module_is_teaching_or_tooling():
    modules = {path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    modules |= {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    unsorted = sorted(modules - set(TEACHING) - set(TOOLING))
    assert not unsorted, f"add {unsorted} to TEACHING or TOOLING in this file"
