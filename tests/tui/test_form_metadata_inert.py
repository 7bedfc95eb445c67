"""The form's metadata rows are inert too: a key holding an OSC title sequence or a CSI
colour, and a JSON value holding bidi overrides or C1 controls, show as visible escapes in
their inputs (never retitle the terminal or reorder the line), and saving another field
keeps the stored key as it is."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.harness import SIZE, settle
from tests.tui.test_form import open_form, type_into
from tests.tui.test_inert import assert_inert
from vtui.tui.screens.diff_view import DiffScreen
from vtui.tui.widgets.metadata_rows import MetadataRow

TITLE_KEY = "k\x1b]0;pwned\x07"
COLOUR_KEY = "tier\x1b[31m"
BIDI_VALUE = {"note": "abc \u202edef\u202c \x9b7m ghi"}


async def test_hostile_metadata_keys_and_values_show_escaped_and_are_kept_on_save(harness):
    h = await harness(customers=20)
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        victim = pilot.app.screen.target_customer()
        metadata = {TITLE_KEY: "v", COLOUR_KEY: "gold", "bidi": BIDI_VALUE}
        await h.client.customers.update(victim.id, {"metadata": metadata})
        form = await open_form(pilot)
        await settle(pilot)
        assert not form.reading
        keys = [row.query_one(".meta-key", Input).value for row in form.query(MetadataRow)]
        assert "k\\x1b]0;pwned\\x07" in keys and "tier\\x1b[31m" in keys
        text = "\n".join(assert_inert(h.app))
        assert "k\\x1b]0;pwned\\x07" in text
        assert "\\u202edef" in text  # the JSON value's bidi override, as an escape
        assert text.count("key shown escaped; kept unless retyped") == 2

        await type_into(pilot, "city", "Gdansk")
        await pilot.press("ctrl+s")
        await settle(pilot)
        diff = pilot.app.screen
        assert isinstance(diff, DiffScreen)
        fields = [str(row[0]) for row in map(diff.query_one("DataTable").get_row_at, [0])]
        assert fields == ["address.city"]  # the escaped keys are not renames
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = await h.client.customers.get(victim.id)
        assert saved.metadata == metadata
