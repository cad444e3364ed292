"""Issue 15's visual defects and rough edges, each where a test can see it: focus rings in every theme,
Enter on a focused button, the accessibility tree of every page in both languages, field heights,
spin-box arrows, the memory page's geometry, chart ticks, step counts, dialog start folders, search
hits, the Models page's settings, and the missing-library message."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QMessageBox,
    QSpinBox,
    QStyle,
    QStyleOptionSpinBox,
    QWidget,
)

from companion import Companion
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend
from tests.first_hour_helpers import focused, press
from ui.main import AppRoot
from ui.theme import apply_theme, colours_for


@pytest.fixture
def make_root(qtbot, home: Path):  # noqa: ANN001, ANN201
    roots: list[AppRoot] = []

    def make(language: str = "en", theme: str = "light", profile: bool = True) -> AppRoot:
        core = Companion(home=home, backend_factory=lambda: FakeBackend(), kdf=FAST_KDF)
        core.save_preferences(dataclasses.replace(core.preferences, language=language, theme=theme,
                                                  ai_notice_seen=True, region="GB"))
        root = AppRoot(QApplication.instance(), core)
        qtbot.addWidget(root.window)
        root.window.show()
        qtbot.waitExposed(root.window)
        root.window.activateWindow()
        qtbot.waitUntil(root.window.isActiveWindow, timeout=3000)
        roots.append(root)
        if profile:
            session = core.create_profile("Sam", "correct horse battery")
            root.window._on_unlocked(session, None)  # noqa: SLF001 - creation is tested in test_first_hour
        return root

    yield make
    for root in roots:
        root.shutdown()
    apply_theme(QApplication.instance(), "light", 11)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def tab_stops(qtbot, start: QWidget, limit: int = 80, visit=None) -> list[QWidget]:  # noqa: ANN001
    """Every widget Tab visits from ``start`` until it comes back round (or ``limit``);
    ``visit(widget)`` runs while each one has the focus."""
    start.setFocus()
    qtbot.waitUntil(lambda: focused() is start, timeout=2000)
    seen = [start]
    if visit is not None:
        visit(start)
    for _ in range(limit):
        press(qtbot, Qt.Key.Key_Tab)
        if focused() is start:
            break
        seen.append(focused())
        if visit is not None:
            visit(focused())
    return seen


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def shows_ring(widget: QWidget, ring: QColor) -> bool:
    """The ring colour is drawn along the widget's left edge (where no content is)."""
    image = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    xs = range(0, min(int(4 * ratio), image.width()))
    ys = range(int(image.height() * 0.3), int(image.height() * 0.7) + 1)
    return any(_close(QColor(image.pixel(x, y)), ring) for x in xs for y in ys)


@pytest.mark.parametrize("theme", ["light", "dark", "high_contrast"])
def test_every_tab_stop_shows_a_focus_ring_in_every_theme(qtbot, make_root, theme: str) -> None:  # noqa: ANN001
    root = make_root(theme=theme)
    window = root.window
    colours = colours_for(theme)
    missing = []
    for key in ("talk", "exercises", "checkins", "memory", "safety_plan", "models"):
        window.show_page(key)
        QApplication.processEvents()

        def check(widget: QWidget, key: str = key) -> None:
            if not widget.isVisible() or widget.window() is not window:
                return
            ring = QColor(colours.text if widget.objectName() == "primary" else colours.accent)
            if not shows_ring(widget, ring):
                missing.append(f"{key}: {type(widget).__name__} {widget.objectName()!r} "
                               f"{getattr(widget, 'text', lambda: '')()!r}")

        tab_stops(qtbot, window.side_bar.buttons[key], visit=check)
    assert not missing, "no visible focus ring:\n" + "\n".join(sorted(set(missing)))


def test_enter_presses_the_focused_button(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root(profile=False)
    view = root.window.unlock_view
    view.show_create(True)
    view.create_button.setFocus()
    qtbot.waitUntil(lambda: focused() is view.create_button, timeout=2000)
    press(qtbot, Qt.Key.Key_Return)
    assert view.status.text() == "Choose a nickname."  # the button ran: one clear sentence
    view.back_button.setVisible(True)
    view.back_button.setFocus()
    press(qtbot, Qt.Key.Key_Enter)
    assert not view.creating


def test_old_cards_in_the_transcript_are_not_tab_stops(qtbot, make_root) -> None:  # noqa: ANN001
    from ui.safety_card import CardData

    root = make_root()
    chat = root.window.chat_view
    chat.messages.add("user", "first")
    card = CardData(None, "c", None, "elevated", ("burden",), "en")
    old = chat.messages.add_aside(chat.safety_cards.make(card))
    chat.messages.add("assistant", "a reply")
    new = chat.messages.add_aside(chat.safety_cards.make(card))
    QApplication.processEvents()
    stops = tab_stops(qtbot, chat.input)
    assert not any(old.isAncestorOf(w) for w in stops)
    assert any(new.isAncestorOf(w) for w in stops)  # the newest card is still reachable
    assert not any(w is b.label for b in chat.messages.bubbles() for w in stops)  # nor every bubble


def test_ctrl_q_closes_through_the_safe_shutdown(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    session = root.window.session
    qtbot.keyClick(root.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not root.window.isVisible() and session.is_locked


# -- screen readers ------------------------------------------------------------------------------
def unnamed_controls(top: QWidget) -> list[str]:
    """Visible keyboard-reachable controls whose accessible name is empty."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.objectName() == "qt_spinbox_lineedit":  # a spin box's own editor: the box is named
            widget = widget.parentWidget()
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            found.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}")
    return found


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_page_has_only_named_controls(qtbot, make_root, language: str) -> None:  # noqa: ANN001
    root = make_root(language, profile=False)
    window = root.window
    problems = []
    setup = window.first_run
    for step in range(setup.steps.count()):
        setup.go(step)
        problems += [f"set-up step {step + 1}: {p}" for p in unnamed_controls(window)]
    window.unlock_view.show_create(True)
    problems += [f"create: {p}" for p in unnamed_controls(window)]
    session = root.core.create_profile("Sam", "correct horse battery")
    window._on_unlocked(session, None)  # noqa: SLF001
    window.unlock_view.set_profiles(["Sam"])
    problems += [f"unlock: {p}" for p in unnamed_controls(window.unlock_view)]
    for key in window._page_keys:  # noqa: SLF001
        window.show_page(key)
        QApplication.processEvents()
        problems += [f"{key}: {p}" for p in unnamed_controls(window)]
    window.open_preferences()
    from ui.preferences_dialog import PreferencesDialog

    dialog = window.findChildren(PreferencesDialog)[-1]
    problems += [f"preferences: {p}" for p in unnamed_controls(dialog)]
    dialog.close()
    window.open_help("button")
    problems += [f"crisis panel: {p}" for p in unnamed_controls(window.crisis_panel)]
    window.crisis_panel.close()
    description = window.chat_view.input.accessibleDescription()
    assert ("Enter" in description) and (("发送" in description) == (language == "zh_CN"))
    assert not problems, "controls a screen reader cannot name:\n" + "\n".join(problems)


# -- visual defects ------------------------------------------------------------------------------
def test_text_fields_are_tall_enough_for_their_text(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root(profile=False)
    view = root.window.unlock_view
    view.show_create(True)
    QApplication.processEvents()
    setup = root.window.first_run
    for field in (view.new_name, view.new_pass, view.new_pass2, view.passphrase, setup.name, setup.passphrase):
        needed = field.fontMetrics().height() + 2 * 6 + 2  # text, the theme's padding, the border
        assert field.sizeHint().height() >= needed
    for field in (view.new_name, view.new_pass, view.new_pass2):
        assert field.height() >= field.fontMetrics().height() + 2 * 6 + 2


def test_number_boxes_have_arrows(qtbot, make_root) -> None:  # noqa: ANN001
    make_root(profile=False)
    spin = QSpinBox()
    spin.setRange(0, 10)
    spin.resize(140, spin.sizeHint().height())
    qtbot.addWidget(spin)
    spin.show()
    option = QStyleOptionSpinBox()
    spin.initStyleOption(option) if hasattr(spin, "initStyleOption") else option.initFrom(spin)
    up = spin.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxUp, spin)
    assert up.width() >= 10 and up.height() >= 6
    image = spin.grab().toImage()
    text = QColor(colours_for("light").text)
    dark = [(x, y) for x in range(up.left(), up.right()) for y in range(up.top(), up.bottom())
            if _close(QColor(image.pixel(x, y)), text) or QColor(image.pixel(x, y)).lightness() < 140]
    assert dark, "the up button draws no arrow"


def test_the_memory_page_neither_grows_the_window_nor_overlaps(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    window = root.window
    window.resize(1040, 726)
    QApplication.processEvents()
    before = window.size()
    window.show_page("memory")
    QApplication.processEvents()
    assert window.size() == before
    panel = window.page("memory")
    top = panel.memory_list.mapTo(panel, QPoint(0, 0)).y()
    for button in (panel.add_button, panel.edit_button, panel.pin_button, panel.delete_button):
        assert button.mapTo(panel, QPoint(0, 0)).y() >= top + panel.memory_list.height()


def test_chart_days_are_labelled_once_each() -> None:
    from ui.progress_chart import day_ticks

    morning = dt.datetime(2026, 12, 2, 9, 0).timestamp()
    ticks = day_ticks(morning - 3600, morning + 86400 * 1.1, most=9)
    days = [dt.datetime.fromtimestamp(t).date() for t in ticks]
    assert days and len(days) == len(set(days))
    assert all(dt.datetime.fromtimestamp(t).hour == 0 for t in ticks)
    month = day_ticks(morning, morning + 86400 * 30, most=6)
    assert 3 <= len(month) <= 6


def test_thought_record_says_which_step_of_how_many(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    root.window.show_page("exercises")
    page = root.window.page("exercises")
    page.start_flow("thought_record")
    label = page.runner.step_label.text()
    assert label.startswith("Step 1 of ") and int(label.rsplit(" ", 1)[1]) >= 5


def test_file_dialogs_start_in_documents_or_home_never_the_working_folder(
        qtbot, make_root, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from ui.file_dialogs import start_folder

    person = tmp_path / "person"
    person.mkdir()
    monkeypatch.setenv("HOME", str(person))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    assert start_folder() == person  # no Documents folder: home, not the folder the app runs from
    (person / "Documents").mkdir()
    assert start_folder() == person / "Documents"
    root = make_root()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: asked.append(args) or ("", ""))
    root.window.page("safety_plan")._choose_pdf()  # noqa: SLF001
    assert Path(asked[0][2]).parent == person / "Documents"


def test_a_search_hit_opens_the_conversation_at_the_match(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    window = root.window
    session = window.session
    cid = session.new_conversation()
    ids = [session._conversations.add_message(cid, "user" if i % 2 else "assistant",  # noqa: SLF001
                                              f"message {i} " + "words " * 40) for i in range(40)]
    target = ids[3] if isinstance(ids[3], int) else ids[3].id
    window.chat_view.reload_conversations()
    window.resize(1040, 720)
    window.open_conversation(cid, target)
    messages = window.chat_view.messages
    bubble = messages.bubbles()[3]
    qtbot.wait(200)

    def in_view() -> bool:
        y = bubble.mapTo(messages.widget(), QPoint(0, 0)).y()
        top = messages.verticalScrollBar().value()
        return top <= y <= top + messages.viewport().height()

    bar = messages.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 2 * messages.viewport().height(), timeout=3000)
    qtbot.wait(300)  # the layout settles in several passes; each must keep the hit in view
    assert in_view() and bar.value() < bar.maximum() - messages.viewport().height()


def test_the_models_page_shows_no_settings_without_a_model_and_no_stale_check_message(
        qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    window = root.window
    page = window.page("models")
    window.show_page("models")
    if page.selected() is None:
        assert not page.settings_box.isVisible()  # never "temperature 0.00, longest reply 16"
    page.wait(60)
    qtbot.waitUntil(lambda: page._thread is None, timeout=60_000)  # noqa: SLF001
    assert "llama.cpp" not in page.message.text()
    if page.selected() is not None:
        assert page.settings_box.isVisible() and page.max_tokens.value() > 16


def test_window_title_is_translated(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root("zh_CN", profile=False)
    assert root.window.windowTitle() == "陪伴 Companion"


def test_a_bare_linux_system_is_told_about_libxcb_cursor() -> None:
    from ui.platform_check import missing_system_libraries

    def missing(name: str) -> None:
        return None

    assert "libxcb-cursor0" in missing_system_libraries({}, "linux", find=missing)[0]
    assert missing_system_libraries({}, "linux", find=lambda name: "libxcb-cursor.so.0") == []
    assert missing_system_libraries({"QT_QPA_PLATFORM": "offscreen"}, "linux", find=missing) == []
    assert missing_system_libraries({}, "win32", find=missing) == []


def test_no_button_is_left_without_text_or_name(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    for button in root.window.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.text() or button.accessibleName(), button
    assert not root.window.findChildren(QMessageBox)


def test_quick_hide_leaves_the_taskbar_and_a_second_start_brings_the_lock_screen_back(
        qtbot, make_root, home: Path) -> None:  # noqa: ANN001
    from ui.single_instance import SingleInstance

    root = make_root()
    first = SingleInstance(home)
    assert first.acquire()
    first.showRequested.connect(root.window.show_again)
    qtbot.keyClick(root.window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert root.window.session is None and not root.window.isVisible()  # hidden, not minimised
    second = SingleInstance(home)
    assert not second.acquire()  # Companion is already running on this data folder
    with qtbot.waitSignal(first.showRequested, timeout=5000):
        second.ask_running_to_show()
    assert root.window.isVisible() and root.window.stack.currentIndex() == 0  # the lock screen
    first.close()
    third = SingleInstance(home)
    assert third.acquire()
    third.close()


def test_drop_down_lists_show_their_arrow(qtbot, make_root) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QComboBox

    make_root(profile=False)
    combo = QComboBox()
    combo.addItems(["English", "简体中文"])
    combo.resize(240, combo.sizeHint().height())
    qtbot.addWidget(combo)
    combo.show()
    image = combo.grab().toImage()
    ratio = image.devicePixelRatio()
    right = range(int((combo.width() - 26) * ratio), int((combo.width() - 6) * ratio))
    rows = range(int(image.height() * 0.3), int(image.height() * 0.7))
    assert any(QColor(image.pixel(x, y)).lightness() < 180 for x in right for y in rows), "no arrow drawn"
