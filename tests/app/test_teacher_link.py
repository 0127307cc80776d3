"""A teacher's link in the app: only the routed pages, in order, with a next page; locked controls cannot move."""

from __future__ import annotations

from tests.app.conftest import open_page
from ui.i18n import lookup

ROUTE = "sgd-minimum,scalar-backward,jacobian"


def _links(at) -> list[tuple[str, str]]:
    return [(e.proto.label, e.proto.page) for e in at.get("page_link")]


def test_the_menu_lists_only_the_routed_pages_in_the_teachers_order():
    at = open_page(None, route=ROUTE)  # the root address leads to the route's first page
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == lookup("en", "sgd.title")
    menu = [page for _, page in _links(at) if page in ROUTE.split(",")]
    assert menu == ROUTE.split(","), _links(at)
    navs = [lookup("en", f"{s}.nav") for s in ("sgd", "scalar", "jacobian")]
    assert [label for label, _ in _links(at)][:3] == [f"{k}. {nav}" for k, nav in enumerate(navs, 1)]


def test_next_follows_the_route_and_the_route_survives_the_page_change():
    at = open_page(None, route=ROUTE, lang="zh")
    at.button(key="route_next").click().run()
    assert at.title[0].value == lookup("zh", "scalar.title")
    assert at.query_params["route"] in ([ROUTE], ROUTE)
    assert not [b for b in at.button if b.key == "scalar_next"]  # the lesson's own next page gives way to the route
    at.button(key="route_next").click().run()
    assert at.title[0].value == lookup("zh", "jacobian.title")
    assert not [b for b in at.button if b.key == "route_next"]  # the last page of the route
    assert not at.exception


def test_a_page_off_the_route_leads_back_to_it():
    at = open_page("pages/labs/expression.py", route="scalar-backward,jacobian")
    assert at.title[0].value == lookup("en", "scalar.title")


def test_a_locked_slider_is_disabled_says_why_and_keeps_the_link_value():
    at = open_page("pages/backward/scalar.py", lock="x,lang,reveal", x="0.5", lang="en")
    x = at.sidebar.slider(key="sidebar_x")
    assert x.disabled and x.value == 0.5
    assert lookup("en", "lock.help") in x.help
    assert at.radio(key="sidebar_lang").disabled and at.toggle(key="sidebar_reveal").disabled
    assert not at.sidebar.slider(key="sidebar_a").disabled  # not locked: moves as usual
    assert any("x, lang, reveal" in c.value for c in at.sidebar.caption)
    at.session_state["sidebar_x"] = 2.0  # what a forged widget message would send: the link's value stays
    at.run()
    assert at.query_params["x"] in (["0.5"], "0.5")
    at.switch_page("pages/grad/higher_order.py").run()  # locks survive a page change
    assert at.sidebar.slider(key="sidebar_x").disabled
    assert at.query_params["lock"] in (["x,lang,reveal"], "x,lang,reveal")


def test_page_values_can_be_locked():
    at = open_page("pages/optim/sgd.py", lock="lr,steps", lr="0.1", steps="50", reveal="1")
    assert not at.exception, [e.value for e in at.exception]
    assert at.select_slider(key="sgd_lr").disabled and at.select_slider(key="sgd_lr").value == 0.1


def test_hostile_routes_and_locks_get_the_usual_warning():
    at = open_page(None, route="scalar-backward,nowhere", lock="a,zz")
    assert not at.exception
    text = at.warning[0].value
    assert lookup("en", "lock.unknown_route") in text and lookup("en", "lock.unknown_lock") in text
    assert at.title[0].value == lookup("en", "home.title")  # no route: the usual menu
    at = open_page(None, route="")
    assert not at.exception and lookup("en", "lock.empty_list") in at.warning[0].value


def test_the_builder_page_shows_a_link_that_reads_back():
    at = open_page("pages/teach/link.py", x="0.5")
    assert not at.exception, [e.value for e in at.exception]
    link = [c.value for c in at.code if "route=" in c.value]
    assert link and "x=0.5" in link[0] and "lock=reveal" in link[0], [c.value for c in at.code]
    at.multiselect(key="teachlink_route").set_value(["jacobian", "scalar-backward"]).run()
    at.multiselect(key="teachlink_lock").set_value(["x", "lang"]).run()
    link = next(c.value for c in at.code if "route=" in c.value)
    assert "/jacobian?route=jacobian,scalar-backward&lock=x,lang&" in link


def test_a_hidden_control_is_not_drawn_and_its_value_applies():
    at = open_page("pages/backward/scalar.py", hide="a,present,reveal", a="2", reveal="1")
    assert not at.exception, [e.value for e in at.exception]
    assert not [s for s in at.sidebar.slider if s.key == "sidebar_a"]
    assert not [t for t in at.toggle if t.key in ("sidebar_present", "sidebar_reveal")]
    assert at.metric[1].value == "-2"  # x.grad = 2ax + b = -2 at x = 0 (reveal=1 applies though its switch is hidden)
    assert "2" in at.query_params["a"] or at.query_params["a"] == "2"
    assert at.sidebar.slider(key="sidebar_x")  # the others are drawn as usual


def test_a_locked_table_and_a_locked_expression_stay_as_the_link_set_them():
    at = open_page("pages/backward/nonscalar.py", lock="xmat", xmat="1,2;3,4", reveal="1")
    assert not at.exception, [e.value for e in at.exception]
    assert at.number_input(key="nonscalar_xmat_rows").disabled
    assert any(lookup("en", "lock.help") in c.value for c in at.caption)
    assert at.query_params["xmat"] in (["1,2;3,4"], "1,2;3,4")
    at = open_page("pages/labs/expression.py", lock="f", f="sin(x)")
    box = at.text_input(key="expr_f")
    assert box.disabled and box.value == "sin(x)"
    at.session_state["expr_f"] = "x^2"  # a forged change: the link's expression stays
    at.run()
    assert at.text_input(key="expr_f").value == "sin(x)" and at.query_params["f"] in (["sin(x)"], "sin(x)")


def test_an_open_class_goes_into_the_link_and_the_secret_does_not():
    at = open_page("pages/teach/link.py", **{"class": "ABC234", "teacher": "s" * 22})
    assert not at.exception, [e.value for e in at.exception]
    link = next(c.value for c in at.code if "route=" in c.value)
    assert "class=ABC234" in link and "teacher=" not in link
    assert any("ABC234" in c.value for c in at.caption)
