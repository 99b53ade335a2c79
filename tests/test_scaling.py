"""``tag`` and ``timeline`` take linear time on adversarial texts: 4x the text in under 5x
the time (issue 12: one 20 kB sentence, text dense with dates and numbers, long digit runs,
repeated conjunctions).

The machine is shared, so each measure is the CPU time of this process (another process
does not count), with the garbage collector off, per character of text; small and large
texts are measured in turns and the medians compared.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable

import pytest

from adversarial import TEXTS
from newsline.documents import Document
from newsline.pipeline import annotate, build_timeline

#: Characters of the smaller text of each pair (the larger one is 4 times as long).
SIZES = {"one_sentence": 5_000, "dates_and_numbers": 2_500, "digit_runs": 2_500,
         "conjunctions": 2_500}
ROUNDS = 3


def _tag(doc: Document) -> None:
    list(annotate([doc]))


def _timeline(doc: Document) -> None:
    build_timeline([doc])


COMMANDS: dict[str, Callable[[Document], None]] = {"tag": _tag, "timeline": _timeline}


def _cpu_per_char(command: Callable[[Document], None], text: str) -> float:
    doc = Document(id="adversarial", text=text, dct="2025-12-13")
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        command(doc)
        return (time.process_time() - started) / len(text)
    finally:
        gc.enable()


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_four_times_the_text_takes_under_five_times_the_time(kind: str, command: str) -> None:
    run, make, n = COMMANDS[command], TEXTS[kind], SIZES[kind]
    small_text, large_text = make(n), make(4 * n)
    run(Document(id="warm-up", text=make(500), dct="2025-12-13"))  # models loaded
    small, large = [], []
    for _ in range(ROUNDS):
        small.append(_cpu_per_char(run, small_text))
        large.append(_cpu_per_char(run, large_text))
    ratio = statistics.median(large) / statistics.median(small)
    assert ratio < 1.25, f"{kind}, {command}: 4x the text took {4 * ratio:.1f}x the time"
