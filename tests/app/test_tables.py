"""Editable tables (pages 1.2 and 1.3): bad cells are explained and the last good table is used."""

from __future__ import annotations

import math

import pytest

from tests.app.conftest import codes, open_page
from ui.i18n import lookup
from ui.params import PAGE

PAGES = {"pages/backward/nonscalar.py": "nonscalar", "pages/backward/equivalence.py": "equivalence"}
BAD_CELLS = lookup("en", "common.bad_cells").split("{")[0]


def edit(at, section: str, name: str, edited_rows=None, added_rows=(), deleted_rows=()):
    """What the browser sends after cell edits in the 2x2 editor for `name`."""
    key = f"{section}_{name}_2x2"
    at.session_state[key] = {
        "edited_rows": edited_rows or {},
        "added_rows": list(added_rows),
        "deleted_rows": list(deleted_rows),
    }
    return at.run()


def bad_cell_warnings(at) -> list[str]:
    return [w.value for w in at.warning if w.value.startswith(BAD_CELLS)]


@pytest.mark.parametrize("path, section", PAGES.items())
@pytest.mark.parametrize("cell", [None, math.nan, math.inf, 1e308, -1e308, 1000.5, "abc", ""])
def test_bad_cell_is_explained_and_last_good_table_is_used(path, section, cell):
    at = open_page(path)
    edit(at, section, "xmat", {1: {"1": 5.0}})  # a good edit first: this becomes the last good table
    assert at.session_state["_keep_xmat"] == ((0.0, 0.0), (1.0, 5.0))
    edit(at, section, "xmat", {1: {"1": 5.0}, 0: {"0": cell}})
    assert not at.exception, [e.value for e in at.exception]
    assert len(bad_cell_warnings(at)) == 1, [w.value for w in at.warning]
    assert at.session_state["_keep_xmat"] == ((0.0, 0.0), (1.0, 5.0))
    assert any("[[0.0, 0.0], [1.0, 5.0]]" in c for c in codes(at)), "the code uses the last good table"
    edit(at, section, "xmat", {1: {"1": 5.0}, 0: {"0": -3.0}})  # fixing the cell recovers
    assert not bad_cell_warnings(at)
    assert at.session_state["_keep_xmat"] == ((-3.0, 0.0), (1.0, 5.0))


@pytest.mark.parametrize("path, section", PAGES.items())
def test_bad_gradient_cell(path, section):
    at = edit(open_page(path), section, "gmat", {0: {"1": math.nan}})
    assert not at.exception and len(bad_cell_warnings(at)) == 1
    assert at.session_state["_keep_gmat"] == PAGE["gmat"].default


@pytest.mark.parametrize("path, section", PAGES.items())
@pytest.mark.parametrize("change", [{"deleted_rows": [1]}, {"added_rows": [{"0": 1.0, "1": 2.0}]}])
def test_a_removed_or_added_row_is_explained(path, section, change):
    """The editors have fixed rows, but a tampered message must still end in an explanation, not a crash."""
    at = edit(open_page(path), section, "xmat", **change)
    assert not at.exception, [e.value for e in at.exception]
    assert at.error, "the shape mismatch between x and gradient is explained"
    assert "same shape" in at.error[0].value


@pytest.mark.parametrize("path, section", PAGES.items())
def test_url_keeps_the_last_good_table_while_a_cell_is_bad(path, section):
    at = edit(open_page(path), section, "xmat", {1: {"1": 5.0}})
    assert at.query_params.get("xmat") == "0,0;1,5"
    edit(at, section, "xmat", {1: {"1": 5.0}, 0: {"0": None}})
    assert at.query_params.get("xmat") == "0,0;1,5"  # a link shared now still brings the table back


@pytest.mark.parametrize(
    "raw",
    ["", " ", ";", ",", "1,", "1,;2,3", "1,2;3", "nan", "inf,1", "1e308", "1001", "-1000.5", "1;2;3;4;5", "1,2,3,4,5",
     "a,b", "True", "0x1", "1" * 300],
)  # fmt: skip
def test_table_parsing_refuses(raw):
    with pytest.raises(ValueError, match=r"bad_table|too_long"):
        PAGE["xmat"].parse(raw)


@pytest.mark.parametrize(
    "raw, table",
    [("1", ((1.0,),)), ("-0,1000;2,-1000", ((0.0, 1000.0), (2.0, -1000.0))), (" 1 , 2 ", ((1.0, 2.0),))],
)
def test_table_parsing_accepts(raw, table):
    assert PAGE["xmat"].parse(raw) == table
    assert math.copysign(1, PAGE["xmat"].parse(raw)[0][0]) == 1  # -0 comes back as 0
