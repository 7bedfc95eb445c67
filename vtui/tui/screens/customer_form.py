"""The customer form (`n` new, `e` edit): every writable field, checked as you type.

Saving shows the diff first and sends only what changed; emptying a field that had a
value is shown as "will be cleared" and sent as an explicit null. A failed save keeps
everything typed and shows the API's message; leaving with unsaved changes asks first.
The screen dismisses with the saved customer (or None when left without saving).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from vtui.changes import fields as cf
from vtui.tui.context import context
from vtui.tui.messages import CustomerSaved
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.widgets.metadata_rows import MetadataRows

if TYPE_CHECKING:
    from vtui.api import Customer

# (input id, label, where the value lives in the fields dict, check)
Check = Callable[[str], str | None]
FIELDS: tuple[tuple[str, str, str, Check | None], ...] = (
    ("name", "Name", "name", None),
    ("email", "Email", "email", cf.check_email),
    ("phone", "Phone", "phone", cf.check_phone),
    ("description", "Description", "description", None),
    ("birthdate", "Birthdate", "birthdate", lambda v: cf.check_date(v, "Birthdate")),
    ("line_1", "Address line 1", "address.line_1", None),
    ("line_2", "Address line 2", "address.line_2", None),
    ("city", "City", "address.city", None),
    ("state", "State", "address.state", None),
    ("postal_code", "Postal code", "address.postal_code", None),
    ("country", "Country", "address.country", None),
)


def _get(fields: cf.Fields, path: str) -> Any:
    if path.startswith("address."):
        return (fields.get("address") or {}).get(path.split(".", 1)[1])
    return fields.get(path)


class CustomerFormScreen(Screen["Customer | None"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Review the changes and save"),
        Binding("escape", "leave", "Cancel", id="form.cancel", tooltip="Leave (asks if unsaved)"),
        Binding("ctrl+t", "add_metadata", "Add metadata", id="form.meta"),
    ]

    def __init__(self, customer: Customer | None = None) -> None:
        super().__init__()
        self.customer = customer
        self.before: cf.Fields = cf.normal(cf.editable(customer) if customer else {})
        self.saving = False

    def compose(self) -> ComposeResult:
        c = self.customer
        title = (
            "New customer"
            if c is None
            else f"Edit {c.name or c.email or c.source_id or c.id}  ·  {c.id}"
        )
        yield Static(title, id="form-title")
        yield Static("", id="form-error")
        with VerticalScroll(id="form-body"):
            if c is None:
                yield from self._row("source_id", "Source ID", "", "optional, cannot change later")
            else:
                yield Label(
                    f"source_id {c.source_id or '—'} (cannot be changed)", classes="form-section"
                )
            for input_id, label, path, _ in FIELDS:
                if input_id == "line_1":
                    yield Label("Address", classes="form-section")
                value = _get(self.before, path)
                yield from self._row(input_id, label, value or "", "")
            yield Label("Metadata", classes="form-section")
            yield MetadataRows(self.before["metadata"], id="form-metadata")
        yield KeyBar()

    def _row(self, input_id: str, label: str, value: str, note: str) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label")
            yield Input(
                value, id=f"f-{input_id}", placeholder=_PLACEHOLDERS.get(input_id, ""), compact=True
            )
            yield Static(note, id=f"note-{input_id}", classes="form-note")

    def on_mount(self) -> None:
        first = "#f-source_id" if self.customer is None else "#f-name"
        self.query_one(first, Input).focus()

    # -- as you type --------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        input_id = (event.input.id or "").removeprefix("f-")
        for field_id, _, path, check in FIELDS:
            if field_id == input_id:
                self._note(field_id, path, check, event.value)

    def _note(self, field_id: str, path: str, check: Check | None, value: str) -> str | None:
        note = self.query_one(f"#note-{field_id}", Static)
        problem = check(value.strip()) if check is not None else None
        had = _get(self.before, path)
        note.set_class(problem is not None, "-problem")
        clearing = problem is None and had and not value.strip()
        note.set_class(bool(clearing), "-clear")
        note.update(problem or ("will be cleared" if clearing else ""))
        return problem

    # -- reading the form ---------------------------------------------------------------------

    def fields(self) -> tuple[cf.Fields, list[str]]:
        """The fields as typed, and every problem (each field checked again)."""
        out: cf.Fields = {"address": {}}
        problems: list[str] = []
        for field_id, _, path, check in FIELDS:
            value = self.query_one(f"#f-{field_id}", Input).value.strip()
            problem = self._note(field_id, path, check, value)
            if problem:
                problems.append(problem)
            if path.startswith("address."):
                out["address"][path.split(".", 1)[1]] = value or None
            else:
                out[path] = value or None
        metadata, meta_problems = self.query_one(MetadataRows).collect()
        out["metadata"] = metadata
        problems.extend(meta_problems)
        return cf.normal(out), problems

    def source_id(self) -> str:
        if self.customer is not None:
            return ""
        return self.query_one("#f-source_id", Input).value.strip()

    def is_dirty(self) -> bool:
        after, _ = self.fields()
        return bool(cf.diff(self.before, after)) or bool(self.source_id())

    # -- actions ------------------------------------------------------------------------------

    def action_add_metadata(self) -> None:
        rows = self.query_one(MetadataRows)
        rows.add_row()

    def action_save(self) -> None:
        if self.saving:
            return
        after, problems = self.fields()
        if problems:
            self.show_error("Fix these first: " + "; ".join(problems))
            return
        source_id = self.source_id()
        if source_id and any(ch.isspace() for ch in source_id):
            self.show_error("source_id must not contain spaces")
            return
        changes = cf.diff(self.before, after)
        if self.customer is None and source_id:
            changes.insert(0, cf.Change("source_id", None, source_id))
        if not changes:
            self.notify("Nothing changed.", timeout=2)
            return
        from vtui.tui.screens.diff_view import DiffScreen

        title = "New customer" if self.customer is None else "Save changes"

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._start_save(after, source_id)

        self.app.push_screen(DiffScreen(title, changes), confirmed)

    def _start_save(self, after: cf.Fields, source_id: str) -> None:
        self.saving = True
        self.show_error("")
        self.query_one("#form-title", Static).update(self._title_text() + "  ·  saving…")
        self.run_worker(self._save(after, source_id), group="form-save", exclusive=True)

    def _title_text(self) -> str:
        c = self.customer
        return (
            "New customer"
            if c is None
            else f"Edit {c.name or c.email or c.source_id or c.id}  ·  {c.id}"
        )

    async def _save(self, after: cf.Fields, source_id: str) -> None:
        from vtui.api import VoucherifyError
        from vtui.changes.journal import JournalError

        changes = context(self).changes()
        try:
            if self.customer is None:
                saved = await changes.create(cf.create_body(after, source_id or None))
            else:
                saved = await changes.update(self.customer, cf.update_body(self.before, after))
        except (VoucherifyError, JournalError, ValueError) as error:
            self.saving = False
            self.query_one("#form-title", Static).update(self._title_text())
            self.show_error(f"Not saved: {error}")
            return
        self.saving = False
        self.notify(f"Saved {saved.name or saved.email or saved.id}", timeout=3)
        self.app.post_message(CustomerSaved(saved, created=self.customer is None))
        self.dismiss(saved)

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(message)

    def action_leave(self) -> None:
        if not self.is_dirty():
            self.dismiss(None)
            return
        from vtui.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Unsaved changes",
                "You changed this customer and did not save. Leave and lose the changes?",
                confirm="Discard",
            ),
            answered,
        )


_PLACEHOLDERS = {
    "email": "jane@example.com",
    "phone": "+48 123 456 789",
    "birthdate": "YYYY-MM-DD",
    "source_id": "crm-42",
}
