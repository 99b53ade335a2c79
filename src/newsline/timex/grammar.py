"""Loads a language folder (vocabularies, patterns, rules) and compiles its rules.

A language folder ``resources/<lang>/`` holds:

- ``vocab/<name>.tsv``: ``surface<TAB>normalized`` lines; ``{name}`` in a rule matches any
  surface form and ``$group`` gives the normalized value. A ``# case: sensitive`` line makes
  the forms match only as written (and in upper case).
- ``patterns/<name>.txt``: one regular-expression alternative per line (no capturing groups);
  ``{name}`` in a rule matches any of them and ``$group`` gives the matched text.
- ``numbers.toml``: number words; ``{number}`` matches a number in digits or words and
  ``$group`` gives its value.
- ``rules/*.toml``: ``[[rule]]`` records (see ``rules/README.md`` in the folder).

In rule patterns and vocabulary forms a space stands for any run of white space.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from newsline.errors import NewslineError
from newsline.timex.numbers import NumberWords
from newsline.timex.prefilter import DIGIT, Cover, PatternCover, form_cover, union
from newsline.timex.trie import trie_regex
from newsline.timex.values import FUNCTIONS, PARAMETERS

RESOURCES = Path(__file__).parent / "resources"
PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)(?::(\w+))?\}")
GROUP_REF = re.compile(r"^\$(\w+)$")
RULE_KEYS = frozenset({"name", "example", "context", "pattern", "type", "value", "mod",
                       "priority", "not_before", "not_after", "only_after", "only_before"})
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET", "NONE"})
MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
                  "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"})


class GrammarError(NewslineError, ValueError):
    """A language folder holds a file or rule the engine cannot use."""


@dataclass(frozen=True)
class Rule:
    """One compiled rule: a pattern, the TIMEX3 type and the value to build."""

    name: str
    regex: re.Pattern[str]
    type: str
    value: dict[str, Any]
    mod: str | None
    priority: int
    normalizers: dict[str, str]
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    only_after: re.Pattern[str] | None = None
    only_before: re.Pattern[str] | None = None
    source: str = ""
    pattern: str = ""  # as written in the rule file
    cover: Cover = None  # trigger keys one of which every match holds (None: not known)


@dataclass
class Grammar:
    """Everything a language contributes: vocabularies, patterns, number words and rules."""

    language: str
    vocab: dict[str, dict[str, str]] = field(default_factory=dict)
    patterns: dict[str, str] = field(default_factory=dict)
    numbers: NumberWords | None = None
    rules: list[Rule] = field(default_factory=list)
    trigger_words: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)
    trigger: re.Pattern[str] | None = None
    forms: dict[str, list[str]] = field(default_factory=dict)  # vocab/pattern lines as written

    def normalize(self, kind: str, text: str) -> Any:
        """The normalized value of ``text`` matched by placeholder ``kind``."""
        if kind in self.vocab:
            table = self.vocab[kind]
            key = " ".join(text.lower().split())
            return table.get(key, table.get(key.rstrip(".")))
        if kind == "number" and self.numbers is not None:
            return self.numbers.parse(text)
        return text

    def fragment(self, name: str) -> str:
        """The regular expression a ``{name}`` placeholder stands for."""
        if name in self.patterns:
            return self.patterns[name]
        if name == "number" and self.numbers is not None:
            return self.numbers.pattern
        raise GrammarError(f"{self.language}: unknown placeholder {{{name}}}")


def _space(regex: str) -> str:
    # A literal space in data means any run of white space (articles wrap lines).
    return regex.replace("\\ ", " ").replace(" ?", r"\s*").replace(" ", r"\s+")


def _load_vocab(path: Path) -> tuple[dict[str, str], str]:
    table: dict[str, str] = {}
    sensitive = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            sensitive |= line.replace(" ", "").lower() == "#case:sensitive"
            continue
        if not line.strip():
            continue
        surface, _, value = line.partition("\t")
        if not value:
            raise GrammarError(f"{path}:{number}: expected 'surface<TAB>value'")
        table[" ".join(surface.lower().split())] = value.strip()
        if sensitive:
            table.setdefault(surface, value.strip())
    forms = {line.partition("\t")[0].strip() for line in path.read_text(encoding="utf-8")
             .splitlines() if line.strip() and not line.startswith("#")}
    if sensitive:
        forms |= {f.upper() for f in forms}
    alternatives = trie_regex(forms)
    regex = f"(?-i:{alternatives})" if sensitive else f"(?:{alternatives})"
    return table, regex


def _load_patterns(path: Path) -> str:
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            compiled = re.compile(line)
        except re.error as exc:
            raise GrammarError(f"{path}:{number}: {exc}") from exc
        if compiled.groups:
            raise GrammarError(f"{path}:{number}: use (?:...) groups, not capturing ones")
        lines.append(line)
    lines.sort(key=len, reverse=True)
    return "(?:" + "|".join(_space(x) for x in lines) + ")"


def _expand(grammar: Grammar, pattern: str, where: str) -> tuple[str, dict[str, str]]:
    normalizers: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        kind, group = match.group(1), match.group(2)
        grammar.used.add(kind)
        if kind == "number" or kind in grammar.patterns or kind in grammar.vocab:
            body = grammar.fragment(kind)
        else:
            raise GrammarError(f"{where}: unknown placeholder {{{kind}}}")
        if group is None:
            return body
        if group in normalizers:
            raise GrammarError(f"{where}: group {group!r} used twice")
        normalizers[group] = kind
        return f"(?P<{group}>{body})"

    return _space(PLACEHOLDER.sub(replace, pattern)), normalizers


_ESCAPE_OR_PLACEHOLDER = re.compile(r"\\[A-Za-z]|\{[A-Za-z_]\w*(?::\w+)?\}|\(\?[-a-zA-Z]*[:<=!]")


def _literal_words(pattern: str) -> set[str]:
    """Words written literally in a pattern (not escapes, placeholders or group flags)."""
    words = re.findall(r"[A-Za-z]{2,}", _ESCAPE_OR_PLACEHOLDER.sub(" ", pattern))
    return {w.lower() for w in words}


def _context_regex(grammar: Grammar, pattern: str | None, where: str, before: bool):
    if not pattern:
        return None
    body, _ = _expand(grammar, pattern, where)
    return re.compile(rf"(?:{body})\s*$" if before else rf"^\s*(?:{body})", re.IGNORECASE)


def _check_record(record: dict[str, Any], where: str) -> None:
    """Refuse what the engine would silently ignore: unknown keys, types, functions,
    arguments and mods (a misspelt name would otherwise make a rule that never fires)."""
    unknown = sorted(set(record) - RULE_KEYS)
    if unknown:
        raise GrammarError(f"{where}: unknown key {unknown[0]!r} (known: "
                           f"{', '.join(sorted(RULE_KEYS))})")
    if record["type"] not in TYPES:
        raise GrammarError(f"{where}: unknown type {record['type']!r}")
    value = record.get("value")
    if value is None:
        if record["type"] != "NONE":
            raise GrammarError(f"{where}: rule without 'value'")
        return
    if not isinstance(value, dict) or "fn" not in value:
        raise GrammarError(f"{where}: 'value' must be a table with 'fn'")
    fn = value["fn"]
    if fn not in FUNCTIONS:
        raise GrammarError(f"{where}: unknown value function {fn!r} (known: "
                           f"{', '.join(sorted(FUNCTIONS))})")
    extra = sorted(set(value) - {"fn"} - PARAMETERS[fn])
    if extra:
        raise GrammarError(f"{where}: value function {fn!r} has no argument {extra[0]!r} "
                           f"(it takes: {', '.join(sorted(PARAMETERS[fn])) or 'none'})")
    mod = record.get("mod")
    if mod is not None and not GROUP_REF.match(str(mod)) and mod not in MODS:
        raise GrammarError(f"{where}: unknown mod {mod!r}")


def _compile_rule(grammar: Grammar, record: dict[str, Any], where: str) -> Rule:
    for key in ("name", "pattern", "type"):
        if key not in record:
            raise GrammarError(f"{where}: rule without {key!r}")
    where = f"{where} rule {record['name']}"
    _check_record(record, where)
    body, normalizers = _expand(grammar, record["pattern"], where)
    try:
        regex = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    except re.error as exc:
        raise GrammarError(f"{where}: {exc}") from exc
    if regex.match(""):
        raise GrammarError(f"{where}: pattern matches the empty string")
    for group in regex.groupindex:
        normalizers.setdefault(group, "")  # a plain (?P<g>...) group gives its text
    value = record.get("value", {"fn": "literal", "value": ""})
    for arg in [*value.values(), record.get("mod")]:
        ref = GROUP_REF.match(str(arg))
        if ref and ref.group(1) not in normalizers:
            raise GrammarError(f"{where}: value refers to unknown group ${ref.group(1)}")
    grammar.trigger_words.update(_literal_words(record["pattern"]))
    return Rule(
        name=record["name"], regex=regex, type=record["type"], value=value,
        mod=record.get("mod"), priority=int(record.get("priority", 0)),
        normalizers=normalizers,
        not_before=_context_regex(grammar, record.get("not_before"), where, True),
        not_after=_context_regex(grammar, record.get("not_after"), where, False),
        only_after=_context_regex(grammar, record.get("only_after"), where, True),
        only_before=_context_regex(grammar, record.get("only_before"), where, False),
        source=where, pattern=record["pattern"],
    )


@cache
def load_grammar(language: str = "en") -> Grammar:
    """Load and compile the language folder ``resources/<language>/`` (cached)."""
    folder = RESOURCES / language
    if not (folder / "rules").is_dir():
        raise GrammarError(f"no language folder with rules at {folder}")
    grammar = Grammar(language)
    numbers_file = folder / "numbers.toml"
    if numbers_file.exists():
        grammar.numbers = NumberWords.from_table(tomllib.loads(numbers_file.read_text("utf-8")))

    for path in sorted((folder / "vocab").glob("*.tsv")):
        table, regex = _load_vocab(path)
        grammar.vocab[path.stem] = table
        grammar.forms[path.stem] = [line.partition("\t")[0] for _n, line in _lines(path)]

        grammar.patterns[path.stem] = regex
    for path in sorted((folder / "patterns").glob("*.txt")):
        grammar.patterns[path.stem] = _load_patterns(path)
        grammar.forms[path.stem] = [line for _n, line in _lines(path)]

    # Patterns may use other placeholders: expand until stable (no cycles in data).
    for name, regex in list(grammar.patterns.items()):
        for _ in range(5):
            if not PLACEHOLDER.search(regex):
                break
            regex, _groups = _expand(grammar, regex, f"patterns/{name}")
        grammar.patterns[name] = regex
    for path in sorted((folder / "rules").glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise GrammarError(f"{path}: {exc}") from exc
        for index, record in enumerate(data.get("rule", []), 1):
            grammar.rules.append(_compile_rule(grammar, record, f"{path.name}#{index}"))
    _index_rules(grammar, folder)
    return grammar


def _lines(path: Path) -> list[tuple[int, str]]:
    return [(number, line) for number, line in
            enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def _index_rules(grammar: Grammar, folder: Path) -> None:
    """Give every rule its cover (see ``prefilter.py``) and the grammar one pattern that finds
    every trigger of every rule: digit runs and the words of the covers.

    A rule without a cover (none of its parts is sure to hold a trigger) falls back on the
    words of everything it uses; ``not_triggers.txt`` lists function words that never count.
    """
    stop_file = folder / "not_triggers.txt"
    stop = frozenset(line.strip().lower() for _n, line in _lines(stop_file)) if (
        stop_file.exists()) else frozenset()
    kind_covers: dict[str, Cover] = {}

    def kind_cover(kind: str) -> Cover:
        if kind not in kind_covers:
            kind_covers[kind] = None  # a cycle in the data covers nothing
            kind_covers[kind] = _kind_cover(grammar, kind, stop, cover_of)
        return kind_covers[kind]

    cover_of = PatternCover(PLACEHOLDER, kind_cover, stop, _space)
    fallback = frozenset(grammar.trigger_words) | _fallback_words(grammar, folder)
    fallback = frozenset(w for w in fallback - stop) | {DIGIT}
    for index, rule in enumerate(grammar.rules):
        cover = cover_of(rule.pattern) or fallback
        grammar.rules[index] = replace(rule, cover=cover)
    words = {key for rule in grammar.rules for key in rule.cover if key != DIGIT}
    grammar.trigger = re.compile(rf"\d+|(?<![^\W\d_]){trie_regex(words)}(?![^\W\d_])",
                                 re.IGNORECASE)


def _kind_cover(grammar: Grammar, kind: str, stop: frozenset[str], cover_of) -> Cover:
    if kind == "number" and grammar.numbers is not None:
        numbers = grammar.numbers
        if numbers.articles:
            return None  # "a" alone is a number
        return union(form_cover(w, stop) for w in [*numbers.values, *numbers.scales, "0"])
    if kind in grammar.vocab:
        return union(form_cover(form, stop) for form in grammar.forms[kind])
    if kind in grammar.forms:
        return union(cover_of(line) for line in grammar.forms[kind])
    return None


def _fallback_words(grammar: Grammar, folder: Path) -> set[str]:
    """The words of every vocabulary, pattern file and number word the rules use."""
    words: set[str] = set()
    for kind in grammar.used:
        if kind in grammar.vocab:
            words.update(w for key in grammar.vocab[kind] for w in re.findall(r"[^\W\d_]{2,}", key))
        elif kind == "number" and grammar.numbers is not None:
            numbers = grammar.numbers
            words.update(w for w in [*numbers.values, *numbers.scales] if len(w) > 1)
        elif (folder / "patterns" / f"{kind}.txt").exists():
            words.update(_literal_words((folder / "patterns" / f"{kind}.txt").read_text("utf-8")))
    return {w.lower() for w in words}
