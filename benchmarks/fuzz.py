"""Long-running fuzzing of the readers, the TIMEX3 tagger and the whole pipeline.

Generates inputs from a seeded random source (the same seed gives the same inputs), shaped
like what a crawler or a newsroom system sends — files in every input format, good and
broken; texts dense with dates, numbers, tokenised and Unicode text — and checks, for each:

- no crash: nothing raises but a one-line ``InputError`` (and no reader failure is an
  unexpected exception turned into "cannot parse" by the readers' last-resort guard);
- no offset violation: every span satisfies ``0 <= start < end <= len(text)`` and
  ``text[start:end]`` is the span's text; links name existing ids;
- valid values: every tagger value is a well-formed TIMEX3 value for its type;
- speed: no input takes more than 1 s of CPU per 10 kB (an input under 10 kB counts as
  10 kB; CPU time of this process, so a busy machine does not count as slowness; the models
  are loaded before the clock starts).

    python benchmarks/fuzz.py --readers 150000 --tagger 840000 --pipeline 10000

prints a table of counts and failures (figures kept in docs/fuzzing.md); exit status 1 if any
check failed, with the first failing inputs written to ``--failures`` for replay.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from newsline.documents import Document
from newsline.documents import readers as reader_module
from newsline.documents.readers import iter_file
from newsline.errors import InputError
from newsline.timex import TimexTagger
from newsline.timex.validity import is_valid_value

MONTHS = ["January", "Feb.", "March", "May", "June", "Sept.", "December", "Jan", "oct"]
DAYS = ["Monday", "Tue.", "Friday", "Saturday", "sunday", "Wed"]
WORDS = ["ago", "last", "next", "the", "this", "year", "years", "month", "week", "day",
         "days", "decade", "century", "quarter", "morning", "tonight", "today", "now",
         "yesterday", "every", "early", "late", "mid", "about", "a", "one", "twenty",
         "hundred", "and", "of", "in", "on", "since", "spring", "fiscal", "1990s", "'90s",
         "noon", "a.m.", "p.m.", "EST", "GMT", "UTC", "BC", "AD", "Q3", "H2", "said",
         "killed", "will", "met", "earlier", "later", "following", "previous", "same",
         "period", "start", "end", "first", "half", "-LRB-", "-RRB-", "``", "''", "'s",
         "May", "March", "Theresa", "yards", "metres", "%", "$", "million"]
PUNCT = ["-", "/", ".", ",", ":", ";", "'", '"', "(", ")", "!", "?", "–", "—", "&", "<", ">"]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2028"]
UNICODE = ["é", "ß", "İ", "𝟙𝟡𝟡𝟠", "١٩٩٨", "二〇一三年", "３月", "ﬁ", "\u0301", "\u200b",
           "\ufeff", "😀", "Σ", "\x00", "\x7f", "\ud7ff", "\U0010ffff"]


def piece(rng: random.Random) -> str:
    """One piece of text: a time word, a number, punctuation, space or a rare character."""
    roll = rng.random()
    if roll < 0.30:
        return rng.choice(WORDS)
    if roll < 0.40:
        return rng.choice(MONTHS + DAYS)
    if roll < 0.55:
        return str(rng.choice([rng.randint(0, 31), rng.randint(1000, 2100), rng.randint(0, 10**6),
                               rng.randint(0, 10**30)]))
    if roll < 0.70:
        return rng.choice(PUNCT)
    if roll < 0.93:
        return rng.choice(SPACES)
    if roll < 0.98:
        return rng.choice(UNICODE)
    return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 4)))


def text(rng: random.Random, size: int | None = None) -> str:
    """A text of random pieces, glued with or without spaces; sometimes long and dense."""
    size = size if size is not None else rng.choice([0, 1, 3, 10, 30, 80, 200])
    sep = rng.choice(["", " ", " ", " ", ", "])
    return sep.join(piece(rng) for _ in range(size))


def dct(rng: random.Random) -> str:
    return f"{rng.randint(1, 2999):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _broken(rng: random.Random, data: bytes) -> bytes:
    """``data``, sometimes cut short, with bytes flipped, or made invalid UTF-8."""
    roll = rng.random()
    if roll < 0.1 and data:
        return data[: rng.randint(0, len(data) - 1)]
    if roll < 0.2 and data:
        spot = rng.randrange(len(data))
        return data[:spot] + bytes([rng.randint(0, 255)]) + data[spot + 1:]
    if roll < 0.25:
        return data + b"\xff\xfe"
    return data


def _record(rng: random.Random) -> object:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice([None, 3, "text", [], [1, 2], True])
    out: dict[str, object] = {}
    if rng.random() < 0.9:
        out["text"] = text(rng) if rng.random() < 0.9 else rng.choice([None, 7, ["a"], ""])
    key = rng.choice(["date", "published", "date", "when"])
    out[key] = rng.choice([dct(rng), dct(rng) + "T10:00:00Z", "yesterday", "", None, 20250101,
                           "2025-13-45", "0000-00-00"])
    for extra in ("id", "title", "source", "url"):
        if rng.random() < 0.4:
            out[extra] = rng.choice([text(rng, 2), 5, None, ["x"], {"a": 1}])
    return out


def _timeml(rng: random.Random) -> str:
    body = text(rng)
    spans = []
    for _ in range(rng.randint(0, 4)):
        tag = rng.choice(["TIMEX3", "EVENT", "s", "SIGNAL", "B"])
        attrs = rng.choice([
            f'tid="t{rng.randint(0, 9)}" type="{rng.choice(["DATE", "TIME", "DURATION", "X"])}"'
            f' value="{rng.choice([dct(rng), "P1D", "XXXX", "", "2000-W7"])}"',
            f'eid="e{rng.randint(0, 9)}" class="OCCURRENCE"', ""])
        spans.append(f"<{tag} {attrs}>{text(rng, 3)}</{tag}>")
    inner = "".join(rng.sample(spans + [body], len(spans) + 1))
    creation = (f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct(rng)}" '
                f'functionInDocument="CREATION_TIME">x</TIMEX3></DCT>'
                if rng.random() < 0.8 else "")
    links = "".join(f'<TLINK lid="l{i}" relType="BEFORE" eventInstanceID="ei{i}" '
                    f'relatedToTime="t{i}"/>' for i in range(rng.randint(0, 2)))
    return (f'<?xml version="1.0" ?>\n<TimeML>{creation}<TEXT>{inner}</TEXT>{links}'
            f"{rng.choice(['</TimeML>', '', '</TEXT>'])}")


def a_file(rng: random.Random) -> tuple[str, bytes]:
    """(suffix, content) of an input file of any supported kind, good or broken."""
    kind = rng.choice([".txt", ".txt", ".json", ".jsonl", ".jsonl", ".tml", ".html"])
    if kind == ".txt":
        header = rng.choice(["", f"date {dct(rng)}\n", f"  date {dct(rng)} ", "date 2025-02-30\n",
                             "date: 2025-01-01\r\n", "date xx\n"])
        content = header + text(rng)
    elif kind == ".json":
        records = [_record(rng) for _ in range(rng.randint(0, 4))]
        content = json.dumps(records if rng.random() < 0.7 else (records or [None])[0])
    elif kind == ".jsonl":
        lines = [json.dumps(_record(rng)) if rng.random() < 0.85 else text(rng, 3)
                 for _ in range(rng.randint(0, 6))]
        content = "\n".join(lines)
    elif kind == ".tml":
        content = _timeml(rng)
    else:
        meta = f'<meta property="article:published_time" content="{dct(rng)}">'
        content = (f"<html><head><title>{text(rng, 3)}</title>"
                   f"{meta if rng.random() < 0.7 else ''}</head><body><p>{text(rng)}</p>"
                   f"<p>{text(rng)}</p></body></html>")
    return kind, _broken(rng, content.encode("utf-8", "surrogatepass"))


class Checks:
    """Counts of inputs and failures by target and kind; keeps the first failures."""

    def __init__(self, deadline: float | None = None) -> None:
        self.deadline = deadline
        self.inputs: Counter[str] = Counter()
        self.failures: Counter[tuple[str, str]] = Counter()
        self.examples: list[dict[str, object]] = []
        self.slowest: dict[str, float] = {}

    def fail(self, target: str, kind: str, detail: object, data: object) -> None:
        self.failures[(target, kind)] += 1
        if len(self.examples) < 50:
            self.examples.append({"target": target, "kind": kind, "detail": str(detail)[:300],
                                  "input": data if isinstance(data, str) else repr(data)[:2000]})

    def out_of_time(self) -> bool:
        """Whether ``--max-seconds`` has passed (the counts so far are then reported)."""
        return self.deadline is not None and time.monotonic() > self.deadline

    def timed(self, target: str, size: int, started: float, data: object) -> None:
        """CPU seconds per 10 kB, an input under 10 kB counted as 10 kB."""
        elapsed = time.process_time() - started
        per_10kb = elapsed / max(size, 10_000) * 10_000
        self.slowest[target] = max(self.slowest.get(target, 0.0), per_10kb)
        if per_10kb > 1.0:
            self.fail(target, "slow", f"{elapsed:.3f} s for {size} characters", data)


def check_spans(checks: Checks, target: str, doc: Document, data: object,
                gold: bool = False) -> None:
    """Offsets index the text; links name existing ids; values are valid TIMEX3 (not
    checked for ``gold`` layers, which are the input's own)."""
    n = len(doc.text)
    ids = {"t0"}
    for span in [*doc.timexes, *doc.events]:
        ids.add(span.id)
        if not (0 <= span.start < span.end <= n) or doc.text[span.start:span.end] != span.text:
            checks.fail(target, "offsets", span, data)
    if gold:
        return
    for timex in doc.timexes:
        if not is_valid_value(timex.type, timex.value):
            checks.fail(target, "value", f"{timex.type} {timex.value!r} for {timex.text!r}", data)
    for link in doc.links:
        if link.source not in ids or link.target not in ids:
            checks.fail(target, "link", link, data)


def _warm_up_html(folder: Path) -> None:
    """Read one small page untimed: the HTML extractor's first call loads its tables and
    date patterns (about 2 s, once per process), a cost no input should be blamed for."""
    page = folder / "warm-up.html"
    page.write_text("<html><head><title>t</title></head><body><p>On 3 May 2024 they met."
                    "</p></body></html>", encoding="utf-8")
    list(iter_file(page, dct="2025-12-13"))
    page.unlink()


def fuzz_readers(rng: random.Random, count: int, checks: Checks, folder: Path) -> None:
    guarded: list[BaseException] = []
    original = reader_module._cannot_parse

    def record(name: str, err: BaseException) -> InputError:
        guarded.append(err)
        return original(name, err)

    reader_module._cannot_parse = record
    _warm_up_html(folder)
    try:
        for index in range(count):
            if checks.out_of_time():
                break
            suffix, content = a_file(rng)
            path = folder / f"input{suffix}"
            path.write_bytes(content)
            checks.inputs["readers"] += 1
            started = time.process_time()
            try:
                items = list(iter_file(path, dct=rng.choice([None, None, "2025-12-13"]),
                                       max_chars=rng.choice([None, 50, 100_000])))
            except Exception as err:  # noqa: BLE001 - a crash is what we count
                checks.fail("readers", f"crash {type(err).__name__}", err, content)
                continue
            checks.timed("readers", len(content), started, content)
            for err in guarded:
                checks.fail("readers", f"guarded {type(err).__name__}", err, content)
            guarded.clear()
            for item in items:
                if isinstance(item, InputError):
                    if "\n" in str(item) or str(path) not in str(item):
                        checks.fail("readers", "error message", item, content)
                elif not isinstance(item, Document) or not item.text.strip():
                    checks.fail("readers", "empty document", item, content)
                else:
                    check_spans(checks, "readers", item, content, gold=True)
            if index and index % 100_000 == 0:
                print(f"  readers: {index:,}", file=sys.stderr, flush=True)
    finally:
        reader_module._cannot_parse = original


def fuzz_tagger(rng: random.Random, count: int, checks: Checks) -> None:
    tagger = TimexTagger()
    for index in range(count):
        if checks.out_of_time():
            break
        sample = text(rng) if rng.random() < 0.98 else text(rng, rng.choice([2000, 5000]))
        when = rng.choice([dct(rng), "2025-12-13", None])
        checks.inputs["tagger"] += 1
        started = time.process_time()
        try:
            timexes = tagger.tag(sample, when)
        except Exception as err:  # noqa: BLE001
            checks.fail("tagger", f"crash {type(err).__name__}", err, sample)
            continue
        checks.timed("tagger", len(sample), started, sample)
        check_spans(checks, "tagger", Document(id="x", text=sample, timexes=timexes), sample)
        if index and index % 100_000 == 0:
            print(f"  tagger: {index:,}", file=sys.stderr, flush=True)


def _pipeline() -> Callable[[list[Document]], Iterator[Document]]:
    from newsline.pipeline import annotate

    return lambda docs: annotate(docs)


def fuzz_pipeline(rng: random.Random, count: int, checks: Checks, batch: int = 50) -> None:
    annotate = _pipeline()
    if count:
        list(annotate([Document(id="warm-up", text="It rained on Monday.", dct="2025-12-13")]))
    done = 0
    while done < count and not checks.out_of_time():
        docs = [Document(id=f"d{done + i}", text=text(rng) or "x", dct=dct(rng))
                for i in range(min(batch, count - done))]
        size = sum(len(d.text) for d in docs)
        checks.inputs["pipeline"] += len(docs)
        started = time.process_time()
        try:
            annotated = list(annotate(docs))
        except Exception as err:  # noqa: BLE001
            checks.fail("pipeline", f"crash {type(err).__name__}", err, [d.text for d in docs])
            done += len(docs)
            continue
        checks.timed("pipeline", size, started, "batch")
        for doc in annotated:
            check_spans(checks, "pipeline", doc, doc.text)
        done += len(docs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=20_000)
    parser.add_argument("--tagger", type=int, default=20_000)
    parser.add_argument("--pipeline", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--failures", default="fuzz-failures.json")
    parser.add_argument("--max-seconds", type=float,
                        help="stop after this long and report the inputs checked so far")
    args = parser.parse_args(argv)
    checks = Checks(time.monotonic() + args.max_seconds if args.max_seconds else None)
    started = time.perf_counter()
    shm = Path("/dev/shm")  # a file system in memory where there is one: the disk is slower
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else None) as folder:
        fuzz_readers(random.Random(args.seed), args.readers, checks, Path(folder))
    fuzz_tagger(random.Random(args.seed + 1), args.tagger, checks)
    fuzz_pipeline(random.Random(args.seed + 2), args.pipeline, checks)
    elapsed = time.perf_counter() - started
    print("| target | inputs | crashes | offset/link violations | invalid values | slow "
          "(> 1 s/10 kB) | other | slowest s/10 kB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for target in ("readers", "tagger", "pipeline"):
        fails = {k: v for (t, k), v in checks.failures.items() if t == target}
        crashes = sum(v for k, v in fails.items() if k.startswith(("crash", "guarded")))
        offsets = fails.get("offsets", 0) + fails.get("link", 0)
        other = sum(fails.values()) - crashes - offsets - fails.get("value", 0) - fails.get(
            "slow", 0)
        print(f"| {target} | {checks.inputs[target]:,} | {crashes} | {offsets} | "
              f"{fails.get('value', 0)} | {fails.get('slow', 0)} | {other} | "
              f"{checks.slowest.get(target, 0.0):.3f} |")
    total = sum(checks.inputs.values())
    print(f"\n{total:,} inputs in {elapsed:,.0f} s, seed {args.seed}; "
          f"{sum(checks.failures.values())} failures")
    if checks.examples:
        Path(args.failures).write_text(json.dumps(checks.examples, indent=1,
                                                  ensure_ascii=False), encoding="utf-8")
        print(f"first failures written to {args.failures}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
