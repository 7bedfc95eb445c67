"""`E`: edit a customer as JSON in $EDITOR (the app suspends), then diff and save.

The edit starts from a fresh read. The editor runs through `vtui.changes.editor`: a
missing or unparsable $EDITOR is reported before the screen is suspended, a non-zero exit
(vim's `:cq`) saves nothing, and the temp file goes on every way out. Invalid JSON or
fields reopen the editor with the problems as `//` lines on top; only the fields the user
touched are checked and sent. The user's text is never thrown away: a failed save or an
abandoned edit keeps it as a draft that the next `E` on the same customer reopens. A save
that meets a change made elsewhere shows both versions; overwriting takes its own key.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from vtui.changes import fields as cf
from vtui.changes.inert import inert
from vtui.tui.context import context
from vtui.tui.keymap import key_in_words
from vtui.tui.words import label

if TYPE_CHECKING:
    from textual.app import App

    from vtui.api import Customer

BANNER = "//"
DRAFTS: dict[str, str] = {}
"""Unsaved editor text per customer id, for this run."""


def document(customer: Customer) -> str:
    body: dict[str, Any] = {"source_id": customer.source_id}
    body.update(cf.editable(customer))
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def strip_banner(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].lstrip().startswith(BANNER):
        lines.pop(0)
    return "".join(lines)


def with_problems(text: str, problems: list[str]) -> str:
    banner = [f"{BANNER} {p}\n" for p in problems]
    banner.append(f"{BANNER} Fix the JSON below and save; these // lines are ignored.\n")
    banner.append(f"{BANNER} Quit without saving to stop (your text is kept for the next E).\n")
    return "".join(banner) + strip_banner(text)


def parse(text: str, customer: Customer) -> tuple[cf.Fields | None, list[str]]:
    """The edited fields, or the problems with them (JSON syntax first)."""
    body = strip_banner(text)
    try:
        value = json.loads(body)
    except json.JSONDecodeError as exc:
        return None, [f"Invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]
    if not isinstance(value, dict):
        return None, ['The JSON must be one object, like {"name": "Jane"}']
    problems: list[str] = []
    if "source_id" in value and value["source_id"] != customer.source_id:
        problems.append("source_id cannot be changed (the API keeps it for good)")
    unknown = sorted(set(value) - set(cf.EDITABLE) - {"source_id"})
    if unknown:
        problems.append(f"Not editable here: {', '.join(unknown)}")
    problems.extend(cf.check_fields(value, before=cf.editable(customer)))
    if problems:
        return None, problems
    fields = cf.editable(customer)
    fields.update({k: v for k, v in value.items() if k in cf.EDITABLE})
    return fields, []


def run_editor(app: App[Any], text: str) -> str | None:
    """Open `text` in the editor, the app suspended; the text after, or None (said why)."""
    from textual.app import SuspendNotSupported

    from vtui.changes.editor import EditorAborted, EditorError, edit_text

    try:
        try:
            return edit_text(text, suspend=app.suspend())
        except SuspendNotSupported:
            if not app.is_headless:
                raise
            return edit_text(text, quiet=True)
    except EditorAborted as aborted:
        app.notify(str(aborted), title="Editor", severity="warning", timeout=6)
    except EditorError as error:
        app.notify(str(error), title="Editor", severity="error", timeout=10)
    return None


async def edit_in_editor(app: App[Any], customer: Customer) -> None:
    """The whole flow; run it in a worker (it waits for the diff and conflict screens)."""
    from vtui.api import VoucherifyError
    from vtui.tui.messages import CustomerSaved
    from vtui.tui.screens.diff_view import DiffScreen

    changes = context(app).changes()
    try:
        base = await changes.read(customer.id)
    except VoucherifyError as error:
        app.notify(f"Cannot read the customer: {inert(str(error))}", title="Edit", severity="error")
        return
    text = DRAFTS.get(customer.id) or document(base)
    while True:
        edited = run_editor(app, text)
        if edited is None:
            return
        if edited == text and text.lstrip().startswith(BANNER):
            DRAFTS[customer.id] = edited
            app.notify(f"Edit stopped; your text is kept. Press {again(app)} to go on.", timeout=4)
            return
        fields, problems = parse(edited, base)
        if fields is None:
            text = with_problems(edited, problems)
            DRAFTS[customer.id] = text
            continue
        edit = cf.touched(cf.editable(base), fields)
        if not edit.changes:
            DRAFTS.pop(customer.id, None)
            app.notify("Nothing changed.", timeout=2)
            return
        DRAFTS[customer.id] = strip_banner(edited)
        if not await app.push_screen_wait(DiffScreen("Save the JSON edit", edit.changes)):
            app.notify(f"Not saved; your text is kept. Press {again(app)} to go on.", timeout=4)
            return
        outcome, got = await _save(app, base, edit.body)
        if outcome == "reload" and got is not None:
            # Their version with your edit on top, in the editor again.
            base = got
            text = document_of(cf.apply_raw(cf.editable(base), edit.body), base.source_id)
            continue
        if outcome == "saved" and got is not None:
            DRAFTS.pop(customer.id, None)
            app.notify(f"Saved {inert(label(got))}", timeout=3)
            app.post_message(CustomerSaved(got))
        return


async def _save(app: App[Any], base: Customer, body: cf.Fields) -> tuple[str, Customer | None]:
    """("saved", customer), ("reload", their version) or ("stop", None) (said why)."""
    from vtui.api import VoucherifyError
    from vtui.changes.conflicts import Conflict
    from vtui.changes.journal import JournalError
    from vtui.tui.screens.conflict import EDITOR_RELOAD, ChoiceScreen, conflict_body

    changes = context(app).changes()
    overwrite: Customer | None = None
    while True:
        try:
            return "saved", await changes.update(base, body, overwrite=overwrite)
        except Conflict as conflict:
            current = conflict.current
            yours = cf.diff(cf.editable(current), cf.apply_raw(cf.editable(current), body))
            choices = [
                ("r", "Edit again on theirs", "reload"),
                ("o", "Overwrite theirs", "overwrite"),
            ]
            choice = await app.push_screen_wait(
                ChoiceScreen(
                    "Changed elsewhere: not saved",
                    conflict_body(conflict, yours, EDITOR_RELOAD),
                    choices,
                )
            )
            if choice == "overwrite":
                overwrite = current
                continue
            if choice == "reload":
                return "reload", current
            app.notify(f"Not saved; your text is kept. Press {again(app)} to go on.", timeout=4)
            return "stop", None
        except (VoucherifyError, JournalError, ValueError) as error:
            app.notify(
                f"Not saved: {inert(str(error))}\nYour text is kept; press {again(app)} to go on.",
                title="Save failed",
                severity="error",
            )
            return "stop", None


def document_of(fields: cf.Fields, source_id: str | None) -> str:
    body: dict[str, Any] = {"source_id": source_id}
    body.update({key: fields.get(key) for key in cf.EDITABLE})
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def again(app: App[Any]) -> str:
    """The key that reopens the draft (E, or as remapped)."""
    return key_in_words(app, "edit_json", "E")
