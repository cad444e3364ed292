"""Prompts that suit the size of the model (issue 14).

A 1-4B model follows the full system prompt of ``companion.chat.prompts``. A model under a billion
parameters (the embedded SmolLM2 135M and Gemma 3 270M) drowns in it: it repeats it, lists tips, or
writes the person's next turn. For those, the stable prefix is a two-line instruction and two short
example exchanges that show the shape of a good reply. Everything here is fixed text, so the prefix is
read once and cached; the per-turn CBT move goes after the history (``move_message``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from companion.chat.prompts import SYSTEM_PROMPT
from models.backend import ChatMessage, ModelInfo

#: Files under this size hold models of under a billion parameters (a 1B model at Q4 is ~0.7 GB).
SMALL_MODEL_BYTES = 600 * 1024 * 1024

SMALL_SYSTEM_PROMPT = ("You are Companion, a kind AI companion (not a person, not a therapist). "
                       "Reply in one or two short sentences: say back what the person feels in their own "
                       "words, then ask one gentle question. No lists, no advice lists, no names.")
SMALL_EXAMPLES = (
    ("I can't sleep, my head is full of work stuff.",
     "It sounds exhausting to lie awake with work still running through your head. What is the thought "
     "that keeps coming back?"),
    ("My friend didn't reply to my message and I feel stupid for sending it.",
     "Waiting without a reply can make you feel stupid for reaching out. What makes you sure it means "
     "something bad?"),
)


def is_small(info: ModelInfo | None) -> bool:
    if info is None:
        return False
    try:
        return Path(info.path).stat().st_size < SMALL_MODEL_BYTES
    except OSError:
        return False


def system_text(info: ModelInfo | None) -> str:
    return SMALL_SYSTEM_PROMPT if is_small(info) else SYSTEM_PROMPT


def stable_prefix(info: ModelInfo | None, preamble: str = "") -> list[ChatMessage]:
    """The fixed start of every chat prompt for this model: system prompt (+ the running fold
    summary), then, for a small model, the example exchanges."""
    messages = [ChatMessage("system", system_text(info) + ("\n\n" + preamble if preamble else ""))]
    if is_small(info):
        for user, reply in SMALL_EXAMPLES:
            messages += [ChatMessage("user", user), ChatMessage("assistant", reply)]
    return messages


def move_instruction_for(info: ModelInfo | None) -> bool:
    """Whether the model gets the CBT move as an instruction after the history. Not a small one:
    on bench/conversation.py (4 English tuning conversations, 12 replies) SmolLM2 135M wrote the
    instruction back as its reply in 4 of 12 and wrote "I'm sorry for your loss" in 6 of 12; with
    the examples alone it wrote short one-question replies. Small models fail the gate and talk on
    the guided path, where the move writes the reply."""
    return info is not None and not is_small(info)


def warm_prefix(info: ModelInfo | None) -> list[ChatMessage]:
    """What the model thread reads right after loading (nothing a person wrote)."""
    return stable_prefix(info)


def with_turn_notes(prefix: Sequence[ChatMessage], history: Sequence[ChatMessage], notes: str,
                    move: str, info: ModelInfo | None) -> list[ChatMessage]:
    """The whole prompt: the prefix, the history, and this turn's notes (safety, recalled memories)
    and CBT move. Notes go just before the person's last message, as before; the move goes after it,
    right before the reply, where a small model follows it best, except for a template that folds
    system text into the next user turn (Gemma's), where a trailing one would be lost."""
    messages = [*prefix, *history]
    if notes:
        messages.insert(len(messages) - 1, ChatMessage("system", notes))
    if move:
        if info is not None and info.chat_template == "gemma":
            messages.insert(len(messages) - 1, ChatMessage("system", move))
        else:
            messages.append(ChatMessage("system", move))
    return messages
