"""The JSON API of ``newsline serve``: contract shapes, input kinds, errors, limits."""

from __future__ import annotations

import json
import time
import warnings

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("httpx", reason="the dev extra is not installed")

from newsline.web import create_app  # noqa: E402
from newsline.web.engine import Engine  # noqa: E402

ARTICLE = ("date 2024-03-04\nNORDEN (Valley Courier) - The river dam at Norden gave way on "
           "Saturday, flooding three villages, the regional governor said on Monday. Repairs "
           "will begin in June and take about six months.")


def _client(app, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(app, **kwargs)


@pytest.fixture(scope="module")
def client():
    """The app with the real models (loaded once for the module)."""
    with _client(create_app()) as test_client:
        yield test_client


class SlowEngine(Engine):
    """Tags nothing; burns CPU for ``seconds`` first (a stand-in for a long text)."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.ready = True

    def tag(self, docs, fmt="json"):
        end = time.monotonic() + self.seconds
        while time.monotonic() < end:
            sum(range(1000))
        return json.dumps({"documents": [d.to_dict() for d in docs]})


class CrashingEngine(Engine):
    def tag(self, docs, fmt="json"):
        raise RuntimeError("secret internal detail")


def test_tag_json_body_answers_the_contract_shape(client):
    reply = client.post("/api/tag", json={"text": "On Friday, Kim met the engineers.",
                                          "dct": "2025-12-13"})
    assert reply.status_code == 200
    doc = reply.json()["documents"][0]
    assert doc["dct"] == "2025-12-13"
    friday = doc["timexes"][0]
    assert (friday["text"], friday["type"], friday["value"]) == ("Friday", "DATE", "2025-12-12")
    for span in doc["timexes"] + doc["events"]:
        assert doc["text"][span["start"]:span["end"]] == span["text"]
    assert any(e["text"] == "met" for e in doc["events"])


def test_plain_text_body_with_a_date_header_needs_no_dct(client):
    reply = client.post("/api/tag", content=ARTICLE.encode(),
                        headers={"content-type": "text/plain; charset=utf-8"})
    assert reply.status_code == 200
    doc = reply.json()["documents"][0]
    assert doc["dct"] == "2024-03-04"
    assert not doc["text"].startswith("date")
    assert {"2024-03-02", "2024-03-04", "2024-06"} <= {t["value"] for t in doc["timexes"]}


def test_query_string_dct_overrides_the_header(client):
    reply = client.post("/api/tag?dct=2020-01-01", content=ARTICLE.encode(),
                        headers={"content-type": "text/plain"})
    assert reply.json()["documents"][0]["dct"] == "2020-01-01"


def test_uploads_in_every_input_format(client):
    tml = ('<?xml version="1.0"?><TimeML><DOCID>w1</DOCID><DCT><TIMEX3 tid="t0" '
           'type="DATE" value="2023-05-10" functionInDocument="CREATION_TIME">May 10, 2023'
           '</TIMEX3></DCT><TEXT>The talks ended yesterday.</TEXT></TimeML>')
    files = [
        ("file", ("notes.txt", b"date 2023-05-10\nThe talks ended on Tuesday.", "text/plain")),
        ("file", ("feed.jsonl", b'{"id": "j1", "text": "It rained on Monday.", '
                                b'"date": "2023-05-10", "source": "Courier"}\n', "text/plain")),
        ("file", ("wire.tml", tml.encode(), "application/xml")),
    ]
    reply = client.post("/api/tag", files=files)
    assert reply.status_code == 200, reply.text
    docs = {d["id"]: d for d in reply.json()["documents"]}
    assert set(docs) == {"notes", "j1", "wire"}
    assert docs["wire"]["timexes"][0]["value"] == "2023-05-09"
    assert docs["j1"]["source"] == "Courier"


def test_tag_as_timeml(client):
    reply = client.post("/api/tag", json={"text": ARTICLE, "format": "timeml"})
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("application/xml")
    assert '<TIMEX3 tid="t1"' in reply.text


@pytest.mark.parametrize("fmt, kind, probe", [
    ("json", "application/json", '"entries"'),
    ("md", "text/markdown", "# Timeline"),
    ("html", "text/html", "<!DOCTYPE html>"),
    ("timelinejs", "application/json", '"start_date"'),
])
def test_timeline_formats(client, fmt, kind, probe):
    reply = client.post("/api/timeline", json={"text": ARTICLE, "format": fmt})
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith(kind)
    assert probe in reply.text


def test_timeline_entries_have_the_contract_fields(client):
    entries = client.post("/api/timeline", json={"text": ARTICLE}).json()["entries"]
    assert entries
    for entry in entries:
        assert {"date", "start", "end", "event", "summary", "sentence", "actors", "source",
                "doc", "offsets"} <= set(entry)
    gave_way = next(e for e in entries if e["event"] == "gave")
    assert gave_way["date"] == "2024-03-02"


@pytest.mark.parametrize("kwargs, status, words", [
    ({"json": {"text": "The dam gave way on Saturday."}}, 400, "no publication date"),
    ({"json": {"text": "x", "dct": "2024-02-30"}}, 400, "dct: bad date"),
    ({"json": {"text": "x", "dct": "March"}}, 422, "dct"),
    ({"json": {"text": ARTICLE, "format": "pdf"}}, 422, "format"),
    ({"json": {"txt": ARTICLE}}, 422, "txt"),
    ({"json": ["a list"]}, 400, "must be an object"),
    ({"json": {}}, 400, "no text given"),
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400,
     "malformed JSON"),
    ({"content": b"\xff\xfe bad", "headers": {"content-type": "text/plain"}}, 400, "not UTF-8"),
    ({"content": b"   ", "headers": {"content-type": "text/plain"}}, 400, "empty"),
    ({"content": b"<a/>", "headers": {"content-type": "application/pdf"}}, 415,
     "unsupported content type"),
    ({"files": {"file": ("bad.json", b'{"text": "no date"}')}}, 400, "bad.json"),
    ({"files": {"file": ("latin.txt", b"date 2024-01-01\ncaf\xe9")}}, 400, "latin.txt"),
])
def test_bad_input_gets_a_json_error_with_a_message(client, kwargs, status, words):
    reply = client.post("/api/tag", **kwargs)
    assert reply.status_code == status, reply.text
    message = reply.json()["error"]
    assert words in message
    assert "Traceback" not in message and "\n" not in message


def test_body_over_the_limit_gets_413_json(client):
    reply = client.post("/api/tag", content=b"a" * (5 * 1024 * 1024 + 1),
                        headers={"content-type": "text/plain"})
    assert reply.status_code == 413
    assert "5 MB" in reply.json()["error"]


def test_streamed_body_over_the_limit_gets_413():
    app = create_app(max_body=1000, warm_up=False, engine=SlowEngine(0))

    def chunks():
        for _ in range(10):
            yield b"x" * 200

    with _client(app) as small:
        reply = small.post("/api/tag", content=chunks(), headers={"content-type": "text/plain"})
    assert reply.status_code == 413
    assert "limit" in reply.json()["error"]


def test_unknown_path_and_method_get_json_errors(client):
    assert client.get("/api/nothing").json() == {"error": "Not Found"}
    reply = client.get("/api/tag")
    assert reply.status_code == 405 and "error" in reply.json()


def test_a_crash_answers_500_json_without_the_details():
    app = create_app(warm_up=False, engine=CrashingEngine())
    with _client(app, raise_server_exceptions=False) as crashing:
        reply = crashing.post("/api/tag", json={"text": ARTICLE})
    assert reply.status_code == 500
    assert "RuntimeError" in reply.json()["error"]
    assert "secret internal detail" not in reply.text and "Traceback" not in reply.text


def test_a_request_over_the_time_limit_gets_504():
    app = create_app(warm_up=False, timeout=0.3, engine=SlowEngine(2))
    with _client(app) as slow:
        started = time.monotonic()
        reply = slow.post("/api/tag", json={"text": ARTICLE})
    assert reply.status_code == 504
    assert "longer than 0.3 s" in reply.json()["error"]
    assert time.monotonic() - started < 10


def test_requests_beyond_the_queue_get_503():
    app = create_app(warm_up=False, max_pending=0, engine=SlowEngine(0))
    with _client(app) as full:
        reply = full.post("/api/tag", json={"text": ARTICLE})
    assert reply.status_code == 503
    assert "busy" in reply.json()["error"]


def test_health(client):
    assert client.get("/api/health").json()["status"] == "ok"
    assert client.get("/api/health").json()["models_loaded"] is True


def test_openapi_schema_documents_the_api(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/tag", "/api/timeline", "/api/story", "/api/health", "/api/entries",
                 "/api/stories"):
        assert path in paths
    filters = {p["name"] for p in paths["/api/entries"]["get"]["parameters"]}
    assert {"from", "to", "actor", "source", "text", "limit", "offset", "format"} <= filters
    body = paths["/api/tag"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/plain", "multipart/form-data"} <= set(body)
    assert "dct" in body["application/json"]["schema"]["properties"]
    answers = paths["/api/tag"]["post"]["responses"]
    assert {"200", "400", "413", "504"} <= set(answers)
    assert "TagResponse" in schema["components"]["schemas"]
    assert "TimelineEntry" in schema["components"]["schemas"]


def test_no_page_loads_assets_from_elsewhere(client):
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN
    page = client.get("/")
    assert "http://" not in page.text.replace("http://127.0.0.1", "")
    assert "https://" not in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy


def _norden_articles() -> list[dict]:
    from pathlib import Path

    path = Path(__file__).resolve().parent / "web" / "norden.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_story_of_posted_articles(client):
    pytest.importorskip("newsline.story.builder", reason="no story builder in this version")
    reply = client.post("/api/story", json={"articles": _norden_articles()})
    assert reply.status_code == 200, reply.text
    story = reply.json()
    assert story["story"]["articles"] == 6
    assert story["story"]["outlets"] == ["Daily Post", "North Herald", "Valley Courier"]
    assert story["entries"][0]["date"] == "2024-03-02"
    for entry in story["entries"]:
        for sentence in entry["sentences"]:
            assert {"text", "doc", "source", "start", "end", "reports"} <= set(sentence)


def test_story_options_and_formats(client):
    pytest.importorskip("newsline.story.builder", reason="no story builder in this version")
    body = {"articles": _norden_articles(), "from": "2024-03-03", "to": "2024-03-31",
            "dates": 2, "format": "md"}
    reply = client.post("/api/story", json=body)
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("text/markdown")
    assert "2024-03-02" not in reply.text.split("\n## ", 1)[-1]
    upload = client.post("/api/story", files={"file": ("norden.jsonl", "\n".join(
        json.dumps(a) for a in _norden_articles()).encode())})
    assert upload.status_code == 200 and upload.json()["story"]["articles"] == 6


@pytest.mark.parametrize("body, words", [
    ({"articles": [{"text": "The dam gave way.", "date": "someday"}]}, "articles[0]"),
    ({"articles": []}, "articles"),
    ({"articles": [{"date": "2024-03-02"}]}, "text"),
])
def test_bad_story_requests(client, body, words):
    reply = client.post("/api/story", json=body)
    assert reply.status_code in (400, 422)
    assert words in reply.json()["error"]


def test_the_server_answers_while_a_text_is_being_tagged():
    """CPU-bound tagging runs on the worker thread: a health check does not wait for it."""
    import threading
    import urllib.request

    from conftest import LiveServer

    with LiveServer(create_app(warm_up=False, engine=SlowEngine(3))) as server:
        body = json.dumps({"text": ARTICLE}).encode()
        request = urllib.request.Request(server.url + "/api/tag", data=body,
                                         headers={"content-type": "application/json"})
        slow = threading.Thread(target=lambda: urllib.request.urlopen(request, timeout=60).read())
        slow.start()
        time.sleep(0.5)
        started = time.monotonic()
        with urllib.request.urlopen(server.url + "/api/health", timeout=10) as reply:
            assert json.loads(reply.read())["status"] == "ok"
        waited = time.monotonic() - started
        slow.join()
    assert waited < 1.5, f"health check waited {waited:.2f} s behind the tagging"


def test_a_job_over_the_time_limit_is_stopped_and_the_next_one_served():
    """The models live in a worker process: a job past the limit gets 504 at once and its
    process is ended (the work does not go on); a new worker serves the next request."""
    app = create_app(timeout=3)
    with _client(app) as limited:
        runner = app.state.runner
        first = runner.process.pid
        started = time.monotonic()
        reply = limited.post("/api/tag", json={"text": ARTICLE + "\n" + ARTICLE[16:] * 4000})
        assert reply.status_code == 504
        assert time.monotonic() - started < 15
        assert runner.process is None or runner.process.pid != first
        deadline = time.monotonic() + 180
        while not limited.get("/api/health").json()["models_loaded"]:
            assert time.monotonic() < deadline, "no new worker"
            time.sleep(0.2)
        reply = limited.post("/api/tag", json={"text": ARTICLE})
        assert reply.status_code == 200
        assert runner.restarts == 1


def test_models_are_loaded_once_not_per_request(client):
    runner = client.app.state.runner
    pid = runner.process.pid
    for _ in range(3):
        assert client.post("/api/tag", json={"text": ARTICLE}).status_code == 200
    assert runner.process.pid == pid and runner.restarts == 0


class ReadingEngine(Engine):
    """Reads the posted documents and tags nothing."""

    def timeline(self, docs):
        return []


def test_a_long_pasted_text_in_the_page_form_is_read():
    """A form field over a megabyte (a long article pasted in the page) is accepted up to
    the body limit."""
    text = ARTICLE + "\n\nThe dam gave way on Saturday." * 40_000
    assert len(text) > 1024 * 1024
    with _client(create_app(engine=ReadingEngine(), warm_up=False)) as reading:
        reply = reading.post("/", data={"text": text})
    assert reply.status_code == 200, reply.text[:300]
    assert "No dated events found" in reply.text


def test_serve_binds_to_this_machine_by_default():
    from newsline.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.db) == ("127.0.0.1", 8000, None)
    assert args.max_body == 5.0 and args.timeout == 60.0


def test_serve_refuses_a_missing_store(tmp_path, capsys):
    from newsline.cli import main

    assert main(["serve", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "no such store" in capsys.readouterr().err
