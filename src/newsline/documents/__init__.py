"""Document model, readers and writers."""

from newsline.documents.model import Document, Event, Link, Timex
from newsline.documents.readers import iter_documents, read_document, read_stdin
from newsline.documents.writers import to_json, to_timeml

__all__ = [
    "Document", "Event", "Link", "Timex",
    "iter_documents", "read_document", "read_stdin", "to_json", "to_timeml",
]
