"""``python -m kzpk``: the same command line as the ``kzpk`` script."""

from kzpk._cli import main

raise SystemExit(main())
