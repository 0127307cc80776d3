"""The recorded backward pass is PyTorch's own: same x.grad, the engine's order, sums where paths meet, forward mode."""

from __future__ import annotations

import contextlib
import functools
import io
import math
import operator

import pytest
import torch
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from autograd_core import expression as ex
from autograd_core import modes, trace
from autograd_core import trace_view as tv
from autograd_core.quadratic import Quadratic

# ---- random functions from the lab's grammar ---------------------------------------------------------

LEAVES = st.one_of(st.just("x"), st.just("x"), st.sampled_from(["1", "2", "0.5", "3"]))
FUNCTIONS = ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "relu"]


def _grow(children):
    return st.one_of(
        st.tuples(children, st.sampled_from("+-*/"), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(children, st.sampled_from(["2", "3", "x", "0.5"])).map(lambda t: f"({t[0]})^{t[1]}"),
        st.tuples(st.sampled_from(FUNCTIONS), children).map(lambda t: f"{t[0]}({t[1]})"),
        children.map(lambda c: f"-({c})"),
    )


def _uses_x(text: str) -> bool:
    try:
        return ex.variables(ex.parse(text)) == ("x",)
    except ex.ExpressionError:
        return False


EXPRESSIONS = st.recursive(LEAVES, _grow, max_leaves=8).filter(_uses_x)
POINTS = st.floats(-2.0, 2.0, allow_nan=False).map(lambda v: round(v, 3))


def _finite(tr: trace.Trace) -> bool:
    values = [tr.y, *tr.grads, *tr.reference] + [s.arriving for s in tr.backward]
    return all(math.isfinite(v) for v in values)


def _order_is_topological(tr: trace.Trace) -> bool:
    """Every node runs only after every node that sends it a gradient."""
    position = {nid: i for i, nid in enumerate(tr.engine_order)}
    return all(position[parent] < position[child] for parent, child, _ in tr.edges)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=EXPRESSIONS, x=POINTS)
def test_random_functions_reproduce_torchs_own_backward(text, x):
    tree = ex.parse(text)
    tr = trace.expression(tree, (("x", x),))
    assume(_finite(tr))
    leaf = next(n for n in tr.nodes if n.leaf)
    # the gradient the engine handed AccumulateGrad is x.grad, and equals a plain y.backward() on the whole tree
    assert tr.backward[tr.step_of(leaf.id)].arriving == tr.grads[0] == tr.reference[0]
    assert tr.backward[-1].node == leaf.id  # x waits for every path: it runs last
    assert [s.node for s in tr.backward] == list(tr.engine_order)
    assert _order_is_topological(tr)
    assert len(tr.backward) == len(tr.nodes)  # every node runs exactly once
    for s in tr.backward:
        # where paths meet, what arrived is the sum of what was sent along them, in the order they came
        assert functools.reduce(operator.add, (v for _, v in s.incoming)) == s.arriving
        for p, sent in zip(s.products, s.sent, strict=True):  # local derivative (from saved values) x arriving
            if math.isfinite(p) and math.isfinite(sent):
                assert p == pytest.approx(sent, rel=1e-9, abs=1e-12)
    (tangent,) = tr.tangents  # forward mode ends at the same derivative
    assert tangent.result == pytest.approx(tr.grads[0], rel=1e-9, abs=1e-12)
    for step in tangent.steps:
        if all(math.isfinite(v) for v in (*step.products, step.tangent)):
            assert math.fsum(step.products) == pytest.approx(step.tangent, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("text", ["sin(x)*x", "exp(-x)/(1 + x^2)", "x^x - tanh(x)*3", "sqrt(abs(x)) + x*x*x"])
def test_order_matches_tensor_hooks_on_the_same_graph(text):
    """Tensor.register_hook on each intermediate result fires when the engine reaches its node: same order."""
    tr = trace.expression(text, (("x", 0.7),))
    prog = trace._expression_program(ex.parse(text), {"x": 0.7})
    env = {"x": torch.tensor(0.7, dtype=torch.float64, requires_grad=True)}
    seen: list[str] = []
    for op in prog.ops:
        env[op.name] = op.apply(env)
        env[op.name].register_hook(lambda g, name=op.name: seen.append(name))
    env[prog.ops[-1].name].backward()
    ops_in_engine_order = [tr.node(nid).name for nid in tr.engine_order if not tr.node(nid).leaf]
    assert seen == ops_in_engine_order


@pytest.mark.parametrize(
    "text, x, parts",
    [
        ("x*x", 0.7, (0.7, 0.7)),  # both inputs of one MulBackward0 are x
        ("sin(x)*x", 0.7, (math.sin(0.7), 0.7 * math.cos(0.7))),  # straight from the product, then through sin
        ("x + x + x", 2.0, (1.0, 1.0, 1.0)),
    ],
)
def test_paths_meeting_at_x_are_added(text, x, parts):
    tr = trace.expression(text, (("x", x),))
    last = tr.backward[-1]
    assert tr.node(last.node).leaf
    assert [v for _, v in last.incoming] == pytest.approx(parts)
    assert last.arriving == pytest.approx(sum(parts)) and last.arriving == tr.grads[0]


def test_the_lessons_quadratic_runs_six_nodes_in_the_engines_order():
    tr = trace.quadratic(Quadratic(1.0, -2.0, 1.0), 0.5)
    assert [tr.node(s.node).name for s in tr.backward] == ["y", "s", "w", "v", "u", "x"]
    assert [tr.node(s.node).op for s in tr.backward] == [
        "AddBackward0", "AddBackward0", "MulBackward0", "MulBackward0", "PowBackward0", "AccumulateGrad"
    ]  # fmt: skip
    assert tr.grads == (-1.0,) and tr.reference == (-1.0,)
    x_step = tr.backward[-1]
    assert [v for _, v in x_step.incoming] == [-2.0, 1.0]  # b, then 2ax: both paths, added
    assert all(c.ok for c in tr.checks) and len(tr.checks) == 4
    assert tr.tangents[0].result == -1.0
    pow_step = tr.backward[4]
    assert pow_step.locals[0].formula == r"2\,x" and pow_step.locals[0].value == 1.0  # from _saved_exponent/self


@pytest.mark.parametrize("a, b, x", [(1.0, -2.0, 0.0), (-5.0, 5.0, 5.0), (0.0, 0.0, -5.0), (5.0, -5.0, -5.0)])
def test_quadratic_at_the_sliders_extremes(a, b, x):
    f = Quadratic(a, b, 1.0)
    tr = trace.quadratic(f, x)
    assert tr.grads[0] == pytest.approx(f.slope(x)) and all(c.ok for c in tr.checks)


def test_two_inputs_and_a_leaf_alone():
    tr = trace.expression("x1*x2 + sin(x1)", (("x1", 0.3), ("x2", -1.2)))
    assert tr.variables == ("x1", "x2")
    assert tr.grads == pytest.approx((-1.2 + math.cos(0.3), 0.3))
    assert [p.result for p in tr.tangents] == pytest.approx(tr.grads)  # one forward pass per input
    only = trace.expression("x", (("x", 2.0),))
    assert [tr_step.node for tr_step in only.backward] == [only.root] and only.grads == (1.0,)


def test_refuses_what_it_cannot_step_through():
    with pytest.raises(ValueError):
        trace.expression("2 + 3", (("x", 1.0),))
    with pytest.raises(ValueError):
        trace.expression("x1 * x2", (("x1", 1.0),))
    with pytest.raises(ValueError):
        trace.quadratic(Quadratic(), math.inf)


# ---- the view: one marked node, one marked line, the chain rule -----------------------------------


@pytest.mark.parametrize("mode", tv.MODES)
def test_every_step_marks_exactly_one_node_and_one_line(mode):
    tr = trace.quadratic(Quadratic(1.0, -2.0, 1.0), 0.0)
    n = tv.count(tr, mode)
    seen = []
    for step in range(n + 1):
        dot = tv.to_dot(tr, mode, step)
        marked = [line for line in dot.splitlines() if "▶" in line]
        code = tv.code(tr, mode, step).splitlines()
        if step == 0:
            assert marked == []
        else:
            assert len(marked) == 1 and "penwidth=3" in marked[0]
            node = tv.current(tr, mode, step)
            assert marked[0].strip().startswith(node)
            line = tr.node(node).line
            assert code[tv.tangent_code(tr)[1][line] if mode == "tangent" else line].startswith("▶ ")
            seen.append(node)
        assert sum(line.startswith("▶") for line in code) <= 1
    assert len(set(seen)) == n  # a different node each step


def test_edges_fill_in_as_the_pass_goes():
    tr = trace.quadratic(Quadratic(1.0, -2.0, 1.0), 0.5)
    labelled = [tv.to_dot(tr, "backward", k).count("label=") for k in range(7)]
    assert labelled == sorted(labelled) and labelled[0] < labelled[-1]
    assert 'label="-2"' in tv.to_dot(tr, "backward", 3)  # b*x sends b = -2 to x


def test_chain_rule_boxes_this_steps_factor_and_ends_with_the_total():
    tr = trace.quadratic(Quadratic(1.0, -2.0, 1.0), 0.5)
    assert r"\boxed{(-2)}" in tv.chain(tr, 3)[-1]
    assert tv.chain(tr, 6)[0].endswith("= -1")  # the sum where the two paths meet
    assert tv.chain(tr, 6)[-1].endswith("= -1")
    assert tv.chain(tr, 0) == ()


# ---- counting passes -----------------------------------------------------------------------------


def test_reverse_needs_one_pass_per_output_forward_one_per_input():
    wide, tall = modes.count_passes(1.0, 2.0)
    assert (wide.inputs, wide.outputs, wide.reverse_passes, wide.forward_passes) == (2, 1, 1, 2)
    assert (tall.inputs, tall.outputs, tall.reverse_passes, tall.forward_passes) == (1, 3, 3, 1)
    for c in (wide, tall):
        flat = [v for row in c.by_reverse for v in row]
        assert flat == pytest.approx([v for row in c.by_forward for v in row])
    assert wide.by_reverse[0] == pytest.approx((2.0 + math.cos(1.0), 1.0))


def test_timed_modes_agree():
    r = modes.time_modes(10)
    assert r.agree and min(r.wide_rev, r.wide_fwd, r.tall_rev, r.tall_fwd) > 0
    with pytest.raises(ValueError):
        modes.time_modes(7)


# ---- the code shown is the code that ran ---------------------------------------------------------------


def _printed(source: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "<shown code>", "exec"), {})  # code this app wrote, from numbers only
    return out.getvalue().strip()


@pytest.mark.parametrize(
    "tr",
    [
        trace.quadratic(Quadratic(1.5, -2.0, 0.5), 0.7),
        trace.expression("sin(x)*x + 2^x", (("x", 0.7),)),
        trace.expression("x1*x2 + sin(x1)", (("x1", 0.3), ("x2", -1.2))),
    ],
    ids=["quadratic", "expression", "two-inputs"],
)
def test_the_code_shown_runs_and_prints_what_was_recorded(tr):
    printed = _printed("\n".join(tr.code))
    grads = [float(part.split("(")[1].split(",")[0].rstrip(")")) for part in printed.split("tensor")[1:]]
    assert grads == pytest.approx(tr.grads, abs=1e-4)  # torch prints 4 decimals
    for seed, tangent in enumerate(tr.tangents):
        lines, _ = tv.tangent_code(tr, seed)
        shown = _printed("\n".join(lines))
        assert float(shown.split("(")[1].split(",")[0].rstrip(")")) == pytest.approx(tangent.result, abs=1e-4)


def test_sessions_may_trace_at_the_same_time():
    """Forward mode's dual levels are global to the process: traces in parallel threads must not collide."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda x: trace.expression("sin(x)*x", (("x", x / 10),)), range(40)))
    assert all(r.tangents[0].result == pytest.approx(r.grads[0]) for r in results)


def test_a_line_that_makes_two_nodes_is_still_recorded():
    """Should an operation of the lab ever record more than one node, the inner one is shown and stepped too."""
    op = trace._Op("y", "2·sin(x)", "torch.sin(x) * 2", ("x",), lambda e: torch.sin(e["x"]) * 2)
    program = trace._Program(("import torch", ""), (("x", 0.5),), (op,), torch.float64)
    tr = trace._record(program, "cpu", lambda e: torch.sin(e["x"]) * 2)
    assert [n.op for n in tr.nodes] == ["AccumulateGrad", "SinBackward0", "MulBackward0"]
    assert tr.grads[0] == tr.reference[0] == pytest.approx(2 * math.cos(0.5))
    assert [s.products[0] for s in tr.backward[:2]] == pytest.approx([2.0, 2 * math.cos(0.5)])
    for step in range(len(tr.backward) + 1):
        tv.to_dot(tr, "backward", step)
        tv.chain(tr, step)


def test_the_stepper_and_the_jacobian_page_do_not_load_torch_dynamo():
    """Forward mode with plain tensors, and torch.func's reverse transforms, import torch._dynamo on first use (some
    40-70 MB a server, for nothing these pages need); the lesson's trace, the timed modes and 1.4 avoid both. (The
    SGD page loads it anyway: torch.optim's Optimizer.__init__ is wrapped by torch._disable_dynamo; and a typed f
    traced in forward mode may, since its numbers stay plain tensors.) In a fresh interpreter."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from autograd_core import Quadratic, modes, trace\n"
        "from autograd_core.jacobian import jacobian_lab\n"
        "trace.quadratic(Quadratic(), 0.5)\n"
        "modes.count_passes(1.0, 2.0); modes.time_modes(100)\n"
        "for act in ('none', 'tanh', 'relu', 'square'):\n"
        "    jacobian_lab(((1.0, 2.0), (0.0, -1.0)), ((1.0,), (0.5,)), ((2.0,), (1.0,)), act)\n"
        "print('torch._dynamo' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=".")
    assert out.stdout.strip() == "False", out.stderr
