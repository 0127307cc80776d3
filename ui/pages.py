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


PAGES = (
    PageInfo("pages/intro/home.py", "home", "home", ":material/school:", "lesson"),
    PageInfo("pages/backward/scalar.py", "scalar-backward", "scalar", ":material/looks_one:", "lesson"),
    PageInfo("pages/backward/nonscalar.py", "nonscalar-backward", "nonscalar", ":material/grid_on:", "lesson"),
    PageInfo("pages/backward/equivalence.py", "dot-product", "equivalence", ":material/drag_indicator:", "lesson"),
    PageInfo("pages/backward/jacobian.py", "jacobian", "jacobian", ":material/table_chart:", "lesson"),
    PageInfo("pages/grad/higher_order.py", "second-derivative", "second", ":material/functions:", "lesson"),
    PageInfo("pages/grad/many_in_out.py", "many-inputs-outputs", "many", ":material/account_tree:", "lesson"),
    PageInfo("pages/grad/backward_steps.py", "backward-steps", "stepper", ":material/step_over:", "lesson"),
    PageInfo("pages/optim/sgd.py", "sgd-minimum", "sgd", ":material/trending_down:", "lesson"),
    PageInfo("pages/labs/expression.py", "expression-lab", "expr", ":material/calculate:", "labs"),
    PageInfo("pages/labs/gradcheck.py", "gradient-check", "gradcheck", ":material/rule:", "labs"),
    PageInfo("pages/guide/glossary.py", "glossary", "glossary", ":material/translate:", "guide"),
    PageInfo("pages/guide/summary.py", "summary", "summary", ":material/table_chart:", "guide"),
)

LESSON = tuple(p for p in PAGES if p.group == "lesson" and p.section != "home")


def by_section(section: str) -> PageInfo:
    return next(p for p in PAGES if p.section == section)
