"""Exercise runs, self-check results and self-check drafts (issue 4). Every method is its own
committed transaction, so each step a person takes is on disk (encrypted) before it is shown as done.

Values are stored as given: the engine's state and the answers are JSON written by the caller;
this module knows nothing about flows or scoring.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from storage.vault import Vault


@dataclass(frozen=True)
class RunRecord:
    id: str
    flow_id: str
    state: dict[str, Any]
    complete: bool
    created_at: float
    updated_at: float
    completed_at: float | None


@dataclass(frozen=True)
class ResultRecord:
    id: int
    instrument_id: str
    answers: list[Any]
    total: int
    severity: str | None
    flags: frozenset[str]
    taken_at: float


_RUN_COLUMNS = "id, flow_id, state, complete, created_at, updated_at, completed_at"
_RESULT_COLUMNS = "id, instrument_id, answers, total, severity, flags, taken_at"


def _run(row: tuple) -> RunRecord:
    return RunRecord(row[0], row[1], json.loads(row[2]), bool(row[3]), row[4], row[5], row[6])


def _result(row: tuple) -> ResultRecord:
    return ResultRecord(row[0], row[1], json.loads(row[2]), row[3], row[4], frozenset(json.loads(row[5])), row[6])


class ExerciseRunRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def create(self, flow_id: str, state: dict[str, Any], now: float | None = None) -> RunRecord:
        now = time.time() if now is None else now
        record = RunRecord(uuid.uuid4().hex, flow_id, state, False, now, now, None)
        with self._vault.transaction() as cur:
            cur.execute(f"INSERT INTO exercise_runs ({_RUN_COLUMNS}) VALUES (?, ?, ?, 0, ?, ?, NULL)",
                        (record.id, flow_id, json.dumps(state, ensure_ascii=False), now, now))
        return record

    def save(self, run_id: str, state: dict[str, Any], complete: bool, now: float | None = None) -> None:
        """Store the state after a step; the first time a run is complete its completion time is kept."""
        now = time.time() if now is None else now
        with self._vault.transaction() as cur:
            cur.execute(
                "UPDATE exercise_runs SET state = ?, complete = ?, updated_at = ?, "
                "completed_at = CASE WHEN ? THEN COALESCE(completed_at, ?) ELSE NULL END WHERE id = ?",
                (json.dumps(state, ensure_ascii=False), int(complete), now, int(complete), now, run_id))
            if cur.rowcount != 1:
                raise KeyError(run_id)

    def get(self, run_id: str) -> RunRecord | None:
        with self._vault.reading() as cur:
            row = cur.execute(f"SELECT {_RUN_COLUMNS} FROM exercise_runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def list(self, complete: bool) -> list[RunRecord]:
        """Unfinished runs (most recently touched first) or completed ones (most recent first)."""
        order = "completed_at DESC" if complete else "updated_at DESC"
        with self._vault.reading() as cur:
            rows = cur.execute(f"SELECT {_RUN_COLUMNS} FROM exercise_runs WHERE complete = ? ORDER BY {order}",
                               (int(complete),)).fetchall()
        return [_run(row) for row in rows]

    def delete(self, run_id: str) -> bool:
        # secure_delete=ON overwrites the freed pages.
        with self._vault.transaction() as cur:
            cur.execute("DELETE FROM exercise_runs WHERE id = ?", (run_id,))
            return cur.rowcount == 1


class SelfCheckRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def add(self, instrument_id: str, answers: list[Any], total: int, severity: str | None,
            flags: frozenset[str] | set[str], taken_at: float | None = None) -> ResultRecord:
        """Store a scored result and drop the self-check's draft in the same commit."""
        taken_at = time.time() if taken_at is None else taken_at
        with self._vault.transaction() as cur:
            cur.execute(
                "INSERT INTO self_check_results (instrument_id, answers, total, severity, flags, taken_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (instrument_id, json.dumps(list(answers), ensure_ascii=False), total, severity,
                 json.dumps(sorted(flags)), taken_at))
            result_id = cur.lastrowid
            cur.execute("DELETE FROM self_check_drafts WHERE instrument_id = ?", (instrument_id,))
        return ResultRecord(result_id, instrument_id, list(answers), total, severity, frozenset(flags), taken_at)

    def results(self, instrument_id: str | None = None) -> list[ResultRecord]:
        """Oldest first."""
        where, args = ("WHERE instrument_id = ?", (instrument_id,)) if instrument_id else ("", ())
        with self._vault.reading() as cur:
            rows = cur.execute(f"SELECT {_RESULT_COLUMNS} FROM self_check_results {where} ORDER BY taken_at, id",
                               args).fetchall()
        return [_result(row) for row in rows]

    def latest_time(self, instrument_ids: tuple[str, ...]) -> float | None:
        marks = ", ".join("?" for _ in instrument_ids)
        with self._vault.reading() as cur:
            row = cur.execute(f"SELECT MAX(taken_at) FROM self_check_results WHERE instrument_id IN ({marks})",
                              instrument_ids).fetchone()
        return row[0] if row else None

    def delete(self, result_id: int) -> bool:
        with self._vault.transaction() as cur:
            cur.execute("DELETE FROM self_check_results WHERE id = ?", (result_id,))
            return cur.rowcount == 1

    # -- drafts: the answers so far of a self-check being filled in ------------------------------
    def save_draft(self, instrument_id: str, answers: list[Any], now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._vault.transaction() as cur:
            cur.execute(
                "INSERT INTO self_check_drafts (instrument_id, answers, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(instrument_id) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at",
                (instrument_id, json.dumps(list(answers), ensure_ascii=False), now))

    def draft(self, instrument_id: str) -> list[Any] | None:
        with self._vault.reading() as cur:
            row = cur.execute("SELECT answers FROM self_check_drafts WHERE instrument_id = ?",
                              (instrument_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def drop_draft(self, instrument_id: str) -> None:
        with self._vault.transaction() as cur:
            cur.execute("DELETE FROM self_check_drafts WHERE instrument_id = ?", (instrument_id,))
