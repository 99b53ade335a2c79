"""The store side of the web app: ``/api/entries``, ``/api/stories`` and the story pages,
read-only, beside a running ingest."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("duckdb", reason="the store needs duckdb")
store_module = pytest.importorskip("newsline.store", reason="no store in this version")

try:
    import newsline.story.builder  # noqa: F401
    HAS_STORY = True
except ImportError:
    HAS_STORY = False
needs_story = pytest.mark.skipif(not HAS_STORY, reason="no story builder in this version")

from conftest import LiveServer, screenshot  # noqa: E402
from newsline.documents import iter_documents  # noqa: E402
from newsline.web import create_app  # noqa: E402

NORDEN = Path(__file__).resolve().parent / "web" / "norden.jsonl"
OUTLETS = ["Daily Post", "North Herald", "Valley Courier"]


def _client(app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(app)


@pytest.fixture(scope="module")
def norden_db(tmp_path_factory) -> Path:
    """A store of six made-up articles by three outlets about a dam that gave way."""
    db = tmp_path_factory.mktemp("store") / "norden.duckdb"
    store_module.ingest(iter_documents([str(NORDEN)]), str(db))
    return db


@pytest.fixture(scope="module")
def client(norden_db):
    with _client(create_app(norden_db)) as test_client:
        yield test_client


def test_entries_with_the_filters_of_query(client):
    everything = client.get("/api/entries").json()
    assert everything["total"] == len(everything["entries"]) > 5
    march = client.get("/api/entries", params={"from": "2024-03-03", "to": "2024-03-31"}).json()
    assert march["entries"] and all("2024-03-03" <= (e["start"] or e["end"]) <= "2024-03-31"
                                     for e in march["entries"])
    assert march["total"] < everything["total"]
    post = client.get("/api/entries", params={"source": "daily post"}).json()
    assert post["entries"] and {e["outlet"] for e in post["entries"]} == {"Daily Post"}
    words = client.get("/api/entries", params={"text": "inquiry"}).json()
    assert words["entries"] and all("inquiry" in (e["sentence"] + e["summary"]).lower()
                                    for e in words["entries"])


def test_entries_are_paged(client):
    first = client.get("/api/entries", params={"limit": 2}).json()
    second = client.get("/api/entries", params={"limit": 2, "offset": 2}).json()
    assert len(first["entries"]) == 2 and first["total"] > 4
    assert first["entries"] != second["entries"]


def test_entries_as_markdown(client):
    reply = client.get("/api/entries", params={"format": "md", "source": "North Herald"})
    assert reply.status_code == 200 and reply.text.startswith("# ")


@needs_story
def test_story_of_the_store(client):
    story = client.get("/api/stories").json()
    assert story["story"]["articles"] == 6
    assert story["story"]["outlets"] == OUTLETS
    first = story["entries"][0]
    assert first["date"] == "2024-03-02"
    assert first["articles"] >= 2
    sources = {s["source"] for s in first["sentences"]} | {
        r["source"] for s in first["sentences"] for r in s["reports"]}
    assert len(sources) >= 2  # one happening, several outlets


@needs_story
def test_story_filters(client):
    post = client.get("/api/stories", params={"source": "Daily Post"}).json()
    assert post["story"]["outlets"] == ["Daily Post"]
    assert all(e["outlets"] == ["Daily Post"] for e in post["entries"])
    march = client.get("/api/stories", params={"from": "2024-03-03",
                                               "to": "2024-03-31"}).json()
    assert march["entries"] and all("2024-03-03" <= e["date"] <= "2024-03-31"
                                    for e in march["entries"])
    dahl = client.get("/api/stories", params={"actor": "Erik Dahl"}).json()
    assert 0 < dahl["story"]["articles"] < 6


@pytest.mark.parametrize("params, status, words", [
    ({"from": "March"}, 422, "from"),
    ({"from": "2024-02-30"}, 400, "bad date"),
    ({"from": "2024-05-01", "to": "2024-04-01"}, 400, "ends before it starts"),
    ({"limit": 0}, 422, "limit"),
    ({"format": "pdf"}, 422, "format"),
])
def test_bad_filters_get_json_errors(client, params, status, words):
    reply = client.get("/api/entries", params=params)
    assert reply.status_code == status
    assert words in reply.json()["error"]


def test_without_a_store_the_store_api_answers_404():
    with _client(create_app(warm_up=False)) as bare:
        reply = bare.get("/api/stories")
        assert reply.status_code == 404 and "--db" in reply.json()["error"]
        assert "newsline serve --db" in bare.get("/stories").text


def test_the_store_is_opened_read_only(norden_db, monkeypatch):
    """Every store access of the jobs (here on a thread of this process, to watch them)
    opens the store read-only."""
    from newsline.web.engine import Engine

    opened = []
    real_open = store_module.Store.open.__func__

    def spy(cls, path, read_only=False, wait=None):
        opened.append(read_only)
        return real_open(cls, path, read_only=read_only, wait=wait)

    monkeypatch.setattr(store_module.Store, "open", classmethod(spy))
    with _client(create_app(norden_db, engine=Engine(), warm_up=False)) as client:
        assert client.get("/api/entries").status_code == 200
        assert client.get("/api/entries", params={"actor": "Lind"}).status_code == 200
        if HAS_STORY:
            assert client.get("/api/stories", params={"text": "dam"}).status_code == 200
            assert client.get("/stories", params={"source": "North Herald"}).status_code == 200
    assert len(opened) >= 2 and all(opened)


@needs_story
def test_story_page_lists_dates_sentences_and_sources(client):
    page = client.get("/stories").text
    assert "2 March 2024" in page
    assert page.count('class="outlet"') >= 6
    assert "Valley Courier" in page and "North Herald" in page


def test_concurrent_ingest_leaves_the_store_whole(tmp_path, norden_db):
    """Readers hammer the API while ``newsline ingest`` writes more articles in another
    process: every answer is whole (200, or 503 while waiting on a batch), the ingest
    finishes, and every article is stored once."""
    db = tmp_path / "busy.duckdb"
    db.write_bytes(norden_db.read_bytes())
    extra = tmp_path / "more.jsonl"
    lines = []
    for i in range(40):
        lines.append(json.dumps({
            "id": f"wire-{i}", "source": "Wire", "date": f"2024-04-{1 + i % 28:02d}",
            "text": f"Report {i}: crews cleared debris near Norden on Monday, and the road "
                    f"reopened on Wednesday, the county said."}))
    extra.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with LiveServer(create_app(db)) as server:
        answers: list[int] = []
        stop = threading.Event()

        def reader() -> None:
            while not stop.is_set():
                for path in ("/api/entries?limit=5", "/api/entries?source=Wire&limit=1000"):
                    try:
                        with urllib.request.urlopen(server.url + path, timeout=60) as reply:
                            json.loads(reply.read())
                            answers.append(reply.status)
                    except urllib.error.HTTPError as err:
                        json.loads(err.read())
                        answers.append(err.code)

        threads = [threading.Thread(target=reader) for _ in range(2)]
        for thread in threads:
            thread.start()
        started = time.monotonic()
        ingest = subprocess.run(
            [sys.executable, "-c", "import sys; from newsline.cli import main; "
             "sys.exit(main(sys.argv[1:]))", "ingest", str(extra), "--db", str(db),
             "--batch-size", "8", "--quiet"], capture_output=True, text=True, timeout=600)
        while time.monotonic() - started < 2:
            time.sleep(0.1)
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        final = json.loads(urllib.request.urlopen(
            server.url + "/api/entries?source=Wire&limit=1000", timeout=60).read())
    assert ingest.returncode == 0, ingest.stderr
    assert answers and set(answers) <= {200, 503}
    assert answers.count(200) > 0
    with store_module.Store.open(db, read_only=True) as store:
        summary = store.summary()
        ids = [d.id for d in store.documents()]
    assert summary["documents"] == 46
    assert len(ids) == len(set(ids)) == 46
    assert len({e["doc"] for e in final["entries"]}) == 40


@needs_story
def test_story_filter_in_the_browser(norden_db, page):
    with LiveServer(create_app(norden_db)) as server:
        page.goto(server.url + "/stories")
        assert page.locator("article.day").count() >= 4
        page.select_option("#source", "North Herald")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**source=North+Herald**")
        days = page.locator("article.day")
        assert days.count() >= 1
        for facts in page.locator("article.day h2 .facts").all_inner_texts():
            assert "North Herald" in facts and "Daily Post" not in facts
        assert page.locator("#source").input_value() == "North Herald"
        screenshot(page, "stories-filtered")
        page.fill("#actor", "Anna Lind")
        page.select_option("#source", "")
        page.locator("#actor").press("Enter")
        page.wait_for_url("**actor=Anna+Lind**")
        assert page.locator("article.day").count() >= 1
        assert page.errors == []
        screenshot(page, "stories-actor")


@needs_story
def test_hostile_stored_text_is_shown_never_run(tmp_path, page):
    records = [{"id": f"h{i}", "date": "2024-03-04", "source": "<b onmouseover=alert(1)>Evil</b>",
                "text": "<script>window.__pwned = 1</script> The dam at Norden gave way on "
                        "Saturday, <img src=x onerror='window.__pwned = 2'> officials said."}
               for i in range(2)]
    feed = tmp_path / "hostile.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = tmp_path / "hostile.duckdb"
    store_module.ingest(iter_documents([str(feed)]), str(db))
    with LiveServer(create_app(db)) as server:
        page.goto(server.url + "/stories")
        page.wait_for_timeout(300)
        assert page.dialogs == [] and page.errors == []
        assert page.evaluate("window.__pwned") is None
        assert page.locator("main script, main img, main b").count() == 0
        assert "<b onmouseover=alert(1)>Evil</b>" in page.locator("main").inner_text()
