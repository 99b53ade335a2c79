"""The TIMEX3 tagger: run a language's rules over a text, keep the best spans, resolve them."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from newsline.documents.model import Document, Timex
from newsline.timex.grammar import GROUP_REF, Grammar, Rule, load_grammar
from newsline.timex.prefilter import DIGIT
from newsline.timex.values import Context, resolve

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")
_LEFT_WINDOW = 90
_WINDOW_MARGIN = 32
_NON_SPACE = re.compile(r"\S*")
_RIGHT_WINDOW = 40


class TimexTagger:
    """Finds and normalizes time expressions; load once, call many times."""

    def __init__(self, language: str = "en") -> None:
        self.language = language
        self.grammar: Grammar = load_grammar(language)
        self._future = self._optional_pattern("future_cue")
        self._past = self._optional_pattern("past_cue")
        self._rules = [(rule, rule.cover or frozenset()) for rule in self.grammar.rules]

    def _optional_pattern(self, name: str) -> re.Pattern[str] | None:
        body = self.grammar.patterns.get(name)
        return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE) if body else None

    def tag(self, text: str, dct: str | None) -> list[Timex]:
        """Time expressions of ``text`` resolved against ``dct`` (ISO date), in text order."""
        anchor = _parse_dct(dct)
        chosen = self._select(text)
        timexes: list[Timex] = []
        ctx = Context(dct=anchor, focus=anchor)
        for start, end, rule, match in chosen:
            if rule.type == "NONE":
                continue
            ctx.future, ctx.past = self._tense(text, start, end)
            args = self._arguments(rule, match)
            try:
                result = resolve(args, ctx)
            except (ValueError, OverflowError, KeyError):
                result = None
            if result is None or not result.value:
                continue
            mod = self._argument(rule, match, rule.mod) if rule.mod else None
            timexes.append(Timex(
                start=start, end=end, text=text[start:end],
                type=result.type or rule.type, value=result.value, mod=mod or None,
                id=f"t{len(timexes) + 1}", quant=result.quant, freq=result.freq,
            ))
            focus = _date_of(result.value)
            if focus is not None and rule.value.get("anchor") not in ("focus", "period"):
                ctx.focus, ctx.focus_grain = focus
        return timexes

    def annotate(self, doc: Document) -> Document:
        """Set ``doc.timexes`` from its text and DCT; returns the same document."""
        doc.timexes = self.tag(doc.text, doc.dct)
        return doc

    def _select(self, text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
        """All rule matches, then the longest non-overlapping ones (ties: priority, order)."""
        candidates = []
        for order, rule, windows in self._scans(text):
            for lo, hi in windows:
                for match in rule.regex.finditer(text, lo, hi):
                    start, end = match.span()
                    if rule.not_before and rule.not_before.search(
                            text, max(0, start - 40), start):
                        continue
                    if rule.not_after and rule.not_after.match(text[end:end + 40]):
                        continue
                    if rule.only_after and not rule.only_after.search(
                            text, max(0, start - 40), start):
                        continue
                    candidates.append((start - end, -rule.priority, order, start, end, rule,
                                       match))
        candidates.sort(key=lambda c: c[:3])
        starts: list[int] = []
        ends: list[int] = []
        chosen = []
        for _length, _prio, _order, start, end, rule, match in candidates:
            i = bisect_left(starts, start)
            if i > 0 and ends[i - 1] > start:
                continue
            if i < len(starts) and starts[i] < end:
                continue
            starts.insert(i, start)
            ends.insert(i, end)
            chosen.append((start, end, rule, match))
        chosen.sort(key=lambda c: c[0])
        return chosen

    def _scans(self, text: str) -> list[tuple[int, Rule, list[tuple[int, int]]]]:
        """(order, rule, windows): the stretches of text around the rule's own triggers, the
        only places it can match (see ``prefilter.py``). One pass finds every trigger; rules
        whose triggers do not occur are not run at all."""
        positions: dict[str, list[tuple[int, int]]] = {}
        for match in self.grammar.trigger.finditer(text):
            key = match.group()
            key = DIGIT if key[0].isdigit() else key.lower()
            positions.setdefault(key, []).append(match.span())
        if not positions:
            return []
        scans = []
        windows_of: dict[frozenset[str], list[tuple[int, int]]] = {}
        for order, (rule, cover) in enumerate(self._rules):
            windows = windows_of.get(cover)
            if windows is None:
                windows = windows_of[cover] = self._windows(text, cover, positions)
            if windows:
                scans.append((order, rule, windows))
        return scans

    def _windows(self, text: str, cover: frozenset[str],
                 positions: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
        """Merged stretches of ``text`` within a margin of the triggers in ``cover``."""
        found = [positions[key] for key in cover if key in positions]
        if not found:
            return []
        spans = found[0] if len(found) == 1 else sorted(s for run in found for s in run)
        windows: list[tuple[int, int]] = []
        size = len(text)
        for start, end in spans:
            lo = max(0, start - _WINDOW_MARGIN)
            hi = min(size, end + _WINDOW_MARGIN)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
            else:
                windows.append((lo, hi))
        return [(lo, _word_end(text, hi)) for lo, hi in windows]

    def _argument(self, rule: Rule, match: re.Match[str], raw: object) -> object:
        ref = GROUP_REF.match(str(raw))
        if not ref:
            return raw
        group = ref.group(1)
        text = match.group(group)
        if text is None:
            return None
        return self.grammar.normalize(rule.normalizers[group], text)

    def _arguments(self, rule: Rule, match: re.Match[str]) -> dict[str, object]:
        return {key: self._argument(rule, match, raw) for key, raw in rule.value.items()}

    def _tense(self, text: str, start: int, end: int) -> tuple[bool, bool]:
        """(future, past): the tense of the clause around a span, from cue words.

        Future when a future cue precedes the span in its sentence and no past cue follows
        that cue; past when a past cue is in the sentence before the span or just after it.
        """
        left_from = max(0, start - _LEFT_WINDOW)
        boundaries = list(_SENTENCE_END.finditer(text, left_from, start))
        if boundaries:
            left_from = boundaries[-1].end()
        right = text[end:end + _RIGHT_WINDOW]
        cut = _SENTENCE_END.search(right)
        if cut:
            right = right[:cut.start()]
        if self._future is not None:
            cues = list(self._future.finditer(text, left_from, start))
            if cues and (self._past is None
                         or self._past.search(text, cues[-1].end(), start) is None):
                return True, False
        if self._past is None:
            return False, False
        past = self._past.search(text, left_from, start) or self._past.search(right)
        return False, past is not None


def _word_end(text: str, index: int) -> int:
    """``index`` moved to the end of the word it falls in, so windows never cut a word."""
    return _NON_SPACE.match(text, index).end()


def _parse_dct(dct: str | None) -> date | None:
    if not dct:
        return None
    try:
        return date.fromisoformat(dct[:10])
    except ValueError:
        return None


def _date_of(value: str) -> tuple[date, str] | None:
    """(first day, grain) of an absolute day, month, quarter, half or year value, else None."""
    if len(value) < 4 or not value[:4].isdigit():
        return None
    year = int(value[:4])
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value[:10]), "D"
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            return date(year, int(value[5:]), 1), "M"
        if len(value) == 7 and value[5] in "QH" and value[6].isdigit():
            months = 3 if value[5] == "Q" else 6
            return date(year, months * (int(value[6]) - 1) + 1, 1), value[5]
        if len(value) == 4:
            return date(year, 1, 1), "Y"
    except ValueError:
        return None
    return None
