"""Exercises, self-checks and progress for one unlocked profile (issue 4). No Qt.

The Session exposes one ``Practice`` as ``session.practice``. Every step is committed to the
encrypted vault before it returns, so an exercise or a self-check left half-way (closed, locked,
crashed) resumes where it stopped:

    run = session.practice.start("thought_record")
    run = session.practice.answer(run.id, "At work, my manager frowned at my report")
    session.practice.unfinished()          # [run], after a restart too
    saved = session.practice.submit("phq9", [0, 1, 2, 3, 0, 1, 2, 0, 1])
    saved.result.opens_safety_flow         # True: item 9 above 0
    session.practice.progress("phq9").change
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from companion.bilingual import Text
from companion.practice.exercises import (InvalidState, Step, answer as engine_answer, back as engine_back,
                                          current_step, get_flow, start as engine_start, suggest_exercise, summary)
from companion.practice.exercises.engine import load_state
from companion.practice.exercises.model import Flow
from companion.practice.instruments import MeaningfulChange, ScoreResult, get_instrument, meaningful_change, score
from companion.safety import assess
from storage.practice import ExerciseRunRepository, ResultRecord, RunRecord, SelfCheckRepository
from storage.search import SearchIndex
from storage.settings import SettingsRepository
from storage.vault import Vault

#: Self-checks drawn on the progress view, in order.
PROGRESS_INSTRUMENTS: tuple[str, ...] = ("phq9", "gad7", "mood")
#: The regular self-checks the two-weekly reminder is about (both ask about the last two weeks).
REGULAR_SELF_CHECKS: tuple[str, ...] = ("phq9", "gad7")
SELF_CHECK_INTERVAL_DAYS = 14


class UnknownRun(KeyError):
    """No exercise run has this id (it was deleted)."""


@dataclass(frozen=True)
class Run:
    """One exercise run: the engine state as stored after the last step."""

    id: str
    flow_id: str
    state: dict[str, Any]
    complete: bool
    created_at: float
    updated_at: float
    completed_at: float | None

    @property
    def flow(self) -> Flow:
        return get_flow(self.flow_id)

    @property
    def readable(self) -> bool:
        """False when the stored state no longer fits its flow (the app changed the exercise)."""
        try:
            load_state(self.state)
        except (InvalidState, ValueError):
            return False
        return True

    @property
    def step(self) -> Step | None:
        return current_step(self.state) if not self.complete else None

    def summary(self, lang: str) -> dict[str, Any]:
        return summary(self.state, lang)


@dataclass(frozen=True)
class SavedResult:
    id: int
    taken_at: float
    result: ScoreResult


@dataclass(frozen=True)
class ProgressPoint:
    taken_at: float
    total: int
    severity: str | None


@dataclass(frozen=True)
class Progress:
    instrument_id: str
    points: tuple[ProgressPoint, ...]
    max_total: int
    change: MeaningfulChange | None  # first vs latest; None with fewer than two results or no rule


@dataclass(frozen=True)
class Reminder:
    kind: str  # "mood" | "self_check"
    text: Text
    instrument_id: str  # what the reminder opens


@dataclass(frozen=True)
class ReminderSettings:
    mood: bool = True
    self_check: bool = True


_MOOD_REMINDER = Text("A quick mood check-in for today? It takes a few seconds.",
                      "今天记一下心情吗？只要几秒钟。")
_SELF_CHECK_FIRST = Text(
    "When you feel ready, a short self-check helps you see how things change over time.",
    "等你准备好了，可以做一个简短的自我检查，方便以后看看状态的变化。")
_SELF_CHECK_AGAIN = Text(
    "It has been two weeks or more since your last self-check. Would you like to do one today?",
    "距离上次自我检查已经两周或更久了。今天要不要做一次？")

_REFLECTION = Text(
    "I just finished an exercise: {title}. Here is a short summary of what I wrote:\n\n{lines}\n\n"
    "Could we talk it over?",
    "我刚做完一个练习：{title}。下面是我写下内容的简短小结：\n\n{lines}\n\n我们可以聊聊吗？")
_ELLIPSIS = "…"

# The in-conversation offer, per flow (the deterministic rule in companion.practice.exercises.suggest).
_OFFERS: dict[str, Text] = {
    "thought_record": Text("Would you like to try a thought record about that?",
                           "要不要针对这件事做一个思维记录？"),
    "behavioural_activation": Text("Would you like to plan one small, doable step together?",
                                   "要不要一起安排一件做得到的小事？"),
    "worry_postponement": Text("Would you like to try putting that worry off to a set worry time?",
                               "要不要试试把这个担忧留到固定的“担忧时间”再处理？"),
    "decatastrophising": Text("Would you like to look at the worst, best and most likely outcomes?",
                              "要不要一起看看最坏、最好和最可能的结果？"),
    "paced_breathing": Text("Would you like to try a few minutes of slow breathing?",
                            "要不要试试几分钟的慢呼吸？"),
    "grounding_54321": Text("Would you like to try a grounding exercise (5-4-3-2-1) right now?",
                            "要不要现在做一个 5-4-3-2-1 着陆练习？"),
}


def offer_for_message(text: str, lang: str | None = None) -> str | None:
    """The exercise to offer under a reply to ``text``, or None.

    Deterministic and independent of the model. Never in place of crisis help: when the safety
    screen finds any risk in the message, no exercise is offered.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    if assess(text, lang=None).level != "none":
        return None
    flow_id = suggest_exercise(text)
    return flow_id if flow_id in _OFFERS else None


def offer_text(flow_id: str, lang: str) -> str:
    return _OFFERS[flow_id].get(lang)


def reflection_message(run: Run, lang: str, max_answer: int = 280, max_total: int = 1600) -> str:
    """What the person 'says' to open a conversation about a finished exercise: a short summary."""
    data = run.summary(lang)
    colon = "：" if lang.lower().startswith("zh") else ": "
    lines: list[str] = []
    used = 0
    for item in data["items"]:
        answer = " ".join(str(item["answer"]).split())
        if len(answer) > max_answer:
            answer = answer[: max_answer - 1].rstrip() + _ELLIPSIS
        line = f"- {item['label']}{colon}{answer}"
        if used + len(line) > max_total:
            lines.append(_ELLIPSIS)
            break
        lines.append(line)
        used += len(line)
    return _REFLECTION.get(lang).format(title=data["title"], lines="\n".join(lines))


SEARCH_SOURCE = "exercise_run"


def searchable_text(run: Run) -> str:
    """The exercise's name and the person's answers, in both languages' labels, for the search index."""
    parts: list[str] = []
    for lang in ("en", "zh"):
        data = run.summary(lang)
        parts.append(str(data["title"]))
        if lang == "en":
            parts += [str(item["answer"]) for item in data["items"] if item["answer"]]
    return "\n".join(parts)


def _to_run(record: RunRecord) -> Run:
    return Run(record.id, record.flow_id, record.state, record.complete, record.created_at,
               record.updated_at, record.completed_at)


class Practice:
    """Exercise runs, self-checks, progress and reminders of one profile."""

    def __init__(self, vault: Vault, clock: Callable[[], float] = time.time) -> None:
        self._runs = ExerciseRunRepository(vault)
        self._search = SearchIndex(vault)
        self._checks = SelfCheckRepository(vault)
        self._settings = SettingsRepository(vault)
        self._clock = clock

    # -- exercises ---------------------------------------------------------------------------
    def start(self, flow_id: str) -> Run:
        """A new run at the first step, already stored. Raises UnknownFlow."""
        state = engine_start(flow_id)
        return _to_run(self._runs.create(flow_id, state, self._clock()))

    def run(self, run_id: str) -> Run:
        record = self._runs.get(run_id)
        if record is None:
            raise UnknownRun(run_id)
        return _to_run(record)

    def _store(self, run: Run, state: dict[str, Any]) -> Run:
        complete = state["complete"] is True
        now = self._clock()
        self._runs.save(run.id, state, complete, now)
        completed_at = (run.completed_at or now) if complete else None
        stored = Run(run.id, run.flow_id, state, complete, run.created_at, now, completed_at)
        if complete:
            # Completed exercises are part of the history the person can search (issue 5).
            self._search.index(SEARCH_SOURCE, run.id, searchable_text(stored), None, completed_at)
        else:
            self._search.remove(SEARCH_SOURCE, run.id)  # went back from the last step: not history yet
        return stored

    def answer(self, run_id: str, value: object) -> Run:
        """Answer the current step and store the new state; raises InvalidAnswer (nothing stored)."""
        run = self.run(run_id)
        return self._store(run, engine_answer(run.state, value))

    def back(self, run_id: str) -> Run:
        run = self.run(run_id)
        return self._store(run, engine_back(run.state))

    def unfinished(self) -> list[Run]:
        """Runs left half-way that can still be resumed, most recent first."""
        return [run for run in map(_to_run, self._runs.list(complete=False)) if run.readable]

    def completed(self) -> list[Run]:
        """The history: completed runs, most recent first."""
        return [_to_run(record) for record in self._runs.list(complete=True)]

    def delete(self, run_id: str) -> bool:
        self._search.remove(SEARCH_SOURCE, run_id)
        return self._runs.delete(run_id)

    # -- self-checks ------------------------------------------------------------------------
    def save_draft(self, instrument_id: str, answers: Sequence[Any]) -> None:
        """The answers so far (item order), stored after each one so a self-check can resume."""
        get_instrument(instrument_id)
        self._checks.save_draft(instrument_id, list(answers), self._clock())

    def draft(self, instrument_id: str) -> list[Any] | None:
        return self._checks.draft(instrument_id)

    def discard_draft(self, instrument_id: str) -> None:
        self._checks.drop_draft(instrument_id)

    def submit(self, instrument_id: str, answers: Sequence[Any], taken_at: float | None = None) -> SavedResult:
        """Score (raises InvalidAnswers, nothing stored) and store the result; drops the draft."""
        result = score(instrument_id, answers)
        record = self._checks.add(instrument_id, list(result.answers), result.total, result.severity,
                                  result.flags, self._clock() if taken_at is None else taken_at)
        return SavedResult(record.id, record.taken_at, result)

    def results(self, instrument_id: str | None = None) -> list[ResultRecord]:
        """Stored results, oldest first."""
        return self._checks.results(instrument_id)

    def delete_result(self, result_id: int) -> bool:
        return self._checks.delete(result_id)

    def progress(self, instrument_id: str) -> Progress:
        instrument = get_instrument(instrument_id)
        records = self._checks.results(instrument_id)
        points = tuple(ProgressPoint(r.taken_at, r.total, r.severity) for r in records)
        change = None
        if len(points) >= 2 and instrument.change_rule is not None:
            change = meaningful_change(instrument_id, points[0].total, points[-1].total)
        return Progress(instrument_id, points, instrument.max_total, change)

    # -- reminders (inside the app only) ------------------------------------------------------
    def reminder_settings(self) -> ReminderSettings:
        return ReminderSettings(mood=bool(self._settings.get("reminders.mood", True)),
                                self_check=bool(self._settings.get("reminders.self_check", True)))

    def set_reminder(self, kind: str, enabled: bool) -> None:
        if kind not in ("mood", "self_check"):
            raise ValueError(f"unknown reminder {kind!r}")
        self._settings.set(f"reminders.{kind}", bool(enabled))

    def snooze(self, kind: str) -> None:
        """'Not now': the reminder comes back tomorrow (local time)."""
        if kind not in ("mood", "self_check"):
            raise ValueError(f"unknown reminder {kind!r}")
        self._settings.set(f"reminders.{kind}.snoozed_until", _next_midnight(self._clock()))

    def due_reminders(self) -> list[Reminder]:
        now = self._clock()
        settings = self.reminder_settings()
        due: list[Reminder] = []
        if settings.mood and not self._snoozed("mood", now):
            latest = self._checks.latest_time(("mood",))
            if latest is None or latest < _midnight(now):
                due.append(Reminder("mood", _MOOD_REMINDER, "mood"))
        if settings.self_check and not self._snoozed("self_check", now):
            latest = self._checks.latest_time(REGULAR_SELF_CHECKS)
            if latest is None:
                due.append(Reminder("self_check", _SELF_CHECK_FIRST, "phq9"))
            elif now - latest >= SELF_CHECK_INTERVAL_DAYS * 86400:
                due.append(Reminder("self_check", _SELF_CHECK_AGAIN, "phq9"))
        return due

    def _snoozed(self, kind: str, now: float) -> bool:
        until = self._settings.get(f"reminders.{kind}.snoozed_until", 0)
        return isinstance(until, (int, float)) and now < until


def _midnight(timestamp: float) -> float:
    day = dt.datetime.fromtimestamp(timestamp).date()
    return dt.datetime.combine(day, dt.time()).timestamp()


def _next_midnight(timestamp: float) -> float:
    day = dt.datetime.fromtimestamp(timestamp).date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time()).timestamp()
