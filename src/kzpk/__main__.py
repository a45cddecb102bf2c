"""``python -m kzpk``: the same command line as the ``kzpk`` script."""

from kzpk.cli import main

raise SystemExit(main())
