"""Story-timeline metrics on small cases worked out by hand (ROUGE-1.5.5 -n 2 -m -s,
date F1, concat and align+ m:1 of Martschat & Markert 2017)."""

from __future__ import annotations

import pytest

from newsline.evaluation.story_metrics import (
    PRF,
    Summary,
    align_m1_rouge,
    approximate_rouge1,
    as_day,
    average_scores,
    concat_rouge,
    date_scores,
    mean_prf,
    rouge_tokens,
    score_timeline,
    stem,
    stop_words,
)


def close(prf: PRF, precision: float, recall: float) -> bool:
    return prf.precision == pytest.approx(precision) and prf.recall == pytest.approx(recall)


# --- tokens: case, characters, stop words, stemming -------------------------------------

def test_tokens_are_lower_case_letters_and_digits_split_at_everything_else() -> None:
    assert rouge_tokens("Storm-hit ZONE 2010,death") == ["storm", "hit", "zone", "2010", "death"]


def test_smart_stop_words_are_dropped_with_rouge_additions() -> None:
    # "the", "were", "and" are SMART words; "news" and "may" are ROUGE-1.5.5's additions;
    # the single letters of "U.S." are in the list too
    assert rouge_tokens("The news and the U.S. were there in May") == []
    # ROUGE's copy of the list has no "first"
    assert rouge_tokens("first") == ["first"]


def test_stop_word_list_is_the_shipped_file() -> None:
    words = stop_words()
    assert {"a", "the", "reuters", "amid", "z"} <= words
    assert "last" not in words and "name" not in words and "quake" not in words
    assert not any(w.startswith("#") for w in words)


def test_porter_stems_only_tokens_longer_than_three_characters() -> None:
    assert stem("running") == "run"
    assert stem("runners") == "runner"
    assert stem("officials") == "offici"
    assert stem("buses") == "buse"
    assert stem("bus") == "bus"  # three letters: left as it is (Porter alone gives "bu")
    assert rouge_tokens("Officials said buses were running") == ["offici", "buse", "run"]


def test_treebank_brackets_count_as_words_as_in_rouge() -> None:
    assert rouge_tokens("-LRB- CDC -RRB-") == ["lrb", "cdc", "rrb"]


# --- dates ---------------------------------------------------------------------------------

def test_date_precision_and_recall_count_exact_days() -> None:
    system = {"2010-01-12": ["a"], "2010-01-13": ["b"], "2010-01-14": ["c"]}
    gold = {"2010-01-13": ["b"], "2010-01-14": ["c"], "2010-01-20": ["d"],
            "2010-01-21": ["e"]}
    scores = date_scores(system, gold)
    assert close(scores, 2 / 3, 2 / 4)
    assert scores.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_a_month_never_matches_a_day_and_stands_for_its_first_day() -> None:
    assert date_scores({"2010-01": ["x"]}, {"2010-01-01": ["x"]}).f1 == 0
    assert as_day("2010-01").isoformat() == "2010-01-01"
    assert as_day("2010").isoformat() == "2010-01-01"


# --- concat ----------------------------------------------------------------------------------

def test_concat_counts_unigrams_and_bigrams_over_all_sentences() -> None:
    system = {"2010-01-12": ["Flood hit town"]}
    gold = {"2010-01-12": ["Flood hit city"], "2010-01-15": ["town"]}
    scores = concat_rouge(system, gold)
    # unigrams: system flood hit town; gold flood hit citi town -> 3 hits
    assert close(scores[1], 3 / 3, 3 / 4)
    # bigrams: system (flood hit) (hit town); gold (flood hit) (hit citi) (citi town): the
    # gold bigram "citi town" runs across its two sentences, as ROUGE joins them
    assert close(scores[2], 1 / 2, 1 / 3)


def test_concat_clips_repeated_words() -> None:
    system = {"2010-01-12": ["quake quake quake"]}
    gold = {"2010-01-12": ["quake toll"]}
    assert close(concat_rouge(system, gold)[1], 1 / 3, 1 / 2)


# --- align+ m:1 --------------------------------------------------------------------------------

QUAKE = "Earthquake hits Haiti"           # earthquak hit haiti
TOLL = "Haiti earthquake toll"            # haiti earthquak toll
AFTERSHOCK = "Aftershock shakes port"     # aftershock shake port


def test_align_same_day_is_plain_rouge() -> None:
    timeline = {"2010-01-12": [QUAKE], "2010-01-20": [AFTERSHOCK]}
    scores = align_m1_rouge(timeline, timeline)
    assert close(scores[1], 1, 1) and close(scores[2], 1, 1)


def test_align_weights_matches_by_day_distance() -> None:
    system = {"2010-01-13": [QUAKE], "2010-01-20": [AFTERSHOCK]}
    gold = {"2010-01-12": [QUAKE], "2010-01-20": [AFTERSHOCK]}
    scores = align_m1_rouge(system, gold)
    # 13th -> 12th (one day off: weight 1/2, 3 hits), 20th -> 20th (3 hits); 6 unigrams
    assert close(scores[1], (1.5 + 3) / 6, (1.5 + 3) / 6)
    # bigrams: 2 a day, the same weights
    assert close(scores[2], (1 + 2) / 4, (1 + 2) / 4)


def test_align_many_system_days_may_map_to_one_gold_day() -> None:
    system = {"2010-01-12": [QUAKE], "2010-01-14": [TOLL]}
    gold = {"2010-01-12": [QUAKE]}
    scores = align_m1_rouge(system, gold)
    # precision: both go to the 12th; the 14th matches haiti, earthquak at weight 1/3
    assert close(scores[1], (3 + 2 / 3) / 6, 3 / 3)
    # bigrams of the 14th: (haiti earthquak) (earthquak toll): no hit
    assert close(scores[2], 2 / 4, 2 / 2)


def test_align_cost_prefers_a_farther_day_with_the_same_words() -> None:
    system = {"2010-01-15": [AFTERSHOCK]}
    gold = {"2010-01-14": [QUAKE], "2010-01-17": [AFTERSHOCK]}
    # cost to the 14th: (1 - 1/2) * (1 - 0) = 0.5; to the 17th: (1 - 1/3) * (1 - 1) = 0
    scores = align_m1_rouge(system, gold)
    assert close(scores[1], 3 * (1 / 3) / 3, (0 + 3 * (1 / 3)) / 6)


def test_align_ties_go_to_the_earlier_day() -> None:
    system = {"2010-01-15": ["storm"]}
    gold = {"2010-01-14": ["storm"], "2010-01-16": ["storm"]}
    # both gold days cost the same: the first in date order is taken (weight 1/2)
    assert close(align_m1_rouge(system, gold)[1], 0.5, (0.5 + 0.5) / 2)


def test_align_of_an_empty_system_scores_zero() -> None:
    scores = align_m1_rouge({}, {"2010-01-12": [QUAKE]})
    assert scores[1] == PRF(0.0, 0.0) and scores[1].f1 == 0.0


def test_alignment_similarity_uses_raw_tokens_with_case() -> None:
    similarity = approximate_rouge1(Summary.of(["The flood"]), Summary.of(["the flood"]))
    assert similarity == pytest.approx(0.5)  # only "flood" is shared


# --- averages ----------------------------------------------------------------------------------

def test_averages_take_f1_of_mean_precision_and_mean_recall() -> None:
    average = mean_prf([PRF(1.0, 0.0), PRF(0.0, 1.0)])
    assert close(average, 0.5, 0.5)
    assert average.f1 == pytest.approx(0.5)  # the mean of the two F1 would be 0


def test_score_timeline_and_average_hold_every_figure() -> None:
    gold = {"2010-01-12": [QUAKE]}
    perfect = score_timeline(gold, gold)
    empty = score_timeline({}, gold)
    assert set(perfect.to_dict()) == {"date", "concat_rouge1", "concat_rouge2",
                                      "align_m1_rouge1", "align_m1_rouge2"}
    average = average_scores([perfect, empty])
    assert close(average.dates, 0.5, 0.5)
    assert close(average.align[1], 0.5, 0.5)
