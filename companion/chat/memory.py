"""What the companion remembers, how it recalls it, and how long conversations stay fast.

The session asks :meth:`Memory.plan` before every reply and gets back what the prompt carries:

- ``history``: the messages after the latest fold (older ones are carried by the fold summary);
- ``preamble``: the running fold summary, appended to the system prompt. It changes only at a fold,
  so between folds every turn reuses the KV cache; each fold costs one re-read of the (now shorter)
  prompt;
- ``recall``: the few memories and summaries that match the person's message, given to the model
  just before that message (after the stable prefix, like the safety layer's per-turn instruction).

Summaries, memory proposals and fold summaries are written by the model on the model thread. Their
prompts start with the conversation's own prompt and add one instruction at the end, so when that
conversation is the one in the model's memory (it usually is: it has just been talked in, or its
state is kept in memory by the backend) only the instruction has to be read. Nothing here runs without
a model: summaries of conversations that went quiet while no model was loaded are made once one is.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from companion.chat.grounding import MEMORY_SHARE, SUMMARY_SHARE, is_grounded
from companion.chat.prompts import SYSTEM_PROMPT
from companion.safety import detect_lang
from companion.chat.worker import GenerationResult, JobOwner, ModelState, ModelWorker
from models import GenerationOptions
from models.backend import ChatMessage
from storage import ConversationRepository, MessageRecord, Vault
from storage.errors import StorageError
from storage.memory import ForgetCounts, FoldRecord, MemoryRecord, MemoryRepository, SummaryRecord
from storage.search import SearchHit, SearchIndex

log = logging.getLogger(__name__)

RECALL_HEADER = ("Notes you remember about the person from earlier conversations. Use them only if they "
                 "help now; do not list them back:")
SUMMARY_INSTRUCTION = ("Write a short summary of this conversation in two or three sentences: what the person "
                       "talked about, how they felt and anything that helped. Write it in the language the "
                       "person used. Only the summary.")
FACTS_INSTRUCTION = ("List up to three short facts worth remembering about the person from this conversation "
                     "(people who matter to them, goals, what helps, what hurts, preferences). One per line, "
                     "each starting with '- '. Write them in the language the person used. If there is "
                     "nothing worth remembering, write only '- none'.")
FOLD_INSTRUCTION = ("Summarise the whole conversation so far in a short paragraph, keeping the person's "
                    "important details, feelings and anything agreed. Write it in the language the person "
                    "used. Only the summary.")
FOLD_PREFIX = "Earlier in this conversation (summarised): "

#: Fold when the next prompt would fill this share of the context left after the reply's room...
FOLD_AT = 0.75
#: ...down to about this share (the system prompt, the running summary and the newest messages, which
#: are kept word for word), so folds are rare: one per ~40% of the context of new text.
AFTER_FOLD = 0.35
#: Room for the running summary itself.
SUMMARY_ROOM = 220
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)、])\s*")


def estimate_tokens(text: str) -> int:
    """An estimate (the model's own count is only known on the model thread): about four characters
    per token for alphabetic text, two tokens per CJK character. An underestimate is safe: the
    backend still fits the prompt to the context."""
    cjk = len(_CJK.findall(text))
    return int((len(text) - cjk) / 4 + cjk * 2) + 4


def _options(base: GenerationOptions, max_tokens: int) -> GenerationOptions:
    return GenerationOptions(temperature=0.3, top_p=base.top_p, repeat_penalty=base.repeat_penalty,
                             max_tokens=max_tokens, seed=base.seed)


@dataclass(frozen=True)
class PromptPlan:
    history: list[MessageRecord]
    preamble: str = ""
    recall: str = ""
    memories: tuple[MemoryRecord, ...] = ()
    summaries: tuple[SummaryRecord, ...] = ()
    fold: FoldRecord | None = None

    @property
    def recalled_texts(self) -> tuple[str, ...]:
        return tuple(m.text for m in self.memories)


def system_message(preamble: str) -> ChatMessage:
    """The stable first message: the system prompt, then the running fold summary if there is one."""
    return ChatMessage("system", SYSTEM_PROMPT + ("\n\n" + preamble if preamble else ""))


def parse_facts(text: str, limit: int = 3) -> list[str]:
    facts = []
    for line in text.splitlines():
        if not _BULLET.match(line):
            continue
        fact = _BULLET.sub("", line).strip().strip("\"'“”")
        if 6 <= len(fact) <= 160 and fact.lower().strip(".。") not in ("none", "无", "没有") and fact not in facts:
            facts.append(fact)
    return facts[:limit]


@dataclass
class _Background:
    """Model requests made on the person's behalf (summaries), cancelled when they start talking."""

    ids: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Memory:
    def __init__(self, vault: Vault, worker: ModelWorker, options: GenerationOptions | None = None,
                 recall_memories: int = 3, recall_summaries: int = 2, owner: JobOwner | None = None) -> None:
        self._worker = worker
        self._owner = owner  # the session: its lock cancels every summary, fold and read-ahead here
        self._options = options or GenerationOptions()
        self.repo = MemoryRepository(vault)
        self.index = SearchIndex(vault)
        self._messages = ConversationRepository(vault)
        self._recall_memories = recall_memories
        self._recall_summaries = recall_summaries
        self._background = _Background()
        self._folding: set[str] = set()
        self._stopped = False
        #: Whether the loaded model may write summaries and memory proposals in a language: not when it
        #: failed the capability gate there (issue 14; the session sets it from its talk policy).
        self.suggestions_allowed: Callable[[str], bool] = lambda _lang: True

    # -- before a reply ------------------------------------------------------------------------
    def plan(self, conversation_id: str, history: Sequence[MessageRecord], user_text: str) -> PromptPlan:
        """What the prompt carries for this turn (see the module docstring). Never raises for storage
        trouble: a reply without memories is better than no reply."""
        self.cancel_background()
        try:
            fold = self.repo.latest_fold(conversation_id)
            memories, summaries = self.repo.recall(user_text, conversation_id, self._recall_memories,
                                                   self._recall_summaries)
        except StorageError:
            log.warning("recall unavailable for this turn")
            return PromptPlan(list(history))
        kept = [m for m in history if fold is None or m.id > fold.through_message_id]
        lines = [f"- {m.text}" for m in memories] + [f"- (an earlier conversation) {s.text}" for s in summaries]
        recall = RECALL_HEADER + "\n" + "\n".join(lines) if lines else ""
        return PromptPlan(kept, FOLD_PREFIX + fold.text if fold else "", recall, tuple(memories),
                          tuple(summaries), fold)

    # -- after a reply (model thread) ----------------------------------------------------------
    def after_reply(self, conversation_id: str, plan: PromptPlan, prompt: Sequence[ChatMessage],
                    reply: MessageRecord | None) -> None:
        """Note which memories the reply was given; fold the conversation if it nears the context."""
        if reply is None:
            return
        try:
            self.repo.record_recall(reply.id, [m.id for m in plan.memories], [s.id for s in plan.summaries])
        except StorageError:
            return
        info = self._worker.state.info
        if info is None:
            return
        room = info.n_ctx - self._options.max_tokens
        history = [*plan.history, reply]
        size = estimate_tokens(prompt[0].content) + sum(estimate_tokens(m.text) + 8 for m in history) + 200
        if size < FOLD_AT * room or conversation_id in self._folding:
            return
        # Keep the newest messages (at least the last exchange) word for word; fold the rest.
        keep_room = AFTER_FOLD * room - estimate_tokens(SYSTEM_PROMPT) - SUMMARY_ROOM
        keep, kept_size = 0, 0
        for message in reversed(history):
            kept_size += estimate_tokens(message.text) + 8
            if keep >= 2 and kept_size > keep_room:
                break
            keep += 1
        if keep >= len(history):
            return
        through = history[len(history) - keep - 1].id
        self._folding.add(conversation_id)
        messages = [*prompt, ChatMessage("assistant", reply.text), ChatMessage("system", FOLD_INSTRUCTION)]

        def done(result: GenerationResult) -> None:
            self._folding.discard(conversation_id)
            text = " ".join(result.text.split())
            if result.error or result.stopped or not text:
                return
            try:
                self.repo.add_fold(conversation_id, through, text)
            except StorageError:
                return
            # Read the new start of the prompt now, while the person is still typing, so the fold's
            # one re-read does not hold up their next reply.
            kept = [m for m in history if m.id > through]
            self._worker.warm([system_message(FOLD_PREFIX + text)] + [ChatMessage(m.role, m.text) for m in kept],
                              owner=self._owner)

        self._worker.generate(messages, _options(self._options, SUMMARY_ROOM - 20), lambda _i, _p: None, done,
                              owner=self._owner, name="fold")

    # -- summaries and proposals ---------------------------------------------------------------
    def conversation_left(self, conversation_id: str) -> None:
        """The person moved away from a conversation (or it went quiet): summarise it and propose
        memories from it, on the model thread, unless it is marked "don't remember this"."""
        try:
            pending = dict(self.repo.conversations_needing_summary())
        except StorageError:
            return
        if conversation_id in pending:
            self._summarise(conversation_id, pending[conversation_id])

    def summarise_pending(self) -> int:
        """Summarise every conversation whose newest messages are not summarised yet (left, quiet, or
        deferred while there was no model). The UI calls it when the person has been quiet for a
        while. Returns how many were queued; -1 when there is no model yet (try again later)."""
        if self._worker.state.state not in (ModelState.READY, ModelState.GENERATING):
            return -1
        try:
            pending = self.repo.conversations_needing_summary()
        except StorageError:
            return 0
        for conversation_id, last in pending:
            self._summarise(conversation_id, last)
        return len(pending)

    def _summarise(self, conversation_id: str, last_message_id: int) -> None:
        if self._stopped or self._worker.state.state not in (ModelState.READY, ModelState.GENERATING):
            return  # deferred: summarise_pending runs once a model is ready
        try:
            history = self._messages.messages(conversation_id)
            fold = self.repo.latest_fold(conversation_id)
        except StorageError:
            return
        kept = [m for m in history if fold is None or m.id > fold.through_message_id]
        if not kept:
            return
        person = [m.text for m in history if m.role == "user" and m.text]
        lang = detect_lang(" ".join(person)) if person else "en"
        if not person or not self.suggestions_allowed(lang):
            return  # a model that fails the gate here invents; nothing it would write is offered
        base = [system_message(FOLD_PREFIX + fold.text if fold else "")]
        base += [ChatMessage(m.role, m.text) for m in kept if m.text]
        last_user = next((m.id for m in reversed(history) if m.role == "user"), None)

        def summary_done(result: GenerationResult) -> None:
            self._forget_request(result.request_id)
            text = result.text.strip()
            if result.error or result.stopped or not text or self._stopped:
                return
            if not is_grounded(text, person, lang, SUMMARY_SHARE):
                log.info("a summary not grounded in the person's words was dropped")
                return
            try:
                if not self.repo.remembers(conversation_id):
                    return  # switched off while the model was writing
                self.repo.save_summary(conversation_id, text, last_message_id)
            except StorageError:
                pass

        def facts_done(result: GenerationResult) -> None:
            self._forget_request(result.request_id)
            if result.error or result.stopped or self._stopped:
                return
            try:
                if not self.repo.remembers(conversation_id):
                    return
                known = {m.text.casefold() for m in self.repo.list(None)}
                for fact in parse_facts(result.text):
                    if not is_grounded(fact, person, lang, MEMORY_SHARE):
                        continue  # invented, or about something the person never said
                    if fact.casefold() not in known:
                        self.repo.add(fact, "fact", origin="conversation", conversation_id=conversation_id,
                                      message_id=last_user, status="proposed")
            except StorageError:
                pass

        for instruction, tokens, callback in ((SUMMARY_INSTRUCTION, 120, summary_done),
                                              (FACTS_INSTRUCTION, 90, facts_done)):
            with self._background.lock:
                request_id = self._worker.generate([*base, ChatMessage("system", instruction)],
                                                   _options(self._options, tokens), lambda _i, _p: None, callback,
                                                   owner=self._owner, name="summary")
                self._background.ids.add(request_id)

    def _forget_request(self, request_id: int) -> None:
        with self._background.lock:
            self._background.ids.discard(request_id)

    def cancel_background(self) -> None:
        """Drop queued or running summaries (the person is talking; they are made again later)."""
        with self._background.lock:
            ids = list(self._background.ids)
        for request_id in ids:
            self._worker.cancel(request_id)

    def stop(self) -> None:
        """On lock: no more background work; the vault is about to close."""
        self._stopped = True
        self.cancel_background()

    # -- what the person sees and edits --------------------------------------------------------
    def memories(self) -> list[MemoryRecord]:
        return self.repo.list("active")

    def proposals(self) -> list[MemoryRecord]:
        return self.repo.list("proposed")

    def summaries(self) -> list[SummaryRecord]:
        return self.repo.summaries()

    def add(self, text: str, kind: str = "fact") -> MemoryRecord:
        return self.repo.add(text.strip(), kind, origin="person")

    def edit(self, memory_id: int, text: str) -> None:
        self.repo.edit(memory_id, text.strip())

    def set_pinned(self, memory_id: int, pinned: bool) -> None:
        self.repo.set_pinned(memory_id, pinned)

    def accept(self, memory_id: int) -> None:
        self.repo.accept(memory_id)

    def delete(self, memory_id: int) -> None:
        self.repo.delete(memory_id)

    def edit_summary(self, summary_id: int, text: str) -> None:
        self.repo.edit_summary(summary_id, text.strip())

    def delete_summary(self, summary_id: int) -> None:
        self.repo.delete_summary(summary_id)

    def counts(self) -> ForgetCounts:
        return self.repo.counts()

    def forget_everything(self) -> ForgetCounts:
        """Delete every memory, summary and fold summary (see MemoryRepository.forget_everything),
        and wipe the model's memory too: its saved states have read recalled memories."""
        self.cancel_background()
        counts = self.repo.forget_everything()
        self._worker.clear_memory()
        return counts

    def set_remember(self, conversation_id: str, remember: bool) -> None:
        self.repo.set_remember(conversation_id, remember)

    def remembers(self, conversation_id: str) -> bool:
        return self.repo.remembers(conversation_id)

    def recalls(self, conversation_id: str) -> dict[int, tuple[list[str], int]]:
        return self.repo.recalls(conversation_id)

    def folds(self, conversation_id: str) -> list[FoldRecord]:
        return self.repo.folds(conversation_id)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        return self.index.search(query, limit)

