"""Pick the torch device: `auto` tries CUDA, then Apple MPS, then CPU; a missing device falls back."""

from __future__ import annotations

from dataclasses import dataclass

import torch

CHOICES = ("auto", "cpu", "cuda", "mps")


@dataclass(frozen=True)
class DeviceChoice:
    requested: str
    device: torch.device
    reason: str | None = None  # why the device differs from the request, None when it does not

    @property
    def fell_back(self) -> bool:
        return self.reason is not None


def checked_device(device: torch.device | str) -> torch.device:
    """torch.device(device) for one of the app's device kinds; ValueError for anything else."""
    try:
        d = torch.device(device)
    except (RuntimeError, TypeError):
        raise ValueError(f"unknown device {device!r}") from None
    if d.type not in CHOICES:
        raise ValueError(f"unknown device {device!r}")
    return d


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps is not None and mps.is_available())


def available() -> dict[str, bool]:
    """Which concrete devices this machine has."""
    return {"cpu": True, "cuda": torch.cuda.is_available(), "mps": _mps_available()}


def resolve_device(requested: str = "auto") -> DeviceChoice:
    """Turn a device name into a usable torch.device, with the reason when it had to fall back."""
    name = str(requested).strip().lower()
    have = available()
    if name == "auto":
        best = "cuda" if have["cuda"] else "mps" if have["mps"] else "cpu"
        return DeviceChoice("auto", torch.device(best))
    if name not in CHOICES:
        return DeviceChoice(name, torch.device("cpu"), f"unknown device {requested!r}; using the CPU")
    if not have[name]:
        return DeviceChoice(name, torch.device("cpu"), f"{name} is not available on this machine; using the CPU")
    return DeviceChoice(name, torch.device(name))
