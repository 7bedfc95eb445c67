"""Text from the API or a file, made inert for a terminal: every control, escape, format
and separator character (and any lone surrogate) shown as a visible escape like \\x1b or
\\u202e, so a name can never move the cursor, recolour the screen or reorder a line."""

from __future__ import annotations

import unicodedata

_ESCAPED = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_KEPT = frozenset({"\u200d"})
"""The zero-width joiner holds emoji sequences together; it moves nothing."""


def inert(text: str) -> str:
    """`text` with every character that could act on a terminal written as an escape."""
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        if char not in _KEPT and unicodedata.category(char) in _ESCAPED:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (East Asian) characters two, combining none."""
    total = 0
    for char in text:
        if unicodedata.combining(char) or char in _KEPT:
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def fit(text: str, columns: int) -> str:
    """`text` cut to at most `columns` (an ellipsis marks the cut) and padded to exactly that."""
    if width(text) > columns:
        kept, used = [], 0
        for char in text:
            step = width(char)
            if used + step > columns - 1:
                break
            kept.append(char)
            used += step
        text = "".join(kept) + "…"
    return text + " " * (columns - width(text))
