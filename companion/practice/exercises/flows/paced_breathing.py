"""Paced breathing (CLINICAL.md section 6): slow breathing at 10 breaths a minute or fewer, for
5 minutes or more, and no breath-holding (it can set off panic in people prone to it). The rhythm
and length are chosen in two steps whose options carry the timer settings; the registry refuses
any combination faster than 10 breaths a minute or shorter than 5 minutes.
"""
from __future__ import annotations

from ..model import Flow, Option, Step, TimerSpec
from ..text import Text

FLOW = Flow(
    id="paced_breathing",
    order=50,
    title=Text("Paced breathing", "节律呼吸"),
    description=Text("Slow, even breathing at a gentle pace, with no breath-holding.",
                     "跟着舒缓的节奏，慢慢地、均匀地呼吸，全程不需要屏气。"),
    steps=(
        Step("intro", "info", Text("Getting ready", "准备"), Text(
            "Sit or lie down comfortably. Breathe in gently through your nose and out slowly, a "
            "little longer out than in. There is no holding your breath. If you feel light-headed, "
            "breathe normally for a while; you can stop at any time.",
            "坐好或躺好，让自己舒服一些。用鼻子轻轻吸气，再慢慢呼气，呼气比吸气稍长一点，整个过程都不需要屏气。如果觉得头晕，就先正常呼吸一会儿；你随时都可以停下来。")),
        Step("rhythm", "single_choice", Text("Rhythm", "节奏"), Text(
            "Choose a rhythm.", "选择一个呼吸节奏。"),
            options=(
                Option("in4_out6", Text("In 4 seconds, out 6 (6 breaths a minute)",
                                        "吸气 4 秒，呼气 6 秒（每分钟 6 次）"),
                       settings={"inhale_seconds": 4, "exhale_seconds": 6}),
                Option("in5_out5", Text("In 5 seconds, out 5 (6 breaths a minute)",
                                        "吸气 5 秒，呼气 5 秒（每分钟 6 次）"),
                       settings={"inhale_seconds": 5, "exhale_seconds": 5}),
                Option("in3_out5", Text("In 3 seconds, out 5 (under 8 breaths a minute; easier to start with)",
                                        "吸气 3 秒，呼气 5 秒（每分钟不到 8 次，适合刚开始练习）"),
                       settings={"inhale_seconds": 3, "exhale_seconds": 5}),
            ),
            default="in4_out6"),
        Step("duration", "single_choice", Text("Length", "时长"), Text(
            "How long would you like to breathe for?", "你想练习多长时间？"),
            options=(
                Option("min5", Text("5 minutes", "5 分钟"), settings={"seconds": 300}),
                Option("min10", Text("10 minutes", "10 分钟"), settings={"seconds": 600}),
                Option("min15", Text("15 minutes", "15 分钟"), settings={"seconds": 900}),
            ),
            default="min5"),
        Step("breathe", "timer", Text("Time breathing", "呼吸时长"), Text(
            "Follow the circle: breathe in as it grows and out as it shrinks.",
            "跟着圆圈呼吸：圆圈变大时吸气，变小时呼气。"),
            timer=TimerSpec(seconds=300, inhale_seconds=4, exhale_seconds=6,
                            settings_from=("rhythm", "duration"))),
        Step("calm_after", "rating", Text("Calm afterwards (0-100)", "练习后的平静程度（0-100）"), Text(
            "How calm do you feel now, from 0 (not at all) to 100 (completely)? (optional)",
            "现在你感觉有多平静？0 表示一点也不，100 表示非常平静。（可以不填）"),
            required=False),
    ),
)
