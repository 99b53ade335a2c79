"""TIMEX3 recognition and normalization."""

from newsline.timex.tagger import TimexTagger

__all__ = ["TimexTagger"]
