"""Sphinx configuration of kzpk's documentation (``sphinx-build -W -n docs OUT``).

Nothing here reaches the network: intersphinx reads the inventories shipped in
``docs/_inventories``. Pages that show data (the record kinds, the settings, the route
parameters, the sector tree, the calibration table, the CLI) are generated at build time by
the ``kzpk_docs`` extension in ``docs/_ext``, from the code and the dataset themselves.
"""

from __future__ import annotations

import sys
from pathlib import Path

import kzpk

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))

project = "kzpk"
author = "kzpk developers"
copyright = "2026, kzpk developers"  # noqa: A001 - the name Sphinx reads
release = version = kzpk.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinxarg.ext",
    "kzpk_docs",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_inventories", "_ext", "README.md"]
root_doc = "index"

html_theme = "furo"
html_title = f"kzpk {release}"
html_static_path: list[str] = []

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Google-style docstrings; ``Attributes:`` become attribute entries one can link to.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = False
napoleon_attr_annotations = True

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
python_use_unqualified_type_names = True

# Inventories shipped in the repository (written by docs/_inventories/inventories.py, which
# says how to add a name): the build never reaches the network.
intersphinx_mapping = {
    name: (url, str(HERE / "_inventories" / f"{name}.inv"))
    for name, url in {
        "python": "https://docs.python.org/3",
        "attrs": "https://www.attrs.org/en/stable",
        "pandas": "https://pandas.pydata.org/docs",
    }.items()
}

nitpicky = True
# Type variables of generic methods (``Dataset.lookup(key, kind: type[_R]) -> _R``) have
# no page of their own; the signature says what they stand for.
nitpick_ignore_regex = [("py:class", r"kzpk\..*\._[A-Z]")]
nitpick_ignore = [
    # Names docstrings mention that their subpackages do not export: the amount bounds
    # parse_usd() states in words (one cent, $10^15), and the marker describe() passes to
    # a spelling function for an option named alone.
    ("py:data", "MIN_USD"),
    ("py:data", "MAX_USD"),
    ("py:data", "BARE"),
]
