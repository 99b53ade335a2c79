"""Property tests over the readers, the tagger and the command line, with the generators of
``benchmarks/fuzz.py`` (which runs the same checks over a million inputs; docs/fuzzing.md):
bad input is a one-line error naming the file, never a traceback; spans index the text;
values are well-formed TIMEX3."""

from __future__ import annotations

import importlib.util
import io
import random
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsline.timex.validity import is_valid_value

_SPEC = importlib.util.spec_from_file_location(
    "newsline_fuzz", Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fuzz)

seeds = st.integers(min_value=0, max_value=2**32)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(seed=seeds)
def test_readers_give_documents_or_one_line_errors(tmp_path_factory, seed: int) -> None:
    checks = fuzz.Checks()
    fuzz.fuzz_readers(random.Random(seed), 5, checks, tmp_path_factory.mktemp("in"))
    assert checks.inputs["readers"] == 5
    assert not checks.examples, checks.examples[0]


@SETTINGS
@given(seed=seeds)
def test_the_tagger_writes_valid_values_at_valid_offsets(seed: int) -> None:
    checks = fuzz.Checks()
    fuzz.fuzz_tagger(random.Random(seed), 5, checks)
    assert not [e for e in checks.examples if e["kind"] != "slow"], checks.examples[0]


def test_two_digit_decades_stay_valid_in_the_first_century() -> None:
    from newsline.timex import TimexTagger

    timexes = TimexTagger().tag("They sang of the '90s.", "0005-03-01")
    assert timexes and all(is_valid_value(t.type, t.value) for t in timexes)


def test_the_validity_check_refuses_malformed_values() -> None:
    assert is_valid_value("DATE", "2025-12-13T16:08Z")
    assert is_valid_value("DATE", "BC0241") and is_valid_value("DURATION", "P1Y6M")
    assert is_valid_value("SET", "XXXX-WXX-1") and is_valid_value("DATE", "FY2027")
    for timex_type, value in [("DATE", "2000-W7"), ("DATE", "P1D"), ("DURATION", "1997"),
                              ("DATE", "12345"), ("DATE", "-01"), ("DATE", "2025-13"),
                              ("DURATION", "PXE"), ("TIME", "")]:
        assert not is_valid_value(timex_type, value), value


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=seeds, only=st.sampled_from([["--only", "timex"], []]))
def test_the_command_line_answers_any_file_with_a_result_or_one_line(
        tmp_path_factory, seed: int, only: list[str]) -> None:
    from newsline.cli import main

    rng = random.Random(seed)
    suffix, content = fuzz.a_file(rng)
    path = tmp_path_factory.mktemp("cli") / f"article{suffix}"
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["tag", str(path), "--keep-going", *only])
    assert status in (0, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    for line in err.getvalue().splitlines():
        assert line.startswith("newsline: "), line
        assert str(path) in line, line


def test_pipeline_outputs_keep_spans_inside_the_text() -> None:
    checks = fuzz.Checks()
    fuzz.fuzz_pipeline(random.Random(7), 40, checks, batch=20)
    assert checks.inputs["pipeline"] == 40
    assert not [e for e in checks.examples if e["kind"] != "slow"], checks.examples[0]


def test_fractional_counts_are_written_without_exponents() -> None:
    from newsline.timex import TimexTagger

    timexes = TimexTagger().tag("It took a million half quarter.", "2025-01-01")
    assert timexes and all(is_valid_value(t.type, t.value) for t in timexes)
    assert all("e" not in t.value.lower().removeprefix("p") for t in timexes)
