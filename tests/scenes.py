"""The main screens as scenes: what the SVG snapshot tests compare and what screenshots/ shows.

    python -m tests.scenes [OUT_DIR]      # default: ./screenshots

Each scene starts the app the way `vtui --demo` does (`vtui.tui.startup.build_app`, the first
page fetched by the start-up's own `demo_first_page`, in-process instead of in a forked
child) on a fresh demo database with a fixed seed and clock, and drives it to one screen.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.pilot_waits import settle as _settle
from tests.tui.harness import FIXED_NOW
from vtui.demo import DEMO_SEED, demo_connector, demo_first_page
from vtui.tui.prefetch import FirstPage
from vtui.tui.startup import Launch, build_app

SCREEN_SIZE = (120, 40)
SMALL_SIZE = (80, 24)
"""The smallest terminal vtui is laid out for: the main screens are shot there too."""
OPEN_ROW = 3
"""Which customer the detail scenes open (a seeded one with activity and a wallet)."""
DEMO_CUSTOMERS = 2_000

Scene = Callable[[Pilot[Any]], Awaitable[None]]


class FirstPageNow:
    """The start-up's first page, fetched in this process (the fork is the only difference)."""

    def __init__(self, db: Path) -> None:
        self.db = db

    async def get(self, timeout: float) -> FirstPage | None:
        return await demo_first_page(self.db)

    def cancel(self) -> None:
        return None


def scene_app(db: Path | None) -> Any:
    """The app a scene runs: `vtui --demo`'s, on `db`, with a fixed clock (None: no profile)."""
    if db is None:
        app = build_app(None, False, now=lambda: FIXED_NOW)
    else:
        launch = Launch(
            connect=demo_connector(None, False, False, db_path=db, seed=DEMO_SEED),
            profile="demo",
            region="local sandbox",
            read_only=False,
            first_page=None,
            saved_profiles=False,
        )
        app = build_app(launch, False, prefetch=FirstPageNow(db), now=lambda: FIXED_NOW)
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and paint; stop every cursor blinking."""
    from textual.widgets import Input

    await _settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def _until_list(pilot: Pilot[Any]) -> None:
    from vtui.tui.screens.customer_list import CustomerListScreen

    for _ in range(600):
        screen = pilot.app.screen
        if isinstance(screen, CustomerListScreen) and screen.customers:
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


async def find(pilot: Pilot[Any]) -> None:
    await _until_list(pilot)
    await pilot.press("f", *"nowak")
    await settle(pilot)


async def views_list(pilot: Pilot[Any]) -> None:
    from vtui.tui.context import context
    from vtui.tui.list_query import ListQuery
    from vtui.tui.views import View, with_view

    await _until_list(pilot)
    store = context(pilot.app).ui_state()
    assert store is not None
    state = store.load()
    for view in (
        View("VIP in Warsaw", ListQuery(city="Warsaw"), ("name", "email", "city", "created")),
        View("Recently updated", ListQuery(order="-updated_at")),
        View("Berlin, oldest first", ListQuery(city="Berlin", order="created_at")),
    ):
        state = with_view(state, view)
    store.save(state)
    await pilot.press("v")
    await settle(pilot)


async def _open_row(pilot: Pilot[Any], *keys: str) -> None:
    from vtui.tui.widgets.customer_table import CustomerTable

    await _until_list(pilot)
    pilot.app.screen.query_one(CustomerTable).move_cursor(row=OPEN_ROW)
    await pilot.press(*keys)
    await settle(pilot)


async def column_picker(pilot: Pilot[Any]) -> None:
    """The palette's "Columns…": Phone shown and moved up, a metadata column added."""
    await _until_list(pilot)
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"Columns", "enter")
    await settle(pilot)
    await pilot.press("down", "down", "down", "down", "down", "down", "space", "K", "K")
    await pilot.press("tab", *"tier", "enter")
    await settle(pilot)


def detail(tab_key: str) -> Scene:
    async def scene(pilot: Pilot[Any]) -> None:
        await _open_row(pilot, "enter")
        if tab_key != "1":
            await pilot.press(tab_key)
            await settle(pilot)

    return scene


IMPORT_EXAMPLE = Path(tempfile.gettempdir()) / "vtui-example-import.csv"
IMPORT_ROWS = (
    "Source_id,Name,Email,Phone,Birthdate,City,Country,favorite_brand\n"
    "crm-9001,Ada Lovelace,ada@example.com,+44 20 7946 0000,1815-12-10,London,UK,Nike\n"
    "crm-9002,Alan Turing,alan@example.com,+44 20 7946 0001,1912-06-23,Wilmslow,UK,Puma\n"
    "crm-9003,Grace Hopper,grace@example,+1 212 555 0100,1906-12-09,New York,US,Reebok\n"
    "crm-9004,Edsger Dijkstra,edsger@example.com,+31 20 555 0101,1930-05-11,Nuenen,NL,\n"
    "crm-9005,Barbara Liskov,barbara@example.com,+1 617 555 0102,1939-13-07,Boston,US,Asics\n"
)


async def customer_form(pilot: Pilot[Any]) -> None:
    await _open_row(pilot, "e")


async def form_diff(pilot: Pilot[Any]) -> None:
    from textual.widgets import Input

    await _open_row(pilot, "e")
    screen = pilot.app.screen
    screen.query_one("#f-name", Input).value = "Maria Lopez-Garcia"
    screen.query_one("#f-phone", Input).value = ""
    screen.query_one("#f-city", Input).value = "Sevilla"
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def confirm_delete(pilot: Pilot[Any]) -> None:
    await _open_row(pilot, "ctrl+d")


async def confirm_delete_forever(pilot: Pilot[Any]) -> None:
    await _open_row(pilot, "D")


async def import_preview(pilot: Pilot[Any]) -> None:
    from textual.widgets import Input

    IMPORT_EXAMPLE.write_text(IMPORT_ROWS, encoding="utf-8")
    await _until_list(pilot)
    await pilot.press("i")
    await settle(pilot)
    path = pilot.app.screen.query_one("#imp-path", Input)
    path.value = str(IMPORT_EXAMPLE)
    path.focus()
    await pilot.press("enter")
    for _ in range(100):
        await settle(pilot)
        if "checked" in str(pilot.app.screen.query_one("#imp-summary").render()):
            break
    await settle(pilot)


async def job_progress(pilot: Pilot[Any]) -> None:
    """A job in flight, taken from the reference's example (ids there are fixed)."""
    from vtui.api import AsyncAction
    from vtui.tui.context import context
    from vtui.tui.jobs import Job
    from vtui.tui.screens.job_progress import JobProgressScreen

    await _until_list(pilot)
    action = AsyncAction.model_validate(
        {
            "id": "aa_0c5543f00797b6113f",
            "type": "CUSTOMERS.IMPORT_CSV",
            "status": "IN_PROGRESS",
            "progress": 60,
            "result": {
                "message": "3 customers imported so far, 2 failed.",
                "done_count": 3,
                "failed_count": 2,
                "failed": [
                    {"source_id": "crm-9003", "row": 3, "reason": "email: must be an email"},
                    {"source_id": "crm-9005", "row": 5, "reason": "birthdate: not a date"},
                ],
            },
            "object": "async_action",
        }
    )
    context(pilot.app).jobs.jobs[action.id] = Job(action.id, "CSV import of 5 rows", action=action)
    await pilot.app.push_screen(JobProgressScreen(action.id, "CSV import of 5 rows"))
    await settle(pilot)


SCENES: dict[str, tuple[Scene, bool]] = {
    # name: (scene, needs the demo data)
    "welcome": (welcome, False),
    "customer_list": (customer_list, True),
    "filter_bar": (filter_bar, True),
    "detail_overview": (detail("1"), True),
    "detail_activity": (detail("2"), True),
    "detail_redeemables": (detail("3"), True),
    "detail_segments": (detail("4"), True),
    "detail_json": (detail("5"), True),
    "help": (help_screen, True),
    "find": (find, True),
    "views_list": (views_list, True),
    "column_picker": (column_picker, True),
    "customer_form": (customer_form, True),
    "form_diff": (form_diff, True),
    "confirm_delete": (confirm_delete, True),
    "confirm_delete_forever": (confirm_delete_forever, True),
    "import_preview": (import_preview, True),
    "job_progress": (job_progress, True),
}


SIZES: dict[str, tuple[int, int]] = {}
"""Scenes shot at another size than SCREEN_SIZE."""
for _name in ("customer_list", "detail_overview", "customer_form"):
    SCENES[f"{_name}_80x24"] = SCENES[_name]
    SIZES[f"{_name}_80x24"] = SMALL_SIZE


def size_of(name: str) -> tuple[int, int]:
    return SIZES.get(name, SCREEN_SIZE)


async def seed_demo(db: Path) -> None:
    """The demo database the scenes run on (the demo's seed and size)."""
    connect = demo_connector(DEMO_CUSTOMERS, False, False, db_path=db, seed=DEMO_SEED)
    session = await connect(lambda done, total: None)
    await session.close()


async def _shoot(name: str, scene: Scene, db: Path | None, out: Path) -> Path:
    app = scene_app(db)
    async with app.run_test(size=size_of(name)) as pilot:
        await scene(pilot)
        target = out / f"{name}.svg"
        target.write_text(app.export_screenshot(title=f"vtui — {name.replace('_', ' ')}"))
    return target


def main(argv: list[str] | None = None) -> int:
    """Write one SVG per scene into OUT_DIR (./screenshots)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        seeded = Path(tmp) / "seeded.sqlite3"
        asyncio.run(seed_demo(seeded))
        for name, (scene, needs_data) in SCENES.items():
            # Each scene starts clean: its own copy of the data and no remembered filters.
            os.environ["VTUI_CONFIG_DIR"] = str(Path(tmp) / f"config-{name}")
            db = Path(tmp) / f"{name}.sqlite3"
            shutil.copyfile(seeded, db)
            print(asyncio.run(_shoot(name, scene, db if needs_data else None, out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
