"""Risk said in the person's own words (rules 1.4, issue 16): state, means, goodbyes, plans.

People rarely write "suicide". They say they are tired of existing, that the note is in the drawer, that they
keep looking at the bridge, 明天之后就不用再麻烦大家了. These rows pin the cue families added for that, next to
everyday sentences with the same words that must stay "none". Levels follow CLINICAL.md section 1: a state or a
goodbye alone is elevated; together with means, a plan or a time it is imminent.
"""

from __future__ import annotations

import pytest

from companion.safety import assess

P = pytest.param


@pytest.mark.parametrize("text", [
    P("honestly so tired of existing, not sleepy tired", id="en-tired-of-existing"),
    P("some nights I just want to fall asleep and never wake up", id="en-sleep-never-wake"),
    P("woke up again this morning and I was disappointed that I woke up", id="en-disappointed-woke"),
    P("I keep imagining my own funeral and it feels calm", id="en-imagining-funeral"),
    P("I wouldn't mind if a car hit me on the way home", id="en-would-not-mind-hit"),
    P("my parents would save so much money without me", id="en-save-money-without-me"),
    P("I've outlived my usefulness, my kids are grown", id="en-outlived-usefulness"),
    P("I'm in everyone's way now", id="en-in-the-way"),
    P("the only thing keeping me here is my dog", id="en-only-thing-keeping-me"),
    P("I don't think I'm going to make it to 25, and I don't want to", id="en-not-make-it-to-age"),
    P("if anything happens to me, tell my sister the password is on the fridge", id="en-if-anything-happens"),
    P("I've said my goodbyes already, they just don't know it", id="en-said-my-goodbyes"),
    P("I gave my cat to my neighbour so she'll be looked after", id="en-gave-pet-away"),
    P("been saving my prescription for weeks now", id="en-saving-prescription"),
    P("I keep staring at the train tracks on my way to work", id="en-staring-at-tracks"),
    P("i wrote letters to each of them and sealed the envelopes", id="en-letters-to-each"),
    P("I tried before and I know how that feeling starts", id="en-attempted-before"),
    P("我对活着这件事已经厌倦了", id="zh-weary-of-living"),
    P("每天醒来都在想，怎么又醒了", id="zh-why-awake-again"),
    P("没有我家里就能省好多钱了", id="zh-save-money-without-me"),
    P("唯一拉住我的就是我家的狗", id="zh-only-thing-holding"),
    P("帮我照顾好我妈", id="zh-look-after-mum-for-me"),
    P("如果我出了什么事，记得不是你们的错", id="zh-not-your-fault"),
    P("回家的路上总是盯着那座桥看", id="zh-staring-at-bridge"),
    P("攒了两个月的安眠药", id="zh-two-months-of-pills"),
    P("想从这个世界上下线了", id="zh-log-off-from-the-world"),
])
def test_own_words_of_risk_are_flagged(text: str) -> None:
    result = assess(text)
    assert result.level != "none", f"{text!r}: {result.signals}"
    assert result.reasons


@pytest.mark.parametrize("text", [
    P("everything is sorted now, the letter is in the top drawer", id="en-sorted-and-note"),
    P("I gave my dog to my brother and wrote letters to everyone", id="en-gave-pet-and-letters"),
    P("I bought charcoal and tape, the windows are sealed", id="en-charcoal-and-tape"),
    P("the belt is already around the door handle", id="en-belt-on-handle"),
    P("I just swallowed everything in the medicine cabinet", id="en-swallowed-cabinet"),
    P("tonight I'll go to sleep and make sure I don't wake up", id="en-sleep-make-sure-tonight"),
    P("take care of my little brother for me, I won't be around after tonight", id="en-take-care-after-tonight"),
    P("明天之后就不用再麻烦大家了", id="zh-no-more-trouble-after-tomorrow"),
    P("这周末以后我就不在了，帮我照顾好我妈", id="zh-gone-after-weekend"),
    P("都安排好了，信在抽屉里", id="zh-arranged-and-letter"),
])
def test_own_words_with_means_plan_or_time_are_imminent(text: str) -> None:
    result = assess(text)
    assert result.level == "imminent", f"{text!r}: {result.level} {result.signals}"


@pytest.mark.parametrize("text", [
    P("I'm tired of my job, thinking about a career change", id="en-tired-of-job"),
    P("I'm scared I'll fall asleep and not wake up in time for my flight", id="en-not-wake-in-time"),
    P("I'd rather be dead than wear that to the party haha", id="en-rather-dead-than"),
    P("nobody would notice if I skipped the meeting lol", id="en-nobody-notice-meeting"),
    P("sick of this rain, I want out of this city for a week", id="en-want-out-of-city"),
    P("my sister is taking my dog while I'm on holiday", id="en-dog-sitting"),
    P("everything is sorted for the move, the keys are in the drawer", id="en-sorted-for-move"),
    P("I keep looking at the bridge from my window, they lit it up for the festival", id="en-bridge-lights"),
    P("I have a bottle of ibuprofen and a headache, is it ok with coffee", id="en-ibuprofen-headache"),
    P("we sealed the windows for winter, the draft was awful", id="en-sealed-for-winter"),
    P("after my shift I'm going to the pub with the team", id="en-after-shift-pub"),
    P("I've decided! pizza for dinner", id="en-decided-pizza"),
    P("累死了，今天加班到十一点", id="zh-dead-tired"),
    P("笑死，这个视频我看了十遍", id="zh-laughing-to-death"),
    P("想死你了，什么时候回来", id="zh-miss-you-to-death"),
    P("周末照顾好自己，周一见", id="zh-take-care-weekend"),
    P("下周出去玩，狗先放我姐那", id="zh-dog-with-sister"),
    P("搬家的事都安排好了，钥匙在抽屉里", id="zh-move-arranged"),
    P("从窗户能看到那座桥，过节亮灯了好美", id="zh-bridge-lights"),
    P("今天给笔友写了好几封信", id="zh-letters-to-penpals"),
    P("账号密码忘了，要注销重新注册", id="zh-reset-account"),
])
def test_everyday_sentences_with_the_same_words_stay_none(text: str) -> None:
    result = assess(text)
    assert result.level == "none", f"{text!r}: {result.level} {result.signals}"
