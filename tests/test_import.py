import subprocess
import sys


def test_import_is_light_and_fast():
    # a fresh interpreter, so that nothing imported by other tests is counted
    code = (
        "import sys, time\n"
        "start = time.perf_counter()\n"
        "import dnn_helpers\n"
        "seconds = time.perf_counter() - start\n"
        "heavy = sorted(name for name in ('matplotlib', 'ipywidgets', 'IPython') if name in sys.modules)\n"
        "print(seconds, heavy)\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    seconds, heavy = output.split(maxsplit=1)
    assert heavy.strip() == "[]"
    assert float(seconds) < 0.5


def test_plots_load_on_first_use():
    import dnn_helpers

    assert dnn_helpers.plots.__name__ == "dnn_helpers.plots"
