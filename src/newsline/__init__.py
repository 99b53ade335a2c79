"""newsline: sourced, normalized event timelines from dated news articles.

The Python API (see the README): :func:`tag` one text or document, :func:`tag_documents`
many lazily, ``timeline(documents)`` their chronology (the :mod:`newsline.timeline` package
is callable: ``newsline.timeline(docs)`` is :func:`newsline.api.timeline`), and
``story(documents, dates=..., sentences=...)`` the story timeline of many articles (the
:mod:`newsline.story` package is callable: it is :func:`newsline.story.build_story`). Every error
newsline raises on purpose is a :class:`NewslineError` (:class:`InputError` for bad input,
:class:`ModelError` for a missing model, :class:`OutputError` for an output that cannot be
written). Importing newsline loads no model: spaCy is loaded on the first call that needs
it.
"""

import newsline.story as story  # callable: newsline.story(documents, dates=..., ...)
import newsline.timeline as timeline  # callable: newsline.timeline(documents)
from newsline.api import STAGES, tag, tag_documents
from newsline.documents.model import Document, Event, Link, Timex
from newsline.errors import InputError, ModelError, NewslineError, OutputError
from newsline.story.model import Story
from newsline.timeline.model import TimelineEntry

__all__ = ["STAGES", "Document", "Event", "InputError", "Link", "ModelError", "NewslineError",
           "OutputError", "Story", "TimelineEntry", "Timex", "story", "tag", "tag_documents",
           "timeline"]
__version__ = "0.1.0"
