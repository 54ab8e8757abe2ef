"""Sliders that redraw a figure: the "Try it" cells of the lessons.

    from dnn_helpers.widgets import interactive_figure
    import ipywidgets as widgets
    interactive_figure(make_figure, depth=widgets.IntSlider(5, 1, 10, description="depth"))

``make_figure`` is a plain function of the control values that returns a
matplotlib Figure (or a string, shown instead of a plot, for example a
divergence message). Each change of a control calls it once and shows the
figure as a PNG. The function stays testable without a browser: set a
control's ``value`` and look at ``box.figure`` and ``box.message``.

Imports ipywidgets, so it is not imported by ``import dnn_helpers``.
"""

import base64
import io

import ipywidgets as widgets
import matplotlib

matplotlib.use("Agg", force=False)  # keep whatever backend the notebook set; Agg elsewhere

from .plots import alt_text  # noqa: E402  (after the backend; in IPython it also gives every figure its alt text)


def figure_to_png(figure):
    """Render a matplotlib Figure to PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi)
    return buffer.getvalue()


class InteractiveFigure(widgets.VBox):
    """Controls above an output area that shows make_figure(**control values)."""

    def __init__(self, make_figure, controls, columns=3):
        self.make_figure = make_figure
        self.controls = dict(controls)
        self.output = widgets.Output()
        self.figure = None
        self.message = None
        rows = [
            widgets.HBox(list(self.controls.values())[start:start + columns])
            for start in range(0, len(self.controls), columns)
        ]
        super().__init__(rows + [self.output])
        for control in self.controls.values():
            control.observe(self.redraw, names="value")
        self.redraw()

    def values(self):
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self, change=None):
        """Call make_figure with the current values and show what it returns."""
        result = self.make_figure(**self.values())
        metadata = {}
        if isinstance(result, str):
            self.figure, self.message = None, result
            data = {"text/plain": result}
        else:
            self.figure, self.message = result, None
            png = base64.b64encode(figure_to_png(result)).decode("ascii")
            data = {"image/png": png, "text/plain": f"<Figure with {len(result.axes)} Axes>"}
            metadata = {"image/png": {"alt": alt_text(result)}}
        # assigning outputs directly (not `with output:`) works with and without a front end
        self.output.outputs = ({"output_type": "display_data", "data": data, "metadata": metadata},)

    def __repr__(self):
        settings = ", ".join(f"{name}={value!r}" for name, value in self.values().items())
        return f"InteractiveFigure({settings})"


def interactive_figure(make_figure, columns=3, **controls):
    """Show ``make_figure(**values)`` under the given ipywidgets controls, redrawn on every change.

    Arguments:
        make_figure -- function of keyword arguments named like the controls, returning a Figure or a str
        columns -- controls per row
        controls -- name=ipywidgets control, for example depth=IntSlider(5, 1, 10)
    Returns:
        an InteractiveFigure (an ipywidgets VBox) to display
    """
    return InteractiveFigure(make_figure, controls, columns)
