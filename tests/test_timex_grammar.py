"""Tests of the TIMEX3 language data and its loader, and of the number and calendar engines.

The data tests read the files as written (vocab, patterns, rules) so that a failure names the
file and line to fix; the loader tests build broken language folders in ``tmp_path``.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from newsline.timex import grammar as grammar_module
from newsline.timex.calendar import easter, nth_weekday, render, shift, valid_day
from newsline.timex.grammar import RESOURCES, GrammarError, load_grammar

LANGUAGES = sorted(p.name for p in RESOURCES.iterdir()
                   if p.is_dir() and not p.name.startswith(("_", ".")))
EN = RESOURCES / "en"


def _data_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, line) of the non-blank, non-comment lines of a data file."""
    return [(number, line) for number, line in
            enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def _rule_records(folder: Path) -> list[tuple[str, int, dict]]:
    """(file name, index, raw record) of every ``[[rule]]`` in a folder's rules/*.toml."""
    records = []
    for path in sorted((folder / "rules").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for index, record in enumerate(data.get("rule", []), 1):
            records.append((path.name, index, record))
    return records


EN_RECORDS = _rule_records(EN)


# --------------------------------------------------------------------------- language folders

def test_there_is_an_english_folder():
    assert "en" in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_folder_has_rules_and_loads(language):
    folder = RESOURCES / language
    assert (folder / "rules").is_dir(), f"{folder}: no rules/ folder"
    assert list((folder / "rules").glob("*.toml")), f"{folder}/rules: no *.toml rule files"
    grammar = load_grammar(language)
    assert grammar.language == language
    assert grammar.rules, f"{folder}: no rules loaded"


@pytest.mark.parametrize("language", LANGUAGES)
def test_vocab_lines_are_surface_tab_value(language):
    problems = []
    for path in sorted((RESOURCES / language / "vocab").glob("*.tsv")):
        for number, line in _data_lines(path):
            parts = line.split("\t")
            if len(parts) != 2:
                problems.append(f"{path.name}:{number}: {len(parts)} columns in {line!r}")
            elif not parts[0].strip() or not parts[1].strip():
                problems.append(f"{path.name}:{number}: empty surface or value in {line!r}")
            elif parts[0] != parts[0].strip() or parts[1] != parts[1].strip():
                problems.append(f"{path.name}:{number}: stray white space in {line!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_vocab_has_no_surface_with_two_values(language):
    problems = []
    for path in sorted((RESOURCES / language / "vocab").glob("*.tsv")):
        seen: dict[str, tuple[int, str]] = {}
        for number, line in _data_lines(path):
            surface, _, value = line.partition("\t")
            key = " ".join(surface.lower().split())  # the loader's lookup key
            value = value.strip()
            if key in seen and seen[key][1] != value:
                first, other = seen[key]
                problems.append(f"{path.name}:{number}: {surface!r} -> {value!r}, but line "
                                f"{first} gives {other!r}")
            seen.setdefault(key, (number, value))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_rule_names_are_unique(language):
    where: dict[str, str] = {}
    problems = []
    for file_name, index, record in _rule_records(RESOURCES / language):
        name = record.get("name")
        here = f"{file_name}#{index}"
        if name in where:
            problems.append(f"{here}: rule name {name!r} already used at {where[name]}")
        where.setdefault(name, here)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_has_an_example(language):
    missing = [f"{file_name}#{index} rule {record.get('name')}"
               for file_name, index, record in _rule_records(RESOURCES / language)
               if not str(record.get("example", "")).strip()]
    assert not missing, "rules without an example:\n" + "\n".join(missing)


# Known mismatches between a rule and its example (the lead's work list; strict xfail).
EXAMPLE_MISMATCHES = {
    "ordinal_second_is_not_a_duration": "the following word is a lookahead: the match is "
                                        "'a second', never 'a second unit'",
}


def _example_param(file_name: str, record: dict):
    name = str(record.get("name"))
    reason = EXAMPLE_MISMATCHES.get(name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(file_name, record, id=name, marks=marks)


@pytest.mark.parametrize(
    ("file_name", "record"),
    [_example_param(f, r) for f, _i, r in EN_RECORDS if "example" in r],
)
def test_rule_example_is_matched_in_full(file_name, record):
    rules = {rule.name: rule for rule in load_grammar("en").rules}
    rule = rules[record["name"]]
    example = record["example"]
    if "context" in record:  # a rule that reads the text around its span (a lookahead)
        context = record["context"]
        assert example in context, f"{file_name} rule {rule.name}: example not in context"
        start = context.index(example)
        match = rule.regex.match(context, start)
        assert match is not None and match.end() == start + len(example), (
            f"{file_name} rule {rule.name}: {example!r} is not its match in {context!r}")
        return
    match = rule.regex.fullmatch(example)
    assert match is not None, (
        f"{file_name} rule {rule.name}: example {example!r} is not matched in full "
        f"(search gives {getattr(rule.regex.search(example), 'group', lambda: None)()!r})")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_rule_matches_the_empty_string(language):
    problems = [rule.source for rule in load_grammar(language).rules
                if rule.regex.search("") is not None]
    assert not problems, "rules matching the empty string:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_context_pattern_matches_the_empty_string(language):
    # An empty not_before / not_after would switch its rule off everywhere.
    problems = []
    for rule in load_grammar(language).rules:
        for key in ("not_before", "not_after"):
            regex = getattr(rule, key)
            if regex is not None and regex.search("") is not None:
                problems.append(f"{rule.source}: {key}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_placeholder_matches_the_empty_string(language):
    grammar = load_grammar(language)
    problems = [name for name, body in grammar.patterns.items()
                if re.fullmatch(body, "", re.IGNORECASE) is not None]
    assert not problems, "vocab/patterns matching the empty string: " + ", ".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pattern_files_have_no_capturing_groups(language):
    problems = []
    for path in sorted((RESOURCES / language / "patterns").glob("*.txt")):
        for number, line in _data_lines(path):
            try:
                groups = re.compile(line).groups
            except re.error as exc:
                problems.append(f"{path.name}:{number}: {exc}")
                continue
            if groups:
                problems.append(f"{path.name}:{number}: capturing group in {line!r}")
    assert not problems, "\n".join(problems)


def test_rule_types_are_timex3_types_or_none():
    types = {rule.type for rule in load_grammar("en").rules}
    assert types <= {"DATE", "TIME", "DURATION", "SET", "NONE"}


# --------------------------------------------------------------------------- broken folders

VALID_RULE = """
[[rule]]
name = "month_year"
example = "March 2013"
pattern = '{month:m} {year:y}'
type = "DATE"
value = { fn = "date", year = "$y", month = "$m" }
"""


def _folder(root: Path, rules: str = VALID_RULE, patterns: dict[str, str] | None = None,
            vocab: dict[str, str] | None = None) -> Path:
    """A small language folder ``root/xx`` with the given rules, patterns and vocabularies."""
    folder = root / "xx"
    (folder / "rules").mkdir(parents=True)
    (folder / "patterns").mkdir()
    (folder / "vocab").mkdir()
    (folder / "rules" / "10_test.toml").write_text(rules, encoding="utf-8")
    all_patterns = {"year": "1[5-9]\\d\\d\n20\\d\\d\n", **(patterns or {})}
    for name, text in all_patterns.items():
        (folder / "patterns" / f"{name}.txt").write_text(text, encoding="utf-8")
    all_vocab = {"month": "# FORMAT: surface<TAB>value\nMarch\t3\nApril\t4\n", **(vocab or {})}
    for name, text in all_vocab.items():
        (folder / "vocab" / f"{name}.tsv").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def tmp_resources(tmp_path, monkeypatch):
    monkeypatch.setattr(grammar_module, "RESOURCES", tmp_path)
    return tmp_path


def _load(language: str = "xx"):
    return load_grammar.__wrapped__(language)  # uncached: never pollutes load_grammar's cache


def test_minimal_tmp_folder_loads(tmp_resources):
    _folder(tmp_resources)
    grammar = _load()
    assert [rule.name for rule in grammar.rules] == ["month_year"]
    assert grammar.rules[0].regex.fullmatch("March 2013")
    assert grammar.normalize("month", "april") == "4"


def test_missing_rules_folder(tmp_resources):
    (tmp_resources / "xx").mkdir()
    with pytest.raises(GrammarError, match="xx"):
        _load()


def test_unknown_placeholder_names_the_file(tmp_resources):
    _folder(tmp_resources, rules=VALID_RULE.replace("{year:y}", "{no_such_thing:y}"))
    with pytest.raises(GrammarError, match=r"10_test\.toml.*no_such_thing"):
        _load()


def test_capturing_group_in_pattern_file_names_the_file(tmp_resources):
    _folder(tmp_resources, patterns={"bad": "# a comment\n(\\d+)th\n"})
    with pytest.raises(GrammarError, match=r"bad\.txt:2"):
        _load()


def test_bad_regex_in_pattern_file_names_the_file(tmp_resources):
    _folder(tmp_resources, patterns={"bad": "[0-9\n"})
    with pytest.raises(GrammarError, match=r"bad\.txt:1"):
        _load()


def test_bad_toml_names_the_file(tmp_resources):
    _folder(tmp_resources, rules='[[rule]]\nname = "oops\n')
    with pytest.raises(GrammarError, match=r"10_test\.toml"):
        _load()


def test_value_referring_to_unknown_group_names_the_file(tmp_resources):
    _folder(tmp_resources, rules=VALID_RULE.replace('month = "$m"', 'month = "$mm"'))
    with pytest.raises(GrammarError, match=r"10_test\.toml.*\$mm"):
        _load()


def test_mod_referring_to_unknown_group_names_the_file(tmp_resources):
    _folder(tmp_resources, rules=VALID_RULE + 'mod = "$nope"\n')
    with pytest.raises(GrammarError, match=r"10_test\.toml.*\$nope"):
        _load()


def test_group_used_twice_names_the_file(tmp_resources):
    _folder(tmp_resources, rules=VALID_RULE.replace("{year:y}", "{year:m}"))
    with pytest.raises(GrammarError, match=r"10_test\.toml.*'m'"):
        _load()


def test_rule_without_pattern_names_the_file(tmp_resources):
    _folder(tmp_resources, rules='[[rule]]\nname = "x"\ntype = "DATE"\n')
    with pytest.raises(GrammarError, match=r"10_test\.toml.*pattern"):
        _load()


def test_rule_matching_the_empty_string_is_refused(tmp_resources):
    _folder(tmp_resources, rules=VALID_RULE.replace("'{month:m} {year:y}'", "'(?:{year})?'"))
    with pytest.raises(GrammarError, match=r"10_test\.toml.*empty string"):
        _load()


def test_vocab_line_without_tab_names_file_and_line(tmp_resources):
    _folder(tmp_resources, vocab={"month": "# FORMAT\nMarch\t3\nApril 4\n"})
    with pytest.raises(GrammarError, match=r"month\.tsv:3"):
        _load()


# --------------------------------------------------------------------------- numbers

@pytest.fixture(scope="module")
def numbers():
    words = load_grammar("en").numbers
    assert words is not None
    return words


@pytest.mark.parametrize(("text", "value"), [
    ("one hundred and twenty", 120),
    ("twenty-five", 25),
    ("twenty five", 25),
    ("a", 1),
    ("an", 1),
    ("half", 0.5),
    ("two and a half", 2.5),
    ("1,000", 1000),
    ("3.5", 3.5),
    ("a hundred", 100),
    ("three thousand", 3000),
    ("two million", 2_000_000),
    ("One Hundred", 100),
    ("120", 120),
    ("zero", 0),
])
def test_number_words(numbers, text, value):
    assert numbers.parse(text) == value


@pytest.mark.parametrize("text", ["fish", "", "twenty fish", "and"])
def test_not_a_number(numbers, text):
    assert numbers.parse(text) is None


@pytest.mark.parametrize("text", [
    "one hundred and twenty", "twenty-five", "a hundred", "1,000", "3.5", "seven", "a",
])
def test_number_pattern_matches_in_full(numbers, text):
    assert re.fullmatch(numbers.pattern, text, re.IGNORECASE)


# --------------------------------------------------------------------------- calendar

@pytest.mark.parametrize(("day", "unit", "value"), [
    (date(2024, 12, 30), "W", "2025-W01"),   # a Monday in ISO week 1 of 2025
    (date(2021, 1, 3), "W", "2020-W53"),     # a Sunday still in 2020's week 53
    (date(2025, 12, 13), "W", "2025-W50"),
    (date(2025, 12, 13), "WE", "2025-W50-WE"),
    (date(2025, 12, 13), "D", "2025-12-13"),
    (date(2025, 12, 13), "M", "2025-12"),
    (date(2025, 12, 13), "Y", "2025"),
    (date(2025, 12, 13), "Q", "2025-Q4"),
    (date(2025, 3, 31), "Q", "2025-Q1"),
    (date(2025, 4, 1), "Q", "2025-Q2"),
    (date(2025, 6, 30), "H", "2025-H1"),
    (date(2025, 7, 1), "H", "2025-H2"),
    (date(1999, 12, 31), "DE", "199"),
    (date(2000, 1, 1), "DE", "200"),
    (date(1999, 1, 1), "CE", "19"),
    (date(2013, 3, 22), "CE", "20"),
])
def test_render(day, unit, value):
    assert render(day, unit) == value


@pytest.mark.parametrize(("day", "unit", "amount", "result"), [
    (date(2024, 1, 3), "W", -1, date(2023, 12, 27)),
    (date(2024, 2, 29), "Y", 1, date(2025, 2, 28)),    # clipped to the month's end
    (date(2024, 2, 29), "Y", 4, date(2028, 2, 29)),
    (date(2024, 2, 29), "Y", -1, date(2023, 2, 28)),
    (date(2025, 1, 31), "M", 1, date(2025, 2, 28)),
    (date(2025, 12, 13), "M", 1, date(2026, 1, 13)),
    (date(2025, 12, 31), "D", 1, date(2026, 1, 1)),
    (date(2025, 1, 15), "Q", -1, date(2024, 10, 15)),
    (date(2025, 12, 13), "H", -1, date(2025, 6, 13)),
    (date(2025, 12, 13), "DE", -1, date(2015, 12, 13)),
    (date(2025, 12, 13), "CE", 1, date(2125, 12, 13)),
])
def test_shift(day, unit, amount, result):
    assert shift(day, unit, amount) == result


def test_shift_then_render_across_year_end():
    assert render(shift(date(2024, 1, 3), "W", -1), "W") == "2023-W52"
    assert render(shift(date(2025, 12, 29), "W", 0), "W") == "2026-W01"
    assert render(shift(date(2025, 1, 15), "Q", -1), "Q") == "2024-Q4"
    assert render(shift(date(2025, 3, 1), "H", -1), "H") == "2024-H2"


def test_unknown_unit_is_an_error():
    with pytest.raises(ValueError):
        shift(date(2025, 1, 1), "FOO", 1)
    with pytest.raises(ValueError):
        render(date(2025, 1, 1), "FOO")


@pytest.mark.parametrize(("args", "result"), [
    ((2025, 11, 4, 4), date(2025, 11, 27)),   # US Thanksgiving: 4th Thursday of November
    ((2025, 9, 1, 1), date(2025, 9, 1)),      # Labor Day: 1st Monday of September
    ((2013, 5, 1, -1), date(2013, 5, 27)),    # Memorial Day: last Monday of May
    ((2024, 2, 4, -1), date(2024, 2, 29)),    # the last Thursday is the leap day
])
def test_nth_weekday(args, result):
    assert nth_weekday(*args) == result


@pytest.mark.parametrize(("year", "day"), [
    (2024, date(2024, 3, 31)),
    (2013, date(2013, 3, 31)),
    (2025, date(2025, 4, 20)),
    (2000, date(2000, 4, 23)),
])
def test_easter(year, day):
    assert easter(year) == day


def test_valid_day():
    assert valid_day(2024, 2, 29)
    assert not valid_day(2025, 2, 29)
    assert not valid_day(2025, 13, 1)
    assert not valid_day(2025, 4, 31)


# Rules are checked when they load: a misspelt name is an error naming the file and the rule.

@pytest.mark.parametrize(("broken", "message"), [
    (VALID_RULE.replace('fn = "date"', 'fn = "dat"'), r"10_test\.toml#1 rule month_year.*'dat'"),
    (VALID_RULE.replace('month = "$m"', 'mnth = "$m"'),
     r"10_test\.toml#1 rule month_year.*no argument 'mnth'"),
    (VALID_RULE + "not_afer = 'x'\n", r"10_test\.toml#1 rule month_year.*unknown key 'not_afer'"),
    (VALID_RULE.replace('type = "DATE"', 'type = "DAET"'),
     r"10_test\.toml#1 rule month_year.*unknown type 'DAET'"),
    (VALID_RULE + 'mod = "BEGINNING"\n', r"10_test\.toml#1 rule month_year.*unknown mod"),
    (VALID_RULE.replace('value = { fn = "date", year = "$y", month = "$m" }\n', ""),
     r"10_test\.toml#1 rule month_year.*without 'value'"),
    (VALID_RULE.replace('value = { fn = "date", ', 'value = { '),
     r"10_test\.toml#1 rule month_year.*'fn'"),
], ids=["function", "argument", "key", "type", "mod", "no value", "no fn"])
def test_misspelt_rule_is_refused_naming_file_and_rule(tmp_resources, broken, message):
    _folder(tmp_resources, rules=broken)
    with pytest.raises(GrammarError, match=message):
        _load()


def test_rule_that_names_a_second_rule_is_reported_by_its_own_name(tmp_resources):
    second = VALID_RULE.replace("month_year", "other").replace('fn = "date"', 'fn = "nope"')
    _folder(tmp_resources, rules=VALID_RULE + second)
    with pytest.raises(GrammarError, match=r"10_test\.toml#2 rule other"):
        _load()
