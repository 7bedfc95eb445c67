"""Run `vtui` exactly as the console script does, headless, and report what it imported.

Used by test_startup_budget.py in a fresh interpreter:

    python startup_probe.py [vtui args...]   -> JSON {"exit": int, "screen": str, "modules": [...]}

`App.run` is wrapped to run headless with an auto-pilot that waits until the customer list has
rows or shows its error, then exits; everything before and after is vtui's own start-up path.
"""

from __future__ import annotations

import json
import sys
import time


def main() -> int:
    import textual.app

    original_run = textual.app.App.run
    seen: dict[str, str] = {"screen": "", "state": ""}

    def headless_run(self: textual.app.App[object], *args: object, **kwargs: object) -> object:
        async def auto_pilot(pilot: object) -> None:
            from vtui.tui.widgets.customer_table import CustomerTable
            from vtui.tui.widgets.list_state import ListState

            end = time.monotonic() + 20
            while time.monotonic() < end:
                await pilot.pause(0.05)  # type: ignore[attr-defined]
                screen = self.screen
                seen["screen"] = type(screen).__name__
                if seen["screen"] != "CustomerListScreen":
                    continue
                tables = list(screen.query(CustomerTable))
                states = [s for s in screen.query(ListState) if s.display and s.has_class("-error")]
                if tables and tables[0].row_count:
                    seen["state"] = f"rows:{tables[0].row_count}"
                    break
                if states:
                    seen["state"] = "error:" + str(states[0].render())
                    break
            self.exit(0)

        kwargs["headless"] = True
        kwargs["auto_pilot"] = auto_pilot
        return original_run(self, *args, **kwargs)  # type: ignore[arg-type]

    textual.app.App.run = headless_run  # type: ignore[method-assign,assignment]
    from vtui.cli import main as vtui_main

    code = vtui_main(sys.argv[1:])
    report = {
        "exit": code,
        "screen": seen["screen"],
        "state": seen["state"],
        "modules": sorted(sys.modules),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
