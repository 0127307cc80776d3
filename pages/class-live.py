"""Cold-start hand-over for /class-live (see ui/cold_start.py)."""

from ui.cold_start import run_frame

run_frame()
