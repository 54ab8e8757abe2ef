"""pytest settings that make notebook outputs reproducible.

The notebook kernels inherit this environment, so it is set before any kernel starts.
"""

import os

# One BLAS thread: the same floating-point sums in every run, on every machine with the same CPU kernel.
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"
# Set iteration order must not change between kernels.
os.environ["PYTHONHASHSEED"] = "0"
# With MPLBACKEND=Agg in the environment, figures silently vanish from notebook outputs.
os.environ.pop("MPLBACKEND", None)
