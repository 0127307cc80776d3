"""Take it home: the page's run as a notebook and a .py to download (built by the pure package takehome/).

A page calls offer(S, (code, printed), ...) where it shows its results, with the code and output it shows. Every
text is resolved here in the session's language; the files themselves are built only when a button is clicked."""

from __future__ import annotations

import re
from functools import partial

import streamlit as st
import torch

import takehome
from ui import compute, render, state
from ui.pages import SHARED_VALUES, by_section
from ui.params import PAGE, fmt
from ui.text import has, lang, t, tl


def _values(section: str, code: str) -> str:
    """The values this page ran with, as the URL writes them: the shared ones its code sets (the expression lab's
    two-variable f has no x), then the page's own."""
    url, uses = state.url_values(), by_section(section).uses
    shared = [n for n in SHARED_VALUES if n in uses and re.search(rf"^{n} = ", code, re.M)]
    names = shared + [n for n in PAGE if n in url]
    shown = (f"{n}={url.get(n, fmt(state.value(n)))}".replace("`", "'") for n in names)  # no backtick in f
    return ", ".join(f"`{text}`" for text in shown)


def document(section: str, runs: tuple[tuple[str, ...], ...]) -> takehome.Doc:
    """Title, objectives, explanation and the code cells (comments in the session's language), and where from."""
    prose = []
    if has(f"{section}.objectives"):
        items = "\n".join(f"- {item}" for item in tl(f"{section}.objectives"))
        prose.append(f"**{t('common.objectives')}**\n\n{items}")
    prose += [t(f"{section}.intro"), t("takehome.run_all")]
    cells = tuple(takehome.Code(render.code_text(source), printed, *rest) for source, printed, *rest in runs)
    values = _values(section, "\n".join(c.source for c in cells))
    footer = t("takehome.footer", page=t(f"{section}.title"), values=values, torch=torch.__version__,
               device=str(compute.device().device))  # fmt: skip
    return takehome.Doc(t(f"{section}.title"), tuple(prose), cells, footer, t("takehome.output"), lang())


def offer(section: str, *runs: tuple[str, ...]) -> None:
    """Two download buttons: the notebook and the script of `runs`, each (code, printed) or (code, printed, heading)."""
    doc = document(section, runs)
    name = f"autograd-{by_section(section).url}-{lang()}"
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(f"**{t('takehome.title')}**")
    files = (("ipynb", takehome.ipynb, "application/x-ipynb+json"), ("py", takehome.script, "text/x-python"))
    for ext, build, mime in files:
        row.download_button(t(f"takehome.{ext}"), partial(build, doc), f"{name}.{ext}", mime,
                            key=f"{section}_download_{ext}", help=t(f"takehome.{ext}_help"), on_click="ignore",
                            icon=":material/download:")  # fmt: skip
