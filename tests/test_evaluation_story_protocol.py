"""The story-timeline protocol on a small made-up folder laid out like Timeline17, and
``newsline eval story``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_file
from newsline.cli import main
from newsline.evaluation.story_protocol import (
    SYSTEMS,
    baseline,
    find_cases,
    in_window,
    read_articles,
    run_protocol,
)

ARTICLES = [
    {"id": "a1", "date": "2010-01-11", "text": "Too early .\nIgnored .", "source": "bbc"},
    {"id": "a2", "date": "2010-01-12", "text": "Earthquake hits Haiti .\nPort damaged .\n"
                                                "Third line .", "source": "bbc"},
    {"id": "a3", "date": "2010-01-12", "text": "Second article of the day .", "source": "cnn"},
    {"id": "a4", "date": "2010-01-13", "text": "", "source": "bbc"},
    {"id": "a9", "date": "2010-01-13", "text": "Aftershock .\nSecond .", "source": "cnn"},
    {"id": "a5", "date": "2010-01-14", "text": "Aid arrives in Port-au-Prince .\nMore .",
     "source": "bbc"},
    {"id": "a6", "date": "2010-01-15", "text": "Rescue teams search rubble .", "source": "cnn"},
    {"id": "a7", "date": "2010-01-15", "text": "Toll rises .", "source": "bbc"},
    {"id": "a8", "date": "2010-01-20", "text": "Too late .", "source": "bbc"},
]
GOLD = [
    {"date": "2010-01-14", "sentences": ["Old block ."]},
    {"date": "2010-01-12", "sentences": ["Earthquake hits Haiti .", "Port damaged ."]},
    {"date": "2010-01-14", "sentences": ["Aid arrives .", "Airport opens .", "Troops land ."]},
    {"date": "2010-01-15", "sentences": ["Toll rises ."]},
]


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    write_file(tmp_path / "haiti" / "articles.jsonl", _jsonl(ARTICLES))
    write_file(tmp_path / "haiti" / "timelines" / "bbc.jsonl", _jsonl(GOLD))
    write_file(tmp_path / "README.md", "not a story")
    return tmp_path


def test_a_date_in_two_blocks_keeps_the_later_block(folder: Path) -> None:
    (case,) = find_cases(folder)
    assert case.label == "haiti/bbc"
    assert case.gold["2010-01-14"] == ["Aid arrives .", "Airport opens .", "Troops land ."]
    assert (case.start, case.end) == ("2010-01-12", "2010-01-15")
    assert case.dates == 3
    assert case.sentences == 2  # round((2 + 3 + 1) / 3)


def test_articles_are_read_skipping_empty_texts_and_cut_to_the_window(folder: Path) -> None:
    skipped = []
    docs = read_articles(folder / "haiti" / "articles.jsonl", skipped.append)
    assert [d.id for d in docs] == ["a1", "a2", "a3", "a9", "a5", "a6", "a7", "a8"]
    assert skipped
    assert docs[1].meta["source"] == "bbc" and docs[1].dct == "2010-01-12"
    (case,) = find_cases(folder)
    assert [d.id for d in in_window(docs, case)] == ["a2", "a3", "a9", "a5", "a6", "a7"]


def test_baseline_takes_busiest_days_and_first_lines_of_their_first_article(
        folder: Path) -> None:
    (case,) = find_cases(folder)
    docs = in_window(read_articles(folder / "haiti" / "articles.jsonl"), case)
    timeline = baseline(docs, case)
    # 12th and 15th have two articles, the 13th and 14th one each (the earlier day wins)
    assert timeline == {
        "2010-01-12": ["Earthquake hits Haiti .", "Port damaged ."],
        "2010-01-13": ["Aftershock .", "Second ."],
        "2010-01-15": ["Rescue teams search rubble ."],
    }


def test_run_protocol_gives_the_system_the_window_l_and_k(folder: Path) -> None:
    seen = {}

    def oracle(docs, case):
        seen.update(ids=[d.id for d in docs], l=case.dates, k=case.sentences)
        return case.gold

    result = run_protocol(folder, ["oracle", "baseline"],
                          registry={"oracle": oracle, "baseline": SYSTEMS["baseline"]})
    assert seen == {"ids": ["a2", "a3", "a9", "a5", "a6", "a7"], "l": 3, "k": 2}
    (case,) = result.cases
    assert case.scores["oracle"].dates.f1 == 1.0
    assert case.scores["oracle"].align[2].f1 == pytest.approx(1.0)
    assert case.scores["baseline"].dates.f1 == pytest.approx(2 / 3)
    assert 0 < case.scores["baseline"].align[1].f1 < 1.0
    assert case.returned["baseline"] == (3, 5)


def test_cli_eval_story_baseline_json(folder: Path, capsys) -> None:
    code = main(["eval", "story", str(folder), "--system", "baseline", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    (row,) = data["timelines"]
    assert (row["timeline"], row["dates"], row["sentences"], row["articles"]) == (
        "bbc", 3, 2, 6)
    assert row["baseline"]["date"]["f1"] == pytest.approx(2 / 3)
    assert data["average"]["baseline"]["date"]["f1"] == pytest.approx(2 / 3)
    assert set(data["average"]) == {"baseline"}


def test_cli_eval_story_table(folder: Path, capsys) -> None:
    code = main(["eval", "story", str(folder), "--system", "baseline"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "haiti/bbc" in out and "AR1 m:1" in out and "average of 1" in out


def test_cli_eval_story_missing_folder_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    code = main(["eval", "story", str(tmp_path / "nothing"), "--system", "baseline"])
    _, err = capsys.readouterr()
    assert code == 2 and "nothing" in err and "Traceback" not in err
