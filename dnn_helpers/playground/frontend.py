"""The two small pieces of the playground that need the browser's help (through anywidget, offline).

KeyboardGuard -- Notebook 7 hands every key press to its command-mode shortcuts before the page's
    controls see it (JupyterLab lets the controls go first), so an arrow key on a focused slider moves
    the cell selection instead of the slider. The guard marks the playground's controls with
    ``data-lm-suppress-shortcuts``, the attribute by which the notebook's shortcut handler leaves an
    element's keys to the element itself.
DrawingPad -- a picture that reports where it is clicked, as fractions (0..1) of its width and height
    measured from the top left corner; ipywidgets' own Image reports no clicks.
"""

import anywidget
import traitlets

_GUARD_JS = """
const CONTROLS = ".noUi-handle, select, button, input, textarea, [contenteditable]";
function render({ el }) {
  el.style.display = "none";
  let tries = 0;
  const find = () => {
    const root = el.closest(".dnn-playground");
    if (!root) {
      if (tries++ < 600) requestAnimationFrame(find);
      return;
    }
    const mark = () => root.querySelectorAll(CONTROLS).forEach(
      (node) => node.setAttribute("data-lm-suppress-shortcuts", "true"));
    mark();
    new MutationObserver(mark).observe(root, { subtree: true, childList: true });
  };
  find();
}
export default { render };
"""

_PAD_JS = """
function render({ model, el }) {
  const img = document.createElement("img");
  img.className = "dnn-drawing-pad";
  img.style.cursor = "crosshair";
  const show = () => {
    const old = img.src;
    img.src = URL.createObjectURL(new Blob([model.get("png")], { type: "image/png" }));
    if (old) URL.revokeObjectURL(old);
  };
  model.on("change:png", show);
  show();
  img.addEventListener("click", (event) => {
    const box = img.getBoundingClientRect();
    model.send({ x: (event.clientX - box.left) / box.width, y: (event.clientY - box.top) / box.height });
  });
  el.appendChild(img);
}
export default { render };
"""


class KeyboardGuard(anywidget.AnyWidget):
    """Invisible; put it inside a box with the CSS class "dnn-playground" to give its controls their own keys."""

    _esm = _GUARD_JS


class DrawingPad(anywidget.AnyWidget):
    """A PNG picture (the ``png`` bytes) that calls on_click(x, y) with x, y in 0..1 from the top left corner."""

    _esm = _PAD_JS
    png = traitlets.Bytes(b"").tag(sync=True)

    def __init__(self, on_click, **kwargs):
        super().__init__(**kwargs)
        self._on_click = on_click
        self.on_msg(self._handle_message)

    def _handle_message(self, _widget, content, _buffers):
        if isinstance(content, dict) and {"x", "y"} <= set(content):
            self._on_click(float(content["x"]), float(content["y"]))
