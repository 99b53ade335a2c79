"""``python -m newsline.relations [eval] ...``.

``python -m newsline.relations PATH... -o MODEL`` trains (the same as ``newsline train
relations``; see :func:`newsline.relations.train.main`); ``python -m newsline.relations
eval PATH...`` scores a model on TimeML files (see :func:`newsline.relations.evaluate.main`).
"""

import sys

from newsline.relations import evaluate, train

args = sys.argv[1:]
if args[:1] == ["eval"]:
    raise SystemExit(evaluate.main(args[1:]))
raise SystemExit(train.main(args))
