"""Every figure a lesson shows carries alternative text: in its stored output, and when a kernel redraws it.

nbconvert's classic HTML template, which nbgrader's feedback uses, writes an image output's
``metadata["image/png"]["alt"]`` into the ``alt`` attribute of its <img>; without it nbconvert puts
"No description has been provided for this image" there. A screen reader reads that attribute.
"""

import re

import nbformat
import numpy as np
import pytest
from matplotlib.figure import Figure

from dnn_helpers import plots
from notebook_cells import NOTEBOOKS

FALLBACK = re.compile(r"^Figure( '.*')? with \d+ panels?\.$")


def image_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                yield index, output


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_stored_figure_has_a_description(path):
    for index, output in image_outputs(path):
        alt = output.get("metadata", {}).get("image/png", {}).get("alt")
        assert alt, (f"{path.name} cell {index}: a figure without alternative text; import dnn_helpers.plots "
                     "before drawing it, and re-run the notebook (scripts/run_notebooks.py)")
        assert not FALLBACK.match(alt), (
            f"{path.name} cell {index}: {alt!r} says nothing of the picture: give it titles and axis labels, "
            "or describe it with plots.set_alt_text(fig, ...)")


def test_a_description_reads_titles_labels_and_curves():
    fig = plots.costs_figure({"rate 0.1": [0.7, 0.5, 0.3], "rate 1": [0.7, 0.9, 0.1]}, title="Two runs")
    assert plots.alt_text(fig) == ("Figure: 'Two runs': cost against iteration, rate 0.1 from 0.7 to 0.3; "
                                   "rate 1 from 0.7 to 0.1, highest 0.9 at iteration = 100.")


def test_a_description_of_bars_names_each_bar():
    fig = Figure()
    ax = fig.add_subplot()
    ax.barh([0, 1], [3.0, 5.0])
    ax.set_yticks([0, 1], ["forward", "backward"])
    ax.set_xlabel("seconds")
    assert "2 bars: forward 3, backward 5" in plots.alt_text(fig)


def test_tex_is_read_as_words_and_names_keep_their_underscores():
    assert plots._plain("$x_1$ (row 0)") == "x1 (row 0)"
    assert plots._plain(r"$\varepsilon$ and keep_prob") == "epsilon and keep_prob"


def test_an_explicit_description_wins_and_a_broken_figure_still_gets_one():
    fig = plots.network_figure([2, 3, 1])
    assert plots.alt_text(fig).startswith("Diagram of a fully connected network, left to right: input of 2 units")
    plots.set_alt_text(fig, "  a   network ")
    assert plots.alt_text(fig) == "a network"
    empty = Figure()
    assert plots.describe_figure(empty) == "Figure with 0 panels."

    class Broken:
        axes = property(lambda self: 1 / 0)

    assert plots.describe_figure(Broken()) == "Figure."


def test_slider_figures_carry_their_description():
    import ipywidgets

    from dnn_helpers.widgets import interactive_figure

    box = interactive_figure(lambda n: plots.costs_figure(np.linspace(1, 0.1, n)), n=ipywidgets.IntSlider(5, 2, 9))
    (output,) = box.output.outputs
    assert output["metadata"]["image/png"]["alt"].startswith("Figure: 'Cost during training'")


def test_outside_ipython_nothing_is_installed():
    assert plots.show_alt_text_in_notebooks() is False


def test_in_a_kernel_a_figure_shown_inline_gets_its_description(tmp_path):
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "%matplotlib inline\n"
        "import matplotlib.pyplot as plt\n"
        "from dnn_helpers import plots\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot([0, 1, 2], [3, 1, 2], label='cost')\n"
        "ax.set_title('A run')\n"
        "ax.legend()\n"
        "plt.show()\n"
        "plots.network_figure([2, 1])"
    )])
    NotebookClient(notebook, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    alts = [output["metadata"]["image/png"]["alt"] for output in notebook.cells[0].outputs
            if "image/png" in output.get("data", {})]
    assert alts == ["Figure: 'A run': cost from 3 to 2, lowest 1 at x = 1.",
                    plots.alt_text(plots.network_figure([2, 1]))]
