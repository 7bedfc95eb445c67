"""The main screens as scenes: what the SVG snapshot tests compare and what screenshots/ shows.

    python -m vtui.tui.screenshots [OUT_DIR]      # default: ./screenshots

Each scene drives the app on demo data (a fresh sandbox seeded with the demo seed, a fixed
clock, animations and cursor blink off) to one screen. The snapshot tests use the same
scenes, so the pictures in the README are the ones the tests check.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from vtui.tui.app import VtuiApp
    from vtui.tui.session import Connector

SCREEN_SIZE = (110, 32)
FIXED_NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
"""The seeder's data is "as of" 2026-01-01; relative times are measured from just after."""
OPEN_ROW = 3
"""Which customer the detail scenes open (a seeded one with activity and a wallet)."""

Scene = Callable[["Pilot[Any]"], Awaitable[None]]


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and paint; stop every cursor blinking."""
    from textual.widgets import Input

    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    from textual.widgets import Footer

    from vtui.tui.screens.customer_detail import CustomerDetailScreen
    from vtui.tui.screens.customer_list import CustomerListScreen

    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    screen = pilot.app.screen
    if isinstance(screen, CustomerListScreen | CustomerDetailScreen):
        loop = asyncio.get_running_loop()
        end = loop.time() + 10
        # The footer arrives just after the content (late_footer); wait for its keys.
        while not (screen.query(Footer) and screen.query("FooterKey")) and loop.time() < end:
            await pilot.pause(0.05)
        await pilot.pause(0.1)
    await pilot.pause()
    await pilot.pause()


async def _until_list(pilot: Pilot[Any]) -> None:
    from vtui.tui.screens.customer_list import CustomerListScreen

    for _ in range(600):
        if isinstance(pilot.app.screen, CustomerListScreen) and pilot.app.screen.customers:
            break
        await pilot.pause(0.05)
    await settle(pilot)


async def welcome(pilot: Pilot[Any]) -> None:
    await settle(pilot)


async def customer_list(pilot: Pilot[Any]) -> None:
    await _until_list(pilot)


async def filter_bar(pilot: Pilot[Any]) -> None:
    await _until_list(pilot)
    await pilot.press("slash")
    await settle(pilot)
    await pilot.press("tab", "tab", *"Berlin", "enter")
    await settle(pilot)


async def help_screen(pilot: Pilot[Any]) -> None:
    await _until_list(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


def detail(tab_key: str) -> Scene:
    async def scene(pilot: Pilot[Any]) -> None:
        from vtui.tui.widgets.customer_table import CustomerTable

        await _until_list(pilot)
        pilot.app.screen.query_one(CustomerTable).move_cursor(row=OPEN_ROW)
        await pilot.press("enter")
        await settle(pilot)
        if tab_key != "1":
            await pilot.press(tab_key)
            await settle(pilot)

    return scene


SCENES: dict[str, tuple[Scene, bool]] = {
    # name: (scene, needs a session)
    "welcome": (welcome, False),
    "customer_list": (customer_list, True),
    "filter_bar": (filter_bar, True),
    "detail_overview": (detail("1"), True),
    "detail_activity": (detail("2"), True),
    "detail_redeemables": (detail("3"), True),
    "detail_segments": (detail("4"), True),
    "detail_json": (detail("5"), True),
    "help": (help_screen, True),
}


def scene_app(connect: Connector | None) -> VtuiApp:
    """The app a scene runs: fixed clock, no animation, no saved profiles."""
    from vtui.tui.app import VtuiApp
    from vtui.tui.widgets import late_footer

    late_footer.DEFER = False  # one stable frame: the footer comes with the content
    app = VtuiApp(connect, now=lambda: FIXED_NOW)
    app.animation_level = "none"
    return app


def demo_data(db_path: Path, customers: int = 2_000) -> Connector:
    from vtui.demo import DEMO_SEED, demo_connector

    return demo_connector(customers, False, False, db_path=db_path, seed=DEMO_SEED)


async def _shoot(name: str, scene: Scene, connect: Connector | None, out: Path) -> Path:
    app = scene_app(connect)
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await scene(pilot)
        target = out / f"{name}.svg"
        target.write_text(app.export_screenshot(title=f"vtui — {name.replace('_', ' ')}"))
    return target


def main(argv: list[str] | None = None) -> int:
    """Write one SVG per scene, these and the change screens', into OUT_DIR (./screenshots)."""
    import os
    import shutil

    from vtui.tui import change_scenes  # built on this module: imported here, not at the top

    scenes = {**SCENES, **{name: (scene, True) for name, scene in change_scenes.SCENES.items()}}

    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        seeded = Path(tmp) / "seeded.sqlite3"

        async def seed() -> None:
            session = await demo_data(seeded)(lambda done, total: None)
            await session.close()

        asyncio.run(seed())
        for name, (scene, needs_session) in scenes.items():
            # Each scene starts clean: its own copy of the data and no remembered filters.
            os.environ["VTUI_CONFIG_DIR"] = str(Path(tmp) / f"config-{name}")
            db = Path(tmp) / f"{name}.sqlite3"
            shutil.copyfile(seeded, db)
            connect = demo_data(db) if needs_session else None
            path = asyncio.run(_shoot(name, scene, connect, out))
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
