"""The playground's settings: the configuration line round-trips exactly, and the defaults are calm.

The stability sweep moves every control a few notches from the defaults, one at a time, as a learner's
first moves would, and checks that every run still trains to the end without diverging (in float64,
so the result is the same on every machine).
"""

from dataclasses import replace

import numpy as np
import pytest

from dnn_helpers.playground import DEFAULT_LEARNING_RATES, Settings, TrainingSession
from dnn_helpers.playground.datasets import DATASETS
from dnn_helpers.playground.settings import ACTIVATIONS, BATCH_SIZES, INITIALIZATIONS, OPTIMIZERS

BASE = Settings()


def neighbours():
    """(name, settings): each control moved a few notches (the slider steps of the widget) from the defaults."""
    moves = []
    moves += [("noise", replace(BASE, noise=round(BASE.noise + d, 2))) for d in (0.05, 0.1, 0.15)]
    moves += [("train_fraction", replace(BASE, train_fraction=round(BASE.train_fraction + d, 1)))
              for d in (-0.2, -0.1, 0.1, 0.2)]
    moves += [("hidden_layers", replace(BASE, hidden_layers=n)) for n in range(0, 6) if n != BASE.hidden_layers]
    moves += [("units", replace(BASE, units=n)) for n in (BASE.units - 3, BASE.units + 3, 8, 32)]
    moves += [("learning_rate", replace(BASE, learning_rate=BASE.learning_rate * 10 ** (0.25 * k)))
              for k in (-2, -1, 1, 2)]
    moves += [("iterations", replace(BASE, iterations=n)) for n in (BASE.iterations + 300, 2 * BASE.iterations)]
    moves += [("batch_size", replace(BASE, batch_size=size)) for size in BATCH_SIZES if size != BASE.batch_size]
    moves += [("optimizer", BASE.with_optimizer(name)) for name in OPTIMIZERS if name != BASE.optimizer]
    moves += [("activation", replace(BASE, activation=name)) for name in ACTIVATIONS if name != BASE.activation]
    moves += [("initialization", replace(BASE, initialization=name))
              for name in INITIALIZATIONS if name != BASE.initialization]
    moves += [("l2_strength", replace(BASE, l2_strength=value)) for value in (0.05, 0.1, 0.15)]
    moves += [("keep_prob", replace(BASE, keep_prob=value)) for value in (0.95, 0.9, 0.85)]
    moves += [("seed", replace(BASE, seed=seed)) for seed in (1, 2, 3)]
    moves += [("dataset", replace(BASE, dataset=name)) for name in DATASETS if name != BASE.dataset]
    return moves


@pytest.mark.parametrize("name, settings", neighbours(), ids=lambda value: value if isinstance(value, str) else "")
def test_a_few_notches_from_the_defaults_training_still_works(name, settings):
    session = TrainingSession(settings).run()
    assert session.diverged is None, f"{name}: {session.diverged}"
    assert session.iteration == settings.iterations
    assert np.isfinite(session.train_costs).all()


def test_the_default_run_learns_calmly():
    session = TrainingSession(BASE).run()
    train, test = session.accuracies()
    assert train > 0.95 and test > 0.85
    costs = np.array(session.train_costs)
    # no spike: the cost never rises more than 1% above the lowest it has reached
    assert np.max(costs[1:] / np.minimum.accumulate(costs)[:-1]) < 1.01


def test_each_optimiser_has_its_own_default_learning_rate():
    assert set(DEFAULT_LEARNING_RATES) == set(OPTIMIZERS)
    assert BASE.learning_rate == DEFAULT_LEARNING_RATES[BASE.optimizer]
    adam = BASE.with_optimizer("adam")
    assert adam.optimizer == "adam" and adam.learning_rate == DEFAULT_LEARNING_RATES["adam"] < BASE.learning_rate


@pytest.mark.parametrize("settings", [BASE, replace(BASE, learning_rate=10 ** -1.75, dataset="spiral, 3 arms",
                                                    batch_size="32", optimizer="adam", keep_prob=0.85, seed=7)])
def test_the_configuration_line_round_trips_exactly(settings):
    text = settings.to_text()
    assert text.startswith("playground:") and "\n" not in text and len(text) < 300
    restored = Settings.from_text(text)
    assert restored == settings
    assert restored.learning_rate == settings.learning_rate  # the float itself, not a rounded one


def test_the_same_configuration_gives_the_same_run_bit_for_bit():
    settings = replace(BASE, batch_size="64", keep_prob=0.9, iterations=300)
    first = TrainingSession(settings).run()
    second = TrainingSession(Settings.from_text(settings.to_text())).run()
    assert first.train_costs == second.train_costs
    for key in first.params:
        assert np.array_equal(first.params[key], second.params[key])


@pytest.mark.parametrize("text, expected", [
    ("dataset=spiral", "starts with 'playground:'"),
    ("playground:dataset=spiral; colour=red", "unknown item 'colour=red'"),
    ("playground:units=many", "units must be a whole number, got 'many'"),
    ("playground:hidden_layers=9", "hidden_layers must lie between 0 and 6; got 9"),
    ("playground:optimizer=sgd", "optimizer must be one of 'gd', 'momentum', 'rmsprop', 'adam'; got 'sgd'"),
    ("playground:learning_rate=-1.0", "learning_rate must be a number greater than 0"),
])
def test_a_bad_configuration_line_says_what_is_wrong(text, expected):
    with pytest.raises(ValueError, match=None) as error:
        Settings.from_text(text)
    assert expected in str(error.value)
