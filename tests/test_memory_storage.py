"""Memories, summaries, folds, the "don't remember" switch, search, and forgetting, on real vaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import ConversationRepository, Vault
from storage.keyfile import new_vault_key
from storage.memory import MemoryRepository
from storage.search import SearchIndex, segment
from tests.vault_pages import decrypted_pages, vault_contains


@pytest.fixture
def vault_and_key(home: Path):
    key = new_vault_key()
    vault = Vault.open(home / "vault.db", key, create=True)
    yield vault, key
    vault.close()


def test_memories_are_added_edited_pinned_and_deleted(vault_and_key) -> None:
    vault, _ = vault_and_key
    repo = MemoryRepository(vault)
    conversations = ConversationRepository(vault)
    cid = conversations.create().id
    message = conversations.add_message(cid, "user", "My sister Ana helps me when I panic.")
    proposed = repo.add("Ana is the person's sister", "person", origin="conversation", conversation_id=cid,
                        message_id=message.id, status="proposed")
    mine = repo.add("Prefers to be challenged gently", "preference")
    assert [m.id for m in repo.list()] == [mine.id]
    assert [m.id for m in repo.list("proposed")] == [proposed.id]
    repo.accept(proposed.id)
    repo.edit(mine.id, "Prefers to be challenged very gently")
    repo.set_pinned(proposed.id, True)
    listed = repo.list()
    assert [m.id for m in listed] == [proposed.id, mine.id]  # pinned first
    assert listed[0].conversation_id == cid and listed[0].message_id == message.id
    assert listed[1].text == "Prefers to be challenged very gently" and listed[1].origin == "person"
    repo.delete(mine.id)
    assert [m.id for m in repo.list()] == [proposed.id]


def test_recall_ranks_memories_and_summaries_and_the_switch_holds(vault_and_key) -> None:
    vault, _ = vault_and_key
    repo = MemoryRepository(vault)
    conversations = ConversationRepository(vault)
    a, b, now = (conversations.create().id for _ in range(3))
    repo.add("Running in the morning helps with anxiety", "helps")
    repo.add("Has a cat called Miso", "person")
    repo.add("早上跑步能缓解焦虑", "helps")
    repo.add("Talked about sleep problems", "fact", origin="conversation", conversation_id=b)
    repo.save_summary(a, "We talked about exam stress and sleep.", 10)
    repo.save_summary(b, "Long talk about sleep and nightmares.", 20)
    memories, summaries = repo.recall("I couldn't sleep again, the anxiety is back", now)
    texts = [m.text for m in memories]
    assert "Running in the morning helps with anxiety" in texts and "Has a cat called Miso" not in texts
    assert {s.conversation_id for s in summaries} == {a, b}
    memories, _ = repo.recall("最近很焦虑", now)
    assert [m.text for m in memories] == ["早上跑步能缓解焦虑"]
    # The current conversation's own summary is never recalled into it.
    assert all(s.conversation_id != a for s in repo.recall("sleep", a)[1])
    # "Don't remember this": its summary goes, and nothing from it is recalled.
    repo.set_remember(b, False)
    memories, summaries = repo.recall("sleep", now)
    assert [s.conversation_id for s in summaries] == [a]
    assert "Talked about sleep problems" not in [m.text for m in memories]
    assert not repo.remembers(b) and repo.remembers(a)
    assert b not in [cid for cid, _ in repo.conversations_needing_summary()]


def test_pinned_memories_are_always_recalled(vault_and_key) -> None:
    repo = MemoryRepository(vault_and_key[0])
    pinned = repo.add("Call me Sam", "preference", pinned=True)
    memories, _ = repo.recall("nothing in common here", None)
    assert [m.id for m in memories] == [pinned.id]


@pytest.mark.parametrize("text, query", [
    ("I keep replaying what my manager said", "manager"),
    ("Sleeping has been hard", "sleep"),  # porter stemming
    ("我又失眠了，脑子停不下来。", "失眠"),  # a two-character word inside a sentence
    ("我又失眠了，脑子停不下来。", "停不下来"),
    ("最近工作压力很大", "压力"),
    ("最近工作压力很大", "大"),  # one character
    ("Mixed 中文 and English 焦虑", "焦虑 english"),
])
def test_search_finds_english_and_chinese_words(vault_and_key, text: str, query: str) -> None:
    vault, _ = vault_and_key
    conversations = ConversationRepository(vault)
    cid = conversations.create().id
    conversations.add_message(cid, "user", "Something unrelated about the weather 天气很好")
    message = conversations.add_message(cid, "user", text)
    hits = SearchIndex(vault).search(query)
    assert [(h.conversation_id, h.ref, h.text) for h in hits] == [(cid, str(message.id), text)]


def test_search_misses_what_is_not_there_and_forgets_deleted_conversations(vault_and_key) -> None:
    vault, key = vault_and_key
    conversations = ConversationRepository(vault)
    index = SearchIndex(vault)
    cid = conversations.create().id
    conversations.add_message(cid, "user", "我又失眠了 zebracanary")
    assert index.search("失眠") and not index.search("失望") and not index.search("眠失")
    conversations.delete(cid)
    assert index.search("zebracanary") == [] and index.search("失眠") == []


def test_another_source_is_indexed_with_one_call(vault_and_key) -> None:
    index = SearchIndex(vault_and_key[0])
    index.index("exercise_run", "run-7", "Thought record: 我总是搞砸 evidence against")
    hits = index.search("搞砸")
    assert [(h.source, h.ref) for h in hits] == [("exercise_run", "run-7")]
    index.remove("exercise_run", "run-7")
    assert index.search("搞砸") == []


def test_segment_makes_bigrams() -> None:
    assert segment("我失眠了").split() == ["我失", "失眠", "眠了", "了"]


def test_folds_keep_every_message(vault_and_key) -> None:
    vault, _ = vault_and_key
    conversations = ConversationRepository(vault)
    repo = MemoryRepository(vault)
    cid = conversations.create().id
    ids = [conversations.add_message(cid, "user", f"message {i}").id for i in range(6)]
    repo.add_fold(cid, ids[2], "They talked about 0-2.")
    repo.add_fold(cid, ids[4], "They talked about 0-4.")
    assert repo.latest_fold(cid).through_message_id == ids[4]
    assert len(conversations.messages(cid)) == 6


def test_forget_everything_leaves_no_trace_in_the_decrypted_pages(vault_and_key, home: Path) -> None:
    vault, key = vault_and_key
    conversations = ConversationRepository(vault)
    repo = MemoryRepository(vault)
    cid = conversations.create().id
    conversations.add_message(cid, "user", "keepme words stay in the conversation")
    canaries = ["canarymemoryqx", "canaryeditedqx", "canarysummaryqx", "canaryfoldqx", "金丝雀记忆"]
    memory = repo.add(f"Remember {canaries[0]} and {canaries[4]}", "fact")
    repo.add(f"Before edit {canaries[1]}", "fact", status="proposed")
    repo.edit(memory.id, f"Remember {canaries[0]} still and {canaries[4]}")
    repo.save_summary(cid, f"A summary {canaries[2]}", 1)
    repo.add_fold(cid, 1, f"Folded {canaries[3]}")
    for _ in range(30):  # enough churn that the FTS index has several segments
        repo.delete(repo.add("filler memory about sleep and work", "fact").id)
    repo.checkpoint()
    path = home / "vault.db"
    # The reader works: every canary (and its indexed bigrams) is there before forgetting.
    assert all(vault_contains(path, key, c) for c in canaries)
    assert vault_contains(path, key, "金丝")
    assert any(page.startswith(b"SQLite format 3\x00") or b"keepme" in page for page in decrypted_pages(path, key))

    counts = repo.forget_everything()
    assert (counts.memories, counts.proposals, counts.summaries, counts.folds) == (1, 1, 1, 1)
    assert repo.list(None) == [] and repo.summaries() == [] and repo.folds(cid) == []
    for canary in canaries + ["金丝", "丝雀", "雀记"]:
        assert not vault_contains(path, key, canary), canary
    assert vault_contains(path, key, "keepme")  # the conversations stay
    vault.close()
    assert not vault_contains(path, key, canaries[0])


def test_deleting_a_conversation_takes_its_summary_and_folds_and_keeps_memories(vault_and_key) -> None:
    vault, _ = vault_and_key
    conversations = ConversationRepository(vault)
    repo = MemoryRepository(vault)
    cid = conversations.create().id
    message = conversations.add_message(cid, "user", "words")
    memory = repo.add("Has a cat", origin="conversation", conversation_id=cid, message_id=message.id)
    repo.save_summary(cid, "A summary about the cat", message.id)
    repo.add_fold(cid, message.id, "folded")
    repo.set_remember(cid, True)
    conversations.delete(cid)
    assert repo.summaries() == [] and repo.folds(cid) == [] and repo.recall("cat summary", None)[1] == []
    kept = repo.get(memory.id)
    assert kept is not None and kept.conversation_id is None and kept.message_id is None
