"""Rules alone vs rules + learned scorer (issue 16), on the team's cases, the six chat-like development sets and
the untouched development split of the shared forum posts; latency and memory of the layered screen.

Called by ``bench/safety.py`` (``--layers``, on by default); kept apart so the rule-only bench stays short.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from companion.safety import assess
from companion.safety.scorer.runtime import RiskScorer, layer
from companion.safety.train.data import CHAT_DEV_SETS, RETIRED_CHAT_DEV, Row, data_dir, read_jsonl, shared_split, team_cases

RANK = {"none": 0, "elevated": 1, "imminent": 2}


def _levels(rows: Sequence[Row], scorer: RiskScorer, seen: dict) -> list[tuple[str, str]]:
    """(rules level, layered level) per row; ``seen`` keeps them for the run, so each row is scored once."""
    out = []
    for r in rows:
        key = (r.text, r.history)
        if key not in seen:
            a = assess(r.text, history=r.history)
            layered, _reasons, _raised = layer(a.level, a.reasons, scorer.score(r.text))
            seen[key] = (a.level, layered)
        out.append(seen[key])
    return out


def _figures(rows: Sequence[Row], levels: Sequence[tuple[str, str]], which: int) -> dict[str, float | None]:
    pos = [lv[which] for r, lv in zip(rows, levels) if r.level in ("elevated", "imminent")]
    imm = [lv[which] for r, lv in zip(rows, levels) if r.level == "imminent"]
    neg = [lv[which] for r, lv in zip(rows, levels) if r.level == "none"]
    amb = [lv[which] for r, lv in zip(rows, levels) if r.level is None]
    return {
        "recall": sum(l != "none" for l in pos) / len(pos) if pos else None,
        "imminent": sum(l == "imminent" for l in imm) / len(imm) if imm else None,
        "fp": sum(l != "none" for l in neg) / len(neg) if neg else None,
        "flagged": sum(l != "none" for l in amb) / len(amb) if amb else None,
        "false_imm": (sum(l == "imminent" for r, l in zip(rows, (lv[which] for lv in levels)) if r.level != "imminent"
                          and r.level is not None) / max(1, sum(r.level not in ("imminent", None) for r in rows))),
    }


def _fmt(v: float | None) -> str:
    return "   -  " if v is None else f"{v:6.3f}"


def report(title: str, rows: Sequence[Row], scorer: RiskScorer, by: Callable[[Row], str], seen: dict,
           out=print) -> None:
    levels = _levels(rows, scorer, seen)
    out(f"\n{title}: {len(rows)} rows          rules alone                         | layered (rules + scorer)")
    out(f"  {'group':<44} {'n':>5} recall immin.    FP   flag  f.imm | recall immin.    FP   flag  f.imm")
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        groups[by(r)].append(i)
    keys = sorted(groups)
    for key in [*keys, "ALL"]:
        idx = range(len(rows)) if key == "ALL" else groups[key]
        sub = [rows[i] for i in idx]
        lv = [levels[i] for i in idx]
        a, b = _figures(sub, lv, 0), _figures(sub, lv, 1)
        cells = lambda f: " ".join(_fmt(f[k]) for k in ("recall", "imminent", "fp", "flagged", "false_imm"))
        out(f"  {key[:44]:<44} {len(sub):>5} {cells(a)} | {cells(b)}")


def latency(scorer: RiskScorer, chat: Sequence[str], long: Sequence[str], rounds: int = 3, out=print) -> None:
    from companion.safety.guard import RiskState, SafetyGuard

    guard = SafetyGuard(scorer=scorer)
    for name, texts in (("chat-length", chat), ("2,000 characters", long)):
        times = []
        for _ in range(rounds):
            guard.forget_text()  # measure the real work, not the guard's memo of analyses
            for t in texts:
                t0 = time.perf_counter()
                guard.screen_in_context(t, (), None, RiskState())
                times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p50 = times[len(times) // 2]
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        out(f"  layered screen, {name:<17} p50 {p50:7.2f} ms   p99 {p99:7.2f} ms   ({len(times)} calls)")


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


#: The first five chat sets are training text since risk-1.5, v6-v8 since risk-1.6 (``data.RETIRED_CHAT_DEV``); v9
#: measures.
RETIRED = "(retired into training text: regression figures)"


def run(data: Path | None = None, out=print, shared: bool = True) -> None:
    before = _rss_mb()
    t0 = time.perf_counter()
    scorer = RiskScorer()
    if not scorer.load_now():
        out("risk scorer: weights not loadable; layered figures skipped")
        return
    out(f"\nrisk scorer {scorer.version} with semantic layer {scorer.semantic_version or 'OFF'}: loaded in "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms, extra memory {_rss_mb() - before:.1f} MB RSS")
    seen: dict = {}
    team = team_cases()
    report("team's cases (trained on: regression figures)", team, scorer,
           lambda r: ("zh" if r.group.endswith("-zh") else "en"), seen)
    chat_sets = [(path, read_jsonl(path, "chat")) for path in CHAT_DEV_SETS]
    for number, (path, rows) in enumerate(chat_sets, start=1):
        name = "chat-like development set" + (f" v{number}" if number > 1 else "")
        # Retired sets are training text (data.RETIRED_CHAT_DEV); only the later ones measure.
        status = RETIRED if path in RETIRED_CHAT_DEV else "(never trained or tuned on)"
        report(f"{name} {status}", rows, scorer,
               lambda r: f"{r.lang} {r.level}:{r.group.split(':', 1)[1]}", seen)
        report(f"{name}, per language", rows, scorer, lambda r: r.lang, seen)
    chat_dev = chat_sets[0][1]
    folder = data or data_dir()
    dev: list[Row] = []
    if shared and (folder / "en.jsonl").exists():
        _train, dev = shared_split(folder)
        report("shared posts, development split (never trained or tuned on)", dev, scorer,
               lambda r: f"{r.lang} {r.group}", seen)
        report("shared posts, development split, per language", dev, scorer, lambda r: r.lang, seen)
    elif shared:
        out(f"\n(shared data not found in {folder}: development-split figures skipped)")
    chat_texts = [r.text for r in chat_dev]
    long_texts = [(r.text * (2000 // max(1, len(r.text)) + 1))[:2000] for r in dev[::97][:60]] or [
        ("I can't sleep and everything feels heavy. " * 60)[:2000]]
    out("")
    latency(scorer, chat_texts, long_texts, out=out)
    out(f"  extra memory after scoring: {_rss_mb() - before:.1f} MB RSS (target <= 400)")
