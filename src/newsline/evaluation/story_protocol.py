"""The story-timeline protocol of news-tls on a folder laid out like Timeline17.

Layout: ``DIR/<story>/articles.jsonl`` (one article a line: ``id``, ``date``, ``text``,
``source``, …) and ``DIR/<story>/timelines/<name>.jsonl`` (one gold entry a line:
``date``, ``sentences``). Every gold timeline is one test case: the system gets the story's
articles published between the timeline's first and last date (inclusive), ``l`` = the
number of gold dates and ``k`` = round(mean sentences per gold date), and returns at most
``l`` dates with at most ``k`` sentences each. A date given in two blocks of a gold file
keeps its later block, as the usual evaluation does.

The reference baseline: the ``l`` days on which most articles were published in the window
(earlier day first on ties), each with the first ``k`` lines of the first article published
that day.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsline.documents import Document, iter_documents
from newsline.errors import InputError, NewslineError
from newsline.evaluation.story_metrics import (
    Timeline,
    TimelineScores,
    average_scores,
    score_timeline,
)

ARTICLES = "articles.jsonl"
TIMELINES = "timelines"

#: a system: (articles of the window, case) -> timeline (ISO date -> sentences)
System = Callable[[Sequence[Document], "Case"], Timeline]


@dataclass
class Case:
    """One gold timeline: where it comes from, its dates and sentences, ``l`` and ``k``."""

    story: str
    name: str
    gold: dict[str, list[str]]

    @property
    def start(self) -> str:
        """The first gold date (the window's first day)."""
        return min(self.gold)

    @property
    def end(self) -> str:
        """The last gold date (the window's last day)."""
        return max(self.gold)

    @property
    def dates(self) -> int:
        """``l``: how many dates the gold timeline has."""
        return len(self.gold)

    @property
    def sentences(self) -> int:
        """``k``: the mean number of sentences per gold date, rounded (Python's round)."""
        return round(sum(len(s) for s in self.gold.values()) / len(self.gold))

    @property
    def label(self) -> str:
        """``story/name``."""
        return f"{self.story}/{self.name}"


def read_gold(path: Path) -> dict[str, list[str]]:
    """A gold timeline file: ISO date -> sentences; a date met again replaces its earlier
    block (the usual evaluation keeps the later one)."""
    gold: dict[str, list[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            day, sentences = record["date"], record["sentences"]
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise InputError(str(path), f"line {number}: not a gold entry ({err})") from None
        gold[day] = [s for s in sentences if s.strip()]
    if not gold:
        raise InputError(str(path), "no gold entries")
    return gold


def find_cases(root: str | Path) -> list[Case]:
    """Every gold timeline under ``root``, stories and timelines in name order."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(str(root), "not a directory")
    cases = []
    for story in sorted(p for p in root.iterdir() if (p / ARTICLES).is_file()):
        for path in sorted((story / TIMELINES).glob("*.jsonl")):
            cases.append(Case(story.name, path.stem, read_gold(path)))
    if not cases:
        raise InputError(str(root), f"no <story>/{ARTICLES} with <story>/{TIMELINES}/*.jsonl")
    return cases


def read_articles(path: Path, on_error: Callable[[InputError], object] | None = None
                  ) -> list[Document]:
    """A story's articles with newsline's readers, in file order; bad records (a few texts
    of the release are empty) are skipped and passed to ``on_error``."""
    return list(iter_documents([str(path)], keep_going=True, on_error=on_error))


def in_window(docs: Iterable[Document], case: Case) -> list[Document]:
    """The articles published between the case's first and last gold date, inclusive."""
    return [d for d in docs if d.dct and case.start <= d.dct <= case.end]


def baseline(docs: Sequence[Document], case: Case) -> Timeline:
    """The reference baseline: the ``l`` busiest publication days (earlier first on ties),
    each with the first ``k`` non-empty lines of the first article published that day."""
    counts = Counter(d.dct for d in docs)
    days = sorted(counts, key=lambda day: (-counts[day], day))[:case.dates]
    first: dict[str, Document] = {}
    for doc in docs:
        first.setdefault(doc.dct, doc)
    out = {}
    for day in sorted(days):
        lines = [line.strip() for line in first[day].text.splitlines() if line.strip()]
        out[day] = lines[:case.sentences]
    return out


def newsline_system(docs: Sequence[Document], case: Case) -> Timeline:
    """newsline's story system given the protocol's ``l``, ``k`` and window."""
    try:
        from newsline.story import build_story
    except ImportError as err:
        raise NewslineError(f"newsline's story system is not available ({err}); "
                            "try --system baseline") from None

    story = build_story(docs, dates=case.dates, sentences=case.sentences,
                        start=case.start, end=case.end)
    return {entry.date: [s.text for s in entry.sentences] for entry in story.entries}


SYSTEMS: dict[str, System] = {"newsline": newsline_system, "baseline": baseline}


@dataclass
class CaseResult:
    """One case's figures for every system run, and what each system returned."""

    case: Case
    articles: int
    scores: dict[str, TimelineScores] = field(default_factory=dict)
    returned: dict[str, tuple[int, int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON: the case, its ``l``/``k``, and each system's figures."""
        out = {"story": self.case.story, "timeline": self.case.name,
               "from": self.case.start, "to": self.case.end, "articles": self.articles,
               "dates": self.case.dates, "sentences": self.case.sentences}
        for name, scores in self.scores.items():
            dates, sentences = self.returned[name]
            out[name] = {"returned": {"dates": dates, "sentences": sentences},
                         **scores.to_dict()}
        return out


@dataclass
class ProtocolResult:
    """All cases and the average of every system."""

    cases: list[CaseResult]
    systems: list[str]

    def average(self, system: str) -> TimelineScores:
        """The news-tls average of ``system`` over the cases."""
        return average_scores([c.scores[system] for c in self.cases])

    def to_dict(self) -> dict:
        """JSON: ``{"timelines": [...], "average": {system: figures}}``."""
        return {"timelines": [c.to_dict() for c in self.cases],
                "average": {s: self.average(s).to_dict() for s in self.systems}}


def run_protocol(root: str | Path, systems: Sequence[str] = ("newsline", "baseline"),
                 on_error: Callable[[InputError], object] | None = None,
                 only: Callable[[Case], bool] | None = None,
                 registry: dict[str, System] | None = None) -> ProtocolResult:
    """Run every gold timeline under ``root`` through ``systems`` and score them.

    ``only`` keeps some cases; ``registry`` maps system names to functions (default
    :data:`SYSTEMS`). Each story's articles are read once.
    """
    registry = registry or SYSTEMS
    unknown = [s for s in systems if s not in registry]
    if unknown:
        raise ValueError(f"unknown system {unknown[0]!r}")
    root = Path(root)
    results = []
    articles: dict[str, list[Document]] = {}
    for case in find_cases(root):
        if only is not None and not only(case):
            continue
        if case.story not in articles:
            articles[case.story] = read_articles(root / case.story / ARTICLES, on_error)
        docs = in_window(articles[case.story], case)
        result = CaseResult(case, len(docs))
        for name in systems:
            timeline = registry[name](docs, case)
            result.scores[name] = score_timeline(timeline, case.gold)
            result.returned[name] = (len(timeline), sum(len(s) for s in timeline.values()))
        results.append(result)
    return ProtocolResult(results, list(systems))
