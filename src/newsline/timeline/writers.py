"""Timeline outputs: contract JSON, Markdown, a standalone HTML page, Knight Lab TimelineJS."""

from __future__ import annotations

import html
import json
from datetime import date

from newsline.timeline.display import display_words, readable_date, readable_duration
from newsline.timeline.model import TimelineEntry, sort_entries


def to_json(entries: list[TimelineEntry]) -> str:
    """``{"entries": [...]}`` as the contract gives it."""
    return json.dumps({"entries": [e.to_dict() for e in sort_entries(entries)]},
                      indent=2, ensure_ascii=False)


def display_date(entry: TimelineEntry) -> str:
    """A readable date for an entry: '13 December 2025', 'September 2025', 'spring 2026';
    an event placed only by its tense against the DCT: 'before 13 December 2025'."""
    words = display_words()
    if entry.inferred and entry.start is None and entry.end:
        return words["before"].format(date=readable_date(entry.end))
    if entry.inferred and entry.end is None and entry.start:
        return words["after"].format(date=readable_date(entry.start))
    return readable_date(entry.date or entry.start)


def _report_label(report: dict) -> str:
    """A report for a reader: its document, and who says so when known."""
    return f"{report['doc']} ({report['source']})" if report.get("source") else report["doc"]


def to_markdown(entries: list[TimelineEntry], title: str = "Timeline") -> str:
    """A readable dated list, one bullet per entry, with its sentence quoted."""
    words = display_words()
    lines = [f"# {title}", ""]
    for entry in sort_entries(entries):
        parts = [f"**{display_date(entry)}**"]
        if entry.inferred:
            parts.append(f"({words['inferred']})")
        parts.append(f"— {entry.summary or entry.event}")
        if entry.polarity == "NEG":
            parts.append(f"*({words['did_not_happen']})*")
        if entry.duration:
            lasting = words["lasting"].format(duration=readable_duration(entry.duration))
            parts.append(f"({lasting})")
        if entry.source:
            parts.append("— " + words["according_to"].format(source=entry.source))
        lines.append("- " + " ".join(parts))
        if entry.actors:
            lines.append(f"  - {words['actors']}: {', '.join(entry.actors)}")
        if len(entry.reports) > 1:
            lines.append(f"  - {words['reported_by']}: " + ", ".join(
                _report_label(r) for r in entry.reports))
        lines.append(f"  > {' '.join(entry.sentence.split())}")
        lines.append(f"  <sub>{entry.doc} [{entry.offsets[0]}:{entry.offsets[1]}]</sub>")
    return "\n".join(lines) + "\n"


def _date_parts(iso: str | None) -> dict[str, str] | None:
    if not iso:
        return None
    day = date.fromisoformat(iso)
    return {"year": str(day.year), "month": str(day.month), "day": str(day.day)}


def to_timelinejs(entries: list[TimelineEntry], title: str = "Timeline") -> str:
    """Knight Lab TimelineJS3 JSON: ``events`` with ``start_date``/``end_date``/``text``.

    Entries without a calendar start cannot be placed on a TimelineJS axis and are left out.
    """
    events = []
    for entry in sort_entries(entries):
        start = _date_parts(entry.start)
        if start is None:
            continue
        if entry.grain not in ("day", "time"):
            start.pop("day")
            if entry.grain not in ("month", "week", "weekend"):
                start.pop("month")
        slide = {
            "start_date": start,
            "text": {"headline": html.escape(entry.summary or entry.event),
                     "text": html.escape(entry.sentence)
                     + (f"<br><i>Source: {html.escape(entry.source)}</i>" if entry.source else "")},
            "display_date": display_date(entry),
            "group": entry.doc,
        }
        end = _date_parts(entry.end)
        if end and entry.end != entry.start:
            slide["end_date"] = end
        events.append(slide)
    return json.dumps({"title": {"text": {"headline": html.escape(title), "text": ""}},
                       "events": events}, indent=2, ensure_ascii=False)


def _annotated(entry: TimelineEntry) -> str:
    """The entry's sentence as HTML with its event (and time expressions) marked."""
    text = entry.sentence
    base = entry.sentence_offsets[0] if entry.sentence_offsets else 0
    marks = sorted((s - base, e - base, kind) for s, e, kind in entry.highlights
                   if 0 <= s - base < e - base <= len(text))
    out, cursor = [], 0
    for start, end, kind in marks:
        if start < cursor:
            continue
        out.append(html.escape(text[cursor:start]))
        tag = "time" if kind == "timex" else "mark"
        out.append(f'<{tag} class="{kind}">{html.escape(text[start:end])}</{tag}>')
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:56rem;padding:0 1rem;color:#222}
.axis{position:relative;height:3rem;border-bottom:2px solid #555;margin:2rem 0 2.5rem}
.tick{position:absolute;bottom:-6px;width:10px;height:10px;border-radius:50%;background:#c33;
margin-left:-5px}
.label{position:absolute;bottom:-1.8rem;font-size:12px;color:#555;transform:translateX(-50%)}
.entry{border-left:3px solid #c33;padding:.3rem 0 .3rem 1rem;margin:1rem 0}
.entry.inferred{border-left-style:dashed}.entry.neg{border-left-color:#999}
.date{font-weight:bold}.meta{color:#666;font-size:13px}
mark.event{background:#fde2a0}time.timex{background:#cfe3ff}
"""


def to_html(entries: list[TimelineEntry], title: str = "Timeline") -> str:
    """A standalone page: a time axis with a marker per dated entry, then the entries."""
    words = display_words()
    ordered = sort_entries(entries)
    dated = [e for e in ordered if e.start]
    axis = []
    if dated:
        first = date.fromisoformat(dated[0].start).toordinal()
        last = date.fromisoformat(dated[-1].start).toordinal()
        span = max(last - first, 1)
        for index, entry in enumerate(dated):
            left = 100 * (date.fromisoformat(entry.start).toordinal() - first) / span
            axis.append(f'<a class="tick" href="#entry-{index}" style="left:{left:.2f}%" '
                        f'title="{html.escape(display_date(entry))}"></a>')
        axis.append(f'<span class="label" style="left:0%">{html.escape(dated[0].start)}</span>')
        axis.append(f'<span class="label" style="left:100%">{html.escape(dated[-1].start)}'
                    "</span>")
    axis_index = {id(entry): index for index, entry in enumerate(dated)}
    items = []
    for entry in ordered:
        classes = ["entry"] + (["inferred"] if entry.inferred else []) + (
            ["neg"] if entry.polarity == "NEG" else [])
        meta = [f"event: {html.escape(entry.event)}"]
        if entry.actors:
            meta.append("actors: " + html.escape(", ".join(entry.actors)))
        if entry.source:
            meta.append("source: " + html.escape(entry.source))
        if entry.duration:
            meta.append(html.escape(words["lasting"].format(
                duration=readable_duration(entry.duration))))
        if entry.inferred:
            meta.append("date " + words["inferred"])
        if entry.polarity == "NEG":
            meta.append(words["did_not_happen"])
        if len(entry.reports) > 1:
            meta.append(html.escape(f"{words['reported_by']}: " + ", ".join(
                _report_label(r) for r in entry.reports)))
        anchor = f' id="entry-{axis_index[id(entry)]}"' if id(entry) in axis_index else ""
        items.append(
            f'<div class="{" ".join(classes)}"{anchor}>'
            f'<div class="date">{html.escape(display_date(entry))}</div>'
            f"<div>{html.escape(entry.summary or entry.event)}</div>"
            f'<blockquote>{_annotated(entry)}</blockquote>'
            f'<div class="meta">{" · ".join(meta)} · {html.escape(entry.doc)}</div></div>')
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><div class=\"axis\">{''.join(axis)}</div>"
            f"{''.join(items)}</body></html>\n")
