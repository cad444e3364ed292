"""The learned risk scorer beside the rules (issue 16): loading, fallback to the rules, determinism, the
never-lower property, its reasons in both languages, its path through the guard and the session, and the
capable-model second opinion (with a scripted model)."""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.safety import assess
from companion.safety.scorer.features import NGRAM_DIM, rule_feature_names
from companion.safety.scorer.model import MODEL_VERSION, WEIGHTS_PATH, ModelError, RiskModel
from companion.safety.scorer.runtime import LEVELS, RiskScorer, ScorerVerdict, layer, scorer_reason
from companion.safety.scorer.second_opinion import CHECK, MIN_PARAMETERS, SecondOpinion, question
from companion.safety.guard import RiskState, SafetyGuard
from companion.safety.train.data import (CHAT_DEV_V2, CHAT_DEV_V3, CHAT_DEV_V4, CHAT_DEV_V5, CHAT_DEV_V6, CHAT_DEV_V7,
                                         CHAT_DEV_V8, CHAT_DEV_V9, RETIRED_CHAT_DEV, chat_train_files, data_dir,
                                         read_jsonl, team_cases, training_rows)

ROOT = Path(__file__).resolve().parents[2]
TEAM_TEXTS = [c["text"] for c in json.loads((ROOT / "bench" / "safety_cases.json").read_text("utf-8"))["cases"]]
CHAT_DEV = [json.loads(line)["text"]
            for line in (ROOT / "bench" / "risk_chat_dev.jsonl").read_text("utf-8").splitlines() if line.strip()]


def fixed_model(risk_bias: float, imminent_bias: float) -> RiskModel:
    """A model that ignores the text: every message scores the same (for the layering tests)."""
    names = rule_feature_names()
    rules = np.zeros((2, len(names)), dtype=np.float32)
    rules[:, names.index("bias")] = (risk_bias, imminent_bias)
    return RiskModel(np.zeros((2, NGRAM_DIM), dtype=np.float16), rules, names,
                     {lg: {"risk": 0.5, "imminent": 0.5} for lg in ("en", "zh")}, {"version": "test"})


def scorer_with(model: RiskModel) -> RiskScorer:
    scorer = RiskScorer(loader=lambda _path: model, min_words=0, min_cjk=0)  # mechanism tests: any length
    assert scorer.load_now()
    return scorer


@pytest.fixture(scope="module")
def shipped() -> RiskScorer:
    scorer = RiskScorer()
    assert scorer.load_now(), "the shipped weights must load"
    return scorer


def rank(level: str) -> int:
    return LEVELS.index(level)


def test_the_shipped_weights_load_small_and_versioned(shipped: RiskScorer) -> None:
    assert WEIGHTS_PATH.stat().st_size < 3_000_000
    assert shipped.ready() and shipped.version == MODEL_VERSION
    verdict = shipped.score("I don't want to be here anymore")
    assert isinstance(verdict, ScorerVerdict) and 0.0 <= verdict.risk <= 1.0 and 0.0 <= verdict.imminent <= 1.0


def test_loading_compiles_what_the_first_verdict_needs() -> None:
    # The first message is screened on the GUI thread: a scorer that compiled its pattern alternations
    # there froze the window for half a second (bench/chat.py's stall probe found it).
    from companion.safety.scorer import features

    features._raw_category_patterns.cache_clear()  # noqa: SLF001
    assert features._raw_category_patterns.cache_info().currsize == 0  # noqa: SLF001
    assert RiskScorer().load_now()
    assert features._raw_category_patterns.cache_info().currsize == 2  # noqa: SLF001 - English and Chinese


def test_until_the_scorer_is_ready_the_rules_alone_decide(caplog: pytest.LogCaptureFixture) -> None:
    release = threading.Event()

    def slow_loader(_path: Path) -> RiskModel:
        release.wait(10)
        return fixed_model(10.0, 10.0)  # would flag everything, once loaded

    caplog.set_level(logging.INFO)
    scorer = RiskScorer(loader=slow_loader, min_words=0, min_cjk=0)
    scorer.start()
    guard, rules_only = SafetyGuard(scorer=scorer), SafetyGuard()
    try:
        assert not scorer.ready() and scorer.score("hello") is None
        for text in ("hello, how are you?", "I want to die", "我今晚就要自杀"):
            assert guard.screen_message(text, (), None) == rules_only.screen_message(text, (), None)
        assert "rules alone decide" in caplog.text
    finally:
        release.set()
    assert scorer.wait(10)
    assert guard.screen_message("hello, how are you?", (), None).level == "imminent"


def test_unreadable_weights_leave_the_rules_in_charge(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "risk.npz"
    broken.write_bytes(b"not a weights file")
    scorer = RiskScorer(path=broken)
    scorer.start()
    assert not scorer.wait(10) and scorer.failed
    assert "rules alone decide" in caplog.text
    guard = SafetyGuard(scorer=scorer)
    assert guard.screen_message("I want to die", (), None).level == assess("I want to die").level
    assert guard.screen_message("nice weather today", (), None).level == "none"


def test_any_error_while_loading_leaves_the_rules_in_charge(caplog: pytest.LogCaptureFixture) -> None:
    # A CI run saw CPython 3.11 raise a spurious SystemError while numpy read a header on the loading thread
    # (gh-106905): whatever the loader raises, the load ends, is said in the log, and the rules decide.
    def spurious(_path: Path) -> object:
        raise SystemError("AST constructor recursion depth mismatch (before=36, after=29)")

    scorer = RiskScorer(loader=spurious, semantic=None)  # type: ignore[arg-type]
    scorer.start()
    assert not scorer.wait(10) and scorer.failed
    assert "could not load (SystemError)" in caplog.text


def test_weights_built_for_other_rules_are_refused(tmp_path: Path) -> None:
    model = fixed_model(0.0, 0.0)
    other = RiskModel(model.ngram, model.rules[:, :-1], model.rule_names[:-1], model.thresholds, model.meta)
    path = tmp_path / "other.npz"
    other.save(path)
    with pytest.raises(ModelError):
        RiskModel.load(path)


def test_saving_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    model = RiskModel.load()
    model.save(tmp_path / "a.npz")
    model.save(tmp_path / "b.npz")
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes() == WEIGHTS_PATH.read_bytes()


def test_the_same_message_always_gets_the_same_verdict(shipped: RiskScorer) -> None:
    again = RiskScorer()
    assert again.load_now()
    for text in CHAT_DEV[::7] + TEAM_TEXTS[::50]:
        assert shipped.score(text) == shipped.score(text) == again.score(text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TEAM_TEXTS + CHAT_DEV), st.sampled_from([(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0)]))
def test_the_layered_screen_never_lowers_the_rules_level(text: str, biases: tuple[float, float]) -> None:
    rules_only = SafetyGuard().screen_message(text, (), None)
    for scorer in (scorer_with(fixed_model(*biases)), RiskScorer(loader=lambda _p: RiskModel.load())):
        scorer.load_now()
        layered = SafetyGuard(scorer=scorer).screen_message(text, (), None)
        assert rank(layered.level) >= rank(rules_only.level)
        if rank(layered.level) == rank(rules_only.level):
            assert layered.reasons == rules_only.reasons



def _same(text: str) -> str:
    # Spacing and case differences would not stop a scorer from learning a row: compare without them.
    return " ".join(text.split()).casefold()


@pytest.fixture(scope="module")
def trained_texts() -> set[str]:
    """Every text the scorer may learn from; without the shared posts, the team's cases and the chat files."""
    if (data_dir() / "en.jsonl").exists():
        rows = list(training_rows())
    else:
        # Without the shared posts (a clone with no data folder beside it): every other source of training_rows.
        rows = team_cases() + [r for path in (*chat_train_files(), *RETIRED_CHAT_DEV) for r in read_jsonl(path, "chat")]
    assert rows
    return {_same(r.text) for r in rows}


CHAT_DEV_SETS = [pytest.param(CHAT_DEV_V2, id="dev_v2"), pytest.param(CHAT_DEV_V3, id="dev_v3"),
                 pytest.param(CHAT_DEV_V4, id="dev_v4"), pytest.param(CHAT_DEV_V5, id="dev_v5"),
                 pytest.param(CHAT_DEV_V6, id="dev_v6"), pytest.param(CHAT_DEV_V7, id="dev_v7"),
                 pytest.param(CHAT_DEV_V8, id="dev_v8"), pytest.param(CHAT_DEV_V9, id="dev_v9")]


@pytest.mark.parametrize("path", CHAT_DEV_SETS)
def test_the_later_chat_development_sets_are_whole(path: Path) -> None:
    lines = [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    rows = [json.loads(line) for line in lines]
    assert all(set(r) == {"text", "level", "lang", "kind"} for r in rows)
    assert all(r["text"].strip() and r["kind"].strip() and r["level"] in LEVELS for r in rows)
    counts = Counter((r["lang"], r["level"]) for r in rows)
    expected = {"none": 64, "elevated": 32, "imminent": 24}
    assert counts == {(lang, level): n for lang in ("en", "zh") for level, n in expected.items()}
    assert len({_same(r["text"]) for r in rows}) == len(rows) == 240


@pytest.mark.parametrize("path", [CHAT_DEV_V9], ids=["dev_v9"])
def test_no_text_of_the_sealed_chat_development_sets_is_trained_on(path: Path, trained_texts: set[str]) -> None:
    dev = {_same(r.text) for r in read_jsonl(path, "chat")}
    # Only a count in the failure message: the development text is not to be read by whoever runs the tests.
    overlap = len(dev & trained_texts)
    assert dev and overlap == 0, f"{overlap} rows of {path.name} are in training_rows"


@pytest.mark.parametrize("path", RETIRED_CHAT_DEV, ids=lambda p: p.stem)
def test_the_retired_chat_development_sets_are_trained_on(path: Path, trained_texts: set[str]) -> None:
    # risk-1.5: the first five sets became training text once the sixth was written; risk-1.6: the sixth to the
    # eighth once the ninth was written and first run (data.RETIRED_CHAT_DEV). The ninth stays sealed.
    retired = {_same(r.text) for r in read_jsonl(path, "chat")}
    assert retired and retired <= trained_texts
    assert CHAT_DEV_V6 in RETIRED_CHAT_DEV and CHAT_DEV_V8 in RETIRED_CHAT_DEV
    assert CHAT_DEV_V9 not in RETIRED_CHAT_DEV


LATER_DEV_SETS = (CHAT_DEV_V2, CHAT_DEV_V3, CHAT_DEV_V4, CHAT_DEV_V5, CHAT_DEV_V6, CHAT_DEV_V7,
                  CHAT_DEV_V8, CHAT_DEV_V9)  # in written order


@pytest.mark.parametrize("position", [1, 2, 3, 4, 5, 6, 7],
                         ids=["dev_v3", "dev_v4", "dev_v5", "dev_v6", "dev_v7", "dev_v8", "dev_v9"])
def test_the_chat_development_sets_do_not_share_text(position: int) -> None:
    # A row in two sets would be counted twice in the figures and could not tell the sets apart.
    texts = [{_same(r.text) for r in read_jsonl(path, "chat")} for path in LATER_DEV_SETS[:position + 1]]
    earlier = {_same(t) for t in CHAT_DEV}.union(*texts[:position])
    # Only a count in the failure message, as above.
    overlap = len(texts[position] & earlier)
    assert all(texts) and overlap == 0, f"{overlap} rows of {LATER_DEV_SETS[position].name} are in an earlier set"


def test_layer_keeps_the_stronger_level_and_the_rules_reasons() -> None:
    low = ScorerVerdict("none", 0.1, 0.0, (), "en", "t")
    high = ScorerVerdict("imminent", 0.9, 0.9, ("scorer says",), "en", "t")
    assert layer("elevated", ("rules say",), low) == ("elevated", ("rules say",), False)
    assert layer("imminent", ("rules say",), high) == ("imminent", ("rules say",), False)
    assert layer("elevated", ("rules say",), high) == ("imminent", ("scorer says", "rules say"), True)
    assert layer("none", (), None) == ("none", (), False)


@pytest.mark.parametrize("text,lang", [("I counted what's left", "en"), ("药都数好了", "zh")])
def test_a_scorer_raise_to_imminent_brings_the_script_and_a_plain_reason(text: str, lang: str) -> None:
    guard = SafetyGuard(scorer=scorer_with(fixed_model(10.0, 10.0)))
    verdict = guard.screen_in_context(text, (), None, RiskState())
    assert verdict.level == "imminent" and verdict.scripted_reply
    assert scorer_reason("plan", lang) in verdict.reasons
    assert verdict.details["scorer_raised"] is True
    assert "scorer_imminent" in verdict.details["signals"]


def test_elevated_from_the_scorer_gives_the_thoughts_reason_in_the_messages_language() -> None:
    guard = SafetyGuard(scorer=scorer_with(fixed_model(10.0, -10.0)))
    en = guard.screen_message("it is all grey", (), None)
    zh = guard.screen_message("一切都是灰的", (), None)
    assert en.level == zh.level == "elevated"
    assert en.reasons[0] == "sounds like thoughts of not wanting to be alive"
    assert zh.reasons[0] == scorer_reason("thoughts", "zh") and "念头" in zh.reasons[0]


def test_raise_with_scorer_returns_a_verdict_only_when_it_is_stronger() -> None:
    guard = SafetyGuard(scorer=scorer_with(fixed_model(10.0, 10.0)))
    first = guard.screen_in_context("I counted what's left", (), None, RiskState(), use_scorer=False)
    assert first.level == "none"
    raised = guard.raise_with_scorer("I counted what's left", (), None, RiskState(), first)
    assert raised is not None and raised.level == "imminent" and raised.scripted_reply
    quiet = SafetyGuard(scorer=scorer_with(fixed_model(-10.0, -10.0)))
    assert quiet.raise_with_scorer("I counted what's left", (), None, RiskState(), first) is None
    assert SafetyGuard().raise_with_scorer("x", (), None, RiskState(), first) is None


def test_the_scorer_never_logs_what_it_reads(shipped: RiskScorer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    marker = "zebra-violet-unlikely-words I want to disappear for good"
    shipped.score(marker)
    SafetyGuard(scorer=shipped).screen_message(marker, (), None)
    assert "zebra" not in caplog.text


# -- the capable-model second opinion, with a scripted model -------------------------------------------
class ScriptedModel:
    """Answers the check correctly (unless told otherwise) and ``answers`` for anything else."""

    def __init__(self, answers: dict[str, str] | None = None, wrong_on: str = "", fail: bool = False) -> None:
        self.answers = answers or {}
        self.wrong_on = wrong_on
        self.fail = fail
        self.asked: list[str] = []

    def __call__(self, messages) -> str:  # noqa: ANN001
        if self.fail:
            raise RuntimeError("model crashed")
        text = messages[-1].content.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
        self.asked.append(text)
        for check_text, expected in CHECK:
            if text == check_text:
                right = "yes" if expected else "no"
                return ("no" if right == "yes" else "yes") if text == self.wrong_on else right
        return self.answers.get(text, "no")


def test_the_second_opinion_is_off_for_small_models() -> None:
    model = ScriptedModel()
    assert SecondOpinion.qualify(model, 135_000_000) is None
    assert SecondOpinion.qualify(model, None) is None
    assert model.asked == []  # not even asked the check


def test_the_second_opinion_needs_every_check_answer_right() -> None:
    assert SecondOpinion.qualify(ScriptedModel(), 3 * MIN_PARAMETERS) is not None
    assert SecondOpinion.qualify(ScriptedModel(wrong_on=CHECK[3][0]), 3 * MIN_PARAMETERS) is None


@pytest.mark.parametrize("answer,level,expected", [
    ("yes", "none", "elevated"),
    (" Yes.", "none", "elevated"),
    ("是", "none", "elevated"),
    ("no", "none", "none"),
    ("maybe", "none", "none"),  # not a yes/no answer: no opinion
    ("no", "elevated", "elevated"),  # never lowers
    ("no", "imminent", "imminent"),
    ("yes", "elevated", "elevated"),  # never decides imminent on its own
])
def test_the_second_opinion_only_raises(answer: str, level: str, expected: str) -> None:
    opinion = SecondOpinion.qualify(ScriptedModel({"it is all grey": answer}), 2 * MIN_PARAMETERS)
    assert opinion is not None
    assert opinion.raise_level(level, "it is all grey") == expected


def test_a_failing_model_changes_nothing() -> None:
    opinion = SecondOpinion(ScriptedModel(fail=True))
    assert opinion.says_risk("anything") is None
    assert opinion.raise_level("none", "anything") == "none"


def test_the_question_is_constrained_to_yes_or_no_and_bounded() -> None:
    messages = question("x" * 10_000)
    assert "yes or no" in messages[0].content and "yes or no" in messages[-1].content
    assert len(messages[-1].content) < 2200


# -- through the session: the scorer's verdict reaches the person by the same seam as the rules' ----------
def test_the_app_starts_the_scorer_in_the_background(home: Path) -> None:
    from tests.safety.test_safety_conversation import make_app

    app = make_app(home, None)
    try:
        assert app.risk_scorer.wait(30) and app.risk_scorer.version == MODEL_VERSION
    finally:
        app.close()


@pytest.mark.parametrize("lang,text", [("en", "I counted what's left in the box. it's enough."),
                                       ("zh", "盒子里剩下的我数过了，够了。")])
def test_when_only_the_scorer_sees_imminent_the_script_and_lines_come_first(home: Path, lang: str, text: str) -> None:
    from companion.safety.monitor import SafetyNotice
    from tests.fakes import FakeBackend
    from tests.safety.test_safety_conversation import converse, make_app

    backend = FakeBackend(["This reply must not be used."])
    app = make_app(home, backend)
    app.risk_scorer.wait(30)
    app._guard.scorer = scorer_with(fixed_model(10.0, 10.0))  # noqa: SLF001 - a scorer that says imminent
    try:
        s = app.create_profile("Sam", "pw")
        cid = s.new_conversation()
        events = converse(s, cid, text)
        notices = [e for e in events if isinstance(e, SafetyNotice)]
        assert [n.level for n in notices] == ["imminent"] and events.index(notices[0]) == 0
        assert scorer_reason("plan", lang) in notices[0].reasons
        assert "999" in events[-1].text.split("\n\n")[0] and "116 123" in events[-1].text
        assert backend.prompts == []  # the script, not the model
        [event] = s.safety_events(cid)
        assert event.level == "imminent"
    finally:
        app.close()


def test_the_monitor_records_a_later_raise_with_its_own_notice(home: Path) -> None:
    """The seam for running the scorer off the GUI thread: the rules' verdict first, the scorer's raise later."""
    from tests.fakes import FakeBackend
    from tests.safety.test_safety_conversation import converse, make_app

    app = make_app(home, FakeBackend(["Tell me more."]))
    app.risk_scorer.wait(30)
    app._guard.scorer = scorer_with(fixed_model(-10.0, -10.0))  # noqa: SLF001 - quiet while the message is sent
    try:
        s = app.create_profile("Sam", "pw")
        cid = s.new_conversation()
        text = "I counted what's left in the box. it's enough."
        converse(s, cid, text)
        monitor = s._safety  # noqa: SLF001 - the seam the reply pipeline calls
        history = s.history(cid)[:1]
        first = monitor.screen(cid, history, text, None, use_scorer=False)
        assert first.verdict.level == "none" and first.notice is None
        assert monitor.raise_with_scorer(cid, history, text, None, first) is None  # the quiet scorer agrees
        app._guard.scorer = scorer_with(fixed_model(10.0, 10.0))  # noqa: SLF001
        raised = monitor.raise_with_scorer(cid, history, text, None, first)
        assert raised is not None and raised.verdict.level == "imminent" and raised.verdict.scripted_reply
        notice = raised.notice_for(7)
        assert notice is not None and notice.level == "imminent" and notice.request_id == 7
        assert [e.level for e in s.safety_events(cid)] == ["imminent"]
    finally:
        app.close()


@pytest.mark.parametrize("text", ["thanks", "are you there", "thank you so much for listening to me",
                                  "are you still there, I was away for a bit", "谢谢你一直听我说这些话真的很感激"])
def test_on_chat_length_text_the_scorer_does_not_flag_on_its_own(text: str) -> None:
    # The first merged build rated these elevated: everyday chat, flagged from n-grams alone.
    from companion.safety.scorer.runtime import RiskScorer
    from companion.safety.guard import SafetyGuard
    from companion.safety.seam import RiskState

    scorer = RiskScorer()
    assert scorer.load_now()
    verdict = SafetyGuard(scorer=scorer).screen_in_context(text, [], None, RiskState(), use_scorer=True)
    assert verdict.level == "none"
