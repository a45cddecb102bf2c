"""The route builder: laws on random networks, and questions a freight planner asks."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

import kzpk
from kzpk.routing import _alternatives
from kzpk.routing._backward import Backward
from kzpk.routing._bound import Bound
from kzpk.routing._network import Carrier, Crew, Filters, Graph, Network, Profile, Rates, open_graph
from kzpk.routing._options import statuses_of
from kzpk.routing._paths import (
    MAX_MODE_CHANGES,
    MIN_RUN_KM,
    Costs,
    Forward,
    Path,
    Rules,
    places_of,
    price,
    visits_once,
)
from kzpk.routing._simple import by_segments
from kzpk.routing._stretch import LOCAL_SHARE, LOCAL_STRETCH, mode_changes, stretch_costs
from strategies import CLOSURE_DAY, networks

DATA = kzpk.load()
PLACE = {p.id: p for p in DATA.places}
#: A day the dataset knows (its as-of day): the default of the questions below.
TODAY = DATA.info.as_of


def routes_of(
    data: kzpk.Dataset, origin: str, destination: str, **options: object
) -> tuple[kzpk.Route, ...]:
    """build_route on *data*, asked on ``CLOSURE_DAY`` unless told otherwise."""
    options.setdefault("on", CLOSURE_DAY)
    return kzpk.build_route(origin, destination, dataset=data, **options)  # type: ignore[arg-type]


def check_walk(data: kzpk.Dataset, route: kzpk.Route) -> None:
    """The route is a walk over real links that visits each place once."""
    links = {link.id: link for link in data.links}
    ids = [p.id for p in route.places]
    assert len(ids) == len(set(ids)), ids
    for a, b in itertools.pairwise(route.legs):
        assert a.destination == b.origin
    for leg in route.legs:
        link = links[leg.link]
        assert (leg.origin.id, leg.destination.id) in (
            (link.origin, link.destination),
            *(((link.destination, link.origin),) if link.two_way else ()),
        )
    assert route.distance_km == pytest.approx(math.fsum(leg.km for leg in route.legs))
    assert route.hours == pytest.approx(
        math.fsum(leg.hours for leg in route.legs)
        + math.fsum(c.hours for c in route.crossings)
        + route.transload_hours
    )


def pair_of(data: kzpk.Dataset, draw: st.DrawFn) -> tuple[str, str]:
    """Two different places of *data*."""
    a, b = draw(st.permutations([p.id for p in data.places]))[:2]
    return a, b


class Question(tuple[kzpk.Dataset, str, str, dict[str, object]]):
    """A network, two places and options, shown as its links when a law fails."""

    __slots__ = ()

    def __repr__(self) -> str:
        data, origin, destination, options = self
        links = [
            f"{k.id}:{k.origin}-{k.destination}/{k.mode.value}/{k.gauge_mm}/{k.km}/"
            f"{k.status.value}/{'+'.join(k.services)}/{'two' if k.two_way else 'one'}-way"
            f"{'/closes' if k.history else ''}"
            for k in data.links
        ]
        crossings = [p.id for p in data.places if p.border]
        return f"Question({origin}->{destination}, {options}, crossings={crossings}, {links})"


@st.composite
def questions(draw: st.DrawFn, *, dense: bool = False) -> Question:
    """A random network, two of its places and random options (see ``networks(dense=)``)."""
    data = draw(networks(dense=dense))
    origin, destination = pair_of(data, draw)
    options: dict[str, object] = {
        "optimize": draw(st.sampled_from(["distance", "time"])),
        "profile": draw(st.sampled_from(["freight", "passenger"])),
        "alternatives": draw(st.integers(1, 4)),
    }
    if not dense and draw(st.booleans()):
        options["statuses"] = draw(
            st.sets(st.sampled_from(list(kzpk.LinkStatus)), min_size=1).map(sorted)
        )
    return Question((data, origin, destination, options))


def answer(
    data: kzpk.Dataset, origin: str, destination: str, options: dict[str, object]
) -> tuple[kzpk.Route, ...]:
    """The routes, or nothing when the network is cut.

    ``test_best_is_optimal`` checks that NoRouteError comes exactly when no path exists;
    the other laws ``assume()`` an answer rather than pass on an empty one.
    """
    try:
        return routes_of(data, origin, destination, **options)
    except kzpk.NoRouteError:
        return ()


def _graph(data: kzpk.Dataset, options: dict[str, object]) -> tuple[Graph, Costs]:
    """The open graph and prices the route builder uses for *options* on ``CLOSURE_DAY``."""
    profile = Profile(str(options["profile"]))
    filters = Filters(
        day=CLOSURE_DAY,
        profile=profile,
        modes=profile.default_modes,
        statuses=statuses_of(options.get("statuses"), include_planned=False),  # type: ignore[arg-type]
        services=frozenset({profile.service}),
    )
    rates = Rates.resolve(data, kzpk.current_config(), freight=profile is Profile.FREIGHT)
    by_time = options["optimize"] == "time"
    network = Network.of(data)
    graph = open_graph(network, filters, rates, by_time=by_time)
    return graph, Costs(rates, network.places, by_time=by_time)


def simple_paths(graph: Graph, origin: str, destination: str) -> list[Path]:
    """Every path from *origin* to *destination* that visits no place twice."""
    return simple_paths_from(graph, origin, end=destination).get(destination, [])


def brute_force(
    data: kzpk.Dataset, origin: str, destination: str, options: dict[str, object]
) -> float | None:
    """The cheapest score over every simple path that keeps the rules, by enumeration.

    The rules: the via points in order, no short run sandwiched, at most three changes
    of mode unless no path keeps to that.
    """
    graph, costs = _graph(data, options)
    vias = tuple(frozenset({v}) for v in options.get("via", ()))  # type: ignore[attr-defined]
    paths = simple_paths(graph, origin, destination)
    for rules in (Rules(vias=vias), Rules(vias=vias, max_changes=None)):
        prices = [price(path, costs, rules) for path in paths]
        kept = [p[0] for p in prices if p is not None]
        if kept:
            return min(kept)
    return None


def path_of(graph: Graph, route: kzpk.Route) -> Path:
    """The path of arcs in *graph* that *route* takes."""
    return tuple(
        (leg.origin.id, next(a for a in graph.arcs[leg.origin.id] if a.link.id == leg.link))
        for leg in route.legs
    )


def simple_paths_from(
    graph: Graph, origin: str, *, end: str | None = None
) -> dict[str, list[Path]]:
    """Every path from *origin* that visits no place twice, by the place it ends at.

    With *end*, paths go no further than that place.
    """
    found: dict[str, list[Path]] = {}
    stack: list[tuple[str, Path, frozenset[str]]] = [(origin, (), frozenset({origin}))]
    while stack:
        place, path, seen = stack.pop()
        if path:
            found.setdefault(place, []).append(path)
            if place == end:
                continue
        stack.extend(
            (arc.head, (*path, (place, arc)), seen | {arc.head})
            for arc in graph.arcs.get(place, ())
            if arc.head not in seen
        )
    return found


def cheapest_way(
    paths: list[Path],
    costs: Costs,
    carriers: tuple[Carrier | None, Carrier | None],
    most: int,
) -> float:
    """The cheapest of *paths* (all from one place to another), changing mode at most *most* times.

    From the first place, arrived at by the first carrier, to leaving the last by the
    second; every change priced (at both ends too), no other rule.
    """
    arriving, leaving = carriers
    best = math.inf
    change = costs.change
    for path in paths:
        route: list[Carrier | None] = [arriving, *(arc.carrier for _, arc in path), leaving]
        moved = sum(1 for a, b in itertools.pairwise(route) if a and b and a[0] is not b[0])
        if moved > most:
            continue
        places = [path[0][0], *(arc.head for _, arc in path)]
        cost = sum(arc.label[0] for _, arc in path)
        cost += sum(change(p, route[k], route[k + 1])[0] for k, p in enumerate(places))
        best = min(best, cost)
    return best


def runs(route: kzpk.Route) -> list[tuple[kzpk.Mode, float]]:
    """The route's runs of one mode: each mode and its length."""
    found: list[tuple[kzpk.Mode, float]] = []
    for leg in route.legs:
        if found and found[-1][0] is leg.mode:
            found[-1] = (leg.mode, found[-1][1] + leg.km)
        else:
            found.append((leg.mode, leg.km))
    return found


def within_limit(*routes: kzpk.Route) -> bool:
    """Whether every route keeps to the limit of mode changes.

    Beyond it a route is the answer only because none within exists, so a question with
    fewer options (a link removed, a country avoided) may get a cheaper one.
    """
    return all(route.mode_changes <= MAX_MODE_CHANGES for route in routes)


def law_best_is_optimal(question: Question, routes: tuple[kzpk.Route, ...]) -> None:
    """The first route is the cheapest of all paths that visit no place twice."""
    data, origin, destination, options = question
    expected = brute_force(data, origin, destination, options)
    assert (expected is None) == (not routes)
    if routes and expected is not None:
        assert routes[0].score == pytest.approx(expected)


def law_simple_walks(question: Question, routes: tuple[kzpk.Route, ...]) -> None:
    """Every route is a walk over real links that visits no place twice."""
    data, origin, destination, _ = question
    for route in routes:
        check_walk(data, route)
        assert route.places[0].id == origin
        assert route.places[-1].id == destination


def law_alternatives_distinct_and_within_factors(
    question: Question, routes: tuple[kzpk.Route, ...]
) -> None:
    """Alternatives: distinct place sequences, sorted, within both factors, up to N."""
    options = question[3]
    assert len(routes) <= int(str(options["alternatives"]))
    sequences = [tuple(p.id for p in r.places) for r in routes]
    assert len(set(sequences)) == len(sequences)
    scores = [r.score for r in routes]
    assert scores[1:] == sorted(scores[1:])
    assert all(score >= scores[0] - 1e-9 or not within_limit(routes[0]) for score in scores)
    assert all(score <= 1.4 * scores[0] + 1e-9 for score in scores)
    for index, route in enumerate(routes[1:], 1):
        legs = {frozenset((a.origin.id, a.destination.id)): a.km for a in route.legs}
        for better in routes[:index]:
            common = {frozenset((b.origin.id, b.destination.id)) for b in better.legs}
            shared = sum(km for pair, km in legs.items() if pair in common)
            assert shared <= 0.6 * route.distance_km + 1e-9


def law_filters_hold(question: Question, routes: tuple[kzpk.Route, ...]) -> None:
    """Profiles, statuses and the day's closures hold on every leg."""
    data, _, _, options = question
    profile = kzpk.Profile(str(options["profile"]))
    statuses = set(options.get("statuses", ["operational"]))  # type: ignore[call-overload]
    links = {link.id: link for link in data.links}
    for route in routes:
        for leg in route.legs:
            link = links[leg.link]
            assert leg.mode in profile.default_modes
            assert profile.service in link.services
            assert link.status_on(CLOSURE_DAY, profile.service) in statuses
            assert leg.status.value in statuses


def law_closed_link_unused_on_closed_day(
    question: Question, routes: tuple[kzpk.Route, ...]
) -> None:
    """A link closed from a day is not used on that day (unless closed links are asked for)."""
    data, _, _, options = question
    if "closed" in options.get("statuses", ()):  # type: ignore[operator]
        return
    closed = {k.id for k in data.links if k.history}
    for route in routes:
        assert not closed & {leg.link for leg in route.legs}


def law_time_covers_its_parts(_question: Question, routes: tuple[kzpk.Route, ...]) -> None:
    """A route's time is at least the sum of its legs' times, and days are hours / 24."""
    for route in routes:
        assert route.hours >= math.fsum(leg.hours for leg in route.legs) - 1e-9
        assert route.days == pytest.approx(route.hours / 24)


def law_deterministic(question: Question, routes: tuple[kzpk.Route, ...]) -> None:
    """The same question on the data with its links in another order gets the same answer."""
    data, origin, destination, options = question
    again = data.replace(links=tuple(reversed(data.links)))
    assert answer(again, origin, destination, options) == routes


def law_no_short_run_sandwiched(_question: Question, routes: tuple[kzpk.Route, ...]) -> None:
    """No run of one mode shorter than 60 km lies between runs of other modes."""
    for route in routes:
        inner = runs(route)[1:-1]
        assert all(km >= MIN_RUN_KM for _, km in inner), runs(route)


def law_at_most_three_mode_changes_unless_needed(
    question: Question, routes: tuple[kzpk.Route, ...]
) -> None:
    """A route changes mode at most three times, unless no route does."""
    data, origin, destination, options = question
    if routes[0].mode_changes > MAX_MODE_CHANGES:
        graph, costs = _graph(data, options)
        rules = Rules()
        assert all(price(p, costs, rules) is None for p in simple_paths(graph, origin, destination))
    for route in routes[1:]:
        assert route.mode_changes <= max(MAX_MODE_CHANGES, routes[0].mode_changes)


def law_borders_cleared_where_crossed(_question: Question, routes: tuple[kzpk.Route, ...]) -> None:
    """Crossings are cleared once each, where passed: one the route ends at is only reached.

    Every crossing listed is a crossing the route passes, at most once by each mode; the
    last place is never listed; of two posts of one crossing passed one after the other,
    one is listed. (A post that one mode reaches as a crossing of its own, and that a link
    of another mode joins to the crossing's other post, is crossed twice by a route that
    arrives by the first mode and goes on to the other post: once by each mode.)
    """
    for route in routes:
        places = route.places
        cleared = [(c.place.id, c.mode) for c in route.crossings]
        assert len(cleared) == len(set(cleared)), cleared
        posts = {place for place, _ in cleared}
        assert posts <= {p.id for p in places[:-1] if p.border}, cleared
        for a, b in itertools.pairwise(places):
            if a.border and b.border and set(a.border) == set(b.border):
                assert (a.id in posts) != (b.id in posts), (a.id, b.id, cleared)


#: The laws an answer must keep, judged on every question that has one.
ANSWER_LAWS: tuple[Callable[[Question, tuple[kzpk.Route, ...]], None], ...] = (
    law_simple_walks,
    law_alternatives_distinct_and_within_factors,
    law_filters_hold,
    law_closed_link_unused_on_closed_day,
    law_time_covers_its_parts,
    law_borders_cleared_where_crossed,
    law_deterministic,
    law_no_short_run_sandwiched,
    law_at_most_three_mode_changes_unless_needed,
)


class TestLaws:
    """Properties of every answer on random networks."""

    @given(questions())
    def test_every_answer_keeps_the_laws(self, question: Question) -> None:
        """One answer judged by every law that needs nothing but the answer (see each law).

        The best route is checked against brute force on every question, those with no
        answer included; the other laws judge questions that have one.
        """
        data, origin, destination, options = question
        routes = answer(data, origin, destination, options)
        law_best_is_optimal(question, routes)
        assume(routes)
        for law in ANSWER_LAWS:
            law(question, routes)

    @given(questions())
    def test_search_bound_is_admissible_and_consistent(self, question: Question) -> None:
        """A*'s bound is consistent and admissible, so what the search settles is final.

        It never drops across an arc by more than the arc costs, is 0 at the ends and
        never exceeds the price of a path to them.
        """
        data, origin, destination, options = question
        graph, costs = _graph(data, options)
        to_end = Bound(graph, {destination}, into=True)
        from_start = Bound(graph, {origin}, into=False)
        assert to_end(destination) == 0.0
        assert from_start(origin) == 0.0
        for tail, arcs in graph.arcs.items():
            for arc in arcs:
                step = min(arc.label[0], arc.last[0])
                assert to_end(tail) <= step + to_end(arc.head) + 1e-9
                assert from_start(arc.head) <= from_start(tail) + step + 1e-9
        for path in simple_paths(graph, origin, destination):
            priced = price(path, costs, Rules(max_changes=None, min_run_km=0.0))
            assert priced is not None
            assert max(to_end(origin), from_start(destination)) <= priced[0] + 1e-9

    @given(questions(), st.lists(st.floats(1.0, 2.0), max_size=4))
    def test_searches_paused_and_resumed_settle_what_one_run_does(
        self, question: Question, steps: list[float]
    ) -> None:
        """A search paused at any costs and resumed settles what one run does, in order.

        The same states with the same labels and predecessors, settled in the same order,
        and the same ends; and the backward search the same departures.
        """
        data, origin, destination, options = question
        graph, costs = _graph(data, options)
        ends, rules = frozenset({destination}), Rules()
        once = Forward(graph, {origin}, ends, costs, rules, slack=2.0).run()
        paused = Forward(graph, {origin}, ends, costs, rules, slack=2.0)
        for until in sorted(steps):
            paused.run(until)
        assert paused.run() == once
        assert list(paused.tree.settled) == list(once.settled)
        limit = once.ends[0][0][0] * 2.0 if once.ends else math.inf
        back_once = Backward(graph, ends, costs, rules, bound=limit, sources={origin})
        back_once.run()
        back_paused = Backward(graph, ends, costs, rules, bound=limit, sources={origin})
        for until in sorted(steps):
            back_paused.run(until * limit / 2.0)
        back_paused.run()
        assert list(back_paused.settled.items()) == list(back_once.settled.items())
        assert back_paused.after == back_once.after

    @given(questions(), st.sampled_from(["KZ", "UZ", "AF", "PK"]))
    def test_avoided_country_never_used(self, question: Question, country: str) -> None:
        """No place of the route lies in an avoided country; avoiding never helps."""
        data, origin, destination, options = question
        ends = {p.id: p for p in data.places}
        assume(country not in ends[origin].countries + ends[destination].countries)
        avoided = answer(data, origin, destination, {**options, "avoid_countries": [country]})
        for route in avoided:
            assert all(country not in p.countries for p in route.places)
        plain = answer(data, origin, destination, options)
        if avoided:
            assert plain
            if within_limit(avoided[0], plain[0]):
                assert avoided[0].score >= plain[0].score - 1e-9

    @given(questions(), st.data())
    def test_removing_a_link_never_helps(self, question: Question, data: st.DataObject) -> None:
        """Removing a link never makes the best route cheaper, nor connects what was cut.

        The link removed is one the best route takes, where there is a best route: removing
        any other would seldom change the answer.
        """
        network, origin, destination, options = question
        before = answer(network, origin, destination, options)
        used = {leg.link for leg in before[0].legs} if before else set()
        dropped = data.draw(st.sampled_from([k for k in network.links if k.id in used or not used]))
        fewer = attrs.evolve(network, links=tuple(k for k in network.links if k != dropped))
        after = answer(fewer, origin, destination, options)
        if after:
            assert before
            if within_limit(after[0], before[0]):
                assert after[0].score >= before[0].score - 1e-9

    @settings(suppress_health_check=[HealthCheck.filter_too_much])  # few random pairs have a stop
    @given(questions(dense=True), st.data())
    def test_via_and_alternatives_together(self, question: Question, data: st.DataObject) -> None:
        """A via point is on every route, each a simple walk, never cheaper than going direct."""
        network, origin, destination, options = question
        direct = answer(network, origin, destination, options)
        inner = sorted({p.id for r in direct for p in r.places[1:-1]})
        assume(inner)
        via = data.draw(st.sampled_from(inner))
        routes = answer(network, origin, destination, {**options, "via": [via]})
        assume(routes)
        for route in routes:
            check_walk(network, route)
            assert via in {p.id for p in route.places}
        assert len({tuple(p.id for p in r.places) for r in routes}) == len(routes)
        if within_limit(routes[0], direct[0]):
            assert routes[0].score >= direct[0].score - 1e-9

    @settings(suppress_health_check=[HealthCheck.filter_too_much])  # some have one route only
    @given(questions(dense=True))
    def test_alternatives_locally_optimal_with_bounded_stretch(self, question: Question) -> None:
        """No stretch of an alternative is padded: each within its bound of the cheapest way.

        Stretches costing at most a quarter of the best route are within 1.1 of the
        cheapest way between their ends (with no more changes of mode), longer ones within
        the weight factor (1.4).
        """
        data, origin, destination, options = question
        routes = answer(data, origin, destination, {**options, "alternatives": 4})
        assume(len(routes) > 1)
        graph, costs = _graph(data, options)
        reach: dict[str, dict[str, list[Path]]] = {}  # the simple paths from each place
        for route in routes[1:]:
            path = path_of(graph, route)
            stretch = stretch_costs(path, costs)
            changed = mode_changes(path)
            places = [p.id for p in route.places]
            for i, j in itertools.combinations(range(len(places)), 2):
                if j < i + 2:
                    continue
                arriving = path[i - 1][1].carrier if i else None
                leaving = path[j][1].carrier if j < len(path) else None
                if places[i] not in reach:
                    reach[places[i]] = simple_paths_from(graph, places[i])
                ways = reach[places[i]].get(places[j], [])
                cheapest = cheapest_way(ways, costs, (arriving, leaving), changed[i][j])
                bound = LOCAL_STRETCH if stretch[i][j] <= LOCAL_SHARE * routes[0].score else 1.4
                assert stretch[i][j] <= bound * cheapest + 1e-6, (places[i], places[j])

    @settings(suppress_health_check=[HealthCheck.filter_too_much])
    @given(questions(dense=True), st.data())
    def test_via_already_passed_changes_nothing(
        self, question: Question, data: st.DataObject
    ) -> None:
        """Naming as a via point a place the best route passes changes neither it nor its score."""
        network, origin, destination, options = question
        options = {**options, "alternatives": 1}
        direct = answer(network, origin, destination, options)
        assume(direct and len(direct[0].places) > 2)
        via = data.draw(st.sampled_from([p.id for p in direct[0].places[1:-1]]))
        through = answer(network, origin, destination, {**options, "via": [via]})
        assert through
        assert through[0].score == pytest.approx(direct[0].score)
        expected = brute_force(network, origin, destination, options)
        graph, costs = _graph(network, options)
        rules = Rules(max_changes=None if direct[0].mode_changes > MAX_MODE_CHANGES else 3)
        ties = [
            p
            for p in simple_paths(graph, origin, destination)
            if (found := price(p, costs, rules)) is not None and found[0] == pytest.approx(expected)
        ]
        if len(ties) == 1:
            assert through == direct

    @given(questions(), st.data())
    def test_via_route_is_optimal(self, question: Question, data: st.DataObject) -> None:
        """With a via point, the first route is the cheapest simple path through it."""
        network, origin, destination, options = question
        inner = [p.id for p in network.places if p.id not in (origin, destination)]
        assume(inner)
        via = data.draw(st.sampled_from(inner))
        options = {**options, "via": [via]}
        routes = answer(network, origin, destination, options)
        expected = brute_force(network, origin, destination, options)
        assert (expected is None) == (not routes)
        if routes and expected is not None:
            assert routes[0].score == pytest.approx(expected)
            assert via in [p.id for p in routes[0].places]

    @given(questions(dense=True), st.data())
    def test_route_by_segments_is_simple_and_never_cheaper(
        self, question: Question, data: st.DataObject
    ) -> None:
        """The route found stop by stop is simple, passes the via and is never the cheaper.

        Where there is one, it keeps the rules (priced as the search prices) and costs no
        less than the best simple route through the via, found by brute force.
        """
        network, origin, destination, options = question
        inner = [p.id for p in network.places if p.id not in (origin, destination)]
        assume(inner)
        via = data.draw(st.sampled_from(inner))
        graph, costs = _graph(network, options)
        rules = Rules(vias=(frozenset({via}),))
        found = by_segments(graph, frozenset({origin}), frozenset({destination}), costs, rules)
        assume(found is not None)
        assert found is not None
        label, path = found
        assert label == price(path, costs, rules)
        assert visits_once(path)
        assert via in places_of(path)
        expected = brute_force(network, origin, destination, {**options, "via": [via]})
        assert expected is not None
        assert label[0] >= expected - 1e-6


class TestChanges:
    """Changing mode or gauge costs something."""

    def network(self, *carriers: tuple[kzpk.Mode, int | None]) -> kzpk.Dataset:
        """A line a–b–c whose two links have the given carriers."""
        cite = (kzpk.Citation("qazinform-tokayev-remarks", "synthetic"),)
        places = tuple(
            kzpk.Place(i, i.upper(), kzpk.PlaceKind.CITY, "KZ", 43.0, 70.0 + n, citations=cite)
            for n, i in enumerate("abc")
        )
        links = tuple(
            kzpk.Link(
                f"{x}{y}",
                x,
                y,
                mode,
                100.0,
                kzpk.LengthBasis.REPORTED,
                kzpk.LinkStatus.OPERATIONAL,
                gauge_mm=gauge,
                citations=cite,
            )
            for (x, y), (mode, gauge) in zip([("a", "b"), ("b", "c")], carriers, strict=True)
        )
        return DATA.replace(places=places, links=links)

    def test_mode_change_costs_time_and_distance(self) -> None:
        """A change of mode adds a lift and, optimising distance, the penalty."""
        data = self.network((kzpk.Mode.RAIL, 1520), (kzpk.Mode.ROAD, None))
        rates = Rates.resolve(DATA, kzpk.current_config())
        route = routes_of(data, "a", "c")[0]
        assert route.mode_changes == 1
        assert route.score == pytest.approx(200.0 + rates.mode_change_penalty_km)
        kinds = [(c.kind, c.place.id, c.hours) for c in route.changes]
        assert kinds == [
            ("terminal", "a", rates.terminal_hours),
            ("lift", "b", rates.lift_hours),
        ]
        assert route.transload_hours == pytest.approx(rates.terminal_hours + rates.lift_hours)

    def test_gauge_change_costs_time(self) -> None:
        """A break of gauge adds transload time but is no change of mode."""
        data = self.network((kzpk.Mode.RAIL, 1520), (kzpk.Mode.RAIL, 1435))
        rates = Rates.resolve(DATA, kzpk.current_config())
        route = routes_of(data, "a", "c", optimize="time")[0]
        assert (route.mode_changes, route.gauge_changes) == (0, 1)
        gauge = min(rates.gauge_hours, 2 * rates.lift_hours)
        assert route.transload_hours == pytest.approx(2 * rates.terminal_hours + gauge)

    def test_port_dwell_between_land_and_sea(self) -> None:
        """Between land and sea a port charges its transit dwell and a lift, once."""
        data = self.network((kzpk.Mode.ROAD, None), (kzpk.Mode.SEA, None))
        port = attrs.evolve(data.places[1], kind=kzpk.PlaceKind.PORT)
        data = attrs.evolve(data, places=(data.places[0], port, data.places[2]))
        rates = Rates.resolve(DATA, kzpk.current_config())
        route = routes_of(data, "a", "c", optimize="time")[0]
        kinds = [(c.kind, c.place.id) for c in route.changes]
        assert kinds == [("port", "b"), ("terminal", "c")]
        assert route.changes[0].hours == pytest.approx(rates.lift_hours + rates.port_hours)
        assert route.legs[1].hours == pytest.approx(100.0 / rates.speed[kzpk.Mode.SEA])

    def test_ports_own_dwell(self) -> None:
        """A port with its own transit dwell (Karachi, Aktau) charges it, cited."""
        rates = Rates.resolve(DATA, kzpk.current_config())
        for ident in ("karachi", "aktau", "alat"):
            hours, own = rates.port_dwell(PLACE[ident])
            assert own
            assert hours == next(d.hours for d in PLACE[ident].dwell)
        assert rates.port_dwell(PLACE["gwadar"]) == (rates.port_hours, False)

    def test_road_ends_pay_no_terminal(self) -> None:
        """A truck loads at the door: a road route pays no terminal handling."""
        data = self.network((kzpk.Mode.ROAD, None), (kzpk.Mode.ROAD, None))
        route = routes_of(data, "a", "c", optimize="time")[0]
        assert route.changes == ()
        assert route.hours == pytest.approx(sum(leg.hours for leg in route.legs))

    def test_double_crew_drives_longer_days(self) -> None:
        """Two drivers take turns: 18 hours at the wheel in every 30, against 9 in 24."""
        data = self.network((kzpk.Mode.ROAD, None), (kzpk.Mode.ROAD, None))
        rates = Rates.resolve(DATA, kzpk.current_config())
        single = routes_of(data, "a", "c", optimize="time")[0]
        double = routes_of(data, "a", "c", optimize="time", crew="double")[0]
        driving = 200.0 / rates.speed[kzpk.Mode.ROAD]
        assert single.hours == pytest.approx(driving * 24 / 9)
        assert double.hours == pytest.approx(driving * 30 / 18)

    def test_configured_speed_overrides_the_dataset(self) -> None:
        """A configured speed replaces the cited one."""
        data = self.network((kzpk.Mode.RAIL, 1520), (kzpk.Mode.RAIL, 1520))
        kzpk.configure(kzpk.Config(speed_rail_kmh=50.0))
        assert routes_of(data, "a", "c")[0].legs[0].hours == pytest.approx(2.0)

    def test_short_run_never_sandwiched(self) -> None:
        """A 30 km train between two trucks is refused; the road way is taken instead."""
        cite = (kzpk.Citation("qazinform-tokayev-remarks", "synthetic"),)
        places = tuple(
            kzpk.Place(i, i.upper(), kzpk.PlaceKind.CITY, "KZ", 43.0, 70.0 + n, citations=cite)
            for n, i in enumerate("abcd")
        )

        def link(x: str, y: str, mode: kzpk.Mode, km: float) -> kzpk.Link:
            return kzpk.Link(
                f"{x}{y}{mode.value}",
                x,
                y,
                mode,
                km,
                kzpk.LengthBasis.REPORTED,
                kzpk.LinkStatus.OPERATIONAL,
                gauge_mm=1520 if mode is kzpk.Mode.RAIL else None,
                citations=cite,
            )

        links = (
            link("a", "b", kzpk.Mode.ROAD, 100),
            link("b", "c", kzpk.Mode.RAIL, 30),
            link("b", "c", kzpk.Mode.ROAD, 400),
            link("c", "d", kzpk.Mode.ROAD, 100),
        )
        data = attrs.evolve(DATA, places=places, links=links)
        route = routes_of(data, "a", "d", optimize="time")[0]
        assert {leg.mode for leg in route.legs} == {kzpk.Mode.ROAD}
        assert route.distance_km == pytest.approx(600.0)


class TestRealNetwork:
    """Questions on the shipped network."""

    @given(st.data())
    def test_a_steady_day_reuses_a_graph_equal_to_a_fresh_one(self, data: st.DataObject) -> None:
        """A day's graph taken from a kept day has the arcs and closures a fresh build has.

        Days are drawn at and around the days a status changes (season bounds, dated
        closures), where reusing a graph would go wrong first.
        """
        from kzpk.routing._routes import _GRAPHS, _graph

        network = Network.of(DATA)
        for year in (2025, 2026, 2027):
            network.steady(dt.date(year, 1, 1), dt.date(year, 12, 31))  # works the turns out
        turns = [d for y in (2025, 2026, 2027) for d in network.turns[y]]
        near = st.sampled_from(turns).flatmap(
            lambda d: st.sampled_from([d - dt.timedelta(1), d, d + dt.timedelta(1)])
        )
        day = near | st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31))
        first, second = data.draw(day), data.draw(day)
        profile = data.draw(st.sampled_from(list(Profile)))
        by_time = data.draw(st.booleans())
        config = kzpk.current_config()
        rates = Rates.resolve(DATA, config, freight=profile is Profile.FREIGHT)
        rated = (rates, config, Crew.SINGLE)
        base = Filters(
            day=first,
            profile=profile,
            modes=profile.default_modes,
            statuses=frozenset({kzpk.LinkStatus.OPERATIONAL}),
            services=frozenset({profile.service}),
        )
        DATA.derived(_GRAPHS).clear()  # no graph kept from other questions
        _graph(DATA, network, base, rated, by_time=by_time)
        later = base._replace(day=second)
        kept = _graph(DATA, network, later, rated, by_time=by_time)
        built = open_graph(network, later, rates, by_time=by_time)
        assert kept.arcs == built.arcs
        assert dict(kept.closed) == dict(built.closed)

    def test_freight_by_default(self) -> None:
        """By default no leg flies, carries passengers only, or is not open that day."""
        for origin, destination in [("Almaty", "Karachi"), ("Astana", "Islamabad")]:
            for route in kzpk.build_route(origin, destination, on=TODAY):
                for leg in route.legs:
                    link = DATA.lookup(leg.link)
                    assert isinstance(link, kzpk.Link)
                    assert leg.mode is not kzpk.Mode.AIR
                    assert kzpk.Service.FREIGHT in link.services
                    assert leg.status is kzpk.LinkStatus.OPERATIONAL

    def test_planned_never_admits_suspended(self) -> None:
        """include_planned adds planned and under-construction links, never suspended ones."""

        def links(origin: str, destination: str, **options: object) -> set[str]:
            routes = kzpk.build_route(origin, destination, on=TODAY, **options)  # type: ignore[arg-type]
            return {leg.link for route in routes for leg in route.legs}

        assert "zahedan-chabahar-rail" in links("Zahedan", "Chabahar", include_planned=True)
        assert "kuryk-turkmenbashi-sea" in links("Kuryk", "Turkmenbashi", include_planned=True)
        # A passenger's best way, where suspended links are allowed: the suspended flight.
        suspended = ["operational", "suspended"]
        passenger = links("Almaty", "Lahore", profile="passenger", statuses=suspended)
        assert "almaty-lahore-air" in passenger
        planned = links("Almaty", "Lahore", profile="passenger", include_planned=True)
        assert "almaty-islamabad-air" in planned
        assert "almaty-lahore-air" not in planned

    def test_passenger_flight_on_request(self) -> None:
        """Passengers may fly where a flight runs; freight never does."""
        modes = {
            leg.mode
            for r in kzpk.build_route(
                "Almaty", "Islamabad", profile="passenger", statuses=["operational", "planned"]
            )
            for leg in r.legs
        }
        assert kzpk.Mode.AIR in modes

    def test_aliases_and_countries(self) -> None:
        """Nur-Sultan is Astana; a country code means its hubs."""
        route = kzpk.build_route("nur-sultan", "PK", on=TODAY)[0]
        assert route.legs[0].origin.id == "astana"
        assert route.legs[-1].destination.hub

    def test_names_in_every_script(self) -> None:
        """Places and countries may be named in their own scripts."""
        route = kzpk.build_route("Алматы", "کراچی", on=TODAY)[0]
        assert (route.places[0].id, route.places[-1].id) == ("almaty", "karachi")
        transit = route.countries[1]  # a country the route crosses, so avoiding it matters
        assert transit not in {"KZ", "PK"}
        name = next(n.text for n in DATA.names if n.record == transit and n.language == "kk")
        assert not name.isascii()
        avoided = kzpk.build_route("Almaty", "Karachi", avoid_countries=[name], on=TODAY)
        assert avoided
        assert all(transit not in p.countries for r in avoided for p in r.places)

    def test_avoided_crossing_never_used(self) -> None:
        """A crossing the best route takes, once avoided, is on no route; none is cheaper.

        (On random networks, a route through a crossing was too rare to test this.)
        """
        plain = kzpk.build_route("Almaty", "Karachi", on=TODAY)
        taken = {c.place.id for c in plain[0].crossings}
        for name, crossing in [
            ("Alat", "alat-farap"),
            ("Фарап-Алат", "alat-farap"),
            ("Тафтан", "taftan-mirjaveh"),
            ("Жібек жолы", "zhibek-zholy"),
        ]:
            avoided = kzpk.build_route("Almaty", "Karachi", avoid_crossings=[name], on=TODAY)
            assert avoided, name
            assert all(crossing not in {p.id for p in r.places} for r in avoided), name
            assert avoided[0].score >= plain[0].score, name
        assert taken & {"taftan-mirjaveh", "zhibek-zholy"}  # so avoiding them matters

    def test_pipeline_on_request(self) -> None:
        """The TAPI pipeline is used only when pipelines are asked for."""
        route = kzpk.build_route(
            "galkynysh", "multan", modes=["pipeline"], statuses=list(kzpk.LinkStatus)
        )[0]
        assert {leg.mode for leg in route.legs} == {kzpk.Mode.PIPELINE}

    def test_geojson_of_several_routes(self) -> None:
        """Several routes make one FeatureCollection: legs, stops and crossings, with ranks."""
        routes = kzpk.build_route("Almaty", "Islamabad", on=TODAY)
        geo = kzpk.routes_geojson(routes)
        assert geo["type"] == "FeatureCollection"
        lines = [f for f in geo["features"] if f["geometry"]["type"] == "LineString"]
        assert len(lines) == sum(len(r.legs) for r in routes)
        assert {f["properties"]["route"] for f in lines} == set(range(1, len(routes) + 1))
        first = lines[0]
        assert first["geometry"]["coordinates"][0] == [
            routes[0].legs[0].origin.longitude,
            routes[0].legs[0].origin.latitude,
        ]
        assert {"mode", "status", "km", "hours"} <= set(first["properties"])
        points = [f for f in geo["features"] if f["geometry"]["type"] == "Point"]
        assert len(points) == sum(len(r.places) for r in routes)
        assert len({f["id"] for f in geo["features"]}) == len(geo["features"])
        west, south, east, north = geo["bbox"]
        assert all(
            west <= p.longitude <= east and south <= p.latitude <= north
            for r in routes
            for p in r.places
        )

    def test_str_shows_days_crossings_and_handling(self) -> None:
        """str() gives totals with days, a line per leg, crossing and handling."""
        route = kzpk.build_route("Almaty", "Islamabad", on=TODAY)[0]
        text = str(route)
        assert "days" in text.splitlines()[0]
        assert text.count("\n") == len(route.legs) + len(route.crossings) + len(route.changes)

    def test_via_on_the_best_route_changes_nothing(self) -> None:
        """Astana → Karachi via Tashkent is the direct route when that passes Tashkent."""
        for optimize in ("distance", "time"):
            direct = kzpk.build_route("Astana", "Karachi", optimize=optimize, on=TODAY)
            assert "tashkent" in [p.id for p in direct[0].places]
            through = kzpk.build_route(
                "Astana", "Karachi", via=["Tashkent"], optimize=optimize, on=TODAY
            )
            assert through[0] == direct[0]

    def test_via_that_needs_another_way_back(self) -> None:
        """Karachi → Baku via Tashkent visits each place once, by other roads back.

        The best walk goes to Tashkent and back the same way; by time the search for the
        best simple route once gave up and said no such route existed.
        """
        for optimize in ("distance", "time"):
            best = kzpk.build_route(
                "Karachi", "Baku", via=["Tashkent"], optimize=optimize, on=TODAY, alternatives=1
            )[0]
            places = [p.id for p in best.places]
            assert "tashkent" in places
            assert len(places) == len(set(places))
            assert best.mode_changes <= MAX_MODE_CHANGES

    def test_distinct_corridors_offered(self) -> None:
        """Urumqi → Karachi by time: an alternative by another corridor.

        The best route crosses Uzbekistan; another goes from western Kazakhstan straight
        into Turkmenistan by Beineu (through Bolashak or Temir-Baba), not through Uzbekistan.
        """
        routes = kzpk.build_route("Urumqi", "Karachi", optimize="time", on=TODAY)
        assert len(routes) >= 2
        western = ["UZ" not in r.countries and "beineu" in {p.id for p in r.places} for r in routes]
        assert not western[0]
        assert any(western[1:])

    def test_no_padded_detour(self) -> None:
        """No alternative goes on to Jebel Ali to come back to Karachi from Chabahar."""
        for optimize in ("distance", "time"):
            for route in kzpk.build_route("Zahedan", "Karachi", optimize=optimize, on=TODAY):
                ids = [p.id for p in route.places]
                if "chabahar" in ids:
                    assert "jebel-ali" not in ids[ids.index("chabahar") :], ids

    def test_modes_change_at_most_three_times(self) -> None:
        """Between capitals of the north and Pakistani ports, at most three changes of mode."""
        for origin in ("Almaty", "Astana", "Tashkent"):
            for optimize in ("distance", "time"):
                for route in kzpk.build_route(origin, "Karachi", optimize=optimize, on=TODAY):
                    assert route.mode_changes <= 3  # the rule's own numbers, not MAX_MODE_CHANGES
                    assert all(km >= 60 for _, km in runs(route)[1:-1])

    def test_a_crossing_is_cleared_when_crossed_not_when_reached(self) -> None:
        """A route to a crossing is not charged its clearance; one going on is, once.

        Torkham is one place; Saryagash and Keles are the two posts of one rail crossing,
        cleared on the way from the first to the other, whichever end a route starts at.
        """
        day = dt.date(2025, 6, 1)
        to_border = kzpk.build_route("Tashkent", "Torkham", on=day)[0]
        beyond = kzpk.build_route("Tashkent", "Peshawar", on=day)[0]
        assert [p.id for p in beyond.places][:-1] == [p.id for p in to_border.places]
        assert "torkham" not in [c.place.id for c in to_border.crossings]
        torkham = next(c for c in beyond.crossings if c.place.id == "torkham")
        assert beyond.hours == pytest.approx(
            to_border.hours + torkham.hours + beyond.legs[-1].hours
        )
        assert kzpk.build_route("Shymkent", "Saryagash", on=day, modes=["rail"])[0].crossings == ()
        for origin, destination, post in [
            ("Saryagash", "Tashkent", "saryagash"),
            ("Tashkent", "Saryagash", "keles"),
            ("Shymkent", "Tashkent", "saryagash"),
        ]:
            route = kzpk.build_route(origin, destination, on=day, modes=["rail"])[0]
            assert [c.place.id for c in route.crossings] == [post], (origin, destination)
            default = next(p.value for p in DATA.parameters if p.id == "dwell-border-rail")
            assert route.crossings[0].hours == default > 0

    def test_a_crossing_without_a_figure_takes_its_border_s_mean(self) -> None:
        """A crossing with no figure of its own is charged its border's mean.

        Kharlachi is charged the mean of the road figures published for the other
        Afghan–Pakistani crossings, with their citations, so that Peshawar–Kabul goes by
        Torkham, as trucks do; Taftan's border has none, so the default applies.
        """
        day = dt.date(2022, 6, 1)
        asked = {"optimize": "time", "modes": ["road"], "on": day, "alternatives": 1}
        best = kzpk.build_route("Peshawar", "Kabul", **asked)[0]  # type: ignore[arg-type]
        assert [c.place.id for c in best.crossings] == ["torkham"]
        assert best.crossings[0].basis is kzpk.DwellBasis.OWN
        other = kzpk.build_route("Peshawar", "Kabul", avoid_crossings=["Torkham"], **asked)[0]  # type: ignore[arg-type]
        kharlachi = next(c for c in other.crossings if c.place.id == "kharlachi")
        measured = [
            d
            for p in DATA.places
            if set(p.border) == {"AF", "PK"} and p.id != "kharlachi"
            for d in p.dwell
            if d.mode is kzpk.Mode.ROAD
        ]
        assert len(measured) >= 2
        assert kharlachi.basis is kzpk.DwellBasis.BORDER
        assert not kharlachi.published
        assert kharlachi.hours == pytest.approx(sum(d.hours for d in measured) / len(measured))
        assert kharlachi.citations == tuple(c for d in measured for c in d.citations)
        assert "Kharlachi: 39.1 h by road (border's mean)" in str(other)
        taftan = kzpk.build_route("Zahedan", "Quetta", **asked)[0]  # type: ignore[arg-type]
        stop = next(c for c in taftan.crossings if c.place.id == "taftan-mirjaveh")
        default = next(p for p in DATA.parameters if p.id == "dwell-border-road")
        assert (stop.basis, stop.hours, stop.citations) == (
            kzpk.DwellBasis.DEFAULT,
            default.value,
            default.citations,
        )

    def test_a_configured_default_replaces_the_border_s_mean(self) -> None:
        """A configured road default stands for every crossing without its own figure."""
        kzpk.configure(kzpk.Config(border_hours_road=5.0))
        route = kzpk.build_route(
            "Peshawar", "Kabul", modes=["road"], avoid_crossings=["Torkham"], on=dt.date(2022, 6, 1)
        )[0]
        kharlachi = next(c for c in route.crossings if c.place.id == "kharlachi")
        assert (kharlachi.basis, kharlachi.hours) == (kzpk.DwellBasis.DEFAULT, 5.0)

    def test_closed_crossing_is_not_operational(self) -> None:
        """A route through a crossing that statuses= admits while closed is not operational."""
        winter = dt.date(2026, 1, 15)
        routes = kzpk.build_route(
            "Kashgar",
            "Gilgit",
            on=winter,
            modes=["road"],
            statuses=["operational", "closed"],
            via=["Khunjerab Pass"],
        )
        route = routes[0]
        stop = next(c for c in route.crossings if c.place.id == "khunjerab-pass")
        assert stop.status is kzpk.LinkStatus.CLOSED
        assert not route.is_operational
        assert "(closed)" in str(route)

    def test_season_names_the_day_it_reopens(self) -> None:
        """Closed for the winter, the Khunjerab Pass is named with the day it reopens."""
        with pytest.raises(kzpk.NoRouteError, match=r"Khunjerab Pass .*reopens on 2027-04-01"):
            kzpk.build_route(
                "Kashgar",
                "Gilgit",
                on=dt.date(2026, 12, 15),
                modes=["road"],
                via=["Khunjerab Pass"],
            )

    def test_next_open(self) -> None:
        """The first day a route exists: the same day when open, 1 April after the winter."""
        options = {"modes": ["road"], "via": ["Khunjerab Pass"]}
        summer = dt.date(2026, 7, 1)
        assert kzpk.next_open("Kashgar", "Gilgit", after=summer, **options) == summer  # type: ignore[arg-type]
        winter = dt.date(2026, 12, 15)
        assert kzpk.next_open("Kashgar", "Gilgit", after=winter, **options) == dt.date(2027, 4, 1)  # type: ignore[arg-type]

    def test_next_open_when_never(self) -> None:
        """When no known day opens a route, the error says so."""
        with pytest.raises(kzpk.NoRouteError, match="no later day"):
            kzpk.next_open("Almaty", "Karachi", modes=["air"])


class TestErrors:
    """Clear errors, never a silent fallback."""

    def test_unknown_place(self) -> None:
        """An unknown place suggests close names."""
        with pytest.raises(kzpk.NotFoundError, match="did you mean 'Karachi'"):
            kzpk.build_route("Almaty", "Karachy")

    def test_unknown_crossing(self) -> None:
        """An unknown crossing suggests close names; a city is not a crossing."""
        with pytest.raises(kzpk.NotFoundError, match="border crossing"):
            kzpk.build_route("Almaty", "Karachi", avoid_crossings=["Torkhem"])
        with pytest.raises(kzpk.InvalidInputError, match="not a border crossing"):
            kzpk.build_route("Almaty", "Karachi", avoid_crossings=["Lahore"])

    def test_endpoint_in_avoided_country(self) -> None:
        """Avoiding the destination's own country is an explicit error."""
        with pytest.raises(kzpk.InvalidInputError, match="avoid_countries"):
            kzpk.build_route("Almaty", "Kabul", avoid_countries=["AF"])

    def test_no_route_names_filter(self) -> None:
        """When filters cut the network, the error names them."""
        with pytest.raises(kzpk.NoRouteError, match="modes"):
            kzpk.build_route("Almaty", "Karachi", modes=["air"], on=TODAY)

    def test_no_route_names_closure(self) -> None:
        """When a closure that day cuts the network, the error names the closed link."""
        data = TestChanges().network((kzpk.Mode.ROAD, None), (kzpk.Mode.ROAD, None))
        closing = (
            kzpk.StatusSpell(kzpk.LinkStatus.OPERATIONAL, end=dt.date(2025, 10, 11)),
            kzpk.StatusSpell(kzpk.LinkStatus.CLOSED, start=dt.date(2025, 10, 12)),
        )
        links = (data.links[0], attrs.evolve(data.links[1], history=closing))
        closed = data.replace(links=links)
        assert routes_of(closed, "a", "c", on=dt.date(2025, 10, 11))
        with pytest.raises(kzpk.NoRouteError, match=r"link bc is closed on 2025-10-12 \(since"):
            routes_of(closed, "a", "c", on=dt.date(2025, 10, 12))

    def test_no_route_names_season(self) -> None:
        """A crossing out of season is named with its window."""
        data = TestChanges().network((kzpk.Mode.ROAD, None), (kzpk.Mode.ROAD, None))
        pass_ = attrs.evolve(
            data.places[1],
            kind=kzpk.PlaceKind.BORDER_CROSSING,
            border=("KZ", "UZ"),
            seasons=(kzpk.Season("04-01", "11-30"),),
        )
        seasonal = data.replace(places=(data.places[0], pass_, data.places[2]))
        assert routes_of(seasonal, "a", "c", on=dt.date(2026, 7, 1))
        with pytest.raises(kzpk.NoRouteError, match=r"out of season .*open 04-01\.\.11-30"):
            routes_of(seasonal, "a", "c", on=dt.date(2026, 12, 1))

    @pytest.mark.parametrize(
        "options",
        [
            {"optimize": "cost"},
            {"alternatives": 0},
            {"alternatives": kzpk.MAX_ALTERNATIVES + 1},
            {"alternatives": 1_000_000},
            {"alternatives": True},
            {"modes": ["boat"]},
            {"modes": []},
            {"profile": "cargo"},
            {"statuses": ["open"]},
            {"include_planned": True, "statuses": ["planned"]},
            {"weight_factor": 0.5},
            {"share_factor": 1.5},
            {"on": "yesterday"},
            {"avoid_countries": 5},
        ],
    )
    def test_bad_options(self, options: dict[str, object]) -> None:
        """Bad options raise InvalidInputError (ChoiceError among them) naming the option."""
        with pytest.raises(kzpk.InvalidInputError) as caught:
            kzpk.build_route("Almaty", "Karachi", **options)  # type: ignore[arg-type]
        assert all(option in str(caught.value) for option in options), str(caught.value)

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            ({"weight_factor": 0.5}, "weight_factor must be a number of at least 1, not 0.5"),
            ({"share_factor": 1.5}, "share_factor must be a number from 0 to 1, not 1.5"),
            ({"crew": "triple"}, "crew: 'triple' is not one of single, double"),
        ],
    )
    def test_factor_messages(self, options: dict[str, object], message: str) -> None:
        """One clear sentence per bad factor."""
        with pytest.raises(
            kzpk.InvalidInputError if "factor" in message else kzpk.NotFoundError
        ) as caught:
            kzpk.build_route("Almaty", "Karachi", **options)  # type: ignore[arg-type]
        assert message in str(caught.value)


def test_stepwise_searches_offer_what_whole_ones_do() -> None:
    """Searching on one step at a time offers the routes that searching all the way does.

    The candidates within a step are known with their final costs once both searches have
    settled up to it, so they are tried in the same order either way: on the real network,
    between eight cities, by distance and by time.
    """
    cities = ("Almaty", "Karachi", "Tashkent", "Astana", "Gwadar", "Kashgar", "Baku", "Kabul")
    for origin, destination in itertools.permutations(cities, 2):
        for optimize in ("distance", "time"):
            stepwise = kzpk.build_route(origin, destination, optimize=optimize)
            with mock.patch.object(_alternatives, "STEPS", ()):  # all the way at once
                whole = kzpk.build_route(origin, destination, optimize=optimize)
            assert stepwise == whole, (origin, destination, optimize)
