"""newsline: sourced, normalized event timelines from dated news articles."""

from newsline.documents.model import Document, Event, Link, Timex
from newsline.errors import InputError, NewslineError

__all__ = ["Document", "Event", "InputError", "Link", "NewslineError", "Timex"]
__version__ = "0.1.0"
