"""Check that the stored notebook outputs come out the same on other machines.

    python scripts/check_portability.py                 # every check below
    python scripts/check_portability.py --kernels Prescott --no-threads --no-floor
    python scripts/check_portability.py notebooks/07_digits_application.ipynb
    python scripts/check_portability.py --tests          # the unit tests under every configuration too

Strict nbval compares every stored output character by character, so a result
that depends on the last bits of a floating-point sum fails on a machine whose
BLAS adds in another order. This script emulates such machines on this one and
runs the notebooks under strict nbval on each:

- OpenBLAS kernels: ``OPENBLAS_CORETYPE`` set to Haswell, Zen, Sandybridge,
  Prescott, and SkylakeX where the CPU has AVX-512 (one BLAS thread each);
- two BLAS threads (a learner's Jupyter uses every core; the tests use one);
- the dependency floor: a second environment, ``.venv-floor/``, holding the
  lowest version of every range in requirements.txt, running the unit tests and
  the notebooks (it is built on first use, which needs the package index).

It lists every cell whose output differs from the stored one, with the first
differing lines, and exits 1 if there is any. ``docs/portability.md`` explains
what drifts and how to keep a new lesson portable.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNELS = ("Haswell", "Zen", "Sandybridge", "Prescott", "SkylakeX")
FLOOR_VENV = ROOT / ".venv-floor"
# Lines of nbval's failure report that say what differs (the rest repeats the cell).
DIFF_LINE = re.compile(r"^\s*[-+] ")


@dataclass
class Configuration:
    """One emulated machine: a name, extra environment, the interpreter and what it runs."""

    name: str
    environment: dict
    python: Path = Path(sys.executable)
    paths: list = field(default_factory=list)


@dataclass
class Outcome:
    """What one configuration's run found."""

    configuration: Configuration
    passed: int = 0
    differing: list = field(default_factory=list)  # (test id, first differing lines)
    errors: list = field(default_factory=list)     # (test id, last line): failed for another reason
    seconds: float = 0.0
    crashed: str = ""


def has_avx512():
    """True if this CPU can run OpenBLAS's SkylakeX kernel (Linux only)."""
    try:
        return " avx512f " in Path("/proc/cpuinfo").read_text().replace("\n", " ")
    except OSError:
        return False


def floor_requirements(requirements=ROOT / "requirements.txt"):
    """``name==lowest`` for every ``name>=lowest`` range in ``requirements``."""
    pins = []
    for line in requirements.read_text().splitlines():
        match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][^,;\s]*)", line)
        if match:
            pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


def build_floor_environment():
    """Create (or refresh) ``.venv-floor`` with the lowest allowed versions; return its python."""
    python = FLOOR_VENV / "bin" / "python"
    pins = "\n".join(floor_requirements()) + "\n"
    stamp = FLOOR_VENV / "floor-constraints.txt"
    if python.exists() and stamp.exists() and stamp.read_text() == pins:
        return python
    print(f"building {FLOOR_VENV.name}/ with {', '.join(pins.split())}", flush=True)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(FLOOR_VENV)], check=True)
    constraints = FLOOR_VENV / "constraints.txt"
    constraints.write_text(pins)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", str(ROOT / "requirements.txt"),
         "-c", str(constraints)],
        cwd=ROOT, capture_output=True, text=True,
    )
    if install.returncode != 0:
        sys.exit(f"could not build {FLOOR_VENV.name}/:\n{install.stdout[-3000:]}{install.stderr[-3000:]}")
    stamp.write_text(pins)
    return python


def first_differing_lines(message, limit=4):
    """The first lines of an nbval failure report that show a difference."""
    lines = [line.rstrip() for line in message.splitlines() if DIFF_LINE.match(line)]
    return lines[:limit]


def run(configuration):
    """Run strict nbval on the configuration's paths (notebooks, perhaps the unit tests)."""
    outcome = Outcome(configuration)
    environment = dict(os.environ, **configuration.environment)
    environment.pop("PYTEST_ADDOPTS", None)
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.xml"
        command = [str(configuration.python), "-m", "pytest", "-q", "--no-header", "-p", "no:randomly",
                   f"--junitxml={report}", *map(str, configuration.paths)]
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
        outcome.seconds = time.perf_counter() - start
        if not report.exists():
            outcome.crashed = (result.stdout + result.stderr)[-2000:]
            return outcome
        for case in ElementTree.parse(report).iter("testcase"):
            test = f"{case.get('classname', '')}::{case.get('name', '')}"
            problem = case.find("failure")
            if problem is None:
                problem = case.find("error")
            if problem is None:
                outcome.passed += case.find("skipped") is None
                continue
            text = (problem.get("message") or "") + "\n" + (problem.text or "")
            if "reference_output == test_output" in text:  # nbval: a stored output not reproduced
                outcome.differing.append((test, first_differing_lines(text)))
            else:
                outcome.errors.append((test, text.strip().splitlines()[-1:] or [""]))
        if result.returncode not in (0, 1):
            outcome.crashed = (result.stdout + result.stderr)[-2000:]
    return outcome


def configurations(arguments):
    """The emulated machines the command line asks for."""
    kernels = [k for k in arguments.kernels if k != "SkylakeX" or has_avx512()]
    paths = ["tests", *arguments.notebooks] if arguments.tests else list(arguments.notebooks)
    chosen = [Configuration(f"OPENBLAS_CORETYPE={kernel}",
                            {"OPENBLAS_CORETYPE": kernel, "DNN_BLAS_THREADS": "1"}, paths=paths)
              for kernel in kernels]
    if arguments.threads:
        own = os.environ.get("OPENBLAS_CORETYPE", "this CPU's kernel")
        chosen.append(Configuration(f"2 BLAS threads ({own})", {"DNN_BLAS_THREADS": "2"}, paths=paths))
    if arguments.floor:
        pins = ", ".join(floor_requirements())
        # the floor always runs the unit tests too: an old package can break collection itself
        chosen.append(Configuration(f"lowest versions ({pins})", {"DNN_BLAS_THREADS": "1"},
                                    python=build_floor_environment(), paths=["tests", *arguments.notebooks]))
    return chosen


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", default=["notebooks"],
                        help="notebooks to check (default: every notebook in notebooks/)")
    parser.add_argument("--kernels", nargs="*", default=list(KERNELS), metavar="KERNEL",
                        help=f"OpenBLAS kernels to emulate (default: {' '.join(KERNELS)}; "
                             "SkylakeX only on a CPU with AVX-512)")
    parser.add_argument("--no-threads", dest="threads", action="store_false",
                        help="skip the run with 2 BLAS threads")
    parser.add_argument("--no-floor", dest="floor", action="store_false",
                        help="skip the run with the lowest versions requirements.txt allows")
    parser.add_argument("--tests", action="store_true",
                        help="run the unit tests under every configuration too (the floor always runs them)")
    parser.add_argument("--jobs", type=int, default=2, help="configurations run at once (default 2)")
    arguments = parser.parse_args(argv)

    chosen = configurations(arguments)
    print(f"{len(chosen)} configurations, {arguments.jobs} at a time: {', '.join(c.name for c in chosen)}",
          flush=True)
    with ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
        outcomes = list(pool.map(run, chosen))

    clean = True
    print("\n| configuration | tests passed | cells that differ | other failures | seconds |")
    print("|---|---|---|---|---|")
    for outcome in outcomes:
        print(f"| {outcome.configuration.name} | {outcome.passed} | {len(outcome.differing)} "
              f"| {len(outcome.errors)}{' (crashed)' if outcome.crashed else ''} | {outcome.seconds:.0f} |")
    for outcome in outcomes:
        if not (outcome.differing or outcome.errors or outcome.crashed):
            continue
        clean = False
        print(f"\n## {outcome.configuration.name}")
        for test, lines in outcome.differing + outcome.errors:
            print(f"- {test}")
            for line in lines:
                print(f"      {line[:160]}")
        if outcome.crashed:
            print(outcome.crashed)
    print("\nevery stored output reproduced" if clean else "\nsome outputs differ (see above)")
    passed = sum(outcome.passed for outcome in outcomes)
    failed = sum(len(outcome.differing) + len(outcome.errors) + bool(outcome.crashed) for outcome in outcomes)
    print(f"portability: {passed} passed, {failed} failed")
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
