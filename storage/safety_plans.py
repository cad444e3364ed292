"""The person's safety plan: one row per section, each save its own committed transaction.

Saving one section at a time (as the person types, debounced by the UI) keeps each commit small and
means a crash loses at most the last few keystrokes of one section, never the rest of the plan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from storage.vault import Vault


@dataclass(frozen=True)
class SafetyPlanSection:
    key: str
    text: str
    updated_at: float


class SafetyPlanRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def sections(self) -> dict[str, SafetyPlanSection]:
        """Every saved section by key (a section never saved is absent, not empty)."""
        with self._vault.reading() as cur:
            rows = cur.execute("SELECT section, text, updated_at FROM safety_plan").fetchall()
        return {row[0]: SafetyPlanSection(*row) for row in rows}

    def save_section(self, key: str, text: str) -> SafetyPlanSection:
        record = SafetyPlanSection(key, text, time.time())
        with self._vault.transaction() as cur:
            cur.execute(
                "INSERT INTO safety_plan (section, text, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(section) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (record.key, record.text, record.updated_at),
            )
        return record

    def save_sections(self, texts: dict[str, str]) -> None:
        """Several sections in one commit (the editor's flush on lock)."""
        now = time.time()
        with self._vault.transaction() as cur:
            cur.executemany(
                "INSERT INTO safety_plan (section, text, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(section) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                [(key, text, now) for key, text in texts.items()],
            )
