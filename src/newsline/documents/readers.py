"""Reading input files into Documents: plain text, TimeML, JSON/JSONL, HTML and stdin.

Every problem with the input is raised as a one-line :class:`InputError` naming the file.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsline.documents._common import date_part, decode_utf8, one_line, resolve_dct
from newsline.documents.model import Document
from newsline.documents.timeml import parse_timeml
from newsline.errors import InputError

__all__ = [
    "SUPPORTED_EXTENSIONS", "iter_documents", "parse_text", "read_document", "read_stdin",
    "resolve_dct",
]

SUPPORTED_EXTENSIONS = (".txt", ".tml", ".xml", ".json", ".jsonl", ".html", ".htm")

_HEADER = re.compile(
    r"\s*date(?:[ \t]*:[ \t]*|[ \t]+)(\S+)[ \t]*(?:\r\n|\r|\n)?", re.IGNORECASE
)
_DATE_LIKE = re.compile(r"\d{1,4}-\d{1,2}-\d{1,2}")

_HINTS = {
    "text": "add a 'date YYYY-MM-DD' header or pass --dct",
    "timeml": "no TIMEX3 with functionInDocument=\"CREATION_TIME\"; pass --dct",
    "json": "add a 'date' or 'published' field or pass --dct",
    "html": "none found in the page; pass --dct",
}


def parse_text(content: str, path: str, doc_id: str) -> Document:
    """A plain-text Document; an initial ``date YYYY-MM-DD`` header gives ``dct``.

    The header may follow leading whitespace, and the body may start on the same line or
    the next; the header is not part of ``Document.text``.
    """
    dct = None
    match = _HEADER.match(content)
    if match and _DATE_LIKE.fullmatch(match.group(1)):
        dct = date_part(match.group(1))
        if dct is None:
            raise InputError(path, f"bad date {match.group(1)!r} in the date header "
                                   "(expected YYYY-MM-DD)")
        content = content[match.end():]
    if not content.strip():
        raise InputError(path, "no text after the date header")
    return Document(id=doc_id, text=content, dct=dct)


def _record(record: Any, where: str, path: str, doc_id: str) -> Document:
    if not isinstance(record, dict):
        raise InputError(path, f"{where}: expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise InputError(path, f"{where}: missing 'text' field")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, f"{where}: 'text' must be a non-empty string")
    dct = None
    for key in ("date", "published"):
        value = record.get(key)
        if value is None or value == "":
            continue
        dct = date_part(value) if isinstance(value, str) else None
        if dct is None:
            raise InputError(path, f"{where}: bad {key!r} value {value!r} "
                                   "(expected an ISO date or datetime)")
        break
    if record.get("id") not in (None, ""):
        doc_id = str(record["id"])
    meta = {k: record[k] for k in ("title", "url", "source") if record.get(k) not in (None, "")}
    return Document(id=doc_id, text=text, dct=dct, meta=meta)


def _parse_json(content: str, path: str, stem: str) -> list[Document]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as err:
        raise InputError(path, f"malformed JSON at line {err.lineno}, column {err.colno}: "
                               f"{err.msg}") from None
    if isinstance(data, dict):
        return [_record(data, "record 1", path, f"{stem}:1")]
    if not isinstance(data, list):
        raise InputError(path, "expected a JSON object or a list of objects")
    if not data:
        raise InputError(path, "empty JSON list")
    return [_record(r, f"record {i}", path, f"{stem}:{i}") for i, r in enumerate(data, 1)]


def _parse_jsonl(content: str, path: str, stem: str) -> list[Document]:
    docs = []
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(path, f"malformed JSON on line {number}, column {err.colno}: "
                                   f"{err.msg}") from None
        docs.append(_record(record, f"line {number}", path, f"{stem}:{number}"))
    return docs


def _parse_html(content: str, path: str, stem: str) -> Document:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a declared dependency
        raise InputError(path, "reading HTML needs trafilatura (pip install trafilatura)") from None
    params = {"original_date": True, "extensive_search": False, "min_date": "1900-01-01"}
    result = trafilatura.bare_extraction(
        content, with_metadata=True, date_extraction_params=params, favor_recall=True,
    )
    if result is None:
        raise InputError(path, "no article text found in the page")
    fields = result if isinstance(result, dict) else {
        key: getattr(result, key, None) for key in ("text", "date", "title", "url")
    }
    text = fields.get("text") or ""
    if not text.strip():
        raise InputError(path, "no article text found in the page")
    text = _paragraphs(text, fields.get("title"))
    dct = date_part(fields["date"]) if isinstance(fields.get("date"), str) else None
    meta = {k: fields[k] for k in ("title", "url") if fields.get(k)}
    return Document(id=stem, text=text, dct=dct, meta=meta)


def _paragraphs(text: str, title: str | None) -> str:
    """The extractor's text (a paragraph a line) with a blank line between paragraphs, so
    that no sentence runs over a paragraph's end; a first line repeating the page title
    (the headline, kept as the title) is left out of the text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if title and len(lines) > 1 and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]
    return "\n\n".join(lines)


def _parse(content: str, suffix: str, path: str, stem: str) -> tuple[list[Document], str]:
    if suffix == ".txt":
        return [parse_text(content, path, stem)], "text"
    if suffix in (".tml", ".xml"):
        return [parse_timeml(content, path, stem)], "timeml"
    if suffix == ".json":
        return _parse_json(content, path, stem), "json"
    if suffix == ".jsonl":
        return _parse_jsonl(content, path, stem), "json"
    return [_parse_html(content, path, stem)], "html"


def _finish(docs: list[Document], path: str, dct: str | None, kind: str) -> list[Document]:
    """Apply the ``--dct`` override and refuse documents without any date."""
    for doc in docs:
        if dct is not None:
            doc.dct = dct
        elif doc.dct is None:
            where = f"record {doc.id!r}: " if kind == "json" else ""
            raise InputError(path, f"{where}no publication date ({_HINTS[kind]})")
    return docs


def read_document(path: str | Path, dct: str | None = None) -> list[Document]:
    """Read one file into Documents (JSON and JSONL files may hold several).

    The format follows the extension (.txt, .tml/.xml, .json, .jsonl, .html/.htm).
    ``dct`` (YYYY-MM-DD or ``today``) overrides any date found in the file. Raises
    InputError for unreadable, empty, non-UTF-8 or malformed input, and for a document
    with no date when no ``dct`` is given.
    """
    name = str(path)
    path = Path(path)
    dct = resolve_dct(dct)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        raise InputError(name, f"unsupported file type {suffix or '(no extension)'!r} "
                               f"(expected one of {' '.join(SUPPORTED_EXTENSIONS)})")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror or one_line(err)}") from None
    content = decode_utf8(data, name)
    try:
        docs, kind = _parse(content, suffix, name, path.stem)
    except InputError:
        raise
    except Exception as err:  # any other failure on bad input still gets a one-line error
        raise InputError(name, f"cannot parse: {one_line(err) or type(err).__name__}") from None
    return _finish(docs, name, dct, kind)


def read_stdin(dct: str | None = None) -> Document:
    """Read plain text from standard input (same date-header rule as .txt), id ``stdin``."""
    name = "<stdin>"
    dct = resolve_dct(dct)
    try:
        data = sys.stdin.buffer.read()
    except (OSError, ValueError, AttributeError) as err:
        raise InputError(name, f"cannot read: {one_line(err)}") from None
    doc = parse_text(decode_utf8(data, name), name, "stdin")
    return _finish([doc], name, dct, "text")[0]


def _walk(directory: Path) -> list[Path]:
    """Supported files below ``directory``, recursively, sorted; hidden names are skipped."""
    found = [
        p for p in directory.rglob("*")
        if p.suffix.lower() in SUPPORTED_EXTENSIONS and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(directory).parts)


def _read_path(arg: str, dct: str | None) -> Iterator[list[Document] | InputError]:
    if arg == "-":
        yield [read_stdin(dct)]
        return
    path = Path(arg)
    if not path.is_dir():
        yield read_document(path, dct)
        return
    try:
        files = _walk(path)
    except OSError as err:
        yield InputError(arg, f"cannot read directory: {err.strerror or one_line(err)}")
        return
    if not files:
        yield InputError(arg, f"no supported files ({' '.join(SUPPORTED_EXTENSIONS)}) "
                              "in this directory")
    for file in files:
        try:
            yield read_document(file, dct)
        except InputError as err:
            yield err


def iter_documents(
    paths: Iterable[str],
    dct: str | None = None,
    keep_going: bool = False,
    on_error: Callable[[InputError], object] | None = None,
) -> Iterator[Document]:
    """Yield the Documents of every path in order: files, directories (recursively, sorted,
    supported extensions only) and ``-`` for standard input.

    Bad input raises InputError; with ``keep_going`` the error is passed to ``on_error``
    (if given) and reading continues with the next file.
    """
    dct = resolve_dct(dct)
    for arg in paths:
        arg = str(arg)
        results = _read_path(arg, dct)
        while True:
            try:
                result = next(results)
            except StopIteration:
                break
            except InputError as err:
                result = err
            if isinstance(result, InputError):
                if not keep_going:
                    raise result
                if on_error is not None:
                    on_error(result)
                continue
            yield from result
