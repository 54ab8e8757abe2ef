"""A playground run that advances a few steps at a time: the engine behind Play, Pause, Step and Reset.

    session = TrainingSession(Settings())
    session.advance(20)          # 20 gradient steps (fewer at the end of the run, or when it diverges)
    session.run()                # the rest of the run
    session.reset()              # back to iteration 0: the same initial weights, the same mini-batches

No widgets, no pictures: the widget calls ``advance`` once per frame and draws what it finds here.
Each step is trainer.minibatch_step, the step of lessons 10-12, in float64; the whole run is therefore
the same however it is cut into frames (tests/test_playground_session.py checks it bit for bit).

What a session records before every step t (t = 0, 1, ..., iterations - 1) and after the last one:
    train_costs[t], test_costs[t] -- the cross-entropy of the whole training set and of the test set
                                     (no dropout, no L2 term), so that both curves mean the same thing
                                     with or without mini-batches.
"""

import numpy as np

from ..cost import categorical_cross_entropy, cross_entropy
from ..forward import forward_propagation
from ..loops import TrainingDiverged, check_divergence, minibatch_indices, start_parameters
from ..optimizers import Optimizer
from ..data import standardize
from ..trainer import minibatch_step, predict_classes, train
from .datasets import OWN_POINTS, generate_points, split_points
from .settings import BATCH_SIZES


class TrainingSession:
    """The state of one run: data, parameters, optimiser state, costs so far.

    Attributes:
        settings -- the Settings of the run;  data -- its TrainingData
        layer_dims -- [2, units, ..., units, n_out];  output_activation -- "sigmoid" (2 classes) or "softmax"
        params -- the current parameters, dict "W1", "b1", ..., "WL", "bL" (float64)
        iteration -- the number of steps taken;  train_costs, test_costs -- lists, one entry per step taken + 1
        diverged -- None, or the message that says why the run stopped early and what to try
    """

    def __init__(self, settings, points=None):
        """settings -- a Settings;  points -- Points for settings.dataset == "own" (else generated from settings)."""
        self.settings = settings.checked()
        if settings.dataset == OWN_POINTS:
            if points is None:
                raise ValueError('dataset "own" needs the points: pass points=read_points_csv(...) or drawn points.')
        else:
            points = generate_points(settings.dataset, settings.n_samples, settings.noise, settings.seed)
        self.points = points
        self.data = split_points(points, settings.train_fraction, settings.seed)
        n_out = 1 if self.data.n_classes == 2 else self.data.n_classes
        self.layer_dims = [2] + settings.hidden_dims() + [n_out]
        self.output_activation = "sigmoid" if n_out == 1 else "softmax"
        self._Y_train, self._Y_test = self.data.Y_train, self.data.Y_test
        self.reset()

    def reset(self):
        """Back to iteration 0: the seed gives the same initial parameters and the same mini-batches again."""
        settings, m = self.settings, self.data.X_train.shape[1]
        self._rng = np.random.default_rng(settings.seed)
        self.params = start_parameters(self.layer_dims, settings.initialization, self._rng, np.float64)
        self._optimizer = Optimizer(settings.optimizer, self.params)
        batch_size = BATCH_SIZES[settings.batch_size]
        self._batch_size = m if batch_size is None else min(batch_size, m)
        self._batches = minibatch_indices(m, self._batch_size, self._rng)
        self.iteration = 0
        self.diverged = None
        self.train_costs, self.test_costs = [], []
        self._record()

    @property
    def finished(self):
        """True once every iteration has run, or the run diverged."""
        return self.diverged is not None or self.iteration >= self.settings.iterations

    def advance(self, steps):
        """Take up to ``steps`` gradient steps, stopping at the end of the run or at a divergence.

        Returns the number of steps taken."""
        taken = 0
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            while taken < steps and not self.finished:
                self._step()
                taken += 1
        return taken

    def run(self):
        """Take every remaining step; returns self."""
        self.advance(self.settings.iterations)
        return self

    def _step(self):
        settings, X, Y = self.settings, self.data.X_train, self._Y_train
        if self._batch_size < X.shape[1]:
            columns = next(self._batches)
            X, Y = X[:, columns], Y[:, columns]
        self.params, _, _ = minibatch_step(self.params, self._optimizer, X, Y, settings.learning_rate,
                                           settings.activation, self.output_activation, settings.l2_strength,
                                           settings.keep_prob, self._rng)
        self.iteration += 1
        self._record()

    def _record(self):
        """Append the current training and test costs, and stop the run if the training cost diverged."""
        self.train_costs.append(self.cost(self.data.X_train, self._Y_train))
        self.test_costs.append(self.cost(self.data.X_test, self._Y_test))
        try:
            check_divergence(self.iteration, self.train_costs[-1], self.train_costs[0], self.settings.learning_rate)
        except TrainingDiverged as error:
            self.diverged = str(error)

    def cost(self, X, Y):
        """The cross-entropy of the current network on X (2, k) against labels Y (no dropout, no L2 term)."""
        AL, _ = forward_propagation(X, self.params, self.settings.activation, self.output_activation)
        loss = categorical_cross_entropy if self.output_activation == "softmax" else cross_entropy
        return loss(AL, Y)

    def layer_outputs(self, X):
        """[A1, ..., AL]: every layer's output for the points X (2, k); A[l] has shape (n_l, k).

        A row of A[l] is what one unit answers over the points: on a grid of the plane, its picture.
        """
        with np.errstate(over="ignore", invalid="ignore"):
            AL, caches = forward_propagation(X, self.params, self.settings.activation, self.output_activation)
        return [cache.A_prev for cache in caches[1:]] + [AL]

    def probabilities(self, X):
        """Class probabilities for the points X (2, k), shape (C, k) (two classes: rows P(0), P(1))."""
        AL = self.layer_outputs(X)[-1]
        return np.vstack([1 - AL, AL]) if AL.shape[0] == 1 else AL

    def predicted_classes(self, X):
        """The most probable class of each point of X (2, k), shape (k,)."""
        return np.argmax(self.probabilities(X), axis=0)

    def accuracies(self):
        """(training accuracy, test accuracy) of the current parameters, as fractions."""
        data = self.data
        return (float(np.mean(self.predicted_classes(data.X_train) == data.classes_train)),
                float(np.mean(self.predicted_classes(data.X_test) == data.classes_test)))

    def summary(self):
        """One line for the readout: where the run is and how well it does, or why it stopped."""
        if self.diverged:
            return f"No plot: {self.diverged}"
        train, test = self.accuracies()
        return f"train accuracy {train:.1%}, test accuracy {test:.1%}"

    def dead_units(self):
        """For each hidden layer, how many units output 0 for every training point (a ReLU unit stuck at 0).

        Such a unit passes no gradient back (ReLU's derivative is 0 where z < 0), so it never recovers.
        """
        outputs = self.layer_outputs(self.data.X_train)[:-1]
        return [int(np.sum(np.all(A == 0, axis=1))) for A in outputs]

    def linear_readouts(self, iterations=1000, learning_rate=0.5):
        """How well a straight line (logistic or softmax regression, no hidden layer) separates the classes
        when it reads each layer's outputs instead of the points: what each layer adds.

        For l = 0 (the inputs x1, x2), 1, ..., L-1, a regression is trained on A[l] of the training points
        (standardised, float64, plain gradient descent) and scored on A[l] of the test points.
        Returns a list of L test accuracies, index l for A[l].
        """
        data = self.data
        train_outputs = [data.X_train] + self.layer_outputs(data.X_train)[:-1]
        test_outputs = [data.X_test] + self.layer_outputs(data.X_test)[:-1]
        output = "sigmoid" if data.n_classes == 2 else "softmax"
        accuracies = []
        for A_train, A_test in zip(train_outputs, test_outputs):
            A_train, mean, std = standardize(A_train)
            A_test = standardize(A_test, mean, std)[0]
            dims = [A_train.shape[0], self.layer_dims[-1]]
            params, _ = train(A_train, self._Y_train, dims, optimizer="gd", learning_rate=learning_rate,
                              num_epochs=iterations, batch_size=None, output_activation=output, seed=0)
            predicted = predict_classes(A_test, params, output_activation=output)
            accuracies.append(float(np.mean(predicted == data.classes_test)))
        return accuracies
