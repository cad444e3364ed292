"""Rebuild the shipped risk-scorer weights: ``python -m companion.safety.train [--data DIR] [--out FILE]``.

Reads the shared forum posts (``../shared/data/risk`` beside the repository, or ``--data`` /
$COMPANION_RISK_DATA), the team's cases, the chat-like files (``chat_train*.jsonl``) and the retired chat-like
development sets v1-v5 (``data.RETIRED_CHAT_DEV``); never the development split of the shared posts nor the sealed
sixth chat-like development set (``bench/risk_chat_dev_v6.jsonl``).
Then the semantic layer (``semantic_fit``: heads over the rule block and the multilingual-e5-small sentence
embedding, ``weights/semantic.npz``); ``--only scorer`` or ``--only semantic`` rebuilds one of the two.
Deterministic: the same data gives the same weights, byte for byte.
Needs numpy and the embedding package (both dependencies). About half an hour on two cores.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import semantic_fit
from .fit import build, DEFAULT_OUT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m companion.safety.train", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="folder with en.jsonl and zh.jsonl")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the weights (.npz)")
    parser.add_argument("--semantic-out", type=Path, default=semantic_fit.SEMANTIC_PATH,
                        help="where to write the semantic layer's weights (.npz)")
    parser.add_argument("--only", choices=("scorer", "semantic"), default=None, help="rebuild one of the two")
    parser.add_argument("--workers", type=int, default=2, help="processes for feature extraction")
    args = parser.parse_args(argv)
    log = lambda s: print(s, flush=True)  # noqa: E731
    try:
        if args.only != "semantic":
            t0 = time.monotonic()
            report = build(args.data, args.out, workers=args.workers, log=log)
            print(f"wrote {args.out} in {time.monotonic() - t0:.0f} s; thresholds {report['thresholds']}")
        if args.only != "scorer":
            t0 = time.monotonic()
            report = semantic_fit.build(args.data, args.semantic_out, workers=args.workers, log=log)
            print(json.dumps(report, indent=1))
            print(f"wrote {args.semantic_out} in {time.monotonic() - t0:.0f} s")
    except FileNotFoundError as exc:
        print(f"The shared risk data was not found ({exc.filename}); pass --data DIR.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
