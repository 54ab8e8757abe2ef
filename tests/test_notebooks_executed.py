"""Every committed notebook was executed top to bottom in one fresh kernel.

A notebook saved with cleared outputs would pass nbval trivially, since cells
with no execution count are not compared; this test refuses it.
"""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_executed_in_order(path):
    cells = json.loads(path.read_text())["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code" and "".join(cell["source"]).strip()]
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
