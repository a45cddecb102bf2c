"""The backward search: the cheapest ways on from each place to the targets.

The alternatives (:mod:`kzpk.routing._alternatives`) join each state of the forward
search to its cheapest way on from here; the best simple route's search
(:mod:`kzpk.routing._simple`) is guided by them. Labels, rules and prices are those of
:mod:`kzpk.routing._paths`.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Mapping

from kzpk.routing._bound import Bound
from kzpk.routing._network import Arc, Carrier, Graph
from kzpk.routing._paths import Costs, Departure, Label, Path, Rules, add_labels

__all__ = ["Backward", "walk_on"]


class Backward:
    """Cheapest labels of the departures on the way to a target, short runs allowed.

    A departure ``(place, carrier, vias passed, changes to come)`` is "leave *place* by an
    arc of *carrier* having passed that many vias (counting *place*), to change mode that
    many times more"; its label counts that arc, every change after it, the rest to a
    target and the terminal handling there. :meth:`run` settles them up to a cost, and
    the next call goes on from there. Only departures that can lie on a path from
    *sources* within *bound* are settled, and none reached as cheaply with no more
    changes of mode to come. *settled* holds them with their labels in the order they
    were settled, *after* the arc each takes and the departure after it.
    """

    __slots__ = (
        "after",
        "bound",
        "costs",
        "counter",
        "fewest",
        "graph",
        "heap",
        "labels",
        "rules",
        "settled",
        "to_source",
    )

    def __init__(
        self,
        graph: Graph,
        targets: frozenset[str],
        costs: Costs,
        rules: Rules,
        *,
        bound: float = math.inf,
        sources: Iterable[str] = (),
    ) -> None:
        """Start from the arcs into *targets*; keep what can lie within *bound* of *sources*."""
        self.graph, self.costs, self.rules, self.bound = graph, costs, rules, bound
        self.labels, self.after = _last_legs(graph, targets, costs, rules)
        #: The settled departures and their labels, in the order they were settled.
        self.settled: dict[Departure, Label] = {}
        self.to_source = Bound(graph, sources, into=False)
        self.counter = itertools.count()
        to_source, counter = self.to_source, self.counter
        self.heap = [
            (label[0] + to_source(s[0]), label, next(counter), s)
            for s, label in self.labels.items()
        ]
        heapq.heapify(self.heap)
        self.fewest: dict[tuple[str, Carrier, int], int] = {}  # changes to come, settled first

    def run(self, cap: float = math.inf) -> None:  # noqa: C901 - the hot loop, inlined for speed
        """Settle every departure whose cost, with the bound to the sources, is at most *cap*."""
        labels, after, done, heap = self.labels, self.after, self.settled, self.heap
        into, change, prices = self.graph.into, self.costs.change, self.costs.prices
        rules, bound, fewest, counter = self.rules, self.bound, self.fewest, self.counter
        limit = rules.max_changes
        bounds, inf = self.to_source.memo, math.inf
        push, pop, known = heapq.heappush, heapq.heappop, labels.get
        plain = not rules.vias
        stop = min(cap, bound)
        while heap:
            entry = pop(heap)
            priority, label, _, state = entry
            if label != labels[state] or state in done:
                continue
            if priority > stop:
                if priority <= bound:
                    push(heap, entry)  # to settle when the search goes on
                break
            place, carrier, passed, made = state
            spot = (place, carrier, passed)
            if fewest.get(spot, made + 1) <= made:
                continue  # dominated: reached as cheaply with no more changes to come
            fewest[spot] = made
            done[state] = label
            for tail, arc in into.get(place, ()):
                arriving = arc.carrier
                priced = prices.get((place, arriving, carrier))
                if priced is None:
                    priced = change(place, arriving, carrier)
                weight = arc.label
                new = (
                    label[0] + weight[0] + priced[0],
                    label[1] + weight[1] + priced[1],
                    label[2] + weight[2] + priced[2],
                )
                priority = new[0] + bounds.get(tail, inf)
                if priority > bound:
                    continue  # never settled: the search stops before it
                more = made
                if limit is not None and arriving[0] is not carrier[0]:
                    more += 1
                    if more > limit:
                        continue
                for earlier in (passed,) if plain else rules.before(passed, place):
                    source: Departure = (tail, arriving, earlier, more)
                    old = known(source)
                    if old is None or new < old:
                        labels[source] = new
                        after[source] = (arc, state)
                        push(heap, (priority, new, next(counter), source))


def _last_legs(
    graph: Graph, targets: frozenset[str], costs: Costs, rules: Rules
) -> tuple[dict[Departure, Label], dict[Departure, tuple[Arc, Departure | None]]]:
    """The departures of the arcs into a target, labelled with the arc and the terminal."""
    count = len(rules.vias)
    labels: dict[Departure, Label] = {}
    after: dict[Departure, tuple[Arc, Departure | None]] = {}
    for target in sorted(targets):
        for tail, arc in graph.into.get(target, ()):
            last = add_labels(arc.last, costs.change(target, arc.carrier, None))
            for passed in rules.before(count, target):
                state: Departure = (tail, arc.carrier, passed, 0)
                if state not in labels or last < labels[state]:
                    labels[state] = last
                    after[state] = (arc, None)
    return labels, after


def walk_on(departure: Departure, after: Mapping[Departure, tuple[Arc, Departure | None]]) -> Path:
    """The path of the backward tree from *departure* to a target."""
    steps: list[tuple[str, Arc]] = []
    state: Departure | None = departure
    place = departure[0]
    while state is not None:
        arc, following = after[state]
        steps.append((place, arc))
        place, state = arc.head, following
    return tuple(steps)
