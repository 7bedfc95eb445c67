"""Scenes of the change screens (form, diff, confirmations, import preview, job progress),
for the SVG snapshot tests and for screenshots/, which `python -m vtui.tui.screenshots [OUT_DIR]`
writes together with the others (`python -m vtui.tui.change_scenes` does the same).

Built on `vtui.tui.screenshots` (same demo data, clock, size and settling), so the pictures
match the part-1 ones.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vtui.tui import screenshots
from vtui.tui.screenshots import OPEN_ROW, Scene, settle

if TYPE_CHECKING:
    from textual.pilot import Pilot

IMPORT_EXAMPLE = Path(tempfile.gettempdir()) / "vtui-example-import.csv"
IMPORT_ROWS = (
    "Source_id,Name,Email,Phone,Birthdate,City,Country,favorite_brand\n"
    "crm-9001,Ada Lovelace,ada@example.com,+44 20 7946 0000,1815-12-10,London,UK,Nike\n"
    "crm-9002,Alan Turing,alan@example.com,+44 20 7946 0001,1912-06-23,Wilmslow,UK,Puma\n"
    "crm-9003,Grace Hopper,grace@example,+1 212 555 0100,1906-12-09,New York,US,Reebok\n"
    "crm-9004,Edsger Dijkstra,edsger@example.com,+31 20 555 0101,1930-05-11,Nuenen,NL,\n"
    "crm-9005,Barbara Liskov,barbara@example.com,+1 617 555 0102,1939-13-07,Boston,US,Asics\n"
)


async def _open_row(pilot: Pilot[Any], key: str) -> None:
    from vtui.tui.widgets.customer_table import CustomerTable

    await screenshots.customer_list(pilot)
    pilot.app.screen.query_one(CustomerTable).move_cursor(row=OPEN_ROW)
    await pilot.press(key)
    await settle(pilot)


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
    await screenshots.customer_list(pilot)
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
    from vtui.tui.job_board import Job, state_of
    from vtui.tui.screens.job_progress import JobProgressScreen

    await screenshots.customer_list(pilot)
    action = AsyncAction.model_validate(
        {
            "id": "aa_0c5543f00797b6113f",
            "type": "CUSTOMERS.IMPORT_CSV",
            "status": "IN_PROGRESS",
            "progress": 60,
            "result": {
                "message": "3 customer(s) imported so far, 2 failed.",
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
    board = state_of(pilot.app).board  # type: ignore[arg-type]
    board.jobs[action.id] = Job(action.id, "CSV import of 5 rows", action=action)
    await pilot.app.push_screen(JobProgressScreen(action.id, "CSV import of 5 rows"))
    await settle(pilot)


SCENES: dict[str, Scene] = {
    "customer_form": customer_form,
    "form_diff": form_diff,
    "confirm_delete": confirm_delete,
    "confirm_delete_forever": confirm_delete_forever,
    "import_preview": import_preview,
    "job_progress": job_progress,
}


if __name__ == "__main__":
    raise SystemExit(screenshots.main())
