"""What a bulk job would do before it is sent: which items update existing customers and
which create new ones, and how bulk metadata values keep (or change) their types.
No Textual, no HTTP (the caller reads the customers; see `Changes.preview`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from vtui.changes import fields as cf
from vtui.changes.wording import plural


@dataclass
class BulkPreview:
    """Items by what they will do. `befores` maps each source_id (or Id) to the customer's
    current fields, None for the ones that do not exist."""

    updates: list[tuple[dict[str, Any], cf.Fields]] = field(default_factory=list)
    """(item, the customer's fields now) for each item that finds a customer."""
    creates: list[dict[str, Any]] = field(default_factory=list)
    """Items whose source_id no customer has: the API creates a customer for each."""
    missing: list[dict[str, Any]] = field(default_factory=list)
    """Import rows naming an Id (no source_id) that no customer has: the import fails them."""
    befores: dict[str, cf.Fields | None] = field(default_factory=dict)
    total: int = 0

    def summary(self) -> str:
        parts = [f"{len(self.updates)} update existing customers"]
        parts.append(f"{len(self.creates)} create new ones")
        if self.missing:
            parts.append(f"{len(self.missing)} name an Id that does not exist (they will fail)")
        return f"Of {plural(self.total, 'item')}: " + ", ".join(parts) + "."


def classify(
    keyed: Sequence[tuple[str, dict[str, Any]]], befores: Mapping[str, cf.Fields | None]
) -> BulkPreview:
    """Sort (source_id or Id, item) pairs by what they will do; "" keys always create."""
    out = BulkPreview(befores=dict(befores), total=len(keyed))
    for ident, item in keyed:
        before = befores.get(ident) if ident else None
        if before is not None:
            out.updates.append((item, before))
        elif ident and not item.get("source_id") and item.get("id") == ident:
            out.missing.append(item)
        else:
            out.creates.append(item)
    return out


# -- metadata types ------------------------------------------------------------------------

_TRUE = frozenset({"true", "yes", "y", "on"})
_FALSE = frozenset({"false", "no", "n", "off"})


def json_type(value: Any) -> str:
    """The JSON type of a metadata value: boolean, number, text, json, or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    return "json"


@dataclass(frozen=True)
class TypeChange:
    """Sending `key` as `new_type` changes it from `old_type` on `count` customers."""

    key: str
    old_type: str
    new_type: str
    count: int
    examples: tuple[str, ...] = ()

    def __str__(self) -> str:
        who = ", ".join(self.examples)
        return (
            f"metadata.{self.key} is {self.old_type} on {self.count} customer"
            f"{'' if self.count == 1 else 's'} ({who}); it would become {self.new_type}"
        )


@dataclass
class MetadataPlan:
    values: dict[str, Any] = field(default_factory=dict)
    """What will be sent: text parsed to the type the key has on the targets, when it can be."""
    type_changes: list[TypeChange] = field(default_factory=list)
    """Keys whose type on some targets differs from the value sent: show before sending."""
    converted: dict[str, str] = field(default_factory=dict)
    """key -> the type the typed text was parsed to (for "yes" on a boolean key: boolean)."""

    @property
    def safe(self) -> bool:
        return not self.type_changes


def plan_metadata(targets: Iterable[cf.Fields], typed: Mapping[str, Any]) -> MetadataPlan:
    """How `typed` (key -> text as typed, or an already typed value) lands on `targets`
    (their fields as read): a text is parsed to the one type the key has on the targets
    when it reads unambiguously as that type ("yes" -> true for a boolean key, "5" -> 5
    for a number key); anything that would still change a type is listed."""
    targets = list(targets)
    plan = MetadataPlan()
    for key, raw in typed.items():
        existing = [
            (t, (t.get("metadata") or {})[key]) for t in targets if key in (t.get("metadata") or {})
        ]
        kinds = {json_type(v) for _, v in existing} - {"null"}
        value = raw
        if isinstance(raw, str) and len(kinds) == 1:
            (kind,) = kinds
            parsed, ok = _parse_as(kind, raw)
            if ok:
                value = parsed
                if kind != "text":
                    plan.converted[key] = kind
        plan.values[key] = value
        new_type = json_type(value)
        by_type: dict[str, list[cf.Fields]] = {}
        for target, old in existing:
            if json_type(old) not in (new_type, "null"):
                by_type.setdefault(json_type(old), []).append(target)
        for old_type, hit in sorted(by_type.items()):
            examples = tuple(_label(t) for t in hit[:3])
            plan.type_changes.append(TypeChange(key, old_type, new_type, len(hit), examples))
    return plan


def _parse_as(kind: str, text: str) -> tuple[Any, bool]:
    stripped = text.strip().lower()
    if kind == "boolean":
        if stripped in _TRUE or stripped in _FALSE:
            return stripped in _TRUE, True
        return None, False
    if kind == "number":
        value, problem = cf.parse_metadata_value("number", text)
        return value, problem is None
    if kind == "json":
        value, problem = cf.parse_metadata_value("json", text)
        return value, problem is None and json_type(value) == "json"
    return text, kind == "text"


def _label(fields: cf.Fields) -> str:
    return str(fields.get("name") or fields.get("source_id") or fields.get("id") or "?")
