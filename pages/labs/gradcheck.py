"""Lab: the student's f(x) (shared with the expression lab): autograd against sympy and finite differences."""

import streamlit as st

from autograd_core.expression import ExpressionError, parse, variables
from ui import gradcheck as view
from ui import render, widgets
from ui.pages import by_section
from ui.text import t

S = "gradcheck"
render.header(S)
render.explanation(S)
text = widgets.text(S, "f", t("gradcheck.input_label"), help=t("gradcheck.input_help"), placeholder="exp(x)")
lab = by_section("expr")
st.page_link(lab.path, label=t("gradcheck.same_f"), icon=lab.icon)
cols = st.columns(2)
x = widgets.slider(S, "xc", t("gradcheck.x_label"), container=cols[0])
h = float(widgets.slider(S, "h", t("gradcheck.h_label"), container=cols[1]))
try:
    node = parse(text)
except ExpressionError as err:
    st.error(t("gradcheck.bad_f", pos=err.pos + 1))
    st.code(f"{text}\n{' ' * err.pos}^", language=None)
else:
    names = [v for v in variables(node) if v != "x"]
    if names:
        st.info(t("gradcheck.one_variable", names=", ".join(names)))
    else:
        view.lab(node, x, h)
render.try_this(S)
