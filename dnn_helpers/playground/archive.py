"""Keep a trained playground network: its parameters, its configuration and its points in one .npz file.

    save_run(session, "spiral.npz")
    session = load_run("spiral.npz")      # the same settings and points, the saved parameters

The file holds plain arrays only and is read with allow_pickle=False: "W1", "b1", ..., "WL", "bL"
(W[l] of shape (n_l, n_{l-1}), b[l] of shape (n_l, 1)), "configuration" (the one line of
Settings.to_text), "iteration" (the steps the parameters were trained for), and "points_X" (2, m)
and "points_classes" (m,) when the points are the learner's own.
"""

import io
import zipfile

import numpy as np

from ..loops import start_parameters
from .datasets import OWN_POINTS, check_points
from .session import TrainingSession
from .settings import Settings


def save_run(session, file):
    """Write the parameters, configuration and (own) points of ``session`` to ``file`` (a path or a binary file)."""
    arrays = {key: value for key, value in session.params.items()}
    arrays["configuration"] = np.array(session.settings.to_text())
    arrays["iteration"] = np.array(session.iteration)
    if session.settings.dataset == OWN_POINTS:
        arrays["points_X"], arrays["points_classes"] = session.points.X, session.points.classes
    np.savez(file, **arrays)


def run_to_bytes(session):
    """The .npz file of save_run, as bytes (for a download or an upload widget)."""
    buffer = io.BytesIO()
    save_run(session, buffer)
    return buffer.getvalue()


def load_run(file):
    """A TrainingSession with the saved configuration, points and parameters (``file``: a path, bytes or a file).

    Raises ValueError, naming what is missing or of the wrong shape, for a file save_run did not write.
    """
    if isinstance(file, (bytes, bytearray, memoryview)):
        file = io.BytesIO(bytes(file))
    try:
        archive = np.load(file, allow_pickle=False)
    except (ValueError, OSError, zipfile.BadZipFile) as error:
        raise ValueError(f"this is not a playground .npz file (one that save_run writes): {error}") from None
    with archive:
        if "configuration" not in archive.files:
            raise ValueError(f"this .npz file holds no playground configuration (it has {', '.join(archive.files)}); "
                             "save one with save_run or the playground's Save button.")
        settings = Settings.from_text(str(archive["configuration"]))
        points = None
        if settings.dataset == OWN_POINTS:
            points = check_points(archive["points_X"], archive["points_classes"], where="the saved points")
        session = TrainingSession(settings, points)
        missing = [key for key in session.params if key not in archive.files]
        if missing:
            raise ValueError(f"the file lacks the parameters {', '.join(missing)} that its configuration "
                             f"(layer_dims = {session.layer_dims}) needs.")
        saved = {key: archive[key] for key in session.params}
        session.params = start_parameters(session.layer_dims, settings.initialization, None, np.float64, saved)
        session.iteration = int(archive["iteration"])
    # the costs on the way are not kept: only the end of the curve is known (Reset or Play retrains, and
    # the seed gives these parameters again)
    session.train_costs = [np.nan] * session.iteration + [session.cost(session.data.X_train, session.data.Y_train)]
    session.test_costs = [np.nan] * session.iteration + [session.cost(session.data.X_test, session.data.Y_test)]
    return session
