"""Issue 12 part A: the glossary and summary pages, learning objectives on every section, code comments in the
student's language."""

from __future__ import annotations

import re

import pytest

from tests.app.conftest import codes, open_page
from ui.guide import TERMS
from ui.i18n import lookup
from ui.pages import LESSON, PAGES, by_section

SECTIONS = [*LESSON, by_section("expr")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_glossary_lists_every_term_in_both_languages_with_a_live_link(lang):
    at = open_page("pages/guide/glossary.py", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert lookup(lang, "glossary.title") == at.title[0].value
    text = " ".join(m.value for m in at.markdown)
    for key, _ in TERMS:
        assert lookup("en", f"glossary.term_{key}") in text and lookup("zh", f"glossary.term_{key}") in text, key
        assert lookup(lang, f"glossary.def_{key}") in text, key
    links = list(at.page_link)
    assert len(links) == len(TERMS)
    urls = {p.url for p in PAGES}
    for link, (_, section) in zip(links, TERMS, strict=True):
        assert link.proto.page == by_section(section).url and link.proto.page in urls, link.proto.page
        assert link.value == lookup(lang, f"{section}.nav")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_summary_is_two_plain_tables(lang):
    at = open_page("pages/guide/summary.py", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    tables = [m.value for m in at.markdown if "| --- |" in m.value]
    assert len(tables) == 2
    rows = lookup(lang, "summary.rows")
    for row in rows[1:]:
        assert row[0] in tables[0]
    assert "retain_graph" in tables[0] and "create_graph" in tables[0]
    assert not at.get("plotly_chart")  # printable: no charts


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("p", SECTIONS, ids=[p.section for p in SECTIONS])
def test_every_section_starts_with_its_objectives(p, lang):
    at = open_page(p.path, lang=lang)
    assert not at.exception
    head = lookup(lang, "common.objectives")
    block = next(m.value for m in at.markdown if head in m.value)
    for item in lookup(lang, f"{p.section}.objectives"):
        assert item in block


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_lists_every_sections_objectives(lang):
    at = open_page(None, lang=lang)
    text = " ".join(m.value for m in at.markdown)
    for p in LESSON:
        for item in lookup(lang, f"{p.section}.objectives"):
            assert item in text, (p.section, item)


def _shown_code(path: str, lang: str) -> list[str]:
    at = open_page(path, lang=lang)
    reveal = [b for b in at.button if b.key and b.key.endswith("_quiz_reveal")]
    if reveal:  # the answer (and the code) may be held back until the student reveals it
        reveal[0].click().run()
    assert not at.exception
    return codes(at)


@pytest.mark.parametrize("path, marker", [
    ("pages/grad/backward_steps.py", "scalar_no_argument"),
    ("pages/backward/scalar.py", "scalar_no_argument"),
    ("pages/grad/higher_order.py", "create_graph"),
])  # fmt: skip
def test_code_comments_come_in_the_students_language(path, marker):
    zh = " ".join(_shown_code(path, "zh"))
    assert "# " + lookup("zh", f"code.{marker}") in zh
    assert "# @" not in zh and lookup("en", f"code.{marker}") not in zh
    assert re.search(r"#[^\n]*[\u4e00-\u9fff]", zh)
    en = " ".join(_shown_code(path, "en"))
    assert "# " + lookup("en", f"code.{marker}") in en and "# @" not in en
