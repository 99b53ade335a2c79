"""Story timelines: the dates that matter in many articles and what happened on each.

``build_story`` is imported on first use, so that ``newsline.story.cli`` (loaded by every
``newsline`` command) does not pull in numpy and scikit-learn. The package itself is
callable: ``newsline.story(documents, dates=..., ...)`` is ``build_story(documents, ...)``.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from newsline.story.model import Story, StoryEntry, StorySentence

if TYPE_CHECKING:
    from newsline.story.builder import build_story

__all__ = ["Story", "StoryEntry", "StorySentence", "build_story"]


def __getattr__(name: str) -> Any:
    if name == "build_story":
        from newsline.story.builder import build_story

        return build_story
    raise AttributeError(f"module 'newsline.story' has no attribute {name!r}")


class _CallableModule(types.ModuleType):
    """``newsline.story(documents, **options)``: the Python API's name for build_story."""

    def __call__(self, documents: Any, **options: Any) -> Story:
        from newsline.story.builder import build_story

        return build_story(documents, **options)


sys.modules[__name__].__class__ = _CallableModule
