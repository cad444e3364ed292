"""Measures how long the GUI event loop ever stalls while a real reply streams (used by bench/chat.py)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from companion import Companion, GenerationOptions, KdfParams, ReplyDone
from companion.chat.talk import TalkPolicy
from ui.main import AppRoot


def longest_stall_while_streaming(model: Path, max_tokens: int = 200) -> tuple[int, float, float, int]:
    """(reply events, longest gap in s, p99 gap in s, ticks) between 5 ms timer ticks while streaming."""
    qapp = QApplication.instance() or QApplication([])
    core = Companion(home=tempfile.mkdtemp(prefix="companion-stall-"), model_path=model,
                     options=GenerationOptions(max_tokens=max_tokens, seed=3),
                     kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    root = AppRoot(qapp, core)
    root.window.show()
    root.window._on_unlocked(core.create_profile("bench", "bench passphrase"), None)  # noqa: SLF001
    # The model's own streaming is what is measured: the capability gate would send a small model's
    # reply down the guided path, which streams nothing (bench/chat.py does the same).
    root.window.session.talk = TalkPolicy(core.worker, None)
    for box in root.window.findChildren(QMessageBox):
        box.close()
    while core.worker.state.state.value not in ("ready", "failed"):
        qapp.processEvents()
        time.sleep(0.01)
    gaps: list[float] = []
    last = [time.perf_counter()]
    streaming = [True]
    events = [0]

    def tick() -> None:
        now = time.perf_counter()
        if streaming[0]:
            gaps.append(now - last[0])
        last[0] = now

    def on_event(event: object) -> None:
        events[0] += 1
        if isinstance(event, ReplyDone):
            streaming[0] = False
            qapp.quit()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    root.bridge.replyEvent.connect(on_event)
    root.window.chat_view.input.setPlainText("Tell me, slowly and kindly, how I could get through a hard night.")
    last[0] = time.perf_counter()
    QTimer.singleShot(0, root.window.chat_view.send)
    qapp.exec()
    timer.stop()
    root.shutdown()
    gaps.sort()
    return events[0], gaps[-1], gaps[int(len(gaps) * 0.99)], len(gaps)
