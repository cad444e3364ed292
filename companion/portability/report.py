"""A report the person chooses to share with a clinician: self-check scores over time (a chart and a
table each, the change since the first result and the meaningful-change note), exercises completed
per week, and, only if ticked, the safety plan and conversation text.

The core builds the report as data and as HTML with ``<img src="chart:ID">`` placeholders; the window
(ui/data_dialogs/report_pdf.py) draws the charts and prints it to PDF with Qt, since the core has no Qt.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from dataclasses import dataclass, field

from companion.i18n import tr
from companion.practice.instruments import describe_change, get_instrument, meaningful_change
from companion.portability.contents import read_contents
from storage import Vault

REPORT_INSTRUMENTS = ("phq9", "gad7", "mood")


@dataclass(frozen=True)
class ReportOptions:
    include_safety_plan: bool = False
    include_conversations: bool = False  # never unless the person ticks it


@dataclass(frozen=True)
class Series:
    instrument_id: str
    title: str
    max_total: int
    points: tuple[tuple[float, int, str | None], ...]  # (taken_at, total, severity)
    change_points: int | None  # latest - first
    note: str | None  # the meaningful-change sentence, or None


@dataclass
class Report:
    nickname: str
    lang: str
    created: float
    series: list[Series] = field(default_factory=list)
    weeks: list[tuple[str, int]] = field(default_factory=list)  # (week starting, exercises completed)
    safety_plan: str = ""
    conversations: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    html: str = ""


def band_label(instrument_id: str, severity: str | None, lang: str) -> str | None:
    """The band's own words in the reader's language ("mild" / "轻度"), not its id."""
    try:
        band = get_instrument(instrument_id).band(severity)
    except (KeyError, ValueError):
        return severity
    return band.label.get(lang) if band is not None else severity


def _date(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d")


def build_report(vault: Vault, nickname: str, lang: str, options: ReportOptions = ReportOptions(),
                 now: float | None = None) -> Report:
    parts = ["self_checks", "exercises"]
    if options.include_safety_plan:
        parts.append("safety_plan")
    if options.include_conversations:
        parts.append("conversations")
    contents = read_contents(vault, lang, tuple(parts))
    report = Report(nickname, lang, now if now is not None else dt.datetime.now().timestamp())
    for instrument_id in REPORT_INSTRUMENTS:
        results = [r for r in contents.self_checks if r.instrument_id == instrument_id]
        if not results:
            continue
        instrument = get_instrument(instrument_id)
        note = change = None
        if len(results) >= 2:
            change = results[-1].total - results[0].total
            if instrument.change_rule is not None:
                note = describe_change(meaningful_change(instrument_id, results[0].total, results[-1].total), lang)
        report.series.append(Series(instrument_id, instrument.title.get(lang), instrument.max_total,
                                    tuple((r.taken_at, r.total, band_label(r.instrument_id, r.severity, lang))
                                          for r in results), change, note))
    weeks = Counter()
    for run in contents.exercises:
        when = dt.date.fromtimestamp(run.completed_at or run.updated_at)
        weeks[when - dt.timedelta(days=when.weekday())] += 1
    report.weeks = [(monday.isoformat(), n) for monday, n in sorted(weeks.items())]
    report.safety_plan = contents.safety_plan
    for conv, messages in contents.conversations:
        title = conv.title.strip() or _date(conv.created_at)
        report.conversations.append((title, [(m.role, m.text) for m in messages]))
    report.html = to_html(report)
    return report


def to_html(report: Report) -> str:
    t = lambda s: tr(s, report.lang)  # noqa: E731
    e = html.escape
    out = [f"<h1>{e(t('Self-check summary for {name}').format(name=report.nickname))}</h1>",
           f"<p>{e(t('Made on {date} by the person named above, who chose what it contains.').format(date=_date(report.created)))}"
           f"{'' if report.lang.lower().startswith('zh') else ' '}{e(t('These are self-checks, not a diagnosis.'))}</p>"]
    if not report.series:
        out.append(f"<p>{e(t('No self-check results yet.'))}</p>")
    for s in report.series:
        out.append(f"<h2>{e(s.title)}</h2>")
        out.append(f'<p><img src="chart:{s.instrument_id}" width="560" height="200"></p>')
        rows = "".join(f"<tr><td>{_date(ts)}</td><td align='right'>{total}</td><td>{e(sev or '')}</td></tr>"
                       for ts, total, sev in s.points)
        out.append(f"<table border='1' cellspacing='0' cellpadding='4'><tr><th>{e(t('Date'))}</th>"
                   f"<th>{e(t('Score (of {max})').format(max=s.max_total))}</th><th>{e(t('Range'))}</th></tr>"
                   f"{rows}</table>")
        if s.change_points is not None:
            sign = "+" if s.change_points > 0 else ""
            out.append(f"<p>{e(t('Change since the first result: {change} points.').format(change=sign + str(s.change_points)))}</p>")
        if s.note:
            out.append(f"<p><i>{e(s.note)}</i></p>")
    out.append(f"<h2>{e(t('Exercises completed per week'))}</h2>")
    if report.weeks:
        rows = "".join(f"<tr><td>{week}</td><td align='right'>{n}</td></tr>" for week, n in report.weeks)
        out.append(f"<table border='1' cellspacing='0' cellpadding='4'><tr><th>{e(t('Week starting'))}</th>"
                   f"<th>{e(t('Exercises'))}</th></tr>{rows}</table>")
    else:
        out.append(f"<p>{e(t('No exercises completed yet.'))}</p>")
    if report.safety_plan.strip():
        out.append(f"<h2>{e(t('Safety plan'))}</h2>")
        out += [f"<p>{e(p).replace(chr(10), '<br>')}</p>" for p in report.safety_plan.split("\n\n")]
    for title, messages in report.conversations:
        out.append(f"<h2>{e(t('Conversation: {title}').format(title=title))}</h2>")
        out += [f"<p><b>{e(t('You') if role == 'user' else t('Companion'))}:</b> {e(text).replace(chr(10), '<br>')}</p>"
                for role, text in messages]
    return "<html><body>" + "\n".join(out) + "</body></html>"
