"""The Textual UI of vtui. `main` is what `vtui` runs; Textual is imported only when called."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vtui.config import ResolvedProfile


def pause_gc_for_start_up() -> None:
    """Pause the cyclic GC while vtui starts: about a tenth of start-up's CPU goes to collecting
    the many objects imports make, which are seldom cycles. `VtuiApp` turns it back on soon
    after it mounts (and when it ends)."""
    import gc

    gc.disable()


def main(profile: ResolvedProfile | None, read_only: bool) -> int:
    """Open the active profile's customer list, or the welcome screen when there is none."""
    pause_gc_for_start_up()
    prefetch = None
    if profile is not None:
        # A forked child asks for the first page while Textual loads here.
        from vtui.tui.prefetch import Prefetch
        from vtui.tui.profiles import profile_first_page

        prefetch = Prefetch.start(lambda: profile_first_page(profile))
    try:
        from vtui.tui.app import VtuiApp
        from vtui.tui.profiles import ConfigProfiles, connector_for

        connect = connector_for(profile, read_only=read_only) if profile is not None else None
        app = VtuiApp(
            connect,
            read_only=read_only,
            profiles=ConfigProfiles(read_only=read_only),
            prefetch=prefetch,
        )
        result = app.run()
    finally:
        if prefetch is not None:
            prefetch.cancel()
    return int(result or 0)
