"""Rules 1.5.3 (issue 16, round 10): concepts the eighth chat set showed missing, read once its first-pass figures
were recorded (README "Tenth round"). Written fresh for these tests, in other words than the set's, and both ways:
risk said through a store of medicine emptied, a railway line, a loaded gun, a note to be found in the morning, a
set date, a heart one hopes gives out, self-harm as a relapse or as marks; and the same words in everyday life
(pottery, a first-aid class, dieting "到想死", embarrassment, a grandfather's joke about old age) left alone.
"""

from __future__ import annotations

import pytest

from companion.safety import assess

P = pytest.param

IMMINENT = [
    P("swallowed everything in the first aid kit about half an hour ago", id="first-aid-kit-swallowed"),
    P("I took the whole packet of sleeping tablets an hour ago", id="whole-packet"),
    P("emptied my nan's pill bottle into my hand and took them", id="emptied-bottle"),
    P("standing by the railway line now waiting for the next one to come", id="railway-waiting"),
    P("I'm on the roof now. don't call anyone", id="on-roof-dont-call"),
    P("took the pistol out of the safe and loaded it. tell my son I love him", id="loaded-it"),
    P("they'll find my note in the morning", id="note-morning"),
    P("my exit date is set for the end of the month", id="exit-date"),
    P("纸条我放在桌上了 明早他们起来就能看到", id="zh-note-morning"),
    P("他要是再来 我今晚就带着刀去找他算账", id="zh-knife-tonight"),
]
ELEVATED = [
    P("sometimes I hope my heart just stops in my sleep", id="heart-stops"),
    P("I really don't see the point in being here anymore", id="no-point-being-here"),
    P("I'm done with being around, honestly", id="done-being-around"),
    P("slipped up last night and cut my wrist again", id="relapse-cut"),
    P("the urge to take a blade to my arm won't go away", id="urge-blade-arm"),
    P("要是心脏哪天自己不跳了就好了", id="zh-heart-stops"),
    P("累了 想干脆消失算了", id="zh-disappear"),
    P("早上醒来第一个感觉就是失望", id="zh-wake-disappointed"),
    P("昨晚忍不住又在手臂上划了", id="zh-marks-arm"),
    P("大腿上又多了几道新口子", id="zh-new-cuts"),
    P("狗送给邻居了 东西也处理得差不多了", id="zh-giving-away"),
]
EVERYDAY = [
    P("朋友送了我一个紫砂杯 泡绿茶很香", id="zh-zisha-cup"),
    P("急救培训讲了 误服药物以后别乱催吐 要先打急救电话", id="zh-first-aid"),
    P("节食节到想死 最后还是吃了火锅", id="zh-diet-hyperbole"),
    P("开会的时候肚子咕咕叫 全场都听见了 我想原地消失", id="zh-embarrassed"),
    P("my gran says going in your sleep at ninety is the best way to go, she's so dark", id="gran-old-age"),
    P("I'll find my notes for the exam tomorrow morning", id="exam-notes"),
    P("the teacher will read my note tomorrow about the school trip", id="note-school-trip"),
    P("waiting on the platform for the next train, it's late again", id="platform-commute"),
    P("we met on the bridge for the fireworks, it was lovely", id="bridge-fireworks"),
    P("loaded the dishwasher and it's still not clean", id="loaded-dishwasher"),
    P("picked a date for the wedding, the date is set for june!", id="wedding-date"),
]


@pytest.mark.parametrize("text", IMMINENT)
def test_risk_with_means_time_or_a_note_is_imminent(text: str) -> None:
    assert assess(text).level == "imminent"


@pytest.mark.parametrize("text", ELEVATED)
def test_risk_said_in_ordinary_words_is_flagged(text: str) -> None:
    assert assess(text).level in ("elevated", "imminent")


@pytest.mark.parametrize("text", EVERYDAY)
def test_the_same_words_in_everyday_life_are_not_flagged(text: str) -> None:
    assert assess(text).level == "none"


def test_a_fall_with_no_means_is_not_a_goodbye() -> None:
    # "Don't call anyone" is a goodbye only beside a way to die; after a tumble it is embarrassment.
    assert assess("fell off my bike in front of everyone, I'm fine, don't call anyone").level == "none"
    assert assess("up on the bridge now. don't call anyone").level == "imminent"
