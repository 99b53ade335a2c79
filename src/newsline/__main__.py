"""``python -m newsline``: the ``newsline`` command (see :mod:`newsline.cli`)."""

import sys

from newsline.cli import main

if __name__ == "__main__":
    sys.exit(main())
