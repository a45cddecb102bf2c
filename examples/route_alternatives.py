"""Routes from Kazakhstan to Karachi, avoiding Afghanistan, by rail and road, fastest first."""

import json

import kzpk

routes = kzpk.build_route(
    "KZ",
    "Karachi",
    avoid_countries=["Afghanistan"],
    modes=["rail", "road"],
    optimize="time",
    alternatives=3,
)
for route in routes:
    print(route)
    print()
print(json.dumps(routes[0].to_geojson())[:200], "…")
