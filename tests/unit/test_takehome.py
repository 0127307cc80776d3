"""The take-home builders (pure): a Doc becomes a valid notebook and a .py whose prose and outputs are comments.
That each page's notebook runs and prints what the page printed is tests/app/test_notebooks.py."""

from __future__ import annotations

import ast
import json

import nbformat

import takehome

DOC = takehome.Doc(
    title="1.3 · Title",
    prose=("**You can:**\n\n- one\n- two", "An *explanation*\nover two lines.", "  "),
    cells=(
        takehome.Code("import torch\nprint(torch.tensor(1.0))\n", "tensor(1.)", "First way"),
        takehome.Code("import torch\nx = torch.ones(2)\n", ""),
        takehome.Code("import torch\nprint('  a\\n    b')\n", "  a\n    b"),
    ),
    footer="Generated with `a=1`.",
    output_label="Output:",
    lang="en",
)


def test_notebook_has_title_prose_cells_with_outputs_and_footer():
    nb = takehome.notebook(DOC)
    nbformat.validate(nb)
    kinds = [c.cell_type for c in nb.cells]
    assert kinds == ["markdown", "markdown", "code", "code", "code", "markdown"]
    assert nb.cells[0].source == "# 1.3 · Title\n\n**You can:**\n\n- one\n- two\n\nAn *explanation*\nover two lines."
    assert nb.cells[1].source == "## First way"
    first, silent, spaced = nb.cells[2:5]
    assert first.source == "import torch\nprint(torch.tensor(1.0))"
    assert [(o.output_type, o.name, o.text) for o in first.outputs] == [("stream", "stdout", "tensor(1.)\n")]
    assert silent.outputs == []  # prints nothing: no empty output
    assert spaced.outputs[0].text == "  a\n    b\n"  # leading spaces are part of the output
    assert nb.cells[-1].source == "Generated with `a=1`."
    assert nb.metadata.kernelspec.name == "python3" and nb.metadata.autograd.lang == "en"


def test_ipynb_is_nbformat_4_json():
    data = json.loads(takehome.ipynb(DOC))
    assert data["nbformat"] == 4
    nbformat.validate(nbformat.reads(json.dumps(data), as_version=4))


def test_script_is_python_with_prose_and_outputs_as_comments():
    script = takehome.script(DOC)
    ast.parse(script)
    code_lines = {line for c in DOC.cells for line in c.source.splitlines()}
    for line in script.splitlines():
        assert not line or line.startswith("#") or line in code_lines, line
    assert script.count("\n# %%\n") == len(DOC.cells) and script.count("# %% [markdown]") == 2
    assert "# # 1.3 · Title\n#\n# **You can:**" in script
    assert "# First way\nimport torch" in script
    assert "print(torch.tensor(1.0))\n# Output:\n#   tensor(1.)\n" in script
    assert "# Output:\n#     a\n#       b\n" in script
    assert "x = torch.ones(2)\n\n\n# %%" in script  # nothing printed: no output comment
    assert script.rstrip().endswith("# Generated with `a=1`.")
