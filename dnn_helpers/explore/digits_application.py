"""Lesson 7, "Try it": move the decision threshold of the even/odd digit classifier.

    threshold_figure(threshold, probabilities, Y)   # histogram of probabilities + confusion counts

Label 1 ("odd") is the positive class. The network predicts "odd" where its probability
exceeds the threshold; 0.5 is the usual choice, but any value in (0, 1) is possible.
"""

import numpy as np
from matplotlib.figure import Figure

CLASS_NAMES = ("even", "odd")


def confusion_counts(predictions, Y):
    """Counts of the four outcomes for 0/1 predictions and labels, both of shape (1, m).

    Returns:
        dict with "TP" (predicted 1, label 1), "FP" (predicted 1, label 0),
        "FN" (predicted 0, label 1) and "TN" (predicted 0, label 0), as ints
    """
    predictions, Y = np.asarray(predictions).astype(bool), np.asarray(Y).astype(bool)
    if predictions.shape != Y.shape:
        raise ValueError(f"predictions have shape {predictions.shape} but Y has shape {Y.shape}; they must match.")
    return {
        "TP": int(np.sum(predictions & Y)),
        "FP": int(np.sum(predictions & ~Y)),
        "FN": int(np.sum(~predictions & Y)),
        "TN": int(np.sum(~predictions & ~Y)),
    }


def precision_recall(counts):
    """Precision TP / (TP + FP) and recall TP / (TP + FN); a ratio with nothing to count is 0."""
    predicted_positive = counts["TP"] + counts["FP"]
    actual_positive = counts["TP"] + counts["FN"]
    precision = counts["TP"] / predicted_positive if predicted_positive else 0.0
    recall = counts["TP"] / actual_positive if actual_positive else 0.0
    return precision, recall


def threshold_figure(threshold, probabilities, Y):
    """Histogram of the predicted probabilities by true class, the threshold, and the confusion counts.

    Arguments:
        threshold -- predict "odd" (1) where the probability exceeds this value, in [0, 1]
        probabilities -- predicted probabilities of label 1, shape (1, m)
        Y -- true labels 0 (even) or 1 (odd), shape (1, m)
    Returns:
        fig -- Figure with two Axes: the histogram, one outline per true class, with the threshold line
               and a legend above the plot (title: threshold and accuracy), and the 2 x 2 table of
               counts (title: precision and recall)
    """
    probabilities = np.asarray(probabilities, dtype=np.float64)
    Y = np.asarray(Y)
    predictions = probabilities > threshold
    counts = confusion_counts(predictions, Y)
    precision, recall = precision_recall(counts)
    accuracy = (counts["TP"] + counts["TN"]) / Y.size

    fig = Figure(figsize=(10, 3.8))
    hist_ax = fig.add_axes((0.07, 0.15, 0.5, 0.66))
    table_ax = fig.add_axes((0.67, 0.15, 0.3, 0.72))
    bins = np.linspace(0, 1, 41)
    for label, color in ((0, "tab:red"), (1, "tab:blue")):
        # stairs of precomputed counts draw much faster than hist's one rectangle per bin. Outlines only:
        # filled bars of the two classes would mix into a third colour where they overlap.
        counts_in_bins, _ = np.histogram(probabilities[Y == label], bins=bins)
        hist_ax.stairs(counts_in_bins, bins, fill=False, color=color, linewidth=1.8, label=f"true {CLASS_NAMES[label]}")
    hist_ax.axvline(threshold, color="k", linewidth=1.5, linestyle="--", label=f"threshold {threshold:.2f}")
    hist_ax.set_yscale("log")
    hist_ax.set_ylim(bottom=0.8)
    hist_ax.set_xlim(0, 1)
    hist_ax.set_xlabel('predicted probability of "odd"')
    hist_ax.set_ylabel("number of images (log scale)")
    # Above the plot, in one row: inside it the legend would sit on the threshold line somewhere on its way.
    hist_ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize="small", frameon=False)
    hist_ax.set_title(f"threshold {threshold:.2f}: accuracy {100 * accuracy:.1f}%", pad=26)

    table = np.array([[counts["TN"], counts["FP"]], [counts["FN"], counts["TP"]]])
    table_ax.imshow(table, cmap="Greens", vmin=0, vmax=Y.size)
    names = (("TN", "FP"), ("FN", "TP"))
    for row in range(2):
        for column in range(2):
            table_ax.text(column, row, f"{names[row][column]}\n{table[row, column]}", ha="center", va="center")
    table_ax.set_xticks([0, 1], [f"pred {name}" for name in CLASS_NAMES])
    table_ax.set_yticks([0, 1], [f"true {name}" for name in CLASS_NAMES])
    table_ax.set_title(f"precision {100 * precision:.1f}%, recall {100 * recall:.1f}%")
    return fig
