"""The route builder: walks that connect, filters that hold, alternatives that differ."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzpk

DATA = kzpk.load()
CONNECTED = [
    p.id
    for p in DATA.places
    if any(p.id in (k.origin, k.destination) for k in DATA.links if k.mode in kzpk.TRANSPORT_MODES)
]
places = st.sampled_from(CONNECTED)
pairs = st.tuples(places, places).filter(lambda p: p[0] != p[1])
PLACE = {p.id: p for p in DATA.places}


def routes_or_none(origin: str, destination: str, **options: object) -> tuple[kzpk.Route, ...]:
    """build_route, with NoRouteError as an empty result."""
    try:
        return kzpk.build_route(origin, destination, **options)  # type: ignore[arg-type]
    except kzpk.NoRouteError:
        return ()


def check_walk(route: kzpk.Route, origin: str, destination: str) -> None:
    """The route is a connected walk from origin to destination over real links."""
    assert route.legs[0].origin.id == origin
    assert route.legs[-1].destination.id == destination
    for a, b in itertools.pairwise(route.legs):
        assert a.destination == b.origin
    for leg in route.legs:
        link = DATA.lookup(leg.link)
        assert isinstance(link, kzpk.Link)
        assert {leg.origin.id, leg.destination.id} == {link.origin, link.destination}
    assert route.distance_km == pytest.approx(sum(leg.km for leg in route.legs))


class TestLaws:
    """Properties of every answer."""

    @given(pairs)
    def test_walks_sorted_distinct(self, pair: tuple[str, str]) -> None:
        """Routes are connected walks, totals add up, alternatives are distinct and sorted."""
        routes = routes_or_none(*pair)
        for route in routes:
            check_walk(route, *pair)
        assert [r.distance_km for r in routes] == sorted(r.distance_km for r in routes)
        assert len({tuple(leg.link for leg in r.legs) for r in routes}) == len(routes)
        assert len(routes) <= 3

    @given(pairs)
    def test_symmetric(self, pair: tuple[str, str]) -> None:
        """On two-way links the shortest distance is the same both ways."""
        there, back = routes_or_none(*pair), routes_or_none(*reversed(pair))
        assert bool(there) == bool(back)
        if there:
            assert there[0].distance_km == pytest.approx(back[0].distance_km)

    @given(places, places, places)
    def test_triangle_inequality(self, a: str, b: str, c: str) -> None:
        """Going via b is never shorter than going direct."""
        if len({a, b, c}) < 3:
            return
        direct, first, second = routes_or_none(a, c), routes_or_none(a, b), routes_or_none(b, c)
        if first and second:
            assert direct
            assert direct[0].distance_km <= first[0].distance_km + second[0].distance_km + 1e-6

    @given(pairs, places)
    def test_via_is_visited_and_never_shortens(self, pair: tuple[str, str], via: str) -> None:
        """A via point is on the route, and adding it never makes the best route shorter."""
        if via in pair:
            return
        with_via = routes_or_none(*pair, via=[via])
        if with_via:
            assert via in {p.id for p in with_via[0].places}
            check_walk(with_via[0], *pair)
            assert with_via[0].distance_km >= routes_or_none(*pair)[0].distance_km - 1e-6

    @given(pairs, st.sampled_from(["AF", "CN", "UZ", "TM", "RU"]))
    def test_avoided_country_absent_and_never_shorter(
        self, pair: tuple[str, str], country: str
    ) -> None:
        """No place of the route lies in an avoided country; avoiding never shortens."""
        if country in {PLACE[pair[0]].country, PLACE[pair[1]].country}:
            return
        avoided = routes_or_none(*pair, avoid_countries=[country])
        for route in avoided:
            assert all(p.country != country for p in route.places)
        if avoided:
            assert avoided[0].distance_km >= routes_or_none(*pair)[0].distance_km - 1e-6

    @given(pairs)
    def test_operational_only(self, pair: tuple[str, str]) -> None:
        """Excluding planned links keeps operational legs only and never shortens."""
        operational = routes_or_none(*pair, include_planned=False)
        for route in operational:
            assert route.is_operational
        if operational:
            assert operational[0].distance_km >= routes_or_none(*pair)[0].distance_km - 1e-6

    @given(pairs, st.sampled_from([["rail"], ["road"], ["rail", "road"]]))
    def test_modes_respected(self, pair: tuple[str, str], modes: list[str]) -> None:
        """Excluded modes never appear."""
        for route in routes_or_none(*pair, modes=modes):
            assert {leg.mode.value for leg in route.legs} <= set(modes)

    @given(pairs)
    def test_time_sorted(self, pair: tuple[str, str]) -> None:
        """Optimising time sorts by hours, which include travel time."""
        routes = routes_or_none(*pair, optimize="time")
        assert [r.hours for r in routes] == sorted(r.hours for r in routes)
        for route in routes:
            assert route.hours >= sum(leg.hours for leg in route.legs) - 1e-9


class TestExamples:
    """Concrete questions."""

    def test_aliases_and_countries(self) -> None:
        """Nur-Sultan is Astana; a country code means its hubs."""
        route = kzpk.build_route("nur-sultan", "PK")[0]
        assert route.legs[0].origin.id == "astana"
        assert route.legs[-1].destination.hub

    def test_avoiding_afghanistan(self) -> None:
        """Avoiding Afghanistan still reaches Karachi (through China)."""
        route = kzpk.build_route(
            "Almaty", "Karachi", avoid_countries=["Afghanistan"], modes=["rail", "road"]
        )[0]
        assert "AF" not in route.countries
        assert "CN" in route.countries

    def test_pipeline_on_request(self) -> None:
        """The TAPI pipeline is an energy corridor, used only when pipelines are asked for."""
        route = kzpk.build_route("galkynysh", "multan", modes=["pipeline"])[0]
        assert {leg.mode for leg in route.legs} == {kzpk.Mode.PIPELINE}
        assert "tapi-pipeline" in route.corridors

    def test_geojson(self) -> None:
        """to_geojson() is a FeatureCollection of LineStrings in longitude, latitude order."""
        route = kzpk.build_route("Almaty", "Islamabad")[0]
        geo = route.to_geojson()
        assert geo["type"] == "FeatureCollection"
        first = geo["features"][0]["geometry"]
        assert first["type"] == "LineString"
        assert first["coordinates"][0] == [
            route.legs[0].origin.longitude,
            route.legs[0].origin.latitude,
        ]

    def test_str(self) -> None:
        """str() gives totals then a line per leg."""
        route = kzpk.build_route("Almaty", "Islamabad")[0]
        assert str(route).count("\n") == len(route.legs)

    def test_estimated_lengths_follow_circuity(self) -> None:
        """Estimated lengths are great-circle distance times the mode's circuity factor."""
        for link in DATA.links:
            if link.basis is kzpk.LengthBasis.ESTIMATED:
                expected = kzpk.great_circle_km(PLACE[link.origin], PLACE[link.destination])
                assert link.km == pytest.approx(expected * kzpk.CIRCUITY[link.mode], abs=0.1)


class TestErrors:
    """Clear errors, never a silent fallback."""

    def test_unknown_place(self) -> None:
        """An unknown place suggests close names."""
        with pytest.raises(kzpk.NotFoundError, match="did you mean 'Karachi'"):
            kzpk.build_route("Almaty", "Karachy")

    def test_endpoint_in_avoided_country(self) -> None:
        """Avoiding the destination's own country is an explicit error."""
        with pytest.raises(kzpk.InvalidInputError, match="avoid_countries"):
            kzpk.build_route("Almaty", "Kabul", avoid_countries=["AF"])

    def test_no_route_names_filter(self) -> None:
        """When filters cut the network, the error names them."""
        with pytest.raises(kzpk.NoRouteError, match="avoid_countries"):
            kzpk.build_route(
                "Almaty",
                "Karachi",
                avoid_countries=["AF", "CN"],
                modes=["rail", "road"],
                include_planned=False,
            )

    @pytest.mark.parametrize(
        "options",
        [
            {"optimize": "cost"},
            {"alternatives": 0},
            {"alternatives": True},
            {"modes": ["boat"]},
            {"modes": []},
        ],
    )
    def test_bad_options(self, options: dict[str, object]) -> None:
        """Bad options raise KzpkError subclasses."""
        with pytest.raises(kzpk.KzpkError):
            kzpk.build_route("Almaty", "Karachi", **options)  # type: ignore[arg-type]
