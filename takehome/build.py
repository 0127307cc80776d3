"""Build the notebook and the script from a Doc: prose as Markdown (comments in the .py), each Code as a code cell
with what it printed stored as the cell's output, so the notebook opens showing the page's results and a
"Restart & Run All" prints them again."""

from __future__ import annotations

from dataclasses import dataclass

KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


@dataclass(frozen=True)
class Code:
    source: str  # runnable on its own (imports torch itself), comments already in the reader's language
    printed: str  # what running it prints, without the last newline (as the page shows it)
    heading: str = ""  # a Markdown line above the cell, if any


@dataclass(frozen=True)
class Doc:
    title: str
    prose: tuple[str, ...]  # Markdown blocks under the title: objectives, explanation
    cells: tuple[Code, ...]
    footer: str  # where it came from and with which values (Markdown)
    output_label: str = "Output:"  # the .py's comment above each cell's printed output
    lang: str = "en"


def _stdout(printed: str) -> list[dict]:
    """The cell's outputs: one stdout stream, as a kernel would have sent it (print ends with a newline)."""
    return [{"output_type": "stream", "name": "stdout", "text": printed + "\n"}] if printed else []


def notebook(doc: Doc):
    """The Doc as an nbformat v4 notebook node (validated)."""
    import nbformat  # imported on a download only: the app's pages never need it
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    cells = [new_markdown_cell("\n\n".join([f"# {doc.title}", *(p.strip() for p in doc.prose if p.strip())]))]
    for n, code in enumerate(doc.cells, start=1):
        if code.heading:
            cells.append(new_markdown_cell(f"## {code.heading}"))
        outputs = [new_output(**o) for o in _stdout(code.printed)]
        cells.append(new_code_cell(code.source.rstrip("\n"), execution_count=n, outputs=outputs))
    cells.append(new_markdown_cell(doc.footer.strip()))
    nb = new_notebook(cells=cells, metadata={"kernelspec": dict(KERNEL), "language_info": {"name": "python"}})
    nb.metadata["autograd"] = {"lang": doc.lang}
    nbformat.validate(nb)
    return nb


def ipynb(doc: Doc) -> str:
    """The notebook file's text (JSON)."""
    import nbformat

    return nbformat.writes(notebook(doc), version=4)


def _comment(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in text.strip().splitlines())


def _printed(label: str, printed: str) -> str:
    """What a cell printed, as comments under it (indented, so it reads as output, not as prose)."""
    return "\n".join([f"# {label}", *(f"#   {line}".rstrip() for line in printed.splitlines())])


def script(doc: Doc) -> str:
    """A .py that runs top to bottom: the prose as comments, `# %%` before each cell (the percent format that VS
    Code, Spyder and Jupytext read as cells), each cell followed by what it printed, as comments."""
    prose = "\n\n".join([f"# {doc.title}", *(p.strip() for p in doc.prose if p.strip())])
    parts = ["# %% [markdown]\n" + _comment(prose)]
    for code in doc.cells:
        lines = ["# %%"]
        if code.heading:
            lines.append(_comment(code.heading))
        lines.append(code.source.rstrip("\n"))
        if code.printed:
            lines.append(_printed(doc.output_label, code.printed))
        parts.append("\n".join(lines))
    parts.append("# %% [markdown]\n" + _comment(doc.footer))
    return "\n\n\n".join(parts) + "\n"
