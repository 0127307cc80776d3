"""Record autograd at work: the forward pass op by op, the engine's backward pass node by node, forward mode.

Nothing here re-derives the backward pass. The function is run one operation per line of code; hooks on the real
grad_fn nodes (`Node.register_prehook` / `register_hook`) note, in the order the engine runs them, the gradient each
node receives and what it sends to each input. The local derivatives shown beside them are read from the values the
node saved for backward (`_saved_self`, `_saved_other`, `_saved_exponent`, `_saved_result`, ...). Forward mode pushes
a tangent through the same operations with `torch.autograd.forward_ad` dual numbers.

Two entry points share one recorder: `quadratic` (the lesson's y = a*x**2 + b*x + c) and `expression` (a tree of the
expression lab, from `autograd_core.expression.parse`).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

import torch
import torch.autograd.forward_ad as fwAD

from autograd_core import codegen
from autograd_core import expression as ex
from autograd_core.checks import Check, central_difference, tolerance
from autograd_core.device import checked_device
from autograd_core.expression.evaluate import at_corner
from autograd_core.quadratic import DTYPE, Quadratic, finite

EXPR_DTYPE = torch.float64  # as the expression lab: students' functions can be steep
MAX_LABEL = 28  # characters of a subexpression shown on a graph node
# torch.autograd.forward_ad's dual levels are global to the process, not per thread: two sessions entering
# dual_level() at once would fail with "Nested forward mode AD is not supported". One at a time (a few ms each).
FORWARD_AD = threading.Lock()


# ---- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TraceNode:
    id: str  # "n0", "n1", ... in the order the forward pass made them (leaves first)
    op: str  # PyTorch's class name: PowBackward0, MulBackward0, AccumulateGrad, ...
    name: str  # the variable the code assigns: x, u, v, ..., y
    label: str  # the code that made it, short: "b*x", "x²", "sin(x)"
    line: int  # index into Trace.code of the line that made it
    value: float  # its value in the forward pass
    operands: tuple[str, ...]  # per input slot of the op: a variable's name or a constant's text
    children: tuple[str | None, ...]  # per input slot: the node its gradient goes to (None: a constant)

    @property
    def leaf(self) -> bool:
        return self.op == "AccumulateGrad"


@dataclass(frozen=True)
class Local:
    """∂(node's output)/∂(its input in `slot`), from the op and what it saved for backward."""

    slot: int
    child: str  # the node the input belongs to
    formula: str  # LaTeX in the operands' names, e.g. "2\\,x", "\\cos x"
    value: float


@dataclass(frozen=True)
class BackStep:
    """One node run by the engine."""

    node: str
    incoming: tuple[tuple[str, float], ...]  # (sender id or "seed", gradient) in the order they arrived
    arriving: float  # what the engine handed the node: the sum of `incoming` (read by a pre-hook)
    locals: tuple[Local, ...]  # one per input that takes a gradient
    sent: tuple[float, ...]  # per local: what the node sent down (read by a hook), = arriving * local

    @property
    def products(self) -> tuple[float, ...]:
        return tuple(self.arriving * loc.value for loc in self.locals)


@dataclass(frozen=True)
class TangentStep:
    """One operation in forward mode: tangents of its inputs in, local derivatives, the tangent out."""

    node: str
    tangents_in: tuple[float, ...]  # per local of the node: the tangent its input carried (torch's own)
    locals: tuple[Local, ...]
    tangent: float  # torch's tangent of the output, = sum of local * tangent in

    @property
    def products(self) -> tuple[float, ...]:
        return tuple(loc.value * t for loc, t in zip(self.locals, self.tangents_in, strict=True))


@dataclass(frozen=True)
class TangentPass:
    seed: str  # the input whose tangent starts at 1 (the others at 0)
    steps: tuple[TangentStep, ...]  # one per operation, in forward order
    result: float  # dy/d(seed)


@dataclass(frozen=True)
class Trace:
    code: tuple[str, ...]  # the forward code, one operation per line, then the backward call
    nodes: tuple[TraceNode, ...]  # forward order: leaves, then operations as the code runs them
    root: str  # y's node: where backward starts
    y: float
    variables: tuple[str, ...]  # the leaves, in order
    backward: tuple[BackStep, ...]  # in the order the engine ran the nodes
    grads: tuple[float, ...]  # per variable: .grad after the recorded backward pass
    reference: tuple[float, ...]  # per variable: .grad from y.backward() on the function as written
    tangents: tuple[TangentPass, ...]  # forward mode: one pass per variable
    checks: tuple[Check, ...]
    engine_order: tuple[str, ...]  # node ids in the order the engine's hooks fired (= backward's order)

    def node(self, nid: str) -> TraceNode:
        return next(n for n in self.nodes if n.id == nid)

    @property
    def edges(self) -> tuple[tuple[str, str, int], ...]:
        """(parent, child, slot): gradients flow from parent to child."""
        return tuple((n.id, c, k) for n in self.nodes for k, c in enumerate(n.children) if c is not None)

    def step_of(self, nid: str) -> int:
        """Index in `backward` of the step that runs node `nid`."""
        return next(i for i, s in enumerate(self.backward) if s.node == nid)


# ---- the program: one operation per line ----------------------------------------------------------


@dataclass(frozen=True)
class _Op:
    name: str
    label: str
    code: str  # right-hand side of the code line
    operands: tuple[str, ...]  # per input slot: a value's name or a constant's text
    apply: Callable[[dict[str, torch.Tensor]], torch.Tensor]


@dataclass(frozen=True)
class _Program:
    header: tuple[str, ...]  # import, constants
    leaves: tuple[tuple[str, float], ...]
    ops: tuple[_Op, ...]
    dtype: torch.dtype
    constants: tuple[tuple[str, float], ...] = ()

    def run(self, env: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
        for op in self.ops:
            env[op.name] = op.apply(env)
        return env


def _num(v: float) -> str:
    return repr(round(float(v), 10))


def _leaf_line(name: str, value: float, dtype: torch.dtype) -> str:
    d = "" if dtype == DTYPE else ", dtype=torch.float64"
    return f"{name} = torch.tensor({_num(value)}{d}, requires_grad=True)"


def _quadratic_program(f: Quadratic, x: float) -> _Program:
    ops = (
        _Op("u", "x²", "torch.pow(x, 2)", ("x",), lambda e: torch.pow(e["x"], 2)),
        _Op("v", "a*x²", "a * u", ("a", "u"), lambda e: e["a"] * e["u"]),
        _Op("w", "b*x", "b * x", ("b", "x"), lambda e: e["b"] * e["x"]),
        _Op("s", "a*x² + b*x", "v + w", ("v", "w"), lambda e: e["v"] + e["w"]),
        _Op("y", "a*x² + b*x + c", "s + c", ("s", "c"), lambda e: e["s"] + e["c"]),
    )
    header = (
        "import torch",
        "",
        f"a = torch.tensor({_num(f.a)})",
        f"b = torch.tensor({_num(f.b)})",
        f"c = torch.tensor({_num(f.c)})",
    )
    return _Program(header, (("x", x),), ops, DTYPE, (("a", f.a), ("b", f.b), ("c", f.c)))


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _expression_program(tree: ex.Node, values: dict[str, float]) -> _Program:
    """One line per operation of the tree that depends on a variable; constant parts stay inline."""
    used = ex.variables(tree)
    ops: list[_Op] = []

    def emit(node: ex.Node) -> ex.Node:
        """The node with its variable-dependent children replaced by Var(name of their line); emits the lines."""
        if isinstance(node, ex.Num | ex.Var) or ex.variables(node) == ():
            return node
        if isinstance(node, ex.Neg | ex.Call):
            shallow = replace(node, arg=emit(node.arg))
            parts = (shallow.arg,)
        else:
            shallow = replace(node, left=emit(node.left), right=emit(node.right))
            parts = (shallow.left, shallow.right)
        name = f"u{len(ops) + 1}"
        operands = tuple(p.name if isinstance(p, ex.Var) else ex.to_text(p) for p in parts)
        code = codegen.to_code(shallow)
        ops.append(_Op(name, _short(ex.to_text(node)), code, operands, lambda e, s=shallow: ex.to_torch(s, e)))
        return ex.Var(name)

    emit(tree)
    if ops:
        ops[-1] = replace(ops[-1], name="y")
    return _Program(("import torch", ""), tuple((v, values[v]) for v in used), tuple(ops), EXPR_DTYPE)


# ---- local derivatives from the saved values --------------------------------------------------


def tex(name: str) -> str:
    """u3 -> u_{3}, x1 -> x_{1}; constants as they are."""
    head = name.rstrip("0123456789")
    return f"{head}_{{{name[len(head) :]}}}" if head and head != name and head.isalpha() else name


def _saved(fn, attr: str):
    try:
        return getattr(fn, attr)
    except (AttributeError, RuntimeError):
        return None


def _f(v) -> float:
    return float(v.detach().double().cpu()) if isinstance(v, torch.Tensor) else float(v)


def _local(fn, slot: int, operands: tuple[str, ...]) -> tuple[str, float] | None:
    """(LaTeX, value) of the op's derivative by its input `slot`, from what it saved; None for an unknown op."""
    op = type(fn).__name__
    o = [tex(p) for p in operands]
    a = o[0] if o else ""
    s, other, res = _saved(fn, "_saved_self"), _saved(fn, "_saved_other"), _saved(fn, "_saved_result")
    alpha = _saved(fn, "_saved_alpha")
    if op == "AddBackward0":
        return ("1", 1.0) if slot == 0 else (f"{_f(alpha):g}" if alpha not in (None, 1) else "1", _f(alpha or 1))
    if op == "SubBackward0":
        return ("1", 1.0) if slot == 0 else ("-1", -_f(alpha or 1))
    if op == "MulBackward0":
        return (o[1], _f(other)) if slot == 0 else (o[0], _f(s))
    if op == "DivBackward0":
        if slot == 0:
            return (rf"\frac{{1}}{{{o[1]}}}", _f(1 / other))
        return (rf"-\frac{{{o[0]}}}{{{o[1]}^2}}", _f(-(s / other) / other))
    if op == "NegBackward0":
        return ("-1", -1.0)
    if op == "PowBackward0":
        e = _f(_saved(fn, "_saved_exponent"))
        value = 0.0 if e == 0 else _f(e * s.pow(e - 1))
        return (rf"{e:g}\,{a}" if e == 2 else rf"{e:g}\,{a}^{{{e - 1:g}}}", value)
    if op == "PowBackward1":
        e = _saved(fn, "_saved_exponent")
        if slot == 0:
            value = torch.where(e == 0, torch.zeros_like(s), e * s.pow(e - 1))
            return (rf"{o[1]}\,{a}^{{{o[1]} - 1}}", _f(value))
        value = torch.where((s == 0) & (e >= 0), torch.zeros_like(res), res * torch.log(s))
        return (rf"{a}^{{{o[1]}}}\,\ln {a}", _f(value))
    unary = {
        "SinBackward0": (rf"\cos {a}", lambda: torch.cos(s)),
        "CosBackward0": (rf"-\sin {a}", lambda: -torch.sin(s)),
        "TanBackward0": (rf"1 + \tan^2 {a}", lambda: 1 + res.pow(2)),
        "ExpBackward0": (rf"e^{{{a}}}", lambda: res),
        "LogBackward0": (rf"\frac{{1}}{{{a}}}", lambda: 1 / s),
        "SqrtBackward0": (rf"\frac{{1}}{{2\sqrt{{{a}}}}}", lambda: 1 / (2 * res)),
        "AbsBackward0": (rf"\operatorname{{sign}}({a})", lambda: torch.sgn(s)),
        "TanhBackward0": (rf"1 - \tanh^2 {a}", lambda: 1 - res.pow(2)),
        "SigmoidBackward0": (rf"\sigma({a})\,(1 - \sigma({a}))", lambda: res * (1 - res)),
        "ReluBackward0": (rf"[{a} > 0]", lambda: (res > 0).to(res.dtype)),
    }
    if op in unary:
        formula, value = unary[op]
        return formula, _f(value())
    return None


def _locals(fn, node: TraceNode) -> tuple[Local, ...]:
    out = []
    for k, child in enumerate(node.children):
        if child is None:
            continue
        found = _local(fn, k, node.operands)
        out.append(Local(k, child, *(found or ("?", math.nan))))
    return tuple(out)


# ---- the recorder --------------------------------------------------------------------------------


def _leaf_tensors(p: _Program, device) -> dict[str, torch.Tensor]:
    env = {n: torch.tensor(float(v), dtype=p.dtype, device=device) for n, v in p.constants}
    for name, v in p.leaves:
        env[name] = torch.tensor(float(v), dtype=p.dtype, device=device, requires_grad=True)
    return env


def _unseen_below(fn, seen: dict[int, str]) -> list:
    """The nodes under `fn` (not `fn` itself) that are not in `seen`, inputs before the nodes that use them."""
    out: list = []
    found: set[int] = set()

    def visit(node) -> None:
        for nxt, _ in node.next_functions:
            if nxt is not None and id(nxt) not in seen and id(nxt) not in found:
                found.add(id(nxt))
                visit(nxt)
                out.append(nxt)

    visit(fn)
    return out


def _check(quantity: str, method: str, got, ref) -> Check:
    got, ref = tuple(float(v) for v in got), tuple(float(v) for v in ref)
    return Check(quantity, method, got, ref, tolerance(ref))


def _record(p: _Program, device, reference: Callable[[dict[str, torch.Tensor]], torch.Tensor]) -> Trace:
    """Run `p` one op per line with hooks on every grad_fn; `reference` computes y as written, for the check."""
    device = checked_device(device)
    env = _leaf_tensors(p, device)
    names = [n for n, _ in p.leaves]
    line_of = {n: len(p.header) + i for i, n in enumerate(names)}
    first_op_line = len(p.header) + len(names) + 1  # a blank line after the leaves
    for i, op in enumerate(p.ops):
        line_of[op.name] = first_op_line + i

    # forward, one op at a time; the leaves' AccumulateGrad nodes are their gradient edges
    fns: dict[int, object] = {}  # id(grad_fn) -> node id
    objs: dict[str, object] = {}
    raw: list[dict] = []

    def add(fn, **fields) -> str:
        nid = f"n{len(raw)}"
        fns[id(fn)], objs[nid] = nid, fn
        raw.append({"id": nid, "op": type(fn).__name__, **fields})
        return nid

    for name in names:
        leaf = env[name]
        add(torch.autograd.graph.get_gradient_edge(leaf).node, name=name, label=name, line=line_of[name],
            value=_f(leaf), operands=())  # fmt: skip
    p.run(env)  # the whole forward pass, op by op (also gives the values)
    for op in p.ops:
        out = env[op.name]
        fn = out.grad_fn
        if fn is None or id(fn) in fns:
            continue
        for k, inner in enumerate(_unseen_below(fn, fns)):  # should a line make more than one node: its others
            operands = tuple("?" for _ in inner.next_functions)
            add(inner, name=f"{op.name}_{k + 1}", label=op.label, line=line_of[op.name], value=math.nan,
                operands=operands)  # fmt: skip
        operands = op.operands if len(op.operands) == len(fn.next_functions) else ("?",) * len(fn.next_functions)
        add(fn, name=op.name, label=op.label, line=line_of[op.name], value=_f(out), operands=operands)
    y = env[p.ops[-1].name] if p.ops else env[names[0]]
    if not y.requires_grad:
        raise ValueError("the function does not depend on a variable: nothing to differentiate")

    nodes: list[TraceNode] = []
    for r in raw:
        fn = objs[r["id"]]
        children = tuple(fns.get(id(nxt)) if nxt is not None else None for nxt, _ in fn.next_functions)
        nodes.append(TraceNode(children=children, **r))
    by_id = {n.id: n for n in nodes}
    locals_of = {n.id: _locals(objs[n.id], n) for n in nodes}  # read before backward frees the saved values

    # backward with hooks: the engine's own order, what each node receives and sends
    order: list[str] = []
    arriving: dict[str, float] = {}
    sent: dict[str, tuple[float, ...]] = {}
    incoming: dict[str, list[tuple[str, float]]] = {n.id: [] for n in nodes}
    root = fns[id(torch.autograd.graph.get_gradient_edge(y).node)]
    incoming[root].append(("seed", 1.0))

    def prehook(nid):
        def hook(grad_outputs):
            order.append(nid)
            arriving[nid] = _f(grad_outputs[0]) if grad_outputs[0] is not None else 0.0

        return hook

    def posthook(nid):
        def hook(grad_inputs, grad_outputs):
            node = by_id[nid]
            got = []
            for k, child in enumerate(node.children):
                if child is not None:
                    g = grad_inputs[k]
                    v = _f(g) if g is not None else 0.0
                    got.append(v)
                    incoming[child].append((nid, v))
            sent[nid] = tuple(got)

        return hook

    handles = []
    for n in nodes:
        handles.append(objs[n.id].register_prehook(prehook(n.id)))
        handles.append(objs[n.id].register_hook(posthook(n.id)))
    try:
        y.backward()
    finally:
        for h in handles:
            h.remove()
    steps = tuple(
        BackStep(nid, tuple(incoming[nid]), arriving[nid], locals_of[nid], sent.get(nid, ())) for nid in order
    )
    grads = tuple(_f(env[n].grad) if env[n].grad is not None else 0.0 for n in names)

    # the function as written, differentiated by a plain y.backward()
    ref_env = _leaf_tensors(p, device)
    y_ref = reference(ref_env)
    y_ref.backward()
    ref = tuple(_f(ref_env[n].grad) if ref_env[n].grad is not None else 0.0 for n in names)

    tangents = tuple(_tangent_pass(p, device, seed, nodes, locals_of) for seed in names)
    checks = [
        _check(f"{n}.grad", "stepper.method_backward", [g], [r]) for n, g, r in zip(names, grads, ref, strict=True)
    ]
    for tp, g in zip(tangents, grads, strict=True):
        checks.append(_check(f"dy/d{tp.seed}", "stepper.method_forward", [tp.result], [g]))
    trace = Trace(
        code=(*p.header, *(_leaf_line(n, v, p.dtype) for n, v in p.leaves), "",
              *(f"{op.name} = {op.code}" for op in p.ops), "y.backward()" if p.ops else f"{names[0]}.backward()",
              "print(" + ", ".join(f"{n}.grad" for n in names) + ")"),
        nodes=tuple(nodes), root=root, y=_f(y), variables=tuple(names), backward=steps, grads=grads, reference=ref,
        tangents=tangents, checks=tuple(checks), engine_order=tuple(order),
    )  # fmt: skip
    return trace


def _tangent_pass(p: _Program, device, seed: str, nodes: list[TraceNode], locals_of) -> TangentPass:
    """Forward mode: x's tangent starts at 1 (the other inputs' at 0) and every op carries it forward."""
    by_name = {n.name: n for n in nodes}
    steps = []
    with FORWARD_AD, fwAD.dual_level():
        # constants carry an explicit zero tangent: with none, torch 2.13 multiplies through its ZeroTensor path,
        # whose Python reference imports torch._dynamo on first use (~45 MB a server) for the same numbers
        env = {}
        for n, v in p.constants:
            c = torch.tensor(float(v), dtype=p.dtype, device=device)
            env[n] = fwAD.make_dual(c, torch.zeros_like(c))
        for name, v in p.leaves:
            primal = torch.tensor(float(v), dtype=p.dtype, device=device)
            env[name] = fwAD.make_dual(primal, torch.full_like(primal, 1.0 if name == seed else 0.0))

        def tangent(t: torch.Tensor) -> float:
            tan = fwAD.unpack_dual(t).tangent
            return 0.0 if tan is None else _f(tan)

        for op in p.ops:
            env[op.name] = op.apply(env)
            node = by_name.get(op.name)
            if node is None:
                continue
            locs = locals_of[node.id]
            t_in = tuple(tangent(env[o]) if (o := node.operands[loc.slot]) in env else math.nan for loc in locs)
            steps.append(TangentStep(node.id, t_in, locs, tangent(env[op.name])))
        y = env[p.ops[-1].name] if p.ops else env[seed]
        result = tangent(y)
    return TangentPass(seed, tuple(steps), result)


# ---- entry points ----------------------------------------------------------------------------------


def quadratic(f: Quadratic, x: float, device: torch.device | str = "cpu") -> Trace:
    """The lesson's y = a*x**2 + b*x + c at x, forward and backward, node by node; checked against y.backward(),
    the closed form 2ax + b and a finite difference."""
    x = finite("x", x)
    tr = _record(_quadratic_program(f, x), device, lambda e: f(e["x"]))
    more = (
        _check("x.grad", "closed_form", tr.grads, [f.slope(x)]),
        _check("x.grad", "finite_difference", tr.grads, [central_difference(f.value, x)]),
    )
    return replace(tr, checks=tr.checks + more)


def expression(tree: ex.Node | str, values: tuple[tuple[str, float], ...] = (("x", 0.5),), device="cpu") -> Trace:
    """A tree (or text) of the expression lab at `values` ((name, value) pairs for x, x1, x2), node by node.

    ValueError when a variable has no value or the expression has no variable (nothing to differentiate)."""
    tree = ex.parse(tree) if isinstance(tree, str) else tree
    env = {k: finite(k, v) for k, v in values}
    used = ex.variables(tree)
    if not used:
        raise ValueError("the function does not depend on a variable: nothing to differentiate")
    missing = [v for v in used if v not in env]
    if missing:
        raise ValueError(f"no value for {', '.join(missing)}")
    tr = _record(_expression_program(tree, env), device, lambda e: ex.to_torch(tree, e))
    corner = at_corner(tree, env)
    checks = []
    for name, g in zip(tr.variables, tr.grads, strict=True):

        def along(v: float, name=name) -> float:
            point = {k: torch.tensor(env[k], dtype=torch.float64) for k in used}
            point[name] = torch.tensor(v, dtype=torch.float64)
            return float(ex.to_torch(tree, point))

        fd = central_difference(along, env[name], 1e-6)
        if math.isfinite(fd) and math.isfinite(g):
            check = _check(f"{name}.grad", "finite_difference", [g], [fd])
            # at a corner of abs or relu a finite difference straddles the kink: nothing to compare there
            checks.append(replace(check, not_applicable="corner") if corner else check)
    return replace(tr, checks=tr.checks + tuple(checks))
