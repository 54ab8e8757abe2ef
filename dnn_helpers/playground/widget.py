"""The playground widget: controls, Play / Pause / Step / Reset / Train, the picture, and three tabs.

    from dnn_helpers.playground import Playground
    Playground()

Building it trains nothing: it shows the network at iteration 0. **Play** trains a frame of a few
steps at a time (the "steps per frame" control) and redraws after each, on a timer in the kernel's
own event loop, so that the kernel stays free between frames for Pause and for the sliders;
**Pause** stops after the current frame, **Step** trains one frame, **Reset** goes back to iteration
0, **Train** runs the rest of the run at once. Moving any control restarts the run from iteration 0
with the new settings (and keeps playing if it was): the picture always belongs to one setting, and
the same settings always give the same run.

The tabs: the formulas of the chosen network, your own points (drawn by clicking, or a CSV file), and
the configuration as one line of text plus a saved .npz of the trained parameters.
"""

import asyncio
import base64
import html
import time
from dataclasses import replace

import ipywidgets as widgets
import numpy as np

from ..widgets import figure_to_png
from .archive import load_run, run_to_bytes
from .datasets import DATASETS, MAX_CLASSES, OWN_POINTS, check_points, read_points_csv
from .formulas import formulas_html
from .frames import FrameRenderer, drawing_pad_figure, frame_figure, unit_names
from .frontend import DrawingPad, KeyboardGuard
from .session import TrainingSession
from .settings import ACTIVATIONS, BATCH_SIZES, DEFAULT_LEARNING_RATES, INITIALIZATIONS, OPTIMIZERS, Settings

STEPS_PER_FRAME = (1, 5, 10, 20, 50, 100)
FRAME_SECONDS = 1 / 30  # the shortest time between two frames while playing
PLAY_RESOLUTION, REST_RESOLUTION = 40, 100  # grid points per side of the large view
ERROR_COLOR = "#b00020"


def error_html(text):
    """``text`` as HTML in the colour of the playground's error messages."""
    return f"<b style='color: {ERROR_COLOR}'>{html.escape(text, quote=False)}</b>"


def make_controls(settings):
    """One ipywidgets control per field of Settings, showing ``settings``, by field name."""
    # one width for every control and every description, so that every slider's track has the same length
    slider = {"continuous_update": False, "style": {"description_width": "7.5em"},
              "layout": widgets.Layout(width="21.5em")}
    dropdown = {"style": {"description_width": "7.5em"}, "layout": widgets.Layout(width="21.5em")}
    return {
        "dataset": widgets.Dropdown(options=list(DATASETS) + [OWN_POINTS], value=settings.dataset,
                                    description="dataset", **dropdown),
        "noise": widgets.FloatSlider(settings.noise, min=0, max=0.5, step=0.05, description="noise", **slider),
        "train_fraction": widgets.FloatSlider(settings.train_fraction, min=0.3, max=0.9, step=0.1,
                                              description="train fraction", **slider),
        "hidden_layers": widgets.IntSlider(settings.hidden_layers, min=0, max=6, description="hidden layers",
                                           **slider),
        "units": widgets.IntSlider(settings.units, min=1, max=32, description="units per layer", **slider),
        "activation": widgets.Dropdown(options=ACTIVATIONS, value=settings.activation, description="activation",
                                       **dropdown),
        "initialization": widgets.Dropdown(options=INITIALIZATIONS, value=settings.initialization,
                                           description="initialisation", **dropdown),
        "optimizer": widgets.Dropdown(options=OPTIMIZERS, value=settings.optimizer, description="optimiser",
                                      **dropdown),
        "learning_rate": widgets.FloatLogSlider(settings.learning_rate, base=10, min=-4, max=1, step=0.25,
                                                description="learning rate", readout_format=".4g", **slider),
        "iterations": widgets.IntSlider(settings.iterations, min=100, max=5000, step=100, description="iterations",
                                        **slider),
        "batch_size": widgets.Dropdown(options=list(BATCH_SIZES), value=settings.batch_size,
                                       description="mini-batch", **dropdown),
        "l2_strength": widgets.FloatSlider(settings.l2_strength, min=0, max=2, step=0.05, description="L2",
                                           **slider),
        "keep_prob": widgets.FloatSlider(settings.keep_prob, min=0.5, max=1, step=0.05, description="keep prob.",
                                         **slider),
        "seed": widgets.IntSlider(settings.seed, min=0, max=20, description="seed", **slider),
    }


class Playground(widgets.VBox):
    """Watch a network train on 2-D points; see every unit; bring your own points; keep what you trained.

    Attributes for code and tests: controls (by Settings field), session (the TrainingSession shown),
    points (your own Points, or None), playing (True while the timer runs), frames_shown (a counter).
    """

    def __init__(self, settings=Settings(), points=None):
        self.controls = make_controls(settings)
        self.base = settings
        self.points = points
        self.playing = False
        self.frames_shown = 0
        self._quiet = False  # True while several controls are set at once: restart once, afterwards
        self._task = None
        self._renderer = None

        button = {"layout": widgets.Layout(width="8.5em")}
        self.play_button = widgets.Button(description="Play", icon="play", button_style="success", **button)
        self.step_button = widgets.Button(description="Step", icon="step-forward", **button)
        self.reset_button = widgets.Button(description="Reset", icon="undo", **button)
        self.train_button = widgets.Button(description="Train", icon="forward", button_style="primary",
                                           tooltip="train the rest of the run at once", **button)
        self.steps_per_frame = widgets.Dropdown(options=STEPS_PER_FRAME, value=20, description="steps per frame",
                                                style={"description_width": "initial"},
                                                layout=widgets.Layout(width="14em"))
        self.view = widgets.Dropdown(options=["output"], value="output", description="large view",
                                     style={"description_width": "initial"}, layout=widgets.Layout(width="17em"))
        self.readout = widgets.HTML()
        self.frame = widgets.Image(format="png")
        self.formulas = widgets.HTMLMath()

        self.drawn_X, self.drawn_classes = [], []
        self.draw_class = widgets.ToggleButtons(options=[(f"class {c}", c) for c in range(MAX_CLASSES)], value=0,
                                                description="new points:", style={"button_width": "5em"})
        self.pad = DrawingPad(self.add_drawn_point)
        self.use_drawn_button = widgets.Button(description="Train on these points", icon="check")
        self.clear_drawn_button = widgets.Button(description="Clear", icon="trash")
        self.csv_upload = widgets.FileUpload(accept=".csv", multiple=False, description="CSV file")
        self.data_message = widgets.HTML()

        self.configuration = widgets.Text(layout=widgets.Layout(width="100%"), description="configuration")
        self.apply_button = widgets.Button(description="Apply", icon="paste")
        self.file_name = widgets.Text("playground-run.npz", description="file")
        self.save_button = widgets.Button(description="Save .npz", icon="download")
        self.load_button = widgets.Button(description="Load .npz", icon="upload")
        self.share_message = widgets.HTML()

        names = list(self.controls)
        rows = [widgets.HBox([self.controls[name] for name in names[i:i + 4]]) for i in range(0, len(names), 4)]
        buttons = widgets.HBox([self.play_button, self.step_button, self.reset_button, self.train_button,
                                self.steps_per_frame, self.view])
        data_tab = widgets.VBox([
            widgets.HTML("Click the square to add points of the chosen class, or load a CSV file with the "
                         "columns <code>x1,x2,label</code> (label: 0, 1, 2, ...)."),
            self.draw_class, widgets.HBox([self.pad, widgets.VBox([self.use_drawn_button, self.clear_drawn_button,
                                                                   self.csv_upload])]),
            self.data_message])
        share_tab = widgets.VBox([
            widgets.HTML("Copy this line to keep or share the settings; paste one and press Apply to restore "
                         "them exactly (the same seed gives the same run, bit for bit)."),
            widgets.HBox([self.configuration, self.apply_button], layout=widgets.Layout(width="100%")),
            widgets.HTML("Save writes the trained parameters with this configuration (and your own points) to an "
                         ".npz file next to the notebook; Load reads one back."),
            widgets.HBox([self.file_name, self.save_button, self.load_button]), self.share_message])
        tabs = widgets.Tab([self.formulas, data_tab, share_tab])
        for index, title in enumerate(["formulas", "your data", "share and keep"]):
            tabs.set_title(index, title)
        super().__init__(rows + [buttons, self.readout, self.frame, tabs, KeyboardGuard()])
        self.add_class("dnn-playground")

        for control in self.controls.values():
            control.observe(self._control_changed, names="value")
        self.view.observe(lambda _change: self.show_frame(), names="value")
        self.play_button.on_click(lambda _button: self.toggle_play())
        self.step_button.on_click(lambda _button: self.step())
        self.reset_button.on_click(lambda _button: self.reset())
        self.train_button.on_click(lambda _button: self.train_to_end())
        self.use_drawn_button.on_click(lambda _button: self.use_drawn_points())
        self.clear_drawn_button.on_click(lambda _button: self.clear_drawn_points())
        self.csv_upload.observe(self._csv_uploaded, names="value")
        self.apply_button.on_click(lambda _button: self.apply_configuration(self.configuration.value))
        self.save_button.on_click(lambda _button: self.save(self.file_name.value))
        self.load_button.on_click(lambda _button: self.load(self.file_name.value))
        self._draw_pad()
        self.session = None
        self.restart()

    # ------------------------------------------------------------------ settings and restarts
    def settings(self):
        """The Settings that the controls show now."""
        return replace(self.base, **{name: control.value for name, control in self.controls.items()})

    def set_settings(self, settings, restart=True):
        """Show ``settings`` on the controls, and restart once with them (unless restart=False)."""
        self._quiet = True
        try:
            for name, control in self.controls.items():
                control.value = getattr(settings, name)
        finally:
            self._quiet = False
        if restart:
            self.restart()

    def _control_changed(self, change):
        if self._quiet:
            return
        if change["owner"] is self.controls["optimizer"]:
            # each optimiser starts from its own calm learning rate (Adam's steps are ~30x plain descent's)
            self._quiet = True
            self.controls["learning_rate"].value = DEFAULT_LEARNING_RATES[change["new"]]
            self._quiet = False
        self.restart()

    def restart(self):
        """A new run from iteration 0 with the current settings (playing on if it was playing)."""
        settings = self.settings()
        if settings.dataset == OWN_POINTS and self.points is None:
            self._message("No points of your own yet: draw some or load a CSV file in the tab <i>your data</i>, "
                          "then press <i>Train on these points</i>.", error=True)
            return
        try:
            session = TrainingSession(settings, self.points if settings.dataset == OWN_POINTS else None)
        except ValueError as error:
            self._message(str(error), error=True)
            return
        self._set_session(session)

    def _set_session(self, session):
        old = self.session
        self.session = session
        self._renderer = FrameRenderer(session, resolution=PLAY_RESOLUTION)
        if old is None or old.layer_dims != session.layer_dims:
            names, chosen = unit_names(session.layer_dims), self.view.value
            self.view.options = names
            self.view.value = chosen if chosen in names else "output"
        self.configuration.value = session.settings.to_text()
        self.formulas.value = formulas_html(session.settings, session.layer_dims, session.data.X_train.shape[1])
        if not self.playing:
            self.show_frame()

    # ------------------------------------------------------------------ frames
    def show_frame(self, resolution=None, note=""):
        """Draw the session as it is now into the picture, and update the readout."""
        if self.session is None:
            return
        resolution = resolution or (PLAY_RESOLUTION if self.playing else REST_RESOLUTION)
        image_format = "jpeg" if self.playing else "png"  # JPEG encodes faster; a still frame stays sharp
        image = self._renderer.image(self.session, self.view.value, resolution, image_format)
        with self.frame.hold_sync():
            self.frame.format, self.frame.value = image_format, image
        self.frames_shown += 1
        self._message(self.session.summary(), note=note)

    def _message(self, text, error=False, note=""):
        session = self.session
        where = ""
        if session is not None and not error:
            where = f"iteration {session.iteration} of {session.settings.iterations}"
            where += (" · playing" if self.playing else " · finished" if session.finished
                      else " · press Play" if session.iteration == 0 else " · paused")
        color = ERROR_COLOR if error or text.startswith("No plot") else "inherit"
        self.readout.value = (f"<b style='color: {color}'>{text}</b> <small>{where}</small>"
                              + (f"<br><small>{note}</small>" if note else ""))

    def next_frame(self):
        """Train one frame (steps_per_frame steps) and show it; returns the steps taken."""
        taken = self.session.advance(self.steps_per_frame.value)
        self.show_frame()
        return taken

    # ------------------------------------------------------------------ the buttons
    def toggle_play(self):
        """Play, or Pause if playing."""
        if self.playing:
            self.pause()
        else:
            self.play()

    def play(self):
        """Start the frames; a finished run starts again from iteration 0.

        In a kernel the frames run as a task of its event loop; without a running event loop (a plain
        script) they run one after another until the run ends.
        """
        if self.session is None or self.playing:
            return
        if self.session.finished:
            self.session.reset()
        self.playing = True
        self.play_button.description, self.play_button.icon = "Pause", "pause"
        self.play_button.button_style = "warning"
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            while self.playing:
                self._play_one()
            return
        self._task = loop.create_task(self._play())

    async def _play(self):
        while self.playing:
            started = time.perf_counter()
            self._play_one()
            # at least a millisecond, so that the kernel reads Pause and the sliders between frames
            await asyncio.sleep(max(0.001, FRAME_SECONDS - (time.perf_counter() - started)))

    def _play_one(self):
        self.next_frame()
        if self.session.finished:
            self.pause()

    def pause(self):
        """Stop after the current frame, and redraw it at full resolution."""
        if not self.playing:
            return
        self.playing = False
        self.play_button.description, self.play_button.icon = "Play", "play"
        self.play_button.button_style = "success"
        self.show_frame()

    def step(self):
        """Pause, then train and show one frame."""
        self.pause()
        if self.session is None:
            return
        if self.session.finished:
            self.show_frame(note="The run is over: Reset or Play starts it again.")
            return
        self.next_frame()

    def reset(self):
        """Pause, and go back to iteration 0: the seed gives the same initial weights again."""
        self.pause()
        if self.session is not None:
            self.session.reset()
            self.show_frame()

    def train_to_end(self):
        """Pause, then train the rest of the run at once (the whole run again if it had ended)."""
        self.pause()
        if self.session is None:
            return
        before = {key: value.copy() for key, value in self.session.params.items()} if self.session.finished else None
        if self.session.finished:
            self.session.reset()
        self.train_button.disabled = True
        self.train_button.description = "Training..."
        self._message("training ...")
        try:
            started = time.perf_counter()
            self.session.run()
            seconds = time.perf_counter() - started
        finally:
            self.train_button.disabled = False
            self.train_button.description = "Train"
        note = f"trained in {seconds:.2f} s"
        if before is not None and all(np.array_equal(before[key], self.session.params[key]) for key in before):
            note = ("Same settings, same seed: the same result again, bit for bit. Change the seed (or any "
                    "setting) for another run.")
        self.show_frame(note=note)

    # ------------------------------------------------------------------ your data
    def add_drawn_point(self, fx, fy):
        """Add a point of the chosen class where the pad was clicked (fractions fx, fy from its top left)."""
        self.drawn_X.append((-1 + 2 * fx, 1 - 2 * fy))
        self.drawn_classes.append(self.draw_class.value)
        self._draw_pad()
        counts = np.bincount(self.drawn_classes, minlength=MAX_CLASSES)
        self.data_message.value = "drawn: " + ", ".join(f"{n} of class {c}" for c, n in enumerate(counts) if n)

    def _draw_pad(self):
        X = np.array(self.drawn_X, dtype=np.float64).reshape(-1, 2).T
        self.pad.png = figure_to_png(drawing_pad_figure(X, self.drawn_classes))

    def clear_drawn_points(self):
        self.drawn_X, self.drawn_classes = [], []
        self._draw_pad()
        self.data_message.value = ""

    def use_drawn_points(self):
        """Train on the drawn points (dataset "own"); a clear message if they cannot be used."""
        X = np.array(self.drawn_X, dtype=np.float64).reshape(-1, 2).T
        try:
            points = check_points(X, np.array(self.drawn_classes, dtype=np.int64), where="the drawn points")
        except ValueError as error:
            self.data_message.value = error_html(str(error))
            return
        self.use_points(points, f"training on your {len(points)} drawn points")

    def use_points(self, points, message):
        """Make ``points`` (Points) the learner's own dataset and train on them."""
        self.points = points
        self.data_message.value = message
        if self.controls["dataset"].value == OWN_POINTS:
            self.restart()
        else:
            self.controls["dataset"].value = OWN_POINTS

    def _csv_uploaded(self, change):
        if not change["new"]:
            return
        upload = change["new"][0]
        name = upload["name"] if isinstance(upload, dict) else upload.name
        content = upload["content"] if isinstance(upload, dict) else upload.content
        self.load_csv(bytes(content), name)

    def load_csv(self, content, name="the CSV file"):
        """Train on the points of a CSV file's content (text or bytes); a clear message if it is malformed."""
        try:
            points = read_points_csv(content, name)
        except ValueError as error:
            self.data_message.value = error_html(str(error))
            return
        self.drawn_X = [tuple(point) for point in points.X.T]
        self.drawn_classes = points.classes.tolist()
        self._draw_pad()
        self.use_points(points, f"training on the {len(points)} points of {name} ({points.n_classes} classes)")

    # ------------------------------------------------------------------ share and keep
    def apply_configuration(self, text):
        """Restore the settings written in ``text`` (Settings.to_text); a message says what is wrong otherwise."""
        try:
            settings = Settings.from_text(text)
        except ValueError as error:
            self.share_message.value = error_html(str(error))
            return
        if settings.dataset == OWN_POINTS and self.points is None:
            self.share_message.value = error_html("This configuration trains on points of your own: load its "
                                                  ".npz file, or your CSV file first.")
            return
        self.pause()
        self.set_settings(settings)
        self.share_message.value = "configuration restored"

    def save(self, path):
        """Save the parameters, the configuration and own points to ``path`` (.npz, no pickle)."""
        try:
            with open(path, "wb") as file:
                file.write(run_to_bytes(self.session))
        except OSError as error:
            self.share_message.value = error_html(f"could not save: {error}")
            return
        self.share_message.value = f"saved {path}: the parameters after {self.session.iteration} iterations"

    def load(self, path):
        """Load a run saved with save: its settings on the controls, its parameters in the picture."""
        try:
            with open(path, "rb") as file:
                session = load_run(file.read())
        except (OSError, ValueError) as error:
            self.share_message.value = error_html(f"could not load {path}: {error}")
            return
        self.pause()
        if session.settings.dataset == OWN_POINTS:
            self.points = session.points
        self.set_settings(session.settings, restart=False)
        self._set_session(session)
        self.share_message.value = (f"loaded {path}: the parameters after {session.iteration} iterations "
                                    "(Reset or Play trains them again from the seed)")

    # ------------------------------------------------------------------ display
    def _repr_mimebundle_(self, **kwargs):
        # a picture beside the live view: a notebook shows it where the widget cannot be drawn (not run yet)
        bundle, metadata = super()._repr_mimebundle_(**kwargs), {}
        if self.frame.value:
            kind = f"image/{self.frame.format}"
            bundle[kind] = base64.b64encode(self.frame.value).decode("ascii")
            metadata[kind] = {"alt": (f"The playground on the {self.settings().dataset} data: the decision boundary "
                                      "over the training and test points, the cost curves, and one small picture "
                                      "per hidden unit of its output over the plane.")}
        return bundle, metadata

    def __repr__(self):
        return f"Playground({self.settings()})"


class Result:
    """What train_and_draw gives: the finished session, its picture, its accuracies and one line of text."""

    def __init__(self, session, seconds):
        self.session = session
        self.seconds = seconds
        self.message = session.summary()
        self.diverged = session.diverged is not None
        self.train_accuracy, self.test_accuracy = (None, None) if self.diverged else session.accuracies()
        self._figure = None

    @property
    def figure(self):
        """The final frame as a matplotlib Figure; None when the run diverged."""
        if self._figure is None and not self.diverged:
            self._figure = frame_figure(self.session)
        return self._figure


def train_and_draw(settings, points=None):
    """Run ``settings`` to the end, as Train does in the playground; returns a Result."""
    started = time.perf_counter()
    session = TrainingSession(settings, points).run()
    return Result(session, time.perf_counter() - started)
