"""The public surface: one namespace, every name documented, version from the metadata."""

from __future__ import annotations

import importlib.metadata
import inspect
from importlib import resources

import pytest

import kzpk


def test_version_matches_metadata() -> None:
    """kzpk.__version__ is the installed distribution's version."""
    assert kzpk.__version__ == importlib.metadata.version("kzpk")


def test_all_resolves_and_is_sorted() -> None:
    """Every name in __all__ exists once, and __all__ is sorted (constants, classes, functions)."""
    assert all(hasattr(kzpk, name) for name in kzpk.__all__)
    assert len(set(kzpk.__all__)) == len(kzpk.__all__)
    assert kzpk.__all__ == sorted(kzpk.__all__, key=_kind_then_name)


def _kind_then_name(name: str) -> tuple[int, str]:
    """Constants first, then classes, then functions (ruff's order for __all__)."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_every_lazy_name_is_public() -> None:
    """The names kzpk resolves on first use are the public ones, mapped to where they live."""
    lazy = kzpk._LAZY
    eager = {"DatasetError", "InvalidInputError", "KzpkError", "MissingExtraError"}
    eager |= {"NoCitationsError", "NoRouteError", "NotFoundError"}
    assert set(lazy) | eager == set(kzpk.__all__) | set(kzpk._NOT_STARRED)
    for name, module in lazy.items():
        value = getattr(importlib.import_module(module), name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__.startswith(f"{module}."), (name, module)


def test_star_import_gives_all() -> None:
    """``from kzpk import *`` binds every name of __all__ and nothing private."""
    namespace: dict[str, object] = {}
    exec("from kzpk import *", namespace)  # noqa: S102 - the star import under test
    assert set(namespace) - {"__builtins__"} == set(kzpk.__all__)
    assert "Settings" not in namespace
    assert "Settings" in dir(kzpk)


def test_every_public_name_documented() -> None:
    """Every public class and function has a docstring of its own."""
    for name in kzpk.__all__:
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
