"""A teacher's link: the route= and lock= URL values, and the link builder (pure functions)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from ui.pages import PAGES
from ui.params import ALL, lockable, names, parse_query
from ui.teacher_link import build_link, starting_values


def test_a_route_keeps_its_order():
    got = parse_query({"route": ["sgd-minimum, scalar-backward,jacobian"]}).values["route"]
    assert got == "sgd-minimum,scalar-backward,jacobian"
    assert names(got) == ("sgd-minimum", "scalar-backward", "jacobian")


@pytest.mark.parametrize(
    "name, raw, reason",
    [
        ("route", "", "lock.empty_list"),
        ("route", " , ", "lock.empty_list"),
        ("route", "scalar-backward,,jacobian", "lock.empty_list"),
        ("route", "scalar-backward,nowhere", "lock.unknown_route"),
        ("route", "jacobian,jacobian", "lock.repeated_name"),
        ("route", "x" * 401, "too_long"),
        ("lock", "a,zz", "lock.unknown_lock"),
        ("lock", "route", "lock.unknown_lock"),  # the link's own settings cannot be locked
        ("lock", "a,a", "lock.repeated_name"),
        ("lock", "", "lock.empty_list"),
    ],
)
def test_hostile_routes_and_locks_are_refused_with_a_reason(name, raw, reason):
    parsed = parse_query({name: [raw]})
    assert name not in parsed.values
    assert parsed.problems == ((name, raw[:40], reason),)


def test_every_page_and_every_value_can_be_named():
    everything = ",".join(p.url for p in PAGES)
    assert parse_query({"route": [everything]}).values["route"] == everything
    assert {"a", "b", "c", "x", "lang", "lr", "steps", "x0", "reveal"} <= set(lockable())
    assert parse_query({"lock": [",".join(lockable())]}).values["lock"] == ",".join(lockable())


def test_the_link_opens_the_first_page_of_the_route_with_the_values():
    values = starting_values({"a": 2.0, "b": -2.0, "c": 1.0, "x": 0.5, "lang": "zh", "present": 1}, ("x", "lang"))
    link = build_link("http://class.example/app/", ["sgd-minimum", "scalar-backward"], ["x", "lang"], values)
    parts = urlsplit(link)
    assert (parts.netloc, parts.path) == ("class.example", "/app/sgd-minimum")
    query = parse_qs(parts.query)
    assert query["route"] == ["sgd-minimum,scalar-backward"] and query["lock"] == ["x,lang"]
    assert {k: v[0] for k, v in query.items() if k not in ("route", "lock")} == {
        "a": "2", "b": "-2", "c": "1", "x": "0.5", "lang": "zh", "present": "1",
    }  # fmt: skip
    back = parse_query(query)  # the app reads back exactly what the teacher chose
    assert not back.problems
    assert back.values["x"] == 0.5 and back.values["lang"] == "zh"


def test_without_a_route_the_link_opens_the_home_page():
    assert build_link("http://h", [], [], {"a": 1.0}) == "http://h/?a=1"
    assert build_link("http://h", ["home", "jacobian"], [], {}).startswith("http://h/?route=home,jacobian")


def test_page_values_go_into_the_link_when_changed_or_locked():
    current = {n: p.default for n, p in ALL.items()} | {"lr": 0.1}
    values = starting_values(current, ("steps",))
    assert values["lr"] == 0.1 and values["steps"] == ALL["steps"].default
    assert "x0" not in values and "momentum" not in values  # unchanged, unlocked: the page's default anyway
    assert {"a", "b", "c", "x", "lang"} <= set(values)  # the sidebar's values always say where the class starts
    assert "route" not in values and "lock" not in values


@pytest.mark.parametrize(
    "route, lock, values, why",
    [
        (["nowhere"], [], {}, "unknown page"),
        (["jacobian", "jacobian"], [], {}, "twice"),
        ([], ["zz"], {}, "unknown value"),
        ([], ["a"], {}, "locked without a value"),
        ([], [], {"a": 99.0}, "out_of_range"),
        ([], [], {"route": "home"}, "unknown value"),
    ],
)
def test_a_bad_link_is_refused_with_the_reason(route, lock, values, why):
    with pytest.raises(ValueError, match=why):
        build_link("http://h", route, lock, values)


def test_the_class_code_goes_into_the_link_and_the_teachers_secret_never_does():
    current = {"a": 1.0, "class": "ABC234", "teacher": "s" * 22}
    values = starting_values(current)
    assert values["class"] == "ABC234" and "teacher" not in values
    with pytest.raises(ValueError, match="unknown value"):
        build_link("http://h", [], [], {"teacher": "s" * 22})


def test_hidden_values_are_fixed_and_carried():
    assert parse_query({"hide": ["a,lang"]}).values["hide"] == "a,lang"
    assert parse_query({"hide": ["a,nope"]}).problems == (("hide", "a,nope", "lock.unknown_hide"),)
    values = starting_values({"a": 1.0, "b": -2.0, "c": 1.0, "x": 0.0, "lang": "en"}, ("steps",))
    link = build_link("http://h", ["scalar-backward"], ["x"], values, hide=["steps"])
    query = parse_qs(urlsplit(link).query)
    assert query["hide"] == ["steps"] and query["steps"] == [str(ALL["steps"].default)]
    with pytest.raises(ValueError, match="without a value"):
        build_link("http://h", [], [], {}, hide=["a"])
