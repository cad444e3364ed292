"""The memory page and search, and memory in the conversation view, driven offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from companion import Companion, ReplyDone
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend
from ui.main import AppRoot


@pytest.fixture
def root(qtbot, home: Path):  # noqa: ANN001, ANN201
    backend = FakeBackend()
    core = Companion(home=home, backend_factory=lambda: backend, kdf=FAST_KDF)
    session = core.create_profile("Sam", "secret12")
    root = AppRoot(QApplication.instance(), core)
    qtbot.addWidget(root.window)
    root.window.show()
    root.window._on_unlocked(session, None)  # noqa: SLF001 - unlocking itself is tested elsewhere
    for box in root.window.findChildren(QMessageBox):
        box.close()
    root.window.activateWindow()  # shortcuts need the window to be the active one
    qtbot.waitUntil(root.window.isActiveWindow, timeout=3000)
    root.backend = backend
    yield root
    root.shutdown()


def items(widget) -> list[str]:  # noqa: ANN001
    return [widget.item(i).text() for i in range(widget.count())]


def test_the_panel_lists_edits_pins_deletes_and_forgets(qtbot, root) -> None:  # noqa: ANN001
    window = root.window
    window.show_page("memory")
    panel = window.page("memory")
    assert window.pages.currentWidget() is panel
    memory = window.session.memory
    cid = window.session.new_conversation()
    memory.repo.add("Has a sister called Ana", origin="conversation", conversation_id=cid, status="proposed")
    memory.repo.save_summary(cid, "We talked about exams.", 1)
    panel.add_memory("Prefers to be challenged gently")
    assert items(panel.memory_list) == ["Prefers to be challenged gently"]
    assert items(panel.proposal_list) == ["Has a sister called Ana"] and panel.proposal_list.isVisible()
    assert "We talked about exams." in items(panel.summary_list)[0]
    panel.keep_proposal()
    assert items(panel.proposal_list) == [] and not panel.proposal_list.isVisible()
    assert sorted(items(panel.memory_list)) == ["Has a sister called Ana", "Prefers to be challenged gently"]
    panel.memory_list.setCurrentRow(items(panel.memory_list).index("Prefers to be challenged gently"))
    panel.edit_memory("Prefers gentle challenge")
    panel.memory_list.setCurrentRow(items(panel.memory_list).index("Prefers gentle challenge"))
    assert panel.pin_button.text() == "Pin"
    panel.toggle_pin()
    assert items(panel.memory_list)[0] == "Pinned · Prefers gentle challenge"
    assert [m.pinned for m in memory.memories()] == [True, False]
    panel.memory_list.setCurrentRow(1)
    panel.delete_memory()
    assert items(panel.memory_list) == ["Pinned · Prefers gentle challenge"]
    panel.summary_list.setCurrentRow(0)
    panel.edit_summary("Exams, and a walk that helped.")
    assert "Exams, and a walk that helped." in items(panel.summary_list)[0]
    # "Forget everything" says exactly what goes, and then it is gone.
    message = panel.forget_message()
    assert "1 memories" in message and "1 conversation summaries" in message and "conversations themselves stay" in message
    panel.forget_everything(confirmed=False)
    assert panel.memory_list.count() == 1
    panel.forget_everything(confirmed=True)
    assert panel.memory_list.count() == 0 and panel.summary_list.count() == 0
    assert memory.memories() == [] and memory.summaries() == []
    assert window.session.history(cid) == [] and window.session.conversations()  # the conversation stays


def test_lock_clears_the_panel(qtbot, root) -> None:  # noqa: ANN001
    panel = root.window.page("memory")
    root.window.session.memory.add("a private memory")
    panel.reload()
    panel.search_box.setText("private")
    assert panel.memory_list.count() == 1
    root.window.lock()
    assert panel.memory_list.count() == 0 and panel.search_box.text() == "" and panel.results.count() == 0


@pytest.mark.parametrize("words, query", [("I keep replaying what my manager said", "manager"),
                                          ("我又失眠了，脑子停不下来。", "失眠")])
def test_search_opens_the_conversation_at_the_hit(qtbot, root, words: str, query: str) -> None:  # noqa: ANN001
    window = root.window
    session = window.session
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        window.chat_view.input.setPlainText("An unrelated first conversation")
        window.chat_view.send()
    target = session.new_conversation()
    hit = session._conversations.add_message(target, "user", words)  # noqa: SLF001
    for i in range(30):
        session._conversations.add_message(target, "assistant" if i % 2 else "user", f"filler {i}")  # noqa: SLF001
    window.chat_view.reload_conversations()
    window.show_page("memory")
    panel = window.page("memory")
    panel.tabs.setCurrentIndex(1)
    panel.search_box.setText(query)  # as typed (QTest cannot type Chinese); searched after a pause
    qtbot.waitUntil(lambda: panel.results.count() == 1, timeout=5000)
    assert words in panel.results.item(0).text()
    panel.open_result(panel.results.item(0))
    assert window.pages.currentWidget() is window.chat_view
    assert window.chat_view.current_conversation == target
    bubble = window.chat_view._bubble_by_id[hit.id]  # noqa: SLF001
    assert bubble.text() == words
    qtbot.waitUntil(lambda: bubble.visibleRegion().isEmpty() is False, timeout=3000)


def test_chat_shows_used_memories_folds_and_the_switch_holds(qtbot, root) -> None:  # noqa: ANN001
    window = root.window
    chat = window.chat_view
    session = window.session
    session.memory.add("Running in the park helps")
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        chat.input.setPlainText("Should I go running today?")
        chat.send()
    assert chat.messages.bubbles()[-1].note.text() == "Remembered: Running in the park helps"
    cid = chat.current_conversation
    first = session.history(cid)[0]
    session.memory.repo.add_fold(cid, first.id, "summary")
    chat.open_conversation(cid)  # shown again from the vault: the note and a fold marker
    assert chat.messages.bubbles()[-1].note.text() == "Remembered: Running in the park helps"
    markers = [w for w in chat.messages.findChildren(QLabel) if "summarised for the companion" in w.text()]
    assert len(markers) == 1
    switch = chat.memory_marks.switch
    assert not switch.isChecked()
    switch.click()
    assert not session.memory.remembers(cid)
    chat.new_conversation()
    assert not switch.isChecked()
    chat.open_conversation(cid)
    assert switch.isChecked()
    switch.click()
    assert session.memory.remembers(cid)


@pytest.mark.parametrize("words, query", [("the presentation went badly and everyone saw", "presentation"),
                                          ("我担心明天的面试会搞砸", "面试")])
def test_search_finds_a_completed_exercise_and_opens_it(qtbot, root, words: str, query: str) -> None:  # noqa: ANN001
    from companion.practice.exercises import current_step
    from tests.exercises.test_exercise_engine import valid_answer

    window = root.window
    practice = window.session.practice
    run = practice.start("thought_record")
    while not run.complete:
        step = current_step(run.state)
        run = practice.answer(run.id, words if step.kind == "text" else valid_answer(run.state))
    half_done = practice.start("thought_record")
    practice.answer(half_done.id, "an unfinished presentation draft" if query == "presentation" else "面试还没写完")
    window.show_page("memory")
    panel = window.page("memory")
    panel.tabs.setCurrentIndex(1)
    panel.search_box.setText(query)
    qtbot.waitUntil(lambda: panel.results.count() == 1, timeout=5000)  # only the completed run is history
    assert words in panel.results.item(0).text()
    panel.open_result(panel.results.item(0))
    assert window.pages.currentWidget() is window.page("exercises")
    # Deleting the exercise takes it out of the search as well.
    practice.delete(run.id)
    panel.search_box.setText(query + " ")
    qtbot.waitUntil(lambda: panel.results.count() == 0 and "0" in panel.search_status.text(), timeout=5000)
