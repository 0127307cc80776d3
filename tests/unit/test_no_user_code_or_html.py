"""Nothing a user types or puts in a URL is executed, and no user text reaches unsafe_allow_html."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_core import codegen
from autograd_core.quadratic import Quadratic
from ui.render import _cell

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("ui", "pages", "charts", "autograd_core")
APP_FILES = [ROOT / "app.py", *sorted(p for d in SOURCES for p in (ROOT / d).rglob("*.py"))]
EXECUTES = {"eval", "exec", "compile", "__import__", "execfile", "system", "popen", "loads", "load", "run_path"}
# Names that carry user input: anything of these inside an HTML string would be an injection.
TAINTED = {"query_params", "session_state", "state", "value", "values", "raw", "edited", "problems", "name", "text"}
# Every unsafe_allow_html=True in the app, reviewed: (file, enclosing function). A new one fails here until reviewed.
# render.svg draws the SVG charts that charts/svg.py writes: a variable, not a literal, so it is the one exception to
# the literal rule below; charts/svg.py escapes every text it is given (tests/unit/test_svg.py feeds it markup).
SVG_CHART = ("ui/render.py", "svg")
REVIEWED: set[tuple[str, str]] = {SVG_CHART}
# Reviewed calls with an executing name: the cold-start hand-over runs the app's own app.py at a fixed path; a
# finished figure parses the JSON it wrote itself (orjson.loads reads data, never code); class mode reads back the
# question descriptions the app itself wrote into the class store (json.loads, data only; a bad one is skipped).
REVIEWED_RUNS = {"ui/cold_start.py run_path", "charts/figure.py loads", "ui/live.py loads"}


def calls(tree: ast.AST, where: str = "<module>"):
    """(innermost enclosing function, call) for every call in the tree."""
    for child in ast.iter_child_nodes(tree):
        inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else where
        if isinstance(child, ast.Call):
            yield where, child
        yield from calls(child, inner)


def test_scan_sees_the_app():
    assert len(APP_FILES) > 20 and any(p.name == "render.py" for p in APP_FILES)


def test_nothing_is_executed_or_unpickled():
    found = []
    for path in APP_FILES:
        for _, node in calls(ast.parse(path.read_text())):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            module = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
            if name in EXECUTES and (name, module) not in {("load", "tomllib"), ("compile", "re")}:
                found.append(f"{path.relative_to(ROOT)} {name}")
    assert set(found) <= REVIEWED_RUNS, found
    for path in APP_FILES:
        text = path.read_text()
        assert "import pickle" not in text and "import subprocess" not in text and "import os" not in text, path


def test_unsafe_html_is_reviewed_and_formats_no_user_values():
    uses = set()
    for path in APP_FILES:
        rel = str(path.relative_to(ROOT))
        for func, node in calls(ast.parse(path.read_text())):
            unsafe = [k for k in node.keywords if k.arg == "unsafe_allow_html"]
            if not unsafe or (isinstance(unsafe[0].value, ast.Constant) and unsafe[0].value.value is False):
                continue
            uses.add((rel, func))
            if (rel, func) == SVG_CHART:
                continue
            assert node.args, f"{rel}:{node.lineno}: the HTML must be a literal, not a variable"
            html = node.args[0]
            assert isinstance(html, (ast.Constant, ast.JoinedStr)), f"{rel}:{node.lineno}: HTML must be a literal"
            for part in ast.walk(html):
                if isinstance(part, ast.FormattedValue):
                    v = part.value
                    # only locale strings (t("key", ...)) with numbers may be formatted in
                    assert isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "t", ast.unparse(v)
                    assert isinstance(v.args[0], ast.Constant), ast.unparse(v)
                    names = {n.id for n in ast.walk(v) if isinstance(n, ast.Name)} | {
                        n.attr for n in ast.walk(v) if isinstance(n, ast.Attribute)
                    }
                    assert not names & TAINTED, (rel, node.lineno, names & TAINTED)
    assert uses == REVIEWED, uses


numbers = st.floats(-1e6, 1e6, allow_nan=False)
tables = st.lists(st.lists(numbers, min_size=2, max_size=2), min_size=2, max_size=2)


def strings(code: str) -> set[str]:
    return {n.value for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


@settings(max_examples=50, deadline=None)
@given(a=numbers, b=numbers, c=numbers, x=numbers, t=tables, device=st.sampled_from(["cpu", "cuda", "mps"]))
def test_generated_code_holds_only_numbers_from_the_user(a, b, c, x, t, device):
    """The code shown to students parses, and its only strings are fixed text (the numbers are literals)."""
    f = Quadratic(a, b, c)
    for make, args in (
        (codegen.scalar_backward, (f, x)),
        (codegen.nonscalar_backward, (f, t, t)),
        (codegen.equivalence, (f, t, t)),
        (codegen.second_derivative, (f, x)),
        (codegen.many_in_out, (x, a)),
    ):
        fixed = strings(make(*[Quadratic() if isinstance(v, Quadratic) else v for v in args], "cpu"))
        assert strings(make(*args, device)) - {device} == fixed - {device}


@given(st.text(max_size=40))
def test_a_checks_table_cell_shows_its_text_as_it_is(text):
    """A cell of the Markdown checks table: no pipe can end the cell, no Markdown or LaTeX markup takes effect."""
    cell = _cell(text)
    assert cell.replace("\\", "") == text.replace("\\", "")
    for ch in "|*_`$[]<>~":
        assert cell.count(ch) == cell.count("\\" + ch), (text, cell)
