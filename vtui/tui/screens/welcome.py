"""First run: log in to a Voucherify project (keys checked before saving) or try the demo.

Also the log-in-again form after the API refused the keys mid-session (`relogin=`): it is
pushed on top of whatever the user was doing, starts from that session's profile, URL and
App ID, and dismisses with the new session (None on escape), so an open form keeps its
input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.context import context
from vtui.tui.keymap import key_in_words
from vtui.tui.messages import OpenSession, UseSession
from vtui.tui.profiles import LoginRequest
from vtui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from vtui.tui.session import Session

REGIONS = (
    ("EU (api.voucherify.io)", "eu"),
    ("US (us1.api)", "us"),
    ("Asia (as1.api)", "as"),
    ("Custom URL", "custom"),
)


def region_of(base_url: str | None) -> tuple[str, str]:
    """(region choice, custom URL) for a session's URL: a known cluster, else custom."""
    from vtui.config.regions import CLUSTER_URLS

    if not base_url:
        return "eu", ""
    for cluster, known in CLUSTER_URLS.items():
        if base_url.rstrip("/") == known:
            return cluster, ""
    return "custom", base_url


class WelcomeScreen(Screen["Session | None"]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.WELCOME)

    def __init__(self, relogin: Session | None = None, *, adding: bool = False) -> None:
        super().__init__()
        self.relogin = relogin
        self.adding = adding
        """Opened from the palette ("Add a profile…"): escape goes back, no demo."""

    def compose(self) -> ComposeResult:
        again = self.relogin
        region, url = region_of(again.base_url if again else None)
        with VerticalScroll(id="welcome-box"):
            if self.adding:
                intro = (
                    "[b]Add a profile[/b]\nLog in to another Voucherify project: the keys are "
                    "checked, saved as a profile, and vtui switches to it. escape goes back."
                )
            elif again is None:
                intro = (
                    "[b]Welcome to vtui[/b]\nLook up, read and fix the customers of a "
                    "Voucherify project from the keyboard."
                )
            else:
                intro = (
                    f"[b]Log in again[/b]\nThe API refused the keys of profile "
                    f"“{inert(again.profile)}”. Enter new keys; escape goes back to where you "
                    "were (nothing you typed there is lost)."
                )
            yield Static(intro, id="welcome-intro", markup=True)
            with Vertical(id="login-form"):
                yield Label("Profile name")
                yield Input(
                    value=again.profile if again else "" if self.adding else "default",
                    placeholder="a name for this project (letters, digits, . _ -)",
                    id="login-name",
                    compact=True,
                )
                yield Label("Region")
                yield Select(
                    REGIONS, value=region, allow_blank=False, id="login-region", compact=True
                )
                yield Input(
                    url, placeholder="https://… (custom API URL)", id="login-url", compact=True
                )
                yield Label("App ID")
                yield Input(
                    (again.app_id or "") if again else "",
                    placeholder="from Project Settings → Application Keys",
                    id="login-app-id",
                    compact=True,
                )
                yield Label("App Token")
                yield Input(
                    password=True, placeholder="hidden as you type", id="login-token", compact=True
                )
            yield Label("", id="login-problem")
            with Horizontal(id="welcome-buttons"):
                yield Button(
                    f"Log in ({key_in_words(self.app, 'log_in', 'ctrl+l')})",
                    variant="primary",
                    id="login-button",
                )
                if again is None and not self.adding:
                    yield Button(
                        f"Try the demo ({key_in_words(self.app, 'demo', 'ctrl+t')})",
                        id="demo-button",
                    )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#login-url").display = (
            region_of(self.relogin.base_url if self.relogin else None)[0] == "custom"
        )
        self.query_one("#login-token" if self.relogin else "#login-name").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "demo" and (self.relogin is not None or self.adding))

    def key_escape(self) -> None:
        if self.relogin is not None or self.adding:
            self.dismiss(None)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.query_one("#login-url").display = event.value == "custom"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "login-button":
            self.action_log_in()
        elif event.button.id == "demo-button":
            self.action_demo()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "login-token":
            self.action_log_in()
        else:
            self.focus_next()

    def request(self) -> LoginRequest | str:
        """The form as a login request, or what is missing."""
        from pydantic import SecretStr

        name = self.query_one("#login-name", Input).value.strip()
        region = self.query_one("#login-region", Select).value
        url = self.query_one("#login-url", Input).value.strip()
        app_id = self.query_one("#login-app-id", Input).value.strip()
        token = self.query_one("#login-token", Input).value.strip()
        if not name:
            return "Give the profile a name."
        if region == "custom" and not url:
            return "Enter the custom API URL, or pick a region."
        if not app_id or not token:
            return "Both the App ID and the App Token are needed."
        return LoginRequest(
            name=name,
            cluster=None if region == "custom" else str(region),
            api_url=url if region == "custom" else None,
            app_id=app_id,
            app_token=SecretStr(token),
        )

    def action_log_in(self) -> None:
        problem = self.query_one("#login-problem", Label)
        request = self.request()
        if isinstance(request, str):
            problem.update(Text(f"⚠ {request}"))
            return
        if context(self).profiles is None:
            problem.update("⚠ Profiles cannot be saved here; run 'vtui login' in a shell.")
            return
        problem.update("Checking the keys…")
        self.run_worker(self._log_in(request), group="login", exclusive=True)

    async def _log_in(self, request: LoginRequest) -> None:
        problem = self.query_one("#login-problem", Label)
        directory = context(self).profiles
        assert directory is not None
        try:
            session = await directory.log_in(request)
        except Exception as error:  # the directory's errors are written for people
            problem.update(Text(f"⚠ {error}"))
            return
        if self.relogin is not None:
            self.dismiss(session)
            return
        self.app.post_message(UseSession(session))

    def action_demo(self) -> None:
        demo = context(self).demo
        if self.relogin is not None or self.adding:
            return
        if demo is None:
            self.query_one("#login-problem", Label).update("⚠ The demo is not offered here.")
            return
        self.app.post_message(OpenSession(demo))
