"""`E`: edit a customer as JSON in $EDITOR (the app suspends), then diff and save.

Invalid JSON or fields reopen the editor with the problems as `//` lines on top; the
user's text is never thrown away: a failed save or an abandoned edit keeps it as a draft
that the next `E` on the same customer reopens.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vtui.changes import fields as cf
from vtui.changes.inert import inert
from vtui.tui.context import context
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
    problems.extend(cf.check_fields(value))
    if problems:
        return None, problems
    fields = cf.editable(customer)
    fields.update({k: v for k, v in value.items() if k in cf.EDITABLE})
    return cf.normal(fields), []


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return shlex.split(editor)


def run_editor(app: App[Any], text: str) -> str | None:
    """Open `text` in the editor, the app suspended; the text after, or None if it failed."""
    from textual.app import SuspendNotSupported

    fd, name = tempfile.mkstemp(prefix="vtui-customer-", suffix=".json")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        command = [*editor_command(), str(path)]
        try:
            with app.suspend():
                code = subprocess.run(command, check=False).returncode
        except SuspendNotSupported:
            if not app.is_headless:
                raise
            code = subprocess.run(
                command, check=False, stdin=subprocess.DEVNULL, capture_output=True
            ).returncode
        except FileNotFoundError:
            app.notify(f"Cannot start the editor {command[0]!r}: set $EDITOR", severity="error")
            return None
        if code != 0:
            app.notify(f"The editor exited with status {code}; nothing saved.", severity="warning")
        return path.read_text(encoding="utf-8")
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


async def edit_in_editor(app: App[Any], customer: Customer) -> None:
    """The whole flow; run it in a worker (it waits for the diff screen)."""
    from vtui.api import VoucherifyError
    from vtui.changes.journal import JournalError
    from vtui.tui.messages import CustomerSaved
    from vtui.tui.screens.diff_view import DiffScreen

    text = DRAFTS.get(customer.id) or document(customer)
    while True:
        edited = run_editor(app, text)
        if edited is None:
            return
        if edited == text and text.lstrip().startswith(BANNER):
            DRAFTS[customer.id] = edited
            app.notify("Edit stopped; your text is kept. Press E to go on.", timeout=4)
            return
        fields, problems = parse(edited, customer)
        if fields is None:
            text = with_problems(edited, problems)
            DRAFTS[customer.id] = text
            continue
        break
    before = cf.normal(cf.editable(customer))
    changes = cf.diff(before, fields)
    if not changes:
        DRAFTS.pop(customer.id, None)
        app.notify("Nothing changed.", timeout=2)
        return
    DRAFTS[customer.id] = strip_banner(edited)
    if not await app.push_screen_wait(DiffScreen("Save the JSON edit", changes)):
        app.notify("Not saved; your text is kept. Press E to go on.", timeout=4)
        return
    try:
        saved = await context(app).changes().update(customer, cf.update_body(before, fields))
    except (VoucherifyError, JournalError, ValueError) as error:
        app.notify(
            f"Not saved: {inert(str(error))}\nYour text is kept; press E to go on.",
            title="Save failed",
            severity="error",
            markup=False,
        )
        return
    DRAFTS.pop(customer.id, None)
    app.notify(f"Saved {label(saved)}", timeout=3, markup=False)
    app.post_message(CustomerSaved(saved))
