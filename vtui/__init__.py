"""vtui: a keyboard-driven terminal UI for the customers of a Voucherify project."""

import sys as _sys

__version__ = "0.1.0"

# httpx imports its own command-line tool (click, rich.progress, pygments: ~170 ms, a third of
# vtui's start-up) whenever click is installed. vtui never uses it; marking the module missing
# makes httpx take its documented "CLI not installed" path instead. Only before httpx loads.
if "httpx" not in _sys.modules:
    _sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
