"""Which part of a long conversation fits in the model's context, chosen so the KV cache survives.

llama.cpp reuses its KV cache only for an identical token prefix. If we dropped "just enough" old
turns every time, the first kept turn would move on every turn and every turn would re-read the whole
history. Instead the cut may only fall on fixed block boundaries (where the running token total of the
conversation crosses a multiple of ``block_tokens``). Those boundaries never move as the conversation
grows, so the cut moves rarely (about once per block of new text), and each move costs one re-read.
"""

from __future__ import annotations

from collections.abc import Sequence


def choose_first_turn(turn_tokens: Sequence[int], fixed_tokens: int, budget: int, block_tokens: int) -> int:
    """Index of the first turn to keep.

    ``turn_tokens`` holds the token count of each turn, oldest first; the last one is the turn being
    answered and is always kept. ``fixed_tokens`` (the system prompt) is always kept too.
    """
    n = len(turn_tokens)
    if n == 0:
        return 0
    # The fewest oldest turns to drop so that the rest fits.
    total = fixed_tokens + sum(turn_tokens)
    need = 0
    while need < n - 1 and total > budget:
        total -= turn_tokens[need]
        need += 1
    if need == 0:
        return 0
    # Round the cut up to the next stable boundary, if one exists before the last turn.
    block = max(1, block_tokens)
    running = 0
    previous_block = 0
    for index, tokens in enumerate(turn_tokens[: n - 1]):
        running += tokens
        this_block = running // block
        boundary = index + 1  # cutting here drops turns [0, index]
        if this_block > previous_block and boundary >= need:
            return boundary
        previous_block = this_block
    return need
