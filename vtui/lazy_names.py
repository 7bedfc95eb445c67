"""PEP 562 lazy public names for a package: `import vtui.api` costs nothing until a name is used.

__getattr__, __dir__ = lazy_names(__name__, {"VoucherifyClient": "vtui.api.client"}, __all__)
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def lazy_names(
    package: str, where: Mapping[str, str], public: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module `__getattr__` loading each name from the module `where` gives (then cached in
    the package), and a `__dir__` listing `public`."""
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> Any:
        source = where.get(name)
        if source is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return list(public)

    return __getattr__, __dir__
