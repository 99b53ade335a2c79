"""Guards newsline's story figures on ../shared/data/timeline17-dev (news-tls protocol):
the learnt date ranker leave-one-story-out, and the whole system with the packaged ranker.

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
    assert loso["mj/bbc.co.uk"]["f1"] >= 0.50


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
    assert average.dates.f1 >= 0.75
    assert average.align[1].f1 >= 0.165
    assert average.align[2].f1 >= 0.050
    assert scores["mj/bbc.co.uk"].dates.f1 >= 0.50

