"""Freight from Kazakhstan to Karachi in summer, avoiding Afghanistan, fastest first."""

import datetime as dt
import json

import kzpk

routes = kzpk.build_route(
    "KZ",
    "Karachi",
    avoid_countries=["Afghanistan"],
    modes=["rail", "road"],
    optimize="time",
    on=dt.date(2026, 7, 1),
    alternatives=3,
)
for route in routes:
    print(route)
    print()
print(json.dumps(kzpk.routes_geojson(routes))[:200], "…")
