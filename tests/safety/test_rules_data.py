"""The rule data is versioned, complete in both languages, and compiled once."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from companion.safety import RULES_VERSION, assess, review_reply
from companion.safety.screen import ruleset as rules_module
from companion.safety.screen.reply_scorer import ReplyScorer
from companion.safety.screen.ruleset import LANGS, REPLY_CATEGORIES, common_rules, reply_rules, screen_rules

RULE_FILES = ["common.json", "en.json", "zh.json", "reply_en.json", "reply_zh.json", "reasons.json", "t2s.json"]


def _load(name: str) -> dict:
    return json.loads((resources.files("companion.safety.screen") / "rules" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_rule_file_carries_the_same_version(name: str) -> None:
    assert _load(name)["version"] == RULES_VERSION


def test_every_category_and_combination_has_a_reason_in_both_languages() -> None:
    reasons = common_rules().reasons
    keys = {f"category.{c}" for c in common_rules().categories} | {f"combo.{c.id}" for c in common_rules().combos}
    keys |= {f"reply.{c}" for c in REPLY_CATEGORIES} | {"history"}
    missing = sorted(k for k in keys if k not in reasons)
    assert missing == []
    for key in keys:
        assert reasons[key]["en"].strip() and reasons[key]["zh"].strip()
        assert re.search(r"[\u4e00-\u9fff]", reasons[key]["zh"]), f"{key}: the zh reason is not Chinese"


@pytest.mark.parametrize("lang", LANGS)
def test_screen_rules_compile_and_name_known_categories(lang: str) -> None:
    rules = screen_rules(lang)
    assert rules.cues
    assert {c.category for c in rules.cues} <= set(common_rules().categories)


@pytest.mark.parametrize("lang", LANGS)
def test_reply_rules_cover_every_reply_category(lang: str) -> None:
    assert {c.category for c in reply_rules(lang).cues} == set(REPLY_CATEGORIES)


def test_combinations_only_use_tags_that_some_category_sets() -> None:
    produced = set().union(*(c.tags for c in common_rules().categories.values())) | {"TA"}  # set by the screen
    for lang in LANGS:
        produced |= set().union(*(c.extra_tags for c in screen_rules(lang).cues))
    for combo in common_rules().combos:
        assert combo.all <= produced, combo.id


def test_traditional_to_simplified_table_is_one_to_one() -> None:
    table = common_rules().t2s
    assert chr(0x6BBA) in map(chr, table)  # 殺
    assert all(len(v) == 1 for v in table.values())


def test_rules_are_loaded_and_compiled_once() -> None:
    assess("warm up")
    review_reply("warm up")
    before = (rules_module.common_rules.cache_info().misses, rules_module.screen_rules.cache_info().misses,
              rules_module.reply_rules.cache_info().misses)
    for _ in range(5):
        assess("I want to die", history=["I feel awful"])
        review_reply("take 40 pills")
    after = (rules_module.common_rules.cache_info().misses, rules_module.screen_rules.cache_info().misses,
             rules_module.reply_rules.cache_info().misses)
    assert after == before


@pytest.mark.slow  # megabytes of adversarial text through the screen
def test_long_and_adversarial_input_completes(reply_scorer: ReplyScorer) -> None:
    # No timing assertion (machines differ); this only guards against patterns that never finish.
    for text in ["i " * 5000, "kill " * 2000 + "myself", "我" * 10000, "a.b." * 3000, "😂" * 5000]:
        assert assess(text).level in ("none", "elevated", "imminent")
        review_reply(text, scorer=reply_scorer)
