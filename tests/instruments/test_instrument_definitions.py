"""The instrument data: both languages everywhere, self-check wording, and consistency checks."""
from __future__ import annotations

import dataclasses
import re

import pytest

from tests.content_walk import CJK, walk

from companion.practice.instruments import INSTRUMENT_IDS, Text, describe, get_instrument, score
from companion.practice.instruments import change, scoring
from companion.practice.instruments.model import Band, Instrument, Item, ItemFlag, Option
from companion.practice.instruments.registry import DefinitionError, _check

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


def all_texts() -> list[tuple[str, Text]]:
    found = [(f"{i}{p}", v) for i in INSTRUMENT_IDS for p, v in walk(get_instrument(i))
             if isinstance(v, Text)]
    for module in (scoring, change):  # sentence templates of the code itself
        found += [(f"{module.__name__}.{n}", v) for n, v in vars(module).items() if isinstance(v, Text)]
    return found


def test_the_six_instruments_are_there() -> None:
    assert set(INSTRUMENT_IDS) == {"phq9", "gad7", "scoff", "asq", "mood", "alliance"}


def test_every_text_exists_in_english_and_chinese() -> None:
    texts = all_texts()
    assert len(texts) > 100  # the walk really reached the items, options and bands
    for where, text in texts:
        assert text.en.strip() and text.zh.strip(), where
        assert CJK.search(text.zh), f"{where}: Chinese text has no Chinese characters: {text.zh!r}"
        assert not CJK.search(text.en), f"{where}: English text contains Chinese: {text.en!r}"


def test_bare_strings_are_identifiers_never_visible_text() -> None:
    for instrument_id in INSTRUMENT_IDS:
        for where, value in walk(get_instrument(instrument_id)):
            if isinstance(value, str):
                assert IDENTIFIER.match(value), f"{instrument_id}{where}: {value!r} looks untranslated"


def test_items_options_and_bands_have_text_in_both_languages() -> None:
    for instrument_id in INSTRUMENT_IDS:
        instrument = get_instrument(instrument_id)
        for item in instrument.items:
            assert item.text.get("en") and item.text.get("zh")
            for option in instrument.options_for(item) if item.kind == "choice" else ():
                assert option.label.get("en") and option.label.get("zh")
        for band in instrument.bands:
            assert band.label.get("en") and band.message.get("zh")


def test_never_presented_as_a_diagnosis() -> None:
    # "diagnosis" may only appear as "not a diagnosis"; 诊断 only as 不是诊断.
    for where, text in all_texts():
        for match in re.finditer(r"diagnos", text.en, re.IGNORECASE):
            assert text.en[max(0, match.start() - 6):match.start()].lower() == "not a ", where
        for match in re.finditer("诊断", text.zh):
            assert text.zh[max(0, match.start() - 2):match.start()] == "不是", where
        assert not re.search(r"therap", text.en, re.IGNORECASE), where


@pytest.mark.parametrize("instrument_id", ["phq9", "gad7", "scoff", "asq"])
def test_screening_results_say_self_check_not_diagnosis(instrument_id: str) -> None:
    instrument = get_instrument(instrument_id)
    assert "self-check" in instrument.title.en and "自查" in instrument.title.zh
    assert "not a diagnosis" in instrument.about.en and "不是诊断" in instrument.about.zh


@pytest.mark.parametrize("instrument_id, answers, en_part, zh_part", [
    pytest.param("phq9", [0, 1, 2, 3, 0, 1, 2, 0, 1], "Moderate", "中度", id="phq9-moderate"),
    pytest.param("gad7", [3] * 7, "Severe", "重度", id="gad7-severe"),
    pytest.param("scoff", [1, 1, 0, 0, 0], "talking to a doctor", "医生", id="scoff-positive"),
    pytest.param("asq", [0, 0, 1, 0, 1], "right now", "现在", id="asq-acute"),
    pytest.param("mood", [6, "ok"], "saved", "保存", id="mood-trend-only"),
])
def test_describe_in_both_languages(instrument_id, answers, en_part: str, zh_part: str) -> None:
    result = score(instrument_id, answers)
    english, chinese = describe(result, "en"), describe(result, "zh-CN")
    assert en_part in english and zh_part in chinese
    assert "{" not in english + chinese  # every placeholder filled


def test_scoff_asks_in_kilograms_and_never_stores_a_weight() -> None:
    item = get_instrument("scoff").items[2]
    assert "6 kg" in item.text.en and "6 公斤" in item.text.zh
    assert "stone" not in item.text.en
    assert {o.value for o in get_instrument("scoff").options} == {0, 1}  # yes/no only


def test_asq_acuity_is_asked_only_after_a_yes() -> None:
    acuity = get_instrument("asq").items[4]
    assert acuity.ask_if is not None and not acuity.scored
    assert scoring.is_asked(acuity, [0, 0, 0, 0]) is False
    assert scoring.is_asked(acuity, [0, 0, 0, 1]) is True


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        get_instrument("phq9").title.get("fr")


def _tiny(**changes) -> Instrument:
    base = Instrument(
        id="tiny", title=Text("Tiny", "小"), intro=Text("Intro", "介绍"), about=Text("About", "关于"),
        options=(Option(0, Text("No", "否")), Option(1, Text("Yes", "是"))),
        items=(Item("a", Text("A", "甲")), Item("b", Text("B", "乙"))),
        bands=(Band("low", 0, 1, Text("Low", "低"), Text("Low.", "低。")),
               Band("high", 2, 2, Text("High", "高"), Text("High.", "高。"))),
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize("changes, message", [
    pytest.param({"bands": (Band("low", 0, 0, Text("L", "低"), Text("L", "低")),
                            Band("high", 2, 2, Text("H", "高"), Text("H", "高")))},
                 "does not continue", id="gap-between-bands"),
    pytest.param({"bands": (Band("low", 0, 1, Text("L", "低"), Text("L", "低")),)},
                 "bands end at 1", id="bands-stop-short-of-max"),
    pytest.param({"item_flags": (ItemFlag(item=5, at_least=1, flag="x"),)},
                 "missing item", id="flag-on-missing-item"),
    pytest.param({"item_flags": (ItemFlag(item=0, at_least=1, flag="x", sets_severity="nope"),)},
                 "unknown band", id="flag-sets-unknown-band"),
    pytest.param({"items": ()}, "no items", id="no-items"),
])
def test_inconsistent_definitions_are_refused(changes: dict, message: str) -> None:
    _check(_tiny())  # the base is valid
    with pytest.raises(DefinitionError, match=message):
        _check(_tiny(**changes))
