"""Psychoeducation card: anxiety, worry and panic. Information only; no diagnosis."""
from __future__ import annotations

from ..model import Flow, Step
from ..text import Text

FLOW = Flow(
    id="card_anxiety",
    category="card",
    order=120,
    title=Text("About anxiety", "了解焦虑"),
    description=Text("The body's alarm, the worry-and-avoidance trap, panic, and what helps.",
                     "身体的警报、担忧和回避的陷阱、惊恐，以及什么会有帮助。"),
    steps=(
        Step("alarm", "info", Text("The body's alarm", "身体的警报"), Text(
            "Anxiety is the body's alarm system. It is there to keep us safe: it speeds up the "
            "heart and breathing and points the mind at danger. It becomes a problem when the "
            "alarm goes off too often or too strongly, or when there is no real danger.",
            "焦虑是身体的警报系统，本来是为了保护我们：它让心跳和呼吸加快，让注意力集中到危险上。可当警报响得太频繁、太强烈，或者根本没有真正的危险时，它就成了问题。")),
        Step("trap", "info", Text("The worry and avoidance trap", "担忧和回避的陷阱"), Text(
            "Avoiding what we fear brings quick relief, so we keep avoiding, and the fear never "
            "gets a chance to shrink. Worry can feel like preparing, but it rarely solves the problem.",
            "回避让我们害怕的事，马上就能松一口气，于是我们一次次回避，恐惧也就一直没有机会变小。担忧感觉像是在做准备，但它很少真正解决问题。")),
        Step("panic", "info", Text("Panic", "惊恐"), Text(
            "A panic attack is a surge of the alarm: a racing heart, breathlessness, dizziness, a "
            "fear of losing control. It feels dangerous but passes, usually within minutes. Slow "
            "breathing and grounding help you ride it out. If you have chest pain, or have never "
            "had these feelings checked, see a doctor.",
            "惊恐发作是警报的一次猛烈爆发：心跳很快、喘不上气、头晕、害怕失控。它让人觉得很危险，但会过去，通常几分钟内就会缓解。慢呼吸和着陆练习能帮你度过这段时间。如果有胸痛，或者从没检查过这些症状，请去看医生。")),
        Step("helps", "info", Text("What helps", "有帮助的做法"), Text(
            "Putting worries off to a set time, facing fears step by step, slow breathing, and "
            "checking anxious predictions against what really happens. A doctor or another "
            "qualified professional can help too.",
            "把担忧留到固定的时间、一步步面对害怕的事、慢呼吸，以及把焦虑时的预测和实际发生的事情对照一下。医生或其他专业人员也能提供帮助。")),
    ),
)
