"""Accessibility fixes the app can make around Streamlit (README "Accessibility"): one call from app.py.

- <html lang> follows the chosen language (Streamlit serves lang="en" on every page), so that screen readers pick
  the right voice and browsers offer the right translation.
- Syntax colours in code blocks that reach 4.5:1 (Streamlit's own keyword, number and comment colours do not).
- A visible focus ring on the navigation's links, text inputs, the table editors and their toolbars, and Plotly's
  buttons (Streamlit's other widgets have their own).
- Chart tick labels and axis titles darker: Streamlit's Plotly theme draws them in #808495 (3.8:1 on white).
- Code blocks scroll on the element that takes keyboard focus (Streamlit scrolls an inner <pre> the keyboard
  cannot reach).
- The sidebar navigation's groups become proper lists (Streamlit puts them as <div>s inside one <ul>), metric
  values are announced when they change (aria-live="polite"), and Plotly's Play / Pause buttons take keyboard
  focus and Enter / Space.

The page's HTML is fixed text: the only value in it is a language tag from HTML_LANG, never anything a user typed.
"""

from __future__ import annotations

import streamlit as st

HTML_LANG = {"en": "en", "zh": "zh-CN"}

# Syntax colours (Prism token classes), each at least 4.5:1 on Streamlit's code background #fcfcfb, told apart
# by more than hue (comments are also italic, functions bold: Streamlit's own styles).
STYLE = """
[data-testid="stCode"] .token.comment, [data-testid="stCode"] .token.prolog,
[data-testid="stCode"] .token.punctuation, [data-testid="stCode"] .token.unchanged.line { color: #5b5e6a; }
[data-testid="stCode"] .token.keyword, [data-testid="stCode"] .token.tag,
[data-testid="stCode"] .token.function, [data-testid="stCode"] .token.class-name,
[data-testid="stCode"] .token.selector { color: #0550ae; }
[data-testid="stCode"] .token.attr-name, [data-testid="stCode"] .token.property,
[data-testid="stCode"] .token.variable { color: #0a4f8a; }
[data-testid="stCode"] .token.boolean, [data-testid="stCode"] .token.constant,
[data-testid="stCode"] .token.symbol { color: #8a3ffc; }
[data-testid="stCode"] .token.number, [data-testid="stCode"] .token.regex { color: #0b6b5e; }
[data-testid="stCode"] .token.string, [data-testid="stCode"] .token.char,
[data-testid="stCode"] .token.attr-value, [data-testid="stCode"] .token.inserted { color: #116329; }
[data-testid="stCode"] .token.operator, [data-testid="stCode"] .token.entity,
[data-testid="stCode"] .token.decorator, [data-testid="stCode"] .token.atrule { color: #953800; }
[data-testid="stCode"] .token.url { color: #6639ba; }
[data-testid="stCode"] .token.important, [data-testid="stCode"] .token.deleted { color: #b31d28; }
[data-testid="stCode"] { overflow: auto; }
[data-testid="stCode"] pre { overflow: visible; }
.stElementContainer:has(script[data-a11y]) { display: none; }
.js-plotly-plot text[style*="fill: rgb(128, 132, 149)"] { fill: #4f5260 !important; }
[data-testid="stSidebarNavLink"]:focus-visible { outline: 2px solid #1d4ed8 !important; outline-offset: -2px; }
[data-testid="stBaseButton-elementToolbar"]:focus-visible, [data-testid="data-grid-canvas"]:focus-visible {
  outline: 2px solid #1d4ed8 !important; }
input:focus-visible, textarea:focus-visible { outline: 2px solid #1d4ed8 !important; outline-offset: 1px; }
.updatemenu-button:focus { outline: none; }
.updatemenu-button:focus-visible rect { stroke: #1d4ed8 !important; stroke-width: 3px !important; }
@media (max-width: 640px) { [data-testid="svgChart"] { font-size: 20px !important; } }
"""

# Runs in the app's own document (st.html runs scripts there when allowed): sets <html lang> and keeps the
# navigation's lists and the metrics' live regions right as React re-renders them.
SCRIPT = """
(() => {
  const doc = document;
  doc.documentElement.lang = "%s";
  if (window.__a11yFixes) return;
  window.__a11yFixes = true;
  const fix = () => {
    for (const ul of doc.querySelectorAll('[data-testid="stSidebarNavItems"]')) {
      const groups = ul.querySelectorAll(':scope > div');
      if (!groups.length) continue;
      ul.setAttribute('role', 'none');
      for (const group of groups) {
        group.setAttribute('role', 'list');
        const head = group.querySelector(':scope > header');
        if (head) {
          group.setAttribute('aria-label', head.textContent.replace(/expand_(more|less)/g, '').trim());
          head.setAttribute('role', 'none');
        }
      }
    }
    for (const v of doc.querySelectorAll('[data-testid="stMetricValue"]:not([aria-live])')) {
      v.setAttribute('aria-live', 'polite');
    }
    // Plotly's Play / Pause buttons are SVG groups that only a mouse can press: make them keyboard buttons
    for (const b of doc.querySelectorAll('.updatemenu-button:not([tabindex])')) {
      b.setAttribute('tabindex', '0');
      b.setAttribute('role', 'button');
      b.setAttribute('aria-label', b.textContent.replace(/^[^\\p{L}]+/u, '').trim());
      b.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        b.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      });
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(); });
  }).observe(doc.body, {childList: true, subtree: true});
  fix();
})();
"""


def html(lang: str) -> str:
    """The fixed HTML for `lang`: the style sheet and the script, with the page's language tag."""
    return f"<style>{STYLE}</style><script data-a11y>{SCRIPT % HTML_LANG.get(lang, 'en')}</script>"


def setup(lang: str) -> None:
    """Put the fixes on the page (an element that takes no room: its container hides itself)."""
    st.html(html(lang), unsafe_allow_javascript=True)
