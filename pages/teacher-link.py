"""Cold-start hand-over for /teacher-link (see ui/cold_start.py)."""

from ui.cold_start import run_frame

run_frame()
