"""Timeline-summarisation metrics: date F1 and ROUGE "concat" and "align+ m:1".

The definitions are those of Martschat & Markert, "Improving ROUGE for timeline
summarization" (EACL 2017), as the news-tls protocol (Gholipour Ghalandari & Ifrim, ACL
2020) runs them:

- **date P/R/F1**: the system's dates against the gold dates, exact day match;
- **concat**: ROUGE-N of all the system's sentences against all the gold sentences;
- **align+ m:1**: for precision every system date is mapped to its cheapest gold date, for
  recall every gold date to its cheapest system date (several may map to one). The cost of a
  pair is ``(1 - 1/(1 + |day distance|)) * (1 - approximate ROUGE-1 F1)`` of the two days'
  summaries; the matched n-gram counts are weighted by ``1/(1 + |day distance|)``, summed
  over dates and divided by the system's (precision) or gold's (recall) n-gram counts.

ROUGE counts follow ROUGE-1.5.5 with ``-n 2 -m -s``: ASCII lower case, hyphens and other
characters that are neither letters nor digits become spaces, the SMART stop words (the
list ROUGE ships, ``resources/en/smart_common_words.txt``) are dropped, tokens longer than
three characters are Porter-stemmed (original algorithm), and n-grams run over the whole
text of a summary (across its sentence ends). ROUGE-1.5.5 also maps irregular forms through
WordNet's exception lists before stemming ("went" -> "go"); this implementation does not.

A timeline is a mapping from an ISO date to the list of that day's sentences. A date coarser
than a day ("2009-06") never matches a gold day; for day distances it stands for its first
day.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

Timeline = Mapping[str, Sequence[str]]

STOP_WORDS_FILE = Path(__file__).parent / "resources" / "en" / "smart_common_words.txt"
ORDERS = (1, 2)

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_TOKEN_START = re.compile(r"[a-z0-9$]")


@dataclass(frozen=True)
class PRF:
    """Precision, recall and their F1 (0 when both are 0)."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, float]:
        """``{"precision", "recall", "f1"}``."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def mean_prf(scores: Iterable[PRF]) -> PRF:
    """The news-tls average: mean precision and mean recall (F1 from those means)."""
    scores = list(scores)
    if not scores:
        return PRF(0.0, 0.0)
    return PRF(sum(s.precision for s in scores) / len(scores),
               sum(s.recall for s in scores) / len(scores))


@cache
def stop_words() -> frozenset[str]:
    """The SMART stop words as ROUGE-1.5.5 uses them (comments and blank lines skipped)."""
    words = set()
    for line in STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line)
    return frozenset(words)


@cache
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """ROUGE-1.5.5's ``-m``: the Porter stem of a token longer than three characters."""
    return _stemmer().stem(token) if len(token) > 3 else token


def rouge_tokens(text: str) -> list[str]:
    """The tokens ROUGE-1.5.5 (``-m -s``) counts in ``text``."""
    stops = stop_words()
    tokens = []
    for token in _NOT_ALNUM.sub(" ", text).lower().split():
        if token in stops or not _TOKEN_START.match(token):
            continue
        tokens.append(stem(token))
    return tokens


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """The n-grams of ``tokens`` with their counts."""
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class Summary:
    """One summary (a day's sentences, or a whole timeline's) as ROUGE sees it: its n-gram
    counts for n = 1, 2 and its raw whitespace tokens (for the alignment cost)."""

    grams: tuple[Counter, ...]
    raw: Counter

    @classmethod
    def of(cls, sentences: Sequence[str]) -> Summary:
        """The summary of ``sentences`` (n-grams run across sentence ends, as in ROUGE)."""
        text = " ".join(sentences)
        tokens = rouge_tokens(text)
        return cls(tuple(ngrams(tokens, n) for n in ORDERS), Counter(text.split()))

    def size(self, n: int) -> int:
        """How many n-grams the summary holds."""
        return sum(self.grams[n - 1].values())

    def hits(self, other: Summary, n: int) -> int:
        """The clipped n-gram matches of two summaries (ROUGE's hit count)."""
        mine, theirs = self.grams[n - 1], other.grams[n - 1]
        if len(mine) > len(theirs):
            mine, theirs = theirs, mine
        return sum(min(count, theirs[gram]) for gram, count in mine.items() if gram in theirs)


def approximate_rouge1(system: Summary, gold: Summary) -> float:
    """The alignment's content similarity (Martschat & Markert's approximation of ROUGE-1
    F1): clipped matches of the raw whitespace tokens, case kept, no stop list, no stemming."""
    match = sum(min(count, gold.raw[token]) for token, count in system.raw.items())
    return PRF(match / sum(system.raw.values()) if system.raw else 0.0,
               match / sum(gold.raw.values()) if gold.raw else 0.0).f1


def as_day(value: str) -> date:
    """The day an ISO date stands for: itself, or the first day of a month or year."""
    parts = value.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
    day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
    return date(year, month, day)


def date_scores(system: Timeline, gold: Timeline) -> PRF:
    """Date precision and recall: exact matches of the two timelines' dates."""
    shared = len(set(system) & set(gold))
    return PRF(shared / len(system) if system else 0.0, shared / len(gold) if gold else 0.0)


def _summaries(timeline: Timeline) -> list[tuple[str, date, Summary]]:
    return [(key, as_day(key), Summary.of(timeline[key])) for key in sorted(timeline)]


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def concat_rouge(system: Timeline, gold: Timeline) -> dict[int, PRF]:
    """ROUGE-1 and ROUGE-2 of all the system's sentences against all the gold sentences
    (each timeline's days in date order)."""
    sys_all = Summary.of([s for key in sorted(system) for s in system[key]])
    gold_all = Summary.of([s for key in sorted(gold) for s in gold[key]])
    return {n: PRF(_ratio(sys_all.hits(gold_all, n), sys_all.size(n)),
                   _ratio(sys_all.hits(gold_all, n), gold_all.size(n))) for n in ORDERS}


def _cost(distance: int, similarity: float) -> float:
    return (1 - 1 / (1 + distance)) * (1 - similarity)


def align_m1_rouge(system: Timeline, gold: Timeline) -> dict[int, PRF]:
    """ROUGE-1 and ROUGE-2 "align+ m:1" (Martschat & Markert 2017).

    Each system day goes to the gold day of least cost (first in date order on ties) for
    precision, each gold day to the system day of least cost for recall; the clipped
    n-gram matches of a pair count ``1/(1 + |day distance|)`` each.
    """
    sys_days, gold_days = _summaries(system), _summaries(gold)
    if not sys_days or not gold_days:
        return {n: PRF(0.0, 0.0) for n in ORDERS}
    sims = [[approximate_rouge1(s, g) for _, _, g in gold_days] for _, _, s in sys_days]
    dist = [[abs((sd - gd).days) for _, gd, _ in gold_days] for _, sd, _ in sys_days]
    cost = [[_cost(dist[i][j], sims[i][j]) for j in range(len(gold_days))]
            for i in range(len(sys_days))]
    prec_pairs = [(i, min(range(len(gold_days)), key=lambda j, i=i: cost[i][j]))
                  for i in range(len(sys_days))]
    rec_pairs = [(min(range(len(sys_days)), key=lambda i, j=j: cost[i][j]), j)
                 for j in range(len(gold_days))]
    out = {}
    for n in ORDERS:
        p_num = sum(sys_days[i][2].hits(gold_days[j][2], n) / (1 + dist[i][j])
                    for i, j in prec_pairs)
        r_num = sum(sys_days[i][2].hits(gold_days[j][2], n) / (1 + dist[i][j])
                    for i, j in rec_pairs)
        p_den = sum(s.size(n) for _, _, s in sys_days)
        r_den = sum(g.size(n) for _, _, g in gold_days)
        out[n] = PRF(_ratio(p_num, p_den), _ratio(r_num, r_den))
    return out


@dataclass(frozen=True)
class TimelineScores:
    """All the figures of one system timeline against one gold timeline."""

    dates: PRF
    concat: dict[int, PRF]
    align: dict[int, PRF]

    def to_dict(self) -> dict[str, dict[str, float]]:
        """Flat JSON: ``date``, ``concat_rouge1``, ``concat_rouge2``, ``align_rouge1``, …"""
        out = {"date": self.dates.to_dict()}
        for n in ORDERS:
            out[f"concat_rouge{n}"] = self.concat[n].to_dict()
        for n in ORDERS:
            out[f"align_m1_rouge{n}"] = self.align[n].to_dict()
        return out


def score_timeline(system: Timeline, gold: Timeline) -> TimelineScores:
    """Date P/R/F1, ROUGE-1/-2 concat and align+ m:1 of ``system`` against ``gold``."""
    return TimelineScores(date_scores(system, gold), concat_rouge(system, gold),
                          align_m1_rouge(system, gold))


def average_scores(scores: Sequence[TimelineScores]) -> TimelineScores:
    """The news-tls average over timelines: mean P and mean R of every figure."""
    return TimelineScores(
        mean_prf(s.dates for s in scores),
        {n: mean_prf(s.concat[n] for s in scores) for n in ORDERS},
        {n: mean_prf(s.align[n] for s in scores) for n in ORDERS},
    )
