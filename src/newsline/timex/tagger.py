"""The TIMEX3 tagger: run a language's rules over a text, keep the best spans, resolve them."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from newsline.documents.intervals import calendar_interval
from newsline.documents.model import Document, Timex
from newsline.timex.grammar import GROUP_REF, Grammar, Rule, load_grammar
from newsline.timex.prefilter import DIGIT
from newsline.timex.tokens import Untokeniser
from newsline.timex.values import Context, resolve

MODES = ("news", "narrative")
_FAR_YEARS = 3  # an explicit year this far from the DCT is about the past (or far future)
_NARRATIVE_MIN_FAR = 3
_NARRATIVE_RATIO = 4
_STARTS_FAR_MIN = 5
_NOW_FUNCTIONS = ("weekday", "rel", "ago", "weekend")
_ZONE = re.compile(r"(?<=T\d\d:\d\d)(?:Z|[+-]\d\d(?::\d\d)?)$")

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")
_LEFT_WINDOW = 90
_WINDOW_MARGIN = 32
_NON_SPACE = re.compile(r"\S*")
_RIGHT_WINDOW = 40
#: The grains a value can set the focus with, as :mod:`newsline.timex.values` names them
#: (a season is in focus as its first month).
_FOCUS_GRAINS = {"time": "D", "day": "D", "month": "M", "season": "M", "quarter": "Q",
                 "half": "H", "year": "Y"}


class TimexTagger:
    """Finds and normalizes time expressions; load once, call many times."""

    def __init__(self, language: str = "en", values: str = "timeml") -> None:
        """``values``: ``timeml`` (ISO 8601 values as the TimeML guidelines write them:
        ``FY2027``, ``T16:08Z``) or ``timebank`` (the TempEval-3 corpora's calendar values:
        ``2027``, ``T16:08``)."""
        if values not in ("timeml", "timebank"):
            raise ValueError(f"values must be 'timeml' or 'timebank', not {values!r}")
        self.language = language
        self.values = values
        self.grammar: Grammar = load_grammar(language)
        self._untokeniser = Untokeniser.for_language(language)
        self._future = self._optional_pattern("future_cue")
        self._past = self._optional_pattern("past_cue")
        self._rules = [(rule, rule.cover or frozenset()) for rule in self.grammar.rules]

    def _optional_pattern(self, name: str) -> re.Pattern[str] | None:
        body = self.grammar.patterns.get(name)
        return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE) if body else None

    def tag(self, text: str, dct: str | None, mode: str | None = None) -> list[Timex]:
        """Time expressions of ``text`` resolved against ``dct`` (ISO date), in text order.

        ``mode``: ``news`` (underspecified dates count from the DCT), ``narrative`` (from the
        date in focus) or None to choose from the text (see ``choose_mode``). Tokenised text
        (``October 9 , 2002``) is read as written text; offsets are those of ``text``.
        """
        return self._tag(text, dct, mode, self.values)

    def _tag(self, text: str, dct: str | None, mode: str | None, values: str) -> list[Timex]:
        written, offsets = self._untokeniser.untokenise(text)
        chosen = [c for c in self._select(written) if c[2].type != "NONE"]
        anchor = _parse_dct(dct)
        if mode not in MODES:
            mode = self.choose_mode(chosen, anchor)
        timexes: list[Timex] = []
        for start, end, result, mod in self._resolve(written, chosen, anchor, mode):
            if offsets is not None:
                start, end = offsets.start(start), offsets.end(end)
            value = _convention(result.value, values)
            timexes.append(Timex(
                start=start, end=end, text=text[start:end],
                type=result.type or "DATE", value=value, mod=mod or None,
                id=f"t{len(timexes) + 1}", quant=result.quant, freq=result.freq,
            ))
        return timexes

    def choose_mode(self, chosen: list[tuple[int, int, Rule, re.Match[str]]],
                    anchor: date | None) -> str:
        """``narrative`` for a text without a DCT, or one told from its own dates: explicit
        years far from the DCT outnumber, several times over, the explicit years near it and
        the expressions counted from the DCT (``yesterday``, ``Friday``, ``last week``), as in
        a history, an obituary or a retrospective; else ``news``."""
        if anchor is None:
            return "narrative"
        far = near = 0
        starts_far = None  # whether the first dated expression is far from the DCT
        for _start, _end, rule, match in chosen:
            year = _explicit_year(rule, match)
            if year is not None and abs(year - anchor.year) >= _FAR_YEARS:
                far += 1
                starts_far = True if starts_far is None else starts_far
            elif year is not None or _counts_from_now(rule):
                near += 1
                starts_far = False if starts_far is None else starts_far
        if far < _NARRATIVE_MIN_FAR:
            return "news"
        # A story that opens in the past and stays there mostly (a retrospective), or one
        # told almost only from its own dates (an obituary, a history).
        if far > _NARRATIVE_RATIO * near or (
                starts_far and far >= _STARTS_FAR_MIN and far >= 2 * near):
            return "narrative"
        return "news"

    def _resolve(self, text: str, chosen: list[tuple[int, int, Rule, re.Match[str]]],
                 anchor: date | None, mode: str):
        """(start, end, result, mod) of each span whose value resolves, in text order."""
        narrative = mode == "narrative"
        ctx = Context(dct=anchor, focus=anchor, narrative=narrative)
        for start, end, rule, match in chosen:
            ctx.future, ctx.past = self._tense(text, start, end)
            args = self._arguments(rule, match)
            try:
                result = resolve(args, ctx)
            except (ValueError, OverflowError, KeyError):
                result = None
            if result is None or not result.value:
                continue
            if result.type is None:
                result.type = rule.type
            mod = self._argument(rule, match, rule.mod) if rule.mod else None
            yield start, end, result, mod
            if narrative or rule.value.get("anchor") not in ("focus", "period"):
                _move_focus(ctx, result.value)

    def annotate(self, doc: Document) -> Document:
        """Set ``doc.timexes`` from its text and DCT; returns the same document. The mode is
        ``doc.meta["mode"]`` when set (``news`` or ``narrative``), else chosen per text;
        ``doc.meta["timex_values"]`` (``timeml`` or ``timebank``) overrides ``values``."""
        values = doc.meta.get("timex_values", self.values)
        doc.timexes = self._tag(doc.text, doc.dct, doc.meta.get("mode"), values)
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
                    if rule.only_before and not rule.only_before.match(text[end:end + 40]):
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
    span = calendar_interval(value)
    grain = _FOCUS_GRAINS.get(span.grain)
    return (span.first, grain) if grain and span.first else None


def _convention(value: str, values: str) -> str:
    """TimeBank's writing of a value when asked: fiscal years and zoned times as their
    calendar values (the TempEval-3 corpora's convention: ``fiscal 1989`` is 1989)."""
    if values != "timebank":
        return value
    return _ZONE.sub("", value.removeprefix("FY"))


def _move_focus(ctx: Context, value: str) -> None:
    """Put a resolved absolute value in focus (a year before Christ as ``focus_bc``)."""
    if value.startswith("BC") and value[2:6].isdigit() and len(value) >= 6:
        ctx.focus_bc = int(value[2:6])
        return
    focus = _date_of(value)
    if focus is not None:
        ctx.focus, ctx.focus_grain = focus
        ctx.focus_bc = None


def _counts_from_now(rule: Rule) -> bool:
    """A rule whose value counts from the DCT: a weekday, ``yesterday``, ``last week``."""
    return rule.value.get("fn") in _NOW_FUNCTIONS and rule.value.get("anchor") is None


def _explicit_year(rule: Rule, match: re.Match[str]) -> int | None:
    """The year a span writes out in digits (a date, a decade), else None."""
    for key in ("year", "decade"):
        ref = GROUP_REF.match(str(rule.value.get(key, "")))
        if ref and rule.normalizers.get(ref.group(1)) != "number":
            text = match.group(ref.group(1)) or ""
            digits = "".join(ch for ch in text if ch.isdigit())
            if len(digits) == 4:
                return int(digits)
    return None
