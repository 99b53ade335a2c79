"""Evaluation: TempEval-3 timex scoring, error listings and the train/dev split."""

from newsline.evaluation.splits import SPLITS, filter_split, split_of
from newsline.evaluation.timex_metrics import (
    ERROR_KINDS,
    TIMEX_TYPES,
    TimexError,
    TimexScores,
    TypeScores,
    format_errors,
    format_table,
    match_timexes,
    score_timexes,
    timex_errors,
)
from newsline.evaluation.tlink_metrics import (
    DCT_ID,
    RELATIONS,
    TemporalGraph,
    TlinkScores,
    score_tlinks,
)

__all__ = [
    "DCT_ID",
    "ERROR_KINDS",
    "RELATIONS",
    "SPLITS",
    "TIMEX_TYPES",
    "TemporalGraph",
    "TimexError",
    "TimexScores",
    "TlinkScores",
    "TypeScores",
    "filter_split",
    "format_errors",
    "format_table",
    "match_timexes",
    "score_timexes",
    "score_tlinks",
    "split_of",
    "timex_errors",
]
