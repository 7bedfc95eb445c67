"""Customer data never drives the terminal: a customer whose fields hold CSI colours, OSC 2
(title), OSC 52 (clipboard), C1 controls and bidi overrides is shown with those as visible
escapes, in the list (columns still aligned), the detail (header, Overview, Activity,
Segments, JSON) and a notification. Checked on what Textual would write to the terminal."""

from __future__ import annotations

import io
import re
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from textual.widgets import DataTable
from textual.widgets._toast import Toast

from tests.tui.harness import SIZE, settle, until
from vtui.tui.screens.confirm import ConfirmScreen
from vtui.tui.screens.customer_detail import CustomerDetailScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.widgets.customer_table import CustomerTable

CSI_RED = "\x1b[31m"
OSC_TITLE = "\x1b]2;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
HOSTILE_NAME = f"Eve{CSI_RED}Red{OSC_TITLE}{OSC_CLIPBOARD}\x9b7m\u202eevil"
HOSTILE_EMAIL = "eve.hostile@example.com"

TEXTUAL_OWN = re.compile(r"\x1b\[[0-9;:]*[mH]")
"""What Textual itself writes in a full repaint: colours (SGR) and cursor moves."""
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2028\u2029]")
"""Characters a terminal would obey, or that reorder or hide text (\\n and \\t aside: the
repaint's own line breaks)."""


async def hostile_customer(h: Any) -> str:
    """A customer with hostile text in every field the screens show; its id."""
    customer = await h.client.customers.create(
        {
            "name": HOSTILE_NAME,
            "email": HOSTILE_EMAIL,
            "source_id": f"src{CSI_RED}1",
            "description": f"about{OSC_TITLE}",
            "phone": "+48\x1b[2J123",
            "address": {"city": f"Paris{OSC_CLIPBOARD}", "country": "F\u2066R"},
            "metadata": {f"key{CSI_RED}": f"value{OSC_TITLE}\x9d0;x\x9c"},
        }
    )
    conn = h.sandbox.conn  # what no API route writes: an event type and a segment name
    conn.execute(
        "UPDATE events SET type = ?, data = ? WHERE customer_id = ?",
        (
            f"customer.{CSI_RED}odd",
            '{"data": {"segment": {"name": "seg\\u001b]2;PWNED\\u0007"}},'
            ' "event_source": {"channel": "API\\u009b1m"}}',
            customer.id,
        ),
    )
    seq, created = conn.execute(
        "SELECT seq, created_at FROM customers WHERE id = ?", (customer.id,)
    ).fetchone()
    conn.execute(
        "INSERT INTO segments (id, name, type, filter, created_at) VALUES (?, ?, ?, NULL, ?)",
        ("seg_hostile000000000000000", f"Segment{OSC_TITLE}{CSI_RED}", "static", created),
    )
    conn.execute(
        "INSERT INTO segment_members (segment_id, created_at, customer_seq) VALUES (?, ?, ?)",
        ("seg_hostile000000000000000", created, seq),
    )
    conn.commit()
    return str(customer.id)


def terminal_output(app: Any) -> tuple[str, list[str]]:
    """What a full repaint of the current screen writes to the terminal, and its lines as
    plain text (one character per cell for the ASCII text used here)."""
    update = app.screen._compositor.render_update(full=True)
    console = Console(
        file=io.StringIO(), force_terminal=True, color_system="truecolor", width=SIZE[0]
    )
    raw = update.render_segments(console)
    lines = [
        "".join(seg.text for strip in line for seg in strip if not seg.control)
        for line in update.strips
    ]
    return raw, lines


def assert_inert(app: Any) -> list[str]:
    """Nothing on screen acts on the terminal: past Textual's own colours and cursor moves,
    the bytes hold no ESC, BEL, C1 or bidi control, and the text itself holds no ESC at all
    (which also catches an injected CSI colour, shaped like Textual's own). The plain lines,
    for more checks."""
    raw, lines = terminal_output(app)
    left = TEXTUAL_OWN.sub("", raw)
    assert OBEYED.findall(left) == []
    assert "\x1b" not in "".join(lines)
    return lines


async def test_hostile_text_in_the_list_is_shown_as_escapes_and_the_columns_line_up(harness):
    h = await harness(customers=200)
    customer_id = await hostile_customer(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = h.app.screen
        assert isinstance(screen, CustomerListScreen)
        table = screen.query_one(CustomerTable)
        await until(pilot, lambda: customer_id in {str(k.value) for k in table.rows})
        row = table.get_row_index(customer_id)
        table.move_cursor(row=row)
        await settle(pilot)
        lines = assert_inert(h.app)
        shown = [line for line in lines if "Eve\\x1b[31mRed" in line]
        assert len(shown) == 1, lines
        line = shown[0]
        # Aligned: the email starts where the Email column starts, as on a row of the seed.
        name_column = table.ordered_columns[0]
        start = table.content_region.x + name_column.get_render_width(table)
        assert line[start:].lstrip().startswith(HOSTILE_EMAIL)
        assert line.index(HOSTILE_EMAIL) == start + table.cell_padding
        assert "…" in line[:start]  # the long name is cut inside its own column
        assert "src\\x1b[31m1" in line and "Paris\\x1b…" in line
        # Every cell of the row is exactly its column's width.
        for index, column in enumerate(table.ordered_columns):
            columns = column.get_render_width(table)
            strips = table._render_cell(row, index, table.rich_style, columns)
            assert sum(cell_len(seg.text) for seg in strips[0]) == columns


async def test_hostile_text_in_the_detail_tabs_is_shown_as_escapes(harness):
    h = await harness(customers=200)
    customer_id = await hostile_customer(h)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = h.app.screen.query_one(CustomerTable)
        await until(pilot, lambda: customer_id in {str(k.value) for k in table.rows})
        table.move_cursor(row=table.get_row_index(customer_id))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerDetailScreen)
        text = "\n".join(assert_inert(h.app))  # header and Overview
        assert "Eve\\x1b[31mRed\\x1b]2;PWNED\\x07\\x1b]52;c;cHduZWQ=\\x07\\x9b7m\\u202eevil" in text
        assert "src\\x1b[31m1" in text and "about\\x1b]2;PWNED\\x07" in text
        assert "+48\\x1b[2J123" in text and "F\\u2066R" in text
        assert "key\\x1b[31m" in text and "value\\x1b]2;PWNED\\x07\\x9d0;x\\x9c" in text

        await pilot.press("2")  # Activity
        await settle(pilot)
        activity = h.app.screen.query_one("#tab-activity")
        await until(pilot, lambda: activity.query_one(DataTable).row_count)
        text = "\n".join(assert_inert(h.app))
        assert "\\x1b[31modd" in text and "API\\x9b1m" in text  # (shown without "customer.")
        assert "segment seg\\x1b]2;PWNED\\x07" in text

        await pilot.press("4")  # Segments
        await settle(pilot)
        text = "\n".join(assert_inert(h.app))
        assert "Segment\\x1b]2;PWNED\\x07\\x1b[31m" in text

        await pilot.press("5")  # JSON: JSON escapes C0 itself; C1 and bidi are made inert
        await settle(pilot)
        text = "\n".join(assert_inert(h.app))
        assert "\\u001b[31m" in text and "\\x9b7m\\u202eevil" in text


async def test_a_notification_naming_a_hostile_customer_is_inert(harness):
    h = await harness(customers=200)
    customer_id = await hostile_customer(h)
    async with h.app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        table = h.app.screen.query_one(CustomerTable)
        await until(pilot, lambda: customer_id in {str(k.value) for k in table.rows})
        table.move_cursor(row=table.get_row_index(customer_id))
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(h.app.screen, ConfirmScreen)
        assert "Eve\\x1b[31mRed" in "\n".join(assert_inert(h.app))  # the confirm dialog
        await pilot.press("y")
        await settle(pilot)
        await until(pilot, lambda: any(n.startswith("Deleted ") for n in h.notes))
        note = next(n for n in h.notes if n.startswith("Deleted "))
        assert OBEYED.findall(note) == [] and "Eve\\x1b[31mRed\\x1b]2;PWNED" in note
        await until(pilot, lambda: h.app.screen.query(Toast))
        await settle(pilot)
        text = "\n".join(assert_inert(h.app))
        assert "Deleted" in text and "Eve\\x1b[31mRed\\x1b]2;PWNED" in text  # the toast


def test_prefetched_rows_are_inert_before_the_list_ever_sees_them():
    """The start-up prefetch child and the list build rows with `columns.cells` from the
    rows read off the raw answer, metadata columns included."""
    from vtui.api.rows import CustomerRow
    from vtui.tui.columns import cells as row_cells
    from vtui.tui.columns import shown_columns

    item = {
        "id": "cust_1",
        "name": HOSTILE_NAME,
        "address": {"city": f"Nice{OSC_CLIPBOARD}"},
        "metadata": {"note": OSC_CLIPBOARD, "nested": {"x": HOSTILE_NAME}},
    }
    columns = shown_columns(
        ["name", "email", "source_id", "city", "metadata.note", "metadata.nested"], ""
    )
    cells = row_cells(CustomerRow.from_json(item), columns)
    assert cells[0].startswith("Eve\\x1b[31mRed\\x1b]2;PWNED\\x07")
    assert cells[3] == "Nice\\x1b]52;c;cHduZWQ=\\x07"
    assert cells[4] == "\\x1b]52;c;cHduZWQ=\\x07"
    assert cells[5].startswith('{"x": "Eve\\u001b[31mRed')  # JSON's own escape
    assert not any(OBEYED.search(text) for text in cells)
