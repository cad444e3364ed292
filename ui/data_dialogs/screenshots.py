"""The README's screenshots of issue 12 (also called from ui/screenshots.py; no model needed):

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m ui.data_dialogs.screenshots docs/
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from companion import Companion, KdfParams
from storage.practice import ExerciseRunRepository
from ui.data_dialogs.report_pdf import render_first_page
from ui.main import AppRoot
from ui.practice_screenshots import GAD7, PHQ9

CONVERSATION = {"en": ["I can't sleep again and my head won't stop.", "Let's slow down together for a moment."],
                "zh_CN": ["我又失眠了，脑子停不下来。", "我们先一起慢下来一会儿。"]}
DAY = 86_400


def _settle(qapp: QApplication, seconds: float = 0.3) -> None:
    end = time.time() + seconds
    while time.time() < end:
        qapp.processEvents()
        time.sleep(0.01)


def _grab(qapp: QApplication, widget: QWidget, path: Path) -> None:
    widget.show()
    _settle(qapp)
    widget.adjustSize()  # offscreen, a dialog is sized before the theme's fonts apply
    _settle(qapp)
    widget.grab().save(str(path))


def shoot_data(qapp: QApplication, out: Path, lang: str) -> None:
    home = Path(tempfile.mkdtemp(prefix="companion-shots-"))
    core = Companion(home=home, kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    core.save_preferences(dataclasses.replace(core.preferences, language=lang, ai_notice_seen=True))
    root = AppRoot(qapp, core)
    window = root.window
    window.resize(1040, 680)
    window.show()
    session = core.create_profile("Sam", "screenshot passphrase")
    now = time.time()
    cid = session.new_conversation()
    for role, text in zip(("user", "assistant"), CONVERSATION[lang]):
        session._conversations.add_message(cid, role, text)  # noqa: SLF001 - a past conversation
    for index, (phq, gad) in enumerate(zip(PHQ9, GAD7)):  # oldest first: getting better
        session.practice.submit("phq9", phq, taken_at=now - (len(PHQ9) - 1 - index) * 14 * DAY)
        session.practice.submit("gad7", gad, taken_at=now - (len(GAD7) - 1 - index) * 14 * DAY + 3600)
    runs = ExerciseRunRepository(session.vault)
    for days_ago in (2, 5, 9, 12, 16, 23, 30, 31):
        run = runs.create("thought_record", {}, now - days_ago * DAY)
        runs.save(run.id, {}, complete=True, now=now - days_ago * DAY)
    window._on_unlocked(session, None)  # noqa: SLF001 - skip typing the passphrase
    for box in window.findChildren(QMessageBox):
        box.close()
    window.show_page("data")
    page = window.page("data")
    _settle(qapp, 0.5)
    window.grab().save(str(out / f"data-page-{lang}.png"))

    offer = page.open_recovery("screenshot passphrase")
    offer.make.click()
    while offer.pages.currentIndex() != 1:
        _settle(qapp, 0.05)
    _grab(qapp, offer, out / f"recovery-code-{lang}.png")
    offer.reject()
    backup = page.open_backup()
    backup.file_row.path.setText(str(Path("/home/sam/Documents") / Path(backup.file_row.path.text()).name))
    _grab(qapp, backup, out / f"backup-{lang}.png")
    backup.reject()
    remove = page.open_remove()
    _grab(qapp, remove, out / f"remove-{lang}.png")
    remove.reject()
    report = page.open_report()
    report.resize(720, 760)
    _grab(qapp, report, out / f"report-dialog-{lang}.png")
    render_first_page(report.report).save(str(out / f"report-page-{lang}.png"))
    report.reject()
    root.shutdown()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    qapp = QApplication.instance() or QApplication([])
    for lang in ("en", "zh_CN"):
        shoot_data(qapp, out, lang)


if __name__ == "__main__":
    main()
