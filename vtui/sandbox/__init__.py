"""The sandbox: a local, stateful Voucherify emulator (Starlette + SQLite).

Faithful to ../shared/voucherify/CUSTOMERS_API.md. Knows nothing of vtui.api or vtui.tui.
"""
