"""TimeML whose ``<TEXT>`` holds ``<s>`` sentence elements with nothing between them: the
sentences stay apart in the text (a tagger must not read one run-on sentence)."""

from __future__ import annotations

import pytest

from newsline.documents.timeml import parse_timeml
from newsline.errors import InputError
from newsline.timex import TimexTagger

DOC = """<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-06"
functionInDocument="CREATION_TIME">1998-02-06</TIMEX3></DCT>
<TEXT><s>Talks ended on <TIMEX3 tid="t1" type="DATE" value="1998-02-05">Thursday</TIMEX3>.</s\
><s>They resume <TIMEX3 tid="t2" type="DATE" value="1998-03">March</TIMEX3> 2.</s></TEXT></TimeML>
"""


def test_adjacent_sentence_elements_are_separated():
    doc = parse_timeml(DOC, "x.tml", "x")
    assert doc.text == "Talks ended on Thursday.\nThey resume March 2.\n"
    assert [(t.text, doc.text[t.start:t.end]) for t in doc.timexes] == [
        ("Thursday", "Thursday"), ("March", "March")]


def test_the_tagger_reads_two_sentences():
    doc = parse_timeml(DOC, "x.tml", "x")
    found = [(t.text, t.value) for t in TimexTagger().tag(doc.text, doc.dct)]
    # "Thursday.March 2" would be one run: the weekday and the date stay apart.
    assert found[0] == ("Thursday", "1998-02-05")
    assert ("March 2", "1998-03-02") in found


def test_sentence_elements_with_space_between_are_unchanged():
    spaced = DOC.replace("</s><s>", "</s> <s>")
    assert parse_timeml(spaced, "x.tml", "x").text.startswith("Talks ended on Thursday. They")


def test_an_empty_text_element_is_a_one_line_error():
    empty = DOC[:DOC.index("<TEXT>")] + "<TEXT> </TEXT></TimeML>"
    with pytest.raises(InputError, match="empty <TEXT>"):
        parse_timeml(empty, "x.tml", "x")
