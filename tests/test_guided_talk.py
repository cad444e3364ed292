"""Issue 14: the guided path with no model, the fallback catching bad replies, the capability gate and
memory that stays true. The real Session, vault and safety guard; a scripted backend where a model is
needed."""

from __future__ import annotations

import threading
from pathlib import Path

from companion import Companion, ReplyDone, ReplyToken
from companion.chat.prompting import SMALL_SYSTEM_PROMPT
from companion.chat.reply_checks import ROLE_TAG, check_reply, language_ok
from companion.chat.talk import GATE, TalkPolicy
from tests.conftest import FAST_KDF
from models.backend import ModelInfo
from tests.fakes import FakeBackend


def ask(session, cid: str, text: str) -> tuple[ReplyDone, str]:  # noqa: ANN001
    """One turn; returns the final event and everything streamed to the screen."""
    finished = threading.Event()
    done: list[ReplyDone] = []
    streamed: list[str] = []

    def on_event(event: object) -> None:
        if isinstance(event, ReplyToken):
            streamed.append(event.text)
        elif isinstance(event, ReplyDone):
            done.append(event)
            finished.set()

    session.start_reply(cid, text, on_event)
    assert finished.wait(20)
    return done[0], "".join(streamed)


class SmallFake(FakeBackend):
    """A scripted backend that reports a small model file (so it gets the small-model prompt)."""

    def __init__(self, replies: list[str], path: Path) -> None:
        super().__init__(replies)
        path.write_bytes(b"GGUF" + bytes(1024))
        self.path = path

    def load(self) -> ModelInfo:
        super().load()
        return ModelInfo("Small fake", str(self.path), 2048, 1, "gguf")


def no_model(home: Path) -> Companion:
    return Companion(home=home, model_path=home / "no-such-model.gguf", kdf=FAST_KDF)


def test_with_no_model_the_chat_still_talks_a_guided_cbt_conversation_in_english(home: Path) -> None:
    app = no_model(home)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    turns = ["My manager criticised my report in front of the whole team.", "I keep replaying what she said.",
             "I think I'm just bad at my job.", "Well, I did get good feedback on the last project."]
    replies, previous = [], ""
    for number, text in enumerate(turns):
        done, _ = ask(s, cid, text)
        assert done.mode == "guided" and not done.error and done.message is not None
        check = check_reply(done.text, text, previous, turns[:number][::-1], "en", scorer=app.reply_scorer)
        assert check.all_ok, (done.text, check.failed)
        replies.append(done.text)
        previous = done.text
    assert "your report" in replies[0]  # the person's own words, said back
    assert "mind" in replies[1] or "telling yourself" in replies[1]  # the thought behind the feeling
    assert "sure" in replies[2] or "friend" in replies[2]  # looking at the evidence
    assert "good feedback" in replies[3]  # what does not fit the harsh thought
    assert len(set(replies)) == 4
    assert [m.text for m in s.history(cid) if m.role == "assistant"] == replies  # kept like any reply
    s.lock()
    app.close()


def test_with_no_model_the_guided_conversation_is_written_in_chinese(home: Path) -> None:
    app = no_model(home)
    s = app.create_profile("Sam", "pw", lang="zh")
    cid = s.new_conversation()
    # The second turn was "脑子里一直在想白天没做完的事情。" until the semantic layer (issue 16), which rates it
    # elevated: a false positive it keeps (companion/safety/scorer/MODEL_CARD.md, known weaknesses). This test is
    # about the guided moves, so it says the same thing in other words.
    turns = ["最近每天晚上都失眠，躺到两三点还睡不着。", "脑子里一直在转白天的事情，停不下来。", "试过听白噪音，好像也没什么用。"]
    previous = ""
    for number, text in enumerate(turns):
        done, _ = ask(s, cid, text)
        assert done.mode == "guided"
        check = check_reply(done.text, text, previous, turns[:number][::-1], "zh", scorer=app.reply_scorer)
        assert check.all_ok, (done.text, check.failed)
        assert language_ok(done.text, "zh") and "You" not in done.text
        previous = done.text
    assert "“练习”" in previous  # the third move offers an exercise from the app
    assert s.talk_mode("zh").guided and s.talk_mode("zh").reason == "no_model"
    s.lock()
    app.close()


def test_a_reply_with_a_role_tag_or_in_the_wrong_language_never_reaches_the_screen(home: Path, tmp_path: Path) -> None:
    backend = SmallFake(["It sounds hard.\nUser: I also want to know <|im_start|>assistant",
                           "我是一个景走在你的生命上，那就像穿红衣可以援率这样一种",
                           "- Sleep more\n- Drink water\n- Call a friend",
                           "That sounds exhausting, lying awake with work on your mind. What keeps coming back?"],
                        tmp_path / "small.gguf")
    app = Companion(home=home, backend_factory=lambda: backend, kdf=FAST_KDF)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    first, streamed = ask(s, cid, "I can't sleep again, work is on my mind.")
    assert first.mode == "generated" and first.text == "It sounds hard."  # cut before the person's "turn"
    assert not ROLE_TAG.search(streamed) and "User" not in streamed
    second, streamed = ask(s, cid, "I keep thinking about my manager.")
    assert second.mode == "fallback" and second.generated == ""  # nothing in English was left
    assert language_ok(second.text, "en") and "manager" in second.text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in streamed)  # not one Chinese character shown
    third, streamed = ask(s, cid, "What should I do?")
    assert third.mode == "fallback" and "-" not in streamed
    fourth, _ = ask(s, cid, "Work keeps me awake.")
    assert fourth.mode == "generated" and fourth.text.startswith("That sounds exhausting")
    # What is kept is what was shown.
    kept = [m.text for m in s.history(cid) if m.role == "assistant"]
    assert kept == [first.text, second.text, third.text, fourth.text]
    # The small model got the short prompt and example exchanges first (the stable, cached prefix), and
    # no trailing instruction (it wrote such instructions back as its reply).
    prompt = backend.prompts[-1]
    assert prompt[0].content == SMALL_SYSTEM_PROMPT and [m.role for m in prompt[1:5]] == [
        "user", "assistant", "user", "assistant"]
    assert prompt[-1].role == "user" and prompt[-1].content == "Work keeps me awake."
    s.lock()
    app.close()


def test_the_gate_sends_a_language_the_model_fails_in_down_the_guided_path(home: Path) -> None:
    backend = FakeBackend(["It sounds like a long week. What felt heaviest?"])
    app = Companion(home=home, backend_factory=lambda: backend, kdf=FAST_KDF)
    scores = {"en": 0.95, "zh": 0.40}
    s = app.create_profile("Sam", "pw")
    s.talk = TalkPolicy(app.worker, lambda _path, lang: scores[lang])
    cid = s.new_conversation()
    done, _ = ask(s, cid, "It was a long week at work.")
    assert done.mode == "generated" and len(backend.prompts) == 1
    done, _ = ask(s, cid, "这周加了四天班，感觉整个人都被掏空了。")
    assert done.mode == "guided" and len(backend.prompts) == 1  # the model was not asked
    assert "加了四天班" in done.text
    assert s.talk_mode("zh").reason == "below_gate" and s.talk_mode("zh").score < GATE
    assert not s.talk_mode("en").guided
    # A model the shipped list calls poor at Chinese talks guided in Chinese whatever its score: the checks
    # cannot tell fluent-looking nonsense from Chinese.
    s.talk = TalkPolicy(app.worker, lambda _path, _lang: 0.99, lambda _path, lang: lang == "zh")
    assert s.talk_mode("zh").reason == "poor_at_language" and not s.talk_mode("en").guided
    s.lock()
    app.close()


def test_the_embedded_models_carry_their_measured_gate_scores(home: Path) -> None:
    app = no_model(home)
    for name in ("SmolLM2-135M-Instruct.Q4_1.gguf", "gemma-3-270m-q4_k_m.gguf"):
        for lang in ("en", "zh"):
            score = app.models.capability(home / name, lang)
            assert score is not None and 0.0 <= score <= 1.0
        assert app.models.poor_at(home / name, "zh") and not app.models.poor_at(home / name, "en")
    assert app.models.capability(home / "someone-elses-model.gguf", "en") is None  # not measured
    app.close()


def test_memory_proposals_and_summaries_are_only_kept_when_grounded_in_the_persons_words(home: Path) -> None:
    inventing = FakeBackend([
        "It sounds like your sister matters a lot. What do you enjoy doing together?",
        "You were born with a rare genetic disorder that causes severe hearing loss.",  # the summary
        "- I was born with a rare genetic disorder that causes severe hearing loss\n"
        "- Works as a nurse in Leeds\n- Goes running with their sister Ana"])
    app = Companion(home=home, backend_factory=lambda: inventing, kdf=FAST_KDF)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    ask(s, cid, "My sister Ana and I go running on Sundays.")
    s.memory.conversation_left(cid)
    idle = threading.Event()
    app.worker.call_when_idle(idle.set)
    assert idle.wait(10)
    assert s.memory.summaries() == []  # an invented summary is not kept
    assert [p.text for p in s.memory.proposals()] == ["Goes running with their sister Ana"]
    s.lock()
    app.close()


def test_a_model_below_the_gate_offers_no_memories_at_all(home: Path) -> None:
    backend = FakeBackend(["- Goes running with their sister Ana"])
    app = Companion(home=home, backend_factory=lambda: backend, kdf=FAST_KDF)
    s = app.create_profile("Sam", "pw")
    s.talk = TalkPolicy(app.worker, lambda _path, _lang: 0.3)
    s.memory.suggestions_allowed = lambda lang: not s.talk.mode(lang).guided
    cid = s.new_conversation()
    done, _ = ask(s, cid, "My sister Ana and I go running on Sundays.")
    assert done.mode == "guided"
    s.memory.conversation_left(cid)
    idle = threading.Event()
    app.worker.call_when_idle(idle.set)
    assert idle.wait(10)
    assert backend.prompts == [] and s.memory.proposals() == [] and s.memory.summaries() == []
    s.lock()
    app.close()


def test_the_gate_is_measured_in_the_app_and_stored_with_the_model(home: Path) -> None:
    from companion.chat.gate import PROBES, GateRun

    good = "It sounds like a heavy week. What has been hardest about it?"
    # Half the English replies are fine, half write the person's next turn or switch language.
    replies = [good if i % 2 == 0 else "User: and then what\nAssistant: ok" for i in range(len(PROBES["en"]))]
    backend = FakeBackend(replies)
    app = Companion(home=home, backend_factory=lambda: backend, kdf=FAST_KDF)
    app.worker.load()
    scores: list[float] = []
    finished = threading.Event()
    GateRun(app.worker, "en", lambda score: (scores.append(score), finished.set())).start()
    assert finished.wait(20)
    assert scores == [0.5]
    assert all(p[-1].content in PROBES["en"] or p[-1].role == "system" for p in backend.prompts)
    app.close()


def test_on_the_guided_path_a_flagged_message_gets_a_safety_check_in_not_a_cbt_move(home: Path) -> None:
    app = no_model(home)
    for lang, text, asks in (("en", "Honestly I feel like a burden to everyone.", "Are you safe right now?"),
                             ("zh", "说实话，我觉得自己是所有人的累赘。", "你现在安全吗？")):
        s = app.create_profile(f"Sam {lang}", "pw", lang=lang)
        cid = s.new_conversation()
        done, _ = ask(s, cid, text)
        assert done.mode == "guided" and asks in done.text
        assert check_reply(done.text, text, lang=lang, scorer=app.reply_scorer).hard_ok
        # The next, ordinary message is still checked on (the screen's risk carries over a few turns).
        done, _ = ask(s, cid, "I had toast for breakfast." if lang == "en" else "我早饭吃了面包。")
        assert asks in done.text
        s.lock()
    app.close()
