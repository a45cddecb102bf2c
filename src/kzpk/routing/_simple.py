"""The best route that visits each place once, for when the best walk does not.

A walk the search returns may come back to a place: a via point that must be left the way
one came, or a loop that makes a short run long enough to change mode after it.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable
from typing import Final

from kzpk.routing._network import Carrier, Graph
from kzpk.routing._paths import (
    ZERO,
    Costs,
    Forward,
    Label,
    Path,
    Rules,
    State,
    places_of,
    price,
    step,
    visits_once,
    within,
)

__all__ = ["by_segments", "simple_best"]

_SIMPLE_CAP: Final = 50_000  # partial paths popped before simple_best gives up
_COMPLETE: Final[frozenset[str]] = frozenset()  # the places of a path queued complete: none


def simple_best(  # noqa: C901 - the hot loop, inlined for speed
    graph: Graph,
    sources: frozenset[str],
    targets: frozenset[str],
    costs: Costs,
    rules: Rules,
    *,
    guide: Callable[[str, Carrier | None, int], float],
) -> tuple[Label, Path] | None:
    """The cheapest path under *rules* that visits each place once, or None.

    A best-first search over partial paths, each with the places it visited; *guide*
    bounds the cost still to come from a place, its carrier and the vias passed (from a
    relaxed backward search). A path that reaches a target is queued a second time,
    complete, at its price, so the first complete path out of the queue is the best.
    A partial path is not extended when one extended before it reached the same state
    at no greater label having visited a subset of its places: every way on from it is
    open to that one at the same cost. (The guide is admissible but not consistent, so
    paths do not leave the queue in the order of their labels.) The route
    :func:`by_segments` finds is queued first: no partial path whose bound costs more is
    queued at all. After :data:`_SIMPLE_CAP` partial paths the search stops and returns
    that route (the best found, not shown to be the best), or None.
    """
    counter = itertools.count()
    heap: list[tuple[float, Label, int, State, frozenset[str], Path]] = []
    for source in sorted(sources):
        start: State = (source, None, rules.advance(0, source), None, 0)
        heap.append(
            (guide(source, None, start[2]), ZERO, next(counter), start, frozenset({source}), ())
        )
    ceiling = math.inf
    first = by_segments(graph, sources, targets, costs, rules)
    if first is not None:  # a route to beat: nothing dearer is worth queueing
        ceiling = within(first[0][0], 1.0)
        last = first[1][-1][1]
        end: State = (last.head, last.carrier, len(rules.vias), None, 0)
        heap.append((first[0][0], first[0], next(counter), end, _COMPLETE, first[1]))
    heapq.heapify(heap)
    count = len(rules.vias)
    change = costs.change
    # per state, the label and places visited of each partial path expanded there
    expanded: dict[State, list[tuple[Label, frozenset[str]]]] = {}
    for _ in range(_SIMPLE_CAP):
        if not heap:
            return None
        _, label, _, state, seen, path = heapq.heappop(heap)
        place, carrier, passed, run, made = state
        if not seen:  # a complete path, queued at its price: the cheapest left
            return label, path
        if _dominated(expanded.setdefault(state, []), label, seen):
            continue
        for arc in graph.arcs.get(place, ()):
            if arc.head in seen:
                continue
            stepped = step(rules, carrier, run, made, arc)
            if stepped is None:
                continue
            after = arc.carrier
            changed = change(place, carrier, after)
            new = (
                label[0] + changed[0] + arc.label[0],
                label[1] + changed[1] + arc.label[1],
                label[2] + changed[2] + arc.label[2],
            )
            now = rules.advance(passed, arc.head)
            longer = (*path, (place, arc))
            target: State = (arc.head, after, now, *stepped)
            done = price(longer, costs, rules) if now == count and arc.head in targets else None
            if done is not None and done[0] <= ceiling:
                heapq.heappush(heap, (done[0], done, next(counter), target, _COMPLETE, longer))
            estimate = new[0] + guide(arc.head, after, now)
            if estimate <= ceiling and estimate != math.inf:  # else none of its ways on wins
                heapq.heappush(
                    heap, (estimate, new, next(counter), target, seen | {arc.head}, longer)
                )
    return first


def by_segments(
    graph: Graph, sources: frozenset[str], targets: frozenset[str], costs: Costs, rules: Rules
) -> tuple[Label, Path] | None:
    """A route that visits each place once, found stop by stop, or None.

    The best way to each via point in turn (and then to a target) that avoids the places
    already passed; None if a stop cannot be reached so, or the whole breaks the rules.
    Not always the best: :func:`simple_best` starts from it.
    """
    path: Path = ()
    ends = [sources, *rules.vias, targets]
    for start, goal in itertools.pairwise(ends):
        here = frozenset({path[-1][1].head}) if path else start
        passed = frozenset(places_of(path)) - here if path else frozenset()
        search = Forward(graph.without(passed), here, goal - passed, costs, Rules(max_changes=None))
        found = search.run().best()
        if found is None or not visits_once(found[1]):
            return None
        path = (*path, *found[1])
    label = price(path, costs, rules)
    return None if label is None or not visits_once(path) else (label, path)


def _dominated(
    earlier: list[tuple[Label, frozenset[str]]], label: Label, seen: frozenset[str]
) -> bool:
    """Whether a path extended *earlier* from this state was as cheap, having visited less.

    If not, the path of *label* and *seen* joins them.
    """
    if any(cost <= label and visited <= seen for cost, visited in earlier):
        return True
    earlier.append((label, seen))
    return False
