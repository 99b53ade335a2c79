"""The dependency-parse helpers behind the relation features (newsline.relations.syntax)."""

from __future__ import annotations

from newsline.documents.model import Document, Event, Timex
from newsline.relations import DocContext
from newsline.relations.features import candidates, features

TEXT = "The company said on Monday that it sold the unit after the merger."


def _doc() -> Document:
    def ev(word: str, eid: str, cls: str, tense: str, pos: str) -> Event:
        start = TEXT.index(word)
        return Event(start=start, end=start + len(word), text=word, cls=cls, tense=tense,
                     aspect="NONE", pos=pos, id=eid)

    return Document(
        id="d", text=TEXT, dct="2013-03-21",
        events=[ev("said", "e1", "REPORTING", "PAST", "VERB"),
                ev("sold", "e2", "OCCURRENCE", "PAST", "VERB"),
                ev("merger", "e3", "OCCURRENCE", "NONE", "NOUN")],
        timexes=[Timex(start=20, end=26, text="Monday", type="DATE", value="2013-03-18",
                       id="t1")],
    )


def test_heads_paths_and_government() -> None:
    ctx = DocContext.build(_doc())
    parse, m = ctx.parse, ctx.by_id
    assert parse is not None
    said, sold, merger, monday = (m[k].head for k in ("e1", "e2", "e3", "t1"))
    assert None not in (said, sold, merger, monday)
    assert parse.path(said, sold) == "|vccomp"
    assert parse.governs(said, sold) == ["direct:ccomp", "mark:that"]
    assert parse.governs(said, monday) == ["prep:on"]
    assert parse.governs(sold, merger) == ["prep:after"]
    assert parse.governing_verb(merger) == sold


def test_pair_features_carry_the_parse() -> None:
    ctx = DocContext.build(_doc())
    cache: dict[str, list[str]] = {}
    by_pair = {(c.kind, c.source.id, c.target.id if c.target else "t0"): features(ctx, c, cache)
               for c in candidates(ctx)}
    assert "clause=ab:ccomp" in by_pair[("EE", "e1", "e2")]
    assert "gov_ab=prep:on" in by_pair[("ET", "e1", "t1")]
    assert "rep_gov=PAST" in by_pair[("ED", "e2", "t0")]
    assert "gv=sell" in by_pair[("ED", "e3", "t0")]


def test_without_parse_no_syntax_features() -> None:
    ctx = DocContext.build(_doc(), parse=False)
    cache: dict[str, list[str]] = {}
    feats = [f for c in candidates(ctx) for f in features(ctx, c, cache)]
    assert not any(f.startswith(("dpath=", "dep=", "gov_")) for f in feats)
