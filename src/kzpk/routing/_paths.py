"""Shortest paths and alternative routes over an open graph (pure Python, no graph library).

The search runs on states ``(place, carrier)``, the carrier being the mode and gauge of
the leg that arrived there (None at the start). Leaving a place by another carrier costs
the change: transload time (or the distance penalty) for a change of mode, transload time
for a break of gauge. The change costs are closed under composition (a metric), so a
cheapest path never comes back to a place it has left: no place twice, by construction.

Labels are tuples compared in order — the optimised cost, then changes, then minus the
operational kilometres — so ties break the same way every time: fewer changes, then more
of the route open today. Alternatives follow the via-node method behind openrouteservice's
alternative routes: the cheapest path through each other place, from one search out of the
origin and one back from the destination, kept when it costs at most ``weight_factor``
times the best and shares at most ``share_factor`` of its length with every better route.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Any, Final

from kzpk.model import Mode
from kzpk.routing._network import Arc, Graph, Rates

__all__ = ["Costs", "Path", "best_paths", "places_of", "shared_fraction", "visits_once"]

Carrier = tuple[Mode, int | None]
Label = tuple[float, int, float]  # (cost, changes, -operational km)
State = tuple[str, Carrier | None]
#: A path: each step the place it leaves and the arc it takes.
Path = tuple[tuple[str, Arc], ...]
_ZERO: Final[Label] = (0.0, 0, 0.0)


def _add(a: Label, b: Label) -> Label:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


class Costs:
    """How changes of carrier are costed for one question (arcs carry their own label)."""

    __slots__ = ("_changes", "by_time", "rates")

    def __init__(self, rates: Rates, *, by_time: bool) -> None:
        """Cost changes with *rates*, in hours when *by_time*, else in km."""
        self.rates = rates
        self.by_time = by_time
        self._changes: dict[tuple[Carrier | None, Carrier], Label] = {}

    def change(self, before: Carrier | None, after: Carrier) -> Label:
        """The label of leaving by *after* having arrived by *before* (None: the start)."""
        if before is None or before == after:
            return _ZERO
        key = (before, after)
        found = self._changes.get(key)
        if found is None:
            found = self._changes[key] = self._change(before, after)
        return found

    def _change(self, before: Carrier | None, after: Carrier) -> Label:
        if before is None or before == after:
            return _ZERO
        if before[0] is not after[0]:
            return self._mode_change()
        # the same mode on another gauge: a break of gauge, or two mode changes at most
        gauge = (self.rates.gauge_change_hours if self.by_time else 0.0, 1, 0.0)
        twice = _add(self._mode_change(), self._mode_change())
        return min(gauge, twice)

    def _mode_change(self) -> Label:
        if self.by_time:
            return (self.rates.mode_change_hours, 1, 0.0)
        return (self.rates.mode_change_penalty_km, 1, 0.0)


def _forward(
    graph: Graph, sources: Iterable[str], costs: Costs, targets: frozenset[str], slack: float
) -> tuple[dict[State, Label], dict[State, tuple[State, Arc]]]:
    """Cheapest labels from any source, with each state's predecessor.

    The search stops once it passes *slack* times the cost of the first target reached:
    every state within that bound has its final label (none beyond it can matter).
    """
    labels: dict[State, Label] = {}
    before: dict[State, tuple[State, Arc]] = {}
    counter = itertools.count()
    heap: list[tuple[Label, int, State]] = []
    for source in sorted(set(sources)):
        start: State = (source, None)
        labels[start] = _ZERO
        heap.append((_ZERO, next(counter), start))
    heapq.heapify(heap)
    arcs, push, pop, change, known = (
        graph.arcs,
        heapq.heappush,
        heapq.heappop,
        costs.change,
        labels.get,
    )
    bound = math.inf
    while heap:
        label, _, state = pop(heap)
        if label > labels[state]:
            continue  # a stale entry: the state was reached more cheaply since
        if label[0] > bound:
            break
        place, carrier = state
        if place in targets and carrier is not None and bound == math.inf:
            bound = label[0] * slack
        for arc in arcs.get(place, ()):
            step = arc.label
            if carrier is not None and carrier != arc.carrier:
                step = _add(step, change(carrier, arc.carrier))
            new = (label[0] + step[0], label[1] + step[1], label[2] + step[2])
            target: State = (arc.head, arc.carrier)
            old = known(target)
            if old is None or new < old:
                labels[target] = new
                before[target] = (state, arc)
                push(heap, (new, next(counter), target))
    return labels, before


def _backward(
    graph: Graph, targets: frozenset[str], costs: Costs, bound: float
) -> tuple[dict[State, Label], dict[State, tuple[Arc, State | None]]]:
    """Cheapest labels from each departure state ``(place, carrier)`` to any target.

    A departure state is "leave this place by an arc of this carrier"; its label counts
    that arc, the changes after it and everything to the target. Labels beyond *bound*
    are left unsettled.
    """
    into = graph.into
    labels, after = _last_legs(into, targets)
    counter = itertools.count()
    heap = [(label, next(counter), state) for state, label in labels.items()]
    heapq.heapify(heap)
    push, pop, change, known = heapq.heappush, heapq.heappop, costs.change, labels.get
    while heap:
        label, _, state = pop(heap)
        if label > labels[state]:
            continue  # a stale entry
        if label[0] > bound:
            break
        place, carrier = state
        if place in targets or carrier is None:
            continue
        for tail, arc in into.get(place, ()):
            step = arc.label
            if carrier != arc.carrier:
                step = _add(step, change(arc.carrier, carrier))
            new = (label[0] + step[0], label[1] + step[1], label[2] + step[2])
            source: State = (tail, arc.carrier)
            old = known(source)
            if old is None or new < old:
                labels[source] = new
                after[source] = (arc, state)
                push(heap, (new, next(counter), source))
    return labels, after


def _last_legs(
    into: Mapping[str, tuple[tuple[str, Arc], ...]], targets: frozenset[str]
) -> tuple[dict[State, Label], dict[State, tuple[Arc, State | None]]]:
    """The departure states of the arcs into a target, labelled with the arc alone."""
    labels: dict[State, Label] = {}
    after: dict[State, tuple[Arc, State | None]] = {}
    for target in sorted(targets):
        for tail, arc in into.get(target, ()):
            state: State = (tail, arc.carrier)
            if state not in labels or arc.label < labels[state]:
                labels[state] = arc.label
                after[state] = (arc, None)
    return labels, after


def _walk_back(state: State, before: Mapping[State, tuple[State, Arc]]) -> list[tuple[str, Arc]]:
    steps: list[tuple[str, Arc]] = []
    while state in before:
        previous, arc = before[state]
        steps.append((previous[0], arc))
        state = previous
    steps.reverse()
    return steps


def _walk_on(
    place: str, departure: State, after: Mapping[State, tuple[Arc, State | None]]
) -> list[tuple[str, Arc]]:
    steps: list[tuple[str, Arc]] = []
    state: State | None = departure
    while state is not None:
        arc, following = after[state]
        steps.append((place, arc))
        place, state = arc.head, following
    return steps


def _onward(
    carrier: Carrier | None,
    departures: Mapping[Carrier, Label],
    costs: Costs,
) -> tuple[Label, Carrier] | None:
    """The cheapest way on from *place* having arrived by *carrier*."""
    options = [(_add(costs.change(carrier, out), label), out) for out, label in departures.items()]
    return min(options, key=lambda option: option[0]) if options else None


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


def visits_once(path: Path) -> bool:
    """Whether *path* visits no place twice."""
    places = places_of(path)
    return len(places) == len(set(places))


def best_paths(
    graph: Graph,
    sources: frozenset[str],
    targets: frozenset[str],
    costs: Costs,
    *,
    count: int,
    weight_factor: float,
    share_factor: float,
) -> list[tuple[Label, Path]]:
    """Up to *count* paths from a source to a target, best first; the first is optimal.

    Every path visits each place once; the others are via-node alternatives within
    *weight_factor* of the best cost and sharing at most *share_factor* of their length
    with each better path. Empty when no path exists.
    """
    forward, before = _forward(graph, sources, costs, targets, weight_factor if count > 1 else 1.0)
    ends = [(label, state) for state, label in forward.items() if state[0] in targets]
    ends = [(label, state) for label, state in ends if state[1] is not None]
    if not ends:
        return []
    best_label, best_end = min(ends, key=lambda end: (end[0], end[1][0]))
    best = tuple(_walk_back(best_end, before))
    found: list[tuple[Label, Path]] = [(best_label, best)]
    if count == 1:
        return found
    backward, after = _backward(graph, targets, costs, best_label[0] * weight_factor)
    candidates = _via_candidates(
        forward, backward, sources | targets, best_label[0] * weight_factor, costs
    )
    candidates.sort(key=lambda c: (c[0], c[1], str(c[2][1])))
    ahead = _Overlap(before, {(tail, arc.head, arc.carrier) for tail, arc in best}, forward=True)
    behind = _Overlap(after, {(tail, arc.head, arc.carrier) for tail, arc in best}, forward=False)
    seen = {places_of(best)}
    for total, place, state, out in candidates:
        km_in, shared_in = ahead.of(state)
        km_out, shared_out = behind.of((place, out))
        if (shared_in + shared_out) > share_factor * (km_in + km_out):
            continue  # shares too much with the best path, judged from the two trees
        path = (*_walk_back(state, before), *_walk_on(place, (place, out), after))
        if not visits_once(path) or places_of(path) in seen:
            continue
        if shared_fraction(path, (p for _, p in found)) > share_factor:
            continue
        seen.add(places_of(path))
        found.append((total, path))
        if len(found) == count:
            break
    return found


class _Overlap:
    """Per state of a search tree: km of its tree path, and km of it on the best path.

    Walking the forward tree back from a state (or the backward tree on) reaches the best
    path's steps at most once per branch, so both figures are memoised along the way.
    """

    def __init__(
        self,
        links: Mapping[State, tuple[Any, Any]],
        best: set[tuple[str, str, Carrier]],
        *,
        forward: bool,
    ) -> None:
        self.links = links
        self.best = best
        self.forward = forward
        self.memo: dict[State, tuple[float, float]] = {}

    def _step(self, state: State) -> tuple[State | None, Arc, str] | None:
        if state not in self.links:
            return None
        if self.forward:
            previous, arc = self.links[state]
            return previous, arc, previous[0]
        arc, following = self.links[state]
        return following, arc, state[0]

    def of(self, state: State) -> tuple[float, float]:
        """(km of the tree path of *state*, km of it shared with the best path)."""
        chain: list[tuple[State, Arc, str]] = []
        current: State | None = state
        while current is not None and current not in self.memo:
            step = self._step(current)
            if step is None:
                self.memo[current] = (0.0, 0.0)
                break
            chain.append((current, step[1], step[2]))
            current = step[0]
        base = self.memo.get(current, (0.0, 0.0)) if current is not None else (0.0, 0.0)
        for link_state, arc, tail in reversed(chain):
            km = base[0] + arc.km
            on_best = (tail, arc.head, arc.carrier) in self.best
            base = (km, base[1] + arc.km if on_best else base[1])
            self.memo[link_state] = base
        return self.memo[state]


def _via_candidates(
    forward: Mapping[State, Label],
    backward: Mapping[State, Label],
    ends: frozenset[str],
    limit: float,
    costs: Costs,
) -> list[tuple[Label, str, State, Carrier]]:
    """Each state's cheapest way through it, for the places between the ends, within *limit*."""
    departures: dict[str, dict[Carrier, Label]] = {}
    for (place, carrier), label in backward.items():
        if carrier is not None:
            departures.setdefault(place, {})[carrier] = label
    candidates = []
    for state, label in forward.items():
        place, carrier = state
        if place in ends or place not in departures:
            continue
        onward = _onward(carrier, departures[place], costs)
        if onward is None:
            continue
        total = _add(label, onward[0])
        if total[0] <= limit:
            candidates.append((total, place, state, onward[1]))
    return candidates


def places_of(path: Path) -> tuple[str, ...]:
    """The places of *path*, its start first."""
    return (path[0][0], *(arc.head for _, arc in path))
