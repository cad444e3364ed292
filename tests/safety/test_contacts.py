"""Issue 16: invented contact details never reach the screen, in either language and any spacing."""

from __future__ import annotations

import pytest

from companion.safety import load_crisis_lines
from companion.safety.contacts import ContactGate, allowed_numbers, cut_contacts, find_contacts

ALLOWED = allowed_numbers(load_crisis_lines())

INVENTED = [
    "You can call our support line at 1-800-555-0199 any time.",
    "Call 020 7946 0321 and someone will answer.",
    "Text HOME to 741 742 for support.",
    "Please call (555) 123-4567.",
    "Ring +44 20 7946 0958 tonight.",
    "Call one eight hundred, five five five, two two two two.",
    "Call 1 8 0 0 2 7 3 8 2 5 5.",
    "Call ４００－１６１－９９９６ for help.",
    "Email support@mindcare-help.com to talk to someone.",
    "Write to help ＠ calmline ． org any time.",
    "Reach us at care at hopeline dot com.",
    "Visit www.mentalhealthhelp.org for resources.",
    "See https://example.org/crisis for more.",
    "You can go to calmcompanion dot net for more tips.",
    "请拨打心理援助热线 400-161-9996。",
    "可以拨打 010 8295 1333 寻求帮助。",
    "请打 一二三五六七八九 找人聊聊。",
    "发邮件到 help@xinli.cn 就可以。",
    "可以访问 www．xinli．com 了解更多。",
    "可以上 xinliyuan点com 看看。",
    "拨打 611 就有人接听。",
    "心理援助热线：幺三九 零二四七 八八五一，全天有人接。",  # Chinese digits in spaced groups
    "加一下这个老师的微信吧：xinqing 幺二三 八八。",
    "热线号码是 肆零零-陆壹伍-玖玖玖陆。",  # the financial capitals
]
SAFE = [
    "In the UK you can call Samaritans on 116 123, any time.",
    "If you are in danger, please call 999 now.",
    "You can call or text 988 in the US.",
    "Let's try 5-4-3-2-1 grounding: five things you can see.",
    "Try breathing in for 4 and out for 6, for 3 minutes.",
    "Walking 10,000 steps isn't the point; a short walk is enough.",
    "It's 3:00 am, no wonder everything feels heavier.",
    "You said it started in 2019.",
    "请拨打 120 或 110。",
    "你已经坚持了 3 天，真不容易。",
    "我们试试 5-4-3-2-1 的方法。",
    "我们慢慢数：一 二 三 四 五，再呼一口气。",  # a countdown spelled out, not a number
    "楼下的人三三两两地散步，你也可以出去走走。",
    "I looked at the picture you described and it sounded lovely.",
    "Take it one day at a time.",
]


@pytest.mark.parametrize("text", INVENTED)
def test_invented_contacts_are_found(text: str) -> None:
    assert find_contacts(text, ALLOWED), text
    kept, kinds = cut_contacts(text, ALLOWED)
    assert kinds and not find_contacts(kept, ALLOWED)


@pytest.mark.parametrize("text", SAFE)
def test_crisis_line_numbers_and_ordinary_numbers_pass(text: str) -> None:
    assert not find_contacts(text, ALLOWED), text


def test_only_the_sentence_is_cut() -> None:
    text = "That sounds so hard. You can call 1-800-555-0199 for help. I'm here with you."
    kept, kinds = cut_contacts(text, ALLOWED)
    assert kinds == ("phone",)
    assert kept == "That sounds so hard. I'm here with you."


@pytest.mark.parametrize("reply", [
    "That sounds so hard. You can call 1-800-555-0199 for help. I'm here with you.",
    "听起来真的很难。可以拨打 400-161-9996 求助。我在这里陪着你。",
    "I hear you. Email support@mind-care.com today. Take care.",
    "抱抱你。可以打这个热线：幺三九 零二四七 八八五一，全天都有人接。我在这里陪着你。",
])
def test_streamed_contacts_are_never_painted(reply: str) -> None:
    gate = ContactGate(ALLOWED)
    painted = ""
    for i in range(0, len(reply), 3):  # three characters at a time, as tokens arrive
        painted += gate.feed(reply[i:i + 3])
    painted += gate.finish()
    assert not find_contacts(painted, ALLOWED)
    assert "9996" not in painted and "0199" not in painted and "@" not in painted and "八五一" not in painted
    assert gate.cut and not find_contacts(gate.text, ALLOWED)
    assert gate.text.startswith(("That sounds", "听起来", "I hear you", "抱抱你"))


def test_streaming_an_ordinary_reply_paints_everything() -> None:
    reply = "That sounds really hard. Samaritans are on 116 123. I'm here."
    gate = ContactGate(ALLOWED)
    painted = "".join(gate.feed(reply[i:i + 4]) for i in range(0, len(reply), 4)) + gate.finish()
    assert painted == reply == gate.text and not gate.cut
