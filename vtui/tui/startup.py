"""The one start-up path of `vtui` and `vtui --demo`.

In order, as early as each can be:
1. `take_keyboard()`: the terminal leaves cooked mode before anything heavy loads, so keys
   typed at launch are neither echoed nor translated (Enter stays Enter) and wait, in order,
   for the app to read them.
2. The garbage collector pauses while modules load (the app turns it back on).
3. A forked child asks for the list's first page (`vtui.tui.prefetch`) while this process
   loads Textual: the first frame then has its rows, its status and its footer.
4. The app runs; the exit status is non-zero only when it really crashed.

No Textual at import: the command line imports this before deciding anything.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime

    from vtui.config import ResolvedProfile
    from vtui.tui.app import VtuiApp
    from vtui.tui.keymap import CheckedKeys
    from vtui.tui.prefetch import FirstPageFetch, FirstPageSource, Prefetch
    from vtui.tui.profiles import ProfileDirectory
    from vtui.tui.session import Connector, Progress, Session, UiStateStore

EXIT_CRASHED = 1


def take_keyboard() -> list[Any] | None:
    """Turn off line editing, echo and CR->NL translation on a terminal stdin; returns the
    modes to restore (None when stdin is not a terminal). Typed bytes stay queued."""
    try:
        import termios

        fd = sys.stdin.fileno()
        if not os.isatty(fd):
            return None
        before = termios.tcgetattr(fd)
        mode = termios.tcgetattr(fd)
        mode[0] &= ~(termios.ICRNL | termios.INLCR | termios.IGNCR | termios.IXON)
        mode[3] &= ~(termios.ICANON | termios.ECHO | termios.IEXTEN)
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(fd, termios.TCSANOW, mode)
        return before
    except Exception:  # no termios, no terminal, or one that refuses: start as it is
        return None


def give_back_keyboard(before: list[Any] | None) -> None:
    if before is None:
        return
    try:
        import termios

        termios.tcsetattr(sys.stdin.fileno(), termios.TCSANOW, before)
    except Exception:  # the terminal is gone; nothing to give back
        return


@dataclass
class Launch:
    """What to start: a connector, what is known before it connects, and the first page."""

    connect: Connector
    profile: str
    region: str
    read_only: bool
    first_page: FirstPageFetch | None
    """What the forked prefetch runs (None: the list asks for its first page itself)."""
    saved_profiles: bool = True
    """Offer the saved profiles (palette, log in again); the demo has none of its own."""
    ui_state: UiStateStore | None = None
    """Where the list's filters and sort are kept (None: the profile's state file)."""
    columns: tuple[str, ...] | None = None
    """The list's columns from config.toml (None: the defaults)."""
    problems: tuple[str, ...] = ()
    """config.toml settings that were wrong and are left at their defaults, one line each."""


def run_profile(profile: ResolvedProfile | None, read_only: bool) -> int:
    """`vtui`: the profile's customer list, or the welcome screen when there is none."""
    keyboard = take_keyboard()
    try:
        if profile is None:
            return _run(None, read_only, keyboard)
        from vtui.tui.prefetch import profile_first_page

        # The request leaves first (its answer is the slowest part on a real network); the
        # rest of the launch is built while it travels.
        prefetch = _start_prefetch(lambda: profile_first_page(profile))
        from vtui.tui.profiles import connector_for

        launch = Launch(
            connect=connector_for(profile, read_only=read_only),
            profile=profile.name,
            region=profile.region,
            read_only=read_only or profile.read_only,
            first_page=None,
            columns=profile.columns,
            problems=profile.problems,
        )
        return _run(launch, read_only, keyboard, prefetch)
    finally:
        give_back_keyboard(keyboard)


def run_demo(customers: int | None, reset: bool, read_only: bool) -> int:
    """`vtui --demo`: the demo project's customer list (seeded on first run)."""
    keyboard = take_keyboard()
    try:
        from vtui.demo import demo_connector, demo_db_path, demo_first_page, seeded_size

        path = demo_db_path()
        seeded = seeded_size(path)
        ready = not reset and seeded is not None and customers in (None, seeded)
        launch = Launch(
            connect=demo_connector(customers, reset, read_only),
            profile="demo",
            region="local sandbox",
            read_only=read_only,
            first_page=(lambda: demo_first_page(path)) if ready else None,
            saved_profiles=False,
        )
        return _run(launch, read_only, keyboard)
    finally:
        give_back_keyboard(keyboard)


def _start_prefetch(fetch: FirstPageFetch) -> Prefetch | None:
    import gc

    gc.disable()  # the app turns it back on once started (imports make few cycles)
    from vtui.tui.prefetch import Prefetch

    return Prefetch.start(fetch)


def _run(
    launch: Launch | None,
    read_only: bool,
    keyboard: list[Any] | None,
    prefetch: Prefetch | None = None,
) -> int:
    import gc

    gc.disable()  # the app turns it back on once started (imports make few cycles)
    if prefetch is None and launch is not None and launch.first_page is not None:
        prefetch = _start_prefetch(launch.first_page)
    try:
        app = build_app(launch, read_only, prefetch=prefetch, keyboard=keyboard)
        app.run()
        return exit_status(app.return_code)
    finally:
        gc.enable()
        if prefetch is not None:
            prefetch.cancel()


def build_app(
    launch: Launch | None,
    read_only: bool,
    *,
    prefetch: FirstPageSource | None = None,
    keyboard: list[Any] | None = None,
    now: Callable[[], datetime] | None = None,
    profiles: ProfileDirectory | None = None,
) -> VtuiApp:
    """The app as `vtui` starts it (tests and screenshots build theirs here too)."""
    from vtui.tui.app import VtuiApp
    from vtui.tui.context import StartInfo
    from vtui.tui.profiles import ConfigProfiles, ConfigUiState

    if profiles is None and (launch is None or launch.saved_profiles):
        profiles = ConfigProfiles(read_only=read_only)
    start = (
        StartInfo(
            launch.profile,
            launch.region,
            launch.read_only,
            launch.ui_state if launch.ui_state is not None else ConfigUiState(launch.profile),
            columns=launch.columns,
            problems=launch.problems,
        )
        if launch is not None
        else None
    )
    keys = checked_keys()
    return VtuiApp(
        launch.connect if launch is not None else None,
        start=start,
        read_only=read_only,
        profiles=profiles,
        demo=_demo(read_only),
        now=now,
        prefetch=prefetch,
        terminal_attrs=keyboard,
        keymap=keys.keymap,
        key_problems=keys.problems,
    )


def checked_keys() -> CheckedKeys:
    """`[keys]` of config.toml (the demo's too), checked against the bindings."""
    from vtui.config.keys import load_keys
    from vtui.config.paths import config_dir
    from vtui.tui.keymap import check_keys

    return check_keys(load_keys(config_dir()))


def _demo(read_only: bool) -> Connector:
    """The welcome screen's "Try the demo": vtui.demo (and the sandbox) load only if chosen."""

    async def connect(progress: Progress) -> Session:
        from vtui.demo import demo_connector

        return await demo_connector(customers=None, reset=False, read_only=read_only)(progress)

    return connect


def exit_status(return_code: int | None) -> int:
    """0 for a normal quit; non-zero when the app crashed (Textual sets 1)."""
    return int(return_code or 0)
