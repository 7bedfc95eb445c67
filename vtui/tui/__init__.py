"""The Textual UI of vtui. `main` is what `vtui` runs; Textual is imported only when called."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vtui.config import ResolvedProfile


def main(profile: ResolvedProfile | None, read_only: bool) -> int:
    """Open the active profile's customer list, or the welcome screen when there is none."""
    from vtui.tui.app import VtuiApp
    from vtui.tui.first_page import FirstPageCache
    from vtui.tui.profiles import ConfigProfiles, connector_for

    connect = connector_for(profile, read_only=read_only) if profile is not None else None
    app = VtuiApp(
        connect,
        read_only=read_only,
        profiles=ConfigProfiles(read_only=read_only),
        first_page_cache=FirstPageCache(profile.name) if profile is not None else None,
    )
    result = app.run()
    return int(result or 0)
