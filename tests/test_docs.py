"""README, the documentation pages and the examples run as written, so the docs cannot rot."""

from __future__ import annotations

import importlib
import inspect
import re
import runpy
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import kzpk
from conftest import REPO, run_cli

DOCS = REPO / "docs"


def python_blocks(text: str) -> list[str]:
    """The fenced ``python`` blocks of a Markdown text."""
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def commands(text: str) -> list[list[str]]:
    """The ``kzpk`` command lines of the fenced ``console`` blocks, as argument lists."""
    return [
        line.removeprefix(".venv/bin/").removeprefix("kzpk ").split()
        for block in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL)
        for line in block.splitlines()
        if line.startswith(("kzpk ", ".venv/bin/kzpk "))
    ]


README = (REPO / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = python_blocks(README)
COMMANDS = commands(README)
EXAMPLES = sorted((REPO / "examples").glob("*.py"))
PAGES = {
    path.relative_to(DOCS).as_posix(): path.read_text(encoding="utf-8")
    for path in sorted(DOCS.rglob("*.md"))
    if "_build" not in path.parts
}
PAGE_BLOCKS = [(page, code) for page, text in PAGES.items() for code in python_blocks(text)]
PAGE_COMMANDS = [(page, line) for page, text in PAGES.items() for line in commands(text)]


@pytest.mark.parametrize("code", PYTHON_BLOCKS, ids=lambda c: c.splitlines()[-1][:40])
def test_readme_python_blocks(code: str) -> None:
    """Each Python block of the README runs without error."""
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - running our own README


@pytest.mark.parametrize("arguments", COMMANDS, ids=" ".join)
def test_readme_commands(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Each kzpk command in the README exits 0 and prints something."""
    status, out, err = run_cli(capsys, *arguments)
    assert status == 0, err
    assert out.strip()


def test_readme_has_blocks() -> None:
    """The README has code to run (the tests above are not vacuous)."""
    assert len(PYTHON_BLOCKS) >= 4
    assert COMMANDS


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_examples_run(script: Path) -> None:
    """Each example script runs to the end."""
    runpy.run_path(str(script), run_name="__main__")


def test_benchmark_script_runs() -> None:
    """benchmarks/run.py --quick runs and prints a line per figure (timings are not judged)."""
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("target") >= 6


def test_readme_dataset_counts() -> None:
    """The counts the README gives for the dataset are the dataset's own."""
    import kzpk

    data = kzpk.load()
    text = " ".join(README.split())
    references = sum(s.kind is kzpk.SourceKind.REFERENCE for s in data.sources)
    bases = {b: sum(k.basis is b for k in data.links) for b in kzpk.LengthBasis}
    modes = {m: sum(k.mode is m for k in data.links) for m in kzpk.Mode}
    for phrase in (
        f"Version {data.version}",
        f"{references} outside references",
        f"{sum(s.read_through is not None for s in data.sources)} of the {references} outside",
        f"{len(data.countries)} countries, {len(data.people)} people",
        f"{len(data.organisations)} organisations",
        f"{len(data.sectors)} sectors",
        f"{len(data.agreements)} individually identified documents",
        f"{len(data.document_counts)} reported counts",
        f"{len(data.trade_figures)} trade figures",
        f"{len(data.corridors)} corridors",
        f"{len(data.places)} places and {len(data.links)} links",
        f"{sum(p.kind is kzpk.PlaceKind.BORDER_CROSSING for p in data.places)} border crossings",
        (
            f"{modes[kzpk.Mode.ROAD]} road, {modes[kzpk.Mode.RAIL]} rail on their gauges, "
            f"{modes[kzpk.Mode.SEA]} sea and ferry, {modes[kzpk.Mode.PIPELINE]} pipeline, "
            f"{modes[kzpk.Mode.AIR]} air links"
        ),
        f"{len(data.events)} events; {len(data.commitments)} commitments; {len(data.facts)}",
        f"{len(data.claims)} disputed questions",
        (
            f"{bases[kzpk.LengthBasis.REPORTED]} lengths reported, "
            f"{bases[kzpk.LengthBasis.DERIVED]} derived from kilometre posts and "
            f"{bases[kzpk.LengthBasis.PROXY]} by proxy"
        ),
    ):
        assert phrase in text, phrase


@pytest.mark.parametrize(
    ("page", "code"), PAGE_BLOCKS, ids=[f"{p}:{c.splitlines()[-1][:30]}" for p, c in PAGE_BLOCKS]
)
def test_page_python_blocks(page: str, code: str) -> None:
    """Each Python block of the documentation pages runs without error."""
    exec(compile(code, f"docs/{page}", "exec"), {})  # noqa: S102 - running our own docs


@pytest.mark.parametrize(
    ("page", "arguments"), PAGE_COMMANDS, ids=[f"{p}:{' '.join(a)}" for p, a in PAGE_COMMANDS]
)
def test_page_commands(
    page: str,
    arguments: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each kzpk command of the pages exits 0 and prints or writes something."""
    monkeypatch.chdir(tmp_path)  # commands that write files write them here
    status, out, err = run_cli(capsys, *arguments)
    assert status == 0, f"{page}: {err}"
    assert out.strip() or any(tmp_path.iterdir())


def test_pages_have_blocks() -> None:
    """Every guide shows code that runs (the tests above are not vacuous)."""
    generated_or_reference = {"model.md", "cli.md", "changelog.md", "index.md"}
    for page, text in PAGES.items():
        if page not in generated_or_reference:
            assert python_blocks(text) or commands(text), page
    assert len(PAGE_BLOCKS) >= 25


def test_readme_links_to_pages() -> None:
    """The README's links into the documentation name pages that exist."""
    links = re.findall(r"\]\((docs/[^)#\s]+)", README)
    assert len(links) >= 10
    for link in links:
        assert (REPO / link).is_file(), link


#: Every public name: ``kzpk.__all__`` and ``Settings`` (public, but not starred).
PUBLIC = {*getattr(kzpk, "__all__"), "Settings"}  # noqa: B009 - not a static attribute
_DIRECTIVE = re.compile(
    r"^\.\. auto(class|function|data|exception):: (kzpk\.[\w.]+)$", re.MULTILINE
)


def api_pages() -> dict[str, list[str]]:
    """Each API reference page, with the names its autodoc directives document."""
    return {
        path.stem: [name for _, name in _DIRECTIVE.findall(path.read_text(encoding="utf-8"))]
        for path in sorted((DOCS / "api").glob("*.rst"))
    }


def attribute_comment(name: str) -> str:
    """The ``#:`` comment above the module-level assignment of *name* in kzpk's source."""
    pattern = re.compile(rf"^((?:#:.*\n)+){re.escape(name)}\b[^\n=]*=", re.MULTILINE)
    for path in sorted((REPO / "src" / "kzpk").rglob("*.py")):
        found = pattern.search(path.read_text(encoding="utf-8"))
        if found:
            return found[1]
    return ""


class TestApiReference:
    """Every public name has a docstring and a place in the API reference, by subpackage."""

    def test_every_public_name_has_a_page(self) -> None:
        """Each name of ``kzpk.__all__`` and ``Settings`` is documented as ``kzpk.<name>``."""
        documented = {name for names in api_pages().values() for name in names}
        missing = sorted(name for name in PUBLIC if f"kzpk.{name}" not in documented)
        assert not missing, f"no page documents: {', '.join(missing)}"

    def test_pages_document_only_public_names(self) -> None:
        """A page documents ``kzpk.<name>`` or ``kzpk.<subpackage>.<name>``, never a module path."""
        for page, names in api_pages().items():
            for name in names:
                home, _, short = name.rpartition(".")
                if home == "kzpk":
                    assert short in PUBLIC, f"{page}: {name} is not public"
                else:
                    assert short in importlib.import_module(home).__all__, f"{page}: {name}"

    def test_pages_follow_subpackages(self) -> None:
        """The names on ``api/<subpackage>.rst`` are the ones that subpackage exports."""
        for page, names in api_pages().items():
            text = (DOCS / "api" / f"{page}.rst").read_text(encoding="utf-8")
            if page == "index":
                continue
            assert f".. automodule:: kzpk.{page}\n" in text, page
            exported = importlib.import_module(f"kzpk.{page}").__all__
            for name in names:
                assert name.rpartition(".")[2] in exported, f"{name} is not from kzpk.{page}"
        pages = set(api_pages())
        listed = (DOCS / "api" / "index.rst").read_text(encoding="utf-8")
        assert all(f"   {page}\n" in listed for page in pages - {"index"})

    @pytest.mark.parametrize("name", sorted(PUBLIC))
    def test_every_public_name_has_a_docstring(self, name: str) -> None:
        """Classes and functions have their own docstring; data a ``#:`` comment."""
        value = getattr(kzpk, name)
        if inspect.isclass(value):
            doc = vars(value).get("__doc__")
        elif callable(value):
            doc = value.__doc__
        elif name == "__version__":  # its module exists for it alone
            doc = importlib.import_module("kzpk._version").__doc__
        else:
            doc = attribute_comment(name)
        assert doc, f"kzpk.{name} has no docstring"
        assert doc.strip()


class TestDocsBuild:
    """The build reads only what the repository ships."""

    def test_inventories_are_the_scripts(self) -> None:
        """Each shipped ``objects.inv`` says what ``inventories.py`` writes, no more, no less."""
        script = runpy.run_path(str(DOCS / "_inventories" / "inventories.py"))
        shipped = {path.stem for path in (DOCS / "_inventories").glob("*.inv")}
        assert shipped == set(script["OBJECTS"])
        for project in shipped:
            written = script["inventory"](project).split(b"\n", 4)
            found = (DOCS / "_inventories" / f"{project}.inv").read_bytes().split(b"\n", 4)
            assert found[:4] == written[:4], project
            assert zlib.decompress(found[4]) == zlib.decompress(written[4]), project

    def test_intersphinx_reads_local_files(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Every intersphinx inventory is a file in the repository: no network in CI."""
        monkeypatch.setattr(sys, "path", list(sys.path))  # conf.py adds its extensions' folder
        conf = runpy.run_path(str(DOCS / "conf.py"))
        assert conf["intersphinx_mapping"]
        for _url, inventory in conf["intersphinx_mapping"].values():
            assert Path(inventory).is_file()
            assert Path(inventory).is_relative_to(DOCS / "_inventories")
