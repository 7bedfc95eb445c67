"""The form's feedback as a new user meets it: notes wrapped whole, a banner that follows the
fixes, a diff with both columns in view, and multi-line metadata kept inside its row."""

from __future__ import annotations

from textual.widgets import Input

from tests.svg_text import svg_lines
from tests.tui.harness import settle
from tests.tui.test_form import open_form, type_into
from vtui.tui.messages import OpenCustomer
from vtui.tui.screens.customer_form import CustomerFormScreen
from vtui.tui.screens.diff_view import DiffScreen
from vtui.tui.widgets.metadata_rows import MetadataRow

EMAIL_PROBLEM = "Email must look like name@example.com"


def banner(form: CustomerFormScreen) -> str:
    widget = form.query_one("#form-error")
    return str(widget.render()) if widget.display else ""


def screen_text(app) -> list[str]:
    return svg_lines(app.export_screenshot())


async def test_a_field_note_shows_whole_under_its_input_at_80_columns(harness):
    h = await harness(customers=20)
    async with h.app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await type_into(pilot, "email", "not-an-email")
        await settle(pilot)
        lines = screen_text(h.app)
        (line,) = [line for line in lines if "Email must" in line]
        assert line.strip() == EMAIL_PROBLEM  # whole, on its own line under the input
        assert line.index("Email must") == lines[lines.index(line) - 1].index("not-an-email")


async def test_the_fix_these_first_banner_follows_the_fields_and_goes_when_fixed(harness):
    h = await harness(customers=20)
    async with h.app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        assert banner(form) == ""  # no empty banner line either
        await type_into(pilot, "email", "bad")
        await type_into(pilot, "birthdate", "1990-13-40")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(h.app.screen, CustomerFormScreen)
        assert "Email must" in banner(form) and "irthdate" in banner(form)
        await type_into(pilot, "email", "good@example.com")
        await settle(pilot)
        assert "Email must" not in banner(form) and "irthdate" in banner(form)
        await type_into(pilot, "birthdate", "1990-01-02")
        await settle(pilot)
        assert banner(form) == ""
        assert not any("Fix these first" in line for line in screen_text(h.app))


async def test_the_diff_keeps_before_and_after_in_view_with_long_values(harness):
    h = await harness(customers=20)
    async with h.app.run_test(size=(200, 60)) as pilot:
        await open_form(pilot)
        long_name = "Maria " + "Lopez-Garcia " * 12 + "END"
        await type_into(pilot, "name", "")
        field = h.app.screen.query_one("#f-name", Input)
        field.value = long_name
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(h.app.screen, DiffScreen)
        lines = screen_text(h.app)
        header = next(line for line in lines if "Before" in line and "After" in line)
        assert header.index("After") < 200 - 10
        assert any("END" in line for line in lines)  # the end of the value folds into view
        box = [line for line in lines if "Lopez-Garcia" in line]
        assert len(box) >= 2 and all(len(line) <= 200 for line in box)


async def test_multi_line_metadata_stays_inside_its_row_and_saves_unchanged(harness):
    h = await harness(customers=20)
    text = "first line\nsecond line"
    created = await h.client.customers.create(
        {"source_id": "ml-1", "name": "Multi Line", "metadata": {"note": text}}
    )
    async with h.app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        h.app.post_message(OpenCustomer(created))
        await settle(pilot)
        form = await open_form(pilot)
        row = form.query_one(MetadataRow)
        assert row.kind == "json"
        assert row.query_one(".meta-value", Input).value == '"first line\\nsecond line"'
        lines = screen_text(h.app)
        assert not any(line.startswith("second line") for line in lines)
        assert not form.is_dirty()  # shown differently, but nothing changed
        await type_into(pilot, "city", "Gdansk")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = await h.get(created.id)
        assert saved is not None and saved.metadata == {"note": text}


async def test_a_field_with_a_line_break_shows_escaped_and_is_kept_unless_retyped(harness):
    h = await harness(customers=20)
    text = "line one\nline two"
    created = await h.client.customers.create(
        {"source_id": "ml-2", "name": "Two Lines", "description": text}
    )
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        h.app.post_message(OpenCustomer(created))
        await settle(pilot)
        form = await open_form(pilot)
        assert form.query_one("#f-description", Input).value == "line one\\x0aline two"
        assert "shown escaped" in str(form.query_one("#note-description").render())
        # Only the field that holds a line break says so; empty ones say nothing.
        assert sum("shown escaped" in line for line in screen_text(h.app)) == 1
        assert not any(line.startswith("line two") for line in screen_text(h.app))
        assert not form.is_dirty()
        await type_into(pilot, "city", "Gdansk")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [c.path for c in h.app.screen.changes] == ["address.city"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = await h.get(created.id)
        assert saved is not None and saved.description == text
