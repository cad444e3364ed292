"""``companion --self-check``: prove that this installation works, without touching anyone's data.

For whoever installs the app (a clinic's kit runs it after installing; the bundle's and the Debian
package's tests run it too). In a new, empty, temporary data folder (unless ``--home`` names one) it
drives the real window offscreen-capable, the way a person would: creates a profile, sends one fixed
message, waits for the model's reply to stream in, locks, unlocks and quits, then deletes the folder.
It prints one line per step with its duration, and never any text: neither the message nor the
reply. Exit status 0 when every step passed, 1 otherwise.
"""

from __future__ import annotations

import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from companion import Companion, ReplyDone, ReplyToken
from companion.chat.talk import TalkPolicy

MESSAGE = "Hello. This is the installation self-check; a short reply is enough."
REPLY_TIMEOUT = 600.0  # seconds: the first reply on a slow, busy machine includes loading the model


class CheckFailed(Exception):
    pass


def _say(line: str) -> None:
    print(f"self-check: {line}", flush=True)


def _wait(qapp: QApplication, condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise CheckFailed(f"timed out waiting for {what}")
        qapp.processEvents()
        time.sleep(0.005)


def run(qapp: QApplication, home: str | None = None) -> int:
    from ui.main import AppRoot  # the composition root, exactly as a normal start uses it

    from companion.paths import resolve_home

    # Where this user's profiles live (not touched here): the person installing can see it is right.
    _say(f"data folder {resolve_home()}")
    folder = Path(home) if home else Path(tempfile.mkdtemp(prefix="companion-self-check-"))
    root = None
    try:
        root = AppRoot(qapp, Companion(home=folder))
        _steps(qapp, root)
        started = time.monotonic()
        root.shutdown()
        root = None
        qapp.processEvents()
        _say(f"quit ok {1000 * (time.monotonic() - started):.0f} ms")
        _say("passed")
        return 0
    except CheckFailed as failure:
        _say(f"FAILED: {failure}")
        return 1
    finally:
        if root is not None:
            root.shutdown()
        if not home:
            shutil.rmtree(folder, ignore_errors=True)


def _steps(qapp: QApplication, root) -> None:  # noqa: ANN001 - AppRoot, imported late
    window = root.window
    window.show()
    passphrase = secrets.token_urlsafe(18)  # never printed, never stored outside the sealed key

    started = time.monotonic()
    view = window.unlock_view
    view.show_create(True)
    view.new_name.setText("Self-check")
    view.new_pass.setText(passphrase)
    view.new_pass2.setText(passphrase)
    view.create_button.click()
    _wait(qapp, lambda: window.session is not None, 120, "the profile to be created")
    for box in window.findChildren(QMessageBox):
        box.close()
    _say(f"create-profile ok {1000 * (time.monotonic() - started):.0f} ms")

    # The check proves that llama.cpp loads and streams in this install, so the model talks freely here
    # even where the capability gate (issue 14) would have the person's conversations guided.
    window.session.talk = TalkPolicy(root.core.worker, None)
    pieces: list[int] = []
    done: list[ReplyDone] = []

    def on_event(event: object) -> None:
        if isinstance(event, ReplyToken):
            pieces.append(len(event.text))
        elif isinstance(event, ReplyDone):
            done.append(event)

    root.bridge.replyEvent.connect(on_event)
    started = time.monotonic()
    chat = window.chat_view
    chat.input.setPlainText(MESSAGE)
    chat.send()
    _wait(qapp, lambda: bool(done), REPLY_TIMEOUT, "the reply")
    root.bridge.replyEvent.disconnect(on_event)
    reply = done[0]
    if reply.error or reply.message is None:
        raise CheckFailed(f"no reply from the model ({reply.error or 'nothing saved'})")
    if not pieces:
        raise CheckFailed("the reply was not streamed")
    _say(f"reply ok {1000 * (time.monotonic() - started):.0f} ms, streamed in {len(pieces)} pieces")
    # Which safety layers this install runs (the learned ones load in the background): a bundle that lost the
    # scorer's weights or the sentence embedder would still pass every step above, on the rules alone.
    scorer = root.core.risk_scorer
    scorer.wait(60)
    replies = root.core.reply_scorer.model()
    _say(f"safety layers: rules, scorer {scorer.version or 'OFF'}, semantic {scorer.semantic_version or 'OFF'}, "
         f"reply scorer {replies.version if replies is not None else 'OFF'}")

    started = time.monotonic()
    session = window.session
    window.lock()
    _wait(qapp, lambda: session._closed.is_set(), 60, "the vault to close")
    _say(f"lock ok {1000 * (time.monotonic() - started):.0f} ms")

    started = time.monotonic()
    view.passphrase.setText(passphrase)
    view.unlock_button.click()
    _wait(qapp, lambda: window.session is not None, 120, "unlocking")
    history = window.session.history(window.session.conversations()[0].id)
    if [m.role for m in history][:2] != ["user", "assistant"]:
        raise CheckFailed("the conversation was not kept across lock and unlock")
    _say(f"unlock ok {1000 * (time.monotonic() - started):.0f} ms")


if __name__ == "__main__":  # python -m ui.self_check [HOME]
    sys.exit(run(QApplication(sys.argv[:1]), sys.argv[1] if len(sys.argv) > 1 else None))
