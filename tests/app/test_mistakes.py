"""The errors students meet, on demand: each runs for real and shows PyTorch's own message, then why."""

from __future__ import annotations

import pytest

from tests.app.conftest import codes, open_page
from ui.i18n import lookup


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path, messages", [
    ("pages/backward/nonscalar.py", [
        "grad can be implicitly created only for scalar outputs",
        "tensor(-2.) tensor(-2.)",  # y.backward() and y.backward(torch.tensor(1.)) for a scalar y
    ]),
    ("pages/grad/higher_order.py", ["element 0 of tensors does not require grad and does not have a grad_fn"]),
    ("pages/optim/sgd.py", [
        "TypeError: unsupported operand type(s) for *: 'float' and 'NoneType'",
        "a leaf Variable that requires grad is being used in an in-place operation",
        "tensor(0.)\nRuntimeError: one of the variables needed for gradient computation has been modified",
    ]),
])  # fmt: skip
def test_each_mistake_shows_pytorchs_own_message_and_why(path, messages, lang):
    at = open_page(path, lang=lang, reveal="1")
    assert not at.exception, [e.value for e in at.exception]
    shown = "\n".join(codes(at))
    for message in messages:
        assert message in shown, (message, shown[-2000:])
    titles = [e.label for e in at.expander]
    section = "sgd" if "sgd" in path else None
    assert titles and all(title for title in titles)
    if section:
        assert lookup(lang, "mistakes.update_right_title") in titles


def test_leaving_out_zero_grad_piles_the_gradients_up():
    at = open_page("pages/optim/sgd.py", reveal="1", steps="200")
    before = next(c for c in codes(at) if "print(" in c and "optimizer" in c)
    assert "    optimizer.zero_grad()" in before
    at.toggle(key="sgd_no_zero_grad").set_value(True).run()
    assert not at.exception
    code = next(c for c in codes(at) if "print(" in c and "optimizer" in c)
    assert "    # optimizer.zero_grad()" in code
    assert any(lookup("en", "sgd.piled_up") == w.value for w in at.warning)
    printed = [c for c in codes(at) if c.startswith("y= ")]
    assert printed and printed[0] != "y= tensor(0.) ; x= tensor(1.0000)"  # the piled-up run ends elsewhere
