"""The end-to-end GUI scenario behind the no-network and no-plaintext proofs (tests/test_trust_scenario.py).

Run as a child process: ``python -m tests.scenario`` reads one JSON line on stdin (the data folder,
the canary inputs) and drives the real app (ui.main.AppRoot, offscreen) the way a person would:
create a profile, talk with the embedded model, use every page that has a proof step, lock, unlock,
quit. The secrets arrive on stdin so that no command line, environment or file holds them.

Protocol on stdout (never anything a person typed):
    PATHS <json>      the Qt settings/cache/temp locations, for the parent to scan too
    PAUSE running     the app is running with the vault open (-wal/-shm present): the parent scans,
                      then writes one line to stdin to continue
    STEP <name>       a step finished
    DONE              quit cleanly

A feature that adds a page adds one step function to ``STEPS`` under its page key; a page without a
step fails the scenario, so a new input cannot slip past the canary scan.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable

import tests.conftest  # noqa: F401 - the audit hook that fails any network attempt
from tests.conftest import FAST_KDF


def _say(line: str) -> None:
    print(line, flush=True)


def wait_until(qapp, condition: Callable[[], bool], timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"scenario: timed out waiting for {what}")
        qapp.processEvents()
        time.sleep(0.01)


def visible_text(root) -> str:  # noqa: ANN001
    """Every piece of text any widget under ``root`` holds (labels, inputs, lists, documents)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QTextEdit, QWidget

    parts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            parts.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QListWidget):
            parts += [widget.item(i).text() for i in range(widget.count())]
        parts.append(widget.toolTip())
        parts.append(widget.accessibleName())
    return "\n".join(parts)


# -- steps: one per page; each puts canaries into every kind of input the page has ---------------
def step_talk(ctx: dict) -> None:
    """Send each canary message through the chat box and wait for the embedded model's reply."""
    window, qapp = ctx["window"], ctx["qapp"]
    chat = window.chat_view
    for text in ctx["config"]["messages"]:
        chat.input.setPlainText(text)
        chat.send()
        wait_until(qapp, lambda: not chat.is_replying, 180, "a reply")
    history = window.session.history(chat.current_conversation)
    assert [m.text for m in history if m.role == "user"] == ctx["config"]["messages"], "a message was not saved"


def step_safety_plan(ctx: dict) -> None:
    """Write every step of the safety plan with canaries, open the crisis panel, export the PDF.

    The PDF is the one file the person asks for in the clear (the page warns that it is not
    encrypted); it goes where the parent said, and the parent checks it holds the plan."""
    window, qapp = ctx["window"], ctx["qapp"]
    view = window.page("safety_plan")
    canaries = ctx["config"]["plan"]
    for number, (key, editor) in enumerate(view.editors.items()):
        editor.setPlainText(canaries[number % len(canaries)] + f" ({key})")
    assert view.flush(), "the safety plan was not saved"
    saved = window.session.safety_plan.load()
    assert all(saved.text(key) == view.editors[key].toPlainText() for key in view.editors)
    window.open_help("button")
    qapp.processEvents()
    if window.crisis_panel is not None:
        window.crisis_panel.close()
    assert view.export_pdf(ctx["config"]["export_path"]), "the PDF export failed"


def _needs_step(name: str) -> Callable[[dict], None]:
    def step(ctx: dict) -> None:
        raise SystemExit(f"scenario: the '{name}' page exists but has no proof step yet: add one to "
                         f"tests/scenario.py STEPS that types canaries into every input it has")
    step.__name__ = f"step_{name}"
    return step


#: Page key -> step. Pages of features not yet merged are registered only if the window has them.
STEPS: dict[str, Callable[[dict], None]] = {
    "talk": step_talk,
    # To be written when these land (issues 4, 5, 7): each types canaries into every input of its page
    # (exercise answers, self-check answers, memories).
    "exercises": _needs_step("exercises"),
    "checkins": _needs_step("checkins"),
    "memory": _needs_step("memory"),
    "safety_plan": step_safety_plan,
    "progress": lambda ctx: None,  # shows scores; no input of its own
    "models": lambda ctx: None,  # model files are not personal text
}


def main() -> int:
    config = json.loads(sys.stdin.readline())
    # A marker the parent must find in the network trace: proof that the trace covers this process.
    import socket

    for end in socket.socketpair(socket.AF_UNIX):
        end.close()
    from PySide6.QtCore import QCoreApplication, QStandardPaths
    from PySide6.QtWidgets import QApplication, QMessageBox

    from companion import Companion, GenerationOptions
    from ui.main import AppRoot

    QCoreApplication.setApplicationName("Companion")
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    locations = [QStandardPaths.writableLocation(kind) for kind in (
        QStandardPaths.StandardLocation.AppConfigLocation, QStandardPaths.StandardLocation.GenericConfigLocation,
        QStandardPaths.StandardLocation.AppDataLocation, QStandardPaths.StandardLocation.CacheLocation,
        QStandardPaths.StandardLocation.GenericCacheLocation, QStandardPaths.StandardLocation.TempLocation,
        QStandardPaths.StandardLocation.RuntimeLocation)]
    _say("PATHS " + json.dumps([p for p in locations if p]))
    core = Companion(home=config["home"], kdf=FAST_KDF,
                     options=GenerationOptions(max_tokens=12, seed=3, temperature=0.0))
    root = AppRoot(qapp, core)
    window = root.window
    window.show()
    ctx = {"qapp": qapp, "window": window, "config": config}
    passphrase = config["passphrase"]

    # Create the profile through the unlock screen's form.
    view = window.unlock_view
    view.show_create(True)
    view.new_name.setText(config["nickname"])
    view.new_pass.setText(passphrase)
    view.new_pass2.setText(passphrase)
    view.create_button.click()
    wait_until(qapp, lambda: window.session is not None, 60, "the profile to be created")
    for box in window.findChildren(QMessageBox):
        box.close()
    _say("STEP create_profile")

    for key in list(window._page_keys):
        step = STEPS.get(key) or _needs_step(key)
        window.show_page(key)
        step(ctx)
        _say(f"STEP {key}")

    _say("PAUSE running")
    sys.stdin.readline()

    # Lock: every decrypted word leaves the widgets.
    session = window.session
    window.lock()
    wait_until(qapp, lambda: session._closed.is_set(), 60, "the vault to close")
    shown = visible_text(window)
    for secret in config["secrets"]:
        if secret in shown:
            raise SystemExit("scenario: a canary is still shown after locking")
    _say("STEP lock")

    # A wrong passphrase first (the error is shown, nothing opens), then the right one.
    view.passphrase.setText(passphrase + "x")
    view.unlock_button.click()
    wait_until(qapp, lambda: window._pending is None and bool(view.status.text()), 60, "the wrong passphrase")
    assert window.session is None
    view.passphrase.setText(passphrase)
    view.unlock_button.click()
    wait_until(qapp, lambda: window.session is not None, 60, "unlocking")
    wait_until(qapp, lambda: config["messages"][0] in visible_text(window.chat_view), 30, "the history")
    _say("STEP unlock")

    root.shutdown()
    qapp.processEvents()
    _say("DONE")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # skip interpreter finalization, where PySide6 objects are sometimes torn down out of order
