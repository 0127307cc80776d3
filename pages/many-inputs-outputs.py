"""Cold-start hand-over for /many-inputs-outputs (see ui/cold_start.py)."""

from ui.cold_start import run_frame

run_frame()
