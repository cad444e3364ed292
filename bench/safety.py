"""Benchmark of the safety screen on a labelled set kept apart from the unit tests.

Run as ``python bench/safety.py`` from the repository root. Prints recall for elevated+imminent, recall
for imminent, the false-positive rate on the negatives and the p99 latency of ``assess``, against the
targets in issue 3 (recall >= 0.95, imminent recall >= 0.90, false positives <= 0.05). ``-v`` lists
every miss. The cases are in ``bench/safety_cases.json``.

About the numbers: every batch ("round") of cases was written during development and scored before
the rules were adjusted to it, so the totals here are regression figures, not an estimate on unseen
text. The first-pass scores of the fresh batches are the honest estimate. Rounds 8-10 (rules 1.0):
recall 0.84-0.91, imminent recall 0.64-0.77, false positives 0-0.03. Rules 1.1 added situational
cues (means in hand, finality, notes, the "thoughts of <method>" frame): round 11 scored 0.86 / 0.71 /
0.00 before it, round 12 0.82 / 0.63 / 0.11 (rules partly changed), round 13 0.78 / 0.79 / 0.08 and
1.00 / 0.96 / 0.04 after. A hidden set will land between the first-pass figures and these totals.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from companion.safety import RULES_VERSION, assess  # noqa: E402  (path set up above)
from companion.safety.screen.message import analyse  # noqa: E402

TARGETS = {"recall": 0.95, "imminent_recall": 0.90, "false_positive_rate": 0.05}
RANK = {"none": 0, "elevated": 1, "imminent": 2}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "bench" / "safety_cases.json")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--rounds", type=int, default=20, help="timing rounds over the whole set")
    parser.add_argument("--no-layers", action="store_true",
                        help="skip rules-vs-layered figures (learned scorer, development sets)")
    parser.add_argument("--no-shared", action="store_true", help="skip the shared posts' development split")
    parser.add_argument("--data", type=Path, default=None,
                        help="the shared risk data (default ../shared/data/risk, or $COMPANION_RISK_DATA)")
    args = parser.parse_args(argv)
    cases = json.loads(args.cases.read_text(encoding="utf-8"))["cases"]

    positives = [c for c in cases if c["level"] != "none"]
    imminent = [c for c in cases if c["level"] == "imminent"]
    negatives = [c for c in cases if c["level"] == "none"]
    misses: list[str] = []
    hit_pos = hit_imm = false_pos = exact = 0
    for c in cases:
        got = assess(c["text"], history=c.get("history", ())).level
        exact += got == c["level"]
        if c["level"] != "none":
            hit_pos += got != "none"
        if c["level"] == "imminent":
            hit_imm += got == "imminent"
        if c["level"] == "none":
            false_pos += got != "none"
        if got != c["level"]:
            misses.append(f"  expected {c['level']:<9} got {got:<9} [{c['mode']}] {c['text']!r}")

    # Latency: every case (with its history) many times, with the per-message cache cleared so each
    # call does the real work; the rules were already loaded and compiled by the pass above.
    timings: list[float] = []
    for _ in range(args.rounds):
        analyse.cache_clear()  # measure the real work, not the per-message cache
        for c in cases:
            t0 = time.perf_counter()
            assess(c["text"], history=c.get("history", ()))
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p50 = timings[len(timings) // 2]
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]

    results = {
        "recall": hit_pos / len(positives),
        "imminent_recall": hit_imm / len(imminent),
        "false_positive_rate": false_pos / len(negatives),
    }
    print(f"safety screen, rules {RULES_VERSION}: {len(cases)} cases "
          f"({len(positives)} positive, {len(imminent)} imminent, {len(negatives)} negative)")
    ok = True
    for key, value in results.items():
        target = TARGETS[key]
        good = value <= target if key == "false_positive_rate" else value >= target
        ok &= good
        sign = "<=" if key == "false_positive_rate" else ">="
        print(f"  {key:<22} {value:6.3f}   target {sign} {target:.2f}   {'ok' if good else 'BELOW TARGET'}")
    print(f"  exact level agreement  {exact / len(cases):6.3f}")
    print(f"  assess latency         p50 {p50:.3f} ms   p99 {p99:.3f} ms   (uncached, with history)")
    if args.verbose and misses:
        print("misses:")
        print("\n".join(misses))
    if not args.no_layers:
        from bench.safety_layers import run  # noqa: PLC0415  (numpy and the weights only when asked)

        run(args.data, shared=not args.no_shared)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
