"""Giving a system's timexes and events the ids of the gold ones they match.

Temporal awareness compares graphs by node id. In TempEval-3 task ABC the system finds its
own timexes and events, so before scoring its links each system node takes the id of the
gold node it pairs with (relaxed, one-to-one, as the timex and event metrics pair them);
nodes without a gold partner get ids no gold node has, so links through them count against
the system.
"""

from __future__ import annotations

from dataclasses import replace

from newsline.documents.model import Document, Link
from newsline.evaluation.timex_metrics import match_timexes

DCT_ID = "t0"


def align_to_gold(gold: Document, system: Document) -> Document:
    """A copy of ``system`` whose timex, event and link ids follow ``gold``'s."""
    renamed: dict[str, str] = {DCT_ID: DCT_ID}
    for gold_items, system_items, prefix in ((gold.timexes, system.timexes, "t"),
                                             (gold.events, system.events, "e")):
        _strict, relaxed = match_timexes(gold_items, system_items)  # spans only
        paired = {s: g for g, s in relaxed}
        for index, item in enumerate(system_items):
            if index in paired:
                renamed[item.id] = gold_items[paired[index]].id
            else:
                renamed[item.id] = f"{prefix}_unmatched_{index}"
    return replace(
        system,
        timexes=[replace(t, id=renamed[t.id]) for t in system.timexes],
        events=[replace(e, id=renamed[e.id]) for e in system.events],
        links=[Link(link.rel, renamed.get(link.source, link.source),
                    renamed.get(link.target, link.target), link.type)
               for link in system.links],
    )
