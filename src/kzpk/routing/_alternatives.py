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

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from kzpk.routing._network import Arc, Carrier, Graph
from kzpk.routing._paths import (
    Costs,
    Departure,
    Label,
    Path,
    Rules,
    State,
    Tree,
    backward,
    forward,
    places_of,
    price,
    visits_once,
    walk_back,
    walk_on,
)
from kzpk.routing._stretch import TOLERANCE, Onward, Stretch

__all__ = [
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


def alternatives(
    problem: Problem,
    best: tuple[Label, Path],
    tree: Tree,
    *,
    count: int,
    weight_factor: float,
    share_factor: float,
) -> list[tuple[Label, Path]]:
    """Up to *count* routes, *best* first, then admissible alternatives cheapest first."""
    found = [best]
    if count == 1:
        return found
    limit = best[0][0] * weight_factor + TOLERANCE * max(1.0, best[0][0])
    departures, after = backward(
        problem.graph,
        problem.targets,
        problem.costs,
        problem.rules,
        bound=limit,
        sources=problem.sources,
    )
    onward = _onward(departures)
    checker = Stretch(
        problem.graph,
        problem.costs,
        best[0][0],
        weight_factor,
        onward=None if problem.rules.vias else onward,
        most=problem.rules.max_changes,
    )
    seen = {places_of(best[1])}
    legs = {frozenset((tail, arc.head)) for tail, arc in best[1]}
    ahead = _Overlap(tree.parents, legs, forward=True)
    behind = _Overlap(after, legs, forward=False)
    for state, departure in _candidates(problem, tree, onward, limit):
        km_in, shared_in = ahead.of(state)
        km_out, shared_out = behind.of(departure)
        if shared_in + shared_out > (share_factor + TOLERANCE) * (km_in + km_out):
            continue  # shares too much with the best route, judged from the two trees
        path: Path = (*walk_back(state, tree.parents), *walk_on(departure, after))
        sequence = places_of(path)
        if sequence in seen or not visits_once(path):
            continue
        seen.add(sequence)
        label: Label | None = price(path, problem.costs, problem.rules)
        if label is None:  # the way on breaks a rule the backward search relaxes
            path, label = _onward_by_rules(problem, state, tree)
            if not path or not visits_once(path):
                continue
            seen.add(places_of(path))
        if (
            label is None
            or label[0] > limit
            or shared_fraction(path, (p for _, p in found)) > share_factor + TOLERANCE
            or not checker.admits(path)
        ):
            continue
        found.append((label, path))
        if len(found) == count:
            break
    return found


def _candidates(
    problem: Problem, tree: Tree, onward: Onward, limit: float
) -> list[tuple[State, Departure]]:
    """Each settled state's cheapest way on, within *limit*, cheapest first (via nodes)."""
    ends = problem.sources | problem.targets
    labels = tree.labels
    found: list[tuple[Label, str, tuple[str, int], State, Departure]] = []
    for state in tree.settled:
        place, carrier, passed, _, _ = state
        here = labels[state]
        if here[0] > limit or place in ends:
            continue
        ways = onward.get((place, passed))
        best = None if ways is None else _way_on(problem, state, here, ways)
        if best is not None and best[0][0] <= limit:
            found.append((best[0], place, _key(carrier), state, best[2]))
    found.sort(key=lambda c: c[:3])
    return [(state, departure) for *_, state, departure in found]


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
    on = forward(
        problem.graph,
        (),
        problem.targets,
        problem.costs,
        problem.rules,
        start=(state, tree.labels[state]),
    )
    found = on.best()
    if found is None:
        return (), None
    label, rest = found
    return (*walk_back(state, tree.parents), *rest), label


def _onward(departures: Mapping[Departure, Label]) -> Onward:
    """The ways on from each place with the vias passed there, cheapest first."""
    onward: Onward = {}
    for (place, carrier, passed, made), way in departures.items():
        onward.setdefault((place, passed), []).append((carrier, made, way))
    for ways in onward.values():
        ways.sort(key=_label_of)  # so that _way_on stops at the first too dear
    return onward


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
