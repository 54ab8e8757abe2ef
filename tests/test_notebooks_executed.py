"""Every committed notebook was executed top to bottom in one fresh kernel.

A notebook saved with cleared outputs would pass nbval trivially, since cells
with no execution count are not compared; this test refuses it.
"""

import re
from pathlib import Path

import pytest

from notebook_cells import NOTEBOOKS, code_cells

ROOT = Path(__file__).resolve().parent.parent
# An absolute path of the recording machine, as a traceback or a warning would show it: a top-level
# folder of Linux or macOS after a space, a quote, a bracket or a terminal colour code, or a Windows drive.
MACHINE_PATH = re.compile(
    r"(?:^|[\s\"'(=]|\x1b\[[0-9;]*m)/(?:home|root|Users|work|tmp|private|var|opt|usr|mnt|srv)/"
    r"|\b[A-Za-z]:\\(?:Users|Windows|Program)"
)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_executed_in_order(path):
    code = [cell for cell in code_cells(path) if cell["source"].strip()]
    counts = [cell.get("execution_count") for cell in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.name}: execution counts {counts} are not 1..{len(code)}; "
        "re-run it with: python scripts/run_notebooks.py " + f"notebooks/{path.name}"
    )
    unexpected = [
        n for n, cell in zip(counts, code)
        if any(output["output_type"] == "error" for output in cell["outputs"])
        and "raises-exception" not in cell.get("metadata", {}).get("tags", [])
    ]
    assert not unexpected, f"{path.name}: cells {unexpected} stored an error without the raises-exception tag"


def stored_text(cell):
    """Every string in a code cell's stored outputs, joined."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
    return "\n".join(strings(cell.get("outputs", [])))


def test_the_path_pattern_finds_machine_paths():
    assert MACHINE_PATH.search("File \x1b[32m/home/ada/course/dnn_helpers/forward.py:82\x1b[39m")
    assert MACHINE_PATH.search("  File /tmp/ipykernel_123/456.py:3")
    assert MACHINE_PATH.search(r"C:\Users\ada\course")
    assert not MACHINE_PATH.search("File \x1b[32mdnn_helpers/forward.py:82\x1b[39m")
    assert not MACHINE_PATH.search("W1 / m, dW / dA")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_no_absolute_path_of_the_recording_machine(path):
    for number, cell in enumerate(code_cells(path)):
        text = stored_text(cell)
        found = MACHINE_PATH.search(text) or (str(ROOT) in text and re.search(re.escape(str(ROOT)), text))
        assert not found, (
            f"{path.name}, code cell {number}: a stored output shows an absolute path "
            f"({text[max(found.start() - 20, 0):found.end() + 40]!r}); "
            f"re-run it with: python scripts/run_notebooks.py notebooks/{path.name}"
        )
