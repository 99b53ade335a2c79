"""Reading input files into Documents: plain text, TimeML, JSON/JSONL, HTML and stdin.

Every problem with the input is raised as a one-line :class:`InputError` naming the file.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from newsline.documents._common import NO_DCT, date_part, decode_utf8, one_line, resolve_dct
from newsline.documents.model import Document
from newsline.documents.timeml import parse_timeml
from newsline.errors import InputError

__all__ = [
    "SUPPORTED_EXTENSIONS", "iter_documents", "iter_file", "parse_text", "read_document",
    "read_stdin", "resolve_dct", "skip_or_raise",
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
            raise InputError(path, f"{where}: bad {key!r} value {_short(value)} "
                                   "(expected an ISO date or datetime)")
        break
    if record.get("id") not in (None, ""):
        doc_id = str(record["id"])
    meta = {k: record[k] for k in ("title", "url", "source") if record.get(k) not in (None, "")}
    return Document(id=doc_id, text=text, dct=dct, meta=meta)


def _short(value: object, size: int = 60) -> str:
    """``repr(value)`` cut to ``size`` characters, for messages."""
    text = repr(value)
    return text if len(text) <= size else text[:size - 3] + "..."


def _malformed(err: json.JSONDecodeError, path: str, where: str) -> InputError:
    return InputError(path, f"malformed JSON {where}, column {err.colno}: {err.msg}")


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _json_values(content: str) -> Iterator[tuple[int, int, Any]]:
    """(record number, line, value) for each element of a JSON list, decoded one at a time,
    or for the single object the file holds. Raises JSONDecodeError on bad syntax (after
    yielding the elements before it) and InputError-worthy ValueErrors on bad shapes."""
    decoder = json.JSONDecoder()
    pos = _JSON_SPACE.match(content).end()
    line, seen = 1, 0

    def line_at(at: int) -> int:
        nonlocal line, seen
        line += content.count("\n", seen, at)
        seen = at
        return line

    if not content.startswith("[", pos):
        value = json.loads(content)
        if not isinstance(value, dict):
            raise ValueError("expected a JSON object or a list of objects")
        yield 1, line_at(pos), value
        return
    pos = _JSON_SPACE.match(content, pos + 1).end()
    if content.startswith("]", pos):
        json.loads(content)  # trailing garbage is still a syntax error
        raise ValueError("empty JSON list")
    number = 0
    while True:
        value, end = decoder.raw_decode(content, pos)
        number += 1
        yield number, line_at(pos), value
        pos = _JSON_SPACE.match(content, end).end()
        if content.startswith(",", pos):
            pos = _JSON_SPACE.match(content, pos + 1).end()
            continue
        if content.startswith("]", pos):
            pos = _JSON_SPACE.match(content, pos + 1).end()
            if pos != len(content):
                raise json.JSONDecodeError("Extra data", content, pos)
            return
        raise json.JSONDecodeError("Expecting ',' delimiter", content, pos)


def _parse_json(content: str, path: str, stem: str,
                finish: _Finish) -> Iterator[Document | InputError]:
    """The records of a .json file (one object or a list), each a Document or, when the
    record is bad, an InputError naming its line; bad JSON syntax ends the file."""
    values = _json_values(content)
    while True:
        try:
            number, line, value = next(values)
        except StopIteration:
            return
        except json.JSONDecodeError as err:
            yield _malformed(err, path, f"at line {err.lineno}")
            return
        except ValueError as err:
            yield InputError(path, str(err))
            return
        where = f"line {line}, record {number}"
        try:
            yield finish(_record(value, where, path, f"{stem}:{number}"), where)
        except InputError as err:
            yield err


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


def _parse_single(content: str, suffix: str, path: str, stem: str) -> Document:
    if suffix == ".txt":
        return parse_text(content, path, stem)
    if suffix in (".tml", ".xml"):
        return parse_timeml(content, path, stem)
    return _parse_html(content, path, stem)


_KINDS = {".txt": "text", ".tml": "timeml", ".xml": "timeml", ".json": "json",
          ".jsonl": "json", ".html": "html", ".htm": "html"}


class _Finish:
    """Applies ``--dct`` and ``--max-chars`` to each document as it is read: the override
    replaces any date found; a document without text, without a date or over the size limit
    is an InputError naming the file (and the record, for JSON)."""

    def __init__(self, path: str, kind: str, dct: str | None, max_chars: int | None) -> None:
        self.path, self.kind, self.dct, self.max_chars = path, kind, dct, max_chars

    def __call__(self, doc: Document, where: str = "") -> Document:
        prefix = f"{where}: " if where else ""
        if not doc.text.strip():
            raise InputError(self.path, f"{prefix}no text")
        if self.max_chars and len(doc.text) > self.max_chars:
            raise InputError(self.path, f"{prefix}document of {len(doc.text):,} characters is "
                                        f"over the limit of {self.max_chars:,} (--max-chars)")
        if self.dct == NO_DCT:
            doc.dct = None  # --dct none: a text with no date, resolved against its own
        elif self.dct is not None:
            doc.dct = self.dct
        elif doc.dct is None:
            raise InputError(self.path, f"{prefix}no publication date ({_HINTS[self.kind]})")
        return doc


def _byte_limit(max_chars: int | None) -> int | None:
    """The most bytes worth reading for one document of at most ``max_chars`` characters:
    generous, since markup and JSON escapes (up to 12 bytes a character) are not text."""
    return max_chars * 12 + 65_536 if max_chars else None


def _too_big(path: str, size: int, max_chars: int) -> InputError:
    return InputError(path, f"{size:,} bytes cannot hold a document within the limit of "
                            f"{max_chars:,} characters (--max-chars)")


def _read_bytes(path: Path, name: str, max_chars: int | None) -> bytes:
    limit = _byte_limit(max_chars)
    try:
        with path.open("rb") as handle:
            data = handle.read() if limit is None else handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror or one_line(err)}") from None
    if limit is not None and len(data) > limit:
        raise _too_big(name, path.stat().st_size, max_chars or 0)
    return data


def _lines(handle: BinaryIO, limit: int | None) -> Iterator[bytes | None]:
    """The lines of a binary file one at a time; None for a line longer than ``limit``
    bytes (read past in chunks, never held whole)."""
    if limit is None:
        yield from handle
        return
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
        yield None


def _iter_jsonl(path: Path, name: str, finish: _Finish) -> Iterator[Document | InputError]:
    """The records of a JSONL file, read line by line: each a Document or, for a bad line,
    an InputError naming the line."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield InputError(name, "no such file or directory")
        return
    except OSError as err:
        yield InputError(name, f"cannot read: {err.strerror or one_line(err)}")
        return
    seen = False
    with handle:
        lines = enumerate(_lines(handle, _byte_limit(finish.max_chars)), 1)
        while True:
            try:
                number, raw = next(lines)
            except StopIteration:
                break
            except OSError as err:
                yield InputError(name, f"cannot read: {err.strerror or one_line(err)}")
                return
            if raw is None:
                seen = True
                yield InputError(name, f"line {number}: too long for a document within the "
                                       f"limit of {finish.max_chars:,} characters (--max-chars)")
                continue
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            seen = True
            yield _jsonl_record(raw, number, name, path.stem, finish)
    if not seen:
        yield InputError(name, "empty file")


def _jsonl_record(raw: bytes, number: int, name: str, stem: str,
                  finish: _Finish) -> Document | InputError:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return InputError(name, f"line {number}: not UTF-8 text (byte 0x{raw[err.start]:02x} "
                                f"at column {err.start + 1})")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return _malformed(err, name, f"on line {number}")
    except RecursionError:
        return InputError(name, f"line {number}: JSON nested too deeply")
    try:
        return finish(_record(record, f"line {number}", name, f"{stem}:{number}"),
                      f"line {number}")
    except InputError as err:
        return err


def iter_file(path: str | Path, dct: str | None = None,
              max_chars: int | None = None) -> Iterator[Document | InputError]:
    """The documents of one file as they are read, each a Document or an InputError.

    A bad record of a JSON/JSONL file is an InputError naming its line, and the records
    after it are still read; a problem with the whole file (unreadable, empty, not UTF-8,
    malformed) is one InputError that ends the file. ``dct`` (YYYY-MM-DD or ``today``)
    overrides any date found; a document longer than ``max_chars`` characters is refused
    before any work is done on it. JSONL files are read line by line, never whole.
    """
    name = str(path)
    path = Path(path)
    dct = resolve_dct(dct)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        yield InputError(name, f"unsupported file type {suffix or '(no extension)'!r} "
                               f"(expected one of {' '.join(SUPPORTED_EXTENSIONS)})")
        return
    finish = _Finish(name, _KINDS[suffix], dct, max_chars)
    if suffix == ".jsonl":
        yield from _iter_jsonl(path, name, finish)
        return
    try:
        content = decode_utf8(_read_bytes(path, name, max_chars), name)
    except InputError as err:
        yield err
        return
    if suffix == ".json":
        yield from _guarded(_parse_json(content, name, path.stem, finish), name)
        return
    try:
        doc = _parse_single(content, suffix, name, path.stem)
    except InputError as err:
        yield err
        return
    except Exception as err:  # any other failure on bad input still gets a one-line error
        yield _cannot_parse(name, err)
        return
    yield _attempt(finish, doc)


def _attempt(finish: _Finish, doc: Document, where: str = "") -> Document | InputError:
    try:
        return finish(doc, where)
    except InputError as err:
        return err


def _cannot_parse(name: str, err: BaseException) -> InputError:
    return InputError(name, f"cannot parse: {one_line(err) or type(err).__name__}")


def _guarded(items: Iterator[Document | InputError],
             name: str) -> Iterator[Document | InputError]:
    """``items``, with an unexpected exception turned into a last one-line InputError."""
    try:
        yield from items
    except Exception as err:  # bad input must never end in a traceback
        yield _cannot_parse(name, err)


def read_document(path: str | Path, dct: str | None = None,
                  max_chars: int | None = None) -> list[Document]:
    """Read one file into Documents (JSON and JSONL files may hold several).

    The format follows the extension (.txt, .tml/.xml, .json, .jsonl, .html/.htm).
    ``dct`` (YYYY-MM-DD or ``today``) overrides any date found in the file. Raises
    InputError for unreadable, empty, non-UTF-8 or malformed input, for a document with no
    date when no ``dct`` is given, and for one longer than ``max_chars`` characters.
    """
    docs = []
    for item in iter_file(path, dct, max_chars):
        if isinstance(item, InputError):
            raise item
        docs.append(item)
    return docs


def read_stdin(dct: str | None = None, max_chars: int | None = None) -> Document:
    """Read plain text from standard input (same date-header rule as .txt), id ``stdin``."""
    name = "<stdin>"
    dct = resolve_dct(dct)
    limit = _byte_limit(max_chars)
    try:
        data = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
    except (OSError, ValueError, AttributeError) as err:
        raise InputError(name, f"cannot read: {one_line(err)}") from None
    if limit is not None and len(data) > limit:
        raise InputError(name, f"more than {limit:,} bytes cannot hold a document within the "
                               f"limit of {max_chars:,} characters (--max-chars)")
    doc = parse_text(decode_utf8(data, name), name, "stdin")
    return _Finish(name, "text", dct, max_chars)(doc)


def _walk(directory: Path) -> Iterator[Path]:
    """Supported files below ``directory``, recursively, in sorted order, found as they are
    needed (one folder listed at a time); hidden names are skipped, and so are links to
    folders."""
    with os.scandir(directory) as entries:
        listed = sorted((e.name, e.is_dir() and not e.is_symlink(), e.is_file())
                        for e in entries if not e.name.startswith("."))
    for name, is_dir, is_file in listed:
        path = directory / name
        if is_dir:
            yield from _walk(path)
        elif is_file and path.suffix.lower() in SUPPORTED_EXTENSIONS:
            yield path


def _read_path(arg: str, dct: str | None,
               max_chars: int | None) -> Iterator[Document | InputError]:
    if arg == "-":
        try:
            yield read_stdin(dct, max_chars)
        except InputError as err:
            yield err
        return
    path = Path(arg)
    if not path.is_dir():
        yield from iter_file(path, dct, max_chars)
        return
    found = False
    files = _walk(path)
    while True:
        try:
            file = next(files)
        except StopIteration:
            break
        except OSError as err:
            yield InputError(getattr(err, "filename", None) or arg,
                             f"cannot read directory: {err.strerror or one_line(err)}")
            return
        found = True
        yield from iter_file(file, dct, max_chars)
    if not found:
        yield InputError(arg, f"no supported files ({' '.join(SUPPORTED_EXTENSIONS)}) "
                              "in this directory")


def iter_documents(
    paths: Iterable[str],
    dct: str | None = None,
    keep_going: bool = False,
    on_error: Callable[[InputError], object] | None = None,
    max_chars: int | None = None,
) -> Iterator[Document]:
    """Yield the Documents of every path in order, reading lazily: files, directories
    (recursively, sorted, supported extensions only) and ``-`` for standard input.

    Bad input raises InputError; with ``keep_going`` the error is passed to ``on_error``
    (if given) and reading continues: with the next record of a JSON/JSONL file (a bad
    record costs only itself) or the next file. ``max_chars`` refuses longer documents.
    """
    dct = resolve_dct(dct)
    for arg in paths:
        yield from skip_or_raise(_read_path(str(arg), dct, max_chars), keep_going, on_error)


def skip_or_raise(items: Iterable[Document | InputError], keep_going: bool,
                  on_error: Callable[[InputError], None] | None = None) -> Iterator[Document]:
    """The Documents of ``items``; an InputError among them is raised, or with
    ``keep_going`` passed to ``on_error`` (if given) and skipped."""
    for item in items:
        if isinstance(item, InputError):
            if not keep_going:
                raise item
            if on_error is not None:
                on_error(item)
            continue
        yield item
