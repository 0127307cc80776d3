"""Both languages have every string, with the same placeholders; pages hold no untranslated prose."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from ui.i18n import LANGS, catalog, flatten

ROOT = Path(__file__).resolve().parents[2]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_exists_in_every_language():
    keys = {lang: set(flatten(catalog(lang))) for lang in LANGS}
    assert keys["en"] == keys["zh"], keys["en"] ^ keys["zh"]


def test_placeholders_and_list_lengths_match():
    en, zh = flatten(catalog("en")), flatten(catalog("zh"))
    for key, value in en.items():
        other = zh[key]
        assert type(value) is type(other), key
        if isinstance(value, str):
            assert fields(value) == fields(other), key
        else:
            assert len(value) == len(other), key


def test_chinese_uses_the_lessons_terms():
    text = " ".join(str(v) for v in flatten(catalog("zh")).values())
    for term in ("标量", "非标量", "梯度", "反向传播", "自变量", "因变量", "计算图", "优化器"):
        assert term in text, term


def code_files():
    for folder in ("pages", "ui"):
        yield from (ROOT / folder).rglob("*.py")
    yield ROOT / "app.py"


def test_every_literal_key_used_in_code_exists():
    en = flatten(catalog("en"))
    for path in code_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("t", "tl") and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant):
                    assert arg.value in en, f"{path.name}: {arg.value}"


PROSE = re.compile(r"[A-Za-z]{2,}[ ,.]+[A-Za-z]{2,}[ ,.]+[A-Za-z]{2,}")


@pytest.mark.parametrize("path", sorted((ROOT / "pages").rglob("*.py")), ids=lambda p: p.name)
def test_pages_hold_no_untranslated_prose(path):
    tree = ast.parse(path.read_text())
    docstrings = {id(n.body[0].value) for n in ast.walk(tree) if isinstance(n, ast.Module | ast.FunctionDef) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}  # fmt: skip
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            assert "\\" in node.value or not PROSE.search(node.value), f"{path.name}: {node.value!r}"
