"""The search's A* bound: the cheapest cost to (or from) some places over the bare arcs."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable

from kzpk.routing._network import Graph

__all__ = ["Bound"]


class Bound:
    """The cheapest cost between each place and the nearest of some places, by arcs alone.

    Changes of carrier, terminal handling and the rules only add to what a route costs,
    and an arc costs no less than its cheaper label, so this relaxed distance never
    overestimates what is left and drops across an arc by no more than the arc costs:
    the search's admissible, consistent bound. One Dijkstra over places, towards the
    places (*into*) or from them, worked out once and kept on the graph for the next
    search with the same ends.
    """

    __slots__ = ("memo",)

    def __init__(self, graph: Graph, ends: Iterable[str], *, into: bool) -> None:
        chosen = frozenset(ends)
        key = ("bound", into, chosen)
        kept = graph.memo.get(key)
        if kept is None:
            kept = graph.memo[key] = _relaxed(graph, chosen, into=into)
        #: The bound of each place that can reach the ends (or be reached from them):
        #: read it directly in a hot loop; a place missing is cut off from them.
        self.memo: dict[str, float] = kept  # type: ignore[assignment]

    def __call__(self, place: str) -> float:
        return self.memo.get(place, math.inf)


def _relaxed(graph: Graph, ends: frozenset[str], *, into: bool) -> dict[str, float]:
    """Cheapest costs to (*into*) or from *ends*, each arc at its cheaper label."""
    if not ends:
        return dict.fromkeys(graph.places, 0.0)
    found: dict[str, float] = {}
    heap = [(0.0, end) for end in sorted(ends)]
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        cost, place = pop(heap)
        if place in found:
            continue
        found[place] = cost
        if into:
            steps = graph.into.get(place, ())
        else:
            steps = tuple((arc.head, arc) for arc in graph.arcs.get(place, ()))
        for other, arc in steps:
            if other not in found:
                push(heap, (cost + min(arc.label[0], arc.last[0]), other))
    return found
