"""The crash harness at bench size: SIGKILL a writer thousands of times (tests/crash_harness.py).

    .venv/bin/python bench/crash.py [--kills 2000] [--seed 1] [--max-delay 0.12]

After every kill the vault must open with the old or the new passphrase, pass both integrity pragmas
and hold every write reported as committed; any loss stops the run with the reason."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import crash_harness  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ops", default=",".join(crash_harness.OPS),
                        help=f"kinds of write, comma-separated (default: all: {','.join(crash_harness.OPS)})")
    parser.add_argument("--max-delay", type=float, default=0.12, help="longest wait before a kill (s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crash bench ü ") as tmp:
        report = crash_harness.run(Path(tmp), args.kills, args.seed, ops=tuple(args.ops.split(",")),
                                   max_delay=args.max_delay,
                                   log=lambda line: print(line, flush=True))
    print(f"ops: {', '.join(report.ops)}")
    print(f"kills: {report.kills}  writes verified: {report.committed}  "
          f"passphrase changes: {report.passphrase_changes}  "
          f"kills while opening: {report.kills_while_opening}  "
          f"kills during a passphrase change: {report.kills_during_passphrase_change}  "
          f"kills during a backup: {report.kills_during_backup}  backups verified by restoring: {report.backups_verified}  "
          f"opened with old/new passphrase after a kill: {report.opened_with[0]}/{report.opened_with[1]}  "
          f"time: {report.seconds:.1f} s  ({report.seconds / max(report.kills, 1) * 1000:.0f} ms per kill)")
    print("no committed write was lost")
    return 0


if __name__ == "__main__":
    sys.exit(main())
