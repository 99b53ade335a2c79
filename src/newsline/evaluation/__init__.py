"""Evaluation: TempEval-3 timex and event scoring, error listings and the train/dev split."""

from newsline.evaluation.event_metrics import (
    EVENT_ATTRIBUTES,
    EventScores,
    format_event_table,
    match_events,
    score_events,
)
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
    "EVENT_ATTRIBUTES",
    "EventScores",
    "RELATIONS",
    "SPLITS",
    "TIMEX_TYPES",
    "TemporalGraph",
    "TimexError",
    "TimexScores",
    "TlinkScores",
    "TypeScores",
    "filter_split",
    "format_event_table",
    "format_errors",
    "format_table",
    "match_events",
    "match_timexes",
    "score_events",
    "score_timexes",
    "score_tlinks",
    "split_of",
    "timex_errors",
]
