"""2.3 Watch autograd work: PyTorch's own backward pass node by node, forward values, and forward mode beside it."""

import streamlit as st

import autograd_core as core
from autograd_core import codegen, modes, trace
from ui import compute, questions, render, state, stepper, takehome, widgets
from ui.text import t

S = "stepper"
render.header(S)
f = compute.quadratic()
x = state.value("x")
tr = compute.run(trace.quadratic, f, x)
answered = render.ask(S, questions.stepper(tr, x))
code = codegen.scalar_backward(f, x, compute.device().device)
render.code(code)  # the lesson's code, as in 1.1

if answered:
    takehome.offer(S, (code, compute.run(core.scalar_backward, f, x).printed))
    stepper.show(tr, S)
    render.checks(list(tr.checks))
    st.subheader(t("stepper.modes_title"))
    st.markdown(t("stepper.modes_text"))
    left, right = st.columns(2)
    x1 = widgets.slider(S, "x1", "x1", container=left)
    x2 = widgets.slider(S, "x2", "x2", container=right)
    stepper.passes(compute.run(modes.count_passes, x1, x2))
    n = st.select_slider(t("stepper.size"), modes.SIZES, value=300, key=f"{S}_size")
    stepper.timings(compute.run(modes.time_modes, n))
    st.markdown(t("stepper.modes_when"))
else:
    render.held_back()
render.try_this(S)
render.walkthrough(S)
