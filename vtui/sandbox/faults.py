"""Injected faults: latency, 5xx, 429 with Retry-After, dropped connections.

A fault fires for the next `count` matching requests, or for a `rate` fraction of them
(drawn from a seeded generator, so a test run is repeatable), optionally only for a path
prefix, a method and an operationId (`list-customers`…). Faults apply to /v1 only; the
control routes always answer.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import asdict, dataclass
from typing import Any

KINDS = ("latency", "error", "rate_limit", "drop")


@dataclass
class Fault:
    id: str
    kind: str
    status: int = 500
    latency_ms: int = 0
    retry_after: int = 1
    rate: float = 1.0
    count: int | None = None
    path: str | None = None
    method: str | None = None
    operation: str | None = None

    def applies_to(self, method: str, path: str, operation: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        if self.operation is not None and self.operation != operation:
            return False
        return self.path is None or path.startswith(self.path)


def _number(spec: dict[str, Any], key: str, kind: type, low: float, high: float) -> Any:
    value = spec[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} must be a number")
    if kind is int and not isinstance(value, int):
        raise ValueError(f"{key} must be an integer")
    if not low <= value <= high:
        raise ValueError(f"{key} must be between {low:g} and {high:g}")
    return value


class FaultBoard:
    """The active faults, and how many requests they have hit."""

    def __init__(self, seed: int = 0) -> None:
        self._faults: list[Fault] = []
        self._rng = random.Random(seed)
        self._ids = itertools.count(1)
        self.injected = 0

    def add(self, spec: Any) -> Fault:
        """A fault from its JSON description; ValueError with a clear message when invalid."""
        if not isinstance(spec, dict):
            raise ValueError("a fault is a JSON object")
        unknown = set(spec) - {
            "kind",
            "status",
            "latency_ms",
            "retry_after",
            "rate",
            "count",
            "path",
            "method",
            "operation",
        }
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        fault = Fault(id=f"fault_{next(self._ids)}", kind=kind)
        if "status" in spec:
            fault.status = _number(spec, "status", int, 500, 599)
        if "latency_ms" in spec:
            fault.latency_ms = _number(spec, "latency_ms", int, 0, 120_000)
        if "retry_after" in spec:
            fault.retry_after = _number(spec, "retry_after", int, 0, 3600)
        if "rate" in spec:
            fault.rate = float(_number(spec, "rate", float, 0, 1))
        if spec.get("count") is not None:
            fault.count = _number(spec, "count", int, 1, 1_000_000)
        for key in ("path", "method", "operation"):
            value = spec.get(key)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{key} must be a string")
        fault.path = spec.get("path")
        fault.operation = spec.get("operation")
        fault.method = spec["method"].upper() if spec.get("method") else None
        if kind == "latency" and "latency_ms" not in spec:
            raise ValueError("a latency fault needs latency_ms")
        self._faults.append(fault)
        return fault

    def clear(self) -> None:
        self._faults.clear()

    def describe(self) -> list[dict[str, Any]]:
        return [asdict(fault) for fault in self._faults]

    def draw(self, method: str, path: str, operation: str) -> list[Fault]:
        """The faults that fire for this request (counted faults are used up)."""
        fired: list[Fault] = []
        for fault in list(self._faults):
            if not fault.applies_to(method, path, operation):
                continue
            if fault.count is not None:
                fault.count -= 1
                if fault.count <= 0:
                    self._faults.remove(fault)
            elif fault.rate < 1.0 and self._rng.random() >= fault.rate:
                continue
            fired.append(fault)
        self.injected += len(fired)
        return fired
