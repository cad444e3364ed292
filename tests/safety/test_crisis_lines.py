"""Crisis lines: the bundled file, a clinic's own file, malformed files, and the fallback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.safety import CrisisLinesError, crisis_lines_for, load_crisis_lines

P = pytest.param
REQUIRED = ("US", "CA", "GB", "IE", "AU", "IN", "CN", "HK", "TW", "SG")  # docs/clinical.md section 4


def test_bundled_file_loads_and_has_the_ten_regions() -> None:
    lines = load_crisis_lines()
    assert set(REQUIRED) <= set(lines.regions)
    assert lines.origin == "bundled"


@pytest.mark.parametrize("region", REQUIRED)
def test_every_bundled_region_has_what_the_app_shows(region: str) -> None:
    entry = crisis_lines_for(region)
    assert entry.region == region and not entry.is_fallback
    assert entry.emergency and all(e.number for e in entry.emergency)
    assert entry.lines, "at least one crisis line"
    assert entry.source
    assert entry.name["en"] and entry.name["zh"]
    for line in entry.lines:
        assert line.name["en"] and line.name["zh"]
        assert set(line.kinds) <= {"call", "text", "chat", "whatsapp"} and line.kinds
        assert line.languages


@pytest.mark.parametrize("region,emergency,line", [
    P("US", "911", "988", id="us-988"),
    P("CA", "911", "988", id="ca-988"),
    P("GB", "999", "116 123", id="gb-samaritans"),
    P("IE", "112", "116 123", id="ie-samaritans"),
    P("AU", "000", "13 11 14", id="au-lifeline"),
    P("IN", "112", "14416", id="in-tele-manas"),
    P("CN", "120", "12356", id="cn-12356"),
    P("HK", "999", "18111", id="hk-18111"),
    P("TW", "119", "1925", id="tw-1925"),
    P("SG", "995", "1767", id="sg-sos"),
])
def test_numbers_match_clinical_md(region: str, emergency: str, line: str) -> None:
    entry = crisis_lines_for(region)
    assert emergency in [e.number for e in entry.emergency]
    assert line in [c.number for c in entry.lines]


def test_last_verified_is_only_as_precise_as_the_source() -> None:
    assert crisis_lines_for("CA").last_verified == "2023-11"
    assert crisis_lines_for("US").last_verified == "2022"
    assert crisis_lines_for("GB").last_verified is None  # docs/clinical.md gives no date: not invented


@pytest.mark.parametrize("region", [
    P("ZZ", id="unknown-code"), P(None, id="none"), P("", id="empty"), P("not a region", id="nonsense"),
    P("FR", id="known-country-not-in-the-list"),
])
def test_unknown_region_falls_back_to_the_local_emergency_number(region: str | None) -> None:
    entry = crisis_lines_for(region)
    assert entry.is_fallback and entry.region is None
    assert "emergency number" in entry.instruction["en"]
    assert "紧急电话" in entry.instruction["zh"]


@pytest.mark.parametrize("given,expected", [
    P("gb", "GB", id="lower-case"), P("en_GB", "GB", id="posix-locale"), P("en-GB", "GB", id="bcp47"),
    P("zh-Hant-TW", "TW", id="script-subtag"), P("zh_CN.UTF-8", "CN", id="locale-with-encoding"),
    P("UK", "GB", id="uk-alias"),
])
def test_region_can_be_given_as_a_locale(given: str, expected: str) -> None:
    assert crisis_lines_for(given).region == expected


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic_lines.json"
    path.write_text(text, encoding="utf-8")
    return path


def _minimal(**region_overrides: object) -> dict:
    region = {
        "name": {"en": "Testland", "zh": "测试国"},
        "emergency": [{"number": "112", "label": {"en": "Emergency", "zh": "紧急"}}],
        "lines": [{"name": {"en": "Clinic line", "zh": "诊所热线"}, "number": "0800 123 456",
                   "kinds": ["call"], "hours": {"en": "9-5", "zh": "9点到5点"}, "languages": ["en"]}],
        "source": "clinic leaflet",
        "last_verified": "2025-06",
    }
    region.update(region_overrides)
    return {"schema": 1, "fallback": {"instruction": {"en": "Call your local emergency number.",
                                                      "zh": "请拨打当地的紧急电话。"}},
            "regions": {"XT": region}}


def test_a_clinic_can_load_its_own_file(tmp_path: Path) -> None:
    path = _write(tmp_path, json.dumps(_minimal(), ensure_ascii=False, indent=2))
    lines = load_crisis_lines(path)
    assert lines.origin == str(path)
    entry = crisis_lines_for("XT", lines)
    assert entry.lines[0].number == "0800 123 456" and entry.last_verified == "2025-06"
    assert crisis_lines_for("US", lines).is_fallback  # only what the clinic listed


def test_invalid_json_reports_the_line(tmp_path: Path) -> None:
    text = json.dumps(_minimal(), indent=2).replace('"source": "clinic leaflet",', '"source": "clinic leaflet"')
    path = _write(tmp_path, text)
    with pytest.raises(CrisisLinesError) as err:
        load_crisis_lines(path)
    expected_line = text.splitlines().index('      "last_verified": "2025-06"') + 1
    assert err.value.line == expected_line
    assert "not valid JSON" in err.value.reason
    assert f"line {expected_line}" in str(err.value)


MALFORMED = [
    P({"schema": 2}, "schema", id="wrong-schema"),
    P({"regions": {}}, "regions", id="no-regions"),
    P({"fallback": None}, "fallback", id="no-fallback"),
]


@pytest.mark.parametrize("change,reason_word", MALFORMED)
def test_malformed_document_is_rejected_with_a_reason(tmp_path: Path, change: dict, reason_word: str) -> None:
    doc = _minimal()
    doc.update(change)
    with pytest.raises(CrisisLinesError) as err:
        load_crisis_lines(_write(tmp_path, json.dumps(doc, indent=2)))
    assert reason_word in err.value.reason and err.value.line >= 1


REGION_ERRORS = [
    P({"emergency": []}, "emergency", id="no-emergency-number"),
    P({"source": ""}, "source", id="no-source"),
    P({"last_verified": "June 2025"}, "last_verified", id="bad-date"),
    P({"name": {"en": "Testland"}}, "name", id="name-missing-chinese"),
    P({"lines": [{"name": {"en": "x", "zh": "x"}, "number": "12", "kinds": ["fax"], "languages": ["en"]}]},
      "kinds", id="unknown-kind"),
    P({"lines": [{"name": {"en": "x", "zh": "x"}, "number": 988, "kinds": ["call"], "languages": ["en"]}]},
      "number", id="number-not-text"),
    P({"lines": [{"name": {"en": "x", "zh": "x"}, "number": "call us", "kinds": ["call"], "languages": ["en"]}]},
      "number", id="number-not-a-phone-number"),
    P({"lines": "988"}, "lines", id="lines-not-a-list"),
]


@pytest.mark.parametrize("override,reason_word", REGION_ERRORS)
def test_malformed_region_is_rejected_with_line_and_reason(tmp_path: Path, override: dict, reason_word: str) -> None:
    text = json.dumps(_minimal(**override), ensure_ascii=False, indent=2)
    with pytest.raises(CrisisLinesError) as err:
        load_crisis_lines(_write(tmp_path, text))
    assert reason_word in err.value.reason
    assert 1 <= err.value.line <= len(text.splitlines())
    assert "XT" in err.value.reason


def test_missing_last_verified_is_rejected_but_null_is_accepted(tmp_path: Path) -> None:
    doc = _minimal()
    del doc["regions"]["XT"]["last_verified"]
    with pytest.raises(CrisisLinesError, match="last_verified"):
        load_crisis_lines(_write(tmp_path, json.dumps(doc)))
    assert load_crisis_lines(_write(tmp_path, json.dumps(_minimal(last_verified=None)))).regions["XT"]


def test_bad_region_code_is_rejected(tmp_path: Path) -> None:
    doc = _minimal()
    doc["regions"] = {"Testland": doc["regions"]["XT"]}
    with pytest.raises(CrisisLinesError, match="two capital letters"):
        load_crisis_lines(_write(tmp_path, json.dumps(doc, indent=2)))


def test_unreadable_file_is_a_crisis_lines_error(tmp_path: Path) -> None:
    with pytest.raises(CrisisLinesError, match="cannot read"):
        load_crisis_lines(tmp_path / "missing.json")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CrisisLinesError, match="UTF-8"):
        load_crisis_lines(binary)


def test_a_rejected_file_leaves_the_previous_list_in_force(tmp_path: Path) -> None:
    current = load_crisis_lines()
    try:
        current = load_crisis_lines(_write(tmp_path, "{ not json"))
    except CrisisLinesError:
        pass
    assert crisis_lines_for("GB", current).lines[0].number == "116 123"
