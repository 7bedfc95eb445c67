"""Keys refused mid-session (revoked or rotated): offer to log in again, and go on where the
user was on the new session. Mixed into the App."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vtui.tui.messages import SessionOpened

if TYPE_CHECKING:
    from vtui.tui.context import AppContext
    from vtui.tui.messages import Broadcast
    from vtui.tui.session import Session


class LogInAgain:
    """The App's half that handles a 401 from the session's client."""

    _asking_to_log_in = False

    if TYPE_CHECKING:  # provided by the App
        context: AppContext
        sub_title: str

        @property
        def session(self) -> Session | None: ...

        def call_later(self, *args: Any, **kwargs: Any) -> Any: ...

        def push_screen(self, *args: Any, **kwargs: Any) -> Any: ...

        def run_worker(self, *args: Any, **kwargs: Any) -> Any: ...

        def notify(self, *args: Any, **kwargs: Any) -> None: ...

        def _broadcast(self, message: Broadcast) -> None: ...

    def _keys_refused(self, error: Exception) -> None:
        self.call_later(self._ask_to_log_in, error)

    def _ask_to_log_in(self, error: Exception) -> None:
        """The API refused the keys mid-session (revoked or rotated): offer to log in again.

        The login form goes on top of whatever is open (a form keeps its input) and starts
        from this session's URL and App ID; after logging in the user is back where they
        were, on the new session. The message says where the keys came from."""
        from vtui.tui.screens.confirm import ConfirmScreen

        session = self.session
        if self._asking_to_log_in or session is None:
            return
        self._asking_to_log_in = True
        profile = session.profile
        where = {
            "env": "The keys came from the environment (VOUCHERIFY_APP_ID, "
            "VOUCHERIFY_APP_TOKEN): set new ones there before the next start, since the "
            "environment wins over a saved profile. ",
            "flag": "The keys came from the command line: give new ones at the next start. ",
        }.get(session.key_source or "", "")
        tail = (
            f'Log in again with new keys here, or quit and run "vtui login --profile {profile}".'
            if session.key_source in ("file", "keyring")
            else "Log in again with new keys here (saved as a profile)."
        )
        body = (
            f"{error}\n\nThe API refused the keys of profile “{profile}”: they may have been "
            f"revoked or rotated. {where}{tail}"
        )

        def logged_in(new: Session | None) -> None:
            if new is not None:
                self.run_worker(self._swap_session(new), group="relogin")

        def answered(log_in: bool | None) -> None:
            self._asking_to_log_in = False
            if log_in:
                from vtui.tui.screens.welcome import WelcomeScreen

                self.push_screen(WelcomeScreen(relogin=session), logged_in)

        self.push_screen(ConfirmScreen("Keys refused: log in again", body, "Log in"), answered)

    async def _swap_session(self, new: Session) -> None:
        """Go on with `new` where the user was: no screen is popped, nothing typed is lost."""
        new.client.on_auth_failure(self._keys_refused)
        old = self.context.set_session(new)
        self.sub_title = f"{new.profile} · {new.region}"
        self.notify(f"Logged in again as “{new.profile}”.", timeout=4)
        self._broadcast(SessionOpened())
        if old is not None and old is not new:
            await old.close()
