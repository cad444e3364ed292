"""No lost data: a writer killed with SIGKILL at random moments, 200 times (bench/crash.py: thousands).

After every kill the vault opens with the old or the new passphrase (never neither), both integrity
pragmas are clean and every write the writer reported as committed is there, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import crash_harness

pytestmark = pytest.mark.slow  # hundreds of child processes killed (about 2 minutes)

CI_KILLS = 200


def test_sigkill_at_random_moments_loses_nothing_committed(home: Path) -> None:
    report = crash_harness.run(home, kills=CI_KILLS, seed=20261126)
    assert report.kills == CI_KILLS
    # The kills land while the vault opens, while it is written, and in the middle of passphrase changes.
    assert report.kills_while_opening > 0 and report.committed > CI_KILLS // 2
    assert report.kills_during_passphrase_change > 0
    assert report.opened_with[0] and report.opened_with[1]  # both passphrases were current at a kill
    # Every feature's op ran (their storage APIs are merged) and its saved records were verified.
    assert {"safety_plan", "exercise_steps", "fold_summary", "backup", "passphrase_ui"} <= set(report.ops)
    # Issue 12: kills land mid-backup; every backup left behind restored and passed both integrity checks.
    assert report.kills_during_backup > 0 and report.backups_verified > 0
    assert all(report.saved_kinds.get(kind) for kind in ("plan", "exercise", "fold", "summary")), report.saved_kinds
    print(report)


def test_the_verifier_notices_a_lost_message(home: Path) -> None:
    """The harness itself can fail: a reported message that is not in the vault is caught."""
    crash_harness.create_profile(home)
    try:
        crash_harness.verify(home, {"no-such-conversation": ["c0-m0"]}, {})
    except AssertionError as exc:
        assert "c0-m0" in str(exc)
    else:
        raise AssertionError("verify() accepted a message that was never written")
