"""Story outputs: JSON (the contract's shape) and a plain Markdown list.

The richer md/html/TimelineJS writers live with the evaluation helpers' work; until then
html and timelinejs fall back to simple versions here.
"""

from __future__ import annotations

import html
import json

from newsline.documents.detokenize import detokenize
from newsline.story.model import Story


def _readable(text: str) -> str:
    """One line of readable text: Penn-Treebank tokenisation undone, whitespace folded."""
    return " ".join(detokenize(text).split())


def to_json(story: Story) -> str:
    """The contract's JSON."""
    return json.dumps(story.to_dict(), ensure_ascii=False, indent=2)


def to_markdown(story: Story) -> str:
    """A heading per date, its sentences as a list, who reports it."""
    lines = [f"# {story.title or 'Story'}", ""]
    lines.append(f"{story.articles} articles, {story.start} to {story.end}"
                 + (f"; outlets: {', '.join(story.outlets)}" if story.outlets else ""))
    for entry in story.entries:
        lines += ["", f"## {entry.date}", ""]
        for s in entry.sentences:
            more = f" ({len(s.reports) + 1} reports)" if s.reports else ""
            lines.append(f"- {_readable(s.text)}{more}")
        lines += ["", f"*{entry.articles} articles"
                  + (f"; {', '.join(entry.outlets)}" if entry.outlets else "") + "*"]
    return "\n".join(lines) + "\n"


def to_html(story: Story) -> str:
    """A minimal standalone page."""
    parts = [f"<!doctype html><meta charset='utf-8'><title>{html.escape(story.title or 'Story')}"
             f"</title><h1>{html.escape(story.title or 'Story')}</h1>"]
    for entry in story.entries:
        parts.append(f"<h2>{html.escape(entry.date)}</h2><ul>")
        parts += [f"<li>{html.escape(_readable(s.text))}</li>" for s in entry.sentences]
        parts.append("</ul>")
    return "\n".join(parts) + "\n"


def to_timelinejs(story: Story) -> str:
    """Knight Lab TimelineJS JSON."""
    events = []
    for entry in story.entries:
        year, month, day = (entry.date.split("-") + [None, None])[:3]
        start = {"year": year}
        if month:
            start["month"] = month
        if day:
            start["day"] = day
        events.append({"start_date": start,
                       "text": {"text": html.escape(
                           " ".join(_readable(s.text) for s in entry.sentences))}})
    return json.dumps({"title": {"text": {"headline": story.title or "Story"}},
                       "events": events}, ensure_ascii=False, indent=2)


def render(story: Story, fmt: str) -> str:
    """The story in ``fmt`` (json, md, html or timelinejs)."""
    if fmt == "md":
        return to_markdown(story)
    if fmt == "html":
        return to_html(story)
    if fmt == "timelinejs":
        return to_timelinejs(story)
    return to_json(story)
