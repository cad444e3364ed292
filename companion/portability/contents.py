"""Everything a profile holds, read once from its vault as plain values (for export, reports and the
"what goes" counts before a profile is removed)."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.safety.plan import SafetyPlanBook, plan_as_text
from storage import ConversationRecord, ConversationRepository, MessageRecord, Vault
from storage.memory import MemoryRecord, MemoryRepository
from storage.practice import ExerciseRunRepository, ResultRecord, RunRecord, SelfCheckRepository

PARTS = ("conversations", "exercises", "self_checks", "safety_plan", "memories")


@dataclass(frozen=True)
class Counts:
    conversations: int
    messages: int
    exercises: int
    self_checks: int
    memories: int
    safety_plan_steps: int


@dataclass
class ProfileContents:
    conversations: list[tuple[ConversationRecord, list[MessageRecord]]] = field(default_factory=list)
    exercises: list[RunRecord] = field(default_factory=list)  # completed runs, oldest first
    self_checks: list[ResultRecord] = field(default_factory=list)  # oldest first
    safety_plan: str = ""  # the filled steps as text, in the reader's language
    safety_plan_steps: int = 0
    memories: list[MemoryRecord] = field(default_factory=list)


def read_contents(vault: Vault, lang: str, parts: tuple[str, ...] = PARTS) -> ProfileContents:
    out = ProfileContents()
    if "conversations" in parts:
        repo = ConversationRepository(vault)
        for conv in sorted(repo.list(), key=lambda c: c.created_at):
            out.conversations.append((conv, repo.messages(conv.id)))
    if "exercises" in parts:
        out.exercises = sorted(ExerciseRunRepository(vault).list(complete=True), key=lambda r: r.completed_at or 0)
    if "self_checks" in parts:
        out.self_checks = sorted(SelfCheckRepository(vault).results(), key=lambda r: r.taken_at)
    if "safety_plan" in parts:
        plan = SafetyPlanBook(vault).load()
        out.safety_plan = plan_as_text(plan, lang)
        out.safety_plan_steps = sum(1 for text in plan.texts.values() if text.strip())
    if "memories" in parts:
        out.memories = MemoryRepository(vault).list()
    return out


def counts(vault: Vault) -> Counts:
    """How much a profile holds, for the removal question ("12 conversations, 340 messages...")."""
    with vault.reading() as cur:
        def one(sql: str) -> int:
            return int(cur.execute(sql).fetchone()[0])
        return Counts(
            conversations=one("SELECT count(*) FROM conversations"),
            messages=one("SELECT count(*) FROM messages WHERE status != 'replaced'"),
            exercises=one("SELECT count(*) FROM exercise_runs WHERE complete = 1"),
            self_checks=one("SELECT count(*) FROM self_check_results"),
            memories=one("SELECT count(*) FROM memories"),
            safety_plan_steps=one("SELECT count(*) FROM safety_plan WHERE trim(text) != ''"),
        )
