"""The first day a route exists: for a pass closed for the winter, or a border sealed for now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from kzpk.config._config import current_config
from kzpk.dataset._dataset import Dataset, load
from kzpk.exceptions import NoRouteError
from kzpk.model import Link, LinkStatus, Mode, Place
from kzpk.routing._network import Crew, Network, Profile, changes_after
from kzpk.routing._options import day
from kzpk.routing._routes import build_route

__all__ = ["next_open"]


def next_open(
    origin: str,
    destination: str,
    *,
    after: dt.date | str | None = None,
    via: Iterable[str] = (),
    avoid_countries: Iterable[str] = (),
    avoid_crossings: Iterable[str] = (),
    modes: Iterable[Mode | str] | None = None,
    profile: Profile | Literal["freight", "passenger"] = "freight",
    include_planned: bool = False,
    statuses: Iterable[LinkStatus | str] | None = None,
    crew: Crew | Literal["single", "double"] = "single",
    dataset: Dataset | None = None,
) -> dt.date:
    """Return the first day from *after* on which a route joins *origin* and *destination*.

    *after* itself when a route exists that day (default: the configured ``as_of``, else
    today); else the first later day on which a status or a season changes and a route
    exists. The other options are :func:`build_route`'s.

    Raises:
        NoRouteError: No route on *after* nor on any later day the dataset knows of a
            change, with the reason the network is cut on *after*.
        NotFoundError, InvalidInputError: As :func:`build_route`.
    """
    data = dataset if dataset is not None else load()
    start = day(after, current_config().as_of)
    via, avoid_countries, avoid_crossings = (
        tuple(via),
        tuple(avoid_countries),
        tuple(avoid_crossings),
    )
    listed_modes = None if modes is None else tuple(modes)
    listed_statuses = None if statuses is None else tuple(statuses)

    def cut_on(on: dt.date) -> NoRouteError | None:
        """Why no route exists on *on*, or None when one does."""
        try:
            build_route(
                origin,
                destination,
                via=via,
                avoid_countries=avoid_countries,
                avoid_crossings=avoid_crossings,
                modes=listed_modes,
                profile=profile,
                on=on,
                include_planned=include_planned,
                statuses=listed_statuses,
                alternatives=1,
                crew=crew,
                dataset=data,
            )
        except NoRouteError as error:
            return error
        return None

    cut = cut_on(start)
    if cut is None:
        return start
    network = Network.of(data)
    things: list[Link | Place] = [*network.links, *network.places.values()]
    days = sorted({d for thing in things for d in changes_after(thing, start)})
    found = next((d for d in days if cut_on(d) is None), None)
    if found is None:
        raise NoRouteError(f"{cut}; and no later day the dataset knows of opens one") from cut
    return found
