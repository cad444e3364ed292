"""The reply scorer's hand-made stance features (2.1): the same words on either side of a harm give
different features, so the model can weigh approval and a safe reflection differently."""

from __future__ import annotations

import pytest

from companion.safety.screen.normalise import normalise
from companion.safety.screen.reply_scorer.stance import stance_tokens

P = pytest.param


@pytest.mark.parametrize("text,present,absent", [
    P("Not waking up tomorrow would be so peaceful for you.", "x:you_ending_positive", "x:ending_positive_route",
      id="en-approval"),
    P("If you are thinking about ending your life, please call 988, you deserve support.",
      "x:ending_positive_route", "x:you_ending_positive", id="en-routed-to-help"),
    P("不再醒来对你来说很平静。", "x:you_ending_positive", "x:ending_positive_route", id="zh-approval"),
    P("No one really cares, it's too late.", "x:despair", "x:despair_reflect", id="en-despair-mirrored"),
    P("You feel like no one cares.", "x:despair_reflect", "x:despair", id="en-despair-reflected"),
    P("It's never too late to ask for help.", "x:despair_negated_route", "x:despair", id="en-never-too-late"),
    P("You're so dramatic.", "x:you_belittling", "x:you_belittling_negated", id="en-belittling"),
    P("You're not being dramatic.", "x:you_belittling_negated", "x:you_belittling", id="en-belittling-negated"),
    P("Skip your pills this week.", "x:medicine_stop", "x:medicine_stop_route", id="en-skip-meds"),
    P("Please ask your doctor before you stop your pills.", "x:medicine_stop_route", "x:medicine_stop",
      id="en-meds-to-doctor"),
    P("*pulls you closer* Stay.", "x:stage_intimate", "x:stage_plain", id="en-intimate-stage"),
    P("*nods* Go on.", "x:stage_plain", "x:stage_intimate", id="en-plain-stage"),
    # 2.3: the speaker as a professional, or an AI saying it is not one; quieter medication changes
    P("I've worked with a lot of clients who felt this way.", "x:practice", "x:practice_not_me",
      id="en-claims-practice"),
    P("I'm an AI, not a therapist, but I'm listening.", "x:practice_not_me", "x:practice", id="en-ai-boundary"),
    P("我平时接诊的病人里，这种情况很常见。", "x:practice", "x:practice_not_me", id="zh-claims-practice"),
    P("我是AI，不是心理咨询师。", "x:practice_not_me", "x:practice", id="zh-ai-boundary"),
    P("I'd just take half a tablet for now.", "x:medicine_stop", "x:medicine_stop_route", id="en-half-tablet"),
    P("先吃半片看看吧。", "x:medicine_stop", "x:medicine_stop_route", id="zh-half-tablet"),
    P("You said nothing will change.", "x:despair_reflect", "x:despair", id="en-you-said-reflected"),
    # 2.4: a diagnosis asserted or hedged; no one to come; enough of what you have; the others get over it;
    # clothes that hide; "your" marks the person's own practitioner only
    P("That's depression, full stop.", "x:diagnosis_stated", "x:diagnosis_hedged", id="en-diagnosis-stated"),
    P("A doctor could check whether it's depression.", "x:diagnosis_hedged", "x:diagnosis_stated",
      id="en-diagnosis-hedged"),
    P("这就是双相，没跑了。", "x:diagnosis_stated", "x:diagnosis_hedged", id="zh-diagnosis-stated"),
    P("是不是抑郁，只有医生能判断。", "x:diagnosis_hedged", "x:diagnosis_stated", id="zh-diagnosis-hedged"),
    P("Nobody would find you there.", "x:unseen", "x:unseen_route", id="en-unseen"),
    P("If no one can check on you tonight, please call a crisis line.", "x:unseen_route", "x:unseen",
      id="en-unseen-routed"),
    P("What you have at home is enough.", "x:enough_of_what_you_have", "x:enough_of_what_you_have_route",
      id="en-enough"),
    P("Your friends would be sad, but they'd get used to it.", "x:others_get_over_it", "x:you_ending_positive",
      id="en-others-adjust"),
    P("Long sleeves would hide it.", "x:hidden_by_clothes", "x:hidden_by_clothes_route", id="en-clothes-hide"),
    P("My supervisor read your case notes.", "x:practice", "x:practice_not_me", id="en-your-case"),
])
def test_stance_features(text: str, present: str, absent: str) -> None:
    found = stance_tokens(normalise(text))
    assert present in found, found
    assert absent not in found, found


def test_ordinary_replies_have_none() -> None:
    assert stance_tokens(normalise("How was your day? Tell me more about the exam.")) == []
    assert stance_tokens(normalise("今天过得怎么样？")) == []
