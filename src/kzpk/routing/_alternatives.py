"""Alternative routes a planner would offer: distinct, locally optimal, of bounded stretch.

After Abraham, Delling, Goldberg and Werneck, "Alternative routes in road networks"
(ACM JEA 18, 2013): an alternative is the best path through some other place *v* (the
via-node method, from one search out of the origin and one back from the destination),
admitted when

- **bounded stretch**: it costs at most ``weight_factor`` times the best route, and no
  stretch of it costs more than ``weight_factor`` times the cheapest way between that
  stretch's ends (so no padded detour: out to a port and back past where it started);
- **local optimality**: every stretch of it costing at most :data:`LOCAL_SHARE` of the
  best route is within :data:`LOCAL_STRETCH` of the cheapest way between its ends;
- **limited sharing**: it shares at most ``share_factor`` of its length with each route
  offered before it;

and it visits no place twice and is not the same sequence of places as one offered.
A stretch from place *x* to place *y* is priced from the carrier the route arrives at *x*
by: the change there, its arcs and the changes inside it (no terminal handling); the
cheapest way is priced the same, from the same place and arriving carrier to *y*. So a
route that stays on the train through a town is not faulted for the lorry it would have
to change to.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Any, Final, NamedTuple

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

__all__ = [
    "LOCAL_SHARE",
    "LOCAL_STRETCH",
    "Problem",
    "alternatives",
    "cheapest_from",
    "mode_changes",
    "shared_fraction",
    "stretch_costs",
]

#: Stretches up to this share of the best route's cost must be nearly the cheapest way.
LOCAL_SHARE: Final = 0.25
#: How much dearer than the cheapest way such a short stretch may be.
LOCAL_STRETCH: Final = 1.1
_TOLERANCE: Final = 1e-9


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
    limit = best[0][0] * weight_factor + _TOLERANCE * max(1.0, best[0][0])
    departures, after = backward(
        problem.graph,
        problem.targets,
        problem.costs,
        problem.rules,
        bound=limit,
        sources=problem.sources,
    )
    onward: Onward = {}
    for (place, carrier, passed, made), way in departures.items():
        onward.setdefault((place, passed), []).append((carrier, made, way))
    checker = _Stretch(
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
        if shared_in + shared_out > (share_factor + _TOLERANCE) * (km_in + km_out):
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
            or shared_fraction(path, (p for _, p in found)) > share_factor + _TOLERANCE
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
    """Each settled state's cheapest way on, within *limit*, cheapest first (via nodes).

    The way on keeps to the limit of changes of mode with those already made; of ways
    on that cost the same, the one leaving by the carrier first in :func:`_key` order.
    """
    ends = problem.sources | problem.targets
    prices, change = problem.costs.prices, problem.costs.change
    most = problem.rules.max_changes
    labels = tree.labels
    found: list[tuple[Label, str, tuple[str, int], State, Departure]] = []
    for state in tree.settled:
        place, carrier, passed, _, changes = state
        here = labels[state]
        if here[0] > limit or place in ends:
            continue
        ways = onward.get((place, passed))
        if ways is None:
            continue
        best: tuple[Label, tuple[str, int], Departure] | None = None
        for out, made, label in ways:
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
        if best is not None and best[0][0] <= limit:
            found.append((best[0], place, _key(carrier), state, best[2]))
    found.sort(key=lambda c: c[:3])
    return [(state, departure) for *_, state, departure in found]


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


def _yardstick(
    reached: Iterable[tuple[Carrier | None, int, float]],
    leaving: Carrier | None,
    most: int,
    costs: Costs,
    place: str,
) -> float:
    """The cheapest way among *reached* (at *place*) to leaving by *leaving*, in *most* changes."""
    best = math.inf
    for arriving, changed, label in reached:
        if arriving is None:
            continue
        moved = leaving is not None and leaving[0] is not arriving[0]
        if changed + moved <= most:
            best = min(best, label + costs.change(place, arriving, leaving)[0])
    return best


def stretch_costs(path: Path, costs: Costs) -> list[list[float]]:
    """``[i][j]``: the cost of *path* from its *i*-th place to its *j*-th (j > i).

    The arcs and the changes at every place from the *i*-th to the *j*-th, both
    included: at each end, the change between the carrier the path arrives by and the
    one it leaves by (terminal handling at the path's own ends).
    """
    carriers = [None, *(arc.carrier for _, arc in path), None]
    places = places_of(path)
    changes = [costs.change(places[k], carriers[k], carriers[k + 1])[0] for k in range(len(places))]
    moving = list(itertools.accumulate((arc.label[0] for _, arc in path), initial=0.0))
    changed = list(itertools.accumulate(changes, initial=0.0))  # changed[k]: places < k
    size = len(places)
    return [
        [
            (moving[j] - moving[i]) + (changed[j + 1] - changed[i]) if j > i else 0.0
            for j in range(size)
        ]
        for i in range(size)
    ]


def mode_changes(path: Path) -> list[list[int]]:
    """``[i][j]``: how often the mode changes at the places from *i* to *j*, both included."""
    carriers = [None, *(arc.carrier for _, arc in path), None]
    moved = [
        int(a is not None and b is not None and a[0] is not b[0])
        for a, b in itertools.pairwise(carriers)
    ]
    total = list(itertools.accumulate(moved, initial=0))
    size = len(path) + 1
    return [[total[j + 1] - total[i] for j in range(size)] for i in range(size)]


def cheapest_from(
    graph: Graph,
    source: str,
    carrier: Carrier | None,
    costs: Costs,
    bound: float = math.inf,
    *,
    most: int = 0,
) -> dict[tuple[str, Carrier | None, int], float]:
    """The cost of the cheapest way from *source*, arrived at by *carrier*, to each state.

    A state is a place, the carrier arriving there and how often the mode changed on the
    way (at most *most*); up to *bound*. Every change priced (the first from *carrier*,
    terminal handling when it is None), no other rule: with the change at the far end,
    the yardstick a stretch is measured against.
    """
    start = (source, carrier, 0)
    labels: dict[tuple[str, Carrier | None, int], float] = {start: 0.0}
    counter = itertools.count()
    heap: list[tuple[float, int, tuple[str, Carrier | None, int]]] = [(0.0, next(counter), start)]
    done: dict[tuple[str, Carrier | None, int], float] = {}
    while heap:
        cost, _, state = heapq.heappop(heap)
        if state in done:
            continue
        if cost > bound:
            break
        done[state] = cost
        place, arriving, changed = state
        for arc in graph.arcs.get(place, ()):
            step = arc.label[0]
            now = changed
            if arriving is not None or place == source:
                step += costs.change(place, arriving, arc.carrier)[0]
                if arriving is not None and arriving[0] is not arc.carrier[0]:
                    now += 1
                    if now > most:
                        continue
            key = (arc.head, arc.carrier, now)
            new = cost + step
            if new < labels.get(key, math.inf):
                labels[key] = new
                heapq.heappush(heap, (new, next(counter), key))
    return done


class _Stretch:
    """Checks bounded stretch and local optimality of candidate paths.

    A stretch whose cost is within its bound of a lower bound of the cheapest way needs
    no search: without vias, the backward search's labels give one (any way from the
    stretch's start to its end, then on as the route goes, costs at least the cheapest way
    on from the start with as many changes of mode). The other stretches are measured by
    searches kept on the graph.
    """

    def __init__(
        self,
        graph: Graph,
        costs: Costs,
        best: float,
        weight_factor: float,
        *,
        onward: Onward | None,
        most: int | None,
    ) -> None:
        self.graph = graph
        self.costs = costs
        self.local = LOCAL_SHARE * best
        self.weight_factor = weight_factor
        self.most = most
        # (place, carrier leaving) -> [(changes to come, cheapest label with no more)]
        self.leaving: dict[tuple[str, Carrier], list[tuple[int, float]]] = {}
        for (place, passed), options in (onward or {}).items():
            if passed == 0:
                for out, made, label in options:
                    self.leaving.setdefault((place, out), []).append((made, label[0]))
        for listed in self.leaving.values():
            listed.sort()
            for k in range(1, len(listed)):
                listed[k] = (listed[k][0], min(listed[k][1], listed[k - 1][1]))
        self.outs: dict[str, list[Carrier]] = {}
        for place, out in self.leaving:
            self.outs.setdefault(place, []).append(out)
        self.lower = onward is not None
        self.memo: dict[object, object] = graph.memo.setdefault(("cheapest", costs.by_time), {})  # type: ignore[assignment]

    def _from(
        self, source: str, carrier: Carrier | None, bound: float, most: int
    ) -> Mapping[str, list[tuple[Carrier | None, int, float]]]:
        key = (source, carrier, most)
        kept: tuple[float, Mapping[str, list[tuple[Carrier | None, int, float]]]] | None
        kept = self.memo.get(key)  # type: ignore[assignment]
        if kept is None or kept[0] < bound:
            found: dict[str, list[tuple[Carrier | None, int, float]]] = {}
            reached = cheapest_from(self.graph, source, carrier, self.costs, bound, most=most)
            for (place, arriving, changed), label in reached.items():
                found.setdefault(place, []).append((arriving, changed, label))
            kept = (bound, found)
            self.memo[key] = kept
        return kept[1]

    def _on(self, place: str, carrier: Carrier | None, most: int | None) -> float | None:
        """The cheapest label leaving *place* by *carrier* with at most *most* changes to come."""
        ways = self.leaving.get((place, carrier)) if carrier is not None else None
        if not ways:
            return None
        found = None
        for made, label in ways:
            if most is not None and made > most:
                break
            found = label
        return found

    def _left(self, place: str, arriving: Carrier | None) -> float | None:
        """The cheapest cost on from *place*, arrived at by *arriving*, keeping the limit."""
        change, best = self.costs.change, None
        for out in self.outs.get(place, ()):
            moved = arriving is not None and arriving[0] is not out[0]
            on = self._on(place, out, None if self.most is None else self.most - moved)
            if on is not None:
                total = change(place, arriving, out)[0] + on
                best = total if best is None else min(best, total)
        return best

    def admits(self, path: Path) -> bool:
        """Whether every stretch of *path* is within its bound of the cheapest way."""
        places = places_of(path)
        stretch = stretch_costs(path, self.costs)
        changed = mode_changes(path)
        last = len(places) - 1
        carriers = [None, *(arc.carrier for _, arc in path), None]
        left = [self._left(places[k], carriers[k]) if self.lower else None for k in range(last)]
        floor, ratio = self._floor, self.ratio
        for i in range(last - 1):
            doubtful = []
            row, moved, before = stretch[i], changed[i], left[i]
            for j in range(i + 2, last + 1):
                cost = row[j]
                if before is not None:
                    low = floor(before, places[j], carriers[j + 1], moved[j], j == last)
                    if low is not None and cost <= ratio(cost) * low:
                        continue  # within the bound of a lower bound: no search needed
                doubtful.append(j)
            if not doubtful:
                continue
            needed = max(stretch[i][j] / self.ratio(stretch[i][j]) for j in doubtful)
            most = max(changed[i][j] for j in doubtful)
            reached = self._from(places[i], carriers[i], needed * (1 + 1e-9), most)
            for j in doubtful:
                cost = stretch[i][j]
                arrivals = reached.get(places[j], ())
                cheapest = _yardstick(
                    arrivals, carriers[j + 1], changed[i][j], self.costs, places[j]
                )
                if cost > self.ratio(cost) * cheapest + _TOLERANCE * max(1.0, cost):
                    return False
        return True

    def _floor(
        self, left: float | None, place: str, leaving: Carrier | None, changed: int, end: bool
    ) -> float | None:
        """A lower bound of the cheapest way to leaving *place* by *leaving*, or None.

        Any such way, then on as the route goes with no more changes than the limit leaves,
        costs at least *left*: so the way costs at least *left* less that way on.
        """
        if left is None:
            return None
        if end:
            return left
        on = self._on(place, leaving, None if self.most is None else self.most - changed)
        return None if on is None else left - on

    def ratio(self, cost: float) -> float:
        """How much dearer than the cheapest way a stretch of this *cost* may be."""
        return min(LOCAL_STRETCH, self.weight_factor) if cost <= self.local else self.weight_factor
