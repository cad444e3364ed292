"""The safety plan in the encrypted vault: round trip across lock/unlock, prefill, and the wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion import Companion
from companion.safety import crisis_lines_for
from companion.safety.plan import STEP_KEYS, STEPS, crisis_lines_text, plan_as_text
from storage.migrations import MIGRATIONS
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend


@pytest.fixture
def core(home: Path):  # noqa: ANN201
    app = Companion(home=home, backend_factory=FakeBackend, kdf=FAST_KDF)
    yield app
    app.close()


def test_the_plan_survives_lock_and_unlock_and_is_encrypted(core: Companion, home: Path) -> None:
    session = core.create_profile("Sam", "secret12")
    assert session.safety_plan.load().is_empty
    session.safety_plan.save("coping", "Walk the dog round the block")
    session.safety_plan.save_many({"reasons": "My sister Lin\n看海", "warning_signs": "I stop eating"})
    session.lock()
    again = core.unlock("Sam", "secret12")
    plan = again.safety_plan.load()
    assert plan.text("coping") == "Walk the dog round the block"
    assert plan.text("reasons") == "My sister Lin\n看海"
    assert plan.text("warning_signs") == "I stop eating"
    assert plan.text("people_to_ask") == "" and not plan.is_empty and plan.updated_at is not None
    assert again._vault.schema_version() == len(MIGRATIONS)  # noqa: SLF001 - the migration ran
    again.lock()
    files = [f for f in (home / "profiles").rglob("*") if f.is_file()]
    assert any(f.name == "vault.db" for f in files)
    for file in files:
        assert b"Walk the dog" not in file.read_bytes(), file


def test_a_step_never_saved_shows_the_prefill_until_the_person_writes_it(core: Companion) -> None:
    session = core.create_profile("Sam", "secret12")
    prefill = {"professionals": "Emergency: 999"}
    plan = session.safety_plan.load(prefill=prefill)
    assert plan.text("professionals") == "Emergency: 999" and plan.prefilled == {"professionals"}
    assert plan.is_empty  # a prefill alone is not something the person wrote
    session.safety_plan.save("professionals", "")  # cleared on purpose: stays cleared
    plan = session.safety_plan.load(prefill=prefill)
    assert plan.text("professionals") == "" and not plan.prefilled
    session.lock()


def test_unknown_steps_are_refused(core: Companion) -> None:
    session = core.create_profile("Sam", "secret12")
    with pytest.raises(ValueError):
        session.safety_plan.save("diagnosis", "x")
    with pytest.raises(ValueError):
        session.safety_plan.save_many({"coping": "ok", "nope": "x"})
    assert session.safety_plan.load().text("coping") == ""  # nothing half-saved
    session.lock()


def test_six_stanley_brown_steps_in_order_plus_reasons_in_both_languages() -> None:
    assert [s.number for s in STEPS] == [1, 2, 3, 4, 5, 6, None]
    assert STEP_KEYS[-1] == "reasons" and STEP_KEYS[4] == "professionals"
    for s in STEPS:
        for text in (s.title, s.prompt, s.placeholder):
            assert text.en.strip() and text.zh.strip()
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh), text.zh
    assert "feel calmer" in STEPS[1].placeholder.en  # an empty state says what to write


def test_crisis_lines_text_puts_the_emergency_number_first() -> None:
    text = crisis_lines_text(crisis_lines_for("GB"), "en")
    first, *rest = text.splitlines()
    assert first.startswith("Emergency: 999")
    assert any("Samaritans" in row and "116 123" in row for row in rest)
    zh = crisis_lines_text(crisis_lines_for("CN"), "zh_CN")
    assert zh.splitlines()[0].startswith("紧急电话：120") and "12356" in zh
    assert "local emergency number" in crisis_lines_text(crisis_lines_for("ZZ"), "en")


def test_plan_as_text_lists_only_the_filled_steps_in_order(core: Companion) -> None:
    session = core.create_profile("Sam", "secret12")
    session.safety_plan.save_many({"reasons": "my cat", "warning_signs": "no sleep"})
    text = plan_as_text(session.safety_plan.load(), "en")
    assert text == "1. Signs that a hard time is starting\nno sleep\n\nMy reasons for living\nmy cat"
    session.lock()
