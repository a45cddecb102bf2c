"""Alternative routes a planner would offer: distinct, locally optimal, of bounded stretch.

After Abraham, Delling, Goldberg and Werneck, "Alternative routes in road networks"
(ACM JEA 18, 2013): an alternative is the best path through some other place *v* (the
via-node method, from one search out of the origin and one back from the destination),
admitted when

- **bounded stretch**: it costs at most ``weight_factor`` times the best route, and no
  stretch of it costs more than ``weight_factor`` times the cheapest way between that
  stretch's ends (so no padded detour: out to a port and back past where it started);
- **local optimality**: every stretch of it costing at most ``LOCAL_SHARE`` of the best
  route is within ``LOCAL_STRETCH`` of the cheapest way between its ends;
- **limited sharing**: it shares at most ``share_factor`` of its length with each route
  offered before it;

and it visits no place twice and is not the same sequence of places as one offered.
How a stretch and its cheapest way are priced, and the two bounds, are in
:mod:`kzpk.routing._stretch`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any, Final, NamedTuple

from kzpk.routing._backward import Backward, walk_on
from kzpk.routing._network import Arc, Carrier, Graph
from kzpk.routing._paths import (
    TOLERANCE,
    Costs,
    Departure,
    Forward,
    Label,
    Path,
    Rules,
    State,
    Tree,
    places_of,
    price,
    visits_once,
    walk_back,
    within,
)
from kzpk.routing._stretch import Stretch

__all__ = [
    "STEPS",
    "Problem",
    "alternatives",
    "shared_fraction",
]


class Problem(NamedTuple):
    """A route question as the search sees it: the graph, the ends, the prices, the rules."""

    graph: Graph
    sources: frozenset[str]
    targets: frozenset[str]
    costs: Costs
    rules: Rules


#: A state of the forward search or a departure of the backward one.
Node = State | Departure
#: (place, vias passed) -> each way on: the carrier leaving, the changes of mode to come, the label
Onward = dict[tuple[str, int], list[tuple[Carrier, int, Label]]]


#: How far (times the best route's cost) the searches go before the candidates up to
#: there are tried, in turn, up to the weight factor: most alternatives cost little more
#: than the best route, and the searches stop as soon as enough are found.
STEPS: Final = (1.02, 1.04, 1.06, 1.08, 1.1, 1.13, 1.16, 1.2, 1.25, 1.3, 1.35)


def alternatives(
    problem: Problem,
    best: tuple[Label, Path],
    search: Forward,
    *,
    count: int,
    weight_factor: float,
    share_factor: float,
) -> list[tuple[Label, Path]]:
    """Up to *count* routes, *best* first, then admissible alternatives cheapest first.

    *search* is the forward search that found *best*, settled up to its cost. It goes on
    beside a backward search from the targets one step of :data:`STEPS` at a time, and
    the candidates within a step are tried before the searches go further. A candidate
    costing at most a step is known with its final cost once both searches have settled
    up to that cost, so the candidates are tried in the same order as if the searches
    had first gone all the way.
    """
    found = [best]
    if count == 1:
        return found
    cost = best[0][0]
    limit = within(cost, weight_factor)
    back = Backward(
        problem.graph,
        problem.targets,
        problem.costs,
        problem.rules,
        bound=limit,
        sources=problem.sources,
    )
    ways = _Ways(problem, search.tree, back.settled, limit)
    judge = _Judge(
        problem,
        best,
        search.tree,
        back,
        weight_factor=weight_factor,
        share_factor=share_factor,
        limit=limit,
    )
    for until in (*(step for step in STEPS if step < weight_factor), weight_factor):
        cap = min(limit, within(cost, until))
        search.run(until)
        back.run(cap)
        for state, departure in ways.candidates(cap):
            route = judge.route(state, departure, cap, found)
            if route is not None:
                found.append(route)
                if len(found) == count:
                    return found
    return found


class _Judge:
    """Makes a candidate's route and judges it: distinct, sharing little, of bounded stretch."""

    def __init__(
        self,
        problem: Problem,
        best: tuple[Label, Path],
        tree: Tree,
        back: Backward,
        *,
        weight_factor: float,
        share_factor: float,
        limit: float,
    ) -> None:
        """Judge alternatives to *best*, found by the searches *tree* and *back*, to *limit*."""
        self.problem, self.tree, self.back = problem, tree, back
        self.share_factor, self.limit = share_factor, limit
        self.seen = {places_of(best[1])}
        legs = {frozenset((tail, arc.head)) for tail, arc in best[1]}
        self.ahead = _Overlap(tree.parents, legs, forward=True)
        self.behind = _Overlap(back.after, legs, forward=False)
        self.checker = Stretch(
            problem.graph,
            problem.costs,
            best[0][0],
            weight_factor,
            departures=None if problem.rules.vias else back.settled,
            most=problem.rules.max_changes,
        )

    def route(
        self, state: State, departure: Departure, cap: float, found: list[tuple[Label, Path]]
    ) -> tuple[Label, Path] | None:
        """The route through *state* and on by *departure*, if it may follow *found*.

        The backward search has settled up to *cap*, and goes on to the route's cost if
        it is dearer (a way on that keeps the rules), for the stretch checks' bounds.
        """
        problem, tree, back = self.problem, self.tree, self.back
        km_in, shared_in = self.ahead.of(state)
        km_out, shared_out = self.behind.of(departure)
        if shared_in + shared_out > (self.share_factor + TOLERANCE) * (km_in + km_out):
            return None  # shares too much with the best route, judged from the two trees
        path: Path = (*walk_back(state, tree.parents), *walk_on(departure, back.after))
        sequence = places_of(path)
        if sequence in self.seen or not visits_once(path):
            return None
        self.seen.add(sequence)
        label: Label | None = price(path, problem.costs, problem.rules)
        if label is None:  # the way on breaks a rule the backward search relaxes
            path, label = _onward_by_rules(problem, state, tree)
            if not path or not visits_once(path):
                return None
            self.seen.add(places_of(path))
        if (
            label is None
            or label[0] > self.limit
            or shared_fraction(path, (p for _, p in found)) > self.share_factor + TOLERANCE
        ):
            return None
        back.run(max(cap, label[0]))  # the stretch bounds need the ways on up to its cost
        return (label, path) if self.checker.admits(path) else None


class _Ways:
    """The cheapest way on from each state of the forward tree, as the searches go on.

    A state's way on is the cheapest departure from its place with its vias passed
    (:func:`_way_on`). Once the backward search has settled up to some cost, a state
    whose way on brings it to at most that cost has that way on settled, and every
    cheaper one from the same place too. :meth:`candidates` offers each state once.
    """

    def __init__(
        self, problem: Problem, tree: Tree, departures: Mapping[Departure, Label], limit: float
    ) -> None:
        self.problem, self.tree, self.departures, self.limit = problem, tree, departures, limit
        self.onward: Onward = {}
        self.filed = 0  # how many departures are filed in onward
        self.looked = 0  # how many settled states were looked at
        #: the states not offered yet -> their cheapest way on so far (None: none yet)
        self.open: dict[State, tuple[Label, tuple[str, int], Departure] | None] = {}
        self.at: dict[tuple[str, int], list[State]] = {}  # the open states by place, vias

    def candidates(self, cap: float) -> list[tuple[State, Departure]]:
        """The states not offered yet whose way on costs at most *cap*, cheapest first."""
        problem, labels, onward, departures = (
            self.problem,
            self.tree.labels,
            self.onward,
            self.departures,
        )
        added: dict[tuple[str, int], list[tuple[Carrier, int, Label]]] = {}
        for departure in itertools.islice(departures, self.filed, None):
            place, carrier, passed, made = departure
            added.setdefault((place, passed), []).append((carrier, made, departures[departure]))
        self.filed = len(departures)
        for spot, ways in added.items():
            ways.sort(key=_label_of)  # so that _way_on stops at the first too dear
            onward.setdefault(spot, []).extend(ways)
            onward[spot].sort(key=_label_of)
            for state in self.at.get(spot, ()):  # the open states: the new ways on alone
                way, kept = _way_on(problem, state, labels[state], ways), self.open[state]
                if way is not None and (kept is None or way < kept):
                    self.open[state] = way
        ends = problem.sources | problem.targets
        for state in itertools.islice(self.tree.settled, self.looked, None):
            if labels[state][0] <= self.limit and state[0] not in ends:
                spot = (state[0], state[2])
                self.at.setdefault(spot, []).append(state)
                filed = onward.get(spot)
                self.open[state] = (
                    None if filed is None else _way_on(problem, state, labels[state], filed)
                )
        self.looked = len(self.tree.settled)
        chosen = [
            (way[0], state[0], _key(state[1]), state, way[2])
            for state, way in self.open.items()
            if way is not None and way[0][0] <= cap
        ]
        chosen.sort(key=lambda c: c[:3])
        for *_, state, _ in chosen:
            del self.open[state]
            self.at[(state[0], state[2])].remove(state)
        return [(state, departure) for *_, state, departure in chosen]


def _way_on(
    problem: Problem, state: State, here: Label, ways: list[tuple[Carrier, int, Label]]
) -> tuple[Label, tuple[str, int], Departure] | None:
    """The cheapest of *ways* (cheapest first) on from *state*, reached at *here*.

    It keeps to the limit of changes of mode with those already made; of ways on that
    cost the same, the one leaving by the carrier first in :func:`_key` order.
    """
    place, carrier, passed, _, changes = state
    prices, change = problem.costs.prices, problem.costs.change
    most = problem.rules.max_changes
    best: tuple[Label, tuple[str, int], Departure] | None = None
    for out, made, label in ways:
        if best is not None and here[0] + label[0] > best[0][0]:
            break  # changes cost nothing or more: no way on from here wins or ties
        if most is not None and (
            changes + made + (carrier is not None and carrier[0] is not out[0]) > most
        ):
            continue
        priced = prices.get((place, carrier, out))
        if priced is None:
            priced = change(place, carrier, out)
        total = _sum(here, priced, label)
        if best is None or total <= best[0]:
            option = (total, _key(out), (place, out, passed, made))
            if best is None or option < best:
                best = option
    return best


_KEYS: dict[Carrier | None, tuple[str, int]] = {}


def _key(carrier: Carrier | None) -> tuple[str, int]:
    """A cheap sort key for a carrier (enums compare by name only slowly), worked out once."""
    found = _KEYS.get(carrier)
    if found is None:
        found = _KEYS[carrier] = ("", 0) if carrier is None else (carrier[0].value, carrier[1] or 0)
    return found


class _Overlap:
    """Per state of a search tree: km of its tree path, and km of it on the best route.

    Walking the forward tree back from a state (or the backward tree on) reaches the best
    route's legs at most once per branch, so both figures are memoised along the way.
    """

    def __init__(
        self, links: Mapping[Any, tuple[Any, Any]], legs: set[frozenset[str]], *, forward: bool
    ) -> None:
        self.links = links
        self.legs = legs
        self.forward = forward
        self.memo: dict[Node, tuple[float, float]] = {}

    def _step(self, state: Node) -> tuple[Node | None, Arc, str] | None:
        if state not in self.links:
            return None
        if self.forward:
            previous, arc = self.links[state]
            return previous, arc, previous[0]
        arc, following = self.links[state]
        return following, arc, state[0]

    def of(self, state: Node) -> tuple[float, float]:
        """(km of the tree path of *state*, km of it on the best route)."""
        chain: list[tuple[Node, Arc, str]] = []
        current: Node | None = state
        while current is not None and current not in self.memo:
            step = self._step(current)
            if step is None:
                self.memo[current] = (0.0, 0.0)
                break
            chain.append((current, step[1], step[2]))
            current = step[0]
        base = self.memo.get(current, (0.0, 0.0)) if current is not None else (0.0, 0.0)
        for link_state, arc, tail in reversed(chain):
            shared = base[1] + arc.km if frozenset((tail, arc.head)) in self.legs else base[1]
            base = (base[0] + arc.km, shared)
            self.memo[link_state] = base
        return self.memo[state]


def _onward_by_rules(problem: Problem, state: State, tree: Tree) -> tuple[Path, Label | None]:
    """The best path through *state* of the tree that keeps the rules all the way."""
    on = Forward(
        problem.graph,
        (),
        problem.targets,
        problem.costs,
        problem.rules,
        start=(state, tree.labels[state]),
    )
    found = on.run().best()
    if found is None:
        return (), None
    label, rest = found
    return (*walk_back(state, tree.parents), *rest), label


def _label_of(way: tuple[Carrier, int, Label]) -> Label:
    return way[2]


def _sum(a: Label, b: Label, c: Label) -> Label:
    return (a[0] + b[0] + c[0], a[1] + b[1] + c[1], a[2] + b[2] + c[2])


def shared_fraction(path: Path, others: Iterable[Path]) -> float:
    """The largest share of *path*'s length that it has in common with one of *others*."""
    total = sum(arc.km for _, arc in path) or 1.0
    legs = {frozenset((tail, arc.head)) for tail, arc in path}
    fractions = [0.0]
    for other in others:
        common = {frozenset((tail, arc.head)) for tail, arc in other} & legs
        shared = sum(arc.km for tail, arc in path if frozenset((tail, arc.head)) in common)
        fractions.append(shared / total)
    return max(fractions)
