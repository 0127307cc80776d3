"""t('page.key') returns the string in the session's language."""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.i18n import lookup


def lang() -> str:
    """The session's language; the switch's own value first, so a change applies to the whole run."""
    return st.session_state.get(state.widget_key("sidebar", "lang")) or state.value("lang")


def t(key: str, **fields) -> str:
    text = lookup(lang(), key)
    return text.format(**fields) if fields else text


def tl(key: str) -> list[str]:
    """A list entry (e.g. the 'try this' items)."""
    return list(lookup(lang(), key))


def has(key: str) -> bool:
    """Whether the session's language has `key` (both languages have the same keys)."""
    try:
        lookup(lang(), key)
    except KeyError:
        return False
    return True
