"""The customer list's first page, fetched by a forked process while the UI is still loading.

Python loads one module at a time, and a start is mostly loading: Textual for the screen,
httpx and pydantic for the client (and Starlette with SQLite for the demo's sandbox). Forked
right after the command line is read, a child loads the client's half on the other core, asks
for the first page exactly as the list would (the profile's saved filters and order), and sends
back the rows' text and the customers' JSON through a pipe, while the parent loads Textual. The
list paints those rows as soon as both halves are ready; the app's own session, opened next,
adopts the page instead of asking again. If the child fails in any way the list just loads
the ordinary way, which reports errors properly. The child never touches the terminal: its
standard streams point at /dev/null, and it ends with `os._exit`.

No Textual here: the child must not pay for it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
from collections.abc import Callable, Coroutine
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:
    from vtui.api import CustomerPage, CustomerRows, VoucherifyClient
    from vtui.config import ResolvedProfile
    from vtui.tui.list_query import ListQuery

WAIT_SECONDS = 60.0
"""How long the list waits for the child before loading the ordinary way."""
_READ_CHUNK = 1 << 16


@dataclass(frozen=True)
class FirstPage:
    """The list's first page for one query: what to paint now and what to adopt later."""

    query: dict[str, Any]
    """The list query (as saved UI state) this page answers."""
    total: int | None
    has_more: bool | None
    body: str
    """The API's answer as it came, for the session that adopts the page (`customer_page`)."""
    rows: list[tuple[str, tuple[str, ...]]]
    """(customer id, the row's text), in the list's order."""
    columns: tuple[str, ...] = ()
    """The ids of the columns `rows` hold (`vtui.tui.columns`)."""

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> FirstPage:
        return cls(
            query=dict(raw["query"]),
            total=None if raw["total"] is None else int(raw["total"]),
            has_more=None if raw["has_more"] is None else bool(raw["has_more"]),
            body=str(raw["body"]),
            rows=[(str(key), tuple(str(text) for text in cells)) for key, cells in raw["rows"]],
            columns=tuple(str(c) for c in raw.get("columns", ())),
        )

    def customer_page(self) -> CustomerPage:
        """The page as `customers.list()` would give it (pydantic loads here, after paint)."""
        from vtui.api import CustomerRows

        return CustomerRows.parse(self.body.encode("utf-8")).page()


class FirstPageSource(Protocol):
    """Where the list gets its first page at start-up (the forked `Prefetch`)."""

    async def get(self, timeout: float) -> FirstPage | None:
        """The page once it is there; None when it failed or took longer than `timeout`."""
        ...

    def cancel(self) -> None: ...


FirstPageFetch: TypeAlias = Callable[[], "FirstPage | Coroutine[Any, Any, FirstPage]"]
"""What the child runs: a plain function, or one whose coroutine it runs on an event loop."""


async def fetch_first_page(
    client: VoucherifyClient, ui_state: dict[str, Any], config_columns: list[str] | None = None
) -> FirstPage:
    """Ask for the list's first page as the list itself would, for the saved `ui_state` and
    the profile's configured columns: as rows read without pydantic, so the child never
    loads it. The columns are chosen as the list chooses them (`first_columns`)."""
    from vtui.tui.list_cursor import ListCursor
    from vtui.tui.list_query import ListQuery

    query = ListQuery.from_state(ui_state.get("list"))
    page = await client.customers.list_rows(**ListCursor(query).request())
    return first_page_of(query, page, first_columns(ui_state, config_columns))


def profile_first_page(profile: ResolvedProfile) -> FirstPage | Coroutine[Any, Any, FirstPage]:
    """A live profile's first page: the request the client would send, sent with the standard
    library (`vtui.api.plain_get`: no httpx or asyncio to load first) unless the environment
    asks for what only the client does (a proxy)."""
    from vtui.api import plain_get
    from vtui.tui.list_cursor import ListCursor
    from vtui.tui.list_query import ListQuery
    from vtui.tui.profiles import ConfigUiState

    ui_state = ConfigUiState(profile.name).load()
    config_columns = list(profile.columns) if profile.columns else None
    if not plain_get.usable(profile.base_url):
        return _client_first_page(profile, ui_state, config_columns)
    from vtui.api.customer_query import list_params

    query = ListQuery.from_state(ui_state.get("list"))
    params = list_params(ListCursor(query).request())  # type: ignore[arg-type]
    rows = plain_get.get_customer_rows(profile.base_url, profile.app_id, profile.app_token, params)
    return first_page_of(query, rows, first_columns(ui_state, config_columns))


async def _client_first_page(
    profile: ResolvedProfile, ui_state: dict[str, Any], config_columns: list[str] | None
) -> FirstPage:
    from vtui.api import VoucherifyClient

    async with VoucherifyClient(profile.app_id, profile.app_token, profile.base_url) as client:
        return await fetch_first_page(client, ui_state, config_columns)


def first_page_of(query: ListQuery, page: CustomerRows, chosen: list[str]) -> FirstPage:
    """The page as the list paints it at once (the chosen columns' text, the sorted-by one
    always among them) and adopts later (the body)."""
    from vtui.tui.columns import cells, shown_columns

    columns = shown_columns(chosen, query.order)
    return FirstPage(
        query=query.to_state(),
        total=page.total,
        has_more=page.has_more,
        body=page.body.decode("utf-8"),
        rows=[(row.id, cells(row, columns)) for row in page.rows],
        columns=tuple(c.id for c in columns),
    )


def first_columns(ui_state: dict[str, Any], config_columns: list[str] | None) -> list[str]:
    """The chosen column ids: the picker's (UI state) over the config file's over the
    defaults; the list's `chosen_columns` is the same rule on a live screen."""
    from vtui.config.list_columns import DEFAULT_COLUMNS, ColumnError, check_columns

    saved = ui_state.get("columns")
    if saved is not None:
        try:
            return check_columns(saved)
        except ColumnError:
            pass
    return list(config_columns) if config_columns else list(DEFAULT_COLUMNS)


class Prefetch:
    """A forked child fetching the first page; the parent reads its answer from a pipe."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self._fd: int | None = fd
        self._reaped = False

    def __repr__(self) -> str:
        return f"<Prefetch pid={self.pid}>"

    @classmethod
    def start(cls, fetch: FirstPageFetch) -> Prefetch | None:
        """Fork a child running `fetch()`; None where that is not possible or not safe."""
        if not hasattr(os, "fork") or os.environ.get("VTUI_NO_PREFETCH"):
            return None
        if threading.active_count() > 1:
            return None  # forking a process with threads can leave the child deadlocked
        read_fd, write_fd = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            return None
        if pid == 0:  # the child: never returns
            os.close(read_fd)
            _run_child(fetch, write_fd)
        os.close(write_fd)
        return cls(pid, read_fd)

    async def get(self, timeout: float) -> FirstPage | None:
        """Read the child's answer on the event loop (no thread to outlive the app)."""
        import asyncio

        fd = self._fd
        if fd is None:
            return None
        loop = asyncio.get_running_loop()
        ended: asyncio.Future[None] = loop.create_future()
        chunks: list[bytes] = []

        def readable() -> None:
            try:
                chunk = os.read(fd, _READ_CHUNK)
            except BlockingIOError:
                return
            except OSError:
                chunk = b""
            if chunk:
                chunks.append(chunk)
            elif not ended.done():
                ended.set_result(None)

        os.set_blocking(fd, False)
        loop.add_reader(fd, readable)
        try:
            await asyncio.wait_for(ended, timeout)
        except TimeoutError:
            return None
        finally:
            loop.remove_reader(fd)
            self.cancel()  # reaps the child (it has exited once the pipe ended)
        try:
            return FirstPage.from_json(json.loads(b"".join(chunks)))
        except (ValueError, KeyError, TypeError):
            return None  # the child failed before writing a page (it writes nothing then)

    def cancel(self) -> None:
        """Stop the child if it still runs, reap it, and let go of the pipe (idempotent)."""
        if not self._reaped:
            self._reap(block=False)
        if not self._reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap(block=True)
        self._close()

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _reap(self, *, block: bool) -> None:
        if self._reaped:
            return
        try:
            pid, _ = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            pid = self.pid
        self._reaped = pid == self.pid


def _run_child(fetch: FirstPageFetch, fd: int) -> None:
    """Fetch, write the page as JSON, exit. Nothing reaches the terminal, whatever happens."""
    code = 1
    try:
        null = os.open(os.devnull, os.O_RDWR)
        for std in (0, 1, 2):
            os.dup2(null, std)
        # One request, then exit: skip pydantic's search of every installed package for
        # plugins (entry points), which costs this short-lived process ~20 ms.
        os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
        page = fetch()
        if not isinstance(page, FirstPage):  # a coroutine: only then load asyncio
            import asyncio

            page = asyncio.run(page)
        view = memoryview(json.dumps(asdict(page), ensure_ascii=False).encode("utf-8"))
        while view:
            view = view[os.write(fd, view) :]
        code = 0
    except BaseException:
        pass  # a failed prefetch only means the list loads the ordinary way
    finally:
        os._exit(code)
