"""Counts of what the reliability suites did, printed at the end of the test session."""

from __future__ import annotations

import threading
from collections import Counter

_lock = threading.Lock()
_counts: Counter[str] = Counter()

LABELS = {
    "faults": "faults injected (429, 500, dropped connection, lost reply)",
    "scope_refusals": "runs with a token lacking a needed scope",
    "reruns": "programs rerun to convergence",
    "inputs": "check() inputs tried",
    "scans": "secret scans (texts scanned)",
    "secret_values": "secret values looked for (sum over scans)",
    "throttled": "429 answers absorbed by the client",
}


def add(name: str, amount: int = 1) -> None:
    """Count ``amount`` more of ``name``."""
    with _lock:
        _counts[name] += amount


def get(name: str) -> int:
    """The count of ``name`` so far."""
    with _lock:
        return _counts[name]


def summary() -> list[str]:
    """One line per non-zero count."""
    with _lock:
        counts = dict(_counts)
    return [f"{LABELS.get(name, name)}: {value}" for name, value in sorted(counts.items()) if value]
