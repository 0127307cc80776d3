"""Take it home: what a page ran, as a Jupyter notebook (nbformat v4) and as a .py script.

Pure Python, no Streamlit and nothing of this app: the caller passes every text already in the reader's language
and every code cell as the page shows it (comments in that language) with what it printed."""

from takehome.build import Code, Doc, ipynb, notebook, script

__all__ = ["Code", "Doc", "ipynb", "notebook", "script"]
