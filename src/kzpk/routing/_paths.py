"""The best path over an open graph, with via points and the mode rules in the search state.

The search runs on states ``(place, carrier, vias passed, short run, mode changes)``: the
carrier is the mode and gauge of the leg that arrived (None at the start); *vias passed*
counts the via points visited in order, so the change of carrier at a via point is
priced like any other; *short run* is the length of a run of one mode begun at a change
of mode while it is shorter than :data:`MIN_RUN_KM` (None otherwise), and a run so short
may not end in another change of mode: no short leg of one mode is sandwiched between
legs of others. *mode changes* counts them, at most :data:`MAX_MODE_CHANGES` unless
nothing else connects the ends (then the search runs again without the limit).

Costs come from :class:`~kzpk.routing._network.Rates` through :class:`Costs`: each arc
carries its own, a change of carrier at a place costs what the rates say (a lift, a
port's transit dwell, a break of gauge), and so does terminal handling at both ends.
Labels are tuples compared in order — the optimised cost, then changes, then minus the
operational kilometres — so ties break the same way every time.

The search is A*: a state's priority adds the cheapest cost from its place to the nearest
target over the bare arcs (no changes, no rules), which never overestimates. A walk the
search returns may come back to a place (a via point that must be left the way one came,
or a loop that makes a short run long enough); :func:`kzpk.routing._simple.simple_best`
then finds the best route that visits each place once. The search can pause at a cost and
go on later (:meth:`Forward.run`), as the alternatives need; the search back from the
targets is :class:`kzpk.routing._backward.Backward`.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Final, NamedTuple

from kzpk.model import Mode, Place
from kzpk.routing._bound import Bound
from kzpk.routing._network import Arc, Carrier, Change, Graph, Rates

__all__ = [
    "MAX_MODE_CHANGES",
    "MIN_RUN_KM",
    "TOLERANCE",
    "Costs",
    "Forward",
    "Label",
    "Path",
    "Rules",
    "State",
    "Tree",
    "add_labels",
    "places_of",
    "price",
    "step",
    "visits_once",
    "within",
]

#: A run of one mode shorter than this (km) is never sandwiched between legs of others.
MIN_RUN_KM: Final = 60.0
#: A route changes mode at most this often, unless nothing else connects its ends.
MAX_MODE_CHANGES: Final = 3
#: Relative slack for comparisons of sums of floats.
TOLERANCE: Final = 1e-9


def within(cost: float, factor: float) -> float:
    """*factor* times *cost*, with the slack of :data:`TOLERANCE` for sums of floats."""
    return cost * factor + TOLERANCE * max(1.0, cost)


Label = tuple[float, int, float]  # (cost, changes, -operational km)
#: (place, carrier, vias passed, km of a short run begun at a change of mode, mode changes)
State = tuple[str, Carrier | None, int, float | None, int]
#: A departure: leave *place* by *carrier* having passed this many vias, with this many
#: changes of mode still to come (the backward search).
Departure = tuple[str, Carrier, int, int]
#: A path: each step the place it leaves and the arc it takes.
Path = tuple[tuple[str, Arc], ...]
ZERO: Final[Label] = (0.0, 0, 0.0)


def add_labels(a: Label, b: Label) -> Label:
    """The label of one thing and then another: each part added."""
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


class Rules(NamedTuple):
    """What a route must do besides connecting its ends: via points, the mode rules."""

    vias: tuple[frozenset[str], ...] = ()
    max_changes: int | None = MAX_MODE_CHANGES
    min_run_km: float = MIN_RUN_KM

    def advance(self, passed: int, place: str) -> int:
        """Vias passed after arriving at *place* having passed *passed*."""
        vias = self.vias
        return passed + 1 if passed < len(vias) and place in vias[passed] else passed

    def before(self, passed: int, place: str) -> tuple[int, ...]:
        """The counts that :meth:`advance` at *place* turns into *passed*."""
        vias = self.vias
        found = []
        if passed == len(vias) or place not in vias[passed]:
            found.append(passed)
        if passed >= 1 and place in vias[passed - 1]:
            found.append(passed - 1)
        return tuple(found)


class Costs:
    """The prices of one question as search labels: changes of carrier and terminal handling.

    Arcs carry their own label; a change costs hours (``by_time``) or the distance
    penalty per change of mode (km) and counts once in the label's changes.
    """

    __slots__ = ("by_time", "places", "prices", "rates")

    def __init__(
        self,
        rates: Rates,
        places: Mapping[str, Place],
        *,
        by_time: bool,
        prices: dict[tuple[str, Carrier | None, Carrier | None], Label] | None = None,
    ) -> None:
        """Price with *rates* at *places*, in hours when *by_time*, else in km.

        *prices* keeps the labels worked out for earlier questions with the same rates.
        """
        self.rates = rates
        self.places = places
        self.by_time = by_time
        #: The labels worked out so far, by (place, before, after): read them directly in a
        #: hot loop and call :meth:`change` on a miss.
        self.prices = {} if prices is None else prices

    def change(self, place: str, before: Carrier | None, after: Carrier | None) -> Label:
        """The label of arriving at *place* by *before* and leaving by *after*.

        *before* None is the start of the route and *after* None its end.
        """
        key = (place, before, after)
        found = self.prices.get(key)
        if found is None:
            found = self.prices[key] = self._price(place, before, after)
        return found

    def _price(self, place: str, before: Carrier | None, after: Carrier | None) -> Label:
        priced = self.rates.change(self.places[place], before, after)
        if priced is None:
            return ZERO
        kind, hours = priced
        moded = before is not None and after is not None and before[0] is not after[0]
        count = 1 if moded or kind is Change.GAUGE else 0
        if self.by_time:
            return (hours, count, 0.0)
        return (self.rates.mode_change_penalty_km if moded else 0.0, count, 0.0)

    def most(self, place: str) -> float:
        """The dearest change of carrier at *place* (a bound for stretch checks)."""
        rates, at = self.rates, self.places[place]
        port = rates.lift_hours + rates.port_dwell(at)[0]
        if not self.by_time:
            return rates.mode_change_penalty_km
        return max(port, rates.lift_hours, rates.gauge_hours, rates.terminal_hours)


class Tree(NamedTuple):
    """A forward search: labels and predecessors of the states it settled, its ends.

    *settled* holds the settled states in the order they were settled. *ends* holds each
    way into a target with every via passed, best first: the complete label (the last
    arc's, without the dwell of a crossing the route ends at, and the terminal handling
    there), the settled state it leaves and the arc it takes.
    """

    labels: dict[State, Label]
    parents: dict[State, tuple[State, Arc]]
    ends: list[tuple[Label, State, Arc]]
    settled: dict[State, None]

    def best(self) -> tuple[Label, Path] | None:
        """The label and path of the best end, or None if no target was reached."""
        if not self.ends:
            return None
        label, state, arc = self.ends[0]
        return label, (*walk_back(state, self.parents), (state[0], arc))


class Forward:
    """Cheapest labels from any source under the rules, with each state's predecessor.

    :meth:`run` settles every state up to a multiple of the best end's cost (at most
    *slack* times it) with its final label and returns the tree so far; the next call
    goes on from there. The alternatives are looked for as it goes on
    (:mod:`kzpk.routing._alternatives`), so it stops once they are found, not at the
    farthest cost an alternative may have. With *start*, it goes on from that state and
    label instead of from the sources.
    """

    __slots__ = (
        "best",
        "bound",
        "costs",
        "counter",
        "graph",
        "heap",
        "kept",
        "limit",
        "rules",
        "slack",
        "targets",
        "tree",
    )

    def __init__(
        self,
        graph: Graph,
        sources: Iterable[str],
        targets: frozenset[str],
        costs: Costs,
        rules: Rules,
        *,
        slack: float = 1.0,
        start: tuple[State, Label] | None = None,
    ) -> None:
        """Start from *sources* (or from *start*, a state and its label) towards *targets*."""
        self.graph, self.targets, self.costs, self.rules = graph, targets, costs, rules
        self.slack = slack
        self.tree = Tree({}, {}, [], {})
        self.counter = itertools.count()
        self.bound = Bound(graph, targets, into=True)
        #: The cheapest end found so far, and how far (in cost) states are kept.
        self.best = self.limit = math.inf
        # per (place, carrier, vias passed): (changes, short run) of the states settled
        # there; a later state with no fewer changes and a run no less binding is dominated
        self.kept: dict[tuple[str, Carrier | None, int], list[tuple[int, float]]] = {}
        labels, bound = self.tree.labels, self.bound
        self.heap: list[tuple[float, Label, int, State]] = []
        if start is not None:
            labels[start[0]] = start[1]
            self.heap.append(
                (start[1][0] + bound(start[0][0]), start[1], next(self.counter), start[0])
            )
        else:
            for source in sorted(set(sources)):
                first: State = (source, None, rules.advance(0, source), None, 0)
                labels[first] = ZERO
                self.heap.append((bound(source), ZERO, next(self.counter), first))
        heapq.heapify(self.heap)

    def run(self, until: float | None = None) -> Tree:  # noqa: C901, PLR0912, PLR0915 - the hot loop
        """Settle every state up to *until* times the best end's cost (the slack when None).

        Before an end is found there is no such cost, and the search goes on until one
        is. Returns the tree so far, its ends best first.
        """
        labels, parents, ends, settled = self.tree
        heap, counter, kept, targets = self.heap, self.counter, self.kept, self.targets
        arcs, push, pop, change, known = (
            self.graph.arcs,
            heapq.heappush,
            heapq.heappop,
            self.costs.change,
            labels.get,
        )
        rules = self.rules
        vias, count = rules.vias, len(rules.vias)
        limit_changes, min_run = rules.max_changes, rules.min_run_km
        prices, bounds, inf = self.costs.prices, self.bound.memo, math.inf
        best, limit, slack = self.best, self.limit, self.slack
        reach = slack if until is None else min(until, slack)
        stop = within(best, reach)
        sea = Mode.SEA
        while heap:
            entry = pop(heap)
            priority, label, _, state = entry
            if label != labels[state] or state in settled:
                continue  # a stale entry: the state was reached more cheaply since
            if priority > stop:
                if priority <= limit:
                    push(heap, entry)  # to settle when the search goes on
                break
            place, carrier, passed, pending, changes = state
            binding = -1.0 if pending is None else pending  # None binds least
            spot = (place, carrier, passed)
            earlier = kept.setdefault(spot, [])
            dominated = False
            for k, b in earlier:  # a loop, not any(): this runs once per state popped
                if k <= changes and (b < 0 or (0 <= binding <= b)):
                    dominated = True
                    break
            if dominated:
                continue
            earlier.append((changes, binding))
            settled[state] = None
            for arc in arcs.get(place, ()):
                head, _, after, km, _, weight, last = arc
                if carrier is None:
                    priced = change(place, None, after)
                    run: float | None = None
                    made = 0
                elif after == carrier and after[0] is not sea:
                    priced = ZERO
                    run = None if pending is None or pending + km >= min_run else pending + km
                    made = changes
                else:
                    if after[0] is not carrier[0]:
                        if pending is not None:
                            continue  # the short run since the last change would be sandwiched
                        if limit_changes is None:
                            made = 0
                        elif changes >= limit_changes:
                            continue
                        else:
                            made = changes + 1
                        run = km if km < min_run else None
                    else:
                        made = changes
                        run = None if pending is None or pending + km >= min_run else pending + km
                    found = prices.get((place, carrier, after))
                    priced = change(place, carrier, after) if found is None else found
                now = passed + 1 if passed < count and head in vias[passed] else passed
                new = (
                    label[0] + (weight[0] + priced[0]),
                    label[1] + (weight[1] + priced[1]),
                    label[2] + (weight[2] + priced[2]),
                )
                if now == count and head in targets:
                    end = change(head, after, None)  # and no clearance where the route ends
                    cost = new[0] - weight[0] + last[0] + end[0]
                    final = (cost, new[1] + end[1], new[2] + end[2])
                    ends.append((final, state, arc))
                    if final[0] < best:
                        best = final[0]
                        limit, stop = within(best, slack), within(best, reach)
                priority = new[0] + bounds.get(head, inf)
                if priority > limit:
                    continue  # never settled: the search stops before it
                target: State = (head, after, now, run, made)
                old = known(target)
                if old is None or new < old:
                    labels[target] = new
                    parents[target] = (state, arc)
                    push(heap, (priority, new, next(counter), target))
        self.best, self.limit = best, limit
        ends.sort(
            key=lambda end: (end[0], end[2].head, str(end[2].carrier), end[1][0], end[2].link.id)
        )
        return self.tree


def walk_back(state: State, parents: Mapping[State, tuple[State, Arc]]) -> Path:
    """The path of the forward tree that ends in *state*."""
    steps: list[tuple[str, Arc]] = []
    while state in parents:
        previous, arc = parents[state]
        steps.append((previous[0], arc))
        state = previous
    steps.reverse()
    return tuple(steps)


def step(
    rules: Rules, carrier: Carrier | None, run: float | None, made: int, arc: Arc
) -> tuple[float | None, int] | None:
    """The short run and the changes of mode after taking *arc*, or None if that breaks *rules*.

    Arriving by *carrier* (None at the start) with a short run of *run* km (None: none
    pending) and *made* changes of mode so far. :meth:`Forward.run` applies the same rule
    inlined, in its hot loop.
    """
    after = arc.carrier
    if carrier is not None and after[0] is not carrier[0]:
        if run is not None:
            return None  # the short run since the last change would be sandwiched
        made += 1
        if rules.max_changes is not None and made > rules.max_changes:
            return None
        return (arc.km if arc.km < rules.min_run_km else None), made
    if run is not None:
        return (run + arc.km if run + arc.km < rules.min_run_km else None), made
    return None, made


def price(path: Path, costs: Costs, rules: Rules, *, ends: bool = True) -> Label | None:
    """The label of *path*, or None if it breaks *rules*.

    Terminal handling at both ends counts when *ends*, and the last arc counts as the
    last (no clearance at a crossing the path ends at). A path breaks the rules with a
    short run sandwiched, too many changes of mode or the vias out of order. The same
    figures the search adds up, so the best path's price is its search label.
    """
    if not path:
        return ZERO
    label = ZERO
    carrier: Carrier | None = None
    run: float | None = None
    made = 0
    passed = rules.advance(0, path[0][0])
    last = len(path) - 1 if ends else -1
    for index, (place, arc) in enumerate(path):
        after = arc.carrier
        stepped = step(rules, carrier, run, made, arc)
        if stepped is None:
            return None
        run, made = stepped
        if carrier is not None or ends:
            label = add_labels(label, costs.change(place, carrier, after))
        label = add_labels(label, arc.last if index == last else arc.label)
        carrier = after
        passed = rules.advance(passed, arc.head)
    if passed != len(rules.vias):
        return None
    if ends:
        label = add_labels(label, costs.change(path[-1][1].head, carrier, None))
    return label


def visits_once(path: Path) -> bool:
    """Whether *path* visits no place twice."""
    places = places_of(path)
    return len(places) == len(set(places))


def places_of(path: Path) -> tuple[str, ...]:
    """The places of *path*, its start first."""
    return (path[0][0], *(arc.head for _, arc in path))
