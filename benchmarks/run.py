"""kzpk benchmarks: each figure as a ratio to a floor measured in the same run.

Run with ``python benchmarks/run.py`` (``--quick`` for a smoke run: small sizes, each
figure measured once, so its numbers mean little).
Each line prints the figure, its floor, the ratio and the target. Start-up figures are the
median of several fresh interpreters after one untimed run, as on any machine after a first
use: bytecode is cached (``PYTHONDONTWRITEBYTECODE`` is dropped for them) and so is the
checked dataset (see ``Config.cache``); one line shows the first answer without that cache.
In-process figures are the best of several repeats.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import itertools
import os
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import kzpk

#: The largest grid networkx's k shortest simple paths are timed on (beyond, minutes).
NETWORKX_LIMIT = 10_000
_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def fresh(codes: dict[str, str], runs: int) -> dict[str, float]:
    """Median wall time (s) of a fresh interpreter running each of *codes*.

    The codes take turns, round after round, so a machine that slows down midway slows
    every figure alike; the first round is untimed, unless *runs* is 0 (a smoke run: one
    round, timed).
    """
    times: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(runs + 1 if runs else 1):
        for name, code in codes.items():
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", code],
                check=True,
                env=_ENVIRONMENT,
                stdout=subprocess.DEVNULL,
            )
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found[1:] or found) for name, found in times.items()}


#: ``--quick``: a smoke run, every in-process figure from a single call.
_SMOKE = {"on": False}


def best(call: Callable[[], object], number: int, repeat: int = 5) -> float:
    """Best time (s) of one call, over *repeat* rounds of *number* calls (one in a smoke run)."""
    if _SMOKE["on"]:
        number, repeat = 1, 1
    return min(timeit.repeat(call, number=number, repeat=repeat)) / number


def line(name: str, value: float, floor: float | None, target: str, unit: str = "ms") -> None:
    """Print one figure: value, floor, ratio and target."""
    scale = {"ms": 1e3, "us": 1e6}[unit]
    ratio = f"{value / floor:5.2f}x" if floor else "   -  "
    floor_text = f"{floor * scale:9.2f} {unit}" if floor else " " * (10 + len(unit))
    print(
        f"{name:<44} {value * scale:9.2f} {unit}  floor {floor_text}  ratio {ratio}  "
        f"target {target}"
    )


def startup(runs: int) -> None:
    """Import cost and time to first answer, in fresh interpreters."""
    data_dir = resources.files("kzpk") / "data"
    answer = "kzpk.agreements(sector='energy')"
    codes = {
        "attrs": "import attrs",
        "import": "import kzpk",
        "answer": f"import kzpk; {answer}",
        "uncached": f"import kzpk; kzpk.configure(kzpk.Config(cache=False)); {answer}",
        "floor": "import attrs, cattrs, json, pathlib; "
        f"[json.loads(p.read_text()) for p in pathlib.Path({str(data_dir)!r}).glob('*.json')]",
        "classes": "import kzpk.model",
    }
    try:
        import pycountry  # noqa: F401
    except ImportError:
        pass
    else:
        codes["pycountry"] = "import pycountry; pycountry.countries.get(alpha_2='KZ')"
    took = fresh(codes, runs)
    line("cold import kzpk vs import attrs", took["import"], took["attrs"], "<= 1.5x")
    line("first answer vs attrs+cattrs+json.load", took["answer"], took["floor"], "<= 1.3x")
    line("  the same with the cache off (a first use)", took["uncached"], took["floor"], "-")
    if "pycountry" not in took:
        print("first answer vs pycountry: skipped (pip install pycountry)")
        return
    line("first answer vs pycountry lookup", took["answer"], took["pycountry"], "< 1.0x (faster)")
    line("  defining the record classes alone (no data)", took["classes"], took["pycountry"], "-")


def index_cost() -> None:
    """What building the agreement indexes adds to loading the dataset."""
    from kzpk.accords import _agreements

    folder = Path(kzpk.__file__).with_name("data")
    kzpk.load(folder)  # warm the converter's generated code
    load_only = best(lambda: kzpk.load(folder), 5)
    with_index = best(lambda: _agreements._index(kzpk.load(folder)), 5)  # noqa: SLF001
    line("load + agreement indexes vs load alone", with_index, load_only, "<= 1.10x")


def lookups() -> None:
    """Warm lookups: sector, trade gap, route on the real network."""
    kzpk.agreements(sector="energy")
    line(
        "sector lookup after load",
        best(lambda: kzpk.agreements(sector="energy"), 20_000),
        None,
        "< 20 us",
        "us",
    )
    line("trade gap", best(kzpk.trade_gap, 5_000), None, "< 50 us", "us")
    routes()


def p50(call: Callable[[], object], rounds: int) -> float:
    """Median time (s) of *rounds* calls, each timed alone (one call in a smoke run)."""
    rounds = 1 if _SMOKE["on"] else rounds
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plain_dijkstra(adjacency: dict[str, list[tuple[str, float]]], source: str) -> dict[str, float]:
    """Shortest km from *source* to every place over bare links: pure Python, heapq."""
    found: dict[str, float] = {}
    heap = [(0.0, source)]
    while heap:
        km, place = heapq.heappop(heap)
        if place in found:
            continue
        found[place] = km
        for other, length in adjacency[place]:
            if other not in found:
                heapq.heappush(heap, (km + length, other))
    return found


def routes() -> None:
    """Route questions on the real network: warm, on a new day, built anew, the best alone.

    The first line's floor is a plain Dijkstra from Almaty over the same links in pure
    Python (no modes, rules or days): the host's speed at this kind of work, so that the
    ratio can be compared between machines where milliseconds cannot.
    """
    names, edges = _edges(kzpk.load())
    adjacency: dict[str, list[tuple[str, float]]] = {name: [] for name in names}
    for a, b, km in edges:
        adjacency[names[a]].append((names[b], km))
        adjacency[names[b]].append((names[a], km))
    kzpk.build_route("Almaty", "Karachi")
    line(
        "route Almaty-Karachi, 3 alts, p50 vs Dijkstra",
        p50(lambda: kzpk.build_route("Almaty", "Karachi", alternatives=3), 200),
        p50(lambda: plain_dijkstra(adjacency, "almaty"), 200),
        "<= 1.5 ms",
    )
    line(
        "  the same by time, p50",
        p50(lambda: kzpk.build_route("Almaty", "Karachi", optimize="time"), 100),
        None,
        "-",
    )
    line(
        "  the best route alone, p50",
        p50(lambda: kzpk.build_route("Almaty", "Karachi", alternatives=1), 200),
        None,
        "-",
    )
    days = iter(dt.date(2030, 1, 1) + dt.timedelta(days=k) for k in range(10_000))
    line(
        "  first question of a new day, p50",
        p50(lambda: kzpk.build_route("Almaty", "Karachi", on=next(days)), 40),
        None,
        "<= 5 ms",
    )
    from kzpk.routing._routes import _GRAPHS  # the day graphs, with the searches kept on them

    data = kzpk.load()

    def afresh() -> object:
        data.derived(_GRAPHS).clear()  # nothing kept: the graph, bounds and prices built anew
        return kzpk.build_route("Almaty", "Karachi", alternatives=3)

    line("  the same on a graph built anew, p50", p50(afresh, 40), None, "-")


#: Queries as people type them: Latin, Cyrillic, Arabic script, old names, typos and misses.
SEARCH_QUERIES = (
    "Almaty",
    "Karachi",
    "Islamabad",
    "Lahore",
    "Shehbaz Sharif",
    "Kazakhstan",
    "energy",
    "joint declaration",
    "Nur-Sultan",
    "Alma-Ata",
    "Chimkent",
    "Tselinograd",
    "Алматы",
    "Шымкент",
    "Токаев",
    "Тоқаев",
    "Қазақстан",
    "Нұр-Сұлтан",
    "Исламабад",
    "کراچی",
    "شہباز شریف",
    "اسلام آباد",
    "لاہور",
    "پاکستان",
    "Kazakstan",
    "Shymknet",
    "Karachy",
    "Tokaev",
    "Shehbaz Sharef",
    "Islamabd",
    "Perugia",
    "Zanzibar",
    "qqqqqq",
    "Нью-Йорк",
    "دہلی",
)


def percentile(times: list[float], share: float) -> float:
    """The value below which *share* of *times* lie (nearest rank)."""
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def search(rounds: int) -> None:
    """Dataset.search over a mixed query set: per-call p50 and p99, and the one-off index build.

    Wall time is what a caller waits; on a loaded machine its p99 is mostly the scheduler,
    so the CPU time of the calling thread is printed beside it.
    """
    from kzpk.names import _search

    folder = Path(kzpk.__file__).with_name("data")
    fresh_data = kzpk.load(folder)
    start = time.thread_time()
    _search.index_of(fresh_data)
    built = time.thread_time() - start
    data = kzpk.load()
    data.search("warm up")
    wall, cpu = [], []
    for _ in range(rounds):
        for query in SEARCH_QUERIES:
            start, start_cpu = time.perf_counter(), time.thread_time()
            data.search(query)
            cpu.append(time.thread_time() - start_cpu)
            wall.append(time.perf_counter() - start)
    count = f"{len(SEARCH_QUERIES)} queries x {rounds}"
    line(f"search p50 ({count})", percentile(wall, 0.50), None, "< 1 ms")
    line(f"search p99 ({count})", percentile(wall, 0.99), None, "< 5 ms")
    line("  the same, CPU time of the calling thread", percentile(cpu, 0.99), None, "-")
    line("search index build, CPU time (once per dataset)", built, None, "-")


def synthetic(size: int) -> kzpk.Dataset:
    """A grid network of about *size* places, rail links to the right and below."""
    real = kzpk.load()
    side = max(2, int(size**0.5))
    cite = (kzpk.Citation("app-joint-declaration", "synthetic"),)
    places = tuple(
        kzpk.Place(
            f"p{x}-{y}",
            f"P{x}-{y}",
            kzpk.PlaceKind.CITY,
            "KZ",
            40 + y * 0.01,
            60 + x * 0.01,
            citations=cite,
        )
        for x, y in itertools.product(range(side), repeat=2)
    )
    links = []
    for x, y in itertools.product(range(side), repeat=2):
        for dx, dy in ((1, 0), (0, 1)):
            if x + dx < side and y + dy < side:
                links.append(
                    kzpk.Link(
                        f"l{x}-{y}-{dx}",
                        f"p{x}-{y}",
                        f"p{x + dx}-{y + dy}",
                        kzpk.Mode.RAIL,
                        1.0 + ((x * 7 + y * 13) % 5) / 10,
                        kzpk.LengthBasis.ESTIMATED,
                        kzpk.LinkStatus.OPERATIONAL,
                        gauge_mm=1520,
                        citations=cite,
                    )
                )
    return real.replace(places=places, links=tuple(links))


def _edges(dataset: kzpk.Dataset) -> tuple[list[str], list[tuple[int, int, float]]]:
    names = [p.id for p in dataset.places]
    index = {name: i for i, name in enumerate(names)}
    return names, [(index[k.origin], index[k.destination], k.km) for k in dataset.links]


def compare(size: int, *, quick: bool) -> None:
    """Corner-to-corner routes on a grid: kzpk against graph libraries, and peak memory.

    kzpk answers the whole question (the best route and up to two via-node alternatives,
    each a distinct place sequence within the weight and share factors); the libraries
    answer the nearest question they have: k shortest simple paths (Yen's algorithm:
    igraph, and networkx up to 10,000 places) and one shortest path (rustworkx).
    """
    dataset = synthetic(size)
    side = int(len(dataset.places) ** 0.5)
    origin, destination = "p0-0", f"p{side - 1}-{side - 1}"
    tracemalloc.start()
    kzpk.build_route(origin, destination, dataset=dataset)  # builds and keeps the day's graph
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    runs = 1 if quick or size > NETWORKX_LIMIT else 3
    ours = best(lambda: kzpk.build_route(origin, destination, dataset=dataset), 1, runs)
    one = best(
        lambda: kzpk.build_route(origin, destination, dataset=dataset, alternatives=1), 1, runs
    )
    names, edges = _edges(dataset)
    label = f"grid {len(dataset.places):>6} places, corner to corner"
    print(f"{label}: {2 * (side - 1)} hops; graph and search peak memory {peak / 2**20:.1f} MiB")
    try:
        import igraph
    except ImportError:
        print("  vs igraph: skipped (pip install igraph)")
    else:
        graph = igraph.Graph(n=len(names), edges=[(a, b) for a, b, _ in edges])
        weights = [km for _, _, km in edges]
        yen = best(
            lambda: graph.get_k_shortest_paths(0, len(names) - 1, k=3, weights=weights), 1, runs
        )
        line("  3 routes vs igraph k=3 shortest paths", ours, yen, "-")
    try:
        import rustworkx
    except ImportError:
        print("  vs rustworkx: skipped (pip install rustworkx)")
    else:

        def rx_build() -> rustworkx.PyGraph[str, float]:
            rx_graph: rustworkx.PyGraph[str, float] = rustworkx.PyGraph()
            rx_graph.add_nodes_from(names)
            rx_graph.add_edges_from(edges)
            return rx_graph

        def rx_search(rx_graph: rustworkx.PyGraph[str, float]) -> object:
            return rustworkx.dijkstra_shortest_paths(rx_graph, 0, len(names) - 1, weight_fn=float)

        from kzpk.routing._routes import _GRAPHS  # the day graphs kzpk keeps per dataset

        def build_and_route() -> object:
            dataset.derived(_GRAPHS).clear()  # so that kzpk builds the day's graph again
            return kzpk.build_route(origin, destination, dataset=dataset, alternatives=1)

        built = best(build_and_route, 1, runs)
        kept = rx_build()
        search_only = best(lambda: rx_search(kept), 1, runs)
        both = best(lambda: rx_search(rx_build()), 1, runs)
        line("  best route vs rustworkx Dijkstra, graphs kept", one, search_only, "-")
        line("  the same, each building its graph", built, both, "-")
    if size <= NETWORKX_LIMIT:
        import networkx as nx

        nx_graph = nx.Graph()
        nx_graph.add_weighted_edges_from(edges, weight="km")
        k3 = best(
            lambda: list(
                itertools.islice(
                    nx.shortest_simple_paths(nx_graph, 0, len(names) - 1, weight="km"), 3
                )
            ),
            1,
            runs,
        )
        line("  3 routes vs networkx 3 shortest simple paths", ours, k3, "<= 1.3x")


def command_line(runs: int) -> None:
    """`kzpk route Almaty Karachi` against `kzpk summary`, as fresh interpreters."""
    cli = "import sys; from kzpk.cli._main import main; sys.argv = ['kzpk', *{}]; main()"
    took = fresh(
        {
            "summary": cli.format(["summary"]),
            "route": cli.format(["route", "Almaty", "Karachi"]),
        },
        runs,
    )
    line("kzpk route Almaty Karachi vs kzpk summary", took["route"], took["summary"], "<= 1.3x")


def main() -> None:
    """Run every benchmark and print one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, few runs")
    quick = parser.parse_args().quick
    _SMOKE["on"] = quick
    startup(runs=0 if quick else 15)
    index_cost()
    search(rounds=5 if quick else 200)
    lookups()
    command_line(runs=0 if quick else 15)
    for size in [100] if quick else [1_000, 10_000, 100_000]:
        compare(size, quick=quick)


if __name__ == "__main__":
    main()
