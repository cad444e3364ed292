"""The exercises, self-checks and progress pages driven as a person would, offscreen, on real vaults
(a scripted backend stands in for the model; the real one is tested end to end elsewhere)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox, QPlainTextEdit, QPushButton

from companion import ReplyDone
from tests.fakes import FakeBackend
from tests.test_ui_chat import create_profile, ensure_active, type_and_send, unlock
from ui.breathing_pacer import BreathingPacer
from ui.exercise_offer import ExerciseOffer
from ui.exercise_runner import ChoiceInput, RatingInput


@pytest.fixture
def help_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replaces MainWindow.open_help (the crisis panel is another engineer's) with a recorder."""
    from ui.main_window import MainWindow

    calls: list[str] = []
    monkeypatch.setattr(MainWindow, "open_help", lambda self, reason="": calls.append(reason))
    return calls


def runner_type(qtbot, page, text: str) -> None:  # noqa: ANN001
    edit = page.runner.input_widget
    assert isinstance(edit, QPlainTextEdit)
    qtbot.keyClicks(edit, text)
    qtbot.mouseClick(page.runner.next_button, Qt.MouseButton.LeftButton)


def runner_rate(qtbot, page, value: int) -> None:  # noqa: ANN001
    rating = page.runner.input_widget
    assert isinstance(rating, RatingInput)
    rating.spin.setValue(value)
    qtbot.mouseClick(page.runner.next_button, Qt.MouseButton.LeftButton)


def step_id(page) -> str:  # noqa: ANN001
    return page.runner.run.step.id


def test_a_thought_record_through_the_ui_resumes_after_lock_and_is_kept_read_and_deleted(
        qtbot, make_root, monkeypatch) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    window = root.window
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.page("exercises")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=3000)  # the button animates its click
    qtbot.mouseClick(page.start_buttons["thought_record"], Qt.MouseButton.LeftButton)
    assert step_id(page) == "situation"
    # An empty answer is refused in plain words and nothing moves on.
    qtbot.mouseClick(page.runner.next_button, Qt.MouseButton.LeftButton)
    assert page.runner.error.isVisible() and "needs an answer" in page.runner.error.text()
    assert step_id(page) == "situation"
    runner_type(qtbot, page, "My manager frowned at my report")
    runner_type(qtbot, page, "anxious")
    runner_rate(qtbot, page, 80)
    assert step_id(page) == "automatic_thoughts"
    # Locked half-way: every word goes from the widgets; after unlocking, the run resumes.
    ensure_active(qtbot, root)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 0 and page.runner.run is None
    for label in page.findChildren(type(window.status_label)):
        assert "manager" not in label.text()
    unlock(qtbot, root)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    window.show_page("exercises")
    [run_id] = page.resume_cards
    resume = [b for b in page.resume_cards[run_id].findChildren(QPushButton) if b.objectName() == "primary"][0]
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    assert step_id(page) == "automatic_thoughts"
    # Back shows the earlier answer for editing.
    qtbot.mouseClick(page.runner.back_button, Qt.MouseButton.LeftButton)
    assert step_id(page) == "mood_rating" and page.runner.input_widget.value() == 80
    runner_rate(qtbot, page, 75)
    runner_type(qtbot, page, "I'm going to be fired. I always mess up.")
    runner_type(qtbot, page, "I'm going to be fired")
    # The thinking-traps picker: every trap with its plain explanation.
    picker = page.runner.input_widget
    assert isinstance(picker, ChoiceInput) and len(picker.buttons) == 11
    assert picker.buttons["fortune_telling"].accessibleDescription().startswith("Predicting")
    picker.buttons["fortune_telling"].setChecked(True)
    picker.buttons["overgeneralising"].setChecked(True)
    qtbot.mouseClick(page.runner.next_button, Qt.MouseButton.LeftButton)
    runner_type(qtbot, page, "He frowned")
    runner_type(qtbot, page, "He thanked me for the last report")
    runner_type(qtbot, page, "One frown is not a verdict on my work")
    runner_rate(qtbot, page, 60)
    assert page.runner.next_button.text() == "Finish"
    runner_rate(qtbot, page, 40)
    # Finished: the summary is shown and kept in the history.
    assert page.stack.currentWidget() is page.reader
    shown = " ".join(label.text() for label in page.reader.findChildren(type(window.status_label)))
    assert "Overgeneralising; Fortune telling" in shown and "One frown is not a verdict" in shown
    page.show_home()
    assert list(page.history_rows) == [run_id] and page.resume_cards == {}
    qtbot.mouseClick(page.history_rows[run_id], Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.reader
    # Deleting asks once, saying what goes; Cancel keeps it, Yes deletes it.
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[2]), answers.pop(0))[1])
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert len(window.session.practice.completed()) == 1
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and "Thought record" in asked[0] and "cannot be undone" in asked[0]
    assert window.session.practice.completed() == [] and page.history_rows == {}


def test_paced_breathing_shows_an_animated_pacer_with_spoken_cues(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    page = root.window.page("exercises")
    root.window.show_page("exercises")
    page.start_flow("paced_breathing")
    qtbot.mouseClick(page.runner.next_button, Qt.MouseButton.LeftButton)  # the introduction
    rhythm = page.runner.input_widget
    assert isinstance(rhythm, ChoiceInput) and rhythm.value() == "in4_out6"  # the default rhythm
    rhythm.buttons["in5_out5"].setChecked(True)
    qtbot.mouseClick(page.runner.next_button, Qt.MouseButton.LeftButton)
    assert page.runner.input_widget.value() == "min5"  # 5 minutes unless chosen otherwise
    qtbot.mouseClick(page.runner.next_button, Qt.MouseButton.LeftButton)
    pacer = page.runner.input_widget
    assert isinstance(pacer, BreathingPacer)
    assert pacer.remaining.text() == "5:00 left"
    with qtbot.waitSignal(pacer.cueChanged, timeout=10_000):
        qtbot.mouseClick(pacer.start_button, Qt.MouseButton.LeftButton)
    assert pacer.animating and pacer.cue.text() in ("Breathe in…", "Breathe out, slowly…")
    assert pacer.circle.accessibleDescription() == pacer.cue.text()
    with qtbot.waitSignal(pacer.cueChanged, timeout=10_000):
        pass  # the cue changes with the rhythm (5 s in, 5 s out)
    qtbot.mouseClick(pacer.start_button, Qt.MouseButton.LeftButton)  # pause
    assert not pacer.animating and pacer.start_button.text() == "Continue"
    qtbot.mouseClick(page.runner.next_button, Qt.MouseButton.LeftButton)  # finish early
    assert step_id(page) == "calm_after"
    assert page.runner.run.state["answers"]["breathe"] == pacer.elapsed


def answer_questions(qtbot, page, values: list[int]) -> None:  # noqa: ANN001
    for value in values:
        page.choose(value)
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)


def test_a_phq9_through_the_ui_opens_help_at_item_9_at_once_and_shows_a_self_check_result(
        qtbot, make_root, help_calls) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    window = root.window
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.page("checkins")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=3000)
    qtbot.mouseClick(page.start_buttons["phq9"], Qt.MouseButton.LeftButton)
    # No answer chosen: a gentle message, nothing stored.
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.question_error.isVisible()
    answer_questions(qtbot, page, [1, 2, 1, 2, 0, 1, 1, 0])
    assert help_calls == []
    assert window.session.practice.draft("phq9") == [1, 2, 1, 2, 0, 1, 1, 0]
    assert page.next_button.text() == "See my result"
    page.choose(1)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert help_calls == ["phq9_item9"]  # at once, whatever the total
    assert page.stack.currentWidget() is page.result_page
    assert "Mild (9 of 27)" in page.result_label.text()
    assert "not a diagnosis" in page.result_about.text()
    assert page.help_button.isVisible()
    [stored] = window.session.practice.results("phq9")
    assert stored.total == 9 and "item9_positive" in stored.flags
    assert window.session.practice.draft("phq9") is None
    # The progress page now draws it.
    qtbot.mouseClick(page.progress_button, Qt.MouseButton.LeftButton)
    progress = window.page("progress")
    assert window.pages.currentWidget() is progress
    assert [y for _, y in progress.charts["phq9"].points()] == [9.0]


def test_a_phq9_left_half_way_resumes_where_it_stopped(qtbot, make_root, help_calls) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    page = root.window.page("checkins")
    root.window.show_page("checkins")
    page.start("phq9")
    answer_questions(qtbot, page, [0, 1, 0])
    page.show_home()
    assert page.start_buttons["phq9"].text() == "Continue"
    qtbot.mouseClick(page.start_buttons["phq9"], Qt.MouseButton.LeftButton)
    assert page._index == 3  # noqa: SLF001 - the fourth question
    answer_questions(qtbot, page, [0, 0, 0, 0, 0, 0])
    assert help_calls == [] and not page.help_button.isVisible()
    assert "Minimal (1 of 27)" in page.result_label.text()


def test_any_asq_yes_opens_help_at_once_and_the_acuity_yes_again(qtbot, make_root, help_calls) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    page = root.window.page("checkins")
    root.window.show_page("checkins")
    page.start("asq")
    answer_questions(qtbot, page, [0, 1])
    assert help_calls == ["asq"]
    answer_questions(qtbot, page, [0, 0])
    assert help_calls == ["asq"]  # the acuity question is asked now, after a yes
    answer_questions(qtbot, page, [1])
    assert help_calls == ["asq", "asq"]
    assert page.help_button.isVisible()


def test_the_mood_check_in_word_goes_through_the_crisis_screen(qtbot, make_root, help_calls) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    page = root.window.page("checkins")
    page.start("mood")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)  # 5 of 10, preset
    qtbot.keyClicks(page._line, "suicidal")  # noqa: SLF001
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert help_calls == ["mood_word"]
    assert root.window.session.practice.results("mood")[0].answers == [5, "suicidal"]


def test_reminders_show_inside_the_app_and_can_be_switched_off(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    page = root.window.page("checkins")
    assert set(page.reminder_cards) == {"mood", "self_check"}
    nav = root.window.side_bar.buttons["checkins"]
    assert nav.text() == "Self-checks •" and nav.accessibleDescription()
    assert nav.shortcut().toString() == "Ctrl+3"
    page.self_check_reminder.setChecked(False)
    qtbot.waitUntil(lambda: set(page.reminder_cards) == {"mood"}, timeout=3000)
    later = [b for b in page.reminder_cards["mood"].findChildren(QPushButton) if b.text() == "Not now"][0]
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.reminder_cards == {}, timeout=3000)
    assert root.window.session.practice.reminder_settings().self_check is False
    assert not page.self_check_reminder.isChecked()
    assert nav.text() == "Self-checks"  # nothing waiting any more


def test_the_progress_chart_renders_stored_results_with_the_change_and_the_meaningful_note(
        qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    progress = root.window.page("progress")
    root.window.show_page("progress")
    assert progress.charts == {} and "Nothing to show yet" in progress.empty_note.text()
    practice = root.window.session.practice
    start = dt.datetime(2026, 1, 5, 20).timestamp()
    for week, (phq, gad) in enumerate([(16, 12), (13, 11), (11, 10), (8, 10)]):
        practice.submit("phq9", [min(3, max(0, phq - 3 * i)) for i in range(8)] + [0], taken_at=start + week * 14 * 86400)
        practice.submit("gad7", [min(3, max(0, gad - 3 * i)) for i in range(7)], taken_at=start + week * 14 * 86400)
    for day in range(10):
        practice.submit("mood", [3 + day % 5, None], taken_at=start + day * 86400)
    root.window.show_page("talk")
    root.window.show_page("progress")  # refreshed when shown
    assert set(progress.charts) == {"phq9", "gad7", "mood"}
    assert [y for _, y in progress.charts["phq9"].points()] == [16.0, 13.0, 11.0, 8.0]
    lines = {label.objectName(): label.text() for label in progress.findChildren(type(root.window.status_label))
             if label.objectName() in ("changeLine", "meaningfulNote")}
    texts = [label.text() for label in progress.findChildren(type(root.window.status_label))]
    assert "From 16 at your first self-check to 8 now: 50% lower." in texts
    assert "From 12 at your first self-check to 10 now: 16.7% lower." in texts
    # PHQ-9 passed both figures (>= 3.7 points and >= 20%); GAD-7 did not (2 points).
    notes = [t for t in texts if "more than the change usually counted as meaningful" in t]
    assert len(notes) == 1 and "from 16 to 8" in notes[0]
    assert lines
    chart = progress.charts["phq9"]
    chart.resize(600, 200)
    image = chart.grab().toImage()
    assert not image.isNull() and image.width() > 100


def test_an_offer_under_a_reply_opens_the_fitting_exercise_but_never_for_a_risky_message(
        qtbot, make_root) -> None:  # noqa: ANN001
    backend = FakeBackend(["That sounds heavy. What happened?", "I'm here with you."])
    root = make_root(backend)
    create_profile(qtbot, root)
    chat = root.window.chat_view
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        type_and_send(qtbot, root, "I feel so useless at work")
    qtbot.waitUntil(lambda: bool(chat.messages.bubbles()[-1].findChildren(ExerciseOffer)), timeout=3000)
    [offer] = chat.messages.bubbles()[-1].findChildren(ExerciseOffer)
    assert offer.label.text() == "Would you like to try a thought record about that?"
    qtbot.mouseClick(offer.yes_button, Qt.MouseButton.LeftButton)
    page = root.window.page("exercises")
    assert root.window.pages.currentWidget() is page and step_id(page) == "situation"
    root.window.show_page("talk")
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        type_and_send(qtbot, root, "I'm useless and I want to die")
    assert chat.messages.bubbles()[-1].findChildren(ExerciseOffer) == []


def test_a_finished_exercise_can_be_talked_over_in_a_new_conversation(qtbot, make_root) -> None:  # noqa: ANN001
    backend = FakeBackend(["Thank you for sharing that."])
    root = make_root(backend)
    create_profile(qtbot, root)
    window = root.window
    qtbot.waitUntil(lambda: window.core.worker.state.state.value == "ready", timeout=5000)
    page = window.page("exercises")
    window.show_page("exercises")
    page.start_flow("worry_postponement")
    runner_type(qtbot, page, "the exam on Friday")
    qtbot.mouseClick(page.runner.next_button, Qt.MouseButton.LeftButton)  # "during the day", preselected
    runner_type(qtbot, page, "6 pm at the kitchen table")
    qtbot.mouseClick(page.runner.skip_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.reader and page.talk_button.isVisible()
    with qtbot.waitSignal(root.bridge.replyEvent, timeout=5000, check_params_cb=lambda e: isinstance(e, ReplyDone)):
        qtbot.mouseClick(page.talk_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.chat_view
    [first, reply] = window.session.history(window.chat_view.current_conversation)
    assert first.role == "user" and "Worry postponement" in first.text and "the exam on Friday" in first.text
    assert reply.text == "Thank you for sharing that."
    assert "the exam on Friday" in backend.prompts[-1][-2].content


def test_without_a_model_there_is_no_talk_it_over_button(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root(FakeBackend(fail_load="no_model"))
    create_profile(qtbot, root)
    qtbot.waitUntil(lambda: root.window.core.worker.state.state.value == "failed", timeout=5000)
    page = root.window.page("exercises")
    page.start_flow("grounding_54321")
    while page.runner.run is not None and not page.runner.run.complete and page.stack.currentWidget() is page.runner:
        button = page.runner.skip_button if page.runner.skip_button.isVisible() else page.runner.next_button
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.reader and not page.talk_button.isVisible()


def test_phq9_item_9_opens_the_real_crisis_panel(qtbot, make_root) -> None:  # noqa: ANN001
    """End to end, nothing stubbed: the instruments' rule, the page's signal, the main window's wiring
    and the real crisis panel with the region's numbers, open the moment item 9 is answered."""
    root = make_root(region="GB")
    create_profile(qtbot, root)
    window = root.window
    window.show_page("checkins")
    page = window.page("checkins")
    page.start("phq9")
    answer_questions(qtbot, page, [0] * 8)
    assert getattr(window, "crisis_panel", None) is None or not window.crisis_panel.isVisible()
    answer_questions(qtbot, page, [2])
    assert window.crisis_panel.isVisible() and window.crisis_panel.reason == "phq9_item9"
    assert [label.text() for label in window.crisis_panel.numbers][:2] == ["999", "112"]
    assert page.stack.currentWidget() is page.result_page and page.help_button.isVisible()
