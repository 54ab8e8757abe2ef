"""dnn_helpers: a deep neural network built from scratch in NumPy, one module per lesson step.

What the lessons teach (no matplotlib, no widgets: tests/test_layering.py keeps it so):
    parameters      initialize_parameters, randomize_biases                 (lesson 1)
    activations     sigmoid, relu, tanh, leaky_relu, softmax and their backward steps (lessons 2, 12)
    forward         linear_forward, linear_activation_forward, forward_propagation (lesson 3)
    cost            compute_cost, compute_multiclass_cost                   (lessons 4, 12)
    backward        linear_backward, linear_activation_backward, backward_propagation (lesson 5)
    gradient_checking  gradient_check, numerical_gradients, describe_relative_difference (lesson 5)
    update          update_parameters                                       (lesson 6)
    training        dnn, predict, predict_proba, accuracy                   (lesson 6); its docstring says
                    which training loop (dnn, trainer.train, fast.train_fast) is for what
    loops           what the loops share: argument checks, mini-batches, TrainingDiverged
    diagnostics     per-layer sizes of activations and gradients            (lessons 9, 13)
    regularization  L2, inverted dropout, shifted images                    (lesson 10)
    optimizers      momentum, RMSProp, Adam, learning-rate decay            (lesson 11)
    trainer         train: mini-batches, optimisers, L2, dropout, softmax, early stopping (lessons 10-13)
    other_networks  perceptron, Hopfield net, convolution as a matrix, an RNN cell (lesson 14)
    fast            train_fast: dnn's training, fast                        (lesson 15)
    data            2-D toy datasets, splits, standardisation, one-hot labels, MNIST digits
    _validation     the argument checks behind the clear error messages

For the recurrent-network lessons (part two):
    text            the Shakespeare corpus, the text8 reduction, vocabularies, the bigram baseline (lesson 16)
    rnn             the RNN cell and backpropagation through time, the per-character cost, clipping (lesson 17)
    language_model  mini-batches of streams, truncated BPTT with Adam, bits per character, sampling,
                    what the hidden units track, the stored trained model (lesson 18)
    lstm            the LSTM cell and its backward pass through time; stack_gates for PyTorch's layout
    lstm_language_model  the LSTM trained on the text as lesson 18 trains the RNN, its score, the stored model
    recall          a long-dependency task (name the symbol seen k steps earlier) and its training loop
    fast_recurrent  FastLSTM, FastRNN: truncated BPTT for lstm and rnn, fast (the same steps and results)
    _sequences      the argument checks of text, rnn and lstm (sequence layout, vocabulary, hidden size)

The course's tooling (imports matplotlib or ipywidgets: loaded on first use, so that
importing the package stays fast):
    checks          check() and progress(): the check cells of the lessons
    exercises       one record per exercise (reference, check cases, mistakes, advice), one module per lesson
    plots           cost curves, decision boundaries, digits, network diagrams (*_figure)
    widgets         interactive_figure: the sliders of the "Try it" cells
    playground      the playground of lesson 8: a subpackage (settings, datasets, session, frames, formulas,
                    archive, frontend, widget; see its docstring)
    explore         the figures of each lesson's "Try it", one module per notebook (explore.making_it_fast
                    for 15_making_it_fast.ipynb)
    course_data     the data/ folder, shipped inside the package

Conventions: X has shape (n_x, m), one example per column; Y has shape (1, m).
"""

from .activations import (
    ACTIVATIONS,
    get_activation,
    leaky_relu,
    leaky_relu_backward,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    tanh,
    tanh_backward,
)
from .backward import backward_propagation, linear_activation_backward, linear_backward
from .cost import compute_cost
from .forward import LayerCache, forward_propagation, linear_activation_forward, linear_forward
from .gradient_checking import describe_relative_difference, gradient_check, numerical_gradients, relative_difference
from .parameters import INITIALIZATIONS, initialize_parameters
from .training import TrainingDiverged, accuracy, dnn, predict, predict_proba
from .update import update_parameters

__version__ = "0.1.0"


def __getattr__(name):
    # matplotlib takes about a second to import: load the plots module on first use only
    if name == "plots":
        import importlib

        return importlib.import_module(".plots", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
