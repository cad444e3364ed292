"""Readable summaries of a flow's answers, for history, export and reflection in conversation."""
from __future__ import annotations

from typing import Any

from .engine import State, load_state
from .model import Step, Value
from .text import Text, normalise_lang

SKIPPED = Text("(skipped)", "（已跳过）")
NONE_CHOSEN = Text("(none chosen)", "（未选择）")
OUT_OF = Text("{value} out of {max}", "{value}/{max}")
MINUTES_SECONDS = Text("{minutes} min {seconds} s", "{minutes} 分 {seconds} 秒")
LIST_SEPARATOR = Text("; ", "、")
IN_PROGRESS = Text("In progress", "进行中")
COMPLETED = Text("Completed", "已完成")
TITLE_LINE = Text("{title} ({status})", "{title}（{status}）")


def format_value(step: Step, value: Value, lang: str) -> str:
    """One answer as text in `lang`."""
    if value is None:
        return SKIPPED.get(lang)
    if step.kind in ("single_choice", "multi_choice"):
        values = value if isinstance(value, list) else [value]
        labels = [o.label.get(lang) for v in values if (o := step.option(v)) is not None]
        return LIST_SEPARATOR.get(lang).join(labels) if labels else NONE_CHOSEN.get(lang)
    if step.kind == "rating":
        return OUT_OF.get(lang).format(value=value, max=step.max_value)
    if step.kind == "timer" and isinstance(value, int):
        return MINUTES_SECONDS.get(lang).format(minutes=value // 60, seconds=value % 60)
    return str(value)


def summary(state: State, lang: str) -> dict[str, Any]:
    """The answers on the path taken, in order, as a JSON-serialisable dict:

    {"flow_id", "title", "complete", "status", "items": [{"step_id", "label", "answer"}]}
    Information-only steps (cards, instructions) are left out.
    """
    lang = normalise_lang(lang)
    flow, state = load_state(state)
    items = []
    for step_id in state["history"]:
        step = flow.step(step_id)
        if step is None or step.kind == "info":
            continue
        items.append({"step_id": step_id, "label": step.label.get(lang),
                      "answer": format_value(step, state["answers"].get(step_id), lang)})
    return {"flow_id": flow.id, "title": flow.title.get(lang), "complete": state["complete"],
            "status": (COMPLETED if state["complete"] else IN_PROGRESS).get(lang), "items": items}


def summary_text(state: State, lang: str) -> str:
    """The summary as plain lines, e.g. to give the model for a reflection."""
    data = summary(state, lang)
    colon = "：" if normalise_lang(lang) == "zh" else ": "
    lines = [TITLE_LINE.get(lang).format(title=data["title"], status=data["status"])]
    lines += [f"{item['label']}{colon}{item['answer']}" for item in data["items"]]
    return "\n".join(lines)
