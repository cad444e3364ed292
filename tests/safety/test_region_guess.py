"""Issue 16: the region is asked, not guessed: a Chinese interface never defaults to another country's
numbers, "C.UTF-8" names no country, and the core says whether the person has chosen a region."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.safety.crisis_directory import CrisisDirectory, guessed_region, system_region


def _locale(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", value)


@pytest.mark.parametrize(("locale", "interface", "region"), [
    ("C.UTF-8", "zh_CN", None), ("C.UTF-8", "en", None), ("C", "en", None), ("POSIX", "zh_CN", None),
    ("en_US.UTF-8", "zh_CN", None), ("en_GB.UTF-8", "zh_CN", None),
    ("zh_CN.UTF-8", "zh_CN", "CN"), ("zh_TW.UTF-8", "zh_CN", "TW"), ("en_SG.UTF-8", "zh_CN", "SG"),
    ("en_GB.UTF-8", "en", "GB"), ("en_US.UTF-8", "en", "US"), ("en_US.UTF-8", "", "US"),
])
def test_the_guess(monkeypatch: pytest.MonkeyPatch, locale: str, interface: str, region: str | None) -> None:
    _locale(monkeypatch, locale)
    assert guessed_region(interface) == region


def test_c_utf8_is_no_country(monkeypatch: pytest.MonkeyPatch) -> None:
    _locale(monkeypatch, "C.UTF-8")
    assert system_region() is None  # Python's own alias table would say en_US


def test_a_chinese_interface_on_a_plain_machine_shows_the_local_emergency_instruction(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _locale(monkeypatch, "C.UTF-8")
    crisis = CrisisDirectory(tmp_path, "", "zh_CN")
    entry = crisis.entry()
    assert entry.is_fallback and not crisis.region_chosen and crisis.guess is None
    numbers = {n.number for n in entry.emergency} | {line.number for line in entry.lines}
    assert "911" not in numbers and "988" not in numbers
    assert "紧急" in entry.instruction["zh"]


def test_a_chosen_region_is_used_and_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _locale(monkeypatch, "en_US.UTF-8")
    crisis = CrisisDirectory(tmp_path, "GB", "zh_CN")
    assert crisis.region_chosen and crisis.region == "GB" and crisis.guess is None
    assert any(line.number == "116 123" for line in crisis.entry().lines)


def test_the_app_passes_the_interface_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from companion import Companion
    from tests.conftest import FAST_KDF
    from tests.fakes import FakeBackend

    _locale(monkeypatch, "en_US.UTF-8")
    app = Companion(home=tmp_path, backend_factory=FakeBackend, kdf=FAST_KDF)
    try:
        app.create_profile("Sam", "pw", lang="zh_CN")
        assert app.crisis.region is None and app.crisis.entry().is_fallback
    finally:
        app.close()
