"""Story outputs (``newsline.story.writers``): JSON, Markdown, TimelineJS, and the HTML page
in a headless Chromium (hostile article text must not run; a screenshot is saved)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import screenshot, write_file
from newsline.story.model import Story, StoryEntry, StorySentence
from newsline.story.writers import md_escape, render, sentence_outlets

HOSTILE = ('Protesters wrote <script>window.__pwned = 1; alert("x")</script> and '
           '<img src=x onerror="window.__pwned = 2"> on the walls .')


def _story() -> Story:
    quake = StorySentence(
        text="The 7.0-magnitude quake , Haiti 's worst in two centuries , struck south of "
             "Port-au-Prince -LRB- the capital -RRB- on Tuesday .",
        doc="bbc/2010-01-13/7", source="bbc", start=0, end=110,
        reports=[{"doc": "cnn/2010-01-13/2", "source": "cnn", "start": 5, "end": 90},
                 {"doc": "bbc/2010-01-14/1", "source": "bbc", "start": 0, "end": 80}])
    toll = StorySentence(text="`` We do n't know , '' the president said .",
                         doc="cnn/2010-01-12/9", source="cnn", start=12, end=55)
    aid = StorySentence(text="The first aid flights landed at the airport .",
                        doc="bbc/2010-01-15/3", source="bbc", start=0, end=45)
    hostile = StorySentence(text=HOSTILE, doc="<b>doc</b>", source="<i>outlet</i>",
                            start=0, end=len(HOSTILE))
    return Story(
        title="Haiti earthquake <script>alert(1)</script>", start="2010-01-12",
        end="2010-01-31", articles=296, outlets=["bbc", "cnn"],
        entries=[
            StoryEntry("2010-01-12", [quake, toll], articles=99, outlets=["bbc", "cnn"],
                       mentions=138),
            StoryEntry("2010-01-15", [aid, hostile], articles=1, outlets=["bbc"], mentions=4),
            StoryEntry("2010-02", [], articles=3, outlets=[], mentions=7),
        ])


@pytest.fixture()
def story() -> Story:
    return _story()


READABLE_QUAKE = ("The 7.0-magnitude quake, Haiti's worst in two centuries, struck south of "
                  "Port-au-Prince (the capital) on Tuesday.")


def test_json_is_the_contract_with_sentences_as_the_articles_hold_them(story) -> None:
    data = json.loads(render(story, "json"))
    assert set(data) == {"story", "entries"}
    assert data["story"] == {"title": story.title, "from": "2010-01-12", "to": "2010-01-31",
                             "articles": 296, "outlets": ["bbc", "cnn"]}
    first = data["entries"][0]
    assert set(first) == {"date", "sentences", "articles", "outlets", "mentions"}
    assert first["sentences"][0]["text"].startswith("The 7.0-magnitude quake , Haiti 's")
    assert first["sentences"][0]["reports"][0]["source"] == "cnn"


def test_markdown_has_a_heading_per_date_readable_sentences_outlets_and_counts(story) -> None:
    md = render(story, "md")
    lines = md.splitlines()
    assert lines[0].startswith("# Haiti earthquake")
    assert [x for x in lines if x.startswith("## ")] == [
        "## 12 January 2010", "## 15 January 2010", "## February 2010"]
    assert f"- {READABLE_QUAKE} — *bbc, cnn (3 reports)*" in lines
    assert "- “We don't know,” the president said. — *cnn*" in lines
    assert "*99 articles · bbc, cnn · 138 references to this date*" in lines
    assert "*1 article · bbc · 4 references to this date*" in lines
    for artefact in ("-LRB-", "``", "''", " 's", " ,", " n't"):
        assert artefact not in md


def test_markdown_escapes_markup_in_article_text(story) -> None:
    md = render(story, "md")
    assert re.search(r"(?<!\\)[<>]", md) is None  # every angle bracket is escaped
    assert r"\<script\>window.\_\_pwned" in md
    assert md_escape("a *b* [c](d) <e>") == r"a \*b\* \[c\](d) \<e\>"


def test_timelinejs_has_an_event_per_date_with_escaped_html(story) -> None:
    data = json.loads(render(story, "timelinejs"))
    assert data["title"]["text"]["headline"].startswith("Haiti earthquake &lt;script&gt;")
    events = data["events"]
    assert [e["start_date"] for e in events] == [
        {"year": "2010", "month": "1", "day": "12"}, {"year": "2010", "month": "1", "day": "15"},
        {"year": "2010", "month": "2"}]
    assert events[0]["text"]["headline"] == READABLE_QUAKE
    assert "99 articles" in events[0]["text"]["text"]
    assert "<script" not in json.dumps(data) and "<img" not in json.dumps(data)


def test_sentence_outlets_list_each_outlet_once(story) -> None:
    assert sentence_outlets(story.entries[0].sentences[0]) == ["bbc", "cnn"]


def test_html_is_self_contained_and_escaped(story) -> None:
    page = render(story, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<img" not in page and "onerror=\"" not in page
    tags = re.findall(r"<[^>]*>", page)
    assert not [t for t in tags if re.search(r"\b(src|href|action)=|https?:|url\(", t)
                and not t.startswith('<a href="#')]
    assert "url(" not in page and "@import" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "&lt;script&gt;window.__pwned = 1;" in page


def test_unknown_format_is_refused(story) -> None:
    with pytest.raises(ValueError, match="unknown story format"):
        render(story, "pdf")


# --- in the browser ----------------------------------------------------------------------

def _open(page, tmp_path: Path, story: Story) -> tuple[str, list[str]]:
    path = write_file(tmp_path / "story.html", render(story, "html"))
    url = path.as_uri()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    return url, requests


def test_html_page_in_chromium_shows_dates_sentences_and_runs_nothing(
        page, tmp_path, story) -> None:
    url, requests = _open(page, tmp_path, story)
    assert page.locator("h1").inner_text().startswith("Haiti earthquake <script>")
    assert page.locator("section.entry h2").all_inner_texts() == [
        "12 January 2010", "15 January 2010", "February 2010"]
    first = page.locator("section.entry").first
    assert first.locator(".sentence").all_inner_texts() == [
        READABLE_QUAKE, "“We don't know,” the president said."]
    assert first.locator(".source").first.inner_text() == "reported in bbc, cnn (3 reports)"
    assert first.locator(".meta").inner_text() == (
        "99 articles · bbc, cnn · 138 references to this date")
    # the hostile sentence is shown as text, and nothing in it became an element or ran
    hostile = page.locator("section.entry").nth(1).locator(".sentence").nth(1).inner_text()
    assert "<script>window.__pwned = 1;" in hostile and 'onerror="window.__pwned = 2"' in hostile
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == [] and page.errors == []
    # nothing fetched but the page itself
    assert requests == [url]
    # the date links lead to their sections
    page.click("nav a >> nth=1")
    assert page.evaluate("location.hash") == "#d-2010-01-15"
    shot = screenshot(page, "story-wide")
    assert shot.stat().st_size > 10_000


def test_html_page_fits_a_phone_screen(page, tmp_path, story) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, tmp_path, story)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "story-phone")
