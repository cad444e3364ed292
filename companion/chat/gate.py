"""Measuring the capability gate for the loaded model, in the app (issue 14).

bench/conversation.py measures the embedded models (their figures ship in recommended_models.json).
A model a person imports is measured here once per language, on request (the Models page): a fixed
set of opening messages goes through the model thread with the same prompt, shaping and checks as a
real reply, and the share that passes every hard check is stored with the model
(``ModelManager.record_capability``). The openings are not the bench's conversations and hold nothing
a person wrote. Requests are queued like any other: a person's message waits for at most the probe
being written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from companion.chat.prompting import move_instruction_for, stable_prefix, with_turn_notes
from companion.chat.talk import GuidedTurn
from companion.chat.worker import GenerationResult, ModelWorker
from companion.safety.screen.reply_scorer import ReplyScorer
from models.backend import ChatMessage

PROBES = {
    "en": ("I've been feeling really flat this week.", "My sister and I had a big argument last night.",
           "I can't focus on anything at work.", "I keep worrying that my friends don't actually like me.",
           "I didn't get the job I interviewed for.", "I feel so tired all the time lately.",
           "I'm nervous about seeing my family at the weekend.", "I messed up a presentation today.",
           "Nobody texted me on my birthday.", "I've started avoiding the gym because people stare."),
    "zh": ("这周一直提不起精神。", "昨晚我和姐姐大吵了一架。", "上班的时候什么都集中不了注意力。",
           "我总担心朋友们其实并不喜欢我。", "我面试的那份工作没通过。", "最近总是觉得特别累。",
           "周末要回家见家里人，我有点紧张。", "今天的汇报被我搞砸了。", "生日那天没有一个人给我发消息。",
           "因为总觉得别人在看我，我现在都不敢去健身房了。"),
}


class GateRun:
    """Ask the loaded model each opening of ``lang`` once; call ``finished(score)`` on the model
    thread when all are checked. ``cancel()`` drops the rest."""

    def __init__(self, worker: ModelWorker, lang: str, finished: Callable[[float], None],
                 reply_scorer: ReplyScorer | None = None) -> None:
        """``reply_scorer``: the reply guard's learned scorer for the probes' checks (None: rules alone)."""
        self._worker = worker
        self._reply_scorer = reply_scorer
        self.lang = lang
        self._finished = finished
        self._ids: list[int] = []
        self._passed = 0
        self._done = 0
        self._lock = threading.Lock()
        self._cancelled = False

    def start(self) -> None:
        info = self._worker.state.info
        for probe in PROBES[self.lang]:
            turn = GuidedTurn([probe], self.lang, reply_scorer=self._reply_scorer)
            prompt = with_turn_notes(stable_prefix(info), [ChatMessage("user", probe)], "",
                                     turn.instruction if move_instruction_for(info) else "", info)
            self._ids.append(self._worker.generate(prompt, None, self._on_token(turn), self._on_done(turn)))

    def cancel(self) -> None:
        self._cancelled = True  # an interrupted measurement is not a measurement: nothing is reported
        for request_id in self._ids:
            self._worker.cancel(request_id)

    def _on_token(self, turn: GuidedTurn) -> Callable[[int, str], None]:
        def on_token(request_id: int, piece: str) -> None:
            turn.feed(piece)
            if turn.complete:
                self._worker.cancel(request_id)
        return on_token

    def _on_done(self, turn: GuidedTurn) -> Callable[[GenerationResult], None]:
        def on_done(result: GenerationResult) -> None:
            ok = False
            if not result.error and result.text.strip():
                turn.finish(result.text)
                ok = turn.check is not None and turn.check.hard_ok
            with self._lock:
                self._done += 1
                self._passed += ok
                last = self._done == len(PROBES[self.lang])
            if last and not self._cancelled:
                self._finished(self._passed / self._done)
        return on_done
