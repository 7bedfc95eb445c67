"""Issue 12 in the form: start from the server, never overwrite with the save key, warn
before replacing, send only touched fields, and leave a save in flight honestly."""

from __future__ import annotations

from tests.tui.harness import SIZE, settle, text_of, until
from tests.tui.test_form import field, open_form, type_into
from vtui.tui.screens.conflict import ChoiceScreen
from vtui.tui.screens.customer_detail import CustomerDetailScreen
from vtui.tui.screens.customer_form import CustomerFormScreen
from vtui.tui.screens.customer_list import CustomerListScreen
from vtui.tui.screens.diff_view import DiffScreen


async def save_through_diff(pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DiffScreen)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_a_change_made_elsewhere_is_never_overwritten_by_the_save_key(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        cid = form.customer.id
        await type_into(pilot, "name", "Mine")
        await h.client.customers.update(cid, {"name": "Theirs", "description": "set by crm"})
        h.recorder.clear()
        await save_through_diff(pilot)
        choice = pilot.app.screen
        assert isinstance(choice, ChoiceScreen)
        shown = text_of(choice.query_one(".confirm-body"))
        assert "Theirs" in shown and "Mine" in shown and "set by crm" in shown
        for key in ("ctrl+s", "enter"):  # neither ordinary key overwrites
            await pilot.press(key)
            await settle(pilot)
        assert h.recorder.writes() == []
        assert (await h.get(cid)).name == "Theirs"
        assert pilot.app.screen is form and field(pilot.app, "name").value == "Mine"
        # The distinct key overwrites, on purpose.
        await save_through_diff(pilot)
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("o")
        await settle(pilot)
        (put,) = h.recorder.writes()
        assert put.body == {"name": "Mine"}
        fresh = await h.get(cid)
        assert fresh.name == "Mine" and fresh.description == "set by crm"
        assert isinstance(pilot.app.screen, CustomerListScreen)


async def test_reload_theirs_keeps_what_was_typed_and_saves_on_top_of_their_version(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        cid = form.customer.id
        await type_into(pilot, "city", "Typed City")
        await h.client.customers.update(cid, {"description": "from elsewhere"})
        await save_through_diff(pilot)
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("r")
        await settle(pilot)
        assert pilot.app.screen is form
        assert field(pilot.app, "city").value == "Typed City"
        assert field(pilot.app, "description").value == "from elsewhere"
        await save_through_diff(pilot)
        fresh = await h.get(cid)
        assert fresh.address.city == "Typed City" and fresh.description == "from elsewhere"


async def test_the_form_starts_from_a_fresh_read_and_typing_meanwhile_is_kept(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = pilot.app.screen.target_customer()
        await h.client.customers.update(target.id, {"name": "Renamed Elsewhere"})
        h.recorder.clear()
        reads = []

        def the_forms_read(r) -> bool:
            """The list reads the customer to open the form; the form reads it again."""
            if r.method == "GET" and r.url.path.endswith(f"/customers/{target.id}"):
                reads.append(r)
                return len(reads) == 2
            return False

        gate = h.recorder.hold(the_forms_read)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerFormScreen))
        form = pilot.app.screen
        assert isinstance(form, CustomerFormScreen)
        assert "reading…" in text_of(form.query_one("#form-title"))
        await type_into(pilot, "city", "Typed While Reading")
        await pilot.press("ctrl+s")  # not yet: the save waits for the fresh copy
        await pilot.pause()
        assert h.recorder.writes() == [] and pilot.app.screen is form
        gate.set()
        await until(pilot, lambda: not form.reading)
        assert "reading…" not in text_of(form.query_one("#form-title"))
        assert field(pilot.app, "name").value == "Renamed Elsewhere"
        assert field(pilot.app, "city").value == "Typed While Reading"
        await save_through_diff(pilot)
        fresh = await h.get(target.id)
        assert fresh.name == "Renamed Elsewhere" and fresh.address.city == "Typed While Reading"


async def test_untouched_odd_phone_and_trailing_space_neither_block_nor_are_sent(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = pilot.app.screen.target_customer()
        odd = "+1 (555) 010-9999 ext. 12345"
        address = {"line_1": "12 Main St ", "city": "Oslo"}
        await h.client.customers.update(target.id, {"phone": odd, "address": address})
        form = await open_form(pilot)
        await until(pilot, lambda: not form.reading)
        assert field(pilot.app, "phone").value == odd
        assert "Phone" not in str(form.query_one("#note-phone").render())
        await type_into(pilot, "name", "Only The Name")
        h.recorder.clear()
        await save_through_diff(pilot)
        (put,) = h.recorder.writes()
        assert put.body == {"name": "Only The Name"}
        fresh = await h.get(target.id)
        assert fresh.phone == odd and fresh.address.line_1 == "12 Main St "


async def test_new_customer_with_an_existing_source_id_warns_before_anything_is_written(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        existing = pilot.app.screen.target_customer()
        await open_form(pilot, "n")
        await type_into(pilot, "source_id", existing.source_id)
        await type_into(pilot, "name", "Would Replace")
        h.recorder.clear()
        await save_through_diff(pilot)
        choice = pilot.app.screen
        assert isinstance(choice, ChoiceScreen)
        assert existing.source_id in text_of(choice.query_one(".confirm-body"))
        assert h.recorder.writes() == []
        await pilot.press("o")  # open that customer instead
        await settle(pilot)
        assert isinstance(pilot.app.screen, CustomerDetailScreen)
        assert pilot.app.screen.target_customer().id == existing.id
        assert (await h.get(existing.id)).name == existing.name
        assert h.recorder.writes() == []


async def test_replacing_an_existing_source_id_needs_its_own_key(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        existing = pilot.app.screen.target_customer()
        await open_form(pilot, "n")
        await type_into(pilot, "source_id", existing.source_id)
        await type_into(pilot, "name", "Replaced On Purpose")
        await save_through_diff(pilot)
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("r")
        await settle(pilot)
        assert (await h.get(existing.id)).name == "Replaced On Purpose"


async def test_escape_while_saving_waits_and_then_tells_the_truth(harness):
    h = await harness()
    async with h.app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await until(pilot, lambda: not form.reading)
        cid = form.customer.id
        await type_into(pilot, "name", "Saved Meanwhile")
        gate = h.recorder.hold(lambda r: r.method == "PUT")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any(s.method == "PUT" for s in h.recorder.sent))
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is form and form.saving
        assert any("Saving" in n and "wait" in n for n in h.notes)
        gate.set()
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomerListScreen))
        assert (await h.get(cid)).name == "Saved Meanwhile"
        assert any(n.startswith("Saved") for n in h.notes)
