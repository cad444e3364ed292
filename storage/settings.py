"""Per-profile preferences, kept inside the encrypted vault."""

from __future__ import annotations

import json
from typing import Any

from storage.vault import Vault


class SettingsRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, key: str, default: Any = None) -> Any:
        with self._vault.reading() as cur:
            row = cur.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        with self._vault.transaction() as cur:
            cur.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )
