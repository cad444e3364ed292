"""session.practice on a real vault: every flow completes, survives a crash between any two steps
(a second connection reads what the first committed; a killed child process), is kept as history and
can be deleted; self-checks resume from a draft, are kept for progress, and reminders are gentle."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from companion import Companion
from companion.practice.exercises import FLOW_IDS, InvalidAnswer, get_flow, is_complete
from companion.practice.instruments import InvalidAnswers
from companion.practice.service import Practice, offer_for_message, offer_text, reflection_message
from storage import ProfileStore
from storage.migrations import MIGRATIONS
from tests.conftest import FAST_KDF
from tests.exercises.test_exercise_engine import valid_answer

ROOT = Path(__file__).resolve().parent.parent


class Clock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(home: Path) -> ProfileStore:
    store = ProfileStore(home, FAST_KDF)
    store.create("Sam", "secret12")[1].close()
    return store


def open_practice(store: ProfileStore, clock=None) -> tuple[Practice, object]:  # noqa: ANN001
    vault = store.unlock("Sam", "secret12")[1]
    return (Practice(vault, clock) if clock else Practice(vault)), vault


def test_the_practice_tables_are_an_appended_migration(store: ProfileStore) -> None:
    names = [name for name, _ in MIGRATIONS]
    assert names.index("create_practice") > names.index("create_settings")  # appended, never inserted
    practice, vault = open_practice(store)
    assert vault.schema_version() == len(MIGRATIONS)
    vault.close()


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_each_flow_completes_resumes_after_a_crash_between_every_step_and_is_deleted(
        store: ProfileStore, flow_id: str) -> None:
    practice, vault = open_practice(store)
    run = practice.start(flow_id)
    for _ in range(100):
        if run.complete:
            break
        run = practice.answer(run.id, valid_answer(run.state))
        # "Crash": a second connection (as a restarted app would) sees exactly the committed step,
        # while the first one is never shut down cleanly.
        survivor, other = open_practice(store)
        assert survivor.run(run.id).state == run.state
        other.close()
    assert run.complete and is_complete(run.state)
    assert practice.unfinished() == []
    assert [r.id for r in practice.completed()] == [run.id]
    vault.close()
    # Reopened later: the history is there, readable, and can be deleted.
    practice, vault = open_practice(store)
    kept = practice.completed()[0]
    assert kept.summary("zh")["title"] == get_flow(flow_id).title.zh
    assert practice.delete(kept.id) is True
    assert practice.completed() == [] and practice.delete(kept.id) is False
    vault.close()


CHILD = r"""
import os, signal, sys
from storage import ProfileStore
from storage.keyfile import KdfParams
from companion.practice.service import Practice
store = ProfileStore(sys.argv[1], KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))
practice = Practice(store.unlock("Sam", "secret12")[1])
run = practice.start("thought_record")
for value in ["At work, my manager frowned at my report", "anxious", 80]:
    run = practice.answer(run.id, value)
print(run.id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # killed between two steps, no shutdown at all
"""


def test_a_thought_record_resumes_after_the_app_is_killed_between_steps(store: ProfileStore, home: Path) -> None:
    child = subprocess.run([sys.executable, "-c", CHILD, str(home)], cwd=ROOT, capture_output=True, text=True,
                           timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    run_id = child.stdout.strip()
    practice, vault = open_practice(store)
    [resumed] = practice.unfinished()
    assert resumed.id == run_id and resumed.step.id == "automatic_thoughts"
    assert resumed.state["answers"]["mood_rating"] == 80
    # Nothing a person wrote is in the files in plain text.
    for path in home.rglob("*"):
        if path.is_file():
            assert b"manager frowned" not in path.read_bytes()
    run = practice.back(run_id)
    assert run.step.id == "mood_rating"
    vault.close()


def test_an_invalid_answer_stores_nothing(store: ProfileStore) -> None:
    practice, vault = open_practice(store)
    run = practice.start("thought_record")
    with pytest.raises(InvalidAnswer):
        practice.answer(run.id, "   ")
    assert practice.run(run.id).state == run.state
    vault.close()


def test_self_checks_resume_from_a_draft_and_are_kept_for_progress(store: ProfileStore) -> None:
    clock = Clock(dt.datetime(2026, 3, 2, 9).timestamp())
    practice, vault = open_practice(store, clock)
    practice.save_draft("phq9", [2, 2, 1])
    vault.close()
    practice, vault = open_practice(store, clock)
    assert practice.draft("phq9") == [2, 2, 1]
    with pytest.raises(InvalidAnswers):
        practice.submit("phq9", [2, 2, 1])  # nothing stored, draft kept
    assert practice.results("phq9") == [] and practice.draft("phq9") == [2, 2, 1]
    first = practice.submit("phq9", [2, 2, 2, 2, 2, 2, 2, 0, 0])
    assert first.result.total == 14 and practice.draft("phq9") is None
    clock.now += 28 * 86400
    latest = practice.submit("phq9", [1, 1, 1, 1, 1, 1, 0, 0, 1])
    assert latest.result.opens_safety_flow
    progress = practice.progress("phq9")
    assert [p.total for p in progress.points] == [14, 7]
    assert progress.change.percent_reduction == 50.0 and progress.change.meaningful_improvement
    assert practice.progress("mood").points == () and practice.progress("mood").change is None
    assert practice.delete_result(first.id)
    assert [r.total for r in practice.results("phq9")] == [7]
    vault.close()


def test_reminders_are_gentle_switchable_and_snooze_until_tomorrow(store: ProfileStore) -> None:
    clock = Clock(dt.datetime(2026, 3, 2, 20).timestamp())
    practice, vault = open_practice(store, clock)
    assert {r.kind for r in practice.due_reminders()} == {"mood", "self_check"}
    practice.submit("mood", [6, "calm"])
    practice.submit("gad7", [1] * 7)
    assert practice.due_reminders() == []
    clock.now += 5 * 3600  # the next morning: a new day's mood check-in, the self-check is recent
    assert [r.kind for r in practice.due_reminders()] == ["mood"]
    practice.snooze("mood")
    assert practice.due_reminders() == []
    clock.now += 86400
    assert [r.kind for r in practice.due_reminders()] == ["mood"]
    clock.now += 14 * 86400
    assert [r.kind for r in practice.due_reminders()] == ["mood", "self_check"]
    practice.set_reminder("mood", False)
    practice.set_reminder("self_check", False)
    vault.close()
    practice, vault = open_practice(store, clock)  # the choice is kept in the vault
    assert practice.reminder_settings().mood is False and practice.due_reminders() == []
    with pytest.raises(ValueError):
        practice.set_reminder("streak", True)
    vault.close()


@pytest.mark.parametrize("text, flow_id", [
    pytest.param("I'm so useless, I can't do anything right", "thought_record", id="labelling-thought-record"),
    pytest.param("我觉得自己一无是处", "thought_record", id="zh-thought-record"),
    pytest.param("what if everything goes wrong tomorrow", "decatastrophising", id="what-if"),
    pytest.param("no energy, stuck in bed all day", "behavioural_activation", id="activation"),
    pytest.param("I can't breathe, nothing feels real", "grounding_54321", id="panic-grounding"),
    pytest.param("Had a nice walk today", None, id="nothing-to-offer"),
    pytest.param("I'm useless and I want to kill myself", None, id="risk-never-gets-an-exercise"),
    pytest.param("我没用，不想活了", None, id="zh-risk-never-gets-an-exercise"),
])
def test_the_offer_rule_is_deterministic_and_never_replaces_crisis_help(text: str, flow_id: str | None) -> None:
    assert offer_for_message(text) == flow_id
    if flow_id:
        assert offer_text(flow_id, "en").endswith("?") and offer_text(flow_id, "zh").endswith("？")


def test_the_reflection_is_a_short_summary_in_the_persons_language(home: Path) -> None:
    core = Companion(home=home, backend_factory=lambda: None, kdf=FAST_KDF)  # no model needed
    session = core.create_profile("Sam", "secret12")
    practice = session.practice
    run = practice.start("thought_record")
    for value in ["Manager frowned", "anxious", 80, "I'll be fired " * 100, "I'll be fired", ["fortune_telling"],
                  "He frowned", "He praised me last week", "One frown is not a verdict", 60, 40]:
        run = practice.answer(run.id, value)
    en = reflection_message(run, "en")
    zh = reflection_message(run, "zh")
    assert "Thought record" in en and "Fortune telling" in en and "Could we talk it over?" in en
    assert "思维记录" in zh and "算命式预测" in zh and "我们可以聊聊吗" in zh
    assert len(en) < 2200 and "…" in en  # a long answer is shortened
    session.close_now()
    core.close()


def test_no_streaks_points_badges_or_body_measures_in_what_the_practice_screens_say() -> None:
    import re

    from companion.practice import service as practice
    from companion.bilingual import Text

    shown = [t for value in vars(practice).values()
             for t in ([value] if isinstance(value, Text) else value.values() if isinstance(value, dict) else [])
             if isinstance(t, Text)]
    texts = [t.en for t in shown] + [t.zh for t in shown]
    for path in sorted((ROOT / "ui" / "i18n").glob("exercises_*.ts")):
        texts.append(path.read_text("utf-8"))
    assert len(texts) > 10
    english = re.compile(r"\b(streaks?|badges?|points|calories?|weight|weigh|bmi|waist)\b", re.IGNORECASE)
    for text in texts:
        assert not english.search(text), text
        assert not any(word in text for word in ("卡路里", "热量", "体重", "连续打卡", "徽章", "积分")), text


def test_every_practice_text_exists_in_english_and_chinese() -> None:
    from companion.practice import service as practice
    from companion.bilingual import Text
    from tests.content_walk import CJK, walk

    found = [(name, t) for name, value in vars(practice).items() if isinstance(value, (Text, dict))
             for _, t in walk(value) if isinstance(t, Text)]
    assert len(found) >= 9  # the reminders, the reflection and one offer per exercise that can be offered
    for name, text in found:
        assert text.en.strip() and not CJK.search(text.en), name
        assert CJK.search(text.zh), name
