"""Rules 1.5.1 and 1.5.2 (issue 16, rounds 8 and 9): everyday endings that share words with risk, and the risk beside them.

The sixth chat set's false alarms, read once its first-pass figures were recorded, were goodbyes to colleagues on
a last shift, things given away before a move, a will written because a lawyer said so, "unalive" said of an
alarm clock and a chicken broken down in the kitchen. A false imminent is what people describe as being pushed
away by a robot, so these are now read as everyday. Written fresh for these tests, not copied from the set; the
other direction checks that the same words with risk around them are still flagged.
"""

from __future__ import annotations

import pytest

from companion.safety import assess

P = pytest.param


EVERYDAY_ENDINGS = [
    P("going to unalive my printer if it jams one more time", id="unalive-printer"),
    P("my cat basically unalived the houseplants this week, all of them", id="unalive-houseplants"),
    P("any tips for breaking down a turkey before roasting it?", id="breaking-down-turkey"),
    P("we spent the afternoon breaking down boxes after the move", id="breaking-down-boxes"),
    P("Last day at the bakery after six years. Goodbye everyone, thanks for the laughs!", id="last-day-goodbye"),
    P("retiring on friday after 30 years of teaching. bye all, I'm off to my allotment!", id="retiring-bye"),
    P("giving away our old sofa and a box of toys, anyone nearby want them?", id="giving-away-moving"),
    P("gave away my old books because we're downsizing to a smaller place", id="gave-away-downsizing"),
    P("finally made my will this week, the solicitor said everyone with kids should", id="will-solicitor"),
    P("今天正式离职了，跟同事们说了声再见，晚上一起吃了顿散伙饭", id="zh-leaving-job"),
    P("毕业典礼结束，和同学们道了声再见，有点舍不得", id="zh-graduation"),
]
# Rules 1.5.2 (round 9): the seventh chat set's false imminents, read once its first-pass figures were recorded:
# overdose as a topic of work, study or news, waiting "till I'm dead" for a repairman, a fish gutted in the
# kitchen, and a drill or revision "到想死". Written fresh for these tests, not copied from the set.
TOPICS_AND_EXAGGERATION = [
    P("our lecture today was on overdose prevention in prisons, really interesting", id="overdose-prevention"),
    P("the overdose ward was quiet tonight, good shift for once", id="overdose-ward"),
    P("it's 40 degrees in here, I'll be dead before the plumber shows up", id="dead-before-plumber"),
    P("cleaning a trout for the first time, blood everywhere lol", id="cleaning-trout"),
    P("体育课练八百米练到想死，明天还要测", id="zh-training-to-death"),
    P("背单词背到想死，还有三百个", id="zh-revision-to-death"),
]


@pytest.mark.parametrize("text", EVERYDAY_ENDINGS + TOPICS_AND_EXAGGERATION)
def test_everyday_endings_topics_and_exaggeration_are_not_flagged(text: str) -> None:
    result = assess(text)
    assert result.level.value == "none", (result.level, result.reasons)


@pytest.mark.parametrize("text,least", [
    P("going to unalive myself tonight", "imminent", id="unalive-myself"),
    P("giving away my things, I won't need them anymore", "elevated", id="giving-away-wont-need"),
    P("goodbye everyone, I can't do this anymore", "elevated", id="goodbye-cant-go-on"),
    P("wrote my will and a note for my kids, tonight is the night", "imminent", id="will-and-note-tonight"),
    P("跟大家说声再见，以后不会再麻烦你们了", "elevated", id="zh-goodbye-burden"),
    P("I'm planning an overdose tonight when everyone's asleep", "imminent", id="planning-overdose"),
    P("took an overdose an hour ago", "imminent", id="overdose-taken"),
    P("honestly I'll be dead before morning, I can't keep going", "elevated", id="dead-before-morning"),
    P("练到想死是开玩笑，但我是真的不想活了", "elevated", id="zh-joke-then-real"),
])
def test_the_same_words_with_risk_beside_them_are_still_flagged(text: str, least: str) -> None:
    order = ("none", "elevated", "imminent")
    result = assess(text)
    assert order.index(result.level.value) >= order.index(least), (result.level, result.reasons)
