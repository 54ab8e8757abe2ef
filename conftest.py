"""pytest settings that make notebook outputs reproducible.

The notebook kernels inherit this environment, so it is set before any kernel starts.
"""

import os

# One BLAS thread by default: the same floating-point sums in every run on one machine. The stored
# outputs must also survive more threads (a learner's Jupyter uses every core):
# scripts/check_portability.py sets DNN_BLAS_THREADS=2 to check that.
threads = os.environ.get("DNN_BLAS_THREADS", "1")
os.environ["OPENBLAS_NUM_THREADS"] = threads
os.environ["OMP_NUM_THREADS"] = threads
os.environ["MKL_NUM_THREADS"] = threads
# Set iteration order must not change between kernels.
os.environ["PYTHONHASHSEED"] = "0"
# With MPLBACKEND=Agg in the environment, figures silently vanish from notebook outputs.
os.environ.pop("MPLBACKEND", None)
