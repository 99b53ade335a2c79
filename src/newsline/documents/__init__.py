"""Document model, readers and writers."""

from newsline.documents.model import Document, Event, Link, Timex
from newsline.documents.readers import iter_documents, read_document, read_stdin
from newsline.documents.writers import iter_json, iter_jsonl, iter_timeml, to_json, to_timeml

__all__ = [
    "Document", "Event", "Link", "Timex",
    "iter_documents", "iter_json", "iter_jsonl", "iter_timeml", "read_document", "read_stdin",
    "to_json", "to_timeml",
]
