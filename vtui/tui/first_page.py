"""The first page of the customer list as last shown, so the next start paints at once.

Start-up pays for httpx, pydantic and (for the demo) the sandbox before the first request
can even leave. Meanwhile the list paints the rows it showed last time, marked as cached,
and swaps in the live page when it arrives. Only the table's text is kept (the rows as
shown, never an API object), in a private file in the user cache folder.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROWS_KEPT = 60
"""Enough to fill a tall terminal."""


def cache_dir() -> Path:
    override = os.environ.get("VTUI_CONFIG_DIR", "").strip()
    if override:
        return Path(override).expanduser() / "cache"
    import platformdirs

    return platformdirs.user_cache_path("vtui")


@dataclass(frozen=True)
class FirstPage:
    """What the list showed: its query (as saved state), the total, and the rows' text."""

    query: dict[str, Any]
    total: int
    rows: list[tuple[str, tuple[str, ...]]]


class FirstPageCache:
    """One file per profile; unreadable or foreign content reads as "nothing cached"."""

    def __init__(self, profile: str, folder: Path | None = None) -> None:
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", profile)[:64] or "default"
        self.path = (folder or cache_dir()) / f"first-page-{safe}.json"

    def load(self) -> FirstPage | None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            rows = [(str(key), tuple(str(c) for c in cells)) for key, cells in raw["rows"]]
            return FirstPage(query=dict(raw["query"]), total=int(raw["total"]), rows=rows)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, page: FirstPage) -> None:
        """Write privately and atomically; a failure only costs the next start its head start."""
        body = json.dumps(
            {"query": page.query, "total": page.total, "rows": page.rows[:ROWS_KEPT]},
            ensure_ascii=False,
        ).encode("utf-8")
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(body)
            os.replace(tmp, self.path)
        except OSError:
            return
