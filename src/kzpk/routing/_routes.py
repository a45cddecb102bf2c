"""Routes over the multimodal corridor network, asked on a day, for freight or passengers.

``build_route`` takes the part of the network open on the day for the profile (see
:mod:`kzpk.routing._network`), then searches it (:mod:`kzpk.routing._paths`): the best
route, then up to
``alternatives - 1`` others, each a distinct sequence of places, none visiting a place
twice. Times count moving time, port handling, the dwell at each border crossing (the
crossing's published figure where there is one), transload at each change of mode and at
each break of rail gauge — every figure cited in ``kzpk.load().parameters``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable
from typing import Final, Literal

from kzpk._spelling import choose
from kzpk.config._config import Config, current_config
from kzpk.dataset._dataset import Dataset, load
from kzpk.dataset._derived import Derived
from kzpk.exceptions import NoRouteError
from kzpk.model import LinkStatus, Mode
from kzpk.routing._alternatives import Problem, alternatives as admissible
from kzpk.routing._assemble import assemble
from kzpk.routing._backward import Backward
from kzpk.routing._diagnosis import no_route
from kzpk.routing._network import (
    Carrier,
    Crew,
    Filters,
    Graph,
    Network,
    Profile,
    Rates,
    on_day,
    open_graph,
)
from kzpk.routing._options import (
    alternatives_count,
    country_code,
    crossing_id,
    day,
    factor,
    modes_of,
    optimize_by_time,
    statuses_of,
    stops_of,
    strings,
)
from kzpk.routing._paths import (
    Costs,
    Forward,
    Label,
    Path,
    Rules,
    visits_once,
)
from kzpk.routing._simple import simple_best
from kzpk.routing._types import Route


def build_route(
    origin: str,
    destination: str,
    *,
    via: Iterable[str] = (),
    avoid_countries: Iterable[str] = (),
    avoid_crossings: Iterable[str] = (),
    modes: Iterable[Mode | str] | None = None,
    profile: Profile | Literal["freight", "passenger"] = "freight",
    on: dt.date | None = None,
    include_planned: bool = False,
    statuses: Iterable[LinkStatus | str] | None = None,
    optimize: Literal["distance", "time"] = "distance",
    alternatives: int = 3,
    weight_factor: float = 1.4,
    share_factor: float = 0.6,
    crew: Crew | Literal["single", "double"] = "single",
    dataset: Dataset | None = None,
) -> tuple[Route, ...]:
    """Return up to *alternatives* routes from *origin* to *destination*, best first.

    Args:
        origin: A place (id, name or alias, any case) or a country (code or name),
            which stands for that country's main hubs.
        destination: Likewise.
        via: Places or countries to pass through, in order; the search prices the
            change of carrier at each like any other.
        avoid_countries: Countries (codes or names) no place of the route may lie in;
            a border crossing lies in both its countries.
        avoid_crossings: Border crossings (names, aliases or ids) the route may not use.
        modes: Modes allowed; default rail, road and sea for freight, and air too for
            passengers. Pipelines only when asked for.
        profile: ``"freight"`` uses no passenger-only service (flights, passenger
            trains); ``"passenger"`` no freight-only one.
        on: The day; default the configured ``as_of``, else today. Only links and
            crossings open that day (statuses and seasons) are used.
        include_planned: Also use planned and under-construction links (never suspended,
            closed or superseded ones).
        statuses: The link statuses to use, in full (instead of *include_planned*).
        optimize: ``"distance"`` (km, plus the mode-change penalty) or ``"time"`` (hours).
        alternatives: How many routes at most, 1 to :data:`MAX_ALTERNATIVES`. The others
            are distinct place sequences, each costing at most *weight_factor* times the
            best with no stretch of it more than *weight_factor* times the cheapest way
            between that stretch's ends (and short stretches nearly the cheapest), and
            sharing at most *share_factor* of its length with a better one; there may be
            fewer.
        weight_factor: See *alternatives*; at least 1.
        share_factor: See *alternatives*; 0 to 1.
        crew: For freight by road, ``"single"`` (one driver, the AETR 9 hours a day) or
            ``"double"`` (two drivers taking turns).
        dataset: The dataset; default :func:`kzpk.load`.

    Every route visits each place once, never sandwiches a run of one mode shorter than
    60 km between legs of other modes, and changes mode at most three times unless no
    route with fewer changes exists.

    Raises:
        NotFoundError: An unknown place, country, crossing, mode, status or profile, with
            the closest names.
        InvalidInputError: An endpoint or via point in an avoided country or crossing;
            identical consecutive stops; a bad option.
        NoRouteError: Nothing connects them; says which filter, closure or season cut it,
            and, for a season, the day it opens again.
    """
    question = _question(
        origin,
        destination,
        via=via,
        avoid_countries=avoid_countries,
        avoid_crossings=avoid_crossings,
        modes=modes,
        profile=profile,
        on=on,
        include_planned=include_planned,
        statuses=statuses,
        optimize=optimize,
        crew=crew,
        dataset=dataset,
    )
    count = alternatives_count(alternatives)
    factor("weight_factor", weight_factor, 1.0, math.inf)
    factor("share_factor", share_factor, 0.0, 1.0)
    return question.routes(count, weight_factor, share_factor)


class _Question:
    """One route question, resolved: the day's graph, the prices, the stops."""

    def __init__(
        self,
        network: Network,
        filters: Filters,
        rates: Rates,
        graph: Graph,
        stops: list[frozenset[str]],
        *,
        by_time: bool,
    ) -> None:
        self.network = network
        self.filters = filters
        self.rates = rates
        self.graph = graph
        self.stops = stops
        self.by_time = by_time
        prices = _kept_prices(graph.memo, by_time=by_time)
        self.costs = Costs(rates, network.places, by_time=by_time, prices=prices)
        self.rules = Rules(vias=tuple(stops[1:-1]))

    def best(self, slack: float) -> tuple[Label, Path, Rules, Forward]:
        """The best path, the rules it obeys and the forward search it came from.

        The search has settled the states up to the best path's cost; it goes on to
        *slack* times that when asked (the alternatives).
        """
        sources, targets = self.stops[0], self.stops[-1]
        rules = self.rules
        search = Forward(self.graph, sources, targets, self.costs, rules, slack=slack)
        tree = search.run(1.0)
        if not tree.ends:
            rules = rules._replace(max_changes=None)
            search = Forward(self.graph, sources, targets, self.costs, rules, slack=slack)
            tree = search.run(1.0)
        found = tree.best()
        if found is None:
            raise self.no_route()
        label, path = found
        if not visits_once(path):
            found = self._simple(rules)
            if found is None and rules.max_changes is not None:
                rules = rules._replace(max_changes=None)
                found = self._simple(rules)
            if found is None:
                raise NoRouteError(
                    f"no route between {self._names()} on {self.filters.day} "
                    "that visits each place once"
                )
            label, path = found
        return label, path, rules, search

    def _simple(self, rules: Rules) -> tuple[Label, Path] | None:
        costs, targets, count = self.costs, self.stops[-1], len(rules.vias)
        search = Backward(self.graph, targets, costs, rules)
        search.run()
        departures = search.settled
        onward: dict[tuple[str, int], list[tuple[Carrier, Label]]] = {}
        for (place, carrier, passed, _), label in departures.items():
            onward.setdefault((place, passed), []).append((carrier, label))

        guides: dict[tuple[str, Carrier | None, int], float] = {}

        def guide(place: str, carrier: Carrier | None, passed: int) -> float:
            key = (place, carrier, passed)
            found = guides.get(key)
            if found is None:
                options = [
                    costs.change(place, carrier, out)[0] + label[0]
                    for out, label in onward.get((place, passed), ())
                ]
                if place in targets and passed == count and carrier is not None:
                    options.append(costs.change(place, carrier, None)[0])
                found = guides[key] = min(options, default=math.inf)
            return found

        return simple_best(self.graph, self.stops[0], targets, costs, rules, guide=guide)

    def no_route(self) -> NoRouteError:
        """Why nothing connects the stops (the first pair that is cut)."""
        for a, b in itertools.pairwise(self.stops):
            if not self.graph.connects(a, b):
                return no_route(self.network, self.filters, self.rates, a, b, by_time=self.by_time)
        through = " and ".join("/".join(sorted(v)) for v in self.rules.vias) or "the network"
        return NoRouteError(
            f"no route between {self._names()} on {self.filters.day}: every way through "
            f"{through} runs a leg shorter than {self.rules.min_run_km:g} km between legs of "
            "other modes"
        )

    def _names(self) -> str:
        return f"{'/'.join(sorted(self.stops[0]))} and {'/'.join(sorted(self.stops[-1]))}"

    def routes(self, count: int, weight_factor: float, share_factor: float) -> tuple[Route, ...]:
        """The best route and up to ``count - 1`` alternatives, best first."""
        slack = weight_factor if count > 1 else 1.0
        label, path, rules, search = self.best(slack)
        problem = Problem(self.graph, self.stops[0], self.stops[-1], self.costs, rules)
        paths = admissible(
            problem,
            (label, path),
            search,
            count=count,
            weight_factor=weight_factor,
            share_factor=share_factor,
        )
        kept, by_time = self.graph.memo, self.by_time
        routes = [
            assemble(p, self.network, self.filters, self.rates, kept, by_time=by_time)
            for _, p in paths
        ]
        first, rest = routes[0], routes[1:]
        rest.sort(key=lambda r: (r.score, r.mode_changes + r.gauge_changes, r.distance_km, _ids(r)))
        return (first, *rest)


def _question(
    origin: str,
    destination: str,
    *,
    via: Iterable[str],
    avoid_countries: Iterable[str],
    avoid_crossings: Iterable[str],
    modes: Iterable[Mode | str] | None,
    profile: object,
    on: object,
    include_planned: bool,
    statuses: Iterable[LinkStatus | str] | None,
    optimize: object,
    crew: object,
    dataset: Dataset | None,
) -> _Question:
    """Check and resolve a question's options; build (or reuse) the day's graph."""
    by_time = optimize_by_time(optimize)
    data = dataset if dataset is not None else load()
    network = Network.of(data)
    chosen = choose(Profile, profile, "profile")
    crewed = choose(Crew, crew, "crew")
    config = current_config()
    filters = Filters(
        day=day(on, config.as_of),
        profile=chosen,
        modes=modes_of(modes, chosen),
        statuses=statuses_of(statuses, include_planned=include_planned),
        services=frozenset({chosen.service}),
        avoid_countries=frozenset(
            country_code(network, c) for c in strings(avoid_countries, "avoid_countries")
        ),
        avoid_crossings=frozenset(
            crossing_id(network, c) for c in strings(avoid_crossings, "avoid_crossings")
        ),
    )
    stops = stops_of(network, filters, origin, destination, strings(via, "via"))
    rates = data.derived(_RATES, config, chosen is Profile.FREIGHT, crewed)
    graph = _graph(data, network, filters, (rates, config, crewed), by_time=by_time)
    return _Question(network, filters, rates, graph, stops, by_time=by_time)


#: The rates of each configuration, profile and crew asked about, per dataset.
_RATES: Final[Derived[Rates]] = Derived(
    "kzpk.routing.rates",
    lambda data, config, freight, crew: Rates.resolve(data, config, freight=freight, crew=crew),
)

_GRAPHS_KEPT: Final = 8


#: The graphs of the days and filters asked about, per dataset.
_GRAPHS: Final[Derived[dict[tuple[Filters, Config, Crew, bool], Graph]]] = Derived(
    "kzpk.routing.graphs", lambda _: {}
)


def _graph(
    data: Dataset,
    network: Network,
    filters: Filters,
    rated: tuple[Rates, Config, Crew],
    *,
    by_time: bool,
) -> Graph:
    """The open graph for these filters, kept on the dataset for the next few questions.

    A new day on which nothing changed status since a day kept (most days: closures are
    rare) takes that graph's arcs and the searches kept on it, with the new day's reasons.
    """
    kept = data.derived(_GRAPHS)
    rates, config, crew = rated
    key = (filters, config, crew, by_time)
    graph = kept.pop(key, None)
    if graph is None:
        steady = (
            known
            for earlier, known in reversed(kept.items())
            if earlier[1:] == key[1:]
            and earlier[0]._replace(day=filters.day) == filters
            and network.steady(earlier[0].day, filters.day)
        )
        like = next(steady, None)
        if like is None:
            graph = open_graph(network, filters, rates, by_time=by_time)
        else:
            graph = on_day(like, network, filters)
    kept[key] = graph  # most recent last
    while len(kept) > _GRAPHS_KEPT:
        del kept[next(iter(kept))]
    return graph


def _ids(route: Route) -> tuple[str, ...]:
    return tuple(leg.link for leg in route.legs)


def _kept_prices(
    kept: dict[object, object], *, by_time: bool
) -> dict[tuple[str, Carrier | None, Carrier | None], Label]:
    """The prices of changes kept in a graph's memo, in hours or in km."""
    return kept.setdefault(("prices", by_time), {})  # type: ignore[return-value]
