"""Take it home: every page that runs code offers its notebook and .py; run in a local kernel, each notebook prints
exactly what the page printed.

For each page the real page runs (AppTest, reveal=1) at its defaults and at other values (some in Chinese); the
Doc it hands to the download buttons is caught, its code and output are checked against what the page shows, and
its notebook is executed with nbclient in a fresh ipykernel (one kernel per page: the default notebook first, so it
runs from a fresh start, then the others, then each .py as a whole)."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbclient import NotebookClient

import takehome
from tests.app.conftest import codes, open_page
from ui import takehome as offer

# section: (page, [URL values]); the first is the defaults, the others move every value the code is written from
CASES = {
    "scalar": ("pages/backward/scalar.py", [{}, {"a": "0.5", "b": "1.3", "c": "-0.7", "x": "1.3", "lang": "zh"}]),
    "nonscalar": ("pages/backward/nonscalar.py", [{}, {"xmat": "0,-1.5,2;1,2,3.5", "gmat": "1,0.5,2;0,-1,1"}]),
    "equivalence": ("pages/backward/equivalence.py", [{}, {"a": "-1", "xmat": "1;2;3", "gmat": "0.5;-1;2"}]),
    "jacobian": ("pages/backward/jacobian.py",
                 [{}, {"act": "tanh", "wmat": "1,0.5;-2,1;0,3", "xvec": "0.5;-1", "vvec": "1;0;2", "lang": "zh"}]),
    "second": ("pages/grad/higher_order.py", [{}, {"a": "2.5", "b": "0", "x": "-2.2"}]),
    "many": ("pages/grad/many_in_out.py", [{}, {"x1": "-0.3", "x2": "4.1", "lang": "zh"}]),
    "stepper": ("pages/grad/backward_steps.py", [{}, {"a": "-1.5", "x": "2.4"}]),
    "sgd": ("pages/optim/sgd.py", [{}, {"x0": "2", "lr": "0.05", "steps": "120", "momentum": "0.5", "lang": "zh"}]),
    "expr": ("pages/labs/expression.py", [{}, {"f": "sin(x)*x^2", "x": "0.7"}, {"f": "x1*x2 + exp(x1)"}]),
    "gradcheck": ("pages/labs/gradcheck.py", [{}, {"f": "abs(x)", "xc": "0", "h": "1e-3", "lang": "zh"}]),
}  # fmt: skip
SHOWS_NO_OUTPUT = {"stepper"}  # 2.3 shows 1.1's code only; its notebook adds what that code prints
APP_PACKAGES = re.compile(r"^\s*(from|import)\s+(autograd_core|charts|ui|takehome|pages|tests)\b", re.M)


def run_page(monkeypatch, path: str, query: dict[str, str]):
    """The page at these values with every result shown, and the Doc it offered for download."""
    offered = []

    def document(section, runs):
        offered.append(real(section, runs))
        return offered[-1]

    real = offer.document
    monkeypatch.setattr(offer, "document", document)
    at = open_page(path, reveal="1", **query)
    monkeypatch.setattr(offer, "document", real)
    assert not at.exception, at.exception
    assert offered, f"{path} {query}: no download offered"
    return at, offered[-1]


def stdout(cell) -> str:
    assert not [o for o in cell.outputs if o.output_type == "error"], cell.outputs
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


@pytest.mark.parametrize("section", CASES)
def test_each_pages_notebook_prints_what_the_page_printed(monkeypatch, section):
    path, queries = CASES[section]
    merged, expected = nbformat.v4.new_notebook(metadata={"kernelspec": dict(takehome.build.KERNEL)}), []
    for query in queries:
        at, doc = run_page(monkeypatch, path, query)
        shown = codes(at)
        keys = {b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")}
        assert {f"{section}_download_ipynb", f"{section}_download_py"} <= keys
        assert doc.cells and doc.lang == query.get("lang", "en")
        for cell in doc.cells:
            assert cell.source.rstrip("\n") in shown, "the notebook holds the code the page shows"
            assert section in SHOWS_NO_OUTPUT or cell.printed in shown, "and what the page printed"
            assert "# @" not in cell.source, "comment markers are replaced by sentences"
        nb = takehome.notebook(doc)  # validated against nbformat's schema
        assert json.loads(takehome.ipynb(doc))["nbformat"] == 4
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        assert [c.outputs[0].text if c.outputs else "" for c in code_cells] == [
            f"{c.printed}\n" if c.printed else "" for c in doc.cells
        ]  # the notebook opens with the page's outputs
        assert not any(APP_PACKAGES.search(c.source) for c in code_cells), "self-contained: torch only"
        assert all("import torch" in c.source for c in code_cells)
        assert nb.cells[0].source.startswith(f"# {doc.title}") and doc.footer in nb.cells[-1].source
        for name, value in query.items():
            if name != "lang":
                assert f"{name}={value}" in doc.footer, "the footer names the values the code was written for"
        if "x1 = torch" in doc.cells[0].source:  # f(x1, x2): the sidebar's x is not one of its values
            assert "`x=" not in doc.footer
        script = takehome.script(doc)
        assert all(line.startswith("#") for line in script.split("\n# %%\n")[0].splitlines() if line)
        merged.cells += [*code_cells, nbformat.v4.new_code_cell(script)]
        expected += [f"{c.printed}\n" if c.printed else "" for c in doc.cells]
        expected.append("".join(f"{c.printed}\n" for c in doc.cells if c.printed))  # the .py prints them all
    NotebookClient(merged, kernel_name="python3", timeout=300).execute()
    assert [stdout(c) for c in merged.cells] == expected


def test_chinese_notebook_is_in_chinese(monkeypatch):
    _, doc = run_page(monkeypatch, "pages/backward/scalar.py", {"lang": "zh"})
    text = json.loads(takehome.ipynb(doc))
    markdown = "".join("".join(c["source"]) for c in text["cells"] if c["cell_type"] == "markdown")
    source = "".join("".join(c["source"]) for c in text["cells"] if c["cell_type"] == "code")
    assert "1.1" in markdown and "标量" in markdown and "PyTorch" in markdown
    assert re.search(r"#[^\n]*[\u4e00-\u9fff]", source), "the code's comments are in Chinese"
    script = takehome.script(doc)
    assert "# 输出：" in script and "#   tensor(-2.)" in script


def test_downloads_wait_until_the_questions_are_answered():
    at = open_page("pages/backward/scalar.py")
    assert not at.get("download_button"), "the notebook holds the answers"
    for key in ("scalar_quiz_reveal", "scalar_quiz2_reveal"):
        at.button(key=key).click().run()
    labels = sorted(b.label for b in at.get("download_button"))
    assert labels == ["Notebook (.ipynb)", "Python script (.py)"]
