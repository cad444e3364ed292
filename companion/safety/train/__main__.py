"""Rebuild the shipped risk-scorer weights: ``python -m companion.safety.train [--data DIR] [--out FILE]``.

Reads the shared forum posts (``../shared/data/risk`` beside the repository, or ``--data`` /
$COMPANION_RISK_DATA), the team's cases and the chat-like files (``chat_train*.jsonl``); never the development split of the shared
posts nor the chat-like development sets (``bench/risk_chat_dev.jsonl``, ``bench/risk_chat_dev_v2.jsonl``,
``bench/risk_chat_dev_v3.jsonl``).
Deterministic: the same data gives the same weights, byte for byte.
Needs only numpy (already a dependency). Takes a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .fit import build, DEFAULT_OUT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m companion.safety.train", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="folder with en.jsonl and zh.jsonl")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the weights (.npz)")
    parser.add_argument("--workers", type=int, default=2, help="processes for feature extraction")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    try:
        report = build(args.data, args.out, workers=args.workers, log=lambda s: print(s, flush=True))
    except FileNotFoundError as exc:
        print(f"The shared risk data was not found ({exc.filename}); pass --data DIR.", file=sys.stderr)
        return 2
    print(f"wrote {args.out} in {time.monotonic() - t0:.0f} s; thresholds {report['thresholds']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
