"""The background worker that moves async actions ENQUEUED -> IN_PROGRESS -> DONE/FAILED.

One thread with its own connection takes jobs strictly in the order they were queued.
Tests and the control route can pause it (jobs stay ENQUEUED) or slow it down between
chunks (to watch IN_PROGRESS and `progress`).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time

from vtui.sandbox import customer_jobs
from vtui.sandbox.database import Database

_log = logging.getLogger(__name__)


class _Stopping(Exception):
    """Raised between chunks when the sandbox closes mid-job."""


class JobRunner:
    def __init__(self, db: Database, probe: sqlite3.Connection) -> None:
        self._db = db
        self._probe = probe  # the app's connection, used from the event loop only
        self._wake = threading.Event()
        self._running = threading.Event()  # set while not paused
        self._running.set()
        self._stop = False
        self._busy = False
        self._thread: threading.Thread | None = None
        self.chunk_delay = 0.0  # seconds slept before each chunk

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop = False
        self._thread = threading.Thread(target=self._work, name="vtui-sandbox-jobs", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop = True
        self._running.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def wake(self) -> None:
        """Called after a job is queued, so it starts without waiting for the next poll."""
        self._wake.set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()
        self._wake.set()

    async def wait_idle(self, timeout: float = 30.0) -> None:
        """Return once no job is queued or running (for tests and the demo)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._db.reading(self._probe):
                pending = self._probe.execute(
                    "SELECT 1 FROM async_actions WHERE status IN ('ENQUEUED', 'IN_PROGRESS')"
                    " LIMIT 1"
                ).fetchone()
            if pending is None and not self._busy:
                return
            if time.monotonic() > deadline:
                raise TimeoutError("async actions still pending")
            await asyncio.sleep(0.01)

    def _between_chunks(self) -> None:
        self._running.wait()
        if self._stop:
            # Closing: leave the job IN_PROGRESS; it reruns (every item is an upsert) next start.
            raise _Stopping
        if self.chunk_delay:
            time.sleep(self.chunk_delay)
        else:
            # Hand the lock (and the GIL) to a waiting request; otherwise carry straight on.
            time.sleep(0.001 if self._db.waiting else 0)

    def _work(self) -> None:
        conn = self._db.connect()
        try:
            while not self._stop:
                self._running.wait()
                if self._stop:
                    break
                with self._db.reading(conn):
                    action = conn.execute(
                        "SELECT * FROM async_actions WHERE status IN ('ENQUEUED', 'IN_PROGRESS')"
                        " ORDER BY seq LIMIT 1"
                    ).fetchone()
                if action is None:
                    self._wake.wait(0.5)
                    self._wake.clear()
                    continue
                self._busy = True
                try:
                    customer_jobs.run(self._db, conn, action, self._between_chunks)
                except _Stopping:
                    break
                except customer_jobs.Abandoned:
                    continue
                except Exception:
                    _log.exception("async action %s failed", action["id"])
                    customer_jobs.fail(self._db, conn, action, "The job failed unexpectedly")
                finally:
                    self._busy = False
        finally:
            conn.close()
