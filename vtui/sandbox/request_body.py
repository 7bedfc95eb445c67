"""The one strict reader of JSON request bodies, for every route (API and control alike).

A body is refused with Voucherify's 400 `invalid_payload` unless the sandbox can store it
and give it back faithfully:

- `NaN`, `Infinity` and `-Infinity` are not JSON (RFC 8259) and cannot be read back;
- a number too large for a double (`1e400`) would come back as `Infinity`;
- a lone UTF-16 surrogate (`"\\ud800"`) in a string or a key cannot be encoded as UTF-8;
- nesting deeper than `MAX_DEPTH` levels (the body itself is level 1).

The reference names no depth limit. 32 levels is far beyond any real metadata and keeps
every later read, search and re-encoding well inside Python's recursion limit; the client
(vtui.api) refuses the same bodies before sending them.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any

from starlette.requests import Request

from vtui.sandbox.errors import invalid_payload, plain, too_large

MAX_DEPTH = 32
"""The deepest nesting a body may have; the body's own object or array is level 1."""


class _Refused(ValueError):
    """A value the strict parser will not take (caught and rendered as a 400)."""


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number: numbers must be finite")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise _Refused(f"The number {shown} is too large to store (beyond a double's range)")
    return value


def media_type(request: Request) -> str:
    """The request's media type, lower case, without parameters ("" when absent)."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def is_json_type(kind: str) -> bool:
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


def unsupported_media_type(kind: str) -> Exception:
    return plain(
        415,
        "unsupported_media_type",
        "Unsupported Media Type",
        f"Content-Type {kind or '(none)'} cannot be consumed; send application/json",
    )


async def read_json(request: Request, *, limit: int | None = None, empty: Any = None) -> Any:
    """The request's JSON body, parsed strictly (see the module docstring).

    A missing Content-Type is taken as JSON (as the API does); any other type is a 415.
    `limit` caps the size in bytes (413 above it). An empty body is a 400 unless `empty`
    is given, which is then returned instead.
    """
    kind = media_type(request)
    if kind and not is_json_type(kind):
        raise unsupported_media_type(kind)
    if limit is not None:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise too_large(limit)
    raw = await request.body()
    if limit is not None and len(raw) > limit:
        raise too_large(limit)
    if not raw.strip():
        if empty is not None:
            return empty
        raise invalid_payload("The request body is empty; it must be JSON")
    return parse_json(raw)


def parse_json(raw: bytes | str) -> Any:
    """Parse a JSON body strictly; an ApiError 400 names what is wrong and where.

    NaN, infinities and overflowing numbers are refused by the parser's own hooks. The
    parsed body is walked (in Python) only when its text could hold a lone surrogate (a
    `\\uD800`-`\\uDFFF` escape) or nests too deep, so a 10 MB bulk body stays cheap.
    """
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:  # UTF-8-encoded surrogates included: they are not UTF-8
        raise invalid_payload("The request body is not valid UTF-8") from None
    try:
        body = json.loads(text, parse_constant=_constant, parse_float=_float)
    except _Refused as exc:
        raise invalid_payload(str(exc)) from None
    except RecursionError:
        raise invalid_payload(
            f"The request body is nested deeper than {MAX_DEPTH} levels"
        ) from None
    except ValueError:
        raise invalid_payload("The request body is not valid JSON") from None
    if _SURROGATE_ESCAPE.search(text) or _depth(text) > MAX_DEPTH:
        problem = storable_problem(body)
        if problem is not None:
            raise invalid_payload(problem)
    return body


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _depth(text: str) -> int:
    """The deepest nesting in JSON text (strings, which may hold brackets, skipped)."""
    if text.count("{") + text.count("[") <= MAX_DEPTH:
        return 0  # too few containers to nest too deep
    brackets = _BRACKET.findall(_STRING.sub("", text))
    return max(accumulate(1 if ch in "[{" else -1 for ch in brackets), default=0)


def storable_problem(value: Any) -> str | None:
    """Why `value` (parsed JSON) cannot be stored faithfully, or None when it can."""
    stack: list[tuple[Any, str, int]] = [(value, "", 1)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, dict):
            if depth > MAX_DEPTH:
                return f"Property {_where(path)} is nested deeper than {MAX_DEPTH} levels"
            for key, child in item.items():
                if _has_surrogate(key):
                    return f"A key in {_where(path)} holds a lone surrogate (not UTF-8)"
                stack.append((child, f"{path}.{_shown(key)}", depth + 1))
        elif isinstance(item, list):
            if depth > MAX_DEPTH:
                return f"Property {_where(path)} is nested deeper than {MAX_DEPTH} levels"
            stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(item))
        elif isinstance(item, str):
            if _has_surrogate(item):
                return f"Property {_where(path)} holds a lone surrogate (not UTF-8)"
        elif isinstance(item, float) and not math.isfinite(item):
            return f"Property {_where(path)} is not a finite number"
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _shown(key: str) -> str:
    """A key as it may appear in a message: short, and always encodable."""
    key = key.encode("utf-8", "backslashreplace").decode("utf-8")
    return key if len(key) <= 40 else key[:37] + "..."


def _where(path: str) -> str:
    """A property path for a message: `(body)` for the top, at most 200 characters."""
    if not path:
        return "(body)"
    return path if len(path) <= 200 else "..." + path[-197:]
