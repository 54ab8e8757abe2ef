"""The playground: train a small network on 2-D data and watch its decision boundary.

    from dnn_helpers.playground import Playground
    Playground()                      # controls, a Train button, the plots and a readout

The logic is a plain function, ``train_and_draw(settings)``, which trains with the
course's own code and returns what to show; the ``Playground`` widget only wires
controls to it. Sliders retrain when released (not on every pixel of a drag), and
so does the Train button. Imports ipywidgets and matplotlib: ``import dnn_helpers``
does not load this module.
"""

import base64
import time
from dataclasses import dataclass, replace

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from .data import DATASETS, make_dataset, split_and_standardize
from .fast import FAST_ACTIVATIONS, train_fast
from .loops import minibatches_per_epoch
from .plots import costs_and_boundary_panels, network_figure
from .trainer import train as train_with_optimizer
from .training import TrainingDiverged, accuracy, dnn, predict_proba
from .widgets import figure_to_png

BATCH_SIZES = {"full batch": None, "16": 16, "32": 32, "64": 64, "128": 128}


@dataclass(frozen=True)
class Settings:
    """Everything the playground's controls set."""

    dataset: str = "spiral"
    noise: float = 0.05
    train_fraction: float = 0.7
    n_samples: int = 400
    hidden_layers: int = 2
    units: int = 16
    activation: str = "relu"
    initialization: str = "he"
    learning_rate: float = 0.3
    iterations: int = 2000
    batch_size: str = "full batch"
    optimizer: str = "gd"
    l2_strength: float = 0.0
    keep_prob: float = 1.0
    seed: int = 0

    @property
    def layer_dims(self):
        return [2] + [self.units] * self.hidden_layers + [1]


@dataclass
class Result:
    """What one training run gives the playground to show."""

    figure: Figure = None  # decision boundary and cost curve; None when training diverged
    message: str = ""  # one line: accuracies, or why there is no plot
    train_accuracy: float = None
    test_accuracy: float = None
    seconds: float = 0.0


def make_data(settings):
    """The dataset of ``settings``, standardised with the training statistics, split into train and test."""
    X, Y = make_dataset(settings.dataset, n_samples=settings.n_samples, noise=settings.noise, seed=settings.seed)
    fractions = (settings.train_fraction, 1 - settings.train_fraction)
    (X_train, Y_train), (X_test, Y_test) = split_and_standardize(X, Y, fractions=fractions, seed=settings.seed)
    return X_train, Y_train, X_test, Y_test


def train(settings, X_train, Y_train):
    """Train the network of ``settings``: (params, iterations, costs), the costs recorded at those iterations.

    Every run is in float64, so that every machine draws the same boundary (float32 sums come out
    differently with another BLAS kernel or thread count, and a few hundred steps make that visible).
    Without L2 and dropout, train_fast runs every optimiser for ReLU and leaky ReLU and dnn plain
    gradient descent for the other activations; both record the cost of the current mini-batch every
    10 iterations. Otherwise (L2, dropout, or momentum, RMSProp or Adam with tanh or sigmoid)
    trainer.train runs for as many epochs as make up the iterations (one epoch = one pass of
    mini-batches over the training points) and records the mean cost of each epoch.
    """
    shared = dict(learning_rate=settings.learning_rate, hidden_activation=settings.activation,
                  initialization=settings.initialization, seed=settings.seed,
                  batch_size=BATCH_SIZES[settings.batch_size], dtype=np.float64)
    fast = settings.activation in FAST_ACTIVATIONS
    if settings.l2_strength == 0 and settings.keep_prob == 1 and (fast or settings.optimizer == "gd"):
        loop, extra = (train_fast, {"optimizer": settings.optimizer}) if fast else (dnn, {})
        params, costs = loop(X_train, Y_train, settings.layer_dims, num_iterations=settings.iterations,
                             record_every=10, **shared, **extra)
        return params, np.arange(len(costs)) * 10, costs
    steps_per_epoch = minibatches_per_epoch(X_train.shape[1], shared["batch_size"] or X_train.shape[1])
    params, history = train_with_optimizer(
        X_train, Y_train, settings.layer_dims, optimizer=settings.optimizer,
        num_epochs=max(1, round(settings.iterations / steps_per_epoch)),
        lambd=settings.l2_strength, keep_prob=settings.keep_prob, **shared,
    )
    costs = history["cost"]
    return params, (np.arange(len(costs)) + 1) * steps_per_epoch, costs


def train_and_draw(settings):
    """Train on the data of ``settings`` and draw the result; a diverged run gives a message, not a plot."""
    start = time.perf_counter()
    X_train, Y_train, X_test, Y_test = make_data(settings)
    try:
        params, iterations, costs = train(settings, X_train, Y_train)
    except TrainingDiverged as error:
        return Result(message=f"No plot: {error}", seconds=time.perf_counter() - start)

    def probabilities(points):
        return predict_proba(points.astype(params["W1"].dtype), params, settings.activation)

    train_accuracy = accuracy(probabilities(X_train) > 0.5, Y_train)
    test_accuracy = accuracy(probabilities(X_test) > 0.5, Y_test)
    figure, cost_ax = costs_and_boundary_panels(
        probabilities, X_train, Y_train, X_test, Y_test, resolution=120,
        boundary_title=f"{settings.dataset}: train (circles) and test (triangles)")
    cost_ax.plot(iterations, costs, color="tab:blue")
    cost_ax.set(title="cost during training", ylim=(0, None))
    message = f"train accuracy {train_accuracy:.1%}, test accuracy {test_accuracy:.1%}"
    return Result(figure, message, train_accuracy, test_accuracy, time.perf_counter() - start)


def _png_output(png):
    data = {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": "<playground plot>"}
    return ({"output_type": "display_data", "data": data, "metadata": {}},)


class Playground(widgets.VBox):
    """The controls, a Train button, the readout, the plots and the network diagram."""

    def __init__(self, settings=Settings()):
        slider = {"continuous_update": False, "style": {"description_width": "initial"}}
        self.controls = {
            "dataset": widgets.Dropdown(options=list(DATASETS), value=settings.dataset, description="dataset"),
            "noise": widgets.FloatSlider(settings.noise, min=0, max=0.5, step=0.05, description="noise", **slider),
            "train_fraction": widgets.FloatSlider(settings.train_fraction, min=0.3, max=0.9, step=0.1,
                                                  description="train fraction", **slider),
            "hidden_layers": widgets.IntSlider(settings.hidden_layers, min=0, max=6, description="hidden layers",
                                               **slider),
            "units": widgets.IntSlider(settings.units, min=1, max=32, description="units per layer", **slider),
            "activation": widgets.Dropdown(options=["relu", "tanh", "sigmoid", "leaky_relu"],
                                           value=settings.activation, description="activation"),
            "initialization": widgets.Dropdown(options=["randn", "small", "xavier", "he"],
                                               value=settings.initialization, description="initialisation"),
            "learning_rate": widgets.FloatLogSlider(settings.learning_rate, base=10, min=-4, max=1, step=0.25,
                                                    description="learning rate", readout_format=".4g", **slider),
            "iterations": widgets.IntSlider(settings.iterations, min=100, max=5000, step=100,
                                            description="iterations", **slider),
            "batch_size": widgets.Dropdown(options=list(BATCH_SIZES), value=settings.batch_size,
                                           description="mini-batch"),
            "optimizer": widgets.Dropdown(options=["gd", "momentum", "rmsprop", "adam"], value=settings.optimizer,
                                          description="optimiser"),
            "l2_strength": widgets.FloatSlider(settings.l2_strength, min=0, max=2, step=0.05, description="L2",
                                               **slider),
            "keep_prob": widgets.FloatSlider(settings.keep_prob, min=0.5, max=1, step=0.05,
                                             description="keep prob.", **slider),
            "seed": widgets.IntSlider(settings.seed, min=0, max=20, description="seed", **slider),
        }
        self.base = settings
        self.train_button = widgets.Button(description="Train", button_style="primary", icon="play")
        self.readout = widgets.HTML()
        self.plot = widgets.Output()
        self.diagram = widgets.Output()
        self.result = None
        self._drawn_dims = None
        names = list(self.controls)
        rows = [widgets.HBox([self.controls[name] for name in names[i:i + 4]]) for i in range(0, len(names), 4)]
        super().__init__(rows + [widgets.HBox([self.train_button, self.readout]), self.plot, self.diagram])
        for control in self.controls.values():
            control.observe(self.retrain, names="value")
        self.train_button.on_click(self.retrain)
        self.retrain()

    def settings(self):
        """The Settings that the controls show now."""
        return replace(self.base, **{name: control.value for name, control in self.controls.items()})

    def retrain(self, _event=None):
        """Train with the current settings and show the result."""
        settings = self.settings()
        self.result = train_and_draw(settings)
        self.readout.value = f"<b>{self.result.message}</b> <small>({self.result.seconds:.2f} s)</small>"
        self.plot.outputs = _png_output(figure_to_png(self.result.figure)) if self.result.figure else ()
        if settings.layer_dims != self._drawn_dims:
            self._drawn_dims = settings.layer_dims
            hidden = [settings.activation] * settings.hidden_layers + ["sigmoid"]
            diagram = network_figure(settings.layer_dims, hidden)
            diagram.set_dpi(60)  # a small sketch under the plots
            self.diagram.outputs = _png_output(figure_to_png(diagram))

    def __repr__(self):
        return f"Playground({self.settings()})"
