"""The person's safety plan (Stanley & Brown, CLINICAL.md section 3), in the app's own words.

Six steps in order, plus reasons for living. The official form is copyrighted, so the titles, prompts
and examples here are written for this app, in English and Simplified Chinese. The plan is stored
encrypted in the profile's vault, one section per row (``storage/safety_plans.py``).

    book = session.safety_plan                    # a SafetyPlanBook
    plan = book.load(prefill={"professionals": crisis_lines_text(entry, "en")})
    book.save("coping", "A hot shower. Music with headphones.")
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.bilingual import Text, normalise_lang
from companion.safety import RegionEntry
from storage.safety_plans import SafetyPlanRepository
from storage.vault import Vault


@dataclass(frozen=True)
class PlanStep:
    key: str
    number: int | None  # 1-6 for the Stanley-Brown steps; None for reasons for living
    title: Text
    prompt: Text  # one sentence: what this step is for
    placeholder: Text  # the empty state: what to write


STEPS: tuple[PlanStep, ...] = (
    PlanStep("warning_signs", 1,
             Text("Signs that a hard time is starting", "我开始撑不住时的信号"),
             Text("Thoughts, feelings, situations or habits that tell me things are getting worse.",
                  "哪些想法、感受、处境或者举动，说明我的状态正在变差。"),
             Text("For example: I stop answering messages, I can't sleep, I keep thinking \"what's the point\"…",
                  "比如：不想回任何人的消息、整夜睡不着、脑子里一直在想“有什么意义”……")),
    PlanStep("coping", 2,
             Text("Things I can do on my own", "我自己可以做的事"),
             Text("Small things that help me get through the next hour without anyone else.",
                  "不需要别人帮忙，也能帮我熬过接下来一小时的小事。"),
             Text("Things that help me feel calmer, even a little… a walk, a hot shower, music, slow breathing.",
                  "能让我稍微平静一点的事……出去走走、洗个热水澡、听歌、慢慢地深呼吸。")),
    PlanStep("distractions", 3,
             Text("People and places that take my mind off things", "能让我分分心的人和地方"),
             Text("Company or a change of scene, without having to talk about how I feel.",
                  "有人陪着或换个环境，不一定要聊自己的感受。"),
             Text("A friend I can just chat with, a café, the library, the park…",
                  "可以随便聊聊天的朋友、咖啡馆、图书馆、公园……")),
    PlanStep("people_to_ask", 4,
             Text("People I can ask for help", "我可以求助的人"),
             Text("People I trust enough to tell that I am not OK, and how to reach them.",
                  "我信得过、可以跟他们说“我不太好”的人，以及怎么联系他们。"),
             Text("Names and phone numbers of people I could call or message…",
                  "写下可以打电话或发消息的人的名字和号码……")),
    PlanStep("professionals", 5,
             Text("Professionals and crisis lines", "专业人员和危机热线"),
             Text("My doctor, counsellor or clinic, the crisis lines, and the emergency number.",
                  "我的医生、咨询师或诊所，危机热线，还有紧急电话。"),
             Text("My doctor or counsellor and their number, my clinic's after-hours line, the crisis lines…",
                  "我的医生或咨询师的电话、诊所的非工作时间热线、危机热线……")),
    PlanStep("safe_surroundings", 6,
             Text("Making my surroundings safer", "让身边的环境更安全"),
             Text("How I can put distance between myself and anything I might use to hurt myself, "
                  "and who can help with that.",
                  "怎样让自己远离可能用来伤害自己的东西，以及谁可以帮我做到。"),
             Text("Who could keep things for me for a while, or where I could go instead…",
                  "可以请谁暂时帮我保管一些东西，或者我可以先去哪里待着……")),
    PlanStep("reasons", None,
             Text("My reasons for living", "我活下去的理由"),
             Text("What matters to me, even on days when it is hard to feel it.",
                  "对我重要的东西，哪怕有些日子很难感觉到它们。"),
             Text("People, animals, plans, small things I want to see or do again…",
                  "在乎的人、宠物、想做的事，还想再看到、再经历一次的小事……")),
)
STEP_KEYS: tuple[str, ...] = tuple(step.key for step in STEPS)
PREFILLED_STEP = "professionals"

_EMERGENCY = Text("Emergency", "紧急电话")
_KINDS = {"call": Text("call", "电话"), "text": Text("text", "短信"), "chat": Text("chat", "在线聊天"),
          "whatsapp": Text("WhatsApp", "WhatsApp")}


def step(key: str) -> PlanStep:
    return STEPS[STEP_KEYS.index(key)]


@dataclass(frozen=True)
class SafetyPlan:
    texts: dict[str, str]  # every step key; "" for an empty step
    prefilled: frozenset[str] = field(default_factory=frozenset)  # shown from a prefill, never saved yet
    updated_at: float | None = None  # the last save, None when nothing was ever saved

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    @property
    def is_empty(self) -> bool:
        """Nothing the person wrote (a prefill alone does not count)."""
        return not any(self.texts[k].strip() for k in STEP_KEYS if k not in self.prefilled)


class SafetyPlanBook:
    """The safety plan of one unlocked profile. Each save is its own commit."""

    def __init__(self, vault: Vault) -> None:
        self._repo = SafetyPlanRepository(vault)

    def load(self, prefill: dict[str, str] | None = None) -> SafetyPlan:
        """The saved plan; a step that was never saved shows ``prefill[key]`` when given."""
        saved = self._repo.sections()
        texts, prefilled = {}, set()
        for key in STEP_KEYS:
            if key in saved:
                texts[key] = saved[key].text
            elif prefill and prefill.get(key):
                texts[key] = prefill[key]
                prefilled.add(key)
            else:
                texts[key] = ""
        updated = max((s.updated_at for s in saved.values()), default=None)
        return SafetyPlan(texts, frozenset(prefilled), updated)

    def save(self, key: str, text: str) -> None:
        if key not in STEP_KEYS:
            raise ValueError(f"unknown safety-plan step {key!r}")
        self._repo.save_section(key, text)

    def save_many(self, texts: dict[str, str]) -> None:
        unknown = set(texts) - set(STEP_KEYS)
        if unknown:
            raise ValueError(f"unknown safety-plan steps {sorted(unknown)!r}")
        if texts:
            self._repo.save_sections(texts)


def crisis_lines_text(entry: RegionEntry, lang: str) -> str:
    """The region's emergency number(s) and crisis lines as plain lines, for the professionals step.

    The unknown-region fallback gives its instruction to call the local emergency number."""
    lg = normalise_lang(lang)
    if entry.is_fallback:
        return entry.instruction[lg]
    sep = "：" if lg == "zh" else ": "
    comma = "、" if lg == "zh" else ", "
    out = [_EMERGENCY.get(lg) + sep + comma.join(
        f"{e.number} ({e.label[lg]})" if lg == "en" else f"{e.number}（{e.label[lg]}）" for e in entry.emergency)]
    for line in entry.lines:
        details = [comma.join(_KINDS[k].get(lg) for k in line.kinds)]
        if line.hours:
            details.append(line.hours[lg])
        detail = comma.join(details)
        out.append(f"{line.name[lg]}{sep}{line.number}" + (f" ({detail})" if lg == "en" else f"（{detail}）"))
    return "\n".join(out)


def plan_as_text(plan: SafetyPlan, lang: str) -> str:
    """The filled steps as plain text, in order (a read-only summary, e.g. in the crisis panel)."""
    lg = normalise_lang(lang)
    parts = []
    for s in STEPS:
        text = plan.text(s.key).strip()
        if text:
            head = f"{s.number}. {s.title.get(lg)}" if s.number else s.title.get(lg)
            parts.append(f"{head}\n{text}")
    return "\n\n".join(parts)
