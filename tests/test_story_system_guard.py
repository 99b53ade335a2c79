"""Guards newsline's story figures on ../shared/data/timeline17-dev (news-tls protocol):
the learnt date ranker leave-one-story-out, and the whole system with the packaged ranker.

The issue's targets are date F1 >= 0.72, AR1 >= 0.16, AR2 >= 0.05 and mj date F1 >= 0.50;
the figures reached (docs/story.md) are 0.763 / 0.171 / 0.055 and mj 0.500. mj has 38 gold
dates, so one date is 0.026: its guard leaves one date of slack (0.47) so that a timex
tagger change that moves one single-article day does not turn main red; the average
guards stay at the targets or above.

The articles are tagged once (``newsline.story.train.load_cases``); each case's story is
then built from that material exactly as ``build_story`` builds it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeline17-dev"

pytestmark = pytest.mark.skipif(
    not DEV.is_dir(), reason=f"story data not found at {DEV} (../shared beside the repository)")


@pytest.fixture(scope="module")
def cases():
    from newsline.story.train import load_cases

    return load_cases(DEV)


def test_date_ranker_leave_one_story_out(cases) -> None:
    from newsline.story.train import leave_one_story_out

    loso = leave_one_story_out(cases)
    assert loso["average"]["f1"] >= 0.74
    assert loso["mj/bbc.co.uk"]["f1"] >= 0.47


def test_story_figures_reach_the_targets(cases) -> None:
    from newsline.evaluation.story_metrics import average_scores, score_timeline
    from newsline.story.builder import story_from_material

    scores = {}
    for case in cases:
        protocol = case.protocol
        story = story_from_material(case.material, dates=protocol.dates,
                                    sentences=protocol.sentences, start=protocol.start,
                                    end=protocol.end, query=None)
        timeline = {e.date: [s.text for s in e.sentences] for e in story.entries}
        scores[f"{case.story}/{case.name}"] = score_timeline(timeline, protocol.gold)
    average = average_scores(list(scores.values()))
    assert average.dates.f1 >= 0.74
    assert average.align[1].f1 >= 0.165
    assert average.align[2].f1 >= 0.050
    assert scores["mj/bbc.co.uk"].dates.f1 >= 0.47

