"""The pages in a real browser (Debian's chromium driven by Playwright): paste an article,
see its marks and timeline, keyboard use, hostile text; screenshots go to tests/artifacts."""

from __future__ import annotations

import pytest

from conftest import screenshot, write_file

pytest.importorskip("fastapi", reason="the web extra is not installed")

ARTICLE = """date 2024-03-04
NORDEN (Valley Courier) - The river dam at Norden gave way on Saturday, flooding three
villages, the regional governor said on Monday.

Rescue teams reached the last stranded families on Sunday evening. The dam was built in
1962 and was last inspected in May 2019, according to the water authority.

Repairs will begin in June and take about six months, officials said."""

HOSTILE = ('date 2024-03-04\nThe mayor resigned on Friday. <script>window.__pwned = 1;'
           'alert("x")</script> "<img src=x onerror=\'window.__pwned = 2\'>" was posted on '
           'Saturday. <a href="javascript:window.__pwned=3">link</a> <svg onload="alert(4)">')


def _submit(page, url: str, text: str) -> None:
    page.goto(url + "/")
    page.fill("#text", text)
    page.click("button[type=submit]")
    page.wait_for_selector(".result")


def test_pasted_article_shows_marks_and_timeline(live_server, page):
    _submit(page, live_server.url, ARTICLE)
    timexes = page.locator(".text mark.timex")
    texts = timexes.all_inner_texts()
    assert {"Saturday", "Monday", "June"} <= set(texts)
    saturday = timexes.nth(texts.index("Saturday"))
    assert "2024-03-02" in saturday.get_attribute("title")
    assert "event" in page.locator(".text mark.event").first.get_attribute("title")
    entries = page.locator("ol.timeline li.entry")
    assert entries.count() >= 3
    dates = page.locator("ol.timeline .when time").all_inner_texts()
    assert "2 March 2024" in dates
    assert page.locator(".axis .dot").count() >= 3
    # entries are drawn in date order on the axis
    lefts = [float(d.get_attribute("style").split(":")[1].strip(" %;"))
             for d in page.locator(".axis .dot").all()]
    assert lefts == sorted(lefts)
    assert page.errors == []
    screenshot(page, "article-wide")


def test_article_view_on_a_phone(live_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        _submit(phone, live_server.url, ARTICLE)
        text_box = phone.locator(".article-col").bounding_box()
        line_box = phone.locator(".timeline-col").bounding_box()
        assert line_box["y"] > text_box["y"] + text_box["height"] - 1  # stacked, not squeezed
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(phone, "article-phone")
    finally:
        context.close()


def test_keyboard_reaches_the_form_marks_and_entries(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.focus("#text")
    page.keyboard.type(ARTICLE.replace("\n", " ").replace("date 2024-03-04 ", ""))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "dct"
    page.fill("#dct", "2024-03-04")
    page.focus("button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".result")
    mark = page.locator(".text mark.listed").first
    mark.focus()
    tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert "on the timeline" in tip
    page.keyboard.press("Enter")  # jumps to its timeline entry
    focused = page.evaluate("document.activeElement.closest('li.entry') !== null")
    assert focused
    screenshot(page, "article-keyboard-focus", full_page=False)


def test_upload_a_file(live_server, page, tmp_path):
    path = write_file(tmp_path / "courier.txt", ARTICLE)
    page.goto(live_server.url + "/")
    page.set_input_files("#file", str(path))
    page.click("button[type=submit]")
    page.wait_for_selector(".result")
    assert page.locator(".doc h3").first.inner_text().startswith("courier")
    assert page.locator("ol.timeline li.entry").count() >= 3


def test_bad_input_shows_a_message_on_the_page(live_server, page):
    _submit_error = page.goto(live_server.url + "/")
    assert _submit_error.ok
    page.fill("#text", "No date anywhere in this text.")
    page.click("button[type=submit]")
    alert = page.locator("[role=alert]")
    alert.wait_for()
    assert "no publication date" in alert.inner_text()
    assert page.locator("#text").input_value() == "No date anywhere in this text."


def test_hostile_text_is_shown_never_run(live_server, page):
    _submit(page, live_server.url, HOSTILE)
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.errors == []
    assert page.evaluate("window.__pwned") is None
    shown = page.locator(".text").inner_text()
    assert "<script>" in shown and "onerror=" in shown
    assert page.locator(".text script, .text img, .text svg, .text a").count() == 0
    screenshot(page, "article-hostile")


def test_hostile_text_through_the_api_page_formats(live_server, page):
    import json
    import urllib.request

    body = json.dumps({"text": HOSTILE, "format": "html"}).encode()
    request = urllib.request.Request(live_server.url + "/api/timeline", data=body,
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        html = reply.read().decode()
    page.set_content(html)
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.evaluate("window.__pwned") is None


def test_hostile_text_in_a_story_page_format(live_server, page):
    pytest.importorskip("newsline.story.builder", reason="no story builder in this version")
    import json
    import urllib.request

    articles = [{"id": f"x{i}", "date": "2024-03-04", "source": '<img src=x onerror="alert(1)">',
                 "text": HOSTILE.split("\n", 1)[1] + " The dam gave way on Saturday."}
                for i in range(3)]
    body = json.dumps({"articles": articles, "format": "html"}).encode()
    request = urllib.request.Request(live_server.url + "/api/story", data=body,
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as reply:
        html = reply.read().decode()
    page.set_content(html)
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.evaluate("window.__pwned") is None


def test_story_of_uploaded_articles(live_server, page):
    pytest.importorskip("newsline.story.builder", reason="no story builder in this version")
    from pathlib import Path

    norden = Path(__file__).resolve().parent / "web" / "norden.jsonl"
    page.goto(live_server.url + "/stories")
    page.set_input_files("#story-files", str(norden))
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("article.day")
    assert page.locator("article.day").count() >= 4
    assert "3 outlets" in page.locator(".story-head .facts").inner_text()
    screenshot(page, "stories-uploaded")
    page.set_input_files("#story-files", str(norden))
    page.fill("#source", "Daily Post")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("article.day")
    for facts in page.locator("article.day h2 .facts").all_inner_texts():
        assert "Daily Post" in facts and "North Herald" not in facts
    assert page.locator("#source").input_value() == "Daily Post"
    assert page.errors == []


def test_story_upload_without_files_says_so(live_server, page):
    page.goto(live_server.url + "/stories")
    page.evaluate("document.getElementById('story-files').removeAttribute('required')")
    page.click("form.filters button[type=submit]")
    alert = page.locator("[role=alert]")
    alert.wait_for()
    assert "no articles uploaded" in alert.inner_text()
