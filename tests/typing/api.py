"""Type-checked by mypy, never run: the public API as downstream code uses it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import kzpk

data: kzpk.Dataset = kzpk.load()
version: str = data.version
record: kzpk.Record | None = data.get("islamabad")
found: tuple[kzpk.Agreement, ...] = kzpk.agreements("energy", kind="memorandum", party="KZ")
tree: tuple[kzpk.SectorNode, ...] = kzpk.sector_tree()
gap: kzpk.TradeGap = kzpk.trade_gap("250m", Decimal(10**9), years=2)
rate: Decimal = gap.cagr
scenarios: tuple[kzpk.TradeGap, ...] = kzpk.trade_scenarios()
routes: tuple[kzpk.Route, ...] = kzpk.build_route("Almaty", "Karachi", avoid_countries=["AF"])
hours: float = routes[0].hours
claims: tuple[kzpk.Claim, ...] = kzpk.conflicts()
views: tuple[kzpk.CommitmentView, ...] = kzpk.commitment_states(dt.date(2027, 1, 1))
pairs: tuple[kzpk.MirrorPair, ...] = kzpk.mirror(2024)
settings: kzpk.Settings = kzpk.Settings(speed_rail_kmh=30)
kzpk.configure(settings)
try:
    kzpk.sector("enrgy")
except kzpk.NotFoundError as error:
    message: str = str(error)
horizon: kzpk.GapHorizon = gap.horizon
horizon_kind: kzpk.HorizonKind = horizon.kind
implied: kzpk.Period = kzpk.implied_previous_trade()[0].period
uses: tuple[kzpk.SourceUse, ...] = kzpk.sources_cited()
karachi: kzpk.Place = data.lookup("Karachi", kzpk.Place)
anything: kzpk.Record = data.lookup("Алматы")
places: tuple[kzpk.Place, ...] = data.search("Shymkent", kzpk.Place)
hits: tuple[kzpk.Record, ...] = data.search("Токаев", "person", limit=3)
names: tuple[kzpk.Name, ...] = data.names
rail: float | None = kzpk.Settings(speed_rail_kmh=30).speed_rail_kmh
with kzpk.configure(speed_rail_kmh=30.0) as active:
    checked: kzpk.Config = active
kzpk.configure(speed_rial_kmh=30.0)  # type: ignore[call-arg]  # a misspelt setting is an error
language: str | None = data.sources[0].language
worth: Decimal | None = found[0].value
latest_report: dt.date | None = views[0].latest_report
