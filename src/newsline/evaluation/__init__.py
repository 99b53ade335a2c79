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

__all__ = [
    "ERROR_KINDS",
    "SPLITS",
    "TIMEX_TYPES",
    "TimexError",
    "TimexScores",
    "TypeScores",
    "filter_split",
    "format_errors",
    "format_table",
    "match_timexes",
    "score_timexes",
    "split_of",
    "timex_errors",
]
