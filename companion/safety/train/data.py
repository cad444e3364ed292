"""The labelled text the risk scorer learns from and is measured on, and the split made before anything else.

Sources (see ``companion/safety/scorer/MODEL_CARD.md``):
- the shared forum posts in ``../shared/data/risk/{en,zh}.jsonl`` (never copied into the project);
- the team's own cases (``bench/safety_cases.json``);
- chat-like messages written for training (``companion/safety/train/chat_train.jsonl``, and
  ``chat_train_voices.jsonl``: own-words state, means, goodbyes, plans and hard negatives in many voices; how it
  was written is in ``companion/safety/train/README.md``).
- the first five chat-like development sets, retired into training text once the sixth was written
  (``RETIRED_CHAT_DEV``, risk-1.5 / semantic-1.2), and the sixth, seventh and eighth once the ninth was written and
  first run (risk-1.6 / semantic-1.3).
The ninth chat-like development set (``bench/risk_chat_dev_v9.jsonl``, ``CHAT_DEV_V9``) and the development split
of the shared posts are measurement only: no feature, weight or threshold choice reads them (``training_rows`` never
returns them). ``CHAT_DEV_SETS`` lists all nine, in the order they were written, for the bench.

The split is decided per source label and language, by a keyed hash of each post's id (or, for the C-SSRS set,
of its user: every post of a user carries the user's label, so a user's posts must not sit on both sides).
Sorting each stratum by that hash and taking the first ``DEV_FRACTION`` gives the same split on any machine,
for any file order, with no random state.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA_ENV = "COMPANION_RISK_DATA"
DEV_FRACTION = 0.2
SPLIT_SEED = "risk-split-v1"  # changing it changes the development split: never do it after figures are seen
TRAIN_DIR = Path(__file__).resolve().parent
#: Chat-like training text written by the team: every ``chat_train*.jsonl`` here, in name order
#: (``chat_train.jsonl`` for risk-1.0, ``chat_train_voices.jsonl`` for risk-1.1, later files after them).
CHAT_TRAIN_GLOB = "chat_train*.jsonl"
CHAT_DEV = ROOT / "bench" / "risk_chat_dev.jsonl"
#: A second chat-like development set, written later by an engineer who had not seen the screen's rules, its
#: training text or the first set (``companion/safety/train/README.md``): measurement only, like ``CHAT_DEV``.
CHAT_DEV_V2 = ROOT / "bench" / "risk_chat_dev_v2.jsonl"
#: A third one, written the same way while the rules, the scorer and the training text were changing again, by an
#: engineer who opened none of them nor the first two sets: first-pass figures of that work. Measurement only.
CHAT_DEV_V3 = ROOT / "bench" / "risk_chat_dev_v3.jsonl"
#: A fourth one, written the same way while the rules, the scorer and the training text were changing once more, by
#: an engineer who opened none of them nor the first three sets: first-pass figures of that work. Measurement only.
CHAT_DEV_V4 = ROOT / "bench" / "risk_chat_dev_v4.jsonl"
#: A fifth one, written the same way, first, by an engineer who opened none of the rules, the scorer, the training
#: text or the first four sets, and did not run the screen on it before committing it. Measurement only.
CHAT_DEV_V5 = ROOT / "bench" / "risk_chat_dev_v5.jsonl"
#: A sixth one, written the same way, first, by an engineer who opened none of the rules, the scorer, the training
#: text or the first five sets, and did not run the screen on it before committing it. Measurement only.
CHAT_DEV_V6 = ROOT / "bench" / "risk_chat_dev_v6.jsonl"
#: A seventh one, written the same way, first, by an engineer who opened none of the rules, the scorer, the training
#: text or the first six sets, and did not run the screen on it before committing it. Measurement only.
CHAT_DEV_V7 = ROOT / "bench" / "risk_chat_dev_v7.jsonl"
#: An eighth one, written the same way, first, by an engineer who opened none of the rules, the scorer, the training
#: text or the first seven sets, and did not run the screen on it before committing it. Measurement only.
CHAT_DEV_V8 = ROOT / "bench" / "risk_chat_dev_v8.jsonl"
#: A ninth one, written the same way, first, by an engineer who opened none of the rules, the scorer, the training
#: text or the first eight sets, and did not run the screen on it before committing it. Measurement only.
CHAT_DEV_V9 = ROOT / "bench" / "risk_chat_dev_v9.jsonl"
#: Every chat-like development set, in the order they were written (the bench reports each in this order).
CHAT_DEV_SETS = (CHAT_DEV, CHAT_DEV_V2, CHAT_DEV_V3, CHAT_DEV_V4, CHAT_DEV_V5, CHAT_DEV_V6, CHAT_DEV_V7,
                 CHAT_DEV_V8, CHAT_DEV_V9)
#: The first five sets, retired into training text (issue 16, risk-1.5): each had been run at least twice (v1-v4
#: many times, their misses read), so their figures were regression figures already, while their 1,120 rows are
#: chat messages written apart from the team by five writers, the text the scorer lacks most. Decided while the
#: sixth set was being written, before anyone had run anything on it; the sixth stays sealed
#: (``tests/safety/test_risk_scorer.py`` checks both).
#: risk-1.6: the sixth, seventh and eighth joined them (720 rows by three more writers) once the ninth had been
#: written and its first-pass figures recorded with risk-1.5; the ninth stays sealed.
RETIRED_CHAT_DEV = (CHAT_DEV, CHAT_DEV_V2, CHAT_DEV_V3, CHAT_DEV_V4, CHAT_DEV_V5, CHAT_DEV_V6, CHAT_DEV_V7,
                    CHAT_DEV_V8)
TEAM_CASES = ROOT / "bench" / "safety_cases.json"
_CSSRS_USER = re.compile(r"^(en-cssrs-user-\d+)-\d+$")


@dataclass(frozen=True)
class Row:
    text: str
    level: str | None  # "none" | "elevated" | "imminent"; None: kept out of training (ambiguous label)
    lang: str
    group: str  # the source label as the source wrote it, or "team:<mode>" / "chat:<kind>"
    history: tuple[str, ...] = ()


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``../shared/data/risk`` beside the repository (or beside its worktree folder), unless ``override`` or $COMPANION_RISK_DATA says otherwise."""
    if override:
        return Path(override)
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    near = ROOT.parent / "shared" / "data" / "risk"
    # A git worktree sits one level deeper (/work/wt/<name>) than the main checkout (/work/main).
    return near if near.exists() else ROOT.parent.parent / "shared" / "data" / "risk"


def map_label(orig: str) -> str | None:
    """The source's own label -> our level (reasons in the model card). None: too ambiguous to train on."""
    if orig.startswith("kaggle_sd:suicide"):
        return "elevated"  # the forum, not the post: ~15-20% carry no first-person risk
    if orig.startswith("kaggle_sd:non-suicide"):
        return "none"
    if orig.startswith("dreaddit:"):
        return "none"  # distressed, not annotated for suicide: the hard negatives
    if orig.startswith("cssrs:"):
        kind = orig.split(":", 1)[1]
        return {"Supportive": "none", "Indicator": None, "Ideation": "elevated", "Behavior": "elevated",
                "Attempt": "elevated"}[kind]
    if orig.startswith("sos4k:"):
        score = int(orig.split(":", 1)[1])
        if score == 0:
            return "none"
        if score <= 3:
            return None  # "pain without a stated wish to die, though some contain passive death wishes"
        return "imminent" if score >= 8 else "elevated"
    if orig.startswith("weibo:"):
        return "none"
    raise ValueError(f"unknown source label {orig!r}")


def _key(post_id: str) -> str:
    m = _CSSRS_USER.match(post_id)
    unit = m.group(1) if m else post_id
    return hashlib.sha256(f"{SPLIT_SEED}:{unit}".encode()).hexdigest()


def _read_shared(folder: Path) -> list[dict]:
    out = []
    for lang in ("en", "zh"):
        path = folder / f"{lang}.jsonl"
        with path.open(encoding="utf-8") as fh:
            out.extend(json.loads(line) for line in fh if line.strip())
    return out


def shared_split(folder: Path | None = None) -> tuple[list[Row], list[Row]]:
    """(train, dev) rows of the shared posts, stratified by (language, source label)."""
    posts = _read_shared(folder or data_dir())
    strata: dict[tuple[str, str], list[dict]] = {}
    for p in posts:
        strata.setdefault((p["lang"], p["orig_label"]), []).append(p)
    train: list[Row] = []
    dev: list[Row] = []
    for (lang, label), items in sorted(strata.items()):
        # Units (a post, or a C-SSRS user) sorted by their keyed hash; the first fifth of units is dev.
        units = sorted({_key(p["id"]) for p in items})
        n_dev = round(len(units) * DEV_FRACTION)
        dev_units = set(units[:n_dev])
        for p in items:
            row = Row(p["text"], map_label(label), lang, label)
            (dev if _key(p["id"]) in dev_units else train).append(row)
    return train, dev


def read_jsonl(path: Path, group_prefix: str) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            rows.append(Row(d["text"], d["level"], d["lang"], f"{group_prefix}:{d.get('kind', 'misc')}",
                            tuple(d.get("history", ()))))
    return rows


def team_cases(path: Path = TEAM_CASES) -> list[Row]:
    cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
    out = []
    for c in cases:
        lang = "zh" if c["mode"].endswith("-zh") else "en"
        out.append(Row(c["text"], c["level"], lang, f"team:{c['mode']}", tuple(c.get("history", ()))))
    return out


#: The source name of the shared forum posts in ``training_sources``; every other source is chat-like text
#: written by one writer (or team) in one sitting: ``safety_cases`` and each chat file's stem.
FORUM_SOURCE = "forum"


def training_sources(folder: Path | None = None) -> Iterator[tuple[str, Row]]:
    """``training_rows`` in the same order, each with the source it came from, so an evaluation can hold out
    the text of one writer at a time (``source_cv``): rows written in one sitting share phrasing."""
    train, _dev = shared_split(folder)
    yield from ((FORUM_SOURCE, r) for r in train if r.level is not None)
    yield from (("safety_cases", r) for r in team_cases())
    for path in chat_train_files():
        yield from ((path.stem, r) for r in read_jsonl(path, "chat"))
    for path in RETIRED_CHAT_DEV:  # each its own source: one writer, one sitting
        yield from ((f"retired_{path.stem}", r) for r in read_jsonl(path, "chat"))


def training_rows(folder: Path | None = None) -> Iterator[Row]:
    """Everything the scorer may learn from: the shared training split, the team's cases, the chat-like files and
    the retired development sets."""
    for _source, row in training_sources(folder):
        yield row


def chat_train_files() -> list[Path]:
    return sorted(TRAIN_DIR.glob(CHAT_TRAIN_GLOB))
