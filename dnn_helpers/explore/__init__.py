"""Figure functions behind the lessons' "Try it" sliders, one module per lesson.

Each function takes the slider values as arguments and returns a matplotlib
Figure (or a message string), so it can be tested without a browser. These
modules import matplotlib; ``import dnn_helpers`` does not load them.
"""

from .. import plots  # noqa: F401,E402  (in a notebook, every figure of the lessons gets its alternative text)
