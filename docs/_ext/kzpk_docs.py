"""kzpk's Sphinx extension: pages generated from the code and the dataset at build time.

Directives, for MyST pages (they write Markdown: a ``{kzpk-settings}`` fence in a ``.md`` page):

- ``kzpk-dataset``: the dataset's version, as-of date, licence and a count per record kind.
- ``kzpk-record-kinds``: each record kind of ``kzpk.model.KINDS`` with its file and fields.
- ``kzpk-nested-records``: the records that sit inside others (citations, periods, roles, …).
- ``kzpk-settings``: every ``KZPK_`` variable, from the fields of :class:`kzpk.Config`.
- ``kzpk-parameters``: the cited figures routes are timed with (``kzpk.load().parameters``).
- ``kzpk-calibration``: ``kzpk.calibration()``, modelled times beside reported trips.
- ``kzpk-sector-tree``: ``kzpk.sector_tree()``.
- ``kzpk-module-doc``: the docstring of a module, for text that lives behind the surface.

The record pages read each class's field plan (:func:`kzpk.field_plan`): the same types,
rules, units and descriptions the loader, the exports and the JSON Schema use, so a page
says what the Data Package says. Cross-references to private module paths
(``kzpk.model._network.Place``) resolve to the public name (``kzpk.Place``) that the API
reference documents.
"""

from __future__ import annotations

import argparse
import enum
import functools
import importlib
import inspect
import pkgutil
import re
import sys
import typing
from collections.abc import Iterator, Sequence

import attrs
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

import kzpk
from kzpk.model import KINDS, Citation, FieldSpec, Period, Shape, field_plan
from kzpk.model._plan import describe_fields  # the one reader of ``Attributes:`` sections

if typing.TYPE_CHECKING:
    from docutils.nodes import Element, Node
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_KIND_CLASSES = frozenset(kind.cls for kind in KINDS)


def cli_parser() -> argparse.ArgumentParser:
    """The ``kzpk`` command line's parser, for sphinx-argparse (``:func: cli_parser``)."""
    from kzpk.cli._main import _parser

    return _parser()


# --- Markdown helpers ---------------------------------------------------------------------


def _cell(text: str) -> str:
    """*text* on one line, safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|") or "–"


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """A Markdown (GFM) table of *rows* under *headers*."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(map(_cell, row)) + " |" for row in rows]
    return [*lines, ""]


def _literal(value: object) -> str:
    text = str(value)
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def _rst_roles(text: str) -> str:
    """Docstring text (reStructuredText) as MyST roles and literals (emphasis is alike).

    A reference into a private top-level module (``kzpk._spelling``) has no page: it
    becomes a literal.
    """
    text = re.sub(r":(?:py:)?\w+:`~?(kzpk\._[\w.]+)`", r"``\1``", text)
    text = re.sub(r":(?:py:)?(\w+):`[~.]?(\w+)`", r"{py:\1}`~kzpk.\2`", text)  # bare: kzpk's
    text = re.sub(r":(?:py:)?(\w+):`([^`]+)`", r"{py:\1}`\2`", text)
    return re.sub(r"``([^`]+)``", r"`\1`", text)


def type_text(cls: type) -> str:
    """A class in MyST, as a cross-reference to its documentation (``kzpk.X`` for kzpk's)."""
    if cls.__module__.startswith("kzpk"):
        return f"{{py:class}}`~kzpk.{cls.__name__}`"
    module = "" if cls.__module__ == "builtins" else f"~{cls.__module__}."
    return f"{{py:class}}`{module}{cls.__qualname__}`"


# --- record kinds -------------------------------------------------------------------------


def _refers(kinds: tuple[str, ...]) -> str:
    if kinds == ("*",):
        return "the id of any record"
    named = [f"{{ref}}`{kind} <model-{kind}>`" for kind in kinds]
    listed = f"{', '.join(named[:-1])} or {named[-1]}" if len(named) > 1 else named[0]
    return f"an id in {listed}"


def _rules(spec: FieldSpec) -> list[str]:
    """The unit, and the checks the loader makes, in words."""
    rules = [f"unit: {spec.unit}"] if spec.unit else []
    if spec.choices:
        rules.append("one of " + ", ".join(map(_literal, spec.choices)))
    if spec.refs:
        rules.append(_refers(spec.refs))
    if spec.low is not None and spec.high is not None and spec.high < sys.float_info.max:
        rules.append(f"{spec.low:g} to {spec.high:g}")
    elif spec.low is not None:
        rules.append(f"≥ {spec.low:g}")
    elif spec.high is not None:
        rules.append(f"≤ {spec.high:g}")
    if spec.positive:
        rules.append("> 0")
    return rules


def _spec_type(spec: FieldSpec) -> str:
    """The field's type as its plan has it: ``T``, ``T | None`` or ``tuple[T, ...]``."""
    one = type_text(spec.type)
    if spec.shape is Shape.OPTIONAL:
        return f"{one} \\| None"
    return f"{{py:class}}`tuple`[{one}, ...]" if spec.shape is Shape.MANY else one


def _presence(spec: FieldSpec) -> str:
    if spec.required:
        return "required"
    value = attrs.fields_dict(spec.owner)[spec.name].default
    if isinstance(value, tuple) and value and isinstance(value[0], enum.Enum):
        value = tuple(v.value for v in value)
    return f"optional, default {_literal(repr(value))}"


def _field_rows(cls: type) -> list[tuple[str, ...]]:
    return [
        (
            _literal(spec.name),
            _spec_type(spec),
            _presence(spec),
            "; ".join(_rules(spec)),
            _rst_roles(spec.description),
        )
        for spec in field_plan(cls)
    ]


def _citation_paths(cls: type, prefix: str = "") -> Iterator[str]:
    """Where in a record of *cls* citations sit (``citations``, ``roles[].citations``)."""
    for spec in field_plan(cls):
        here = f"{prefix}{spec.name}"
        if spec.type is Citation:
            yield here
        elif spec.is_record and spec.type is not Period:
            yield from _citation_paths(
                spec.type, f"{here}[]." if spec.shape is Shape.MANY else f"{here}."
            )


def _record_section(cls: type, title: str, label: str, lead: str, level: int = 2) -> list[str]:
    summary = " ".join((inspect.getdoc(cls) or "").split("\n\n")[0].split())
    lines = [f"({label})=", f"{'#' * level} {title}", "", lead, ""]
    lines += [f"{_rst_roles(summary)} API: {{py:class}}`kzpk.{cls.__name__}`.", ""]
    cited = list(_citation_paths(cls))
    if cited:
        lines += ["Cites its sources in " + ", ".join(map(_literal, cited)) + ".", ""]
    headers = ("field", "type", "presence", "unit and checks", "meaning")
    return lines + _table(headers, _field_rows(cls))


def nested_classes() -> dict[type, list[str]]:
    """Every record class found inside a record kind (or the dataset info), with where."""
    found: dict[type, list[str]] = {}
    todo: list[type] = [kzpk.DatasetInfo, *(kind.cls for kind in KINDS)]
    seen: set[type] = set()
    while todo:
        cls = todo.pop(0)
        if cls in seen:
            continue
        seen.add(cls)
        for spec in field_plan(cls):
            inner = spec.type
            if spec.is_record and inner not in _KIND_CLASSES and inner is not kzpk.DatasetInfo:
                found.setdefault(inner, []).append(f"{cls.__name__}.{spec.name}")
                todo.append(inner)
    return found


def _info_file() -> str:
    """The file that holds the dataset's info, as the JSON Schema of the files names it."""
    definitions: dict[str, object] = kzpk.json_schema()["$defs"]
    info = {"$ref": "#/$defs/DatasetInfo"}
    return next(name.removeprefix("file:") for name, value in definitions.items() if value == info)


class _Generated(SphinxDirective):
    """A directive whose content is MyST Markdown generated from kzpk (for ``.md`` pages)."""

    def lines(self) -> list[str]:
        """The Markdown to show."""
        raise NotImplementedError

    def run(self) -> list[Node]:
        """Parse :meth:`lines` in place of the directive, headings included."""
        container = nodes.section()
        text = StringList(self.lines(), source=f"<{self.name}>")
        self.state.nested_parse(text, self.content_offset, container, match_titles=True)
        return list(container.children)


class RecordKinds(_Generated):
    """``{kzpk-record-kinds}``: the dataset info and each record kind, with its fields."""

    def lines(self) -> list[str]:
        """A section per kind: its file, summary, citations and a table of its fields."""
        info_file = _info_file()
        info = f"File `{info_file}`: one object, `kzpk.load().info`."
        out = _record_section(kzpk.DatasetInfo, info_file, "model-info", info)
        for kind in KINDS:
            lead = (
                f"File `{kind.file}` (a list under the key `{kind.name}`); "
                f"`kzpk.load().{kind.name}`, a tuple of {{py:class}}`~kzpk.{kind.cls.__name__}`, "
                f"each identified by its `{kind.id_field}`."
            )
            out += _record_section(kind.cls, kind.name, f"model-{kind.name}", lead)
        return out


class NestedRecords(_Generated):
    """``{kzpk-nested-records}``: the records that sit inside others (under a ``##`` heading)."""

    def lines(self) -> list[str]:
        """A section per nested class: where it is found and its fields."""
        out: list[str] = []
        for cls, where in nested_classes().items():
            used = "Found in " + ", ".join(map(_literal, where)) + "."
            label = f"model-{cls.__name__.lower()}"
            out += _record_section(cls, cls.__name__, label, used, level=3)
        return out


# --- configuration, parameters, calibration, sectors, dataset -----------------------------


class Settings(_Generated):
    """``{kzpk-settings}``: every ``KZPK_`` variable, from the fields of :class:`kzpk.Config`.

    Each field declares its meaning, values and default once, as a ``Setting`` in its
    metadata; the checks, :class:`kzpk.Settings` and this table read it.
    """

    def lines(self) -> list[str]:
        """One row per field: variable, field, the values it takes, default, meaning."""
        from kzpk.config._fields import SETTING  # the metadata key of the declaration

        prefix = kzpk.Settings.model_config.get("env_prefix", "")
        descriptions = describe_fields(kzpk.Config)
        rows = []
        for field in attrs.fields(kzpk.Config):
            declared = field.metadata[SETTING]
            rows.append(
                (
                    _literal(f"{prefix}{field.name.upper()}"),
                    f"{{py:attr}}`~kzpk.Config.{field.name}`",
                    declared.words(),
                    declared.default,
                    _rst_roles(descriptions.get(field.name, declared.meaning)),
                )
            )
        return _table(("variable", "field", "values", "default", "meaning"), rows)


def _cited(citations: tuple[Citation, ...]) -> str:
    return " ".join(f"`{c.source}`: “{c.quote}”" for c in citations)


class Parameters(_Generated):
    """``{kzpk-parameters}``: the cited figures routes are timed with."""

    def lines(self) -> list[str]:
        """One row per parameter of ``kzpk.load().parameters``."""
        rows = [
            (
                _literal(p.id),
                p.name,
                f"{p.value:g} {p.unit}",
                p.mode.value if p.mode else "all",
                p.note or "",
                _cited(p.citations),
            )
            for p in kzpk.load().parameters
        ]
        return _table(("id", "what", "value", "mode", "how it was derived", "sources"), rows)


class CalibrationTable(_Generated):
    """``{kzpk-calibration}``: ``kzpk.calibration()``, modelled days beside reported ones."""

    def lines(self) -> list[str]:
        """One row per reported trip."""
        rows = []
        for row in kzpk.calibration():
            trip = row.trip
            same = trip.days_min == trip.days_max
            reported = f"{trip.days_min:g}" if same else f"{trip.days_min:g}–{trip.days_max:g}"
            rows.append(
                (
                    _literal(trip.id),
                    "+".join(m.value for m in trip.modes),
                    str(row.on),
                    reported,
                    "–" if row.modelled_days is None else f"{row.modelled_days:.1f}",
                    "–" if row.modelled_km is None else f"{row.modelled_km:,.0f}",
                    row.fit.value,
                )
            )
        headers = ("trip", "modes", "asked on", "reported days", "modelled days", "km", "fit")
        return _table(headers, rows)


class SectorTree(_Generated):
    """``{kzpk-sector-tree}``: ``kzpk.sector_tree()`` as nested lists."""

    def lines(self) -> list[str]:
        """One item per sector, indented under its parent."""
        out: list[str] = []
        for root in kzpk.sector_tree():
            for depth, sector in root.walk():
                also = f" — also {', '.join(sector.aliases)}" if sector.aliases else ""
                out.append(f"{'  ' * depth}- **{sector.name}** (`{sector.id}`){also}")
        return [*out, ""]


class DatasetFacts(_Generated):
    """``{kzpk-dataset}``: the dataset's version, as-of date, licence and counts."""

    def lines(self) -> list[str]:
        """A sentence and a table of counts per kind."""
        data = kzpk.load()
        info = data.info
        rows = [
            (f"{{ref}}`{kind.name} <model-{kind.name}>`", str(len(getattr(data, kind.name))))
            for kind in KINDS
        ]
        said = (
            f"Dataset version **{info.version}**, as of {info.as_of.day} {info.as_of:%B %Y}, "
            f"licence {info.license}; package version {kzpk.__version__}."
        )
        return [
            said,
            "",
            *_table(("records", "count"), rows),
        ]


# --- the public surface --------------------------------------------------------------------


@functools.cache
def attribute_comments() -> dict[str, list[str]]:
    """The ``#:`` comment of each module-level name in kzpk's modules, by name."""
    found: dict[str, list[str]] = {}
    for module in pkgutil.walk_packages(kzpk.__path__, "kzpk."):
        if module.name == "kzpk.__main__":  # importing it runs the command line
            continue
        for (scope, name), lines in ModuleAnalyzer.for_module(module.name).find_attr_docs().items():
            if not scope:
                found.setdefault(name, list(lines))
    return found


def _fill_data_docstring(
    _app: Sphinx, what: str, name: str, _obj: object, _options: object, lines: list[str]
) -> None:
    """Give ``kzpk.CIRCUITY`` and the like the ``#:`` comment written where they are defined."""
    if what == "data" and not any(line.strip() for line in lines):
        lines[:] = attribute_comments().get(name.rpartition(".")[2], [])


def _public_names(env: BuildEnvironment) -> dict[str, str]:
    """Each name documented as ``kzpk.X`` or ``kzpk.<subpackage>.X`` -> that full name.

    ``kzpk.X`` wins over ``kzpk.<subpackage>.X``; a name two subpackages document is left
    out, so nothing resolves to a guess.
    """
    domain = env.domains.python_domain
    found: dict[str, set[str]] = {}
    for fullname in domain.objects:
        home, _, name = fullname.rpartition(".")
        if home == "kzpk" or (home.startswith("kzpk.") and home in domain.modules):
            found.setdefault(name, set()).add(fullname)
    best = {}
    for name, fullnames in found.items():
        if f"kzpk.{name}" in fullnames or len(fullnames) == 1:
            best[name] = f"kzpk.{name}" if f"kzpk.{name}" in fullnames else min(fullnames)
    return best


def _public_home(target: str) -> str:
    """``kzpk.names._search.lookup`` -> ``kzpk.names``: the path up to its first private part."""
    parts = target.split(".")
    return ".".join(parts[: next(i for i, p in enumerate([*parts, "_"]) if p.startswith("_"))])


#: Names kzpk's annotations spell bare or by a module alias (imported for type checking).
_IMPORTED_FOR_TYPING = {
    "AbstractContextManager": "contextlib.AbstractContextManager",
    "Path": "pathlib.Path",
    "dt": "datetime",
    "pd": "pandas",
}


def _public_target(
    app: Sphinx, env: BuildEnvironment, node: Element, contnode: Element
) -> Element | None:
    """Resolve a private path to its public home; leave everything else unresolved.

    ``kzpk.model._network.Place`` resolves to ``kzpk.Place``; a bare ``MIN_USD`` in
    kzpk's docstrings to ``kzpk.trade.MIN_USD``; ``kzpk.names._search`` and what it holds
    but the reference does not document, to the module ``kzpk.names``.
    """
    target: str = node.get("reftarget", "")
    if node.get("refdomain") != "py":
        return None
    first, dot, rest = target.partition(".")
    if first in _IMPORTED_FOR_TYPING:
        from sphinx.ext.intersphinx import missing_reference

        node["reftarget"] = _IMPORTED_FOR_TYPING[first] + dot + rest
        return missing_reference(app, env, node, contnode)
    in_kzpk = (node.get("py:module") or "").startswith("kzpk")
    domain = env.domains.python_domain
    if in_kzpk and f"kzpk.{target}" in domain.objects:  # KzpkError.describe, in kzpk.exceptions
        return domain.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], f"kzpk.{target}", node, contnode
        )
    if not (target.startswith("kzpk.") or (in_kzpk and "." not in target)):
        return None
    found, kind = None, node["reftype"]
    if kind != "mod":
        found = _public_names(env).get(target.rpartition(".")[2])
    if found is None and _public_home(target) in domain.modules and _public_home(target) != "kzpk":
        found, kind = _public_home(target), "mod"
    if found is None:
        return None
    return domain.resolve_xref(env, node["refdoc"], app.builder, kind, found, node, contnode)


class ModuleDoc(_Generated):
    """``{kzpk-module-doc} kzpk.names._search``: a module's docstring, shown as written."""

    required_arguments = 1

    def lines(self) -> list[str]:
        """The docstring, its roles turned into MyST."""
        module = importlib.import_module(self.arguments[0])
        return [_rst_roles(line) for line in (inspect.getdoc(module) or "").splitlines()]


def setup(app: Sphinx) -> dict[str, object]:
    """Register kzpk's directives and the resolver of private module paths."""
    directives: dict[str, type[_Generated]] = {
        "kzpk-dataset": DatasetFacts,
        "kzpk-record-kinds": RecordKinds,
        "kzpk-nested-records": NestedRecords,
        "kzpk-settings": Settings,
        "kzpk-parameters": Parameters,
        "kzpk-calibration": CalibrationTable,
        "kzpk-sector-tree": SectorTree,
        "kzpk-module-doc": ModuleDoc,
    }
    for name, directive in directives.items():
        app.add_directive(name, directive)
    app.connect("autodoc-process-docstring", _fill_data_docstring)
    app.connect("missing-reference", _public_target)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
