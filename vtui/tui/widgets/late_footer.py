"""The footer, mounted once the screen's content has painted.

Textual's Footer builds one widget per shown key and rebuilds them on every focus change;
with vtui's many keys that costs more than painting a page of customers, so it comes after.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


def mount_footer(screen: Screen[Any]) -> None:
    """Add the footer if the screen has none yet (idempotent)."""
    if screen.is_attached and not screen.query(Footer):
        screen.mount(Footer())


FOOTER_DELAY = 0.15
"""Seconds after the content's first frame; long enough for that frame to reach the screen."""


DEFER = True
"""False mounts the footer at once (screenshots and snapshot tests want one stable frame)."""


def mount_footer_after_paint(screen: Screen[Any]) -> None:
    if DEFER:
        screen.set_timer(FOOTER_DELAY, lambda: mount_footer(screen))
    else:
        mount_footer(screen)
