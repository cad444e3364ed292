"""Issue 12's dialogs, driven offscreen as a person would: export, backup, restore, change passphrase,
the recovery code after creating a profile, forgot-passphrase, removal, retention and the report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from companion import Companion
from storage import WrongPassphrase
from storage.backup import inspect_backup
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend
from tests.pdf_text import pdf_text
from tests.test_backup import fill_profile, folder_hash
from ui.data_dialogs.backup_dialog import BackupDialog, RestoreDialog
from ui.data_dialogs.data_page import DataPage
from ui.data_dialogs.export_dialog import ExportDialog
from ui.data_dialogs.passphrase_dialog import ChangePassphraseDialog, ForgotPassphraseDialog
from ui.data_dialogs.recovery_dialog import RecoveryCodeOffer
from ui.data_dialogs.remove_dialog import RemoveProfileDialog
from ui.data_dialogs.report_dialog import ReportDialog
from ui.data_dialogs.unlock_extras import UnlockExtras
from ui.main import AppRoot

PASS = "secret12 long enough"


@pytest.fixture
def root(qtbot, home: Path):  # noqa: ANN001, ANN201
    core = Companion(home=home, backend_factory=FakeBackend, kdf=FAST_KDF)
    core.save_preferences(dataclasses.replace(core.preferences, ai_notice_seen=True, language="en"))
    app_root = AppRoot(QApplication.instance(), core)
    qtbot.addWidget(app_root.window)
    app_root.window.show()
    qtbot.waitExposed(app_root.window)
    yield app_root
    app_root.shutdown()


def create(qtbot, root: AppRoot, name: str = "Sam") -> RecoveryCodeOffer:  # noqa: ANN001
    view = root.window.unlock_view
    view.show_create(True)
    qtbot.keyClicks(view.new_name, name)
    qtbot.keyClicks(view.new_pass, PASS)
    qtbot.keyClicks(view.new_pass2, PASS)
    qtbot.mouseClick(view.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: root.window.session is not None, timeout=10_000)
    qtbot.waitUntil(lambda: bool(root.window.findChildren(RecoveryCodeOffer)), timeout=5000)
    return root.window.findChildren(RecoveryCodeOffer)[0]


def page(root: AppRoot) -> DataPage:
    root.window.show_page("data")
    return root.window.page("data")


def wait_job(qtbot, dialog, timeout: int = 15_000) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not dialog.bar.isVisible(), timeout=timeout)


def test_the_recovery_code_is_offered_once_after_creation_and_opens_the_profile(qtbot, root) -> None:  # noqa: ANN001
    offer = create(qtbot, root)
    assert offer.isVisible() and offer.pages.currentIndex() == 0
    qtbot.mouseClick(offer.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: offer.pages.currentIndex() == 1, timeout=10_000)
    code = offer.code.text()
    assert len(code) == 34 and not offer.finish.isEnabled()  # "Done" waits for "I have written it down"
    offer.kept.setChecked(True)
    qtbot.mouseClick(offer.finish, Qt.MouseButton.LeftButton)
    assert not offer.isVisible() and offer.code.text() == "" and offer.code_text == ""
    # Forgot the passphrase: the honest page takes the code and sets a new passphrase.
    root.window.lock()
    extras = root.window.unlock_view.findChild(UnlockExtras)
    root.window.unlock_view.profiles.setCurrentRow(0)
    forgot = extras.open_forgot()
    assert forgot.with_code.isVisibleTo(forgot) and "by design" in " ".join(l.text() for l in forgot.findChildren(QLabel))
    forgot.code.setText("0000-0000-0000-0000-0000-0000-0000")
    forgot.new.setText("new passphrase 2")
    forgot.again.setText("new passphrase 2")
    forgot._start()
    wait_job(qtbot, forgot)
    assert "doesn't open" in forgot.message.text()
    forgot.code.setText(code.lower())
    forgot._start()
    qtbot.waitUntil(lambda: not forgot.isVisible(), timeout=10_000)
    root.window.core.profiles.unlock("Sam", "new passphrase 2")[1].close()


def test_skipping_the_code_and_forgot_page_without_one(qtbot, root) -> None:  # noqa: ANN001
    offer = create(qtbot, root)
    qtbot.mouseClick(offer.skip, Qt.MouseButton.LeftButton)
    assert not offer.isVisible()
    assert "no recovery code" in page(root).recovery_state.text()
    root.window.lock()
    root.window.unlock_view.profiles.setCurrentRow(0)
    forgot = root.window.unlock_view.findChild(UnlockExtras).open_forgot()
    assert not forgot.with_code.isVisibleTo(forgot) and forgot.no_code.isVisibleTo(forgot)


def test_backup_then_restore_from_the_unlock_screen(qtbot, root, tmp_path: Path) -> None:  # noqa: ANN001
    create(qtbot, root).reject()
    fill_profile(root.window.session.vault, "canaryui")
    dialog = page(root).open_backup()
    assert isinstance(dialog, BackupDialog) and dialog.file_row.path.text().endswith(".companion-backup")
    target = tmp_path / "sam.companion-backup"
    dialog.file_row.path.setText(str(target))
    dialog.passphrase.setText("not my passphrase")
    dialog._start()
    wait_job(qtbot, dialog)
    assert "doesn't open this profile" in dialog.message.text() and not target.exists()
    dialog.passphrase.setText(PASS)
    dialog._start()
    wait_job(qtbot, dialog)
    assert target.exists() and "Backup saved" in dialog.message.text()
    inspect_backup(target)
    dialog.close()
    session = root.window.session
    root.window.lock()
    session.lock()  # waits for the background close, so the WAL files are gone before the folder is hashed
    restore = root.window.unlock_view.findChild(UnlockExtras).open_restore()
    assert isinstance(restore, RestoreDialog)
    home = root.window.core.home
    before = folder_hash(home)
    restore.file_row.path.setText(str(target))
    restore.passphrase.setText("wrong")
    restore._start()
    wait_job(qtbot, restore)
    assert restore.message.text() == "That passphrase doesn't open this backup." and folder_hash(home) == before
    restore.passphrase.setText(PASS)
    restore._start()
    wait_job(qtbot, restore)
    assert "already here" in restore.message.text() and folder_hash(home) == before
    restore.nickname.setText("Sam restored")
    restore.passphrase.setText(PASS)
    restore._start()
    qtbot.waitUntil(lambda: not restore.isVisible(), timeout=10_000)
    view = root.window.unlock_view
    assert [view.profiles.item(i).text() for i in range(view.profiles.count())] == ["Sam", "Sam restored"]


def test_change_passphrase_from_preferences_and_the_data_page(qtbot, root) -> None:  # noqa: ANN001
    create(qtbot, root).reject()
    dialog = page(root).open_passphrase()
    assert isinstance(dialog, ChangePassphraseDialog)
    dialog.old.setText(PASS)
    dialog.new.setText("short")
    assert "Too short" in dialog.hint.text()
    dialog.new.setText("three unrelated words here")
    assert "Strong" in dialog.hint.text()
    dialog.again.setText("three unrelated words her")
    dialog._start()
    assert "not the same" in dialog.message.text()
    dialog.again.setText("three unrelated words here")
    dialog.old.setText("wrong old")
    dialog._start()
    wait_job(qtbot, dialog)
    assert "doesn't open" in dialog.message.text()
    dialog.old.setText(PASS)
    dialog._start()
    assert dialog.bar.isVisible() or not dialog.isVisible()  # busy while Argon2 runs off the GUI thread
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    store = root.window.core.profiles
    with pytest.raises(WrongPassphrase):
        store.unlock("Sam", PASS)
    # Preferences has the same button.
    root.window.open_preferences()
    from ui.preferences_dialog import PreferencesDialog
    prefs = root.window.findChildren(PreferencesDialog)[-1]
    buttons = [b for b in prefs.findChildren(type(page(root).export_button)) if b.text() == "Change passphrase…"]
    assert buttons and buttons[0].isEnabled()
    prefs.reject()


def test_export_dialog_says_not_encrypted_and_where(qtbot, root, tmp_path: Path) -> None:  # noqa: ANN001
    create(qtbot, root).reject()
    fill_profile(root.window.session.vault, "canaryexp")
    dialog = page(root).open_export()
    assert isinstance(dialog, ExportDialog)
    dialog.folder.setText(str(tmp_path))
    assert "NOT encrypted" in dialog.warning.text() and str(tmp_path) in dialog.warning.text()
    for key, box in dialog.parts.items():
        box.setChecked(key in ("conversations", "safety_plan"))
    dialog._start()
    qtbot.waitUntil(lambda: dialog.result_folder is not None, timeout=10_000)
    files = sorted(p.name for p in dialog.result_folder.rglob("*") if p.is_file())
    assert "safety-plan.md" in files and "Sam.html" in files and "exercises.md" not in files
    assert "canaryexp" in (dialog.result_folder / "Sam.html").read_text("utf-8")
    # The same as one PDF.
    dialog.result_folder = None
    dialog.as_pdf.setChecked(True)
    dialog._start()
    qtbot.waitUntil(lambda: dialog.result_folder is not None, timeout=10_000)
    assert dialog.result_folder.suffix == ".pdf" and dialog.result_folder.parent == tmp_path
    assert "canaryexp" in "".join(pdf_text(dialog.result_folder).split())


def test_report_preview_and_pdf_hold_scores_and_conversations_only_when_ticked(qtbot, root,  # noqa: ANN001
                                                                              tmp_path: Path) -> None:
    create(qtbot, root).reject()
    fill_profile(root.window.session.vault, "canaryrep")
    dialog = page(root).open_report()
    assert isinstance(dialog, ReportDialog)
    preview = dialog.preview.toPlainText()
    assert "PHQ-9" in preview and "canaryrep" not in preview
    pdf = tmp_path / "report.pdf"
    assert dialog.save_to(pdf)
    text = "".join(pdf_text(pdf).split())
    # (the test's extractor cannot map every digit glyph back, so the titles' words are checked)
    assert "moodself-check" in text and "anxietyself-check" in text and "Mild" in text and "canaryrep" not in text
    dialog.conversations.setChecked(True)
    assert "canaryrep" in dialog.preview.toPlainText()
    assert dialog.save_to(pdf)
    assert "canaryrep" in "".join(pdf_text(pdf).split())


def test_retention_shows_the_count_before_it_is_switched_on(qtbot, root) -> None:  # noqa: ANN001
    import time

    create(qtbot, root).reject()
    session = root.window.session
    cid = session.new_conversation()
    from storage import ConversationRepository
    ConversationRepository(session.vault).add_message(cid, "user", "old words")
    with session.vault.transaction() as cur:
        cur.execute("UPDATE conversations SET updated_at = ?", (time.time() - 100 * 86400,))
    data = page(root)
    data.set_session(session)
    assert not data.retention.isChecked()
    assert "If you switch this on" in data.retention_note.text() and data.retention_note.text().endswith(": 1.")
    data.retention.setChecked(True)
    assert "Each time" in data.retention_note.text() and data.retention_note.text().endswith(": 1.")
    root.window.lock()
    root.window.unlock_view.profiles.setCurrentRow(0)
    qtbot.keyClicks(root.window.unlock_view.passphrase, PASS)
    qtbot.keyClick(root.window.unlock_view.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: root.window.session is not None, timeout=10_000)
    assert root.window.session.conversations() == []


def test_remove_names_what_goes_and_leaves_nothing(qtbot, root) -> None:  # noqa: ANN001
    create(qtbot, root).reject()
    fill_profile(root.window.session.vault, "canaryrm")
    folder = root.window.session.profile.folder
    dialog = page(root).open_remove()
    assert isinstance(dialog, RemoveProfileDialog)
    words = "\n".join(label.text() for label in dialog.items)
    assert "Conversations: 1" in words and "Messages: 3" in words and "Self-check results: 2" in words
    assert "Memories: 1" in words and "Completed exercises: 1" in words and "Safety plan steps filled in: 1" in words
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: root.window.session is None, timeout=15_000)
    assert not folder.exists() and root.window.core.profile_names() == []
    assert root.window.stack.currentIndex() == 0
    for box in root.window.findChildren(QMessageBox):
        box.close()
