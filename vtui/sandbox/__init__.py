"""The sandbox: a local, stateful Voucherify emulator (Starlette + SQLite).

Faithful to ../shared/voucherify/CUSTOMERS_API.md. Knows nothing of vtui.api or vtui.tui.
`Sandbox` is loaded on first use, so importing the package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vtui.sandbox.app import Sandbox

__all__ = ["Sandbox"]


def __getattr__(name: str) -> Any:
    if name == "Sandbox":
        from vtui.sandbox.app import Sandbox

        return Sandbox
    raise AttributeError(f"module 'vtui.sandbox' has no attribute {name!r}")
