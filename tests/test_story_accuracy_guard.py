"""Guards the story-timeline figures on ../shared/data/timeline17-dev (news-tls protocol).

The reference baseline, scored with newsline's metrics, must land where the usual tools put
it (date F1 0.676, AR1 0.140, AR2 0.039): that checks the metrics themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.evaluation.story_protocol import run_protocol

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeline17-dev"

pytestmark = pytest.mark.skipif(
    not DEV.is_dir(), reason=f"story data not found at {DEV} (../shared beside the repository)")


@pytest.fixture(scope="module")
def baseline():
    return run_protocol(DEV, ["baseline"])


def test_baseline_figures_match_the_usual_tools(baseline) -> None:
    average = baseline.average("baseline")
    assert len(baseline.cases) == 5
    assert average.dates.f1 == pytest.approx(0.676, abs=0.002)
    assert average.align[1].f1 == pytest.approx(0.140, abs=0.003)
    assert average.align[2].f1 == pytest.approx(0.039, abs=0.002)


def test_baseline_on_the_long_mj_story(baseline) -> None:
    (mj,) = [c for c in baseline.cases if c.case.story == "mj"]
    assert mj.case.dates == 38
    assert mj.scores["baseline"].dates.f1 == pytest.approx(0.34, abs=0.005)
