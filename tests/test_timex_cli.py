"""``--mode news|narrative`` and ``--dct none`` on the command line (any command that reads
documents): the timex stage anchors dates without a year as asked."""

from __future__ import annotations

import json

import pytest

from newsline.cli import main

HISTORY = ("In 1940 the war spread west. In June, France fell. The following year, Germany "
           "invaded the Soviet Union. In late September, Kiev fell.\n")


@pytest.fixture
def history(tmp_path):
    path = tmp_path / "history.txt"
    path.write_text("date 2009-11-15\n" + HISTORY, encoding="utf-8")
    return path


def _values(capsys, *argv) -> tuple[str | None, list[tuple[str, str]]]:
    assert main(["tag", *argv, "--only", "timex"]) == 0
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    return doc["dct"], [(t["text"], t["value"]) for t in doc["timexes"]]


def test_mode_news_counts_from_the_publication_date(history, capsys):
    _dct, values = _values(capsys, str(history), "--mode", "news")
    assert ("June", "2009-06") in values


def test_mode_narrative_counts_from_the_date_in_focus(history, capsys):
    _dct, values = _values(capsys, str(history), "--mode", "narrative")
    assert values == [("1940", "1940"), ("June", "1940-06"), ("The following year", "1941"),
                      ("late September", "1941-09")]


def test_dct_none_drops_the_date_and_resolves_against_the_text(history, capsys):
    dct, values = _values(capsys, str(history), "--dct", "none")
    assert dct is None
    assert ("June", "1940-06") in values and ("late September", "1941-09") in values


def test_dct_none_reads_an_undated_text_and_leaves_unknowns_only_unanchored(tmp_path, capsys):
    path = tmp_path / "undated.txt"
    path.write_text("In June the river rose. In 1927 it flooded the town; in May the water "
                    "fell.\n", encoding="utf-8")
    _dct, values = _values(capsys, str(path), "--dct", "none")
    assert values == [("June", "XXXX-06"), ("1927", "1927"), ("May", "1927-05")]


def test_an_unknown_mode_is_refused(history, capsys):
    with pytest.raises(SystemExit):
        main(["tag", str(history), "--mode", "poetry"])
