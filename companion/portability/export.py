"""A readable export of what the person picks: a folder of Markdown files and one self-contained
HTML file (no scripts, no links out, styles inline), written only where they chose.

This is the one place the app writes a person's words unencrypted, so the dialog and the command line
say so before anything is written. The folder is built under a hidden name and renamed at the end:
an interrupted export leaves no half-folder that looks complete.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from companion.practice.exercises import summary as exercise_summary
from companion.i18n import tr
from companion.practice.instruments import get_instrument
from companion.portability.contents import PARTS, ProfileContents, read_contents
from companion.portability.report import band_label
from storage import Vault
from storage.fsutil import fsync_dir

Progress = Callable[[float], None]


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


def _instrument_title(instrument_id: str, lang: str) -> str:
    try:
        return get_instrument(instrument_id).title.get(lang)
    except (KeyError, ValueError):
        return instrument_id


def _safe(name: str) -> str:
    return "".join("-" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name).strip(" .")[:60] or "untitled"


def sections(contents: ProfileContents, lang: str) -> list[tuple[str, str, list[tuple[str, list[str]]]]]:
    """(file stem, heading, [(subheading, paragraphs)]) for every picked part that has anything."""
    t = lambda s: tr(s, lang)  # noqa: E731
    out = []
    for index, (conv, messages) in enumerate(contents.conversations, start=1):
        title = conv.title.strip() or t("Conversation of {date}").format(date=_day(conv.created_at))
        blocks = [(f"{t('You') if m.role == 'user' else t('Companion')} · {_day(m.created_at)}", [m.text])
                  for m in messages]
        out.append((f"conversations/{index:03d} {_safe(title)}", title, blocks))
    if contents.exercises:
        blocks = []
        for run in contents.exercises:
            try:
                data = exercise_summary(run.state, lang)
            except Exception:  # noqa: BLE001 - an exercise the app no longer knows is still exported as stored
                data = {"title": run.flow_id, "items": [{"label": k, "answer": str(v)} for k, v in run.state.items()]}
            lines = [f"{item['label']}: {item['answer']}" for item in data["items"]]
            blocks.append((f"{data['title']} · {_day(run.completed_at or run.updated_at)}", lines))
        out.append(("exercises", t("Completed exercises"), blocks))
    if contents.self_checks:
        blocks = [(f"{_instrument_title(r.instrument_id, lang)} · {_day(r.taken_at)}",
                   [t("Score: {total}").format(total=r.total)
                    + (f" ({r.severity})" if r.severity else "")]) for r in contents.self_checks]
        out.append(("self-checks", t("Self-check results"), blocks))
    if contents.safety_plan.strip():
        out.append(("safety-plan", t("My safety plan"), [("", contents.safety_plan.split("\n\n"))]))
    if contents.memories:
        out.append(("memories", t("What the companion remembers"),
                    [("", [m.text for m in contents.memories])]))
    return out


def _markdown(heading: str, blocks: list[tuple[str, list[str]]]) -> str:
    parts = [f"# {heading}", ""]
    for sub, paragraphs in blocks:
        if sub:
            parts += [f"## {sub}", ""]
        for p in paragraphs:
            parts += [p.replace("\n", "  \n"), ""]
    return "\n".join(parts)


_STYLE = ("body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5;color:#222}"
          "h1{border-bottom:1px solid #ccc;padding-bottom:.2em}h2{font-size:1em;color:#555;margin-bottom:.2em}"
          "p{white-space:pre-wrap;margin:.2em 0 .8em}")


def to_html(title: str, parts: list[tuple[str, str, list[tuple[str, list[str]]]]], lang: str) -> str:
    """One self-contained page: inline style, no scripts, no external references."""
    body = [f"<h1>{html.escape(title)}</h1>"]
    for _stem, heading, blocks in parts:
        body.append(f"<h1>{html.escape(heading)}</h1>")
        for sub, paragraphs in blocks:
            if sub:
                body.append(f"<h2>{html.escape(sub)}</h2>")
            body += [f"<p>{html.escape(p)}</p>" for p in paragraphs]
    html_lang = "zh-CN" if lang.lower().startswith("zh") else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def export_folder_name(nickname: str, when: float | None = None) -> str:
    day = dt.datetime.fromtimestamp(when if when is not None else dt.datetime.now().timestamp()).strftime("%Y-%m-%d")
    return f"{_safe(nickname)} {day}"


def export_document(vault: Vault, nickname: str, lang: str, parts: tuple[str, ...] = PARTS) -> tuple[str, str]:
    """(title, HTML) of the picked parts: what the window prints to PDF when PDF is chosen."""
    title = tr("{name}: exported from Companion on {date}", lang).format(name=nickname, date=dt.date.today().isoformat())
    return title, to_html(title, sections(read_contents(vault, lang, parts), lang), lang)


def pdf_name(nickname: str) -> str:
    return export_folder_name(nickname) + ".pdf"


def export_readable(vault: Vault, nickname: str, parent: Path, lang: str, parts: tuple[str, ...] = PARTS,
                    progress: Progress | None = None) -> Path:
    """Write ``<parent>/<nickname> <date>/`` (Markdown files and ``<nickname>.html``); return the folder.

    An existing folder of that name is never overwritten: a number is added instead."""
    report = progress or (lambda fraction: None)
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"unknown parts {sorted(unknown)!r}")
    contents = read_contents(vault, lang, parts)
    found = sections(contents, lang)
    parent = Path(parent)
    base = export_folder_name(nickname)
    final = parent / base
    n = 2
    while final.exists():
        final = parent / f"{base} ({n})"
        n += 1
    staging = parent / f".{final.name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    title = tr("{name}: exported from Companion on {date}", lang).format(
        name=nickname, date=dt.date.today().isoformat())
    try:
        staging.mkdir(parents=True)
        for i, (stem, heading, blocks) in enumerate(found):
            path = staging / f"{stem}.md"
            path.parent.mkdir(exist_ok=True)
            path.write_text(_markdown(heading, blocks), "utf-8")
            report((i + 1) / (len(found) + 1))
        (staging / f"{_safe(nickname)}.html").write_text(to_html(title, found, lang), "utf-8")
        os.replace(staging, final)
        fsync_dir(parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report(1.0)
    return final
