"""`vtui journal`: the undo journal as an aligned table, newest first, or as JSON lines.

Every string from the journal is printed inert (`inert.inert`): a customer name holding an
escape sequence shows as `\\x1b[...`, never acts on the terminal. Skipped lines are
reported on stderr; interrupted changes are listed as such, with what to do about them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence

from vtui.changes.inert import fit, inert, width
from vtui.changes.journal import Entry, Journal, JournalError

HEADERS = ("WHEN (UTC)", "PROFILE", "ACTION", "CUSTOMERS", "STATE", "SUMMARY")
_MAX = {"PROFILE": 24, "ACTION": 18, "STATE": 11}


def rows(entries: Sequence[Entry]) -> list[tuple[str, ...]]:
    """The table's cells, each already inert."""
    return [
        (
            inert(entry.at[:19].replace("T", " ")),
            inert(entry.profile),
            inert(entry.action),
            str(len(entry.customers)),
            state(entry),
            inert(entry.summary),
        )
        for entry in entries
    ]


def state(entry: Entry) -> str:
    if entry.state == "done" and not entry.undoable:
        return "no undo"
    return entry.state


def table(entries: Sequence[Entry], columns: int | None = None) -> list[str]:
    """Header and one line per entry; every column as wide as its widest cell (capped).
    With `columns` (a terminal's width), each summary is cut to what is left of it, so no
    line wraps back under the first column."""
    cells = rows(entries)
    widths = [
        min(max([width(h)] + [width(r[i]) for r in cells]), _MAX.get(h, 10_000))
        for i, h in enumerate(HEADERS)
    ]
    lines = []
    for row in [HEADERS, *cells]:
        parts = []
        for i, text in enumerate(row[:-1]):
            parts.append(fit(text, widths[i]) if HEADERS[i] != "CUSTOMERS" else text.rjust(9))
        summary = row[-1]
        if columns is not None:
            left = max(columns - sum(width(p) + 2 for p in parts), 1)
            summary = fit(summary, left).rstrip() if width(summary) > left else summary
        lines.append("  ".join([*parts, summary]).rstrip())
    return lines


def main(argv: Sequence[str]) -> int:
    """List the journal, newest first: `vtui journal [--profile NAME] [--limit N] [--json]`."""
    parser = argparse.ArgumentParser(
        prog="vtui journal", description="List the changes made from vtui (newest first)."
    )
    parser.add_argument("--profile", metavar="NAME", help="only this profile's changes")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (50)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args(list(argv))
    journal = Journal()
    try:
        contents = journal.read()
    except JournalError as exc:
        print(f"vtui journal: {inert(str(exc))}", file=sys.stderr)
        return 1
    for problem in contents.problems:
        print(f"vtui journal: {inert(str(problem))}", file=sys.stderr)
    entries = [e for e in contents.entries if args.profile is None or e.profile == args.profile]
    shown = list(reversed(entries))[: max(0, args.limit)]
    where = inert(str(journal.path))
    if not shown:
        print(f"The journal is empty ({where}).")
        return 0
    if args.json:
        for entry in shown:
            # ensure_ascii: every control character leaves as a \u escape, inert.
            print(json.dumps(entry.to_json(), ensure_ascii=True))
        return 0
    # On a terminal, lines fit its width; piped, the summaries stay whole (for grep).
    columns = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    lines = table(shown, columns)
    for line in lines:
        print(line)
    cut = "; summaries cut to the width: --json or a pipe shows them whole"
    cut = cut if columns is not None and lines != table(shown) else ""
    print(f"({len(shown)} of {len(entries)} shown; {where}{cut})")
    interrupted = sum(1 for e in shown if e.state == "interrupted")
    if interrupted:
        print(
            f"{interrupted} interrupted: vtui stopped before the server's answer was written. "
            "Undo (u) in vtui checks the server and undoes it only if it landed."
        )
    return 0
