"""Guards the story-timeline figures on ../shared/data/timeline17-dev, run end to end as
``newsline eval story`` runs them (news-tls protocol: articles read with newsline's readers,
each gold timeline's window, ``l`` and ``k`` given to ``build_story``).

The reference baseline, scored with newsline's metrics, must land where the usual tools put
it (date F1 0.676, AR1 0.140, AR2 0.039): that checks the metrics themselves. newsline's
floors are the ones of tests/test_story_system_guard.py (which builds the same stories from
material tagged once): this test checks that the command's own path reaches them too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.evaluation.story_protocol import run_protocol

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeline17-dev"

pytestmark = pytest.mark.skipif(
    not DEV.is_dir(), reason=f"story data not found at {DEV} (../shared beside the repository)")

#: floors agreed with the story system's guard; raise them together
FLOORS = {"date": 0.74, "align1": 0.165, "align2": 0.050, "mj_date": 0.47}


@pytest.fixture(scope="module")
def result():
    return run_protocol(DEV, ["newsline", "baseline"])


def test_baseline_figures_match_the_usual_tools(result) -> None:
    average = result.average("baseline")
    assert len(result.cases) == 5
    assert average.dates.f1 == pytest.approx(0.676, abs=0.002)
    assert average.align[1].f1 == pytest.approx(0.140, abs=0.003)
    assert average.align[2].f1 == pytest.approx(0.039, abs=0.002)


def test_baseline_on_the_long_mj_story(result) -> None:
    (mj,) = [c for c in result.cases if c.case.story == "mj"]
    assert mj.case.dates == 38
    assert mj.scores["baseline"].dates.f1 == pytest.approx(0.34, abs=0.005)


def test_newsline_reaches_its_floors_through_eval_story(result) -> None:
    average = result.average("newsline")
    assert average.dates.f1 >= FLOORS["date"]
    assert average.align[1].f1 >= FLOORS["align1"]
    assert average.align[2].f1 >= FLOORS["align2"]
    (mj,) = [c for c in result.cases if c.case.story == "mj"]
    assert mj.scores["newsline"].dates.f1 >= FLOORS["mj_date"]


def test_newsline_keeps_to_l_dates_and_k_sentences(result) -> None:
    for case in result.cases:
        dates, sentences = case.returned["newsline"]
        assert dates <= case.case.dates
        assert sentences <= case.case.dates * case.case.sentences


def test_newsline_beats_the_baseline_on_dates_and_align_rouge(result) -> None:
    mine, base = result.average("newsline"), result.average("baseline")
    assert mine.dates.f1 > base.dates.f1
    assert mine.align[1].f1 > base.align[1].f1 and mine.align[2].f1 > base.align[2].f1
