"""CBT exercises and psychoeducation cards, run by one small pure engine.

Pure Python, no Qt and no database. Each flow is data in `flows/`, one module each; adding an
exercise means adding a module there. The state is a JSON-serialisable dict, to be stored
(encrypted) after every step:

    from companion.practice.exercises import start, current_step, answer, is_complete, summary
    state = start("thought_record")
    state = answer(state, "At work, my manager frowned at my report")
    ...
    summary(state, "zh")
"""
from __future__ import annotations

from .engine import (STATE_VERSION, InvalidState, answer, back, can_go_back, current_step,
                     is_complete, start, timer_settings)
from .model import END, Branch, Flow, Option, Step, TimerSpec
from .registry import FLOW_IDS, DefinitionError, UnknownFlow, get_flow
from .suggest import suggest_exercise
from .summary import summary, summary_text
from .text import LANGS, Text
from .validation import InvalidAnswer

__all__ = [
    "END", "FLOW_IDS", "LANGS", "STATE_VERSION", "Branch", "DefinitionError", "Flow",
    "InvalidAnswer", "InvalidState", "Option", "Step", "Text", "TimerSpec", "UnknownFlow",
    "answer", "back", "can_go_back", "current_step", "get_flow", "is_complete", "start",
    "suggest_exercise", "summary", "summary_text", "timer_settings",
]
