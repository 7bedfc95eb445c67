"""The Textual UI of vtui. `main` is what `vtui` runs; Textual is imported only when called."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vtui.config import ResolvedProfile


def main(profile: ResolvedProfile | None, read_only: bool) -> int:
    """Open the active profile's customer list, or the welcome screen when there is none."""
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
