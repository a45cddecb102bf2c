"""Routes over the corridor network: the graph of a day, the search, route types, calibration."""

from kzpk.routing._calibration import Calibration, Fit, calibration
from kzpk.routing._network import CIRCUITY, Crew, Profile, circuity, great_circle_km
from kzpk.routing._next_open import next_open
from kzpk.routing._options import MAX_ALTERNATIVES
from kzpk.routing._rates import DwellBasis
from kzpk.routing._routes import build_route
from kzpk.routing._types import ChangeStop, CrossingStop, Leg, Route, routes_geojson

__all__ = [
    "CIRCUITY",
    "MAX_ALTERNATIVES",
    "Calibration",
    "ChangeStop",
    "Crew",
    "CrossingStop",
    "DwellBasis",
    "Fit",
    "Leg",
    "Profile",
    "Route",
    "build_route",
    "calibration",
    "circuity",
    "great_circle_km",
    "next_open",
    "routes_geojson",
]
