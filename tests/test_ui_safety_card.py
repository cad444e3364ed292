"""The safety card in the chat, driven as a person would, offscreen, with a scripted backend."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from companion import ReplyDone
from tests.fakes import FakeBackend
from tests.test_ui_chat import create_profile, texts, type_and_send, unlock
from ui.main import AppRoot
from ui.safety_card import SafetyCard

ELEVATED = {"en": "Honestly I feel like a burden to everyone.", "zh_CN": "说实话，我觉得自己是所有人的累赘。"}
IMMINENT = {"en": "I'm going to kill myself tonight. I have the pills ready.", "zh_CN": "我今晚就要自杀，药已经准备好了。"}


@pytest.fixture
def make_root(make_root):  # noqa: ANN001, ANN201 - the shared one (conftest.py), recording open_help
    def make(backend: FakeBackend | None = None, language: str = "en"):  # noqa: ANN202
        root = make_root(backend, region="GB", language=language)
        help_calls: list[str] = []
        root.window.open_help = help_calls.append  # the crisis panel is another feature; record the call
        root.help_calls = help_calls
        return root

    return make


def send_and_wait(qtbot, root: AppRoot, text: str) -> None:  # noqa: ANN001
    chat = root.window.chat_view
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        if text.isascii():
            type_and_send(qtbot, root, text)
        else:  # QTest cannot type Chinese characters as key events
            chat.input.setPlainText(text)
            qtbot.keyClick(chat.input, Qt.Key.Key_Return)


def cards(root: AppRoot) -> list[SafetyCard]:
    return [c for c in root.window.chat_view.findChildren(SafetyCard) if c.data.event_id is not None]


def rows(root: AppRoot) -> list[QWidget]:
    """The message view's rows in order: bubbles and cards."""
    layout = root.window.chat_view.messages.widget().layout()
    found = []
    for i in range(layout.count()):
        widget = layout.itemAt(i).widget()
        if widget is not None and widget is not root.window.chat_view.messages.empty:
            found.append(widget)
    return found


def test_an_elevated_message_shows_a_card_with_the_reply(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root(FakeBackend(["That sounds so heavy. What makes you feel that way?"]))
    create_profile(qtbot, root)
    send_and_wait(qtbot, root, ELEVATED["en"])
    [card] = cards(root)
    assert texts(root) == [ELEVATED["en"], "That sounds so heavy. What makes you feel that way?"]
    # The card sits right after the reply, and says what was noticed in the person's words' language.
    shown = rows(root)
    assert len(shown) == 3 and shown[2].isAncestorOf(card)
    assert "burden" in card.noticed.text()
    assert card.accessibleName() == "Safety check-in" and "burden" in card.accessibleDescription()
    assert card.title.text() == "A gentle check-in"
    assert not card.resources.isVisibleTo(card)  # elevated: no wall of numbers
    # Non-blocking: the person can write on at once.
    assert root.window.chat_view.send_button.isEnabled()


def test_the_card_buttons_open_the_help_and_the_safety_plan(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root(FakeBackend(["I'm here."]))
    create_profile(qtbot, root)
    send_and_wait(qtbot, root, ELEVATED["en"])
    [card] = cards(root)
    qtbot.mouseClick(card.lines_button, Qt.MouseButton.LeftButton)
    assert root.help_calls == ["card"]
    qtbot.mouseClick(card.plan_button, Qt.MouseButton.LeftButton)
    assert root.window.pages.currentWidget() is root.window.page("safety_plan")
    assert root.help_calls == ["card"]


def test_without_a_safety_plan_page_the_plan_button_opens_the_help(qtbot, make_root, monkeypatch) -> None:  # noqa: ANN001
    root = make_root(FakeBackend(["I'm here."]))
    create_profile(qtbot, root)
    send_and_wait(qtbot, root, ELEVATED["en"])
    [card] = cards(root)
    pages = root.window._page_keys  # noqa: SLF001 - a window built without the safety-plan page
    monkeypatch.setattr(root.window, "_page_keys", [k for k in pages if k != "safety_plan"])
    qtbot.mouseClick(card.plan_button, Qt.MouseButton.LeftButton)
    assert root.help_calls == ["card"]  # the crisis help holds the plan too


def test_thats_not_what_i_meant_is_recorded_and_the_card_explains(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root(FakeBackend(["I'm here."]))
    create_profile(qtbot, root)
    send_and_wait(qtbot, root, ELEVATED["en"])
    [card] = cards(root)
    qtbot.mouseClick(card.not_meant_button, Qt.MouseButton.LeftButton)
    session = root.window.session
    [event] = session.safety_events(root.window.chat_view.current_conversation)
    assert event.corrected and event.correction == ""
    assert not card.not_meant_button.isVisibleTo(card)
    assert "Thank you for telling me" in card.explanation.text() and "checks every message" in card.explanation.text()
    # The person may add what they meant; it is saved with the event.
    assert card.note_row.isVisibleTo(card)
    qtbot.keyClicks(card.note, "I meant my team at work")
    qtbot.keyClick(card.note, Qt.Key.Key_Return)
    [event] = session.safety_events(root.window.chat_view.current_conversation)
    assert event.correction == "I meant my team at work"
    assert "I meant my team at work" in card.explanation.text()


def test_an_imminent_card_lists_the_emergency_number_and_lines_first(qtbot, make_root) -> None:  # noqa: ANN001
    backend = FakeBackend()
    root = make_root(backend)
    create_profile(qtbot, root)
    send_and_wait(qtbot, root, IMMINENT["en"])
    assert backend.prompts == []
    reply = texts(root)[1]
    assert reply.startswith("If you might act on these thoughts") and "999" in reply.split("\n")[0]
    [card] = cards(root)
    assert card.title.text() == "Your safety comes first"
    layout = card.layout()
    order = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert order.index(card.resources) < order.index(card.noticed)
    assert card.resources.isVisibleTo(card) and card.resources.text().startswith("Emergency: 999 or 112")
    assert "116 123" in card.resources.text()


def test_cards_are_cleared_on_lock_and_come_back_on_reopen(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root(FakeBackend(["I'm here.", "Thanks for telling me."]))
    create_profile(qtbot, root)
    send_and_wait(qtbot, root, ELEVATED["en"])
    [card] = cards(root)
    qtbot.mouseClick(card.not_meant_button, Qt.MouseButton.LeftButton)
    send_and_wait(qtbot, root, "I went for a walk today.")
    root.window.lock()
    assert texts(root) == []
    qtbot.waitUntil(lambda: not root.window.findChildren(SafetyCard), timeout=3000)
    unlock(qtbot, root)
    qtbot.waitUntil(lambda: root.window.session is not None, timeout=10_000)
    [card] = cards(root)
    shown = rows(root)
    # Back after the reply it came with, not after the later messages, and still corrected.
    assert shown[2].isAncestorOf(card) and len(shown) == 5
    assert not card.not_meant_button.isVisibleTo(card) and "Thank you" in card.explanation.text()


def test_a_card_in_chinese(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root(FakeBackend(["听起来你真的很累。"]), language="zh_CN")
    create_profile(qtbot, root)
    for box in root.window.findChildren(QMessageBox):
        box.close()
    send_and_wait(qtbot, root, ELEVATED["zh_CN"])
    [card] = cards(root)
    assert card.title.text() == "想关心一下你"
    assert card.not_meant_button.text() == "我不是这个意思"
    assert "累赘" in card.noticed.text() or "负担" in card.noticed.text()
    assert card.accessibleName() == "安全关怀提示"


def test_a_card_is_not_painted_into_another_conversation(qtbot, make_root) -> None:  # noqa: ANN001
    backend = FakeBackend(["ok", "slow " * 50], token_delay=0.0)
    root = make_root(backend)
    create_profile(qtbot, root)
    send_and_wait(qtbot, root, "hello")
    chat = root.window.chat_view
    first = chat.current_conversation
    qtbot.mouseClick(chat.new_button, Qt.MouseButton.LeftButton)
    send_and_wait(qtbot, root, ELEVATED["en"])
    assert len(cards(root)) == 1
    item = next(chat.conversation_list.item(i) for i in range(chat.conversation_list.count())
                if chat.conversation_list.item(i).data(Qt.ItemDataRole.UserRole) == first)
    chat.conversation_list.setCurrentItem(item)
    qtbot.waitUntil(lambda: not cards(root), timeout=3000)
