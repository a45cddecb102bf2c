"""The public surface: one namespace, every name documented, version from the metadata."""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
from importlib import resources
from pathlib import Path

import pytest

import kzpk


def test_version_matches_metadata() -> None:
    """kzpk.__version__ is the installed distribution's version."""
    assert kzpk.__version__ == importlib.metadata.version("kzpk")


#: kzpk's ``__all__``, which kzpk works out from its subpackages on first use.
PUBLIC: list[str] = getattr(kzpk, "__all__")  # noqa: B009 - not a static attribute


def test_all_resolves_once() -> None:
    """Each name of __all__ is its subpackage's own object, kept in kzpk once looked up."""
    homes = {
        name: module
        for module in (importlib.import_module(f"kzpk.{sub}") for sub in kzpk._SUBPACKAGES)
        for name in module.__all__
    }
    for name in set(PUBLIC) - {"__version__"}:  # the version: test_version_matches_metadata
        assert getattr(kzpk, name) is getattr(homes[name], name), name
        assert name in vars(kzpk), f"{name} is looked up again on every use"


def test_surface_is_the_subpackages() -> None:
    """__all__ is the subpackages' own lists together; each name comes from one of them."""
    offered: dict[str, str] = {}
    for sub in kzpk._SUBPACKAGES:
        for name in importlib.import_module(f"kzpk.{sub}").__all__:
            assert name not in offered, f"{name} is offered by {offered[name]} and {sub}"
            offered[name] = sub
    assert set(PUBLIC) == {*offered, "__version__"} - kzpk._NOT_STARRED
    for name, sub in offered.items():
        value = getattr(kzpk, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__.startswith(f"kzpk.{sub}"), (name, sub)


def test_type_checkers_see_the_same_names() -> None:
    """The typed re-exports in kzpk/__init__.py are exactly the public names, each as itself."""
    tree = ast.parse(Path(kzpk.__file__).read_text(encoding="utf-8"))
    typed = {
        alias.asname
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.asname == alias.name
    }
    assert typed == {*PUBLIC, *kzpk._NOT_STARRED}


def test_star_import_gives_all() -> None:
    """``from kzpk import *`` binds every name of __all__ and nothing private."""
    namespace: dict[str, object] = {}
    exec("from kzpk import *", namespace)  # noqa: S102 - the star import under test
    assert set(namespace) - {"__builtins__"} == set(PUBLIC)
    assert "Settings" not in namespace
    assert "Settings" in dir(kzpk)


def test_every_public_name_documented() -> None:
    """Every public class and function has a docstring of its own."""
    for name in PUBLIC:
        value = getattr(kzpk, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert (value.__doc__ or "").strip(), name
            assert value.__module__.startswith("kzpk"), name


def test_unknown_attribute() -> None:
    """A name kzpk does not have raises AttributeError naming it."""
    with pytest.raises(AttributeError, match="nothing_here"):
        getattr(kzpk, "nothing_here")  # noqa: B009 - the attribute must be looked up dynamically


def test_data_and_marker_shipped() -> None:
    """The installed package carries py.typed and its data files."""
    files = resources.files("kzpk")
    assert files.joinpath("py.typed").is_file()
    assert files.joinpath("data", "dataset.json").is_file()
