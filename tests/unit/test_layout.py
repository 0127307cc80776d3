"""Layout rules: thin pages, a cold-start shim per deep link, no Streamlit in the core."""

from __future__ import annotations

import ast
from pathlib import Path

from ui.pages import PAGES

ROOT = Path(__file__).resolve().parents[2]


def test_every_deep_link_has_a_shim_that_only_runs_the_frame():
    shims = {p.stem for p in (ROOT / "pages").glob("*.py")}
    wanted = {p.url for p in PAGES if p.url and p.section != "home"}
    assert shims == wanted
    for name in shims:
        tree = ast.parse((ROOT / "pages" / f"{name}.py").read_text())
        calls = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Call)]
        assert calls == ["run_frame()"], name  # nothing but the hand-over to app.py


def test_page_scripts_live_in_subfolders_and_exist():
    for p in PAGES:
        path = ROOT / p.path
        assert path.exists() and path.parent.parent == ROOT / "pages", p.path


def test_core_and_charts_never_import_streamlit():
    for folder in ("autograd_core", "charts", "classroom", "takehome"):
        for f in (ROOT / folder).glob("*.py"):
            tree = ast.parse(f.read_text())
            names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
            names |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
            assert not any(m.split(".")[0] == "streamlit" for m in names), f
