"""Story timelines: the dates that matter in many articles and what happened on each."""

from newsline.story.builder import build_story
from newsline.story.model import Story, StoryEntry, StorySentence

__all__ = ["Story", "StoryEntry", "StorySentence", "build_story"]
