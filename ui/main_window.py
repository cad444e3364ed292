"""The one main window: the unlock screen, or the conversation once a profile is unlocked."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion import Companion, ModelState, Session, StateChanged, StorageError
from companion.unlock_throttle import UnlockThrottled
from ui.background import BackgroundCall
from ui.bridge import ModelBridge
from ui.chat_view import ChatView
from ui.checkins_page import CheckinsPage
from ui.crisis_panel import CrisisPanel
from ui.data_dialogs.data_page import DataPage, data_dialogs
from ui.data_dialogs.recovery_dialog import RecoveryCodeOffer
from ui.data_dialogs.unlock_extras import UnlockExtras
from ui.errors import explain_storage_error
from ui.exercise_offer import ExerciseOffers
from ui.exercises_page import ExercisesPage
from ui.first_run import FirstRunSetup
from ui.idle import IdleWatcher
from ui.keyboard import EnterPressesFocusedButton
from ui.memory_panel import MemoryPanel
from ui.models_view import ModelsView
from ui.preferences_dialog import PreferencesDialog
from ui.progress_page import ProgressPage
from ui.safety_plan_view import SafetyPlanView
from ui.side_bar import SideBar
from ui.unlock_view import UnlockView


def name_scroll_areas(widget: QWidget, title: str) -> None:
    """A page's scroll areas are Tab stops (the arrow keys scroll read-only text); a screen reader
    names them after the page unless they have a name of their own."""
    for scroll in widget.findChildren(QScrollArea):
        if not scroll.accessibleName():
            scroll.setAccessibleName(title)


class MainWindow(QMainWindow):
    #: Emitted once when the window closes (the close button or Ctrl+Q), while it is still on screen
    #: saying "Closing safely…": the composition root runs the safe shutdown here.
    closing = Signal()
    #: The first-run set-up picked another language: the composition root rebuilds the window in it.
    languageChosen = Signal(str)

    def __init__(self, core: Companion, bridge: ModelBridge) -> None:
        super().__init__()
        self._closed = False
        self.core = core
        self.bridge = bridge
        self.session: Session | None = None
        self._pending: BackgroundCall | None = None
        self._model_state: StateChanged = core.worker.state
        self.crisis_panel: CrisisPanel | None = None
        # The title never shows anything a person wrote.
        self.setWindowTitle(self.tr("Companion"))  # zh_CN: 陪伴 Companion
        # Wide enough for the unlocked layout too (its minimum measured up to 1,067 px offscreen), so the
        # window does not grow at unlock and the help button stays where it was.
        self.resize(1100, 720)

        self.stack = QStackedWidget()
        self.unlock_view = UnlockView()
        self.unlock_view.unlockRequested.connect(self._unlock)
        self.unlock_view.createRequested.connect(self._create)
        self.first_run = FirstRunSetup(core)
        self.first_run.languageChosen.connect(self.languageChosen)
        self.unlock_view.add_first_run(self.first_run)
        self._creating = False
        self.stack.addWidget(self.unlock_view)
        self.stack.addWidget(self._build_unlocked_area())
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(self._build_top_bar())
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._register_pages()
        UnlockExtras.install(self)  # issue 12: restore a backup; forgot the passphrase

        self.status_label = QLabel()
        self.status_label.setObjectName("muted")
        self.status_label.setContentsMargins(12, 0, 0, 4)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().setSizeGripEnabled(False)

        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        QApplication.instance().installEventFilter(self.idle)
        self.enter_presses = EnterPressesFocusedButton(self)
        QApplication.instance().installEventFilter(self.enter_presses)
        # Ctrl+Q quits from any window of the app, through the same safe shutdown as closing the window.
        QShortcut(QKeySequence("Ctrl+Q"), self, activated=self.close, context=Qt.ShortcutContext.ApplicationShortcut)
        # Lock and quick hide work from every window of the app too: a dialog in front (the first-run
        # notice, preferences, the crisis panel) must never stand between the person and hiding.
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.lock, context=Qt.ShortcutContext.ApplicationShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+H"), self, activated=self.hide_now,
                  context=Qt.ShortcutContext.ApplicationShortcut)
        # F1 works from every window of the app (the panel, preferences...), locked or not.
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, activated=lambda: self.open_help("shortcut"),
                  context=Qt.ShortcutContext.ApplicationShortcut)

        bridge.stateChanged.connect(self._on_model_state)
        self.unlock_view.set_profiles(core.profile_names())
        self._show_status()

    def _build_top_bar(self) -> QHBoxLayout:
        """Shown on every screen, locked or not: what this app is, and (issue 3) the way to help."""
        self.top_bar = QHBoxLayout()
        self.top_bar.setContentsMargins(16, 8, 16, 4)
        self.profile_label = QLabel()
        self.profile_label.setObjectName("muted")
        self.top_bar.addWidget(self.profile_label)
        self.top_bar.addStretch(1)
        self.ai_notice = QLabel(self.tr("AI companion, not a therapist"))
        self.ai_notice.setObjectName("notice")
        self.ai_notice.setToolTip(self.tr("Companion is an AI. It can be wrong, it cannot call anyone, "
                                          "and it is not a replacement for professional care."))
        self.top_bar.addWidget(self.ai_notice)
        self.top_bar.addStretch(1)
        self.help_button = QPushButton(self.tr("Need help now"))
        self.help_button.setObjectName("primary")
        self.help_button.setToolTip(self.tr("Crisis lines and your safety plan, even without a model (F1)"))
        self.help_button.clicked.connect(lambda: self.open_help("button"))
        self.top_bar.addWidget(self.help_button)
        return self.top_bar

    def _build_unlocked_area(self) -> QWidget:
        area = QWidget()
        layout = QHBoxLayout(area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.side_bar = SideBar()
        self.side_bar.selected.connect(self.show_page)
        self.preferences_button = QPushButton(self.tr("Preferences"))
        self.preferences_button.clicked.connect(self.open_preferences)
        self.side_bar.add_bottom(self.preferences_button)
        self.about_button = QPushButton(self.tr("About"))  # issue 13: version, model licence, notices
        self.about_button.clicked.connect(self.open_about)
        self.side_bar.add_bottom(self.about_button)
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Lock now (Ctrl+L). Ctrl+Shift+H locks and hides the window."))
        self.lock_button.clicked.connect(self.lock)
        self.side_bar.add_bottom(self.lock_button)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setToolTip(self.tr("Save everything and close Companion (Ctrl+Q)"))
        self.quit_button.clicked.connect(self.close)
        self.side_bar.add_bottom(self.quit_button)
        layout.addWidget(self.side_bar)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self._page_keys: list[str] = []
        return area

    def _register_pages(self) -> None:
        """Every page of the unlocked window, in side-bar order. Features add one line here.
        Pages never look the window up: they emit what they need and it is connected here."""
        self.chat_view = ChatView(self.bridge)
        self.chat_view.helpRequested.connect(self._help_requested)
        self.chat_view.pageRequested.connect(self._card_page_requested)
        self.chat_view.betterModelRequested.connect(self.open_better_model)
        self.add_page("talk", self.tr("Talk"), self.chat_view, "Ctrl+1")
        exercises = ExercisesPage()
        exercises.set_model_state(self.core.worker.state.state)
        self.bridge.stateChanged.connect(lambda state: exercises.set_model_state(state.state))
        exercises.talkRequested.connect(self.talk_about)
        exercises.stillHere.connect(self._still_here)
        self.add_page("exercises", self.tr("Exercises"), exercises, "Ctrl+2")
        checkins = CheckinsPage()
        checkins.helpRequested.connect(self._help_requested)
        checkins.pageRequested.connect(self.show_page)
        checkins.reminderNote.connect(lambda note: self.side_bar.set_note("checkins", note))
        self.add_page("checkins", self.tr("Self-checks"), checkins, "Ctrl+3")
        progress = ProgressPage()
        progress.pageRequested.connect(self.show_page)
        self.add_page("progress", self.tr("Progress"), progress, "Ctrl+4")
        self.exercise_offers = ExerciseOffers(self)  # offers under replies (issue 4)
        memory = MemoryPanel(open_at=self.open_conversation)
        memory.openExerciseRequested.connect(self.open_exercise)
        self.add_page("memory", self.tr("Memory"), memory, "Ctrl+5")
        self.add_page("safety_plan", self.tr("Safety plan"), SafetyPlanView(self.core.crisis), "Ctrl+6")
        self.add_page("models", self.tr("Models"), ModelsView(self.core), "Ctrl+7")
        self.add_page("data", self.tr("Your data"), DataPage(self.core, on_removed=self.lock), "Ctrl+8")

    def _help_requested(self, reason: str) -> None:
        self.open_help(reason)  # looked up when called, so a test may replace open_help

    def _card_page_requested(self, key: str) -> None:
        """A safety card's "my safety plan": the page, or the crisis help (which holds the plan too)
        in a window built without it."""
        if key in self._page_keys:
            self.show_page(key)
        else:
            self.open_help("card")

    def talk_about(self, message: str) -> None:
        """Start a new conversation in Talk with ``message`` (an exercise to talk over)."""
        if self.chat_view.is_replying:
            self.page("exercises").show_chat_busy()
            return
        self.show_page("talk")
        self.chat_view.new_conversation()
        self.chat_view.input.setPlainText(message)
        self.chat_view.send()

    def _still_here(self) -> None:
        """Activity the idle timer cannot see (breathing with the pacer) keeps the profile unlocked."""
        if self.session is None:
            return
        try:
            self.idle.start(self.session.auto_lock_minutes)
        except StorageError:
            pass

    def open_better_model(self) -> None:
        """The "Get a better model" page (issue 14); the first-run set-up can call this too."""
        from ui.better_model import open_better_model
        from ui.translation import pick_language

        open_better_model(self, self.core, pick_language(self.core.preferences.language))

    def open_exercise(self, run_id: str) -> None:
        """Open a completed exercise (a search hit) on the exercises page."""
        self.show_page("exercises")
        self.page("exercises").open_run(run_id)

    def add_page(self, key: str, title: str, widget: QWidget, shortcut: str = "") -> None:
        self.pages.addWidget(widget)
        name_scroll_areas(widget, title)
        self._page_keys.append(key)
        self.side_bar.add(key, title, shortcut)
        if len(self._page_keys) == 1:
            self.side_bar.set_current(key)

    def page(self, key: str) -> QWidget:
        return self.pages.widget(self._page_keys.index(key))

    def open_conversation(self, conversation_id: str, message_id: int | None = None) -> None:
        """Show a conversation in Talk, at one of its messages (a search result)."""
        self.show_page("talk")
        self.chat_view.open_conversation(conversation_id, message_id)

    def show_page(self, key: str) -> None:
        self.pages.setCurrentIndex(self._page_keys.index(key))
        self.side_bar.set_current(key)

    # -- unlocking -----------------------------------------------------------------------------
    def _run(self, fn, busy_text: str) -> None:  # noqa: ANN001
        if self._pending is not None:
            return
        self.unlock_view.set_busy(True, busy_text)
        self._pending = BackgroundCall(fn, self)
        self._pending.finished.connect(self._on_unlocked)
        self._pending.start()

    def _unlock(self, name: str, passphrase: str) -> None:
        self._run(lambda: self.core.unlock(name, passphrase), self.tr("Unlocking… checking your passphrase."))

    def _create(self, name: str, passphrase: str) -> None:
        self._creating = True
        self._run(lambda: self.core.create_profile(name, passphrase), self.tr(
            "Creating your profile… This takes a few seconds on purpose: it makes your passphrase "
            "hard to guess."))
        RecoveryCodeOffer.after_creation(self._pending, self, self.core.profiles, passphrase)  # issue 12

    def _on_unlocked(self, session: Session | None, error: Exception | None) -> None:
        self._pending = None
        created, self._creating = self._creating, False
        if error is not None:
            view = self.unlock_view
            name = view.selected_name()
            wait = self.core.unlock_throttle.wait_for(name)
            if isinstance(error, StorageError) and wait > 0 and not view.creating:  # too many wrong: count down
                view.show_wait(wait, "" if isinstance(error, UnlockThrottled) else explain_storage_error(error, name))
                view.passphrase.clear()
                view.passphrase.setFocus()
                return
            if isinstance(error, StorageError):
                text = explain_storage_error(error, name)
            elif isinstance(error, ValueError):
                text = self.tr("That nickname can't be used. Try a shorter one.")
            else:
                text = self.tr("The profile could not be opened.")
            (view.show_create_error if view.creating else view.show_unlock_error)(text)
            return
        assert session is not None
        self.unlock_view.clear_secrets()
        self.unlock_view.set_busy(False)
        self.session = session
        self.profile_label.setText(session.name)
        for index in range(self.pages.count()):
            widget = self.pages.widget(index)
            if hasattr(widget, "set_session"):
                widget.set_session(session)
        self.show_page("talk")
        self.stack.setCurrentIndex(1)
        if self.crisis_panel is not None:
            self.crisis_panel.set_session(session)
        self.chat_view.input.setFocus()
        self.idle.start(session.auto_lock_minutes)
        self._show_status()
        if created:
            self._after_profile_created(session)
        self._first_run_notice()

    def _after_profile_created(self, session: Session) -> None:  # noqa: ARG002 - issue 12 uses it
        """Right after a new profile opens for the first time. (Issue 12 offers the recovery code here,
        through one call.)"""
        if self.first_run.open_models_after:
            self.first_run.open_models_after = False
            self.show_page("models")

    def _first_run_notice(self) -> None:
        prefs = self.core.preferences
        if prefs.ai_notice_seen:
            return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Before we start"), self.tr(
            "Companion is an AI companion, not a person and not a therapist. It can listen, help you notice "
            "thoughts and feelings, and suggest exercises, but it can be wrong, it cannot call anyone, and it "
            "does not diagnose.\n\nEverything you write stays on this computer, encrypted with your "
            "passphrase. If you are in danger, contact your local emergency number."), parent=self)
        box.setObjectName("aiNotice")
        box.open()
        try:
            self.core.save_preferences(dataclasses.replace(prefs, ai_notice_seen=True))
        except OSError:
            pass  # the notice simply shows again next time

    # -- locking -------------------------------------------------------------------------------
    def lock(self) -> None:
        """Clear every decrypted word from the widgets at once; the vault closes in the background
        once the running reply (if any) is saved and the model's memory is wiped."""
        session, self.session = self.session, None
        self.idle.stop()
        self._clear_pages()
        self.profile_label.clear()
        if self.crisis_panel is not None:
            self.crisis_panel.set_session(None)  # the crisis lines stay; the plan's words go
        for dialog in self.findChildren(QMessageBox) + self.findChildren(PreferencesDialog) + data_dialogs(self):
            dialog.close()
        if session is not None:
            session.lock(wait=False)
        self.unlock_view.set_profiles(self.core.profile_names())
        self.stack.setCurrentIndex(0)
        self._show_status()

    def _clear_pages(self) -> None:
        for index in range(self.pages.count()):
            widget = self.pages.widget(index)
            if hasattr(widget, "clear"):
                widget.clear()

    def hide_now(self) -> None:
        """Lock and take the window off the screen and the taskbar (a minimised window stays in the
        taskbar). Starting Companion again brings this one back at its lock screen (ui.single_instance)."""
        self.lock()
        if self.crisis_panel is not None:
            self.crisis_panel.hide()  # someone walked in: nothing about crisis stays on screen
        self.hide()

    def show_again(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- help --------------------------------------------------------------------------------
    def open_help(self, reason: str = "") -> None:
        """Show the crisis panel: emergency numbers, the region's crisis lines, and the safety plan.

        Non-modal, so the conversation stays open behind it; works locked and with no model.
        ``reason`` is a short key of why it opened ("button", "shortcut", "card", "phq9_item9", "asq"...)."""
        if self.crisis_panel is None:
            self.crisis_panel = CrisisPanel(self.core.crisis, self)
            self.crisis_panel.openPlanRequested.connect(lambda: self.show_page("safety_plan"))
            name_scroll_areas(self.crisis_panel, self.tr("Need help now"))
        self.crisis_panel.show_for(self.session, reason)

    # -- preferences ---------------------------------------------------------------------------
    def open_preferences(self) -> None:
        dialog = PreferencesDialog(self.core, self.session, self)
        dialog.accepted.connect(lambda: self.idle.start(self.session.auto_lock_minutes) if self.session else None)
        dialog.accepted.connect(lambda: self.crisis_panel.refresh() if self.crisis_panel else None)  # new region
        dialog.open()

    def open_about(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(self.core, self).open()

    # -- status --------------------------------------------------------------------------------
    def _on_model_state(self, state: StateChanged) -> None:
        self._model_state = state
        self._show_status()

    def _show_status(self) -> None:
        state = self._model_state
        name = state.info.name if state.info else (self.core.model_path.stem if self.core.model_path else "")
        offline = self.tr("Offline")
        if state.state == ModelState.FAILED:
            if state.error == "no_model":
                text = self.tr("no model installed · guided conversation; everything else works")
            else:
                text = self.tr("model unavailable: %1 · guided conversation").replace("%1", state.error)
            self.chat_view.set_chat_available(False, text)
        else:
            words = {
                ModelState.UNLOADED: self.tr("model loads after unlock"),
                ModelState.LOADING: self.tr("loading the model…"),
                ModelState.READY: self.tr("ready"),
                ModelState.GENERATING: self.tr("replying…"),
                ModelState.CLOSED: self.tr("closed"),
            }
            text = f"{name} · {words[state.state]}" if name else words[state.state]
            if state.info and state.info.template_warning:
                text += " · " + self.tr("no chat template in this model: replies may be poor")
            self.chat_view.set_chat_available(True)
        self.status_label.setText(f"{offline} · {text}")

    # -- closing -------------------------------------------------------------------------------
    def prepare_quit(self) -> None:
        self.idle.stop()
        QApplication.instance().removeEventFilter(self.idle)
        QApplication.instance().removeEventFilter(self.enter_presses)
        if self._pending is not None:
            self._pending.wait(30)
        self._clear_pages()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """Saving the last reply, stopping the model and closing the vault take a few seconds: say so on
        screen while it happens, rather than leave a window that looks frozen or a process with none."""
        if not self._closed:
            self._closed = True
            self.lock_screen_text(self.tr("Closing safely: saving and closing your profile…"))
            self.closing.emit()
        event.accept()

    def lock_screen_text(self, text: str) -> None:
        """Clear every decrypted word and show ``text`` with a busy bar on the first screen, painted now.
        The session itself is closed by the core's shutdown, which saves a running reply first."""
        self.idle.stop()
        self._clear_pages()
        self.profile_label.clear()
        if self.crisis_panel is not None:
            self.crisis_panel.set_session(None)
        self.stack.setCurrentIndex(0)
        self.unlock_view.set_busy(True, text)
        self.repaint()
        QApplication.processEvents()
