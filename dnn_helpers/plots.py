"""Pictures for the lessons: cost curves, decision boundaries, digits, network diagrams.

Every ``*_figure`` function builds and returns a ``matplotlib.figure.Figure`` made directly, without
pyplot: nothing is kept in a global list of open figures, so a slider that redraws a hundred times
does not leak memory, and the tests run without a screen. In a notebook, run ``%matplotlib inline``
once so that a returned figure is shown as a picture rather than as ``<Figure ...>`` text. The same
naming holds in ``explore``; a ``draw_*`` function draws into an Axes it is given.

Data layout as everywhere in the course: ``X`` has shape (n_x, m), one example per column, and
labels ``Y`` have shape (1, m).

Alternative text: in a notebook every figure is shown with a text description of what it draws,
which a screen reader reads and nbconvert's classic HTML (nbgrader's feedback) puts in the image's
``alt`` attribute. A figure function sets it with ``set_alt_text``; any other figure gets one
written from its titles, axis labels, legend and curves (``describe_figure``). Importing this
module (or ``explore`` or ``widgets``) inside IPython is what attaches it to the output.
"""

import math
import re
import sys
import weakref

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ._validation import as_2d_array, check_binary_labels, check_count, check_layer_dims, check_probabilities

# Class 0 is drawn red and class 1 blue, in the background shading and in the points alike.
CLASS_COLORMAP = "RdBu"
# Points take the colormap's colours at 0.1 and 0.9, less dark than its ends, to stand out on the shading.
CLASS_COLORS = (colormaps[CLASS_COLORMAP](0.1), colormaps[CLASS_COLORMAP](0.9))
_EDGE_COLOR = "0.15"
_WRONG_COLOR = "tab:red"


# ---------------------------------------------------------------------------------------------
# Cost curves
# ---------------------------------------------------------------------------------------------

def costs_figure(costs, record_every=100, title=None, labels=None, log_scale=False):
    """Plot the cost recorded during training against the iteration number.

    Arguments:
        costs -- sequence of m_c costs, shape (m_c,); costs[i] was recorded at iteration
                 i * record_every. Or a dict {label: sequence of costs} to overlay several runs
                 (for example one per learning rate), each curve with its own length.
        record_every -- number of iterations between two recorded costs (the lesson uses 100)
        title -- title of the plot; None gives "Cost during training", "" gives none
        labels -- legend text: a string for a single curve, or a list of strings, one per dict
                  entry in order, to replace the dict's keys in the legend
        log_scale -- draw the cost on a logarithmic axis (every cost must then be > 0)
    Returns:
        fig -- matplotlib Figure with one Axes
    """
    record_every = check_count(record_every, "record_every")
    curves = _cost_curves(costs, labels)
    if log_scale:
        for label, values in curves:
            finite = values[np.isfinite(values)]
            if (finite <= 0).any():
                where = f" ({label})" if label else ""
                raise ValueError(
                    f"log_scale=True needs costs greater than 0, but costs{where} contains "
                    f"{finite[finite <= 0][0]!r}. Use log_scale=False."
                )

    fig = Figure(figsize=(6.4, 4.2), layout="constrained")
    ax = fig.add_subplot()
    for label, values in curves:
        iterations = np.arange(len(values)) * record_every
        marker = "o" if len(values) <= 30 else None
        (line,) = ax.plot(iterations, values, marker=marker, markersize=3.5, label=label)
        bad = np.flatnonzero(~np.isfinite(values))
        if len(bad):
            # A cost of inf or NaN ends the curve: mark where it happened (docs/source-lesson.md, defect 6).
            first = bad[0]
            ax.axvline(
                first * record_every, color=line.get_color(), linestyle=":", linewidth=1.5,
                label=f"cost became {values[first]} at iteration {first * record_every}",
            )
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if log_scale:
        ax.set_yscale("log")
        # Plain numbers (0.3, 0.2) read more easily than 3x10^-1 on the ticks.
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        ax.yaxis.set_minor_formatter(FuncFormatter(lambda value, _: _minor_log_label(ax, value)))
    ax.grid(True, alpha=0.3)
    ax.set_title("Cost during training" if title is None else title)
    if any(artist.get_label() and not artist.get_label().startswith("_") for artist in ax.lines):
        ax.legend()
    return fig


def _minor_log_label(ax, value):
    """Label a minor tick of a log axis with a plain number, fewer of them the more decades are shown."""
    low, high = ax.get_ylim()
    if value <= 0 or low <= 0 or high <= low:
        return ""
    decades = math.log10(high / low)
    mantissa = round(value / 10 ** math.floor(math.log10(value)), 6)
    shown = (2, 3, 5) if decades < 1.2 else (2, 5) if decades < 2.5 else ()
    return f"{value:g}" if mantissa in shown else ""


def _cost_curves(costs, labels):
    """Return [(label or None, 1-D float array)] from a sequence of costs or a dict of them."""
    if isinstance(costs, dict):
        if not costs:
            raise ValueError("costs is an empty dict: give at least one {label: list of costs} entry.")
        names = [str(key) for key in costs]
        if labels is not None:
            if isinstance(labels, str) or len(labels) != len(costs):
                raise ValueError(
                    f"labels must be a list of {len(costs)} strings, one per entry of the costs dict, "
                    f"got {labels!r}."
                )
            names = [str(label) for label in labels]
        return [(name, _cost_values(values, f"costs[{key!r}]")) for name, (key, values) in zip(names, costs.items())]
    if labels is not None and not isinstance(labels, str):
        raise TypeError(
            f"for a single cost curve labels must be a string (the legend text), got {labels!r}. "
            "To compare several runs pass a dict {label: costs}."
        )
    return [(labels, _cost_values(costs, "costs"))]


def _cost_values(values, name):
    """Return one curve of costs as a 1-D float64 array, accepting costs stored as (1, 1) arrays."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a list of numbers (one cost per record), got {values!r:.80}.") from None
    if array.size == 0:
        raise ValueError(
            f"{name} is empty: there is nothing to plot. Append the cost to the list every "
            "record_every iterations during training."
        )
    if array.ndim == 0:
        raise ValueError(f"{name} must be a list of costs, got the single number {array.item()!r}.")
    if array.size == len(array):
        # Costs appended as (1, 1) arrays or 0-d arrays still form one curve.
        array = array.reshape(-1)
    if array.ndim != 1:
        raise ValueError(
            f"{name} must be a flat list of costs, got an array of shape {array.shape}. "
            "To plot several runs, pass a dict {label: costs}."
        )
    return array


# ---------------------------------------------------------------------------------------------
# Decision boundary
# ---------------------------------------------------------------------------------------------

def decision_boundary_figure(predict, X, Y, X_test=None, Y_test=None, resolution=200, title=None, ax=None):
    """Shade the plane by a classifier's predicted probability and draw the points on top.

    Arguments:
        predict -- callable mapping points of shape (2, k) to probabilities of class 1 (or 0/1
                   labels) of shape (1, k); it is called once, on the whole grid
        X -- training points, shape (2, m), one point per column
        Y -- training labels 0/1, shape (1, m)
        X_test -- optional test points, shape (2, m_test), drawn as triangles
        Y_test -- labels of the test points, shape (1, m_test)
        resolution -- number of grid points along each axis (resolution * resolution in all)
        title -- title of the plot; None gives "Decision boundary", "" gives none
        ax -- optional matplotlib Axes to draw into (for a figure with several panels); the
              caller clears it before a redraw. Without ax a new figure with a colour bar is made.
    Returns:
        fig -- the matplotlib Figure holding the plot
    """
    if not callable(predict):
        raise TypeError(f"predict must be a function mapping an array (2, k) to (1, k), got {predict!r:.80}.")
    X = _check_columns(X, 2, "X", "decision_boundary_figure (two features, the x and y of the plane)")
    Y = check_binary_labels(Y, m=X.shape[1], name="Y")
    if (X_test is None) != (Y_test is None):
        raise ValueError("give both X_test and Y_test, or neither.")
    if X_test is not None:
        X_test = _check_columns(X_test, 2, "X_test", "decision_boundary_figure (two features, the x and y of the plane)")
        Y_test = check_binary_labels(Y_test, m=X_test.shape[1], name="Y_test")
    resolution = check_count(resolution, "resolution", minimum=2)
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {ax!r:.80}.")

    points = X if X_test is None else np.concatenate([X, X_test], axis=1)
    low, high = points.min(axis=1), points.max(axis=1)
    # The same margin on both axes (10% of the wider span) keeps the equal-aspect plot balanced.
    span = float(np.max(high - low))
    margin = 0.1 * span if span > 0 else 0.5
    low, high = low - margin, high + margin
    xs = np.linspace(low[0], high[0], resolution, dtype=X.dtype)
    ys = np.linspace(low[1], high[1], resolution, dtype=X.dtype)
    grid_x, grid_y = np.meshgrid(xs, ys)
    grid = np.stack([grid_x.ravel(), grid_y.ravel()])  # (2, resolution**2), one point per column
    probabilities = _call_predict(predict, grid).reshape(resolution, resolution)

    if ax is None:
        fig, ax = _boundary_figure(high[0] - low[0], high[1] - low[1])
        new_figure = True
    else:
        fig = _root_figure(ax)
        new_figure = False
    # Pixel centres sit on the grid points, so the image reaches half a step beyond them.
    step_x, step_y = xs[1] - xs[0], ys[1] - ys[0]
    extent = (xs[0] - step_x / 2, xs[-1] + step_x / 2, ys[0] - step_y / 2, ys[-1] + step_y / 2)
    image = ax.imshow(
        probabilities, origin="lower", extent=extent, cmap=CLASS_COLORMAP, vmin=0.0, vmax=1.0,
        alpha=0.55, interpolation="nearest", aspect="equal", zorder=0,
    )
    if probabilities.min() < 0.5 < probabilities.max():
        ax.contour(xs, ys, probabilities, levels=[0.5], colors="k", linewidths=1.2, zorder=1)

    point_style = dict(edgecolors=_EDGE_COLOR, linewidths=0.8, zorder=2)
    ax.scatter(X[0], X[1], c=_class_colors(Y[0]), s=28, marker="o", **point_style)
    handles = [_legend_marker("o", 0, "class 0"), _legend_marker("o", 1, "class 1")]
    if X_test is not None:
        ax.scatter(X_test[0], X_test[1], c=_class_colors(Y_test[0]), s=46, marker="^", **point_style)
        handles += [_legend_marker("^", 0, "test, class 0"), _legend_marker("^", 1, "test, class 1")]
    handles.append(Line2D([], [], color="k", linewidth=1.2, label="P(y=1) = 0.5"))

    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Decision boundary" if title is None else title)
    ax.legend(handles=handles, loc="best", fontsize="small", framealpha=0.85)
    if new_figure:
        # Only on a figure of our own: a colour bar added to the caller's axes at every redraw would pile up.
        # As an inset it follows the axes once the equal aspect has resized them.
        colorbar = fig.colorbar(image, cax=ax.inset_axes((1.04, 0.0, 0.045, 1.0)))
        colorbar.set_label("predicted probability of class 1")
        set_alt_text(fig, _boundary_alt_text(ax.get_title(), probabilities, Y, Y_test))
    return fig


def _boundary_alt_text(title, probabilities, Y, Y_test):
    """What a decision boundary picture shows, in words."""
    shading = (f"the plane (x1, x2) shaded by the predicted probability of class 1, from red (0) to blue (1), "
               f"which ranges from {_number(probabilities.min())} to {_number(probabilities.max())}")
    line = (", with the boundary P(y=1) = 0.5 as a black line" if probabilities.min() < 0.5 < probabilities.max()
            else ", with no boundary: the whole plane gets the same class")
    points = f"; {Y.shape[1]} training points as circles coloured by class ({int(Y.sum())} of class 1)"
    if Y_test is not None:
        points += f"; {Y_test.shape[1]} test points as triangles ({int(Y_test.sum())} of class 1)"
    return (f"'{_plain(title)}': " if title else "") + shading + line + points + "."


def move_legend_outside(ax):
    """Move the legend of a decision-boundary panel to the right of the plot, where it hides no points."""
    handles = ax.get_legend().legend_handles
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small", borderaxespad=0.0)


def costs_and_boundary_panels(predict, X, Y, X_test=None, Y_test=None, boundary_title=None, resolution=60):
    """The picture of a training run: the decision boundary on the right, an empty panel on the left for its costs.

    Arguments as decision_boundary_figure (X (2, m), Y (1, m), optional X_test and Y_test), the boundary's
    legend moved outside the data. The layout is fixed by hand: a layout engine would slow every redraw.
    Returns:
        fig -- the Figure;  cost_ax -- its left Axes, for the caller to draw the cost curves into
    """
    fig = Figure(figsize=(10, 4.2))
    cost_ax = fig.add_axes((0.07, 0.12, 0.40, 0.77))
    boundary_ax = fig.add_axes((0.53, 0.12, 0.33, 0.77))
    decision_boundary_figure(predict, X, Y, X_test, Y_test, resolution=resolution, title=boundary_title, ax=boundary_ax)
    move_legend_outside(boundary_ax)
    cost_ax.set_xlabel("iteration")
    cost_ax.set_ylabel("cost")
    cost_ax.grid(True, alpha=0.3)
    return fig, cost_ax


def _boundary_figure(span_x, span_y):
    """Return a new (fig, ax) whose axes have about the data's aspect ratio, laid out by hand.

    A fixed layout instead of a layout engine cuts the drawing time by about a third, which matters for sliders.
    """
    height = 4.2
    width = min(max(height * span_x / span_y, 3.0), 8.0)
    left, right, bottom, top = 0.75, 1.25, 0.6, 0.45  # inches around the axes: labels, colour bar, title
    fig = Figure(figsize=(left + width + right, bottom + height + top))
    fig_width, fig_height = fig.get_size_inches()
    ax = fig.add_axes((left / fig_width, bottom / fig_height, width / fig_width, height / fig_height))
    return fig, ax


def _class_colors(labels):
    """Return one RGBA colour per 0/1 label, shape (m, 4): class 0 red, class 1 blue."""
    return np.array(CLASS_COLORS)[labels.astype(np.int64)]


def _call_predict(predict, grid):
    """Call predict once on the grid (2, k) and return its probabilities as a (1, k) array."""
    k = grid.shape[1]
    output = predict(grid)
    if isinstance(output, tuple):
        raise TypeError(
            f"predict returned a tuple of {len(output)} items; it must return only the probabilities "
            "of shape (1, k). If it wraps forward_propagation, keep AL: "
            "lambda X: forward_propagation(X, params)[0]."
        )
    output = np.asarray(output)
    if output.dtype.kind == "b":
        output = output.astype(np.float64)
    if output.shape != (1, k):
        hint = ""
        if output.shape in ((k,), (k, 1)):
            hint = " It looks like a flat or transposed row: return it with .reshape(1, -1)."
        raise ValueError(
            f"predict must map points of shape (2, k) to probabilities of shape (1, k); for a grid of "
            f"k = {k} points it returned shape {output.shape}.{hint}"
        )
    return check_probabilities(output, name="predict(grid)")


def _legend_marker(marker, label_value, label):
    """Return a legend entry for points of class ``label_value`` drawn with ``marker``."""
    return Line2D(
        [], [], linestyle="none", marker=marker, markersize=7, markerfacecolor=CLASS_COLORS[label_value],
        markeredgecolor=_EDGE_COLOR, label=label,
    )


def _root_figure(ax):
    """Return the top-level Figure of ``ax`` (not a SubFigure)."""
    try:
        return ax.get_figure(root=True)
    except TypeError:  # matplotlib < 3.10 has no root argument
        figure = ax.figure
        while getattr(figure, "figure", figure) is not figure:
            figure = figure.figure
        return figure


def _check_columns(X, n_rows, name, what):
    """Check that ``X`` holds one example per column, shape (n_rows, m) with m >= 1."""
    array = np.asarray(X)
    if array.ndim == 1:
        if array.shape[0] == n_rows:
            hint = f"For a single example use {name}.reshape(-1, 1)."
        else:
            hint = f"Arrange the examples as columns, {name}.reshape({n_rows}, -1) if it was flattened."
        raise ValueError(f"{what} needs {name} of shape ({n_rows}, m), got a 1-D array of shape {array.shape}. {hint}")
    array = as_2d_array(array, name)
    if array.shape[0] != n_rows:
        if array.shape[1] == n_rows:
            raise ValueError(
                f"{name} has shape {array.shape}, but examples must be columns: {what} expects "
                f"({n_rows}, m). It looks transposed: pass {name}.T."
            )
        raise ValueError(f"{what} needs {name} of shape ({n_rows}, m), one example per column; got {array.shape}.")
    if array.shape[1] == 0:
        raise ValueError(f"{name} has no examples (shape {array.shape}): there is nothing to plot.")
    return array


# ---------------------------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------------------------

def images_figure(X, labels, predictions=None, n_columns=10, image_shape=(28, 28), max_images=50, class_names=None):
    """Show images in a grid, each with its label (and prediction, wrong ones in red) underneath.

    Arguments:
        X -- images, shape (h * w, m), one flattened image per column (MNIST: (784, m))
        labels -- true classes: integers of shape (1, m), or one-hot of shape (C, m)
        predictions -- optional predicted classes: integers of shape (1, m), one-hot or
                       probabilities of shape (C, m) (the largest wins), or probabilities of
                       class 1 of shape (1, m) for a binary task (threshold 0.5)
        n_columns -- number of images per row
        image_shape -- (h, w), the shape each column is reshaped to
        max_images -- show only the first max_images examples
        class_names -- optional names of the classes, a list indexed by class or a dict
    Returns:
        fig -- matplotlib Figure with one Axes per image shown (ticks off); the text under an
               image is that Axes' x label
    """
    n_columns = check_count(n_columns, "n_columns")
    max_images = check_count(max_images, "max_images")
    image_shape = _check_image_shape(image_shape)
    n_pixels = image_shape[0] * image_shape[1]
    X = _check_columns(X, n_pixels, "X", f"images_figure with image_shape={image_shape}")
    m = X.shape[1]
    true_classes = _as_classes(labels, m, "labels", allow_probabilities=False)
    predicted = None if predictions is None else _as_classes(predictions, m, "predictions", allow_probabilities=True)

    shown = min(m, max_images)
    n_columns = min(n_columns, shown)
    n_rows = math.ceil(shown / n_columns)
    texts = []
    for j in range(shown):
        if predicted is None:
            texts.append(f"label {_class_name(true_classes[j], class_names)}")
        else:
            texts.append(
                f"true {_class_name(true_classes[j], class_names)} / pred {_class_name(predicted[j], class_names)}"
            )
    # Laid out by hand in inches: 1-inch images, columns wide enough that the longest caption
    # (DejaVu Sans at 8 pt, about 0.065 inch per character) does not run into its neighbour's.
    image_width = 1.0
    image_height = image_width * image_shape[0] / image_shape[1]
    column_width = max(image_width, 0.065 * max(len(text) for text in texts)) + 0.12
    row_height = image_height + 0.3  # room for the caption
    fig_width, fig_height = column_width * n_columns, row_height * n_rows + 0.05
    fig = Figure(figsize=(fig_width, fig_height))
    images = X[:, :shown]
    low, high = float(images.min()), float(images.max())
    if high == low:
        high = low + 1.0
    for j in range(shown):
        row, column = divmod(j, n_columns)
        left = column * column_width + (column_width - image_width) / 2
        bottom = fig_height - 0.05 - row * row_height - image_height
        ax = fig.add_axes((left / fig_width, bottom / fig_height, image_width / fig_width, image_height / fig_height))
        ax.imshow(images[:, j].reshape(image_shape), cmap="gray_r", vmin=low, vmax=high, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        wrong = predicted is not None and predicted[j] != true_classes[j]
        ax.set_xlabel(texts[j], fontsize=8, color=_WRONG_COLOR if wrong else "black", labelpad=2)
        for spine in ax.spines.values():
            spine.set_color(_WRONG_COLOR if wrong else "0.7")
            spine.set_linewidth(2.0 if wrong else 0.8)
    wrong_count = 0 if predicted is None else int(np.sum(predicted[:shown] != true_classes[:shown]))
    listed = "; ".join(texts[:20]) + ("; ..." if shown > 20 else "")
    return set_alt_text(fig, f"{shown} images of {image_shape[0]} by {image_shape[1]} pixels in {n_rows} "
                             f"row{'s' if n_rows > 1 else ''}, captioned in order: {listed}."
                        + (f" {wrong_count} of them wrongly predicted, framed in red." if predicted is not None
                           else ""))


def _check_image_shape(image_shape):
    """Check that image_shape is (h, w) with two positive integers."""
    try:
        shape = tuple(image_shape)
    except TypeError:
        raise TypeError(f"image_shape must be a pair (h, w) such as (28, 28), got {image_shape!r}.") from None
    if len(shape) != 2:
        raise ValueError(f"image_shape must be a pair (h, w) such as (28, 28), got {image_shape!r}.")
    return tuple(check_count(size, "image_shape entries") for size in shape)


def _as_classes(values, m, name, allow_probabilities):
    """Return m integer classes from a (1, m) row of classes, a (C, m) one-hot/probability array, or (m,)."""
    array = np.asarray(values)
    if array.ndim == 1:
        array = array.reshape(1, -1)  # a flat list of m classes is unambiguous
    if array.ndim == 2 and array.shape[1] == 1 and array.shape[0] == m and m > 1:
        raise ValueError(f"{name} has shape {array.shape}, but there must be one column per image, (1, {m}): pass {name}.T.")
    array = as_2d_array(array, name)
    if array.shape[1] != m:
        raise ValueError(f"{name} has {array.shape[1]} columns but X has {m} images; expected shape (1, {m}) or (C, {m}).")
    if array.shape[0] > 1:
        if not allow_probabilities and not (np.isin(array, (0.0, 1.0)).all() and (array.sum(axis=0) == 1).all()):
            raise ValueError(
                f"{name} of shape {array.shape} must be one-hot (a single 1 per column), or a row (1, {m}) of classes."
            )
        return array.argmax(axis=0)
    row = array[0]
    if np.all(row == np.round(row)):
        if (row < 0).any():
            raise ValueError(f"{name} must hold class numbers 0, 1, 2, ...; found {row.min():g}.")
        return row.astype(np.int64)
    if allow_probabilities and ((row >= 0) & (row <= 1)).all():
        return (row > 0.5).astype(np.int64)  # probabilities of class 1 from a sigmoid output
    raise ValueError(
        f"{name} must hold whole class numbers 0, 1, 2, ...; found {row[row != np.round(row)][0]!r}."
        + (" Probabilities of class 1 must lie in [0, 1]." if allow_probabilities else "")
    )


def _class_name(index, class_names):
    """Return the display name of class ``index``."""
    if class_names is None:
        return str(index)
    try:
        return str(class_names[index])
    except (KeyError, IndexError):
        raise ValueError(f"class_names has no entry for class {index}.") from None


# ---------------------------------------------------------------------------------------------
# Network diagram
# ---------------------------------------------------------------------------------------------

_ACTIVATION_NAMES = {"relu": "ReLU", "sigmoid": "sigmoid", "tanh": "tanh", "softmax": "softmax",
                     "linear": "linear", "identity": "linear", "leaky_relu": "leaky ReLU"}


def network_figure(layer_dims, activations=None, max_units_drawn=10):
    """Draw a fully connected network: one circle per unit, lines between consecutive layers.

    Arguments:
        layer_dims -- [n_x, n_1, ..., n_L], the number of units in each layer
        activations -- optional list of L activations, one per layer 1..L, as names such as
                       ["relu", "relu", "sigmoid"] or as the functions themselves; None means
                       ReLU hidden layers and a sigmoid output
        max_units_drawn -- a wider layer shows this many circles around a "⋮" and its true size
    Returns:
        fig -- matplotlib Figure with one Axes (axis hidden); each unit is a Circle patch
    """
    dims = check_layer_dims(layer_dims)
    L = len(dims) - 1
    max_units_drawn = check_count(max_units_drawn, "max_units_drawn", minimum=2)
    if activations is None:
        activations = ["relu"] * (L - 1) + ["sigmoid"]
    if isinstance(activations, str) or len(activations) != L:
        raise ValueError(
            f"activations must list {L} names, one per layer 1..{L} (the input has none), "
            f"such as {['relu'] * (L - 1) + ['sigmoid']}; got {activations!r}."
        )
    names = [getattr(name, "__name__", str(name)) for name in activations]  # a name or the function itself
    names = [_ACTIVATION_NAMES.get(name.lower(), name) for name in names]

    centres = [_unit_positions(n, max_units_drawn) for n in dims]
    captions = []
    for l, n in enumerate(dims):
        caption = "input" if l == 0 else (f"output ({names[l - 1]})" if l == L else f"hidden {l} ({names[l - 1]})")
        captions.append(f"{caption}\n{n} unit{'s' if n != 1 else ''}")

    # Units are 1 apart and layers 4 apart in data units; the text keeps its size in points, so the
    # margins that hold it are set in inches and converted with the scale.
    layer_gap, radius = 4.0, 0.32
    scale = min(0.5, 13.0 / (L * layer_gap))  # inches per data unit: at most 13 inches of layers
    caption_size = 10 if layer_gap * scale >= 1.6 else 8.5
    widest_caption = max(len(line) for caption in captions for line in caption.split("\n"))
    side = max(0.6, 0.5 * widest_caption * 0.6 * caption_size / 72 + 0.1)  # inches; ~0.6 em per character
    top_margin, bottom_margin = 0.55, 0.55
    y_top = max(max(ys) for ys in centres) + radius
    y_bottom = min(min(ys) for ys in centres) - radius
    width = L * layer_gap * scale + 2 * side
    height = (y_top - y_bottom) * scale + top_margin + bottom_margin
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-side / scale, L * layer_gap + side / scale)
    ax.set_ylim(y_bottom - bottom_margin / scale, y_top + top_margin / scale)
    ax.set_aspect("equal")
    ax.set_axis_off()

    gap = 0.08 / scale  # between the circles and the text
    for l in range(1, L + 1):
        ends = [((l - 1) * layer_gap, y0, l * layer_gap, y1) for y0 in centres[l - 1] for y1 in centres[l]]
        segments = np.array(ends).reshape(-1, 2, 2)
        ax.add_collection(LineCollection(segments, colors="0.55", linewidths=0.6, alpha=0.6, zorder=1))
        ax.text(
            (l - 0.5) * layer_gap, y_top + gap, f"W{l}: ({dims[l]}, {dims[l - 1]})\nb{l}: ({dims[l]}, 1)",
            ha="center", va="bottom", fontsize=caption_size - 1, family="DejaVu Sans Mono",
        )
    for l, (n, ys) in enumerate(zip(dims, centres)):
        x = l * layer_gap
        color = "0.85" if l == 0 else ("#f6c48f" if l == L else "#9ecae1")
        for y in ys:
            ax.add_patch(Circle((x, y), radius, facecolor=color, edgecolor="0.2", linewidth=1.0, zorder=2))
        if n > max_units_drawn:
            ax.text(x, 0.0, "⋮", ha="center", va="center", fontsize=16 * min(1.0, scale / 0.4), zorder=3)
        ax.text(x, y_bottom - gap, captions[l], ha="center", va="top", fontsize=caption_size)
    layers = ", ".join(caption.replace("\n", " of ") for caption in captions)
    return set_alt_text(fig, f"Diagram of a fully connected network, left to right: {layers}. Every unit is "
                             f"joined to every unit of the next layer; above each link, the shapes of W and b.")


def _unit_positions(n_units, max_units_drawn):
    """Return the y of each circle drawn for a layer, centred on 0, leaving y = 0 free for "⋮" when capped."""
    if n_units <= max_units_drawn:
        return list(np.arange(n_units) - (n_units - 1) / 2)
    above = math.ceil(max_units_drawn / 2)
    below = max_units_drawn - above
    return [float(i) for i in range(above, 0, -1)] + [-float(i) for i in range(1, below + 1)]


# ---------------------------------------------------------------------------------------------
# Alternative text
# ---------------------------------------------------------------------------------------------

_ALT_TEXTS = weakref.WeakKeyDictionary()  # figure -> the description its figure function gave
_MOST_CURVES_DESCRIBED = 6


def set_alt_text(fig, text):
    """Give ``fig`` the description shown in place of the picture (a screen reader's text); returns fig."""
    _ALT_TEXTS[fig] = " ".join(str(text).split())
    return fig


def alt_text(fig):
    """The description of ``fig``: the one set with ``set_alt_text``, or one written from its contents."""
    return _ALT_TEXTS.get(fig) or describe_figure(fig)


def _plain(text):
    """Text without TeX markup: "$x_1$" -> "x1", "$\\varepsilon$" -> "epsilon"; "keep_prob" stays as it is."""

    def plain_math(found):
        math = re.sub(r"\\([A-Za-z]+)", lambda name: name.group(1).replace("var", ""), found.group(1))
        return math.replace("_", "").replace("^", "").replace("{", "").replace("}", "")

    return " ".join(re.sub(r"\$([^$]*)\$", plain_math, text or "").split())


def _number(value):
    return f"{value:.3g}"


def _describe_curve(line, labelled, xlabel):
    """A curve in words: its name, first and last values, and a peak or a dip between them."""
    try:
        xs = np.asarray(line.get_xdata(), dtype=float)
        ys = np.asarray(line.get_ydata(), dtype=float)
    except (TypeError, ValueError):  # dates or categories on an axis
        return _plain(line.get_label()) if labelled else "a curve"
    name = _plain(line.get_label()) if labelled else "a curve"
    finite = np.isfinite(ys) & np.isfinite(xs)
    if not finite.any():
        return name
    xs, ys = xs[finite], ys[finite]
    text = f"{name} from {_number(ys[0])} to {_number(ys[-1])}"
    spread = ys.max() - ys.min()
    at = xlabel or "x"
    if spread > 0 and ys.max() - max(ys[0], ys[-1]) > 0.1 * spread:
        text += f", highest {_number(ys.max())} at {at} = {_number(xs[np.argmax(ys)])}"
    elif spread > 0 and min(ys[0], ys[-1]) - ys.min() > 0.1 * spread:
        text += f", lowest {_number(ys.min())} at {at} = {_number(xs[np.argmin(ys)])}"
    return text


def _describe_bars(ax, container):
    """Bars in words: each bar's category (its tick label) and value."""
    horizontal = container.orientation == "horizontal"
    axis = ax.yaxis if horizontal else ax.xaxis
    names = {round(float(tick), 6): _plain(label.get_text()) for tick, label in zip(axis.get_ticklocs(),
                                                                                     axis.get_ticklabels())}
    described = []
    for patch, value in zip(container.patches, container.datavalues):
        centre = patch.get_y() + patch.get_height() / 2 if horizontal else patch.get_x() + patch.get_width() / 2
        name = names.get(round(float(centre), 6), "")
        described.append(f"{name} {_number(value)}" if name else _number(value))
    return f"{len(described)} bars: " + ", ".join(described)


def _describe_axes(ax):
    """One sentence on what an Axes shows: its title, axes, curves with their first and last values, images."""
    pieces = []
    title = " ".join(_plain(ax.get_title(loc)) for loc in ("left", "center", "right") if ax.get_title(loc))
    xlabel, ylabel = _plain(ax.get_xlabel()), _plain(ax.get_ylabel())
    if xlabel or ylabel:
        pieces.append(f"{ylabel or 'values'} against {xlabel or 'position'}"
                      + (" (logarithmic)" if ax.get_yscale() == "log" else ""))
    lines = [line for line in ax.get_lines() if line.get_visible() and len(line.get_xdata()) > 1]
    labelled = [line for line in lines if line.get_label() and not line.get_label().startswith("_")]
    curves = [_describe_curve(line, line in labelled, xlabel) for line in (labelled or lines)[:_MOST_CURVES_DESCRIBED]]
    if curves:
        more = len(labelled or lines) - len(curves)
        pieces.append("; ".join(curves) + (f"; and {more} more curves" if more > 0 else ""))
    if ax.get_images():
        pieces.append("an image" if len(ax.get_images()) == 1 else f"{len(ax.get_images())} images")
    points = sum(len(collection.get_offsets()) for collection in ax.collections if hasattr(collection, "get_offsets")
                 and collection.__class__.__name__ == "PathCollection")
    if points:
        pieces.append(f"{points} points")
    for container in ax.containers:
        if container.__class__.__name__ == "BarContainer":
            pieces.append(_describe_bars(ax, container))
    if not pieces and not title:
        return ""
    return (f"'{title}': " if title else "") + ", ".join(pieces)


def describe_figure(fig):
    """A description of any figure, written from its titles, axis labels, legends, curves and images."""
    try:
        axes = [ax for ax in fig.axes if ax.get_visible() and not hasattr(ax, "_colorbar")]
        described = [text for text in (_describe_axes(ax) for ax in axes) if text]
        suptitle = _plain(fig._suptitle.get_text()) if getattr(fig, "_suptitle", None) else ""
        head = f"Figure '{suptitle}'" if suptitle else "Figure"
        if not described:
            return f"{head} with {len(axes)} panel{'s' if len(axes) != 1 else ''}."
        if len(described) == 1:
            return f"{head}: {described[0]}."
        panels = "; ".join(f"panel {number}, {text}" for number, text in enumerate(described, start=1))
        return f"{head} in {len(described)} panels: {panels}."
    except Exception:  # a description must never stop a figure from showing
        return "Figure."


def _alt_text_metadata(fig):
    """IPython mime-bundle hook: no data of its own, the alt text as the PNG's metadata."""
    return {}, {"image/png": {"alt": alt_text(fig)}}


def show_alt_text_in_notebooks():
    """In IPython, attach every figure's alt text to its PNG output (idempotent); False outside IPython."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    shell.display_formatter.mimebundle_formatter.for_type(Figure, _alt_text_metadata)
    return True


show_alt_text_in_notebooks()
