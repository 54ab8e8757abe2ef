"""Re-execute the course notebooks top to bottom and save them with their outputs.

    python scripts/run_notebooks.py                      # every notebooks/*.ipynb
    python scripts/run_notebooks.py notebooks/03_*.ipynb # some of them

Runs each notebook in a fresh kernel of this interpreter, with the same
environment as the tests (one BLAS thread, fixed hash seed), so that the stored
outputs are the ones strict nbval expects. Widget state is stored too. Tracebacks
name files relative to the repository, not by this machine's absolute path.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONHASHSEED="0")
os.environ.pop("MPLBACKEND", None)

import nbformat  # noqa: E402  (after the environment is set for the kernels)
from nbclient import NotebookClient  # noqa: E402


def strip_machine_paths(notebook, root=ROOT):
    """Write paths inside ``root`` relative to it in every stored output (tracebacks name files)."""
    prefix = str(root) + "/"

    def strip(value):
        if isinstance(value, str):
            return value.replace(prefix, "")
        if isinstance(value, list):
            return [strip(item) for item in value]
        if isinstance(value, dict):
            return {key: strip(item) for key, item in value.items()}
        return value

    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.from_dict(strip(output)) for output in cell.outputs]


def run_notebook(path):
    """Execute the notebook at ``path`` in place; return the seconds it took."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    strip_machine_paths(notebook)
    nbformat.write(notebook, path)
    return seconds


def main(arguments):
    paths = [Path(argument).resolve() for argument in arguments] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        print(f"{path.name}: ", end="", flush=True)
        print(f"{run_notebook(path):.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
