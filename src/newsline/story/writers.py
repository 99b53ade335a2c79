"""Story outputs: the contract's JSON, Markdown, a self-contained HTML page and Knight Lab
TimelineJS JSON.

Markdown and HTML show every date as a heading with its sentences (readable: tokenisation
artefacts undone by :func:`newsline.documents.detokenize.detokenize`), the outlets that
report each sentence, and how many articles report the date. The HTML page fetches nothing
(inline CSS, no script, a Content-Security-Policy that forbids both) and escapes all text.
JSON keeps the sentences exactly as the articles hold them (offsets index those texts).
"""

from __future__ import annotations

import html
import json
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from newsline.documents.detokenize import detokenize
from newsline.story.model import Story, StoryEntry, StorySentence
from newsline.timeline.display import readable_date

RESOURCES = Path(__file__).parent / "resources"
FORMATS = ("json", "md", "html", "timelinejs")


@cache
def display_words(language: str = "en") -> dict[str, Any]:
    """The words of ``resources/<language>/display.toml`` (cached)."""
    return tomllib.loads((RESOURCES / language / "display.toml").read_text(encoding="utf-8"))


def _count(key: str, n: int) -> str:
    singular, plural = display_words()[key]
    return (singular if n == 1 else plural).format(n=f"{n:,}")


def _title(story: Story) -> str:
    return story.title or display_words()["untitled"]


def sentence_text(sentence: StorySentence) -> str:
    """The sentence as a reader sees it: tokenisation artefacts undone, one line."""
    return detokenize(sentence.text)


def sentence_outlets(sentence: StorySentence) -> list[str]:
    """The outlets of a sentence and of every report merged into it, first seen first."""
    seen: dict[str, None] = {}
    for source in [sentence.source, *(r.get("source") for r in sentence.reports)]:
        if source:
            seen.setdefault(str(source), None)
    return list(seen)


def _story_line(story: Story) -> str:
    words = display_words()
    parts = [_count("articles", story.articles)]
    if story.outlets:
        parts.append(", ".join(story.outlets))
    if story.start or story.end:
        parts.append(words["period"].format(start=readable_date(story.start),
                                            end=readable_date(story.end)))
    return " · ".join(parts)


def _entry_line(entry: StoryEntry) -> str:
    parts = [_count("articles", entry.articles)]
    if entry.outlets:
        parts.append(", ".join(entry.outlets))
    if entry.mentions:
        parts.append(_count("mentions", entry.mentions))
    return " · ".join(parts)


def _sentence_line(sentence: StorySentence) -> str:
    outlets = sentence_outlets(sentence)
    reports = 1 + len(sentence.reports)
    line = ", ".join(outlets)
    if reports > 1:
        line = f"{line} ({_count('reports', reports)})" if line else _count("reports", reports)
    return line


# --- JSON ---------------------------------------------------------------------------------

def to_json(story: Story) -> str:
    """The contract's JSON (sentences as the articles hold them)."""
    return json.dumps(story.to_dict(), ensure_ascii=False, indent=2)


# --- Markdown -----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str) -> str:
    """``text`` with the characters Markdown would read as markup backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(story: Story) -> str:
    """A heading per date, its sentences as a list with their outlets, then how many
    articles (and which outlets) report the date."""
    lines = [f"# {md_escape(_title(story))}", "", md_escape(_story_line(story))]
    for entry in story.entries:
        lines += ["", f"## {md_escape(readable_date(entry.date))}", ""]
        for sentence in entry.sentences:
            source = _sentence_line(sentence)
            lines.append(f"- {md_escape(sentence_text(sentence))}"
                         + (f" — *{md_escape(source)}*" if source else ""))
        lines += ["", f"*{md_escape(_entry_line(entry))}*"]
    return "\n".join(lines) + "\n"


# --- HTML ---------------------------------------------------------------------------------

#: nothing may be fetched or run: styles inline, no script, no images but data: URLs
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")

_STYLE = """
:root{--ink:#1f2328;--muted:#59636e;--rule:#d0d7de;--accent:#b42318;--paper:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink);
font:17px/1.6 Georgia,"Times New Roman",serif}
header,main,nav,footer{max-width:46rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:2.5rem}
h1{font:700 2rem/1.2 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 0 .4rem}
.summary,.meta,.source,nav,footer{font-family:system-ui,-apple-system,"Segoe UI",sans-serif}
.summary{color:var(--muted);margin:0 0 1.5rem}
nav{font-size:.85rem;margin-bottom:1rem}
nav ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.35rem}
nav a{display:inline-block;padding:.1rem .5rem;border:1px solid var(--rule);
border-radius:1rem;color:var(--ink);text-decoration:none;white-space:nowrap}
nav a:hover,nav a:focus{border-color:var(--accent);color:var(--accent)}
.entry{position:relative;border-left:3px solid var(--accent);padding:.1rem 0 .6rem 1.25rem;
margin:0 0 1.75rem}
.entry::before{content:"";position:absolute;left:-.5rem;top:.75rem;width:.75rem;
height:.75rem;border-radius:50%;background:var(--accent)}
h2{font:700 1.25rem/1.3 system-ui,-apple-system,"Segoe UI",sans-serif;margin:.3rem 0 .5rem}
.sentences{list-style:none;margin:0;padding:0}
.sentences li{margin:0 0 .8rem}
.sentence{margin:0;overflow-wrap:anywhere}
.source{margin:.1rem 0 0;color:var(--muted);font-size:.8rem}
.meta{color:var(--muted);font-size:.85rem;margin:.25rem 0 0}
footer{color:var(--muted);font-size:.8rem;border-top:1px solid var(--rule);
padding-top:1rem;padding-bottom:2rem}
@media (max-width:36rem){body{font-size:16px}h1{font-size:1.5rem}
.entry{padding-left:.9rem}}
@media print{nav{display:none}.entry{break-inside:avoid}}
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _esc_text(text: object) -> str:
    """Escaped for element content only (quotes kept as they are)."""
    return html.escape(str(text), quote=False)


def _anchor(value: str) -> str:
    return "d-" + re.sub(r"[^0-9A-Za-z-]", "-", value)


def _html_entry(entry: StoryEntry) -> str:
    words = display_words()
    items = []
    for sentence in entry.sentences:
        source = _sentence_line(sentence)
        docs = [sentence.doc, *(r.get("doc") for r in sentence.reports if r.get("doc"))]
        title = f' title="{_esc(", ".join(docs))}"'
        items.append(
            f'<li><p class="sentence">{_esc(sentence_text(sentence))}</p>'
            + (f'<p class="source"{title}>{_esc(words["reported_in"])} {_esc(source)}</p>'
               if source else "")
            + "</li>")
    return (f'<section class="entry" id="{_anchor(entry.date)}">'
            f'<h2><time datetime="{_esc(entry.date)}">{_esc(readable_date(entry.date))}'
            f"</time></h2>"
            f'<ul class="sentences">{"".join(items)}</ul>'
            f'<p class="meta">{_esc(_entry_line(entry))}</p></section>')


def to_html(story: Story) -> str:
    """A self-contained, responsive page: title and summary, a row of date links, then a
    section per date (its sentences with their outlets, how many articles report it)."""
    words = display_words()
    title = _esc(_title(story))
    links = "".join(f'<li><a href="#{_anchor(e.date)}">{_esc(readable_date(e.date))}</a></li>'
                    for e in story.entries)
    nav = (f'<nav aria-label="{_esc(words["contents"])}"><ol>{links}</ol></nav>'
           if len(story.entries) > 1 else "")
    footer = words["footer"].format(articles=_count("articles", story.articles))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="referrer" content="no-referrer">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{title}</h1>"
        f'<p class="summary">{_esc(_story_line(story))} · '
        f'{_esc(_count("dates", len(story.entries)))}</p></header>'
        f"{nav}<main>{''.join(_html_entry(e) for e in story.entries)}</main>"
        f"<footer>{_esc(footer)}</footer></body></html>\n")


# --- TimelineJS ---------------------------------------------------------------------------

def _date_parts(value: str) -> dict[str, str] | None:
    parts = value.split("-")
    if not parts[0].isdigit():
        return None
    out = {"year": str(int(parts[0]))}
    if len(parts) > 1 and parts[1].isdigit():
        out["month"] = str(int(parts[1]))
        if len(parts) > 2 and parts[2].isdigit():
            out["day"] = str(int(parts[2]))
    return out


def to_timelinejs(story: Story) -> str:
    """Knight Lab TimelineJS3 JSON: a title slide, then an event per date (headline: its
    first sentence; text: the others, their outlets and the article count, as escaped
    HTML). Dates TimelineJS cannot place (no year) are left out."""
    events = []
    for entry in story.entries:
        start = _date_parts(entry.date)
        if start is None:
            continue
        texts = [sentence_text(s) for s in entry.sentences]
        body = "".join(
            f"<p>{_esc_text(text)}" + (f"<br><i>{_esc_text(_sentence_line(s))}</i>"
                                       if _sentence_line(s) else "") + "</p>"
            for text, s in zip(texts[1:], entry.sentences[1:], strict=True))
        if texts and _sentence_line(entry.sentences[0]):
            body = f"<p><i>{_esc_text(_sentence_line(entry.sentences[0]))}</i></p>" + body
        events.append({
            "start_date": start,
            "display_date": readable_date(entry.date),
            "text": {"headline": _esc_text(texts[0] if texts else readable_date(entry.date)),
                     "text": body + f"<p><small>{_esc_text(_entry_line(entry))}</small></p>"},
            "unique_id": _anchor(entry.date),
        })
    return json.dumps({"title": {"text": {"headline": _esc_text(_title(story)),
                                          "text": _esc_text(_story_line(story))}},
                       "events": events}, ensure_ascii=False, indent=2)


def render(story: Story, fmt: str) -> str:
    """The story in ``fmt``: json, md, html or timelinejs."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown story format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return {"json": to_json, "md": to_markdown, "html": to_html,
            "timelinejs": to_timelinejs}[fmt](story)
