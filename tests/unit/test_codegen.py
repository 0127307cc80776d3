"""Each generated snippet, run in a fresh interpreter, prints exactly what the page shows."""

from __future__ import annotations

import subprocess
import sys

import pytest

import autograd_core as core
from autograd_core import codegen

F = core.Quadratic(0.5, 1.3, -0.7)
X = [[0.0, -1.5, 2.0], [1.0, 2.0, 3.5]]
G = [[1.0, 0.5, 2.0], [0.0, -1.0, 1.0]]

CASES = {
    "scalar": (codegen.scalar_backward(F, 1.3), core.scalar_backward(F, 1.3)),
    "nonscalar": (codegen.nonscalar_backward(F, X, G), core.nonscalar_backward(F, X, G)),
    "equivalence": (codegen.equivalence(F, X, G), core.equivalence(F, X, G)),
    "second": (codegen.second_derivative(F, -2.2), core.second_derivative(F, -2.2)),
    "many": (codegen.many_in_out(-0.3, 4.1), core.many_in_out(-0.3, 4.1)),
    "sgd": (codegen.minimize_sgd(F, 2.0, 0.05, 120), core.minimize_sgd(F, 2.0, 0.05, 120)),
    "lesson_sgd": (
        codegen.minimize_sgd(core.Quadratic(), 0.0, 0.01, 500),
        core.minimize_sgd(core.Quadratic(), 0, 0.01, 500),
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_snippet_prints_what_the_page_shows(name):
    code, result = CASES[name]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.rstrip("\n") == result.printed


def test_only_known_devices_are_written():
    assert 'device="cuda"' in codegen.scalar_backward(F, 0.0, "cuda")
    with pytest.raises((ValueError, RuntimeError)):
        codegen.scalar_backward(F, 0.0, "evil; import os")


def test_every_comment_is_a_marker_with_a_sentence_in_both_languages():
    import re
    from pathlib import Path

    from ui.i18n import LANGS, lookup

    source = Path(codegen.__file__).read_text()
    written = set(re.findall(r"# @(\w+)", source))
    assert written == set(codegen.MARKERS)
    for lang in LANGS:
        for marker in codegen.MARKERS:
            assert lookup(lang, f"code.{marker}"), (lang, marker)
    for code, _ in CASES.values():  # no English prose left in the generated code: comments are markers only
        for line in code.splitlines():
            if "#" in line and not line.lstrip().startswith("print"):
                assert re.search(r"#\s*@\w+\s*$", line), line


def test_the_pitfalls_code_does_what_the_page_says_it_did():
    """2.2's three pitfalls: the shown code, run on its own, prints (or raises) what the page shows."""
    from autograd_core import pitfalls

    x1, x2 = 1.5, -2.0
    run = {
        name: subprocess.run([sys.executable, "-c", getattr(codegen, name)(x1, x2)], capture_output=True, text=True,
                             timeout=120)
        for name in ("accumulation", "freed_graph", "nonleaf_grad")
    }  # fmt: skip
    acc = pitfalls.accumulation(x1, x2)
    assert run["accumulation"].stdout.splitlines() == [acc.first, acc.second, acc.after_zero]
    freed = pitfalls.freed_graph(x1, x2)
    assert run["freed_graph"].returncode == 1
    assert run["freed_graph"].stderr.strip().splitlines()[-1] == f"RuntimeError: {freed.error}"
    leaf = pitfalls.nonleaf_grad(x1, x2)
    assert run["nonleaf_grad"].stdout.strip() == leaf.plain == "None"
    assert leaf.warning.split(".")[0] in run["nonleaf_grad"].stderr
