"""Screenshots of an exercise, a self-check and the progress chart (called from ui/screenshots.py)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.exercise_runner import ChoiceInput

THOUGHT_RECORD = {
    "en": ["At work: my manager frowned while reading my report.", "Anxious", 80,
           "I'm going to be fired. I always get things wrong.", "I'm going to be fired."],
    "zh_CN": ["上班时，经理看我的报告时皱了眉头。", "焦虑", 80, "我要被开除了。我总是把事情搞砸。", "我要被开除了。"],
}
PHQ9 = [[1, 2, 1, 2, 0, 1, 1, 0, 0], [1, 2, 1, 1, 0, 1, 1, 0, 0], [1, 1, 1, 1, 0, 1, 0, 0, 0],
        [1, 1, 0, 1, 0, 0, 0, 0, 0], [0, 1, 0, 1, 0, 0, 0, 0, 0]]
GAD7 = [[2, 2, 2, 1, 1, 1, 1], [2, 1, 2, 1, 1, 1, 1], [1, 1, 2, 1, 1, 1, 0], [1, 1, 1, 1, 0, 1, 0],
        [1, 1, 1, 0, 0, 1, 0]]


def shoot_practice(qapp: QApplication, window, out: Path, lang: str, settle) -> None:  # noqa: ANN001
    session = window.session
    practice = session.practice
    # An exercise: a thought record at the thinking-traps picker.
    page = window.page("exercises")
    window.show_page("exercises")
    page.start_flow("thought_record")
    for value in THOUGHT_RECORD[lang]:
        run = practice.answer(page.runner.run.id, value)
    page.runner.open(practice, run)
    picker = page.runner.input_widget
    if isinstance(picker, ChoiceInput):
        picker.buttons["fortune_telling"].setChecked(True)
    settle(qapp, 0.5)
    window.grab().save(str(out / f"exercise-{lang}.png"))
    page.runner.closed.emit()

    # A self-check: PHQ-9, second question, an answer chosen.
    checkins = window.page("checkins")
    window.show_page("checkins")
    checkins.start("gad7")
    checkins.choose(1)
    checkins.go_next()
    checkins.choose(2)
    settle(qapp, 0.5)
    window.grab().save(str(out / f"self-check-{lang}.png"))
    practice.discard_draft("gad7")
    checkins.show_home()

    # Progress: ten weeks of self-checks and a month of mood check-ins.
    now = time.time()
    for index, (phq, gad) in enumerate(zip(PHQ9, GAD7)):
        when = now - (4 - index) * 14 * 86400 - 3600
        practice.submit("phq9", phq, taken_at=when)
        practice.submit("gad7", gad, taken_at=when)
    for day in range(28):
        practice.submit("mood", [min(10, 3 + day // 6 + (1 if day % 4 == 1 else 0)), None], taken_at=now - (27 - day) * 86400)
    size = window.size()
    window.resize(size.width(), 1060)
    window.show_page("talk")
    window.show_page("progress")
    settle(qapp, 0.8)
    window.grab().save(str(out / f"progress-{lang}.png"))
    window.resize(size)
