"""Cold-start hand-over for /expression-lab (see ui/cold_start.py)."""

from ui.cold_start import run_frame

run_frame()
