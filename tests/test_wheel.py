"""The package installs for real: a wheel built from the repository holds every module and the data.

The wheel is built without network access (``--no-build-isolation``, with the setuptools that
requirements.txt installs) and installed without ``-e`` into a fresh environment, which sees the
course's other packages (numpy, matplotlib, ipywidgets) but not its editable install.
"""

import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "dnn_helpers").rglob("*.py")
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (path,) = out.glob("dnn_helpers-*.whl")
    return path


def test_the_wheel_holds_every_module_and_the_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {str(path.relative_to(ROOT)) for path in (ROOT / "dnn_helpers").rglob("*.py")}
    assert expected <= names, f"the wheel lacks {sorted(expected - names)}: list the subpackage in pyproject.toml"
    for data_file in (ROOT / "data").iterdir():
        if data_file.is_file():
            assert f"dnn_helpers/course_data/{data_file.name}" in names


def test_installed_without_editable_every_module_imports_and_the_digits_load(wheel, tmp_path):
    environment = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(environment)], check=True)
    python = environment / "bin" / "python"
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target", site_packages,
         str(wheel)],
        check=True, capture_output=True, text=True,
    )
    # numpy and the rest from this environment; its .pth files (the editable install) are not read
    Path(site_packages, "course_packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    script = textwrap.dedent(f"""
        import importlib, pathlib
        import dnn_helpers
        assert pathlib.Path(dnn_helpers.__file__).is_relative_to({site_packages!r}), dnn_helpers.__file__
        for name in {MODULES!r}:
            importlib.import_module(name)
        from dnn_helpers.data import DATA_DIRECTORY, load_digits
        assert DATA_DIRECTORY.is_relative_to({site_packages!r}), DATA_DIRECTORY
        digits = load_digits()
        print(len(digits.y_train), len(digits.y_test), digits.X_train.shape)
        from dnn_helpers.text import load_shakespeare
        print(len(load_shakespeare()))
    """)
    result = subprocess.run([str(python), "-I", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["8000", "2000", "(784,", "8000)", "1115394"]
