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


def _drive_runner(ctx: dict, runner, texts: list[str], stop_after_texts: int | None = None) -> None:  # noqa: ANN001
    """Answer the runner's steps through its widgets: a canary in each free-text step (taken in turn
    from ``texts``), the first option of a choice left empty, ratings as they stand, Next. Stops when
    the run is complete or, with ``stop_after_texts``, once that many text steps are answered."""
    from PySide6.QtWidgets import QPlainTextEdit

    from ui.exercise_runner import ChoiceInput

    qapp = ctx["qapp"]
    typed = 0
    for _ in range(60):
        run = runner.run
        if run is None or run.complete or (stop_after_texts is not None and typed >= stop_after_texts):
            return
        step, widget = run.step, runner.input_widget
        assert step.kind != "timer", "the scenario drives exercises without timers"
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(texts[typed % len(texts)] + f" ({step.id})")
            typed += 1
        elif isinstance(widget, ChoiceInput) and not any(b.isChecked() for b in widget.buttons.values()):
            next(iter(widget.buttons.values())).setChecked(True)
        before = (run.id, len(run.state["history"]))
        runner.next_button.click()
        qapp.processEvents()
        after = runner.run
        assert after is not None and (after.complete or (after.id, len(after.state["history"])) != before), \
            f"the exercise did not move on from step {step.id}: {runner.error.text()}"
    raise SystemExit("scenario: the exercise did not end")


def step_exercises(ctx: dict) -> None:
    """A thought record with canaries in every free-text step: left half-way (Save and close), resumed
    from the home page's card, completed. A second exercise is left half-way, to be stored at lock."""
    from PySide6.QtWidgets import QPushButton

    window, qapp = ctx["window"], ctx["qapp"]
    page = window.page("exercises")
    practice = window.session.practice
    canaries = ctx["config"]["canaries"]
    texts = [f"My manager frowned at {canaries['exercise_latin']}", f"觉得{canaries['exercise_chinese']}"]

    page.start_buttons["thought_record"].click()
    assert page.stack.currentWidget() is page.runner
    run_id = page.runner.run.id
    _drive_runner(ctx, page.runner, texts, stop_after_texts=2)  # situation, mood (and its rating not yet)
    page.runner.close_button.click()
    qapp.processEvents()
    assert page.stack.currentWidget() is page.home_scroll and run_id in page.resume_cards, "no resume card"
    stored = practice.run(run_id)
    assert not stored.complete and texts[0] in stored.state["answers"]["situation"], "the half-way run was not saved"

    # Resume through the card: the runner opens at the next step, and Back shows what was typed.
    card = page.resume_cards[run_id]
    resume = next(b for b in card.findChildren(QPushButton) if b.objectName() == "primary")
    resume.click()
    qapp.processEvents()
    assert page.stack.currentWidget() is page.runner and page.runner.run.id == run_id
    assert page.runner.run.step.id == "mood_rating", f"resumed at {page.runner.run.step.id}"
    page.runner.back_button.click()
    qapp.processEvents()
    assert texts[1] in page.runner.input_widget.toPlainText(), "the resumed run lost the answer"
    _drive_runner(ctx, page.runner, texts)
    assert practice.run(run_id).complete and page.stack.currentWidget() is page.reader
    summary = " ".join(item["answer"] for item in practice.run(run_id).summary("en")["items"])
    assert canaries["exercise_latin"] in summary and canaries["exercise_chinese"] in summary

    # Another exercise's text inputs, left half-way: it is in the vault (encrypted) when the app locks.
    page.show_home()
    page.start_buttons["decatastrophising"].click()
    half = page.runner.run.id
    _drive_runner(ctx, page.runner, texts, stop_after_texts=2)
    page.runner.close_button.click()
    qapp.processEvents()
    assert [r.id for r in practice.unfinished()] == [half], "the second exercise was not kept half-way"
    assert [r.id for r in practice.completed()] == [run_id]


def step_checkins(ctx: dict) -> None:
    """A PHQ-9 answered with the radio buttons (item 9 = 0: no crisis panel) and a mood check-in whose
    word is a canary; both results stored."""
    from PySide6.QtWidgets import QLineEdit, QSpinBox

    window, qapp = ctx["window"], ctx["qapp"]
    page = window.page("checkins")
    practice = window.session.practice
    answers = [1, 2, 0, 1, 3, 0, 1, 2, 0]  # item 9 last, 0
    page.start_buttons["phq9"].click()
    assert page.stack.currentWidget() is page.question_page
    for value in answers:
        page.choose(value)
        page.next_button.click()
        qapp.processEvents()
    assert page.stack.currentWidget() is page.result_page, page.question_error.text()
    assert window.crisis_panel is None or not window.crisis_panel.isVisible(), "item 9 = 0 opened crisis help"
    assert [r.answers for r in practice.results("phq9")] == [answers]

    word = ctx["config"]["canaries"]["mood_word"]
    page.show_home()
    page.start_buttons["mood"].click()
    page.question_scroll.findChild(QSpinBox).setValue(6)
    page.next_button.click()
    qapp.processEvents()
    page.question_scroll.findChild(QLineEdit).setText(word)
    page.next_button.click()
    qapp.processEvents()
    assert page.stack.currentWidget() is page.result_page, page.question_error.text()
    assert [r.answers for r in practice.results("mood")] == [[6, word]], "the mood check-in was not stored"
    assert not practice.draft("mood") and not practice.draft("phq9")


def _answer_dialog(qapp, text: str) -> None:  # noqa: ANN001
    """Type ``text`` into the input dialog once it is open, and press OK."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QInputDialog

    dialogs = [w for w in qapp.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible()]
    if not dialogs:
        QTimer.singleShot(20, lambda: _answer_dialog(qapp, text))
        return
    dialogs[0].setTextValue(text)
    dialogs[0].accept()


def step_memory(ctx: dict) -> None:
    """Add a memory (canaries) with the panel's Add… dialog; search a canary word of the conversation
    and of the completed exercise, and open each hit."""
    from PySide6.QtCore import QTimer

    window, qapp = ctx["window"], ctx["qapp"]
    panel = window.page("memory")
    canaries = ctx["config"]["canaries"]
    text = f"My dog is called {canaries['memory_latin']}; 小狗叫{canaries['memory_chinese']}"
    panel.tabs.setCurrentIndex(0)
    QTimer.singleShot(0, lambda: _answer_dialog(qapp, text))
    panel.add_button.click()  # the dialog runs its own event loop until _answer_dialog accepts it
    assert [m.text for m in window.session.memory.memories()] == [text], "the memory was not saved"
    assert any(panel.memory_list.item(i).text().endswith(text) for i in range(panel.memory_list.count()))

    # Search: a word of the conversation opens it in Talk; a word of the completed exercise opens it
    # on the exercises page. Each hit is opened with a double click.
    panel.tabs.setCurrentIndex(1)
    conversation_id = _search_and_open(ctx, panel, ctx["config"]["search_word"], "message")
    assert window.pages.currentWidget() is window.chat_view, "the hit did not open the conversation"
    assert window.chat_view.current_conversation == conversation_id
    window.show_page("memory")
    run_id = _search_and_open(ctx, panel, canaries["exercise_latin"], "exercise_run")
    exercises = window.page("exercises")
    assert window.pages.currentWidget() is exercises and exercises.stack.currentWidget() is exercises.reader, \
        "the hit did not open the exercise"
    assert exercises._reading is not None and exercises._reading.id == run_id
    assert canaries["exercise_latin"] in visible_text(exercises.reader)


def _search_and_open(ctx: dict, panel, word: str, source: str) -> str:  # noqa: ANN001
    """Type ``word`` in the search box, press Enter, double-click the (oldest) hit of ``source`` that
    shows the word; returns the hit's conversation id (messages) or run id (exercises)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    qapp = ctx["qapp"]
    panel.results.clear()
    panel.search_box.setText(word)
    QTest.keyClick(panel.search_box, Qt.Key.Key_Return)
    wait_until(qapp, lambda: panel.results.count() > 0, 60, "search results")
    wait_until(qapp, lambda: panel._search_call is None, 60, "the search to finish")
    rows = [panel.results.item(i) for i in range(panel.results.count())]
    hits = [item for item in rows if word in item.text() and item.data(Qt.ItemDataRole.UserRole)[0] == source]
    assert hits, f"no {source} result shows the word: {[item.data(Qt.ItemDataRole.UserRole) for item in rows]}"
    hit = hits[-1]  # newest first: for messages, the last is the person's own message
    found, ref, conversation_id = hit.data(Qt.ItemDataRole.UserRole)
    panel.results.scrollToItem(hit)
    # A double click, as a person makes it: QTest's double click alone lacks the first click.
    centre = panel.results.visualItemRect(hit).center()
    QTest.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseDClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qapp.processEvents()
    return conversation_id if found == "message" else ref


def step_data(ctx: dict) -> None:
    """Your data (issue 12): an encrypted backup (under the profile's passphrase, a canary) saved next to
    the data folder, where the parent scans it; a passphrase change through its dialog (to the same
    one, so the later unlock still works); retention switched on; the clinician report saved as a PDF
    without conversation text (scanned too). The readable export is plaintext the person asks for and is
    tested in tests/test_ui_data.py instead."""
    from pathlib import Path

    window, qapp = ctx["window"], ctx["qapp"]
    page = window.page("data")
    passphrase = ctx["config"]["passphrase"]
    folder = Path(ctx["config"]["home"]).parent / "usb stick"
    folder.mkdir(exist_ok=True)
    backup = page.open_backup()
    backup.file_row.path.setText(str(folder / "River.companion-backup"))
    backup.passphrase.setText(passphrase)
    backup._start()
    wait_until(qapp, lambda: backup.start.isEnabled(), 60, "the backup")
    assert (folder / "River.companion-backup").is_file(), f"the backup failed: {backup.message.text()}"
    backup.close()
    change = page.open_passphrase()
    for field in (change.old, change.new, change.again):
        field.setText(passphrase)
    change._start()
    wait_until(qapp, lambda: not change.isVisible() or change.start.isEnabled(), 60, "the passphrase change")
    assert not change.isVisible(), f"the passphrase change failed: {change.message.text()}"
    page.retention.setChecked(True)
    report = page.open_report()
    assert report.save_to(folder / "report.pdf"), "the report was not saved"
    report.close()


def _needs_step(name: str) -> Callable[[dict], None]:
    def step(ctx: dict) -> None:
        raise SystemExit(f"scenario: the '{name}' page exists but has no proof step yet: add one to "
                         f"tests/scenario.py STEPS that types canaries into every input it has")
    step.__name__ = f"step_{name}"
    return step


#: Page key -> step. Pages of features not yet merged are registered only if the window has them.
STEPS: dict[str, Callable[[dict], None]] = {
    "talk": step_talk,
    "exercises": step_exercises,
    "checkins": step_checkins,
    "memory": step_memory,
    "safety_plan": step_safety_plan,
    "progress": lambda ctx: None,  # shows scores; no input of its own
    "models": lambda ctx: None,  # model files are not personal text
    "data": step_data,
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
    if "exercises" in window._page_keys:  # the exercise left half-way survived the lock and can be resumed
        exercises = window.page("exercises")
        assert len(exercises.resume_cards) == 1, "the unfinished exercise is not offered after unlocking"
        exercises.resume(next(iter(exercises.resume_cards)))
        assert config["canaries"]["exercise_latin"] in window.session.practice.run(exercises.runner.run.id) \
            .state["answers"]["fear"], "the unfinished exercise lost its answer"
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
