"""What every ``newsline`` command needs to read documents and write results.

Subcommands (in ``cli.py`` or registered from their own packages) reuse these so that all
of them behave alike:

- :func:`add_input_arguments` / :func:`read_documents`: ``PATH...``, ``--dct``,
  ``--keep-going`` and ``--max-chars``; documents are read lazily, one at a time, and a bad
  file or record is an InputError (exit 2) or, with ``--keep-going``, reported on stderr
  and skipped.
- :func:`add_output_argument` / :func:`check_output`: ``-o OUT``, checked before any work
  starts (a missing folder, a folder given for a file, no permission: exit 2).
- :func:`open_output` / :func:`write_output`: results written atomically (a temporary file
  in the same folder, renamed into place when complete), or to standard output.
- :func:`batched`: bounded batches of any iterable, for commands that stream.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

from newsline.documents import Document, iter_documents
from newsline.errors import InputError, OutputError

__all__ = [
    "DEFAULT_MAX_CHARS", "add_input_arguments", "add_mode_argument", "add_output_argument",
    "batched",
    "check_output", "check_output_dir", "open_output", "read_documents", "report_skipped",
    "with_mode", "write_output", "write_pieces",
]

#: Default of ``--max-chars``: longer documents are refused before any work is done.
DEFAULT_MAX_CHARS = 2_000_000

T = TypeVar("T")


def _max_chars(value: str) -> int:
    try:
        number = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (no limit) or more")
    return number


def add_input_arguments(parser: argparse.ArgumentParser, paths: bool = True) -> None:
    """Add ``PATH...`` (unless ``paths`` is False), ``--dct``, ``--keep-going`` and
    ``--max-chars`` to a subcommand's parser (read back by :func:`read_documents`)."""
    if paths:
        parser.add_argument("paths", nargs="+", metavar="PATH",
                            help="files, folders (recursively) or - for standard input")
    parser.add_argument("--dct", help="document creation time YYYY-MM-DD, 'today', or 'none' "
                                      "(no date: times resolve against the text's own dates)")
    add_mode_argument(parser)
    parser.add_argument("--keep-going", action="store_true",
                        help="skip bad files and records (reported on stderr) "
                             "instead of stopping")
    parser.add_argument("--max-chars", type=_max_chars, default=DEFAULT_MAX_CHARS,
                        metavar="N",
                        help="refuse documents longer than N characters before any work "
                             f"(default {DEFAULT_MAX_CHARS:,}; 0: no limit)")


def add_mode_argument(parser: argparse.ArgumentParser) -> None:
    """``--mode news|narrative`` (read back by :func:`with_mode`): how the timex stage
    anchors dates without a year; by default it chooses per document."""
    parser.add_argument("--mode", choices=("news", "narrative"),
                        help="how time expressions are anchored: news (on the publication "
                             "date) or narrative (on the date in focus); default: chosen "
                             "per document")


def with_mode(docs: Iterable[Document], mode: str | None) -> Iterable[Document]:
    """``docs`` with ``--mode`` set on each (``doc.meta["mode"]``, read by the timex stage)."""
    return _with_mode(docs, mode) if mode else docs


def report_skipped(err: InputError) -> None:
    """The one line ``--keep-going`` prints on stderr for a skipped file or record."""
    print(f"newsline: skipped {err}", file=sys.stderr, flush=True)


def read_documents(args: argparse.Namespace) -> Iterator[Document]:
    """The documents of ``args.paths``, read lazily with the options of
    :func:`add_input_arguments` (any of them may be missing from ``args``)."""
    max_chars = getattr(args, "max_chars", DEFAULT_MAX_CHARS)
    docs = iter_documents(args.paths, dct=getattr(args, "dct", None),
                          keep_going=getattr(args, "keep_going", False),
                          on_error=report_skipped, max_chars=max_chars or None)
    return iter(with_mode(docs, getattr(args, "mode", None)))


def _with_mode(docs: Iterable[Document], mode: str) -> Iterator[Document]:
    """``--mode`` on each document (the timex stage reads ``doc.meta["mode"]``)."""
    for doc in docs:
        doc.meta["mode"] = mode
        yield doc


def add_output_argument(parser: argparse.ArgumentParser, help: str | None = None) -> None:
    """Add ``-o/--output OUT`` (default: standard output)."""
    parser.add_argument("-o", "--output", metavar="OUT",
                        help=help or "write here instead of standard output")


def _is_stdout(path: str | os.PathLike[str] | None) -> bool:
    return path is None or str(path) in ("", "-")


def _check_folder(folder: Path, shown: str) -> None:
    if not folder.exists():
        raise OutputError(shown, f"folder {str(folder)!r} does not exist")
    if not folder.is_dir():
        raise OutputError(shown, f"{str(folder)!r} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(shown, f"no permission to write in folder {str(folder)!r}")


def check_output(path: str | os.PathLike[str] | None) -> None:
    """Check, before any work starts, that a result can be written to file ``path`` (None
    or ``-``: standard output). Raises OutputError (one line naming the path) if its folder
    is missing or not writable, or if ``path`` is a folder."""
    if _is_stdout(path):
        return
    shown = str(path)
    target = Path(shown)
    if target.is_dir() or shown.endswith(("/", os.sep)):
        raise OutputError(shown, "is a folder; give a file name")
    _check_folder(target.parent, shown)
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(shown, "no permission to overwrite this file")


def check_output_dir(path: str | os.PathLike[str]) -> Path:
    """Check, before any work starts, that files can be written into folder ``path``; it is
    created (with its parent folder existing) if missing. Raises OutputError otherwise."""
    shown = str(path)
    folder = Path(shown)
    if folder.exists() and not folder.is_dir():
        raise OutputError(shown, "is a file, not a folder")
    if not folder.exists():
        _check_folder(folder.parent, shown)
        try:
            folder.mkdir()
        except OSError as err:
            raise OutputError(shown, f"cannot create folder: {err.strerror or err}") from None
    _check_folder(folder, shown)
    return folder


def _new_file_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def open_output(path: str | os.PathLike[str] | None) -> Iterator[TextIO]:
    """A text handle for a result: standard output (None or ``-``), or a temporary file in
    the folder of ``path`` that is renamed to ``path`` only once the block completes. If the
    block fails or is interrupted the temporary file is removed and ``path`` is untouched.
    A ``path`` that exists but is no regular file (``/dev/null``, a named pipe) is written
    directly."""
    if _is_stdout(path):
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(str(path))
    if target.exists() and not target.is_file():  # /dev/null, a named pipe: write through
        with target.open("w", encoding="utf-8") as handle:
            yield handle
        return
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                    dir=target.parent)
    except OSError as err:
        raise OutputError(str(path), f"cannot write: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.chmod(temp, _new_file_mode(target))
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def write_pieces(path: str | os.PathLike[str] | None, pieces: Iterable[str]) -> None:
    """Write ``pieces`` one after another as they come (see :func:`open_output`); on
    standard output a last newline is added when the text does not end with one."""
    last = ""
    with open_output(path) as handle:
        for piece in pieces:
            if piece:
                handle.write(piece)
                last = piece
        if _is_stdout(path) and not last.endswith("\n"):
            handle.write("\n")


def write_output(path: str | os.PathLike[str] | None, content: str) -> None:
    """Write one whole result atomically to ``path`` or to standard output."""
    write_pieces(path, [content])


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size``, pulled lazily."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
