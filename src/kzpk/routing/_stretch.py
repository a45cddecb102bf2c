"""Bounded stretch and local optimality: how far a stretch of a route may exceed the cheapest way.

A stretch from place *x* to place *y* of a path is priced from the carrier the path
arrives at *x* by: the change there, its arcs and the changes inside it (no terminal
handling); the cheapest way is priced the same, from the same place and arriving carrier
to *y*, with no more changes of mode. So a route that stays on the train through a town
is not faulted for the lorry it would have to change to. :class:`Stretch` admits a path
whose every stretch is within its bound of that cheapest way (see
:mod:`kzpk.routing._alternatives`).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Final

from kzpk.routing._network import Carrier, Graph
from kzpk.routing._paths import TOLERANCE, Costs, Departure, Label, Path, places_of

__all__ = [
    "LOCAL_SHARE",
    "LOCAL_STRETCH",
    "Stretch",
    "cheapest_from",
    "mode_changes",
    "stretch_costs",
]

#: Stretches up to this share of the best route's cost must be nearly the cheapest way.
LOCAL_SHARE: Final = 0.25
#: How much dearer than the cheapest way such a short stretch may be.
LOCAL_STRETCH: Final = 1.1


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


class Stretch:
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
        departures: Mapping[Departure, Label] | None,
        most: int | None,
    ) -> None:
        """Check paths against *best*, bounded below by the backward search's *departures*.

        *departures* (None: no such bound, as with vias) may grow as that search goes on:
        each check first files the new ones, and its bounds hold for a path costing no more
        than the search has settled up to.
        """
        self.graph = graph
        self.costs = costs
        self.local = LOCAL_SHARE * best
        self.weight_factor = weight_factor
        self.most = most
        self.departures = departures
        self.filed = 0  # how many departures are filed in leaving
        # (place, carrier leaving) -> [(changes to come, cheapest label with no more)]
        self.leaving: dict[tuple[str, Carrier], list[tuple[int, float]]] = {}
        self.outs: dict[str, list[Carrier]] = {}
        self.lower = departures is not None
        self.memo: dict[object, object] = graph.memo.setdefault(("cheapest", costs.by_time), {})  # type: ignore[assignment]

    def _file(self) -> None:
        """File the departures settled since the last check (those with no via passed)."""
        departures = self.departures
        if departures is None or len(departures) == self.filed:
            return
        changed = set()
        for departure in itertools.islice(departures, self.filed, None):
            place, out, passed, made = departure
            if passed == 0:
                listed = self.leaving.get((place, out))
                if listed is None:
                    listed = self.leaving[(place, out)] = []
                    self.outs.setdefault(place, []).append(out)
                listed.append((made, departures[departure][0]))
                changed.add((place, out))
        self.filed = len(departures)
        for key in changed:  # the running minimum over no more changes to come
            listed = self.leaving[key]
            listed.sort()
            for k in range(1, len(listed)):
                listed[k] = (listed[k][0], min(listed[k][1], listed[k - 1][1]))

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
        self._file()
        places = places_of(path)
        stretch = stretch_costs(path, self.costs)
        changed = mode_changes(path)
        last = len(places) - 1
        carriers = [None, *(arc.carrier for _, arc in path), None]
        left = [self._left(places[k], carriers[k]) if self.lower else None for k in range(last)]
        # (end, changes inside the stretch) -> the cheapest way on from the end, or None:
        # what a lower bound subtracts, the same for every stretch ending there
        onward: dict[tuple[int, int], float | None] = {}
        ratio = self.ratio
        for i in range(last - 1):
            doubtful = []
            row, moved, before = stretch[i], changed[i], left[i]
            for j in range(i + 2, last + 1):
                cost = row[j]
                if before is not None:
                    if j == last:
                        low: float | None = before
                    else:
                        key = (j, moved[j])
                        if key in onward:
                            on = onward[key]
                        else:
                            most = None if self.most is None else self.most - moved[j]
                            on = onward[key] = self._on(places[j], carriers[j + 1], most)
                        low = None if on is None else before - on
                    if low is not None and cost <= ratio(cost) * low:
                        continue  # within the bound of a lower bound: no search needed
                doubtful.append(j)
            if not doubtful:
                continue
            needed = max(stretch[i][j] / ratio(stretch[i][j]) for j in doubtful)
            most = max(changed[i][j] for j in doubtful)
            reached = self._from(places[i], carriers[i], needed * (1 + TOLERANCE), most)
            for j in doubtful:
                cost = stretch[i][j]
                arrivals = reached.get(places[j], ())
                cheapest = _yardstick(
                    arrivals, carriers[j + 1], changed[i][j], self.costs, places[j]
                )
                if cost > ratio(cost) * cheapest + TOLERANCE * max(1.0, cost):
                    return False
        return True

    def ratio(self, cost: float) -> float:
        """How much dearer than the cheapest way a stretch of this *cost* may be."""
        return min(LOCAL_STRETCH, self.weight_factor) if cost <= self.local else self.weight_factor
