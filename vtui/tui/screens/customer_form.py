"""The customer form (`n` new, `e` edit): every writable field, checked as you type.

An edit starts from the server (a fresh read; the title says "reading…" until it lands, and
what is typed meanwhile stays). Only the fields the user touched are checked and sent
(`fields.touched`). Saving shows the diff first; emptying a field that had a value is shown
as "will be cleared" and sent as an explicit null. A save that meets a change made
elsewhere shows both versions and offers a distinct key to overwrite them, or to reload
their version; ctrl+s never overwrites. A new customer whose source_id exists warns first.
A failed save keeps everything typed; leaving while a save is in flight waits for it.
The screen dismisses with the saved customer (or None when left without saving).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from vtui.changes import fields as cf
from vtui.changes.inert import inert
from vtui.tui import bindings
from vtui.tui.context import context
from vtui.tui.form_fields import FIELDS, FIX_FIRST, PLACEHOLDERS, Check, value_at
from vtui.tui.keymap import key_in_words
from vtui.tui.messages import CustomerSaved, OpenCustomer
from vtui.tui.widgets.key_bar import KeyBar
from vtui.tui.widgets.metadata_rows import MetadataRows
from vtui.tui.words import label

if TYPE_CHECKING:
    from vtui.api import Customer


class CustomerFormScreen(Screen["Customer | None"]):
    BINDINGS: ClassVar[list[BindingType]] = list(bindings.FORM)

    def __init__(self, customer: Customer | None = None) -> None:
        super().__init__()
        self.customer = customer
        """The copy the edit is built on: the one given until the fresh read arrives."""
        self.shown: cf.Fields = cf.editable(customer) if customer else {}
        """The fields as read, not normalised (a stored trailing space is kept)."""
        self.before: cf.Fields = cf.normal(self.shown)
        self.filled: dict[str, str] = {}
        """What vtui put in each input: a different value was typed by the user."""
        self.reading = customer is not None
        self.saving = False
        self.saved: Customer | None = None
        self.fixing = False
        """The banner lists the fields' problems (and follows them as they are fixed)."""

    def compose(self) -> ComposeResult:
        c = self.customer
        yield Static(Text(self._title_text()), id="form-title")
        yield Static("", id="form-error")
        with VerticalScroll(id="form-body"):
            if c is None:
                yield from self._row("source_id", "Source ID", "", "optional, cannot change later")
            else:
                yield Label(
                    Text(f"source_id {inert(c.source_id or '—')} (cannot be changed)"),
                    classes="form-section",
                )
            for input_id, label, path, _ in FIELDS:
                if input_id == "line_1":
                    yield Label("Address", classes="form-section")
                self.filled[input_id] = inert(value_at(self.shown, path) or "")
                yield from self._row(input_id, label, self.filled[input_id], "")
            yield Label("Metadata", classes="form-section")
            yield MetadataRows(self.before["metadata"], id="form-metadata")
        yield KeyBar()

    def _row(self, input_id: str, label: str, value: str, note: str) -> ComposeResult:
        """Label and input on one line; the field's note (a hint or a problem) under the input,
        wrapped to the width, and taking no line when there is none."""
        with Vertical(classes="form-row"):
            with Horizontal(classes="form-line"):
                yield Label(label, classes="form-label")
                yield Input(
                    value,
                    id=f"f-{input_id}",
                    placeholder=PLACEHOLDERS.get(input_id, ""),
                    compact=True,
                )
            yield Static(
                note, id=f"note-{input_id}", classes="form-note -shown" if note else "form-note"
            )

    def on_mount(self) -> None:
        first = "#f-source_id" if self.customer is None else "#f-name"
        self.query_one(first, Input).focus()
        if self.customer is not None:
            self.run_worker(self._read_fresh(self.customer.id), group="form-read", exclusive=True)

    # -- start from the server ----------------------------------------------------------------

    async def _read_fresh(self, customer_id: str) -> None:
        """The edit starts from the server's copy; whatever was typed meanwhile stays."""
        from vtui.api import VoucherifyError

        ctx = context(self)
        try:
            await ctx.wait_session()
            fresh = await ctx.changes().read(customer_id)
        except VoucherifyError as error:
            self.show_error(
                f"Could not read the latest copy ({inert(str(error))}); saving still checks "
                "the server first."
            )
        else:
            self.adopt(fresh)
        self.reading = False
        self._set_title()

    def adopt(self, fresh: Customer) -> None:
        """Build on `fresh`: inputs the user has not typed into show its values; typed
        ones keep what was typed (the diff then shows them against `fresh`)."""
        rows = self.query_one(MetadataRows)
        meta_untouched = rows.collect()[0] == self.before["metadata"]
        self.customer = fresh
        self.shown = cf.editable(fresh)
        self.before = cf.normal(self.shown)
        self._set_title()
        for field_id, _, path, check in FIELDS:
            widget = self.query_one(f"#f-{field_id}", Input)
            if widget.value == self.filled[field_id]:
                self.filled[field_id] = inert(value_at(self.shown, path) or "")
                widget.value = self.filled[field_id]
            self._note(field_id, path, check, widget.value)
        if meta_untouched and rows.initial != self.before["metadata"]:
            rows.remove()
            self.query_one("#form-body", VerticalScroll).mount(
                MetadataRows(self.before["metadata"], id="form-metadata")
            )

    # -- as you type --------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        input_id = (event.input.id or "").removeprefix("f-")
        for field_id, _, path, check in FIELDS:
            if field_id == input_id:
                self._note(field_id, path, check, event.value)
        self._recheck_banner()

    def on_type_button_changed(self) -> None:
        self._recheck_banner()

    def _recheck_banner(self) -> None:
        """The "Fix these first" banner follows the fields: it lists what is still wrong,
        and goes once nothing is (a metadata row's input or type counts too)."""
        if not self.fixing:
            return
        problems = self.edit().problems
        self.show_error(FIX_FIRST + "; ".join(problems) if problems else "")

    def _typed(self, path: str, value: str) -> str:
        """What `value` in an input stands for: a stored value holding a line break or a
        control character shows escaped (an input is one line); left so, it is the stored one."""
        had = value_at(self.shown, path) or ""
        return had.strip() if had != inert(had) and value.strip() == inert(had).strip() else value

    def _note(self, field_id: str, path: str, check: Check | None, value: str) -> str | None:
        """Check a field the user changed (a stored value left alone is never flagged)."""
        note = self.query_one(f"#note-{field_id}", Static)
        had = value_at(self.shown, path)
        value = self._typed(path, value)
        untouched = value.strip() == (had or "").strip()
        problem = check(value.strip()) if check is not None and not untouched else None
        note.set_class(problem is not None, "-problem")
        clearing = problem is None and had and not value.strip()
        note.set_class(bool(clearing), "-clear")
        escaped = untouched and bool(had) and had != inert(had)
        words = problem or ("will be cleared" if clearing else "")
        words = words or (
            "shown escaped (\\x0a is a line break); kept unless retyped" if escaped else ""
        )
        note.set_class(bool(words), "-shown")
        note.update(Text(words))
        return problem

    # -- reading the form ---------------------------------------------------------------------

    def fields(self) -> cf.Fields:
        """The fields as typed (each input stripped, as the API should get them)."""
        out: cf.Fields = {"address": {}}
        for field_id, _, path, _ in FIELDS:
            value = self._typed(path, self.query_one(f"#f-{field_id}", Input).value).strip()
            if path.startswith("address."):
                out["address"][path.split(".", 1)[1]] = value or None
            else:
                out[path] = value or None
        return out

    def edit(self) -> cf.Edit:
        """Only what the user touched: checked, diffed and sent (metadata rows checked too)."""
        typed = self.fields()
        metadata, meta_problems = self.query_one(MetadataRows).collect()
        typed["metadata"] = metadata
        edit = cf.touched(self.shown, typed)
        for field_id, _, path, check in FIELDS:
            self._note(field_id, path, check, self.query_one(f"#f-{field_id}", Input).value)
        edit.problems.extend(meta_problems)
        return edit

    def source_id(self) -> str:
        if self.customer is not None:
            return ""
        return self.query_one("#f-source_id", Input).value.strip()

    def is_dirty(self) -> bool:
        return bool(self.edit().changes) or bool(self.source_id())

    # -- actions ------------------------------------------------------------------------------

    def action_add_metadata(self) -> None:
        rows = self.query_one(MetadataRows)
        rows.add_row()

    def action_save(self) -> None:
        if self.saving:
            self.notify("Saving…, wait for the result.", timeout=2)
            return
        if self.reading:
            self.notify("Reading the latest copy…, a moment.", timeout=2)
            return
        edit = self.edit()
        if edit.problems:
            self.show_error(FIX_FIRST + "; ".join(edit.problems))
            return
        source_id = self.source_id()
        if source_id and any(ch.isspace() for ch in source_id):
            self.show_error("source_id must not contain spaces")
            return
        changes = list(edit.changes)
        if self.customer is None and source_id:
            changes.insert(0, cf.Change("source_id", None, source_id))
        if not changes:
            self.notify("Nothing changed.", timeout=2)
            return
        from vtui.tui.screens.diff_view import DiffScreen

        title = "New customer" if self.customer is None else "Save changes"
        body = dict(edit.body)
        if self.customer is None:
            body = {k: v for k, v in body.items() if v not in (None, {})}
            if source_id:
                body["source_id"] = source_id

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._start_save(body, changes)

        verb = "will be set" if self.customer is None else "will change"
        self.app.push_screen(DiffScreen(title, changes, verb=verb), confirmed)

    def _start_save(
        self, body: cf.Fields, changes: list[cf.Change], how: str = "save", over: Any = None
    ) -> None:
        self.saving = True
        self.show_error("")
        self._set_title()
        self.run_worker(self._save(body, changes, how, over), group="form-save", exclusive=True)

    def _title_text(self) -> str:
        c = self.customer
        name = inert(label(c)) if c is not None else ""
        name = name if len(name) <= 48 else name[:47] + "…"  # a 10,000-char name: the form shows
        title = "New customer" if c is None else f"Edit {name}  ·  {inert(c.id)}"
        if self.reading:
            title += "  ·  reading…"
        if self.saving:
            title += "  ·  saving…"
        return title

    def _set_title(self) -> None:
        self.query_one("#form-title", Static).update(Text(self._title_text()))

    async def _save(self, body: cf.Fields, changes: list[cf.Change], how: str, over: Any) -> None:
        from vtui.api import VoucherifyError
        from vtui.changes.conflicts import Conflict, WouldReplace
        from vtui.changes.journal import JournalError

        writes = context(self).changes()
        try:
            if self.customer is None:
                saved = await writes.create(body, replace=over)
            elif how == "overwrite":
                saved = await writes.update(self.customer, body, overwrite=over)
            else:
                saved = await writes.update(self.customer, body)
        except Conflict as conflict:
            self._stopped()
            self._conflict(conflict, body, changes)
            return
        except WouldReplace as existing:
            self._stopped()
            self._would_replace(existing, body, changes)
            return
        except (VoucherifyError, JournalError, ValueError) as error:
            self._stopped()
            self.show_error(f"Not saved: {inert(str(error))}")
            return
        self._stopped()
        self.saved = saved
        self.notify(f"Saved {inert(label(saved))}", timeout=3)
        self.app.post_message(CustomerSaved(saved, created=self.customer is None))
        if self.is_current:
            self.dismiss(saved)
        else:
            self.show_error(f"Saved. {key_in_words(self.app, 'back', 'esc')} goes back.")

    def _stopped(self) -> None:
        self.saving = False
        self._set_title()

    def _conflict(self, conflict: Any, body: cf.Fields, changes: list[cf.Change]) -> None:
        from vtui.tui.screens.conflict import ChoiceScreen, conflict_body, conflict_choices

        current = conflict.current
        yours = cf.diff(cf.editable(current), cf.apply_raw(cf.editable(current), body))
        self.show_error("Not saved: changed elsewhere since you opened it.")

        def chosen(choice: str | None) -> None:
            if choice == "overwrite":
                if self.customer is None:
                    self._start_save(conflict.body, changes, over=current)
                else:
                    self._start_save(body, changes, "overwrite", current)
            elif choice == "reload":
                self.adopt(current)
                save = key_in_words(self.app, "save", "ctrl+s")
                self.show_error(
                    f"Their version is loaded; what you typed is kept. Review, then {save}."
                )

        self.app.push_screen(
            ChoiceScreen(
                "Changed elsewhere: not saved",
                conflict_body(conflict, yours),
                conflict_choices(reload=self.customer is not None),
            ),
            chosen,
        )

    def _would_replace(self, error: Any, body: cf.Fields, changes: list[cf.Change]) -> None:
        from vtui.tui.screens.conflict import ChoiceScreen, replace_body

        self.show_error("Not saved: that source_id belongs to an existing customer.")

        def chosen(choice: str | None) -> None:
            if choice == "replace":
                self._start_save(body, changes, over=error.existing)
            elif choice == "open":
                self.dismiss(None)
                self.app.post_message(OpenCustomer(error.existing))

        self.app.push_screen(
            ChoiceScreen(
                "A customer with this source_id exists",
                replace_body(error),
                [("o", "Open that customer", "open"), ("r", "Replace their fields", "replace")],
            ),
            chosen,
        )

    def show_error(self, message: str) -> None:
        """The banner under the title; it takes no line when there is nothing to say."""
        self.fixing = message.startswith(FIX_FIRST)
        banner = self.query_one("#form-error", Static)
        banner.update(Text(message))
        banner.set_class(bool(message), "-shown")

    def action_leave(self) -> None:
        if self.saving:
            self.notify("Saving…, wait: the result is shown here.", timeout=3)
            return
        if self.saved is not None or not self.is_dirty():
            self.dismiss(self.saved)
            return
        from vtui.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard and not self.saving:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Unsaved changes",
                "You changed this customer and did not save. Leave and lose the changes?",
                confirm="Discard",
            ),
            answered,
        )
