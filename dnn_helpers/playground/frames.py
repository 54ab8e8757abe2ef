"""The playground's picture: the network with a small picture per unit, one large view and the costs.

    renderer = FrameRenderer(session)
    png = renderer.png(session)        # one frame, as PNG bytes
    figure = frame_figure(session)     # the same picture as a matplotlib Figure

One Figure with a fixed layout (no layout engine) is made per network shape and dataset, and reused
for every frame. Its still parts (captions, axes, ticks, the legend: most of the drawing time is text)
are rendered once; a frame restores that background and draws only the artists that change. Colours follow one scale
for every picture (the legend explains it): red for negative values or class 0, white for 0 or
P(class 1) = 0.5, blue for positive values or class 1. A hidden unit's picture is its activation a
over the plane divided by its own largest |a| there (so that its shape shows; a dead unit stays white),
and the caption of each layer gives the layer's largest |a|; an output unit's picture is 2p - 1 for
its probability p. Connections are drawn with a width proportional to |w| (relative to the layer's
largest) and the colour of its sign.
"""

import io
import math

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from PIL import Image

from ..plots import CLASS_COLORMAP
from ..plots import CLASS_COLORS as BINARY_COLORS

SCALE = colormaps[CLASS_COLORMAP]  # -1 (red) .. 0 (white) .. +1 (blue), as the lessons' decision boundaries
# classes 0 and 1 as in the lessons' pictures, then four more
CLASS_COLORS = [color[:3] for color in BINARY_COLORS] + [to_rgb(name) for name in
                                                          ("tab:green", "tab:orange", "tab:purple", "tab:brown")]
LARGE_VIEW_STRENGTH = 0.6  # how much of the colour the large view keeps under its points
COLOR_NAMES = ("red", "blue", "green", "orange", "purple", "brown")
MAX_UNITS_DRAWN = 8  # per layer; the rest are counted in the caption
WIDTH, HEIGHT = 13.0, 4.9  # inches
DPI = 72
NETWORK_BOX = (0.15, 0.35, 5.6, 4.1)  # left, bottom, width, height in inches
LARGE_BOX = (6.25, 0.55, 3.55, 3.55)
COST_BOX = (10.3, 2.05, 2.3, 2.05)
LEGEND_BOX = (10.3, 1.08, 2.3, 0.16)


def unit_names(layer_dims):
    """The names of the views a learner can choose: "output" and "layer l, unit j" for every hidden unit."""
    return ["output"] + [f"layer {l}, unit {j + 1}" for l in range(1, len(layer_dims) - 1)
                         for j in range(layer_dims[l])]


def parse_unit_name(name):
    """"layer 2, unit 5" -> (2, 4) (layer, row of A[l]); "output" -> None."""
    if name == "output":
        return None
    layer, unit = name.replace("layer", "").replace("unit", "").split(",")
    return int(layer), int(unit) - 1


def plane_grid(extent, resolution):
    """A grid over extent = (x_min, x_max, y_min, y_max): points (2, resolution**2), one per column, row by row."""
    xs = np.linspace(extent[0], extent[1], resolution)
    ys = np.linspace(extent[2], extent[3], resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    return np.stack([grid_x.ravel(), grid_y.ravel()])


def plane_extent(data):
    """The square part of the plane shown: every standardised point, and a margin of 10%."""
    points = np.concatenate([data.X_train, data.X_test], axis=1)
    centre = (points.min(axis=1) + points.max(axis=1)) / 2
    half = 0.55 * float(np.max(points.max(axis=1) - points.min(axis=1)))
    return (centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half)


def class_shading(probabilities, n_classes):
    """RGB image (k, 3) for class probabilities (C, k): white where undecided, the winner's colour where sure.

    Two classes use the scale itself (2 P(class 1) - 1); more classes the colour of the most probable class,
    as strong as its probability is above a uniform guess.
    """
    if n_classes == 2:
        return SCALE(0.5 * (1 + (2 * probabilities[1] - 1)))[:, :3]
    winner = probabilities.argmax(axis=0)
    strength = (probabilities.max(axis=0) - 1 / n_classes) / (1 - 1 / n_classes)
    colors = np.array(CLASS_COLORS)[winner]
    return 1 - strength[:, None] * (1 - colors)


def scaled_activations(outputs):
    """Every layer's outputs on the scale [-1, 1]: each hidden unit's row of A[l] divided by its own max |a|,
    the outputs as 2p - 1.

    outputs -- [A1, ..., AL] as session.layer_outputs gives, A[l] of shape (n_l, k)
    Returns the list of scaled arrays (the same shapes) and the list of each hidden layer's max |A[l]|.
    """
    scaled, peaks = [], []
    for A in outputs[:-1]:
        unit_peaks = np.max(np.abs(A), axis=1, keepdims=True)
        peaks.append(float(unit_peaks.max()) if A.size else 0.0)
        scaled.append(A / np.where(unit_peaks > 0, unit_peaks, 1.0))
    scaled.append(2 * outputs[-1] - 1)
    return scaled, peaks


class FrameRenderer:
    """A reusable Figure for the frames of sessions that share one network shape and one dataset."""

    def __init__(self, session, resolution=40, thumbnail_resolution=24, reuse_background=True):
        """session -- the TrainingSession to draw (others with the same layer_dims and data may follow)
        resolution -- grid points per side of the large view;  thumbnail_resolution -- of each unit's picture
        reuse_background -- render the still parts once (for frames); False draws everything every time
        """
        self.layer_dims = list(session.layer_dims)
        self.extent = plane_extent(session.data)
        self.resolution = resolution
        self.thumbnail_resolution = thumbnail_resolution
        self.figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
        self._thumbnail_grid = plane_grid(self.extent, thumbnail_resolution)
        self._build_network(session)
        self._build_large(session)
        self._build_costs(session)
        self._build_legend()
        # drawn anew in every frame, in this order; the two rasters (the unit pictures and the large view)
        # are copied straight into the rendered pixels between the lines and the points, which is much
        # faster than letting matplotlib resample them
        self.on_top = [*self.points, self.large_title, self.train_line, self.test_line, *self.layer_texts]
        self.canvas = FigureCanvasAgg(self.figure)
        self._background = None
        if reuse_background:
            for artist in [self.connections, self.units_image, self.large_image, *self.on_top]:
                artist.set_animated(True)
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            height = self.figure.bbox.height
            self._unit_rows_columns = [
                [(round(height - y), round(x)) for x, y in
                 (self.network_ax.transData.transform((left, bottom + self.unit_size)) for left, bottom in boxes)]
                for boxes in self.unit_boxes]
            box = self.large_ax.get_window_extent()
            self._large_rows = slice(round(height - box.y1), round(height - box.y0))
            self._large_columns = slice(round(box.x0), round(box.x1))

    # ------------------------------------------------------------------ layout, once
    def _axes(self, box, **options):
        left, bottom, width, height = box
        return self.figure.add_axes((left / WIDTH, bottom / HEIGHT, width / WIDTH, height / HEIGHT), **options)

    def _build_network(self, session):
        dims = self.layer_dims
        L = len(dims) - 1
        ax = self.network_ax = self._axes(NETWORK_BOX)
        box_width, box_height = NETWORK_BOX[2], NETWORK_BOX[3]
        ax.set_xlim(0, box_width)
        ax.set_ylim(0, box_height)
        ax.set_axis_off()
        drawn = [min(n, MAX_UNITS_DRAWN) for n in dims]
        size = min(0.46, (box_height - 0.75) / (max(drawn) * 1.18))  # inches per unit picture
        gap = (box_width - size) / max(L, 1)
        self.unit_boxes = []  # per layer 0..L: list of (x, y) lower-left corners
        for l, n in enumerate(drawn):
            x = l * gap
            top = (box_height - 0.55 + n * size * 1.18) / 2
            self.unit_boxes.append([(x, top - (j + 1) * size * 1.18 + 0.09 * size) for j in range(n)])
        self.unit_size = size
        # every unit's picture goes into one transparent RGBA image over the whole box: one image to
        # draw per frame instead of one per unit
        self._unit_pixels = max(4, round(size * DPI))
        self._pixels = (round(box_height * DPI), round(box_width * DPI) + self._unit_pixels)  # room for rounding
        self._pick = np.arange(self._unit_pixels) * self.thumbnail_resolution // self._unit_pixels
        self._corners = [[(max(0, self._pixels[0] - round((y + size) * DPI)), round(x * DPI)) for x, y in boxes]
                         for boxes in self.unit_boxes]
        self._canvas_rgba = np.zeros(self._pixels + (4,), dtype=np.uint8)
        self.units_image = ax.imshow(self._canvas_rgba, origin="upper", interpolation="nearest",
                                     extent=(0, self._pixels[1] / DPI, 0, self._pixels[0] / DPI), zorder=2)
        segments = []
        for l in range(1, L + 1):
            for x0, y0 in self.unit_boxes[l - 1]:
                for x1, y1 in self.unit_boxes[l]:
                    segments.append(((x0 + size, y0 + size / 2), (x1, y1 + size / 2)))
        self.connections = LineCollection(segments, zorder=1)
        ax.add_collection(self.connections)
        names = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "tanh": "tanh", "sigmoid": "sigmoid"}
        self.layer_texts = []
        for l, boxes in enumerate(self.unit_boxes):
            if l == 0:
                caption = "input\nx1, x2"
            elif l == L:
                caption = f"output\n{'sigmoid' if dims[l] == 1 else 'softmax'}, {dims[l]}"
            else:
                caption = f"layer {l}\n{names[session.settings.activation]}, {dims[l]}"
            if dims[l] > MAX_UNITS_DRAWN:
                caption += f" ({dims[l] - MAX_UNITS_DRAWN} not drawn)"
            ax.text(boxes[0][0] + size / 2, box_height - 0.02, caption, ha="center", va="top", fontsize=10)
            self.layer_texts.append(ax.text(boxes[0][0] + size / 2, min(y for _, y in boxes) - 0.06, "",
                                            ha="center", va="top", fontsize=9, color="0.25"))

    def _build_large(self, session):
        ax = self.large_ax = self._axes(LARGE_BOX)
        blank = np.full((self.resolution, self.resolution, 3), 255, dtype=np.uint8)
        self.large_image = ax.imshow(blank, origin="lower", extent=self.extent, interpolation="bilinear", zorder=0)
        data = session.data
        edge = dict(edgecolors="0.15", linewidths=0.6, zorder=2)
        colors = np.array(CLASS_COLORS)
        self.points = [ax.scatter(data.X_train[0], data.X_train[1], c=colors[data.classes_train], s=18, marker="o",
                                  **edge),
                       ax.scatter(data.X_test[0], data.X_test[1], c=colors[data.classes_test], s=30, marker="^",
                                  **edge)]
        ax.set_xlim(self.extent[:2])
        ax.set_ylim(self.extent[2:])
        ax.set_xticks([])
        ax.set_yticks([])
        self.large_title = ax.set_title("", fontsize=11)
        caption = "circles: training points, triangles: test points"
        if data.n_classes > 2:
            caption += "\nclasses: " + ", ".join(f"{c} {COLOR_NAMES[c]}" for c in range(data.n_classes))
        ax.text(0.0, -0.035, caption, transform=ax.transAxes,
                ha="left", va="top", fontsize=9, color="0.25")

    def _build_costs(self, session):
        ax = self.cost_ax = self._axes(COST_BOX)
        iterations = session.settings.iterations
        (self.train_line,) = ax.plot([], [], color="tab:blue", linewidth=1.2, label="training")
        (self.test_line,) = ax.plot([], [], color="tab:orange", linewidth=1.2, linestyle="--", label="test")
        ax.set_xlim(0, iterations)
        # fixed limits, so that the axes are part of the still background; a diverging run stops at 4 times
        # its first cost, and the rising part above the top is clipped
        first = next((cost for cost in session.train_costs if math.isfinite(cost)), 1.0)
        ax.set_ylim(0, 1.25 * first)
        ax.set_title("cost", fontsize=11)
        ax.set_xlabel("iteration", fontsize=9, labelpad=1)
        ax.tick_params(labelsize=8.5)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8.5, loc="upper right", framealpha=0.85)

    def _build_legend(self):
        ax = self._axes(LEGEND_BOX)
        ax.imshow(np.linspace(-1, 1, 256)[None, :], cmap=SCALE, vmin=-1, vmax=1, aspect="auto",
                  extent=(-1, 1, 0, 1))
        ax.set_yticks([])
        ax.set_xticks([-1, 0, 1])
        ax.tick_params(labelsize=8.5)
        ax.set_title("one colour scale for every picture", fontsize=9)
        ax.text(0, -2.4, "hidden unit: a / its own largest |a|\noutput unit: 2p - 1\n"
                "red: < 0, class 0;  blue: > 0, class 1\nlines: width |w|, colour the sign of w",
                transform=ax.transData, ha="center", va="top", fontsize=8.5, color="0.2")

    # ------------------------------------------------------------------ one frame
    def update(self, session, large="output", resolution=None):
        """Draw the state of ``session`` (same shape and data as at construction); returns the Figure.

        large -- "output" (the classes over the plane) or a name from unit_names, such as "layer 1, unit 3"
        resolution -- grid points per side of the large view (lower while playing, higher at rest)
        """
        resolution = resolution or self.resolution
        # every unit's picture from one forward pass over the small grid
        scaled, peaks = scaled_activations(session.layer_outputs(self._thumbnail_grid))
        inputs = self._thumbnail_grid / np.max(np.abs(self._thumbnail_grid), axis=1, keepdims=True)
        self._paint_units([inputs] + scaled)
        self._update_connections(session)
        dead = session.dead_units()
        for l, text in enumerate(self.layer_texts[1:-1], start=1):
            text.set_text(f"max |a| {peaks[l - 1]:.2g}" + (f"\n{dead[l - 1]} dead" if dead[l - 1] else ""))

        grid = plane_grid(self.extent, resolution)
        unit = parse_unit_name(large)
        if unit is None:
            shading = class_shading(session.probabilities(grid), session.data.n_classes)
            title = "output: the classes over the plane"
        else:
            layer, row = unit
            A = session.layer_outputs(grid)[layer - 1]
            peak = float(np.max(np.abs(A))) or 1.0
            shading = SCALE(0.5 * (1 + A[row] / peak))[:, :3]
            title = f"{large}: its activation over the plane"
        # lighter than the unit pictures, so that the points on top stay visible (as the lessons' boundaries)
        light = 1 - LARGE_VIEW_STRENGTH * (1 - shading)
        self.large_image.set_data(np.round(255 * light).astype(np.uint8).reshape(resolution, resolution, 3))
        self.large_title.set_text(title)

        steps = np.arange(len(session.train_costs))
        self.train_line.set_data(steps, session.train_costs)
        self.test_line.set_data(steps, session.test_costs)
        return self.figure

    def _paint_units(self, values):
        """Paint every drawn unit's picture into the RGBA image: values[l] has shape (n_l, thumbnail_resolution**2)."""
        r, n, pick = self.thumbnail_resolution, self._unit_pixels, self._pick
        self._unit_pictures = []  # per layer: (units drawn, n, n, 4) uint8
        for corners, layer_values in zip(self._corners, values):
            pictures = layer_values[:len(corners)].reshape(-1, r, r)[:, ::-1]  # row 0 at the top, as images are
            rgba = SCALE(0.5 * (1 + pictures), bytes=True)[:, pick][:, :, pick]
            rgba[:, [0, -1], :, :3] = rgba[:, :, [0, -1], :3] = 90  # a thin grey frame
            for (row, column), picture in zip(corners, rgba):
                self._canvas_rgba[row:row + n, column:column + n] = picture
            self._unit_pictures.append(rgba)
        self.units_image.set_data(self._canvas_rgba)

    def _update_connections(self, session):
        widths, colors = [], []
        L = len(self.layer_dims) - 1
        for l in range(1, L + 1):
            W = session.params[f"W{l}"][:len(self.unit_boxes[l]), :len(self.unit_boxes[l - 1])]
            peak = float(np.max(np.abs(W))) or 1.0
            shown = W.T.ravel() / peak  # segments run over the units of layer l-1, then those of layer l
            widths.append(0.2 + 2.8 * np.abs(shown))
            colors.append(SCALE(0.5 * (1 + 0.8 * np.sign(shown))))
        if widths:
            self.connections.set_linewidths(np.concatenate(widths))
            self.connections.set_colors(np.concatenate(colors))

    def _paste_large_view(self, pixels):
        """Copy the large view's image (nearest neighbour) into its axes' box of the rendered RGBA pixels."""
        image = self.large_image.get_array()  # (resolution, resolution, 3) uint8, row 0 at the bottom
        rows, columns = self._large_rows, self._large_columns
        height, width = rows.stop - rows.start, columns.stop - columns.start
        pick_rows = (np.arange(height)[::-1] * image.shape[0]) // height
        pick_columns = (np.arange(width) * image.shape[1]) // width
        pixels[rows, columns, :3] = image[pick_rows][:, pick_columns]
        pixels[rows, columns, 3] = 255

    def png(self, session, large="output", resolution=None):
        """The frame as PNG bytes; arguments as for update."""
        return self.image(session, large, resolution, "png")

    def image(self, session, large="output", resolution=None, image_format="png"):
        """The frame as the bytes of an image file: "png" (sharp, for a still frame; fast zlib compression)
        or "jpeg" (about 4 times faster to encode, for the frames of an animation, each soon replaced)."""
        self.update(session, large, resolution)
        if self._background is None:
            self.canvas.draw()
        else:
            self.canvas.restore_region(self._background)
            self.figure.draw_artist(self.connections)
            pixels = np.asarray(self.canvas.buffer_rgba())
            n = self._unit_pixels
            for corners, pictures in zip(self._unit_rows_columns, self._unit_pictures):
                for (row, column), picture in zip(corners, pictures):
                    pixels[row:row + n, column:column + n] = picture
            if image_format == "png":
                self.figure.draw_artist(self.large_image)  # a still frame: smooth, resampled by matplotlib
            else:
                self._paste_large_view(pixels)
            for artist in self.on_top:
                self.figure.draw_artist(artist)
        rgb = np.asarray(self.canvas.buffer_rgba())[..., :3]
        buffer = io.BytesIO()
        options = {"compress_level": 1} if image_format == "png" else {"quality": 90}
        Image.fromarray(rgb).save(buffer, format=image_format, **options)
        return buffer.getvalue()


def frame_figure(session, large="output", resolution=80):
    """The picture of the current state of ``session``, as a new Figure (for a notebook cell or a test)."""
    return FrameRenderer(session, resolution=resolution, reuse_background=False).update(session, large)


PAD_EXTENT = (-1.0, 1.0, -1.0, 1.0)  # the drawing pad's part of the plane


def drawing_pad_figure(points_X, classes, size_inches=3.2, dpi=DPI):
    """The drawing pad: points (2, k) coloured by their classes (k,) on the square PAD_EXTENT, axes filling
    the whole picture, so that a click at fractions (fx, fy) from the top left is the point
    (-1 + 2 fx, 1 - 2 fy)."""
    figure = Figure(figsize=(size_inches, size_inches), dpi=dpi)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(PAD_EXTENT[:2])
    ax.set_ylim(PAD_EXTENT[2:])
    ax.set_xticks(np.linspace(-1, 1, 9))
    ax.set_yticks(np.linspace(-1, 1, 9))
    ax.tick_params(length=0, labelbottom=False, labelleft=False)
    ax.grid(True, color="0.9")
    if len(classes):
        ax.scatter(points_X[0], points_X[1], c=np.array(CLASS_COLORS)[np.asarray(classes)], s=30,
                   edgecolors="0.15", linewidths=0.6)
    else:
        ax.text(0, 0, "click to add points", ha="center", va="center", color="0.5", fontsize=10)
    return figure
