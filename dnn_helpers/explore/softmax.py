"""Lesson 12, "Softmax and many classes": the confusion matrix and the two "Try it" figures.

    confusion_matrix(y_true, y_pred, C)          # (C, C) counts: row = true class, column = predicted
    most_confused_pairs(matrix, count)           # the largest off-diagonal cells
    confusion_matrix_figure(matrix)              # the matrix as a picture, counts written in the cells
    temperature_figure(temperature, logits)      # softmax(logits / temperature) of one example, as bars
    confusion_cell_figure(true_class, predicted_class, X, y_true, y_pred)   # the images of one cell
"""

import numpy as np
from matplotlib.figure import Figure

from ..activations import softmax
from ..plots import images_figure, set_alt_text


def confusion_matrix(y_true, y_pred, C):
    """Count every (true class, predicted class) pair.

    Arguments:
        y_true, y_pred -- class numbers 0 .. C-1, shape (m,)
        C -- number of classes
    Returns:
        matrix -- int array (C, C); matrix[i, j] = number of examples of class i predicted as j
    """
    y_true, y_pred = np.asarray(y_true).ravel(), np.asarray(y_pred).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true has {y_true.size} entries but y_pred has {y_pred.size}; they must match.")
    matrix = np.zeros((C, C), dtype=np.int64)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def most_confused_pairs(matrix, count=3):
    """The ``count`` off-diagonal cells with the most examples, as (true, predicted, number), largest first.

    Ties are broken by the true class, then the predicted class, so that the order is reproducible.
    """
    C = matrix.shape[0]
    cells = [(int(matrix[i, j]), i, j) for i in range(C) for j in range(C) if i != j and matrix[i, j] > 0]
    cells.sort(key=lambda cell: (-cell[0], cell[1], cell[2]))
    return [(i, j, n) for n, i, j in cells[:count]]


def confusion_matrix_figure(matrix, title=None):
    """Draw a confusion matrix: rows are true classes, columns predicted ones, each cell with its count.

    The colour shows the counts off the diagonal only (the diagonal, much larger, would wash them
    out); diagonal cells are grey with their count in bold.

    Returns:
        fig -- Figure with one Axes; its texts are the C * C counts in row order
    """
    matrix = np.asarray(matrix)
    C = matrix.shape[0]
    errors = matrix.astype(float).copy()
    np.fill_diagonal(errors, np.nan)
    fig = Figure(figsize=(5.6, 5.0), layout="constrained")
    ax = fig.add_subplot()
    top = max(float(np.nanmax(errors)), 1.0) if C > 1 else 1.0
    image = ax.imshow(errors, cmap="Reds", vmin=0, vmax=top)
    ax.imshow(np.where(np.eye(C, dtype=bool), 1.0, np.nan), cmap="Greys", vmin=0, vmax=4)
    for i in range(C):
        for j in range(C):
            dark = i != j and matrix[i, j] > 0.6 * top
            ax.text(j, i, str(int(matrix[i, j])), ha="center", va="center", fontsize=8,
                    fontweight="bold" if i == j else "normal", color="white" if dark else "black")
    ax.set_xticks(range(C))
    ax.set_yticks(range(C))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title(title or f"{int(np.trace(matrix))} of {int(matrix.sum())} right; mistakes in red")
    fig.colorbar(image, ax=ax, shrink=0.8, label="number of mistakes")
    worst = sorted(((int(matrix[i, j]), i, j) for i in range(C) for j in range(C) if i != j and matrix[i, j]),
                   reverse=True)[:3]
    largest = "; ".join(f"true {i} predicted as {j}: {count}" for count, i, j in worst) or "none"
    return set_alt_text(fig, f"Confusion matrix of {C} classes, true class down, predicted class across: "
                             f"{int(np.trace(matrix))} of {int(matrix.sum())} on the diagonal (right); the largest "
                             f"mistakes, shaded red: {largest}.")


def temperature_figure(temperature, logits, label=None):
    """Bars of softmax(logits / temperature) for one example.

    Arguments:
        temperature -- a positive number; 1 is the network's own output, larger flattens, smaller sharpens
        logits -- the output layer's Z for one example, shape (C,) or (C, 1)
        label -- optional true class, drawn in another colour
    Returns:
        fig -- Figure with one Axes of C bars; title: temperature, largest probability and its class,
               and the entropy in nats (0 for a certain answer, ln C for a uniform one)
    """
    if temperature <= 0:
        return "The temperature must be positive: it divides the logits."
    z = np.asarray(logits, dtype=np.float64).reshape(-1, 1)
    p = softmax(z / temperature)[:, 0]
    C = p.size
    entropy = float(-np.sum(p * np.log(np.clip(p, 1e-300, 1))))
    fig = Figure(figsize=(6.4, 3.4), layout="constrained")
    ax = fig.add_subplot()
    colors = ["tab:green" if k == label else "tab:blue" for k in range(C)]
    ax.bar(range(C), p, color=colors)
    ax.set_xticks(range(C))
    ax.set_ylim(0, 1)
    ax.set_xlabel("class" + (" (true class in green)" if label is not None else ""))
    ax.set_ylabel("probability")
    top = int(np.argmax(p))
    ax.set_title(f"temperature {temperature:.2f}: largest probability {p[top]:.3f} (class {top}), "
                 f"entropy {entropy:.3f} (ln {C} = {np.log(C):.3f})", fontsize=10)
    return fig


def confusion_cell_figure(true_class, predicted_class, X, y_true, y_pred, max_images=10):
    """The images of one cell of the confusion matrix: class ``true_class`` predicted as ``predicted_class``.

    Arguments:
        X -- images, shape (784, m), one per column;  y_true, y_pred -- classes, shape (m,)
    Returns:
        a Figure made by images_figure (at most max_images images, one Axes each),
        or a str when the cell is empty
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    columns = np.flatnonzero((y_true == true_class) & (y_pred == predicted_class))
    if columns.size == 0:
        return f"No test image of a {true_class} was predicted as {predicted_class}."
    shown = columns[:max_images]
    return images_figure(X[:, shown], y_true[shown], y_pred[shown], n_columns=5, max_images=max_images)
