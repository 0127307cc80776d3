"""Why pages/<url>.py files exist, and what they do: hand a cold deep link over to the frame.

Until app.py has called st.navigation once, a freshly started Streamlit server treats pages/ as an
old-style pages folder and looks for pages/<url path>.py. Without such a file the first visitor of a
shared link gets a modal "Page not found" dialog that blocks the page. Each pages/<url>.py only calls
run_frame(): app.py runs, draws the sidebar, reads the URL and routes to the real page script.
"""

from __future__ import annotations

import runpy
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def run_frame() -> None:
    runpy.run_path(str(APP), run_name="__main__")
