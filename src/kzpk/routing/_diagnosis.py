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
    other = "passengers" if filters.profile is Profile.FREIGHT else "freight"
    # Each filter that may have cut the route: how to name it, what it was, and without it.
    relaxations: list[tuple[str, dict[str, object], Filters]] = [
        (
            "{avoid_countries}",
            {"avoid_countries": sorted(filters.avoid_countries)},
            filters._replace(avoid_countries=frozenset()),
        ),
        (
            "{avoid_crossings}",
            {"avoid_crossings": sorted(filters.avoid_crossings)},
            filters._replace(avoid_crossings=frozenset()),
        ),
        (
            "{modes}",
            {"modes": sorted(m.value for m in filters.modes)},
            filters._replace(modes=frozenset(Mode)),
        ),
        (
            f"{{profile}} (services for {other} only are left out)",
            {"profile": filters.profile.value},
            filters._replace(services=frozenset(Service)),
        ),
        (
            "{statuses} ({include_planned} adds planned and under-construction links)",
            {"statuses": sorted(s.value for s in filters.statuses), "include_planned": True},
            filters._replace(statuses=filters.statuses | PLANNED_STATUSES),
        ),
    ]
    culprits = [
        (label, named)
        for label, named, relaxed in relaxations
        if relaxed != filters and connects(relaxed)
    ]
    closed = open_graph(network, filters, rates, by_time=by_time).closed
    reopening = [
        f"{_name(network, ident)} {why}"
        for ident, why in sorted(closed.items())
        if connects(filters._replace(reopened=frozenset({ident})))
    ]
    if culprits or reopening:
        parts = [f"by {label}" for label, _ in culprits]
        if reopening:
            parts.append(f"by the closures of that day: {'; '.join(reopening)}")
        named = {name: value for _, given in culprits for name, value in given.items()}
        return NoRouteError(f"no route between {names}: cut {' or '.join(parts)}", filters=named)
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
