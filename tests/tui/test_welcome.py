"""First run: the welcome screen logs in (keys checked before saving) or starts the demo."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import keyring
import pytest
from keyring.backends import fail
from textual.widgets import Input, Select

from tests.tui.harness import FIXED_NOW, SIZE, settle, until
from vtui.sandbox import Sandbox
from vtui.tui.app import VtuiApp
from vtui.tui.profiles import ConfigProfiles
from vtui.tui.screens.connecting import ConnectingScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.welcome import WelcomeScreen
from vtui.tui.session import MemoryUiState, Session

GOOD_ID = "welcome-app"
GOOD_TOKEN = "canary-welcome-good-7d1e0c"
BAD_TOKEN = "canary-welcome-bad-93ab44"


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("VTUI_CONFIG_DIR", str(folder))
    for key in (
        "VOUCHERIFY_APP_ID",
        "VOUCHERIFY_APP_TOKEN",
        "VOUCHERIFY_API_BASE_URL",
        "VTUI_PROFILE",
    ):
        monkeypatch.delenv(key, raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield folder
    keyring.set_keyring(previous)


@pytest.fixture
async def keyed_sandbox():
    async with Sandbox(":memory:", app_id=GOOD_ID, app_token=GOOD_TOKEN) as sb:
        yield sb


def welcome_app(sandbox: Sandbox) -> VtuiApp:
    profiles = ConfigProfiles(transport=httpx.ASGITransport(app=sandbox.app))
    app = VtuiApp(None, profiles=profiles, now=lambda: FIXED_NOW)
    app.animation_level = "none"
    return app


def fill(screen: WelcomeScreen, token: str) -> None:
    screen.query_one("#login-name", Input).value = "acme"
    screen.query_one("#login-region", Select).value = "custom"
    screen.query_one("#login-url", Input).value = "http://127.0.0.1:9"
    screen.query_one("#login-app-id", Input).value = GOOD_ID
    screen.query_one("#login-token", Input).value = token


async def test_without_a_profile_the_welcome_screen_offers_login_and_demo(
    config_dir, keyed_sandbox
):
    app = welcome_app(keyed_sandbox)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WelcomeScreen)
        assert screen.query_one("#login-token", Input).password
        labels = [str(b.label) for b in screen.query("Button")]
        assert any("Log in" in label for label in labels)
        assert any("Try the demo" in label for label in labels)


async def test_rejected_keys_are_reported_and_nothing_is_saved(config_dir, keyed_sandbox):
    app = welcome_app(keyed_sandbox)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill(app.screen, BAD_TOKEN)
        await pilot.press("ctrl+l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WelcomeScreen)
        problem = str(screen.query_one("#login-problem").render())
        assert "refused these keys (401" in problem and "Nothing was saved" in problem
        assert BAD_TOKEN not in app.export_screenshot()
        assert not (config_dir / "credentials.toml").exists()
        assert not (config_dir / "config.toml").exists()


async def test_good_keys_are_checked_saved_and_open_the_list(config_dir, keyed_sandbox):
    app = welcome_app(keyed_sandbox)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fill(app.screen, GOOD_TOKEN)
        await pilot.press("ctrl+l")
        await until(pilot, lambda: isinstance(app.screen, CustomerListScreen))
        await settle(pilot)
        assert app.session is not None and app.session.profile == "acme"
        assert "acme" in (config_dir / "config.toml").read_text()
        assert GOOD_TOKEN in (config_dir / "credentials.toml").read_text()
        assert GOOD_TOKEN not in (config_dir / "config.toml").read_text()
        assert GOOD_TOKEN not in app.export_screenshot()


async def test_missing_fields_are_named_before_any_request(config_dir, keyed_sandbox):
    app = welcome_app(keyed_sandbox)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "App ID and the App Token are needed" in str(
            app.screen.query_one("#login-problem").render()
        )
        assert sum(keyed_sandbox.stats.requests.values()) == 0


async def test_try_the_demo_opens_the_seeded_list(config_dir):
    from vtui.demo import demo_connector

    app = VtuiApp(None, now=lambda: FIXED_NOW)
    app.context.demo = demo_connector(
        customers=30, reset=False, read_only=False, db_path=":memory:"
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, CustomerListScreen), timeout=30)
        await settle(pilot)
        assert app.session is not None and app.session.profile == "demo"
        assert "30 of 30 loaded" in str(app.screen.query_one("#list-count").render())


async def test_seeding_progress_is_shown_while_the_demo_prepares():
    release = asyncio.Event()

    async def slow_connect(progress):
        progress(500, 2000)
        await release.wait()
        raise RuntimeError("stop here")

    app = VtuiApp(slow_connect, now=lambda: FIXED_NOW)
    async with app.run_test(size=SIZE) as pilot:
        # Pushed is not yet composed: under load the label can be a frame away.
        await until(pilot, lambda: isinstance(app.screen, ConnectingScreen))
        await until(pilot, lambda: app.screen.query("#connecting-label"))
        label = app.screen.query_one("#connecting-label")
        await until(pilot, lambda: "500 of 2,000 customers" in str(label.render()))
        release.set()
        await until(pilot, lambda: "Could not connect" in str(label.render()))


def test_demo_database_persists_and_reset_reseeds(tmp_path):
    from vtui.demo import demo_connector

    path = tmp_path / "demo.sqlite3"

    async def open_and_close(**kwargs):
        seen: list[tuple[int, int]] = []
        session: Session = await demo_connector(db_path=path, **kwargs)(
            lambda done, total: seen.append((done, total))
        )
        page = await session.client.customers.list(limit=1)
        await session.close()
        return page.total, seen

    total, seen = asyncio.run(open_and_close(customers=40, reset=False, read_only=False))
    assert total == 40 and seen and seen[-1] == (40, 40)
    total, seen = asyncio.run(open_and_close(customers=None, reset=False, read_only=False))
    assert total == 40 and seen == []  # the second start reuses the file: no seeding
    total, seen = asyncio.run(open_and_close(customers=25, reset=True, read_only=True))
    assert total == 25 and seen


def test_memory_ui_state_is_a_copy():
    state = MemoryUiState({"a": 1})
    loaded = state.load()
    loaded["a"] = 2
    assert state.load() == {"a": 1}


# -- logging in again after a 401 -------------------------------------------------------------


async def rotate_keys_and_save(h, pilot) -> None:
    """The keys are rotated on the server, then the open form's save meets a 401."""
    from vtui.tui.screens.diff_view import DiffScreen

    await h.control("POST", "/_sandbox/keys", {"app_id": "new-app", "app_token": "new-token-x1"})
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(pilot.app.screen, DiffScreen))
    await pilot.press("ctrl+s")


async def test_logging_in_again_after_a_401_keeps_the_open_form_and_its_input(harness, config_dir):
    from tests.tui.harness import text_of
    from vtui.tui.screens.confirm import ConfirmScreen
    from vtui.tui.screens.customer_form import CustomerFormScreen

    h = await harness(customers=20)
    h.app.context.profiles = ConfigProfiles(transport=h.recorder)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        session = h.app.session
        session.base_url, session.app_id, session.key_source = (
            "http://127.0.0.1:9",
            "test-app",
            "env",
        )
        await pilot.press("n")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, CustomerFormScreen)
        form.query_one("#f-source_id", Input).value = "relogin-1"
        form.query_one("#f-name", Input).value = "Typed Before The 401"
        await rotate_keys_and_save(h, pilot)
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        asked = text_of(pilot.app.screen.query_one(".confirm-body"))
        assert "environment" in asked and "vtui login --profile" not in asked
        await pilot.press("y")
        await until(pilot, lambda: isinstance(pilot.app.screen, WelcomeScreen))
        login = pilot.app.screen
        assert login.query_one("#login-region", Select).value == "custom"
        assert login.query_one("#login-url", Input).value == "http://127.0.0.1:9"
        assert login.query_one("#login-app-id", Input).value == "test-app"
        assert login.query_one("#login-name", Input).value == "test"
        login.query_one("#login-app-id", Input).value = "new-app"
        login.query_one("#login-token", Input).value = "new-token-x1"
        await pilot.press("ctrl+l")
        await until(pilot, lambda: pilot.app.screen is form)
        assert form.query_one("#f-name", Input).value == "Typed Before The 401"
        assert h.app.session is not session
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(pilot.app.screen, CustomerFormScreen))
        from vtui.api import VoucherifyClient

        async with VoucherifyClient(
            "new-app", "new-token-x1", "http://sandbox.test", transport=h.recorder
        ) as fresh:
            assert (await fresh.customers.get("relogin-1")).name == "Typed Before The 401"
        assert any(n.startswith("Saved Typed Before The 401") for n in h.notes)


async def test_keys_from_a_saved_profile_suggest_vtui_login_and_not_the_environment(
    harness, config_dir
):
    from tests.tui.harness import text_of
    from vtui.tui.screens.confirm import ConfirmScreen

    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        h.app.session.key_source = "file"
        await pilot.press("n")
        await settle(pilot)
        pilot.app.screen.query_one("#f-name", Input).value = "Anything"
        await rotate_keys_and_save(h, pilot)
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        asked = text_of(pilot.app.screen.query_one(".confirm-body"))
        assert "vtui login --profile test" in asked and "environment" not in asked
