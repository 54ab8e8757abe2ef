"""The playground in a real browser: JupyterLab, headless Chromium, a slider and the Train button.

Starts JupyterLab from this environment on a free port with its own config, runtime and
data folders, opens a copy of notebooks/08_playground.ipynb (outputs stripped, in a temporary
root folder: the committed notebook is never opened, so never saved), runs all cells,
sets the "hidden layers" slider with the keyboard, presses Train, and checks that the
plot and the readout follow. It also saves a screenshot of the playground to
docs/playground.png for the README.

Needs Debian's Chromium (/usr/bin/chromium) and the PyPI package playwright
(pip install -r requirements-browser.txt); no browser download. Skipped without them,
except when the environment variable CI is set: there a missing browser is a failure.
"""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "08_playground.ipynb"
SCREENSHOT = ROOT / "docs" / "playground.png"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
TIMEOUT_S = 60  # generous: every wait polls and returns as soon as the page is ready
TIMEOUT_MS = TIMEOUT_S * 1000
# The status bar names the kernel and its state: "Python 3 (ipykernel) | Idle".
KERNEL_IDLE = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(item => / [|] Idle$/.test(item.textContent) && !item.textContent.startsWith('No Kernel'))"""

# Records every state the status bar shows for the kernel from now on, in window.kernelStates.
WATCH_KERNEL_STATUS = """() => {
    window.kernelStates = [];
    const statusBar = document.querySelector('#jp-main-statusbar');
    new MutationObserver(() => {
        for (const item of statusBar.querySelectorAll('.jp-StatusBar-TextItem')) {
            const state = / [|] (\\w+)$/.exec(item.textContent);
            if (state) window.kernelStates.push(state[1]);
        }
    }).observe(statusBar, {subtree: true, childList: true, characterData: true});
}"""

# JupyterLab user settings for this run: nothing saved behind our back, no news pop-ups.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},  # render every cell, in view or not
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def browser_or_skip():
    """The playwright module, or skip (fail under CI) when it or Chromium is missing."""
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api
    except ImportError:
        missing.append("playwright (pip install -r requirements-browser.txt)")
    if missing:
        reason = "browser test needs " + " and ".join(missing)
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(reason + "; CI must not skip it")
        pytest.skip(reason)
    return playwright.sync_api


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_table():
    """{pid: (parent pid, start time)} from /proc (Linux)."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(stat.parent.name)] = (int(fields[1]), fields[19])
    return table


def descendants(pid):
    """{pid: start time} of every process below pid: kernels run in their own session, not our group."""
    table = process_table()
    found, todo = {}, [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, started) in table.items():
            if ppid == parent and child not in found:
                found[child] = started
                todo.append(child)
    return found


def stop(process):
    """Stop the server's process group, then anything it started that is still there."""
    others = descendants(process.pid)
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)  # the server shuts its kernels down on SIGTERM
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    table = process_table()
    for pid, started in others.items():
        if pid in table and table[pid][1] == started:  # the same process, not a reused pid
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def running_lab(tmp_path):
    """A JupyterLab server on a copy of the playground notebook: (url of the notebook, root folder)."""
    root = tmp_path / "root"
    root.mkdir()
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notebook.metadata.pop("widgets", None)  # no saved widget views: whatever renders is live
    nbformat.write(notebook, root / NOTEBOOK.name)

    env = dict(os.environ)
    for name in ("config", "runtime", "data"):
        env[f"JUPYTER_{name.upper()}_DIR"] = str(tmp_path / name)  # the kernelspec lives in sys.prefix
    for plugin, settings in LAB_SETTINGS.items():
        package, name = plugin.rsplit("/", 1)
        path = tmp_path / "config" / "lab" / "user-settings" / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))

    token = uuid.uuid4().hex
    port = free_port()
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(tmp_path / "server.log", "wb")
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (tmp_path / "server.log").read_text()[-3000:])
                time.sleep(0.2)
        yield f"{base}/lab/tree/{NOTEBOOK.name}?token={token}", root
    finally:
        stop(server)
        log.close()


@pytest.fixture
def sync_api():
    """playwright.sync_api; skips (fails under CI) before anything starts when the browser is missing."""
    return browser_or_skip()


@pytest.fixture
def lab(sync_api, tmp_path):
    with running_lab(tmp_path) as url_and_root:
        yield url_and_root


def readout_text(playground):
    return playground.locator(".widget-html-content").inner_text().strip()


def accuracy_text(playground):
    """The readout without its timing: 'train accuracy 98.6%, test accuracy 94.2%'."""
    return readout_text(playground).split(" (", 1)[0]


def plot_src(playground):
    return playground.locator(".widget-output img").first.get_attribute("src")


def answer_kernel_dialog(page):
    """Accept a 'Select Kernel' dialog (its default is the notebook's kernel, Python 3) if one is open."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and dialog.first.is_visible():
        dialog.first.locator(".jp-mod-accept").click()
        return True
    return False


def wait_for_kernel_idle(page, timeout=TIMEOUT_S):
    """Poll the status bar ('Python 3 (ipykernel) | Idle'), answering a kernel dialog if one shows up."""
    deadline = time.monotonic() + timeout
    while not (page.evaluate(KERNEL_IDLE) and not page.locator(".jp-Dialog").count()):
        answer_kernel_dialog(page)
        if time.monotonic() > deadline:
            raise AssertionError(f"the kernel did not become idle within {timeout} s")
        page.wait_for_timeout(200)


def run_all(page):
    """Run > Run All Cells, until the cells really run: a 'Select Kernel' dialog or a kernel that is
    still starting can swallow a Run All, so answer the dialog and try again."""
    first_prompt = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt").first
    for attempt in range(4):
        wait_for_kernel_idle(page)
        page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click()
        page.locator(".lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if re.search(r"\[[0-9*]+\]", first_prompt.inner_text()):
                return attempt
            answer_kernel_dialog(page)
            page.wait_for_timeout(200)
    raise AssertionError("Run All Cells did not start the cells after 4 tries")


def all_cells_ran(page):
    """Every code cell shows its execution count, the last one included, and the kernel is idle."""
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(prompt => /\\[[0-9]+\\]/.test(prompt.textContent));
        }"""
    )
    wait_for_kernel_idle(page)


def wait_until(page, condition, what, timeout=TIMEOUT_S):
    """Poll condition() until it is true; fail with `what` after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        page.wait_for_timeout(100)


def test_playground_in_a_browser(sync_api, lab, tmp_path):
    url, _ = lab
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1500})
        page.set_default_timeout(TIMEOUT_MS)
        try:
            page.goto(url)
            page.locator(".jp-Notebook .jp-CodeCell").first.wait_for()
            page.keyboard.press("Control+b")  # hide the file browser: a wider notebook
            run_all(page)
            all_cells_ran(page)

            playground = page.locator(".jp-OutputArea-output > .widget-vbox").first
            readout = playground.locator(".widget-html-content")
            playground.locator(".widget-output img").first.wait_for()
            wait_until(page, lambda: "train accuracy" in readout.inner_text(), "the first readout")
            first_accuracy, first_plot = accuracy_text(playground), plot_src(playground)
            assert first_plot.startswith("data:image/png;base64,")

            # "hidden layers" from 2 to 0 with the keyboard: Home sets a noUiSlider to its minimum,
            # one change event, so one retrain (a logistic regression: a straight boundary)
            label = page.locator("label", has_text="hidden layers")
            slider = playground.locator(".widget-hslider", has=label)
            handle = slider.locator(".noUi-handle")
            handle.focus()
            handle.press("Home")
            wait_until(page, lambda: accuracy_text(playground) != first_accuracy, "the readout to change")
            wait_until(page, lambda: plot_src(playground) != first_plot, "the plot to change")
            assert slider.locator(".widget-readout").inner_text() == "0"
            assert "train accuracy" in accuracy_text(playground)
            straight_plot = plot_src(playground)

            # back to 2 with the arrow keys: each press retrains; the last one gives the first result again
            handle.press("ArrowRight")
            handle.press("ArrowRight")
            wait_until(page, lambda: slider.locator(".widget-readout").inner_text() == "2", "the slider at 2")
            wait_until(page, lambda: accuracy_text(playground) == first_accuracy, "the first accuracy again")
            wait_until(page, lambda: plot_src(playground) != straight_plot, "the plot to change back")
            wait_for_kernel_idle(page)

            # Train: same settings, so the same accuracy; the kernel must have gone busy and back to idle
            page.evaluate(WATCH_KERNEL_STATUS)
            before = readout_text(playground)
            playground.get_by_role("button", name="Train").click()
            wait_until(page, lambda: page.evaluate("() => window.kernelStates.includes('Busy')"),
                       "the kernel to train after the Train button")
            wait_for_kernel_idle(page)
            assert accuracy_text(playground) == first_accuracy
            print(f"readout before Train: {before!r}, after: {readout_text(playground)!r}")

            # the whole playground in view, below the toolbar and above the status bar, without hover
            height = playground.evaluate("element => element.getBoundingClientRect().height")
            page.set_viewport_size({"width": 1400, "height": max(1500, round(height) + 500)})
            page.mouse.move(0, 0)
            playground.evaluate("element => element.scrollIntoView({block: 'center'})")
            SCREENSHOT.parent.mkdir(exist_ok=True)
            playground.screenshot(path=str(SCREENSHOT))
        except Exception:
            with contextlib.suppress(Exception):
                page.screenshot(path=str(tmp_path / "failure.png"))
            print(f"page at the failure: {tmp_path / 'failure.png'}; server log: {tmp_path / 'server.log'}")
            raise
        finally:
            browser.close()
