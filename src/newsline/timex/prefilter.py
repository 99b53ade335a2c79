"""Which words a rule's match must contain: the index that lets the tagger skip rules.

Most of a text holds no time expression, and a regular-expression scan that finds nothing
still costs its length. Every rule match contains at least one *trigger* of its own: a word
of a vocabulary or pattern it uses, a word it spells out, or a digit. This module works out,
for one rule, a small set of such triggers that every match must contain (its *cover*): a
part of the pattern that cannot be skipped (not optional, not one branch among others) and
whose every form holds a trigger. The tagger finds all triggers of a text in one pass and
runs each rule only around its own.

The analysis reads the pattern's syntax tree (``re._parser``, the standard library's own
parser) after replacing each ``{placeholder}`` by a marker group, so it knows where the
vocabularies and pattern pieces sit in the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

try:  # Python 3.11+: the standard library's regular-expression parser
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

DIGIT = "0"  # the trigger key of any run of digits
Cover = frozenset[str] | None  # trigger keys one of which every match holds; None: unknown
_DIGIT_COST = 40  # a digit is in almost every sentence: prefer words when there are some
_STOP_COST = 40  # so is a function word ("second", "last"; "the" ten times that)
_WORD = re.compile(r"[^\W\d_]{2,}")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


def cost(cover: Cover, stop: frozenset[str] = frozenset()) -> float:
    """How often a cover fires, roughly: its words, a digit or a function word counting as
    many words."""
    if cover is None:
        return float("inf")
    return sum(_DIGIT_COST if key == DIGIT else _key_cost(key, stop) for key in cover)


def _key_cost(word: str, stop: frozenset[str]) -> float:
    if word not in stop:
        return 1
    return _STOP_COST if len(word) > 3 else 10 * _STOP_COST  # "the", "of": the commonest


def form_cover(form: str, stop: frozenset[str]) -> Cover:
    """The trigger of one written form (a vocabulary surface): its longest (rarest) word,
    a function word only when it has no other, else a digit."""
    words = {w.lower() for w in _WORD.findall(form)}
    content = words - stop
    if content or words:
        return frozenset({max(sorted(content or words), key=len)})
    if any(ch.isdigit() for ch in form):
        return frozenset({DIGIT})
    if _DOTTED.fullmatch(form):
        return frozenset({form.lower()})  # "B.C.", "a.m.": the whole form is the trigger
    return None


def union(covers: Iterable[Cover]) -> Cover:
    """A cover for an alternation: every branch must have one."""
    keys: set[str] = set()
    for cover in covers:
        if cover is None:
            return None
        keys |= cover
    return frozenset(keys)


class PatternCover:
    """Computes covers of rule patterns whose placeholders have known covers."""

    def __init__(self, placeholder: re.Pattern[str], kind_cover: Callable[[str], Cover],
                 stop: frozenset[str], space: Callable[[str], str]) -> None:
        self._placeholder = placeholder
        self._kind_cover = kind_cover
        self._stop = stop
        self._space = space

    def __call__(self, pattern: str) -> Cover:
        """The cover of a rule pattern (its match is bounded by non-word characters)."""
        kinds: dict[str, str] = {}

        def marker(match: re.Match[str]) -> str:
            name = f"_k{len(kinds)}"
            kinds[name] = match.group(1)
            return f"(?P<{name}>x)"  # a letter: its neighbours are not known to be bounded

        marked = self._space(self._placeholder.sub(marker, pattern))
        try:
            tree = sre_parse.parse(marked, re.IGNORECASE)
        except (re.error, RecursionError, AttributeError):
            return None
        groups = {index: kinds[name] for name, index in tree.state.groupdict.items()
                  if name in kinds}
        return self._sequence(list(tree), groups, True, True)

    # ------------------------------------------------------------------ the tree walk

    def _sequence(self, items: list, groups: dict[int, str], left: bool, right: bool) -> Cover:
        best: Cover = None
        for index, (op, av) in enumerate(items):
            before = _bounded(items, index - 1, -1, left)
            after = _bounded(items, index + 1, 1, right)
            if op is sre.LITERAL and chr(av).isalpha():
                if not before:
                    continue
                word = _word_from(items, index, right)
                cover = frozenset({word}) if word else None
            else:
                cover = self._item(op, av, groups, before, after)
            if cost(cover, self._stop) < cost(best, self._stop):
                best = cover
        return best

    def _item(self, op, av, groups: dict[int, str], left: bool, right: bool) -> Cover:
        if op is sre.LITERAL:
            return frozenset({DIGIT}) if chr(av).isdigit() else None
        if op is sre.IN:
            return frozenset({DIGIT}) if _only_digits(av) else None
        if op is sre.SUBPATTERN:
            group, _add, _del, body = av
            if group in groups:
                return self._kind_cover(groups[group])
            return self._sequence(list(body), groups, left, right)
        if op is sre.BRANCH:
            return union(self._sequence(list(alt), groups, left, right) for alt in av[1])
        if op in _REPEATS:
            low, high, body = av
            if low < 1:
                return None
            bounded = high == 1
            return self._sequence(list(body), groups, left and bounded, right and bounded)
        if op is sre.ASSERT and av[0] == 1:
            # A lookahead's text follows the match closely: a trigger there is near enough.
            return self._sequence(list(av[1]), groups, True, False)
        if op is getattr(sre, "ATOMIC_GROUP", None):
            return self._sequence(list(av), groups, left, right)
        return None


def _bounded(items: list, index: int, step: int, edge: bool) -> bool:
    """True when the text matched next to an item (``items[index]`` on, going ``step``) always
    begins (step 1) or ends (step -1) with a non-letter, or reaches the ``edge`` safely."""
    while 0 <= index < len(items):
        op, av = items[index]
        if op is sre.AT and av is sre.AT_BOUNDARY:
            return True  # \b next to a letter: a non-letter (or the text's edge) is there
        if op in _ZERO_WIDTH:
            index += step  # a lookaround or anchor matches no character
            continue
        if _not_letter(items[index], last=step < 0):
            return True
        if op in _REPEATS and av[0] == 0 and _edge_not_letter(list(av[2]), step < 0,
                                                              required=False):
            index += step  # optional, and a non-letter wherever it is present
            continue
        return False
    return edge


def _word_from(items: list, index: int, right: bool) -> str | None:
    """The literal word starting at ``items[index]`` if a non-letter (or the edge) ends it."""
    chars = []
    for op, av in items[index:]:
        if op is not sre.LITERAL or not chr(av).isalpha():
            break
        chars.append(chr(av).lower())
    if not _bounded(items, index + len(chars), 1, right):
        return None
    word = "".join(chars)
    return word if len(word) >= 2 else None


_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
_NON_LETTER_CATEGORIES = {sre.CATEGORY_SPACE, sre.CATEGORY_DIGIT, sre.CATEGORY_NOT_WORD}


def _not_letter(item, last: bool = False) -> bool:
    """True when the item always matches a non-letter first (``last``: last) character."""
    op, av = item
    if op is sre.LITERAL:
        return not chr(av).isalpha()
    if op is sre.IN:
        for kind, value in av:
            if kind is sre.LITERAL and chr(value).isalpha():
                return False
            if kind is sre.RANGE and any(chr(c).isalpha() for c in range(value[0],
                                                                          value[1] + 1)):
                return False
            if kind is sre.CATEGORY and value not in _NON_LETTER_CATEGORIES:
                return False
            if kind not in (sre.LITERAL, sre.RANGE, sre.CATEGORY):
                return False
        return True
    if op in _REPEATS:
        low, _high, body = av
        return low >= 1 and _edge_not_letter(list(body), last)
    if op is sre.SUBPATTERN:
        return _edge_not_letter(list(av[3]), last)
    if op is sre.BRANCH:
        return all(_edge_not_letter(list(alt), last) for alt in av[1])
    return False


def _edge_not_letter(items: list, last: bool, required: bool = True) -> bool:
    """The first (``last``: last) character of a sequence is a non-letter. With ``required``
    false the sequence itself may end in an optional non-letter part."""
    if not items:
        return False
    if required:
        return _not_letter(items[-1] if last else items[0], last)
    return _bounded(items, len(items) - 1 if last else 0, -1 if last else 1, False)


def _only_digits(av) -> bool:
    for kind, value in av:
        if kind is sre.LITERAL and chr(value).isdigit():
            continue
        if kind is sre.RANGE and chr(value[0]).isdigit() and chr(value[1]).isdigit():
            continue
        if kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            continue
        return False
    return bool(av)
