"""Why no route connects two stops: the filter, closure or season that cut the network."""

from __future__ import annotations

from kzpk.exceptions import NoRouteError
from kzpk.model import LinkStatus, Mode, Service
from kzpk.routing._network import PLANNED_STATUSES, Filters, Network, Profile, Rates, open_graph

__all__ = ["no_route"]


def no_route(
    network: Network,
    filters: Filters,
    rates: Rates,
    a: frozenset[str],
    b: frozenset[str],
    *,
    by_time: bool,
) -> NoRouteError:
    """Explain what cut the network between *a* and *b*: a filter, a closure, a season."""
    names = f"{'/'.join(sorted(a))} and {'/'.join(sorted(b))} on {filters.day}"

    def connects(relaxed: Filters) -> bool:
        return open_graph(network, relaxed, rates, by_time=by_time).connects(a, b)

    everything = frozenset(LinkStatus) - {LinkStatus.SUPERSEDED}
    relaxations = {
        f"avoid_countries={sorted(filters.avoid_countries)}": filters._replace(
            avoid_countries=frozenset()
        ),
        f"avoid_crossings={sorted(filters.avoid_crossings)}": filters._replace(
            avoid_crossings=frozenset()
        ),
        f"modes={sorted(m.value for m in filters.modes)}": filters._replace(modes=frozenset(Mode)),
        f"profile={filters.profile.value!r} (services for "
        f"{'passengers' if filters.profile is Profile.FREIGHT else 'freight'} only are "
        "left out)": filters._replace(services=frozenset(Service)),
        f"statuses={sorted(s.value for s in filters.statuses)} (include_planned=True adds "
        "planned and under-construction links)": filters._replace(
            statuses=filters.statuses | PLANNED_STATUSES
        ),
    }
    culprits = [
        label for label, relaxed in relaxations.items() if relaxed != filters and connects(relaxed)
    ]
    closed = open_graph(network, filters, rates, by_time=by_time).closed
    reopening = [
        f"{_name(network, ident)} {why}"
        for ident, why in sorted(closed.items())
        if connects(filters._replace(reopened=frozenset({ident})))
    ]
    if culprits or reopening:
        parts = [f"by {label}" for label in culprits]
        if reopening:
            parts.append(f"by the closures of that day: {'; '.join(reopening)}")
        return NoRouteError(f"no route between {names}: cut {' or '.join(parts)}")
    if connects(filters._replace(reopened=None)):
        listed = "; ".join(f"{_name(network, i)} {w}" for i, w in sorted(closed.items())[:6])
        return NoRouteError(f"no route between {names}: cut by the closures of that day: {listed}")
    wide = filters._replace(
        avoid_countries=frozenset(),
        avoid_crossings=frozenset(),
        modes=frozenset(Mode),
        services=frozenset(Service),
        statuses=everything,
        reopened=None,
    )
    if connects(wide):
        return NoRouteError(f"no route between {names}: cut by these filters together")
    return NoRouteError(f"no route between {names}: no links connect them in the network")


def _name(network: Network, ident: str) -> str:
    place = network.places.get(ident)
    return place.name if place is not None else f"link {ident}"
