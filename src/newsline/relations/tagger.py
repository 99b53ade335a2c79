"""The relation stage: TLINKs between a document's events, timexes and its DCT.

:class:`RelationTagger` reads a Document's ``events`` and ``timexes`` (gold ones for
TempEval-3 task C, else the system's) and writes its TLINKs into ``links``. For each
candidate pair (see :mod:`newsline.relations.features`) the classifier of the pair's kind
gives a probability to each relation and to ``NONE`` ("the gold annotation would not
entail any relation here"); the pair gets a link with the most probable relation when that
relation's probability reaches the kind's threshold. With ``timex_dct`` (off in the
committed model: it scored lower on dev), timex–DCT links come from a rule, the timex
value against the DCT date. The links are then added to a point-algebra closure
most confident first, and a link that contradicts the ones before it is left out, so that
the output is always consistent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsline.documents.model import Document, Link
from newsline.evaluation.tlink_metrics import DCT_ID, TemporalGraph
from newsline.relations.context import DocContext
from newsline.relations.features import Candidate, candidates, features
from newsline.relations.learner import LogisticModel

__all__ = ["DEFAULT_MODEL", "RelationModel", "RelationTagger", "ScoredLink", "load_model"]

#: The committed model, relative to the package's ``resources`` folder.
DEFAULT_MODEL = "tlinks.json"
#: The committed model trained on the train part of the split only (held-out dev figures).
SPLIT_MODEL = Path(__file__).resolve().parent / "resources" / "tlinks-train-split.json"

#: Relation of a timex to the DCT from its value (see
#: :func:`newsline.documents.intervals.compare_to_dct`).
_TD_RULE = {"before": "BEFORE", "after": "AFTER", "same": "SIMULTANEOUS",
            "includes": "INCLUDES", "within": "IS_INCLUDED"}

NONE = "NONE"
#: Candidates scored together (bounds the feature lists held at once).
_BATCH = 512
#: Mentions whose links are made consistent together (the closure costs the square of its
#: size): a document of up to this many events and timexes (every TempEval-3 document) is
#: one block; a longer one is cut between sentences.
BLOCK_MENTIONS = 320


@dataclass
class RelationModel:
    """One classifier per pair kind, the thresholds and the candidate settings."""

    classifiers: dict[str, LogisticModel]
    thresholds: dict[str, float] = field(default_factory=dict)
    max_gap: int = 3
    timex_dct: bool = False  # emit the rule-based timex–DCT links
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (see :func:`load_model`)."""
        return {
            "format": "newsline.relations.v1",
            "settings": {"max_gap": self.max_gap, "timex_dct": self.timex_dct,
                         "thresholds": self.thresholds},
            "meta": self.meta,
            "classifiers": {k: m.to_dict() for k, m in sorted(self.classifiers.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelationModel:
        """The model saved by :meth:`to_dict`; ``ValueError`` if it is not one."""
        if not isinstance(data, dict) or data.get("format") != "newsline.relations.v1":
            raise ValueError("not a newsline relation model (format newsline.relations.v1)")
        settings = data.get("settings", {})
        return cls(
            classifiers={k: LogisticModel.from_dict(v)
                         for k, v in data.get("classifiers", {}).items()},
            thresholds={k: float(v) for k, v in settings.get("thresholds", {}).items()},
            max_gap=int(settings.get("max_gap", 3)),
            timex_dct=bool(settings.get("timex_dct", False)),
            meta=dict(data.get("meta", {})),
        )

    def save(self, path: str | Path) -> None:
        """Write the model as compact JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), separators=(",", ":")) + "\n",
                              encoding="utf-8")


def load_model(path: str | Path | None = None) -> RelationModel:
    """Load a model file, by default the committed ``resources/tlinks.json``."""
    if path is None:
        text = resources.files("newsline.relations").joinpath(
            "resources", DEFAULT_MODEL).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return RelationModel.from_dict(json.loads(text))


@lru_cache(maxsize=1)
def _packaged_model() -> RelationModel:
    """The committed model, read once per process (taggers share it and do not change it)."""
    return load_model()


@dataclass(slots=True)
class ScoredLink:
    """A proposed link with its pair kind and the probability of its relation."""

    link: Link
    kind: str
    confidence: float


class RelationTagger:
    """Adds TLINKs to documents that have events (and timexes); see the module docstring."""

    def __init__(self, model: RelationModel | str | Path | None = None) -> None:
        if model is None:
            model = _packaged_model()
        elif isinstance(model, (str, Path)):
            model = load_model(model)
        self.model = model

    def propose(self, doc: Document, ctx: DocContext | None = None) -> list[ScoredLink]:
        """Every candidate pair with its best relation and that relation's probability,
        whether or not it reaches the threshold (``NONE`` never proposed)."""
        ctx = ctx or DocContext.build(doc)
        out: list[ScoredLink] = []
        cache: dict[str, list[str]] = {}
        batch: list[Candidate] = []
        for cand in candidates(ctx, self.model.max_gap):
            if cand.kind in self.model.classifiers:
                batch.append(cand)
            if len(batch) == _BATCH:
                out += self._score(ctx, batch, cache)
                batch = []
        out += self._score(ctx, batch, cache)
        if self.model.timex_dct:
            for m in ctx.mentions:
                rel = _TD_RULE.get(m.dct_cmp) if m.kind == "T" else None
                if rel:
                    out.append(ScoredLink(Link(rel, m.id, DCT_ID), "TD", 1.0))
        return out

    def _score(self, ctx: DocContext, batch: list[Candidate],
               cache: dict[str, list[str]]) -> list[ScoredLink]:
        """The best relation (not NONE) of each candidate of ``batch``, in their order."""
        by_kind: dict[str, list[int]] = {}
        for i, cand in enumerate(batch):
            by_kind.setdefault(cand.kind, []).append(i)
        best: list[tuple[str, float]] = [(NONE, 0.0)] * len(batch)
        for kind, items in by_kind.items():
            clf = self.model.classifiers[kind]
            probs = clf.probabilities_many([features(ctx, batch[i], cache) for i in items])
            for i, ps in zip(items, probs, strict=True):
                best[i] = max(((lab, q) for lab, q in zip(clf.labels, ps, strict=True)
                               if lab != NONE), key=lambda lq: lq[1], default=(NONE, 0.0))
        return [ScoredLink(_link(cand, rel), cand.kind, p)
                for cand, (rel, p) in zip(batch, best, strict=True) if rel != NONE]

    def links(self, doc: Document, sdoc: Any = None) -> list[Link]:
        """The TLINKs for ``doc``: confident proposals, kept consistent (see above).
        ``sdoc``: a spaCy parse of ``doc.text`` to use instead of parsing it again."""
        ctx = DocContext.build(doc, sdoc=sdoc)
        chosen = [s for s in self.propose(doc, ctx)
                  if s.confidence >= self.model.thresholds.get(s.kind, 0.0)]
        blocks = mention_blocks(ctx)
        if not blocks or blocks[-1] == 0:
            return consistent_links(chosen)
        # A long document: one closure per block of mentions (a link belongs to the block of
        # its later end), so that time and memory stay linear in the document's length.
        groups: dict[int, list[ScoredLink]] = {}
        for s in chosen:
            ends = [ctx.by_id[i].order for i in (s.link.source, s.link.target)
                    if i in ctx.by_id]
            groups.setdefault(blocks[max(ends)] if ends else 0, []).append(s)
        accepted = {id(link) for group in groups.values() for link in consistent_links(group)}
        return [s.link for s in chosen if id(s.link) in accepted]

    def annotate(self, doc: Document, sdoc: Any = None) -> Document:
        """Replace the TLINKs of ``doc.links`` with this tagger's; returns the same document.

        Links of other types are kept. Events and timexes need ids (those without are
        skipped). ``sdoc`` as for :meth:`links`.
        """
        links = self.links(doc) if sdoc is None else self.links(doc, sdoc)
        doc.links = [lk for lk in doc.links if lk.type != "TLINK"] + links
        return doc


def mention_blocks(ctx: DocContext, size: int = BLOCK_MENTIONS) -> list[int]:
    """The block of each mention (by rank): whole sentences of at most ``size`` mentions
    together, a longer sentence cut every ``size`` mentions."""
    blocks: list[int] = []
    block, filled = 0, 0
    for sentence in ctx.by_sentence:
        if filled and filled + len(sentence) > size:
            block, filled = block + 1, 0
        for _ in sentence:
            if filled == size:
                block, filled = block + 1, 0
            blocks.append(block)
            filled += 1
    return blocks


def consistent_links(scored: list[ScoredLink]) -> list[Link]:
    """The links of ``scored`` that a closure taking them most confident first accepts,
    in their original order."""
    ranked = sorted(range(len(scored)), key=lambda i: -scored[i].confidence)
    graph = TemporalGraph([scored[i].link for i in ranked], reduce=False)
    accepted = {id(link) for link in graph.consistent}
    return [s.link for s in scored if id(s.link) in accepted]


def _link(cand: Candidate, rel: str) -> Link:
    target = cand.target.id if cand.target is not None else DCT_ID
    return Link(rel, cand.source.id, target)

