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
from kzpk.routing._paths import ZERO, Costs, Label, Path, Rules, State, price, step

__all__ = ["simple_best"]

_SIMPLE_CAP: Final = 50_000  # partial paths popped before simple_best gives up


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
    paths do not leave the queue in the order of their labels.) Gives up (None) after
    :data:`_SIMPLE_CAP` partial paths.
    """
    counter = itertools.count()
    heap: list[tuple[float, Label, int, State, frozenset[str], Path]] = []
    for source in sorted(sources):
        start: State = (source, None, rules.advance(0, source), None, 0)
        heap.append(
            (guide(source, None, start[2]), ZERO, next(counter), start, frozenset({source}), ())
        )
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
            estimate = new[0] + guide(arc.head, after, now)
            if not math.isfinite(estimate):
                continue
            longer = (*path, (place, arc))
            target: State = (arc.head, after, now, *stepped)
            heapq.heappush(heap, (estimate, new, next(counter), target, seen | {arc.head}, longer))
            done = price(longer, costs, rules) if now == count and arc.head in targets else None
            if done is not None:
                heapq.heappush(heap, (done[0], done, next(counter), target, frozenset(), longer))
    return None


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
