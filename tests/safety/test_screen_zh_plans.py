"""Chinese risk said with a date, a countdown, means at hand or a goodbye, and its look-alikes (rules 1.5).

Chinese comments and chat say dying as going ("今晚就走"), give a date ("日子定在生日那天", "2020.1.7"), count
down ("最后三天"), or say what is at hand ("刀已经拿在手上了"). CLINICAL.md section 1: a wish with a plan, a
time, means or a goodbye is imminent; a wish, burden or "撑不下去了" alone is elevated. Each family is pinned
next to everyday sentences with the same words (a train tonight, a barbecue, a project that cannot go on, a
relative clause about a stranger, a joke) that must stay where they are.
"""

from __future__ import annotations

import pytest

from companion.safety import assess

P = pytest.param


@pytest.mark.parametrize("text", [
    P("今晚等家里人都睡了我就走", id="going-after-family-sleeps"),
    P("明天就走，不想再解释了", id="going-tomorrow"),
    P("过完年我就去死", id="after-new-year-die"),
    P("再等两个月吧，我想死很久了", id="countdown-and-wish"),
    P("木炭已经买好了，日子定在下周五", id="date-chosen-and-charcoal"),
    P("在网上订了两箱木炭，等室友都出门", id="charcoal-ordered-and-time"),
    P("攒的药都翻出来了，今晚全吃了", id="pills-out-tonight"),
    P("刀片就放在枕头底下，今晚宿舍只有我", id="blade-under-pillow-tonight"),
    P("刚刚割开了手腕", id="cut-wrist-now"),
    P("吃了六十多片，有点晕", id="swallowed-sixty"),
    P("现在站在窗台上", id="standing-on-ledge"),
    P("这是我最后一条消息了，谢谢你们", id="last-message"),
    P("过了今晚就真的再见了", id="goodbye-after-tonight"),
    P("我打算那天从宿舍楼顶跳", id="jump-from-roof-that-day"),
    P("我特别想从阳台跳下去", id="really-want-to-jump"),
    P("跟网友约好了周日一起烧炭", id="pact-with-date"),
    P("想在十月底之前结束自己", id="deadline-month"),
])
def test_plans_with_a_time_or_means_are_imminent(text: str) -> None:
    result = assess(text, lang="zh")
    assert result.level == "imminent", f"{text!r}: {result.signals}"


@pytest.mark.parametrize("text", [
    P("真的撑不下去了", id="cannot-hold-on"),
    P("我真的撑不住了", id="cannot-hold-up"),
    P("我走了就好了，大家都轻松", id="better-if-gone"),
    P("只想让这一切都结束", id="want-it-all-to-end"),
    P("睡着了然后再也不醒就好了", id="sleep-never-wake"),
    P("说真的，我已经想过好几种死法了", id="thought-of-ways"),
    P("我不是开玩笑，我是真的不想活了", id="not-joking"),
    P("我就是这个家的拖累", id="burden-of-the-family"),
    P("死了就不用再还钱了", id="dead-no-more-debt"),
    P("好羡慕那些能走掉的人", id="envy-those-who-died"),
    P("每次吵架都把手臂抓到出血", id="scratch-till-bleeding"),
    P("又开始划了", id="cutting-again"),
    P("上次吞药没死成", id="failed-attempt"),
    P("被领导骂了一上午，只想去死", id="agent-of-passive-not-subject"),
])
def test_wishes_and_burden_in_own_words_are_flagged(text: str) -> None:
    result = assess(text, lang="zh")
    assert result.level != "none", f"{text!r}: {result.signals}"


@pytest.mark.parametrize("text", [
    P("我今晚就走，火车票已经买好了", id="train-tonight"),
    P("明天就要走了，舍不得大家，回去以后常联系", id="leaving-town"),
    P("周六烧烤买了炭，谁来", id="barbecue-charcoal"),
    P("网购的木炭到了，周末阳台烤串", id="barbecue-charcoal-delivered"),
    P("这个项目撑不下去了哈哈", id="project-cannot-go-on-joke"),
    P("公司撑不下去了，下个月发不出工资", id="company-cannot-go-on"),
    P("手术后要吃止痛药，能和头孢一起吃吗", id="painkiller-after-surgery"),
    P("新闻说一个小哥救了要跳河的女孩", id="stranger-in-relative-clause"),
    P("切菜不小心切到手，流了好多血，包好了", id="kitchen-cut"),
    P("痛经疼得想死，吃了布洛芬好多了", id="period-pain-hyperbole"),
    P("尴尬得想原地消失", id="embarrassed-vanish"),
    P("搬家前把不用的东西都送人了", id="giving-away-before-move"),
    P("再见了各位，我要去考研闭关了，明年见", id="exam-retreat-goodbye"),
    P("日子定在十月，我们要结婚啦", id="wedding-date"),
    P("倒计时三天，终于要放寒假了", id="holiday-countdown"),
    P("法医课讲到上吊和勒死的区别", id="forensics-class"),
    P("我朋友跟我说她想死", id="friend-said-she-wants-to-die"),
    P("吃完饭我就走，你们慢慢玩", id="leaving-dinner"),
])
def test_look_alikes_stay_none(text: str) -> None:
    result = assess(text, lang="zh")
    assert result.level == "none", f"{text!r}: {result.signals}"


def test_a_trip_tonight_is_not_imminent() -> None:
    # "我要走了" with a time used to be a plan to die on its own; alone it is now a farewell word that needs
    # a wish, means or a plan beside it.
    assert assess("我明天要走了，舍不得大家", lang="zh").level == "none"
    assert assess("好想死，我要走了", lang="zh").level == "imminent"
