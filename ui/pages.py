"""The lesson's pages in teaching order: script path, URL path, locale section. Pure data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    path: str  # relative to the repository root
    url: str
    section: str  # locale section holding title, intro, ...
    icon: str
    group: str  # navigation group (locale key under nav.)
    uses: tuple[str, ...] = ()  # the shared sidebar values (a, b, c, x) this page reads; the others are marked unused


SHARED_VALUES = ("a", "b", "c", "x")  # the sidebar's sliders for f(x) = a*x^2 + b*x + c and the point x
ABC, ABCX = ("a", "b", "c"), SHARED_VALUES  # SGD starts from its own x0; 1.2 and 1.3 read x from their tables

PAGES = (
    PageInfo("pages/intro/home.py", "home", "home", ":material/school:", "lesson", ABCX),
    PageInfo("pages/backward/scalar.py", "scalar-backward", "scalar", ":material/looks_one:", "lesson", ABCX),
    PageInfo("pages/backward/nonscalar.py", "nonscalar-backward", "nonscalar", ":material/grid_on:", "lesson", ABC),
    PageInfo("pages/backward/equivalence.py", "dot-product", "equivalence", ":material/drag_indicator:", "lesson", ABC),
    PageInfo("pages/backward/jacobian.py", "jacobian", "jacobian", ":material/table_chart:", "lesson"),
    PageInfo("pages/grad/higher_order.py", "second-derivative", "second", ":material/functions:", "lesson", ABCX),
    PageInfo("pages/grad/many_in_out.py", "many-inputs-outputs", "many", ":material/account_tree:", "lesson"),
    PageInfo("pages/grad/backward_steps.py", "backward-steps", "stepper", ":material/step_over:", "lesson", ABCX),
    PageInfo("pages/optim/sgd.py", "sgd-minimum", "sgd", ":material/trending_down:", "lesson", ABC),
    PageInfo("pages/labs/expression.py", "expression-lab", "expr", ":material/calculate:", "labs", ("x",)),
    PageInfo("pages/labs/gradcheck.py", "gradient-check", "gradcheck", ":material/rule:", "labs"),
    PageInfo("pages/guide/glossary.py", "glossary", "glossary", ":material/translate:", "guide"),
    PageInfo("pages/guide/summary.py", "summary", "summary", ":material/table_chart:", "guide"),
    # live (issue #15): the teacher's view of the class's answers, live
    PageInfo("pages/teach/live.py", "class-live", "classlive", ":material/groups:", "teach"),
)

LESSON = tuple(p for p in PAGES if p.group == "lesson" and p.section != "home")


def by_section(section: str) -> PageInfo:
    return next(p for p in PAGES if p.section == section)


def by_url(url: str) -> PageInfo | None:
    """The page whose URL path is `url` (the home page has the empty path too)."""
    return next((p for p in PAGES if p.url == url or (not url and p.section == "home")), None)
