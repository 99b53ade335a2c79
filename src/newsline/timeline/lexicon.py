"""The language data of the timeline builder (``resources/<lang>/lexicon.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"


@dataclass(frozen=True)
class TimelineLexicon:
    """Word lists the builder consults (see the TOML file for what each one is for)."""

    listed_classes: frozenset[str]
    hypothetical_modals: frozenset[str]
    start_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    attribution_preps: tuple[tuple[str, str], ...]
    actor_labels: tuple[str, ...]
    pronouns: dict[str, tuple[str, ...]]
    negative_subjects: frozenset[str] = frozenset()
    impersonal_verbs: frozenset[str] = frozenset()


@cache
def load_lexicon(language: str = "en") -> TimelineLexicon:
    """Load ``resources/<language>/lexicon.toml`` (cached)."""
    data = tomllib.loads((RESOURCES / language / "lexicon.toml").read_text(encoding="utf-8"))
    return TimelineLexicon(
        listed_classes=frozenset(data["listed_classes"]),
        hypothetical_modals=frozenset(data["hypothetical_modals"]),
        start_verbs=frozenset(data["start_verbs"]),
        reporting_verbs=frozenset(data["reporting_verbs"]),
        attribution_preps=tuple((a, b) for a, b in data["attribution_preps"]),
        actor_labels=tuple(data["actor_labels"]),
        pronouns={k: tuple(v) for k, v in data["pronouns"].items()},
        negative_subjects=frozenset(data.get("negative_subjects", [])),
        impersonal_verbs=frozenset(data.get("impersonal_verbs", [])),
    )
