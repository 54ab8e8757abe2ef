import base64

import ipywidgets as widgets
from matplotlib.figure import Figure

from dnn_helpers.widgets import figure_to_png, interactive_figure


def line_figure(n, slope):
    if slope == 0:
        return "a flat line: choose a slope"
    figure = Figure(figsize=(3, 2))
    figure.add_subplot().plot(range(n), [slope * i for i in range(n)])
    return figure


def make_box():
    return interactive_figure(
        line_figure,
        n=widgets.IntSlider(value=5, min=2, max=10),
        slope=widgets.FloatSlider(value=1.0, min=-2, max=2),
    )


def test_first_draw_happens_at_creation():
    box = make_box()
    assert list(box.figure.axes[0].lines[0].get_xdata()) == [0, 1, 2, 3, 4]
    output = box.output.outputs[0]["data"]
    assert base64.b64decode(output["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert repr(box) == "InteractiveFigure(n=5, slope=1.0)"


def test_moving_a_slider_redraws_with_the_new_value():
    box = make_box()
    box.controls["n"].value = 8
    box.controls["slope"].value = -2.0
    assert list(box.figure.axes[0].lines[0].get_ydata()) == [-2.0 * i for i in range(8)]
    assert box.message is None


def test_a_message_replaces_the_figure():
    box = make_box()
    box.controls["slope"].value = 0.0
    assert box.figure is None and box.message == "a flat line: choose a slope"
    assert box.output.outputs[0]["data"] == {"text/plain": "a flat line: choose a slope"}


def test_controls_are_laid_out_in_rows():
    box = interactive_figure(line_figure, columns=1, n=widgets.IntSlider(3), slope=widgets.FloatSlider(1.0))
    assert len(box.children) == 3  # two rows of one control, then the output


def test_figure_to_png():
    assert figure_to_png(line_figure(3, 1.0)).startswith(b"\x89PNG")
