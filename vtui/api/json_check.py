"""What the client refuses to send: values JSON cannot carry faithfully.

`NaN` and infinities are not JSON (the standard library would write them, pydantic would
turn them into null); a lone UTF-16 surrogate cannot be encoded as UTF-8; and a body
nested deeper than `MAX_DEPTH` levels is refused by the API's emulator and risks the
encoder's recursion limit. Each refusal is an `UnsendableValueError` naming the field:
`metadata.score: NaN cannot be sent as JSON`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from vtui.api.errors import UnsendableValueError

MAX_DEPTH = 32
"""The deepest nesting a body may have; the body's own object or array is level 1."""

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def encode_checked(body: Any, *, default: Callable[[Any], Any] | None = None) -> bytes:
    """`body` as compact UTF-8 JSON, or UnsendableValueError naming the bad field.

    The common case runs at C speed (json.dumps, encode, a regex); only a body that fails
    is walked in Python to name the field. `default` is json.dumps's, for other types.
    """
    try:
        text = json.dumps(
            body, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=default
        )
        data = text.encode()
        too_deep = _depth(text) > MAX_DEPTH
    except (ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        check_sendable(body)
        raise
    if too_deep:
        check_sendable(body)
    return data


def _depth(text: str) -> int:
    """The deepest nesting in JSON text (strings, which may hold brackets, skipped)."""
    if text.count("{") + text.count("[") <= MAX_DEPTH:
        return 0  # too few containers to nest too deep
    brackets = _BRACKET.findall(_STRING.sub("", text))
    return max(accumulate(1 if ch in "[{" else -1 for ch in brackets), default=0)


def check_sendable(value: Any, path: str = "", depth: int = 1) -> None:
    """Raise UnsendableValueError for a value in `value` that JSON cannot carry.

    `value` may hold dicts, lists, tuples and pydantic models; `path` and `depth` place it
    inside a larger body (an item of a bulk array is at `[3]`, depth 2).
    """
    from pydantic import BaseModel

    stack: list[tuple[Any, str, int]] = [(value, path, depth)]
    while stack:
        item, where, level = stack.pop()
        if isinstance(item, BaseModel):
            fields = dict(item)
            item = {
                name: fields[name] for name in item.model_fields_set | set(item.model_extra or {})
            }
        if isinstance(item, dict):
            _check_depth(where, level)
            for key, child in item.items():
                name = _join(where, _shown(str(key)))
                code = _lone_surrogate(key) if isinstance(key, str) else None
                if code is not None:
                    raise UnsendableValueError(
                        name, f"the key holds a lone surrogate {code}, which is not UTF-8"
                    )
                stack.append((child, name, level + 1))
        elif isinstance(item, list | tuple):
            _check_depth(where, level)
            stack.extend((child, f"{where}[{i}]", level + 1) for i, child in enumerate(item))
        elif isinstance(item, str):
            code = _lone_surrogate(item)
            if code is not None:
                raise UnsendableValueError(
                    where, f"a lone surrogate {code} cannot be sent as JSON (not UTF-8)"
                )
        elif isinstance(item, float) and not math.isfinite(item):
            shown = "NaN" if math.isnan(item) else ("Infinity" if item > 0 else "-Infinity")
            raise UnsendableValueError(where, f"{shown} cannot be sent as JSON")


def _check_depth(where: str, level: int) -> None:
    if level > MAX_DEPTH:
        raise UnsendableValueError(
            where, f"nested deeper than {MAX_DEPTH} levels, more than the API takes"
        )


def _lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in `text` as U+XXXX, or None when it encodes as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"U+{ord(text[exc.start]):04X}"
    return None


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _shown(key: str) -> str:
    key = key.encode("utf-8", "backslashreplace").decode("utf-8")
    return key if len(key) <= 40 else key[:37] + "..."
