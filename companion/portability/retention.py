"""Retention for shared clinic machines: per profile, an optional "delete conversations older than
N days", applied each time the profile is unlocked.

"Older" means no message for N days (a conversation still in use is kept whole). Deleting goes
through the conversation repository, so the words leave the search index too and, with
``secure_delete``, the freed pages are overwritten. Memories the person kept are not conversations
and stay until they delete them on the memory page.
"""

from __future__ import annotations

import time

from storage import ConversationRepository, Vault
from storage.settings import SettingsRepository

SETTING = "retention_days"
CHOICES = (7, 30, 90, 365)
_DAY = 86_400.0


def retention_days(vault: Vault) -> int | None:
    value = SettingsRepository(vault).get(SETTING)
    return int(value) if value else None


def set_retention_days(vault: Vault, days: int | None) -> None:
    if days is not None and days < 1:
        raise ValueError("The number of days must be at least 1.")
    SettingsRepository(vault).set(SETTING, days or 0)


def conversations_older_than(vault: Vault, days: int, now: float | None = None) -> list[str]:
    cutoff = (time.time() if now is None else now) - days * _DAY
    return [c.id for c in ConversationRepository(vault).list() if c.updated_at < cutoff]


def count_older_than(vault: Vault, days: int, now: float | None = None) -> int:
    """Shown before the switch is turned on: "this would delete 4 conversations now"."""
    return len(conversations_older_than(vault, days, now))


def apply_retention(vault: Vault, now: float | None = None) -> int:
    """Delete what the profile's setting says is too old; return how many conversations went."""
    days = retention_days(vault)
    if not days:
        return 0
    repo = ConversationRepository(vault)
    doomed = conversations_older_than(vault, days, now)
    for conversation_id in doomed:
        repo.delete(conversation_id)
    return len(doomed)
