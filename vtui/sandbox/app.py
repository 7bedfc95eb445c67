"""`Sandbox`: the emulator as one object — database, job runner, faults and the ASGI app.

    async with Sandbox(":memory:", customers=1000, seed=7) as sb:
        transport = httpx.ASGITransport(app=sb.app)

`start()` opens the database, creates the schema, seeds an empty database (in a thread,
reporting `progress(done, total)`) and starts the job runner; the app's lifespan calls
it too, so uvicorn needs nothing else.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Collection
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Match, Route

from vtui.sandbox import control, routes
from vtui.sandbox.customer_list import CustomerLister
from vtui.sandbox.database import Database
from vtui.sandbox.errors import ApiError, plain
from vtui.sandbox.faults import FaultBoard
from vtui.sandbox.gateway import Gateway, Stats, error_body
from vtui.sandbox.job_runner import JobRunner
from vtui.sandbox.rate_limit import RateLimit

Progress = Callable[[int, int], None]
_log = logging.getLogger(__name__)


class Sandbox:
    """A stateful Voucherify emulator over SQLite. See the module docstring for use."""

    def __init__(
        self,
        db: str | os.PathLike[str] = ":memory:",
        *,
        customers: int = 0,
        seed: int = 0,
        app_id: str | None = None,
        app_token: str | None = None,
        progress: Progress | None = None,
        rate_limit: int = 6000,
        read_only: bool = False,
        allowed_hosts: Collection[str] | None = None,
    ) -> None:
        if (app_id is None) != (app_token is None):
            raise ValueError("give both app_id and app_token, or neither")
        self.customers = customers
        self.seed = seed
        self._keys = (app_id, app_token) if app_id is not None and app_token is not None else None
        self._progress = progress
        self.read_only = read_only
        """Serve an existing database without changing it: no schema, seeding or jobs, and
        every write refused (vtui's start-up reads the first page this way in parallel)."""
        self.allowed_hosts = None if allowed_hosts is None else frozenset(allowed_hosts)
        """The Host names (any port) the control routes answer; None: the loopback names
        and names under the reserved `.test` domain (see vtui.sandbox.control_guard)."""
        self.db = Database(db, read_only=read_only)
        self.lister = CustomerLister()
        self.faults = FaultBoard(seed)
        self.stats = Stats()
        self.rate_limit = RateLimit(rate_limit)
        self.routes: list[BaseRoute] = [*routes.ROUTES, *control.ROUTES]
        self._conn: sqlite3.Connection | None = None
        self._jobs: JobRunner | None = None
        self.app = Starlette(
            routes=self.routes,
            middleware=[Middleware(Gateway, sandbox=self)],
            exception_handlers={ApiError: _api_error, HTTPException: _http_error},
            lifespan=self._lifespan,
        )
        self.app.state.sandbox = self

    def __repr__(self) -> str:
        where = "memory" if self.db.in_memory else self.db.uri
        keys = "configured keys" if self._keys else "any keys"
        return f"<Sandbox {where} customers={self.customers} seed={self.seed} {keys}>"

    @property
    def keys(self) -> tuple[str, str] | None:
        """The only accepted (app_id, app_token), or None when any non-empty pair works."""
        return self._keys

    def set_keys(self, app_id: str, app_token: str) -> None:
        """Require exactly this pair from now on (POST /_sandbox/keys rotates keys with it)."""
        if not app_id.strip() or not app_token.strip():
            raise ValueError("app_id and app_token must be non-empty")
        self._keys = (app_id, app_token)

    def clear_keys(self) -> None:
        """Accept any non-empty pair again, as a sandbox started without keys does."""
        self._keys = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("the sandbox is not started: await sandbox.start() first")
        return self._conn

    @property
    def jobs(self) -> JobRunner:
        if self._jobs is None:
            raise RuntimeError("the sandbox is not started: await sandbox.start() first")
        return self._jobs

    @property
    def started(self) -> bool:
        return self._conn is not None

    async def start(self) -> None:
        if self._conn is not None:
            return
        conn = self.db.connect()
        self._conn = conn
        if self.read_only:
            return
        self.db.create_schema(conn)
        if self.customers > 0 and self.db.is_empty(conn):
            await asyncio.to_thread(self._seed, self.customers, self.seed)
        elif not self.db.has_statistics(conn):
            self.db.analyze(conn)  # a database seeded elsewhere (the benchmarks' file)
        self._jobs = JobRunner(self.db, conn)
        self._jobs.start()

    async def close(self) -> None:
        if self._jobs is not None:
            await asyncio.to_thread(self._jobs.stop)
            self._jobs = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    async def reset(self, *, customers: int | None = None, seed: int | None = None) -> None:
        """Wipe every table and seed again (jobs, faults and stats start over too)."""
        if customers is not None:
            self.customers = customers
        if seed is not None:
            self.seed = seed
        self.faults.clear()
        self.stats.requests.clear()
        await asyncio.to_thread(self._reseed, self.customers, self.seed)

    def _reseed(self, customers: int, seed: int) -> None:
        """Clear and seed under one hold of the lock: no request sees the half-way state."""
        with self.db.lock:
            self.db.clear(self.conn)
            if customers > 0:
                self._seed(customers, seed)

    def _seed(self, customers: int, seed: int) -> None:
        from vtui.sandbox.seed import seed_database

        conn = self.db.connect()
        try:
            with self.db.lock:
                seed_database(conn, customers=customers, seed=seed, progress=self._progress)
                if conn.in_transaction:
                    conn.execute("COMMIT")
                self.db.analyze(conn)
                self.db.generation += 1
        finally:
            conn.close()

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        owned = not self.started
        await self.start()
        try:
            yield
        finally:
            if owned:
                await self.close()


def _render(request: Request, error: ApiError) -> Response:
    rid = getattr(request.state, "request_id", "")
    return JSONResponse(error_body(error, rid), status_code=error.status, headers=error.headers)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _render(request, exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        # Starlette names the methods of the first route on the path; list them all.
        methods: set[str] = set()
        for route in request.app.routes:
            if isinstance(route, Route) and route.matches(request.scope)[0] is not Match.NONE:
                methods |= (route.methods or set()) - {"HEAD"}
        allowed = " or ".join(sorted(methods))
        error = ApiError(
            405,
            {
                "code": 405,
                "message": "HTTP Method Not Allowed",
                "details": f"{request.method} is not supported by this endpoint."
                + (f" Did you mean {allowed}?" if allowed else ""),
            },
        )
        return _render(request, error)
    if exc.status_code == 404:
        return _render(
            request,
            plain(
                404, "not_found", "Resource not found", f"Cannot find the path {request.url.path}"
            ),
        )
    body: dict[str, Any] = {"code": exc.status_code, "message": str(exc.detail)}
    return _render(request, ApiError(exc.status_code, body))
