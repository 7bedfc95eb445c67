"""The sandbox's SQLite database: one target, several connections, one lock.

Every connection (the app's, the job runner's, the seeder's) opens the same target: a file
in WAL mode, or a named shared-cache memory database so that threads see one store.
All access goes through `reading`/`writing`, which hold one lock. SQLite serialises
writers anyway; holding our own lock avoids shared-cache "table is locked" errors and
lets the job runner interleave its chunks with requests.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_SCHEMA = Path(__file__).with_name("schema.sql")
_TABLES = ("customers", "events", "redeemables", "segments", "segment_members", "async_actions")


class Database:
    """Where the sandbox's data lives, and the lock that orders access to it."""

    def __init__(self, target: str | os.PathLike[str], *, read_only: bool = False) -> None:
        raw = os.fspath(target)
        self.in_memory = raw == ":memory:"
        self.read_only = read_only
        if self.in_memory:
            if read_only:
                raise ValueError("a read-only sandbox needs a database file")
            self.uri = f"file:vtui-sandbox-{uuid.uuid4().hex}?mode=memory&cache=shared"
        else:
            self.uri = Path(raw).expanduser().resolve().as_uri()
            if read_only:
                self.uri += "?mode=ro"  # SQLite itself refuses every write
        self.lock = threading.RLock()
        # Bumped by every committed write: list totals are cached per generation.
        self.generation = 0
        self.waiting = 0  # threads waiting for `lock`
        self._count = threading.Lock()

    def connect(self) -> sqlite3.Connection:
        """A new connection, usable from any thread (callers serialise through `lock`)."""
        conn = sqlite3.connect(
            self.uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30
        )
        conn.row_factory = sqlite3.Row
        if not self.in_memory and not self.read_only:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-65536")
        conn.execute("PRAGMA temp_store=MEMORY")
        return conn

    def create_schema(self, conn: sqlite3.Connection) -> None:
        with self.lock:
            conn.executescript(_SCHEMA.read_text(encoding="utf-8"))

    def analyze(self, conn: sqlite3.Connection) -> None:
        """Give the planner statistics (sampled: milliseconds even at a million rows)."""
        with self.lock:
            conn.execute("PRAGMA analysis_limit=400")
            conn.execute("ANALYZE")

    def has_statistics(self, conn: sqlite3.Connection) -> bool:
        with self.lock:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).fetchone()
            return found is not None

    def is_empty(self, conn: sqlite3.Connection) -> bool:
        with self.lock:
            return conn.execute("SELECT 1 FROM customers LIMIT 1").fetchone() is None

    def clear(self, conn: sqlite3.Connection) -> None:
        """Delete every row (reset keeps the schema and the file)."""
        with self.writing(conn):
            for table in (*_TABLES, "meta"):
                conn.execute(f"DELETE FROM {table}")

    @contextmanager
    def _held(self) -> Iterator[None]:
        with self._count:
            self.waiting += 1  # the job runner yields between chunks while anyone waits
        with self.lock:
            with self._count:
                self.waiting -= 1
            yield

    @contextmanager
    def reading(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        with self._held():
            yield conn

    @contextmanager
    def writing(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """One transaction under the lock; committed on success, rolled back on error."""
        with self._held():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            self.generation += 1
