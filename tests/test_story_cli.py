"""``newsline story`` on a small JSONL file and a small folder written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsline.cli import main

ARTICLES = [
    {"id": "a1", "date": "2024-03-02", "source": "outlet-a",
     "text": "The river dam at Norden gave way on Saturday , flooding three villages .\n"
             "Rescue teams worked through the night .\nThe mayor spoke to reporters .\n"},
    {"id": "b1", "date": "2024-03-02", "source": "outlet-b",
     "text": "The river dam at Norden gave way on Saturday , flooding three villages .\n"
             "Hundreds of people were taken to schools .\nOfficials promised an inquiry .\n"},
    {"id": "a2", "date": "2024-03-10", "source": "outlet-a",
     "text": "An inquiry into the Norden dam collapse opened on Monday .\n"
             "The dam gave way on March 2 , flooding three villages .\n"
             "Engineers said cracks were seen in January .\n"},
    {"id": "b2", "date": "2024-03-20", "source": "outlet-b",
     "text": "Norden villagers returned home on Wednesday , weeks after the dam gave way .\n"
             "The collapse of the dam on 2 March flooded three villages .\n"
             "Repairs will start in the summer .\n"},
]


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps(a) for a in ARTICLES]
    lines.insert(2, json.dumps({"id": "empty", "date": "2024-03-05", "text": ""}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_story_json_from_a_jsonl_file(jsonl: Path, capsys) -> None:
    status, out, _ = _run(capsys, "story", str(jsonl), "--dates", "2", "--keep-going")
    assert status == 0
    data = json.loads(out)
    assert data["story"]["articles"] == 4
    assert data["story"]["outlets"] == ["outlet-a", "outlet-b"]
    dates = [e["date"] for e in data["entries"]]
    assert len(dates) == 2 and "2024-03-02" in dates and dates == sorted(dates)
    texts = {a["id"]: a["text"] for a in ARTICLES}
    for entry in data["entries"]:
        for s in entry["sentences"]:
            assert texts[s["doc"]][s["start"]:s["end"]] == s["text"]


def test_sentences_option_limits_each_date(jsonl: Path, capsys) -> None:
    _, out, _ = _run(capsys, "story", str(jsonl), "--dates", "3", "--sentences", "1",
                     "--keep-going")
    assert all(len(e["sentences"]) == 1 for e in json.loads(out)["entries"])


def test_from_to_and_query(jsonl: Path, capsys) -> None:
    _, out, _ = _run(capsys, "story", str(jsonl), "--from", "2024-03-05", "--to", "2024-03-31",
                     "--keep-going")
    dates = [e["date"] for e in json.loads(out)["entries"]]
    assert dates and all("2024-03-05" <= d <= "2024-03-31" for d in dates)
    _, out, _ = _run(capsys, "story", str(jsonl), "--query", "villagers", "--keep-going")
    data = json.loads(out)
    assert data["story"]["articles"] == 1
    assert {s["doc"] for e in data["entries"] for s in e["sentences"]} == {"b2"}


def test_markdown_to_a_file_from_a_folder(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for a in ARTICLES:
        (folder / f"{a['id']}.txt").write_text(f"date {a['date']}\n{a['text']}", encoding="utf-8")
    out_file = tmp_path / "story.md"
    status, out, _ = _run(capsys, "story", str(folder), "--format", "md", "--dates", "2",
                          "-o", str(out_file))
    assert status == 0 and out == ""
    md = out_file.read_text(encoding="utf-8")
    assert "## 2 March 2024" in md and "Norden" in md


def test_a_bad_date_option_is_refused(jsonl: Path, capsys) -> None:
    with pytest.raises(SystemExit) as err:
        main(["story", str(jsonl), "--from", "March"])
    assert err.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_a_missing_file_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    status, _, err = _run(capsys, "story", str(tmp_path / "nope.jsonl"))
    assert status == 2
    assert "nope.jsonl" in err and len(err.strip().splitlines()) == 1
