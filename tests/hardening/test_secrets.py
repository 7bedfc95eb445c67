"""Secret hygiene: a canary app token goes everywhere a token can go and is never shown or
written anywhere but credentials.toml (0600 in a 0700 folder).

Covered: `vtui login` (good and wrong keys), `vtui profiles`, every TUI screen (SVG exports),
notifications, logs at DEBUG (vtui, httpx, httpcore) over real loopback HTTP, the journal, the
UI state, config.toml, and the crash output Textual prints when a worker fails.
"""

from __future__ import annotations

import logging
import stat
import subprocess
from pathlib import Path

import httpx
import pytest
from conftest import (
    CANARY_APP_ID,
    CANARY_TOKEN,
    TUI_SIZE,
    ServedSandbox,
    vtui_cli,
)

from tests.pilot_waits import settle, until

WRONG_TOKEN = "canary-wrong-3b7f0e99a6c2"


def files_holding(folder: Path, secret: str) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and secret.encode() in p.read_bytes()
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- the command line -----------------------------------------------------------------------


def log_in(served: ServedSandbox, home: Path, token: str) -> subprocess.CompletedProcess[str]:
    """`vtui login` of profile prod against the served sandbox, the token on stdin, into a file."""
    return vtui_cli(
        "login",
        "--profile",
        "prod",
        "--api-url",
        served.url,
        "--app-id",
        CANARY_APP_ID,
        "--app-token-stdin",
        "--credential-store",
        "file",
        config_dir=home,
        stdin=token + "\n",
    )


def test_login_keeps_the_token_only_in_a_private_credentials_file(
    served_sandbox: ServedSandbox, tmp_path: Path
) -> None:
    home = tmp_path / "cfg"
    login = log_in(served_sandbox, home, CANARY_TOKEN)
    assert login.returncode == 0, login.stderr
    assert CANARY_TOKEN not in login.stdout + login.stderr
    assert files_holding(home, CANARY_TOKEN) == ["credentials.toml"]
    assert mode(home / "credentials.toml") == 0o600
    assert mode(home) == 0o700

    profiles = vtui_cli("profiles", config_dir=home)
    assert profiles.returncode == 0, profiles.stderr
    assert CANARY_TOKEN not in profiles.stdout + profiles.stderr
    assert "****" + CANARY_TOKEN[-4:] in profiles.stdout  # masked, yet tells tokens apart
    assert CANARY_TOKEN[:-4] not in profiles.stdout


def test_login_with_a_wrong_token_never_echoes_it(
    served_sandbox: ServedSandbox, tmp_path: Path
) -> None:
    home = tmp_path / "cfg"
    login = log_in(served_sandbox, home, WRONG_TOKEN)
    assert login.returncode == 1
    assert "401" in login.stderr
    assert WRONG_TOKEN not in login.stdout + login.stderr
    assert not home.exists() or files_holding(home, WRONG_TOKEN) == []


def test_a_group_readable_credentials_file_is_refused_with_the_fix(
    served_sandbox: ServedSandbox, tmp_path: Path
) -> None:
    home = tmp_path / "cfg"
    log_in(served_sandbox, home, CANARY_TOKEN)
    (home / "credentials.toml").chmod(0o644)
    profiles = vtui_cli("profiles", config_dir=home)
    assert "chmod 600" in profiles.stderr + profiles.stdout
    assert CANARY_TOKEN not in profiles.stdout + profiles.stderr


# -- logs -----------------------------------------------------------------------------------


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


async def test_debug_logs_of_vtui_httpx_and_httpcore_never_carry_the_token(
    served_sandbox: ServedSandbox,
) -> None:
    from vtui.api import NotFoundError, ServerError, VoucherifyClient

    capture = Capture()
    loggers = [logging.getLogger(n) for n in ("vtui", "httpx", "httpcore")]
    saved = [(lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.addHandler(capture)
    served_sandbox.control("POST", "faults", {"kind": "error", "status": 503, "count": 1})
    try:
        async with VoucherifyClient(
            CANARY_APP_ID, CANARY_TOKEN, served_sandbox.url, max_retries=1
        ) as vf:
            vf.retry_policy.sleep = _instant
            page = await vf.customers.list(limit=3, email="someone@example.com")
            assert page.customers == []
            with pytest.raises(NotFoundError) as missing:
                await vf.customers.get("no-such-customer")
        served_sandbox.control("POST", "faults", {"kind": "error", "status": 500, "count": 5})
        async with VoucherifyClient(
            CANARY_APP_ID, CANARY_TOKEN, served_sandbox.url, max_retries=0
        ) as vf:
            with pytest.raises(ServerError) as failed:
                await vf.customers.list(limit=1)
    finally:
        served_sandbox.control("DELETE", "faults")
        for lg, (level, propagate) in zip(loggers, saved, strict=True):
            lg.removeHandler(capture)
            lg.setLevel(level)
            lg.propagate = propagate
    text = "\n".join(capture.lines)
    assert "httpcore" in text and "vtui.api" in text  # the loggers did speak at DEBUG
    assert CANARY_TOKEN not in text
    assert "someone@example.com" not in text  # the query string stays out of httpx's line
    for error in (missing.value, failed.value):
        assert CANARY_TOKEN not in str(error) + repr(error)


async def _instant(seconds: float) -> None:
    return None


# -- the TUI --------------------------------------------------------------------------------


def list_ready(app) -> bool:  # type: ignore[no-untyped-def]
    screen = app.screen
    return type(screen).__name__ == "CustomerListScreen" and bool(
        getattr(screen, "customers", None)
    )


async def back_to_list(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        if type(pilot.app.screen).__name__ == "CustomerListScreen" and not pilot.app.screen.query(
            "FilterBar:focus-within"
        ):
            return
        await pilot.press("escape")
        await settle(pilot)


SCREENS_FROM_LIST = [
    ("filter bar", ["slash"]),
    ("help", ["question_mark"]),
    ("jump", ["colon"]),
    ("command palette", ["ctrl+p"]),
    ("new customer form", ["n"]),
    ("edit form", ["e"]),
    ("delete confirmation", ["ctrl+d"]),
    ("permanent delete confirmation", ["D"]),
    ("async actions", ["a"]),
    ("export", ["x"]),
    ("import", ["i"]),
    ("metadata", ["space", "m"]),
    ("sort", ["s"]),
]
DETAIL_TABS = ["1", "2", "3", "4", "5"]
EXPECTED_SCREENS = {
    "AsyncActionsScreen",
    "CommandPalette",
    "ConfirmScreen",
    "CustomerDetailScreen",
    "CustomerFormScreen",
    "ExportScreen",
    "HelpScreen",
    "ImportFileScreen",
    "JumpScreen",
    "MetadataBulkScreen",
    "TypeToConfirmScreen",
}


async def test_no_screen_ever_shows_the_token(tui_kit, config_home: Path) -> None:  # type: ignore[no-untyped-def]
    kit = await tui_kit()
    app = kit.app
    shots: dict[str, str] = {}
    seen: set[str] = set()
    async with app.run_test(size=TUI_SIZE) as pilot:
        await until(pilot, lambda: list_ready(app), timeout=15)
        await settle(pilot)
        shots["list"] = app.export_screenshot()
        for name, keys in SCREENS_FROM_LIST:
            for key in keys:
                await pilot.press(key)
            await settle(pilot)
            shots[name] = app.export_screenshot()
            seen.add(type(app.screen).__name__)
            await back_to_list(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for tab in DETAIL_TABS:
            await pilot.press(tab)
            await settle(pilot)
            shots[f"detail tab {tab}"] = app.export_screenshot()
            seen.add(type(app.screen).__name__)
        await pilot.press("e")
        await settle(pilot)
        shots["detail edit form"] = app.export_screenshot()
        seen.add(type(app.screen).__name__)
        await back_to_list(pilot)
        # A change, so the journal and the UI state get written for real.
        from vtui.tui.context import context

        row = next(iter(app.screen.customers.values()))  # the list keeps rows: read it
        customer = await context(app).client.customers.get(row.id)
        await context(app).changes().update(customer, {"description": "hardening was here"})
        app.context.learn_segments([("seg_hardening", "Hardening")])
        await settle(pilot)
        shots["after a change"] = app.export_screenshot()
    assert seen >= EXPECTED_SCREENS, f"not reached: {EXPECTED_SCREENS - seen}"
    leaking = [name for name, svg in shots.items() if CANARY_TOKEN in svg]
    assert leaking == []
    assert all(CANARY_TOKEN not in note for note in kit.notes)
    assert len({svg for svg in shots.values()}) > len(shots) // 2  # the keys did open screens
    written = sorted(str(p.relative_to(config_home)) for p in config_home.rglob("*") if p.is_file())
    assert any("journal" in name for name in written), written
    assert files_holding(config_home, CANARY_TOKEN) == []
    for path in config_home.rglob("*"):
        if path.is_file() and "journal" in path.name:
            assert mode(path) == 0o600, path


async def test_the_welcome_screen_masks_the_token_as_it_is_typed_and_after_a_refusal(
    served_sandbox: ServedSandbox, config_home: Path
) -> None:
    from textual.widgets import Input, Select

    from vtui.tui.app import VtuiApp
    from vtui.tui.profiles import ConfigProfiles

    app = VtuiApp(None, profiles=ConfigProfiles())
    async with app.run_test(size=TUI_SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#login-region", Select).value = "custom"
        app.screen.query_one("#login-url", Input).value = served_sandbox.url
        app.screen.query_one("#login-app-id", Input).value = CANARY_APP_ID
        app.screen.query_one("#login-token", Input).focus()
        await pilot.press(*WRONG_TOKEN)
        await settle(pilot)
        typed = app.export_screenshot()
        await pilot.press("ctrl+l")
        await until(
            pilot,
            lambda: "401" in str(app.screen.query_one("#login-problem").render()),
            timeout=15,
        )
        refused = app.export_screenshot()
    assert WRONG_TOKEN not in typed and WRONG_TOKEN[:12] not in typed
    assert WRONG_TOKEN not in refused
    assert not config_home.exists() or files_holding(config_home, WRONG_TOKEN) == []


class Exploding(httpx.AsyncBaseTransport):
    """A transport that fails with an error no layer expects (a bug's stand-in)."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError("transport exploded")


async def test_textual_crash_output_never_shows_the_token(tui_kit, capfd) -> None:  # type: ignore[no-untyped-def]
    kit = await tui_kit(wrap=lambda inner: Exploding())
    app = kit.app
    capfd.readouterr()

    async def bug() -> None:
        # Outside any worker: its exception takes the app down, as a real bug would, and
        # Textual prints its crash report (a traceback with locals) on the way out.
        await kit.client.customers.get("someone")

    with pytest.raises(Exception, match="transport exploded"):
        async with app.run_test(size=TUI_SIZE) as pilot:
            await settle(pilot)
            app.call_later(bug)
            await settle(pilot)
    assert app.return_code == 1
    crash = "".join(capfd.readouterr())
    assert "transport exploded" in crash
    assert CANARY_TOKEN not in crash
