"""Pure PyTorch computations behind each section of the autograd lesson (no Streamlit here)."""

from autograd_core.backward import (
    Equivalence,
    NonScalarBackward,
    ScalarBackward,
    equivalence,
    nonscalar_backward,
    scalar_backward,
)
from autograd_core.device import DeviceChoice, resolve_device
from autograd_core.expression import analyze_expression, minimize_expression, partials_expression
from autograd_core.grad import ManyInOut, SecondDerivative, many_in_out, second_derivative
from autograd_core.optimize import (
    Comparison,
    Sweep,
    Trajectory,
    compare_optimizers,
    minimize_sgd,
    sweep_lr,
)
from autograd_core.pitfalls import accumulation, freed_graph, nonleaf_grad
from autograd_core.quadratic import Quadratic

__all__ = [
    "Comparison",
    "DeviceChoice",
    "Equivalence",
    "ManyInOut",
    "NonScalarBackward",
    "Quadratic",
    "ScalarBackward",
    "SecondDerivative",
    "Sweep",
    "Trajectory",
    "accumulation",
    "analyze_expression",
    "compare_optimizers",
    "equivalence",
    "freed_graph",
    "many_in_out",
    "minimize_expression",
    "minimize_sgd",
    "nonleaf_grad",
    "nonscalar_backward",
    "partials_expression",
    "resolve_device",
    "scalar_backward",
    "second_derivative",
    "sweep_lr",
]
