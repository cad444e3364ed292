"""The first hour of a new person, driven by keyboard alone, offscreen, in English and Chinese (issue 15).

Keys always go to whatever has the focus (tests/first_hour_helpers.py), so a focus that lands in the
wrong place shows up as text in the wrong place, as it did for the person who reported it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from companion import Companion
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend
from tests.first_hour_helpers import focused, leaks, press, tab_to, type_text
from ui.main import AppRoot

LANGUAGES = ["en", "zh_CN"]


@pytest.fixture
def make_root(qtbot, home: Path):  # noqa: ANN001, ANN201
    roots: list[AppRoot] = []

    def make(language: str = "en", profiles: tuple[str, ...] = (), **prefs) -> AppRoot:  # noqa: ANN003
        core = Companion(home=home, backend_factory=lambda: FakeBackend(), kdf=FAST_KDF)
        core.save_preferences(dataclasses.replace(core.preferences, language=language, **prefs))
        for name in profiles:
            core.profiles.create(name, "correct horse battery")[1].close()
        root = AppRoot(QApplication.instance(), core)
        qtbot.addWidget(root.window)
        root.window.show()
        qtbot.waitExposed(root.window)
        root.window.activateWindow()
        qtbot.waitUntil(root.window.isActiveWindow, timeout=3000)
        roots.append(root)
        return root

    yield make
    for root in roots:
        root.shutdown()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def activate(qtbot, window) -> None:  # noqa: ANN001
    """The offscreen platform deactivates the window when a reply's widgets settle (it happens on main
    too, with no other window shown: an offscreen quirk, not a focus move); a person's window stays
    active, so make it active again. The focus widget it had is restored by Qt, not by this helper."""
    QApplication.processEvents()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def wait_idle(qtbot, root: AppRoot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: root.window._pending is None, timeout=10_000)  # noqa: SLF001


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_passphrase_puts_the_focus_back_in_the_cleared_field_and_never_shows_it(
        qtbot, make_root, language: str) -> None:  # noqa: ANN001
    root = make_root(language, profiles=("Sam",), ai_notice_seen=True)
    view = root.window.unlock_view
    assert focused() is view.passphrase
    type_text(qtbot, "wrong guess here")
    press(qtbot, Qt.Key.Key_Return)
    assert view.busy_bar.isVisible()  # the slow key derivation shows that something is happening
    wait_idle(qtbot, root)
    assert view.status.text()  # one clear sentence says what went wrong
    assert focused() is view.passphrase and view.passphrase.text() == ""
    # Retyped at once, spaces and all: every key lands in the hidden field, nothing is pressed.
    type_text(qtbot, "correct horse battery")
    assert view.passphrase.text() == "correct horse battery"
    assert leaks("horse") == [] and leaks("wrong guess") == []
    assert not view.creating
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: root.window.session is not None, timeout=10_000)
    assert leaks("horse") == []
    assert view.passphrase.text() == ""


def finish_first_run(qtbot, root: AppRoot, name: str = "Sam", passphrase: str = "correct horse battery",  # noqa: ANN001
                     language: str = "en") -> AppRoot:
    """The first-run set-up by keyboard: language, nickname and passphrase, region, model; then create."""
    window = root.window
    setup = window.first_run
    assert window.unlock_view.first_run is setup and setup.isVisible()
    assert focused() is setup.language
    if language != setup.language.currentData():
        with qtbot.waitSignal(window.languageChosen):
            press(qtbot, Qt.Key.Key_Down if language == "zh_CN" else Qt.Key.Key_Up)
        window = root.window  # rebuilt in the chosen language
        setup = window.first_run
        qtbot.waitUntil(lambda: focused() is setup.language, timeout=3000)
    assert setup.step_label.text() == {"en": "Step 1 of 4", "zh_CN": "第 1 步，共 4 步"}[language]
    tab_to(qtbot, setup.next_button)
    press(qtbot, Qt.Key.Key_Return)  # Enter presses the focused button
    assert focused() is setup.name
    type_text(qtbot, name)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, passphrase)
    assert "Strong" in setup.strength.text() or "很安全" in setup.strength.text()
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, passphrase)
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is setup.region
    tab_to(qtbot, setup.next_button)
    press(qtbot, Qt.Key.Key_Return)
    assert setup.next_button.text() in ("Create my profile", "创建我的个人空间")
    tab_to(qtbot, setup.next_button)
    press(qtbot, Qt.Key.Key_Return)
    assert window.unlock_view.busy_bar.isVisible()  # Argon2 is slow on purpose: it shows
    qtbot.waitUntil(lambda: window.session is not None, timeout=15_000)
    assert leaks(passphrase) == []
    return root


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_hour_by_keyboard_alone(qtbot, make_root, language: str) -> None:  # noqa: ANN001
    root = make_root("")
    finish_first_run(qtbot, root, language=language)
    window = root.window
    zh = language == "zh_CN"
    assert window.windowTitle() == ("陪伴 Companion" if zh else "Companion")
    assert window.help_button.text() == ("现在需要帮助" if zh else "Need help now")
    prefs = root.core.preferences
    assert prefs.language == language and prefs.region  # the region was asked, so it is saved
    assert not (zh and prefs.region not in ("CN", "TW", "HK", "MO", "SG"))  # no other country's numbers
    chat = window.chat_view

    # A conversation: Enter sends; Tab leaves the box (no tab character), Shift+Tab comes back.
    assert focused() is chat.input
    type_text(qtbot, "今晚睡不着" if zh else "I can't sleep tonight")
    with qtbot.waitSignal(chat.replyShown, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)
    assert chat.messages.announcements[0] in ("Companion is thinking…", "Companion 正在思考…")
    assert len(chat.messages.announcements) == 2  # thinking once, the finished reply once
    activate(qtbot, window)
    assert focused() is chat.input
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is not chat.input and chat.input.toPlainText() == ""
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is chat.input

    # Every page of the side bar, by its shortcut, each with the focus somewhere on it.
    for number, key in enumerate(window._page_keys, start=1):  # noqa: SLF001
        press(qtbot, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda k=key: window.pages.currentWidget() is window.page(k), timeout=2000)
        assert window.pages.currentWidget().isVisible() and window.pages.currentWidget().isAncestorOf(
            focused()) or focused() is window.side_bar.buttons[key]

    # Lock, a wrong passphrase, and the way back: the passphrase is never on screen.
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None and focused() is window.unlock_view.passphrase
    type_text(qtbot, "not it at all")
    press(qtbot, Qt.Key.Key_Return)
    wait_idle(qtbot, root)
    assert focused() is window.unlock_view.passphrase
    type_text(qtbot, "correct horse battery")
    assert leaks("horse") == []
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)

    # Ctrl+Q quits through the same safe shutdown as closing the window.
    session = window.session
    press(qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert root._core_closed and session.is_locked  # noqa: SLF001
    assert window.unlock_view.status.text() in ("Closing safely: saving and closing your profile…",
                                                 "正在安全退出：保存并关闭你的个人空间…")
