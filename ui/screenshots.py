"""Render the README's screenshots offscreen with the embedded model (replies are the tiny model's own).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m ui.screenshots docs/
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from companion import Companion, GenerationOptions, KdfParams, ReplyDone
from ui.errors import explain_storage_error
from ui.main import AppRoot
from ui.data_dialogs.screenshots import shoot_data
from ui.practice_screenshots import shoot_practice

MESSAGES = {
    "en": ["I can't sleep again and my head won't stop.", "Mostly about work. I feel like I'm failing."],
    "zh_CN": ["我又失眠了，脑子停不下来。", "主要是工作的事，我觉得自己做得很差。"],
}


def settle(qapp: QApplication, seconds: float = 0.3) -> None:
    end = time.time() + seconds
    while time.time() < end:
        qapp.processEvents()
        time.sleep(0.01)


def shoot(qapp: QApplication, out: Path, lang: str) -> None:
    home = Path(tempfile.mkdtemp(prefix="companion-shots-"))
    core = Companion(home=home, options=GenerationOptions(max_tokens=60, temperature=0.0, seed=2),
                     kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    core.save_preferences(dataclasses.replace(core.preferences, language=lang, ai_notice_seen=True))
    for name in ("Sam", "Room 2 - Wed"):
        core.profiles.create(name, "screenshot passphrase")[1].close()
    root = AppRoot(qapp, core)
    window = root.window
    window.resize(1040, 680)
    window.unlock_view.set_profiles(core.profile_names())
    window.show()
    settle(qapp)
    window.grab().save(str(out / f"unlock-{lang}.png"))
    shoot_unlock_wait(qapp, window, out, lang)

    session = core.unlock("Sam", "screenshot passphrase")
    window._on_unlocked(session, None)  # noqa: SLF001 - skip typing the passphrase
    for box in window.findChildren(QMessageBox):
        box.close()
    while core.worker.state.state.value not in ("ready", "failed"):
        settle(qapp, 0.05)
    for text in MESSAGES[lang]:
        done = []
        root.bridge.replyEvent.connect(lambda e, d=done: d.append(1) if isinstance(e, ReplyDone) else None)
        window.chat_view.input.setPlainText(text)
        window.chat_view.send()
        while not done:
            settle(qapp, 0.05)
    settle(qapp, 0.5)
    window.grab().save(str(out / f"conversation-{lang}.png"))
    shoot_focus_ring(qapp, window, out, lang)
    shoot_safety(qapp, window, out, lang)
    shoot_practice(qapp, window, out, lang, settle)  # exercise, self-check and progress (issue 4)
    root.shutdown()


def shoot_first_run(qapp: QApplication, out: Path, lang: str) -> None:
    """The first-run set-up (issue 15): what the companion is, the profile step with its strength hint,
    and the crisis-line region, as a new person sees them on a computer with no profile yet."""
    home = Path(tempfile.mkdtemp(prefix="companion-shots-"))
    core = Companion(home=home, kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    core.save_preferences(dataclasses.replace(core.preferences, language=lang))
    root = AppRoot(qapp, core)
    window = root.window
    window.resize(1040, 720)
    window.show()
    window.activateWindow()
    settle(qapp)
    window.grab().save(str(out / f"first-run-{lang}.png"))
    setup = window.first_run
    setup.go(1)
    setup.name.setText("Sam")
    setup.passphrase.setText("quiet river morning")
    setup.passphrase2.setText("quiet river morning")
    setup.passphrase.setFocus()
    settle(qapp)
    window.grab().save(str(out / f"first-run-profile-{lang}.png"))
    setup.go(2)
    settle(qapp)
    window.grab().save(str(out / f"first-run-region-{lang}.png"))
    root.shutdown()


def shoot_focus_ring(qapp: QApplication, window, out: Path, lang: str) -> None:  # noqa: ANN001
    """Keyboard focus on the conversation page: Tab from the message box lands on a ringed button."""
    window.activateWindow()
    settle(qapp, 0.2)
    chat = window.chat_view
    chat.input.setFocus()
    chat.focusNextChild()  # what Tab does: leaves the message box
    settle(qapp)
    window.grab().save(str(out / f"focus-ring-{lang}.png"))


def shoot_unlock_wait(qapp: QApplication, window, out: Path, lang: str) -> None:  # noqa: ANN001
    """The unlock screen counting down after repeated wrong passphrases (issue 6)."""
    view = window.unlock_view
    view.show_wait(8, explain_storage_error("wrong_passphrase"))
    settle(qapp)
    window.grab().save(str(out / f"unlock-wait-{lang}.png"))
    view._wait_timer.stop()  # noqa: SLF001 - back to a plain unlock screen for the next shots
    view.unlock_button.setEnabled(True)
    view.status.clear()


SAFETY_MESSAGES = {
    "en": ["Work was awful again. Honestly I feel like a burden to everyone.",
           "I don't want to be here anymore. I have the pills ready for tonight."],
    "zh_CN": ["今天工作又很糟糕。说实话，我觉得自己是所有人的累赘。",
              "我不想再待在这个世界上了，药已经准备好了，就今晚。"],
}
SAFETY_REGION = {"en": "US", "zh_CN": "CN"}


def shoot_safety_card(qapp: QApplication, out: Path, lang: str) -> None:
    """The safety card with a reply (elevated), then the fixed crisis reply and its card (imminent)."""
    home = Path(tempfile.mkdtemp(prefix="companion-shots-"))
    core = Companion(home=home, options=GenerationOptions(max_tokens=60, temperature=0.0, seed=2),
                     kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    core.save_preferences(dataclasses.replace(core.preferences, language=lang, ai_notice_seen=True,
                                              region=SAFETY_REGION[lang]))
    root = AppRoot(qapp, core)
    window = root.window
    window.resize(1040, 960)
    window.show()
    session = core.create_profile("Sam", "screenshot passphrase")
    window._on_unlocked(session, None)  # noqa: SLF001 - skip typing the passphrase
    for box in window.findChildren(QMessageBox):
        box.close()
    while core.worker.state.state.value not in ("ready", "failed"):
        settle(qapp, 0.05)
    for index, text in enumerate(SAFETY_MESSAGES[lang]):
        if index == 1:
            window.chat_view.new_conversation()
        done = []
        root.bridge.replyEvent.connect(lambda e, d=done: d.append(1) if isinstance(e, ReplyDone) else None)
        window.chat_view.input.setPlainText(text)
        window.chat_view.send()
        while not done:
            settle(qapp, 0.05)
        settle(qapp, 0.5)
        if index == 1:  # start at the person's message, so the reply's first line (the number) shows
            window.chat_view.messages.verticalScrollBar().setValue(0)
            settle(qapp, 0.2)
        name = "safety-card" if index == 0 else "safety-crisis"
        window.grab().save(str(out / f"{name}-{lang}.png"))
    root.shutdown()


SAFETY_PLAN = {
    "en": {"warning_signs": "I stop answering messages and stay in bed.\nThinking \"what's the point\" over and over.",
           "coping": "Cold water on my face. Slow breathing: in for 4, out for 6.\nA walk round the block with music.",
           "people_to_ask": "My sister Lin\nMy friend Tom",
           "reasons": "Seeing my niece grow up. My cat, Biscuit. The sea in summer."},
    "zh_CN": {"warning_signs": "不回任何人的消息，整天躺在床上。\n脑子里反复在想“有什么意义”。",
              "coping": "用冷水洗把脸。慢慢呼吸：吸气数到 4，呼气数到 6。\n戴上耳机，绕着小区走一圈。",
              "people_to_ask": "姐姐小林\n好朋友阿涛",
              "reasons": "想看着外甥女长大。我的猫“饼干”。夏天的海。"},
}


def shoot_safety(qapp: QApplication, window, out: Path, lang: str) -> None:  # noqa: ANN001
    """The safety plan page (a plan half written) and the crisis panel over the conversation."""
    core = window.core
    core.save_preferences(dataclasses.replace(core.preferences, region="GB" if lang == "en" else "CN"))
    window.session.safety_plan.save_many(SAFETY_PLAN[lang])
    view = window.page("safety_plan")
    view.set_session(window.session)
    window.show_page("safety_plan")
    settle(qapp)
    window.grab().save(str(out / f"safety-plan-{lang}.png"))
    window.show_page("talk")
    window.open_help("button")
    panel = window.crisis_panel
    panel.resize(500, 1000)
    settle(qapp)
    panel.grab().save(str(out / f"crisis-panel-{lang}.png"))
    panel.close()


MEMORY_SHOTS = {
    "en": {
        "memories": [("Prefers to be challenged gently", True), ("Has a sister, Lin, who always picks up the phone", False),
                     ("Running before work helps with anxiety", False), ("Goal: in bed before midnight on weeknights", False)],
        "proposal": "Criticism from her manager stays with her for days",
        "conversation": ["My manager criticised my report and I keep replaying it.", "It helps to write it down."],
        "summary": "Talked about a hard week at work and replaying criticism at night. Writing the thoughts "
                   "down and a short run helped a little.",
    },
    "zh_CN": {
        "memories": [("希望被温和地挑战", True), ("有个妹妹叫林林，随时都会接电话", False),
                     ("上班前跑跑步能缓解焦虑", False), ("目标：工作日晚上十二点前上床", False)],
        "proposal": "被经理批评后会难受好几天",
        "conversation": ["经理批评了我的报告，我脑子里一直在回放。", "把想法写下来会好一点。"],
        "summary": "聊到工作上很难熬的一周，晚上总在回想被批评的事。把想法写下来、跑一小会儿步，会好受一些。",
    },
}


def shoot_memory(qapp: QApplication, out: Path, lang: str) -> None:
    """The memory page: what the companion remembers, a suggestion to keep or dismiss, and a summary."""
    home = Path(tempfile.mkdtemp(prefix="companion-shots-"))
    core = Companion(home=home, kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    core.save_preferences(dataclasses.replace(core.preferences, language=lang, ai_notice_seen=True))
    root = AppRoot(qapp, core)
    window = root.window
    window.resize(1040, 680)
    session = core.create_profile("Sam", "screenshot passphrase")
    data = MEMORY_SHOTS[lang]
    cid = session.new_conversation()
    for role, text in zip(("user", "assistant"), data["conversation"]):
        session._conversations.add_message(cid, role, text)  # noqa: SLF001 - a past conversation
    session.memory.repo.save_summary(cid, data["summary"], 2)
    session.memory.repo.add(data["proposal"], origin="conversation", conversation_id=cid, status="proposed")
    for text, pinned in reversed(data["memories"]):
        session.memory.repo.add(text, pinned=pinned)
    window.show()
    window._on_unlocked(session, None)  # noqa: SLF001 - skip typing the passphrase
    for box in window.findChildren(QMessageBox):
        box.close()
    while core.worker.state.state.value not in ("ready", "failed"):
        settle(qapp, 0.05)
    window.show_page("memory")
    settle(qapp, 0.5)
    window.grab().save(str(out / f"memory-{lang}.png"))
    root.shutdown()


SAFETY_PLAN = {
    "en": {"warning_signs": "I stop answering messages and stay in bed.\nThinking \"what's the point\" over and over.",
           "coping": "Cold water on my face. Slow breathing: in for 4, out for 6.\nA walk round the block with music.",
           "people_to_ask": "My sister Lin\nMy friend Tom",
           "reasons": "Seeing my niece grow up. My cat, Biscuit. The sea in summer."},
    "zh_CN": {"warning_signs": "不回任何人的消息，整天躺在床上。\n脑子里反复在想“有什么意义”。",
              "coping": "用冷水洗把脸。慢慢呼吸：吸气数到 4，呼气数到 6。\n戴上耳机，绕着小区走一圈。",
              "people_to_ask": "姐姐小林\n好朋友阿涛",
              "reasons": "想看着外甥女长大。我的猫“饼干”。夏天的海。"},
}


def shoot_models(qapp: QApplication, out: Path, lang: str) -> None:
    """The Models page with the built-in model and the Gemma 3 270M test model imported."""
    from models.locate import assemble_second_test_model

    home = Path(tempfile.mkdtemp(prefix="companion-shots-"))
    core = Companion(home=home, kdf=KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    core.save_preferences(dataclasses.replace(core.preferences, language=lang, ai_notice_seen=True))
    core.models.add_embedded()
    second = assemble_second_test_model(home / "test-models")
    if second is not None:
        core.models.library.import_file(second, reference=True)
    core.profiles.create("Sam", "screenshot passphrase")[1].close()
    root = AppRoot(qapp, core)
    window = root.window
    window.resize(1040, 760)
    window.show()
    session = core.unlock("Sam", "screenshot passphrase")
    window._on_unlocked(session, None)  # noqa: SLF001 - skip typing the passphrase
    for box in window.findChildren(QMessageBox):
        box.close()
    while core.worker.state.state.value not in ("ready", "failed"):
        settle(qapp, 0.05)
    window.show_page("models")
    settle(qapp, 0.5)
    window.grab().save(str(out / f"models-{lang}.png"))
    root.shutdown()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    qapp = QApplication.instance() or QApplication([])
    for lang in ("en", "zh_CN"):
        shoot_first_run(qapp, out, lang)
        shoot(qapp, out, lang)
        shoot_safety_card(qapp, out, lang)
        shoot_memory(qapp, out, lang)
        shoot_models(qapp, out, lang)
        shoot_data(qapp, out, lang)  # issue 12: Your data, its dialogs and a report page


if __name__ == "__main__":
    main()
