"""When an answer in a self-check opens crisis help at once, before the remaining questions.

docs/clinical.md section 5: PHQ-9 item 9 above 0, whatever the total; any ASQ yes (a positive screen),
and the ASQ acuity question's yes again (imminent); and a free word (the mood check-in) that the crisis
screen flags as it would flag a message. The UI asks ``help_now`` after every answer and opens the crisis
panel with the reason it returns; the rule itself lives here, with the instruments, not in a page.
"""

from __future__ import annotations

from companion.safety import Level, assess

from .model import Instrument

#: The reason given to the crisis panel for each self-check that can open it.
HELP_REASONS = {"phq9": "phq9_item9", "asq": "asq", "mood": "mood_word"}


def help_now(instrument: Instrument, index: int, value: object, already_opened: bool = False) -> str | None:
    """The reason to open crisis help now for answer ``value`` to item ``index`` (0-based), or None.

    ``already_opened``: help was opened earlier in this run (a second ASQ yes does not open it again,
    but the acuity question's yes always does)."""
    reason = HELP_REASONS.get(instrument.id)
    if reason is None:
        return None
    if isinstance(value, str):
        return reason if assess(value).level != Level.NONE else None
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    flagged = any(rule.item == index and value >= rule.at_least and rule.flag in instrument.safety_flags
                  for rule in instrument.item_flags)
    # A screen that is positive on any single yes (the ASQ) opens help with its first yes.
    positive = ("positive" in instrument.safety_flags and instrument.positive_at is not None
                and instrument.items[index].scored and value >= instrument.positive_at and not already_opened)
    return reason if flagged or positive else None
