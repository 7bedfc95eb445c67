"""How the server's copy of a customer differs from a copy read earlier (the API has no
ETag, so `updated_at` and the field values are the evidence). Shared by saves, which must
not overwrite a change made elsewhere, and undo, which must not restore over one.
No Textual, no HTTP.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from vtui.changes import fields as cf

if TYPE_CHECKING:
    from vtui.api import Customer


def stamp(customer: Customer) -> str | None:
    """`updated_at` as text (None: never updated since it was created)."""
    return customer.updated_at.isoformat() if customer.updated_at else None


def same(a: Any, b: Any) -> bool:
    """Equal as JSON, types included (True is not 1, 1 is not 1.0, "1" is not 1)."""
    return _canonical(a) == _canonical(b)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def changes(before: cf.Fields, after: cf.Fields, keys: set[str] | None = None) -> list[cf.Change]:
    """The field-by-field diff from `before` to `after`, limited to the top-level `keys`
    (address and metadata count as one key each, as the API replaces them whole)."""
    found = cf.diff(before, after)
    if keys is None:
        return found
    return [c for c in found if c.path.split(".", 1)[0] in keys]


def matches(expected: cf.Fields, current: cf.Fields, keys: set[str]) -> bool:
    """Does `current` hold what `expected` says for every key in `keys` (types included)?"""
    a, b = cf.normal(expected), cf.normal(current)
    return all(same(a.get(k), b.get(k)) for k in keys)


def moved(base: Customer, current: Customer) -> list[cf.Change]:
    """What changed on the server between reading `base` and reading `current`: every field
    that differs, or one `updated_at` line when only the stamp moved; [] when nothing did."""
    found = cf.diff(cf.editable(base), cf.editable(current))
    if not found and stamp(base) != stamp(current):
        return [cf.Change("updated_at", stamp(base), stamp(current))]
    return found


def describe(found: list[cf.Change], limit: int = 8) -> str:
    """One line per change, `path: old → new`, at most `limit` of them."""
    lines = [f"{c.path}: {_short(c.old)} → {_short(c.new)}" for c in found[:limit]]
    if len(found) > limit:
        lines.append(f"… and {len(found) - limit} more")
    return "\n".join(lines)


def _short(value: Any, width: int = 40) -> str:
    if value is None:
        return "(none)"
    text = value if isinstance(value, str) else _canonical(value)
    text = repr(text) if isinstance(value, str) else text
    return text if len(text) <= width else text[: width - 1] + "…"
