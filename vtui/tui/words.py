"""Small pieces of wording shared by the screens: how a customer is named, plurals."""

from __future__ import annotations

from typing import Protocol

from vtui.changes.inert import inert
from vtui.changes.wording import plural

__all__ = ["label", "plural"]


class Someone(Protocol):
    """A customer as a screen names it: a `Customer`, or a row of the list."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str | None: ...

    @property
    def email(self) -> str | None: ...

    @property
    def source_id(self) -> str | None: ...


def label(customer: Someone) -> str:
    """What a person calls this customer: name, else email, source_id, id; inert (control
    and escape characters shown as escapes), so it is safe in any notification or title.

    Plain text, not markup: pass it in a rich Text, or notify with markup=False."""
    return inert(customer.name or customer.email or customer.source_id or customer.id)
