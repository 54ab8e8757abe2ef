"""Step 4: the cross-entropy cost.

Binary labels (sigmoid output, AL and Y of shape (1, m)):
    J = -(1/m) * sum_i [ y_i log(a_i) + (1 - y_i) log(1 - a_i) ]
C classes (softmax output, AL and one-hot Y of shape (C, m)):
    J = -(1/m) * sum_i sum_k y_ki log(a_ki)
Both are the negative mean log-likelihood of the labels under the model.
"""

import numpy as np

from ._validation import check_binary_labels, check_one_hot_labels, check_probabilities


def clip_probabilities(AL):
    """Keep AL inside [eps, 1 - eps] (eps = machine epsilon of its dtype) so log() stays finite.

    A saturated sigmoid returns exactly 0.0 or 1.0 in floating point, and
    log(0) = -inf. Clipping caps each example's loss at -log(eps), about 36.04 in
    float64: near AL = 1 it only removes infinities, but near AL = 0 (reached
    exactly only for z < -745) it also lowers finite losses above 36.
    """
    eps = np.finfo(AL.dtype).eps
    return np.clip(AL, eps, 1 - eps)


def compute_cost(AL, Y):
    """Binary cross-entropy of predictions AL against labels Y.

    Arguments:
        AL -- predicted probabilities, shape (1, m), values in [0, 1]
        Y -- true labels 0 or 1, shape (1, m)
    Returns:
        cost -- a Python float, finite even where AL is exactly 0 or 1
    """
    AL = check_probabilities(AL)
    Y = check_binary_labels(Y, m=AL.shape[1])
    if AL.shape[0] != 1:
        raise ValueError(
            f"AL must have shape (1, m) for a binary output, got {AL.shape}; "
            "for a softmax output over several classes use compute_multiclass_cost."
        )
    return cross_entropy(AL, Y)


def compute_multiclass_cost(AL, Y):
    """Categorical cross-entropy of softmax outputs AL against one-hot labels Y.

    Arguments:
        AL -- predicted class probabilities, shape (C, m), each column summing to 1
        Y -- one-hot labels, shape (C, m)
    Returns:
        cost -- a Python float; for a uniform guess over C classes it is ln C
    """
    AL = check_probabilities(AL)
    Y = check_one_hot_labels(Y, C=AL.shape[0], m=AL.shape[1])
    return categorical_cross_entropy(AL, Y)


def categorical_cross_entropy(AL, Y):
    """compute_multiclass_cost without the input checks."""
    return float(-np.sum(Y * np.log(clip_probabilities(AL))) / Y.shape[1])


def cross_entropy(AL, Y):
    """compute_cost without the input checks, for training loops that checked their data once."""
    m = Y.shape[1]
    A = clip_probabilities(AL)
    log_likelihood = Y * np.log(A) + (1 - Y) * np.log(1 - A)
    return float(-np.sum(log_likelihood) / m)
