"""Every user-visible string comes from locales/<lang>.toml, looked up by dotted key."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

LOCALES = Path(__file__).resolve().parent.parent / "locales"
LANGS = ("en", "zh")
LANG_NAMES = {"en": "English", "zh": "中文"}


@functools.cache
def catalog(lang: str) -> dict:
    """The parsed locale file (read once per process; never mutated)."""
    with open(LOCALES / f"{lang}.toml", "rb") as fh:
        return tomllib.load(fh)


def lookup(lang: str, key: str):
    """The entry at a dotted key, falling back to English; KeyError when neither has it."""
    for code in (lang, "en"):
        node = catalog(code) if code in LANGS else {}
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
            if node is None:
                break
        if node is not None:
            return node
    raise KeyError(key)


def flatten(tree: dict, prefix: str = "") -> dict[str, object]:
    """{'a.b': value} for every leaf of a nested catalog."""
    out: dict[str, object] = {}
    for k, v in tree.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out
