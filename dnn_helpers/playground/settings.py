"""The playground's settings, and the one line of text that stores them.

    settings = Settings(hidden_layers=3)
    text = settings.to_text()          # "playground:dataset=spiral; noise=0.05; ...; seed=0"
    Settings.from_text(text) == settings

Pure Python: no NumPy arrays, no widgets. The defaults sit well inside the stable region:
tests/test_playground_settings.py moves every control a few notches from them and checks that
each run still trains, in float64.
"""

import math
from dataclasses import asdict, dataclass, fields, replace

ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu")
INITIALIZATIONS = ("randn", "small", "xavier", "he")
OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")
BATCH_SIZES = {"full batch": None, "16": 16, "32": 32, "64": 64, "128": 128}

# A learning rate that trains the default network calmly with each optimiser: RMSProp and Adam divide
# each step by the gradient's size, so their steps are about learning_rate whatever the gradient, and
# need a rate some 30 times smaller than plain gradient descent.
DEFAULT_LEARNING_RATES = {"gd": 0.1, "momentum": 0.1, "rmsprop": 0.003, "adam": 0.003}

TEXT_PREFIX = "playground:"


@dataclass(frozen=True)
class Settings:
    """Everything that decides a playground run; the same settings give the same run, bit for bit.

    dataset -- a name of playground.datasets.DATASETS, or "own" (points from a CSV file or drawn)
    noise, n_samples -- how the dataset is generated (not used for "own" points)
    train_fraction -- the share of the points used for training; the rest are the test points
    hidden_layers, units -- layer_dims = [2, units, ..., units, n_out], n_out = 1 for two classes, C for C > 2
    activation, initialization -- the hidden layers' g and how W starts
    optimizer, learning_rate, iterations, batch_size -- the descent (batch_size a key of BATCH_SIZES)
    l2_strength, keep_prob -- L2 strength lambda and dropout's probability of keeping a hidden unit
    seed -- the data, the split, the initial weights, the mini-batches and the dropout masks
    """

    dataset: str = "spiral"
    noise: float = 0.05
    n_samples: int = 400
    train_fraction: float = 0.7
    hidden_layers: int = 2
    units: int = 24
    activation: str = "relu"
    initialization: str = "he"
    optimizer: str = "gd"
    learning_rate: float = DEFAULT_LEARNING_RATES["gd"]
    iterations: int = 2000
    batch_size: str = "full batch"
    l2_strength: float = 0.0
    keep_prob: float = 1.0
    seed: int = 0

    def hidden_dims(self):
        """[units] * hidden_layers: the sizes of the hidden layers."""
        return [self.units] * self.hidden_layers

    def with_optimizer(self, optimizer):
        """These settings with another optimiser and that optimiser's default learning rate."""
        return replace(self, optimizer=optimizer, learning_rate=DEFAULT_LEARNING_RATES[optimizer])

    def to_text(self):
        """One line that from_text turns back into exactly these settings (floats written to round-trip)."""
        return TEXT_PREFIX + "; ".join(f"{name}={value!r}" if isinstance(value, float) else f"{name}={value}"
                                       for name, value in asdict(self).items())

    @classmethod
    def from_text(cls, text):
        """The Settings written by to_text; raises ValueError, saying what is wrong, for any other text."""
        if not isinstance(text, str) or not text.strip().startswith(TEXT_PREFIX):
            raise ValueError(f"a playground configuration starts with {TEXT_PREFIX!r}, as Settings.to_text() "
                             f"writes it; got {str(text)[:60]!r}.")
        known = {field.name: field.type for field in fields(cls)}
        values = {}
        for item in text.strip()[len(TEXT_PREFIX):].split(";"):
            item = item.strip()
            if not item:
                continue
            name, equals, value = (part.strip() for part in item.partition("="))
            if not equals or name not in known:
                raise ValueError(f"unknown item {item!r} in the configuration; the items are "
                                 f"{', '.join(name + '=...' for name in known)}.")
            kind = known[name]
            try:
                values[name] = kind(value)
            except ValueError:
                what = {int: "a whole number", float: "a number", str: "a name"}[kind]
                raise ValueError(f"{name} must be {what}, got {value!r} in the configuration.") from None
        return cls(**values).checked()

    def checked(self):
        """These settings, after checking every value; ValueError names the first bad one and its range."""
        choices = {"activation": ACTIVATIONS, "initialization": INITIALIZATIONS, "optimizer": OPTIMIZERS,
                   "batch_size": tuple(BATCH_SIZES)}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {getattr(self, name)!r}.")
        ranges = {"noise": (0, 2), "n_samples": (20, 2000), "train_fraction": (0.1, 0.95), "hidden_layers": (0, 6),
                  "units": (1, 32), "iterations": (1, 20000), "l2_strength": (0, 10), "keep_prob": (0.05, 1),
                  "seed": (0, 2**31 - 1)}
        for name, (low, high) in ranges.items():
            value = getattr(self, name)
            if not (math.isfinite(value) and low <= value <= high):
                raise ValueError(f"{name} must lie between {low} and {high}; got {value!r}.")
        if not (math.isfinite(self.learning_rate) and 0 < self.learning_rate <= 100):
            raise ValueError("learning_rate must be a number greater than 0 (and at most 100); "
                             f"got {self.learning_rate!r}.")
        return self
