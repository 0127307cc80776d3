"""The glossary's terms (locale keys glossary.term_<key> / glossary.def_<key>) and the section where each is shown
live. Pure data."""

from __future__ import annotations

TERMS = (
    ("tensor", "scalar"),
    ("requires_grad", "scalar"),
    ("leaf", "scalar"),
    ("graph", "stepper"),
    ("grad_fn", "stepper"),
    ("accumulate_grad", "stepper"),
    ("grad", "scalar"),
    ("backward", "scalar"),
    ("autograd_grad", "second"),
    ("chain_rule", "stepper"),
    ("jacobian", "equivalence"),
    ("vjp", "equivalence"),
    ("gradient_arg", "nonscalar"),
    ("retain_graph", "many"),
    ("create_graph", "second"),
    ("higher_order", "second"),
    ("retain_grad", "many"),
    ("accumulation", "many"),
    ("reverse_mode", "stepper"),
    ("forward_mode", "stepper"),
    ("learning_rate", "sgd"),
    ("optimizer", "sgd"),
    ("zero_grad", "sgd"),
    ("momentum", "sgd"),
    ("no_grad", "sgd"),
    ("detach", "second"),
)
