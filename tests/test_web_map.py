"""The map's points are on land: each plotted place lies inside its country's outline on the base map
(``data/geo/world_map.tsv``), or, when its gazetteer point does not, it is drawn inside the country."""
from __future__ import annotations

import re

import pytest

from chronique.places import geocode
from chronique.web import geo
from test_web_api import client, web_db  # noqa: F401  (fixtures)

SEA = [("FRA", 45.0, -10.0), ("LBN", 33.9, 34.0), ("JPN", 30.0, 150.0), ("CHL", -30.0, -90.0), ("NOR", 75.0, 0.0),
       ("USA", 25.0, -140.0), ("IDN", 0.0, 90.0), ("ITA", 40.0, 8.0)]


@pytest.mark.parametrize("country,lat,lon", SEA)
def test_a_point_at_sea_is_drawn_inside_its_country(country, lat, lon):
    x, y, moved = geo.place_on_land(country, lat, lon)
    assert moved and geo.contains(geo.outlines()[country], x, y)
    assert not geo.contains(geo.outlines()[country], *geo.to_map(lat, lon))  # it really was at sea


@pytest.mark.parametrize("name,lang", [("Paris", "fr"), ("Moscou", "fr"), ("Pékin", "fr"), ("Brussels", "en"), ("Kyiv", "en"),
                                       ("Beyrouth", "fr"), ("Marseille", "fr"), ("Washington", "en"), ("Tokyo", "en"),
                                       ("Hong Kong", "en"), ("Dakar", "fr"), ("Sydney", "en"), ("Istanbul", "en")])
def test_gazetteer_places_are_drawn_on_their_own_country(name, lang):
    place = geocode(name, lang)
    assert place is not None and place.lat is not None
    x, y, moved = geo.place_on_land(place.country, place.lat, place.lon)
    country_rings = geo.outlines().get(place.country)
    if country_rings:  # some small countries have no outline at 1:110m: their point is kept
        assert geo.contains(country_rings, x, y), (name, place.country, moved)
    else:
        assert (x, y) == geo.to_map(place.lat, place.lon)


def test_every_country_has_a_point_inside_it():
    outside = [iso3 for iso3, rings in geo.outlines().items()
               if geo.inside_point(iso3) is None or not geo.contains(rings, *geo.inside_point(iso3))]
    assert outside == []


def test_every_plotted_point_of_the_map_page_is_on_its_country(client):  # noqa: F811
    data = client.get("/api/map").json()
    assert data["places"], "no place to check"
    for p in data["places"]:
        rings = geo.outlines().get(p["country"])
        if rings:
            assert geo.contains(rings, p["x"], p["y"]), p
    svg = client.get("/map").text
    circles = re.findall(r'<circle class="place [a-z]+" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" data-country="(\w*)"', svg)
    assert len(circles) == len(data["places"])
    for cx, cy, r, country in circles:
        assert float(r) <= 16.0  # the radius is capped
        if geo.outlines().get(country):
            assert geo.contains(geo.outlines()[country], float(cx), float(cy)), (cx, cy, country)
    assert all(  # a whole-country place ("Syrie") is counted on the country, never drawn as a circle
        name not in svg.split('<g class="places">')[1].split("</g>")[0]
               for c in data["country_places"] for name in c["names"])
