"""The window, driven as a person would, offscreen, with a scripted backend behind the worker
protocol (the real model is exercised in test_model_end_to_end.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from companion import Companion, ModelState, ReplyDone
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend
from ui.main import AppRoot


def create_profile(qtbot, root: AppRoot, name: str = "Sam", passphrase: str = "secret12") -> None:  # noqa: ANN001
    view = root.window.unlock_view
    view.show_create(True)
    qtbot.keyClicks(view.new_name, name)
    qtbot.keyClicks(view.new_pass, passphrase)
    qtbot.keyClicks(view.new_pass2, passphrase)
    qtbot.mouseClick(view.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: root.window.session is not None, timeout=10_000)
    for box in root.window.findChildren(QMessageBox):
        box.close()
    ensure_active(qtbot, root)


def ensure_active(qtbot, root: AppRoot) -> None:  # noqa: ANN001
    """Shortcuts (Ctrl+L) need the window to be the active one. Offscreen, the closed first-run
    notice can hand activation back late (to nobody), after the window was activated once."""
    QApplication.processEvents()
    root.window.activateWindow()
    qtbot.waitUntil(root.window.isActiveWindow, timeout=3000)


def unlock(qtbot, root: AppRoot, passphrase: str = "secret12") -> None:  # noqa: ANN001
    view = root.window.unlock_view
    view.passphrase.clear()
    qtbot.keyClicks(view.passphrase, passphrase)
    qtbot.keyClick(view.passphrase, Qt.Key.Key_Return)


def type_and_send(qtbot, root: AppRoot, text: str) -> None:  # noqa: ANN001
    chat = root.window.chat_view
    qtbot.keyClicks(chat.input, text)
    qtbot.keyClick(chat.input, Qt.Key.Key_Return)


def texts(root: AppRoot) -> list[str]:
    return [b.text() for b in root.window.chat_view.messages.bubbles()]


def test_create_profile_send_and_see_the_streamed_reply(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root(FakeBackend(["I'm glad you wrote. What's on your mind tonight?"], token_delay=0.01))
    create_profile(qtbot, root)
    assert root.window.windowTitle() == "Companion"
    # The first-run notice was shown (once: it is remembered) and closed: nothing is left over the chat.
    assert root.window.findChild(QMessageBox, "aiNotice") is not None and root.core.preferences.ai_notice_seen
    assert [box for box in root.window.findChildren(QMessageBox) if box.isVisible()] == []
    chat = root.window.chat_view
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        type_and_send(qtbot, root, "Hello")
        assert chat.stop_button.isEnabled() and not chat.send_button.isEnabled()
    assert texts(root) == ["Hello", "I'm glad you wrote. What's on your mind tonight?"]
    assert chat.input.toPlainText() == ""
    assert not chat.stop_button.isEnabled() and chat.send_button.isEnabled()
    assert "Hello" not in root.window.windowTitle()


def test_shift_enter_breaks_the_line_instead_of_sending(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    chat = root.window.chat_view
    qtbot.keyClicks(chat.input, "one")
    qtbot.keyClick(chat.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(chat.input, "two")
    assert chat.input.toPlainText() == "one\ntwo"
    assert texts(root) == []


def test_first_run_shows_the_ai_notice_once(qtbot, make_root, home: Path) -> None:  # noqa: ANN001
    root = make_root()
    view = root.window.unlock_view
    view.show_create(True)
    view.new_name.setText("Sam")
    view.new_pass.setText("secret12")
    view.new_pass2.setText("secret12")
    view._create()
    qtbot.waitUntil(lambda: root.window.session is not None, timeout=10_000)
    notices = [b for b in root.window.findChildren(QMessageBox) if b.objectName() == "aiNotice"]
    assert len(notices) == 1 and "not a therapist" in notices[0].text()
    assert root.window.ai_notice.isVisible()
    assert Companion(home=home).preferences.ai_notice_seen


def test_stop_mid_reply_keeps_the_partial_reply_marked_stopped(qtbot, make_root) -> None:  # noqa: ANN001
    backend = FakeBackend(["word " * 1000], token_delay=0.01)
    root = make_root(backend)
    create_profile(qtbot, root)
    chat = root.window.chat_view
    type_and_send(qtbot, root, "talk")
    qtbot.waitUntil(lambda: len(texts(root)) == 2 and texts(root)[1].startswith("word"), timeout=5000)
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        qtbot.keyClick(chat.input, Qt.Key.Key_Escape)
    bubble = chat.messages.bubbles()[-1]
    assert bubble.note.text() == "(stopped)"
    history = root.window.session.history(chat.current_conversation)
    assert history[-1].status == "stopped" and 0 < len(history[-1].text.split()) < 1000


def test_regenerate_replaces_the_last_reply(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root(FakeBackend(["first try", "second try"]))
    create_profile(qtbot, root)
    chat = root.window.chat_view
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        type_and_send(qtbot, root, "hi")
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        qtbot.mouseClick(chat.regenerate_button, Qt.MouseButton.LeftButton)
    assert texts(root) == ["hi", "second try"]
    assert [m.text for m in root.window.session.history(chat.current_conversation)] == ["hi", "second try"]


def test_switching_conversation_while_replying_paints_only_the_shown_one(qtbot, make_root) -> None:  # noqa: ANN001
    backend = FakeBackend(["old conversation reply"])
    root = make_root(backend)
    create_profile(qtbot, root)
    chat = root.window.chat_view
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        type_and_send(qtbot, root, "first conversation")
    first = chat.current_conversation
    backend.token_delay = 0.03
    backend.enqueue("a slow answer " * 12)  # within the length a reply may have (issue 14 shaping)
    qtbot.mouseClick(chat.new_button, Qt.MouseButton.LeftButton)
    type_and_send(qtbot, root, "second question")
    second = chat.current_conversation
    qtbot.waitUntil(lambda: backend.started.is_set(), timeout=5000)
    # Switch to the first conversation mid-reply: its own messages only, no stray tokens.
    items = [chat.conversation_list.item(i) for i in range(chat.conversation_list.count())]
    target = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == first)
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=10_000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        chat.conversation_list.setCurrentItem(target)
        assert texts(root) == ["first conversation", "old conversation reply"]
    assert texts(root) == ["first conversation", "old conversation reply"]
    # The reply was saved with its own conversation and shows when we go back.
    target = next(chat.conversation_list.item(i) for i in range(chat.conversation_list.count())
                  if chat.conversation_list.item(i).data(Qt.ItemDataRole.UserRole) == second)
    chat.conversation_list.setCurrentItem(target)
    assert texts(root)[0] == "second question" and texts(root)[1].startswith("a slow answer")


def test_lock_while_generating_clears_every_word_and_saves_the_reply(qtbot, make_root) -> None:  # noqa: ANN001
    # An ordinary reply: since the learned reply scorer reviews every reply, a nonsense "secret reply secret
    # reply ..." was (reasonably) withdrawn as a promise of secrecy, which is not what this test is about.
    backend = FakeBackend(["Thank you for telling me tonight. " * 100], token_delay=0.01)
    root = make_root(backend)
    # The first-run notice is tested on its own; here it would only race for window activation.
    root.core.save_preferences(dataclasses.replace(root.core.preferences, ai_notice_seen=True))
    create_profile(qtbot, root)
    type_and_send(qtbot, root, "my private words")
    qtbot.waitUntil(lambda: backend.started.is_set(), timeout=5000)
    session = root.window.session
    ensure_active(qtbot, root)
    qtbot.keyClick(root.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert root.window.stack.currentIndex() == 0
    assert texts(root) == []
    assert root.window.chat_view.conversation_list.count() == 0
    assert root.window.chat_view.input.toPlainText() == ""
    for label in root.window.findChildren(type(root.window.status_label)):
        assert "private" not in label.text() and "telling me tonight" not in label.text()
    qtbot.waitUntil(lambda: session._closed.is_set(), timeout=10_000)
    assert backend.cleared >= 1
    # Unlock again: the partial reply was committed, marked stopped.
    unlock(qtbot, root)
    qtbot.waitUntil(lambda: root.window.session is not None, timeout=10_000)
    shown = texts(root)
    assert shown[0] == "my private words" and shown[1].startswith("Thank you for telling me")
    assert root.window.chat_view.messages.bubbles()[1].note.text() == "(stopped)"


def test_wrong_passphrase_says_so_and_stays_on_the_unlock_screen(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    root.window.lock()
    unlock(qtbot, root, "not the one")
    qtbot.waitUntil(lambda: "doesn't open" in root.window.unlock_view.status.text(), timeout=10_000)
    assert root.window.session is None and root.window.stack.currentIndex() == 0


def test_auto_lock_after_idle(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    root.window.idle._timer.setInterval(50)  # the real setting is in minutes; shorten the wait only
    root.window.idle._timer.start()
    qtbot.waitUntil(lambda: root.window.session is None, timeout=3000)
    assert root.window.stack.currentIndex() == 0 and texts(root) == []


def test_without_a_model_the_chat_says_so_calmly_and_still_talks_guided(qtbot, make_root, home: Path) -> None:  # noqa: ANN001
    core = Companion(home=home, model_path=home / "no such model.gguf", kdf=FAST_KDF)
    root = make_root(core=core)
    create_profile(qtbot, root)
    qtbot.waitUntil(lambda: core.worker.state.state == ModelState.FAILED, timeout=10_000)
    qtbot.waitUntil(lambda: "guided conversation" in root.window.status_label.text(), timeout=5000)
    chat = root.window.chat_view
    qtbot.waitUntil(lambda: "no language model is loaded" in chat.mode_line.text(), timeout=5000)
    assert chat.better_button.isVisible()  # and how to get a model that talks freely
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        type_and_send(qtbot, root, "I can't sleep because of work.")
    shown = texts(root)
    assert shown[0] == "I can't sleep because of work." and "sleep because of work" in shown[1]
    assert "guided reply" in chat.messages.bubbles()[-1].note.text()
    # The "Get a better model" page: exact files, sizes, hashes and licences from the shipped list.
    chat.better_button.click()
    from ui.better_model import BetterModelDialog

    qtbot.waitUntil(lambda: bool(root.window.findChildren(BetterModelDialog)), timeout=3000)
    page = root.window.findChildren(BetterModelDialog)[0].page
    cards = [c.text() for c in page.cards]
    assert "Llama-3.2-3B-Instruct-Q4_K_M.gguf" in "\n".join(cards)
    assert "6c99cc00ae910f6a532a80022cb4bc1939094527a089c29294b841c0bd87f74d" in "\n".join(cards)
    assert "Qwen2.5" in cards[0] or "Qwen2.5" in cards[1]


def test_chinese_speakers_see_qwen_first_on_the_better_model_page(qtbot) -> None:  # noqa: ANN001
    from ui.better_model import BetterModelPage

    page = BetterModelPage(None, "zh_CN")
    qtbot.addWidget(page)
    assert page.cards[0].text().startswith("Qwen2.5")
    assert "SmolLM2 135M" in page.cards[-1].text() or "Gemma 3 270M" in page.cards[-1].text()  # built in, last


def test_delete_conversation_asks_first_and_says_what_goes(qtbot, make_root, monkeypatch) -> None:  # noqa: ANN001
    root = make_root(FakeBackend(["ok"]))
    create_profile(qtbot, root)
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        type_and_send(qtbot, root, "to be deleted")
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # noqa: ANN001, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Cancel if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    chat = root.window.chat_view
    chat.delete_current()
    assert chat.conversation_list.count() == 1  # cancelled: nothing deleted
    chat.delete_current()
    assert chat.conversation_list.count() == 0
    assert "2 messages" in asked[0] and "cannot be undone" in asked[0]
