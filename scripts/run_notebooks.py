"""Re-execute the course notebooks top to bottom and save them with their outputs.

    python scripts/run_notebooks.py                      # every notebooks/*.ipynb
    python scripts/run_notebooks.py notebooks/03_*.ipynb # some of them

Runs each notebook in a fresh kernel of this interpreter, with the same
environment as the tests (one BLAS thread, fixed hash seed), so that the stored
outputs are the ones strict nbval expects. Widget state is stored too.
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
    nbformat.write(notebook, path)
    return seconds


def main(arguments):
    paths = [Path(argument).resolve() for argument in arguments] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        print(f"{path.name}: ", end="", flush=True)
        print(f"{run_notebook(path):.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
