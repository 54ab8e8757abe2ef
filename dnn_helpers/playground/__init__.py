"""The playground of lesson 8: watch a network train on 2-D points, look inside every unit, bring your own data.

    from dnn_helpers.playground import Playground
    Playground()

The modules, each small, the widget last (only it and frontend import ipywidgets):
    settings    Settings, per-optimiser default learning rates, the configuration as one line of text
    datasets    generated points (two classes, or three and four), a CSV file, drawn points; the split
    session     TrainingSession: the run, advanced a few steps at a time (Play, Pause, Step, Reset)
    frames      FrameRenderer: the network with a picture per unit, the large view, the costs (matplotlib)
    formulas    the forward equations with their shapes, the cost and the optimiser's update rule
    archive     save_run / load_run: parameters, configuration and own points in a .npz (no pickle)
    frontend    KeyboardGuard (slider keys in Notebook 7) and DrawingPad (clicks), through anywidget
    widget      Playground, and train_and_draw(settings) for the lesson's experiments
"""

from .archive import load_run, save_run
from .datasets import DATASETS, Points, read_points_csv
from .frames import frame_figure
from .session import TrainingSession
from .settings import DEFAULT_LEARNING_RATES, Settings
from .widget import Playground, Result, train_and_draw

__all__ = ["DATASETS", "DEFAULT_LEARNING_RATES", "Playground", "Points", "Result", "Settings", "TrainingSession",
           "frame_figure", "load_run", "read_points_csv", "save_run", "train_and_draw"]
