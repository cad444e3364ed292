"""CrisisDirectory: which region, whose list, and a clinic's import (valid, malformed, restored)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from companion import Companion
from companion.safety import CrisisLinesError
from companion.safety.crisis_admin import main as crisis_admin
from companion.safety.crisis_directory import CLINIC_FILE, CrisisDirectory
from companion.safety.crisis_lines import _bundled
from tests.fakes import FakeBackend

BUNDLED = Path(__file__).resolve().parents[2] / "companion" / "safety" / "data" / "crisis_lines.json"


def clinic_file(tmp_path: Path, samaritans: str = "116 999") -> Path:
    """The bundled list with a clinic's own number for GB and one more region (New Zealand)."""
    data = json.loads(BUNDLED.read_text("utf-8"))
    data["regions"]["GB"]["lines"][0]["number"] = samaritans
    data["regions"]["NZ"] = {
        "name": {"en": "New Zealand", "zh": "新西兰"},
        "emergency": [{"number": "111", "label": {"en": "Emergency services", "zh": "紧急服务"}}],
        "lines": [{"name": {"en": "Need to talk? 1737", "zh": "想聊聊？1737"}, "number": "1737",
                   "kinds": ["call", "text"], "hours": {"en": "24/7", "zh": "全天 24 小时"}, "languages": ["en"]}],
        "source": "clinic list, checked by the clinic", "last_verified": "2025-10"}
    path = tmp_path / "clinic list.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("companion.safety.crisis_directory.locale.getlocale", lambda: (None, None))
    return monkeypatch


def test_region_follows_the_system_locale_until_one_is_chosen(home: Path, no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setenv("LANG", "en_AU.UTF-8")
    directory = CrisisDirectory(home)
    assert directory.region == "AU" and directory.entry().emergency[0].number == "000"
    directory.preferred_region = "IE"
    assert directory.region == "IE" and directory.entry().name["en"] == "Ireland"


def test_no_locale_and_no_choice_gives_the_fallback(home: Path, no_locale: pytest.MonkeyPatch) -> None:
    entry = CrisisDirectory(home).entry()
    assert entry.is_fallback and "local emergency number" in entry.instruction["en"]


def test_companion_region_comes_from_saved_preferences(home: Path, no_locale: pytest.MonkeyPatch) -> None:
    core = Companion(home=home, backend_factory=FakeBackend)
    core.save_preferences(dataclasses.replace(core.preferences, region="SG"))
    assert core.crisis.entry().region == "SG"
    core.close()
    again = Companion(home=home, backend_factory=FakeBackend)  # a restart reads the choice back
    assert again.crisis.entry().region == "SG"
    again.close()


def test_a_valid_clinic_file_is_copied_and_takes_effect(home: Path, tmp_path: Path) -> None:
    directory = CrisisDirectory(home, "GB")
    source = clinic_file(tmp_path)
    directory.import_file(source)
    assert directory.is_clinic_list
    assert directory.entry().lines[0].number == "116 999"
    assert (home / CLINIC_FILE).read_bytes() == source.read_bytes()
    source.unlink()  # the copy in the data folder is what counts from now on
    restarted = CrisisDirectory(home, "NZ")
    assert restarted.entry().emergency[0].number == "111" and restarted.is_clinic_list
    assert ("NZ", "New Zealand") in restarted.regions("en")


@pytest.mark.parametrize("text,line,reason", [
    pytest.param('{\n  "schema": 1,\n  "regions": {\n    "GB": {,\n  }\n}\n', 4, "not valid JSON", id="broken-json"),
    pytest.param(None, None, "\"source\" must say where", id="missing-source"),
    pytest.param('{"schema": 2}', 1, "\"schema\" must be 1", id="wrong-schema"),
])
def test_a_malformed_file_is_rejected_with_line_and_reason_and_the_previous_list_stays(
        home: Path, tmp_path: Path, text: str | None, line: int | None, reason: str) -> None:
    directory = CrisisDirectory(home, "GB")
    directory.import_file(clinic_file(tmp_path))  # the list in force before the bad import
    before = (home / CLINIC_FILE).read_bytes()
    if text is None:  # a clinic's list where one region lost its "source"
        data = json.loads(clinic_file(tmp_path).read_text("utf-8"))
        del data["regions"]["NZ"]["source"]
        text = json.dumps(data, indent=2, ensure_ascii=False)
        line = text.splitlines().index('    "NZ": {') + 1  # the region that lacks it
    bad = tmp_path / "bad.json"
    bad.write_text(text, "utf-8")
    with pytest.raises(CrisisLinesError) as caught:
        directory.import_file(bad)
    assert reason in caught.value.reason
    assert caught.value.line == line
    assert directory.entry().lines[0].number == "116 999"  # still the clinic's list
    assert (home / CLINIC_FILE).read_bytes() == before
    assert not (home / (CLINIC_FILE + ".tmp")).exists()


def test_a_malformed_file_never_replaces_the_bundled_list(home: Path, tmp_path: Path) -> None:
    directory = CrisisDirectory(home, "GB")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe not text")
    with pytest.raises(CrisisLinesError, match="not UTF-8"):
        directory.import_file(bad)
    with pytest.raises(CrisisLinesError, match="cannot read"):
        directory.import_file(tmp_path / "missing.json")
    assert not directory.is_clinic_list and not (home / CLINIC_FILE).exists()
    assert directory.entry().lines[0].number == "116 123"


def test_restore_brings_back_the_bundled_list(home: Path, tmp_path: Path) -> None:
    directory = CrisisDirectory(home, "GB")
    directory.import_file(clinic_file(tmp_path))
    directory.restore_bundled()
    assert not directory.is_clinic_list and not (home / CLINIC_FILE).exists()
    assert directory.entry().lines[0].number == "116 123"
    assert directory.lines() is _bundled()


def test_a_clinic_file_broken_on_disk_falls_back_to_the_bundled_list_and_says_so(home: Path) -> None:
    (home / CLINIC_FILE).write_text("{ not json", "utf-8")
    directory = CrisisDirectory(home, "GB")
    assert directory.entry().lines[0].number == "116 123"
    assert directory.load_error is not None and directory.load_error.line == 1


def test_admin_command_line_imports_rejects_and_restores(home: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str],
                                                         no_locale: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n "schema": 1,\n "regions": [\n', "utf-8")
    assert crisis_admin(["--home", str(home), "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "line 4" in err and "previous list stays in force" in err
    assert not (home / CLINIC_FILE).exists()
    assert crisis_admin(["--home", str(home), "import", str(clinic_file(tmp_path))]) == 0
    assert "11 regions" in capsys.readouterr().out
    assert crisis_admin(["--home", str(home), "show", "NZ"]) == 0
    assert "111" in capsys.readouterr().out
    assert crisis_admin(["--home", str(home), "restore"]) == 0
    assert not (home / CLINIC_FILE).exists()


def test_admin_command_line_speaks_chinese(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setenv("LANG", "zh_CN.UTF-8")
    bad = tmp_path / "bad.json"
    bad.write_text("[]", "utf-8")
    assert crisis_admin(["--home", str(home), "import", str(bad)]) == 1
    assert "之前的列表仍然有效" in capsys.readouterr().err
