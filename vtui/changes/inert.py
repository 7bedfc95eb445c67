"""Text from the API or a file, made inert for a terminal.

`inert(text)` writes as a visible escape every character that could act on a terminal or on
how a line reads, so a customer's name can never move the cursor, recolour the screen,
retitle the window, write the clipboard (OSC 52), reorder a line or hide part of it:

- C0 controls, DEL and C1 controls (0x80-0x9f: a lone 0x9b is a CSI on some terminals),
  which includes ESC, BEL, tab, newline and carriage return: `\\x1b`, `\\x07`, `\\x9b`;
- format characters (Unicode category Cf): the bidi embeddings, overrides and isolates
  (U+202A-202E, U+2066-2069), the marks U+200E/200F/061C, zero-width space U+200B, word
  joiner U+2060, BOM U+FEFF, soft hyphen U+00AD, interlinear annotations, invisible tags:
  `\\u202e`, `\\U000e0041`;
- line and paragraph separators U+2028/2029, lone surrogates, and the Hangul fillers
  (U+115F, U+1160, U+3164, U+FFA0), letters that render as nothing and so can hide text.

Kept as they are, because ordinary text needs them and they move nothing: every letter,
accent and combining mark, CJK, emoji (with their variation selectors), the zero-width
joiner U+200D (emoji sequences) and non-joiner U+200C (Persian and Indic spelling), and the
tag characters inside an emoji flag sequence (U+1F3F4 tags... U+E007F, e.g. Scotland's
flag). A backslash is not doubled: a name typed as `a\\x1b` looks like one holding ESC;
the JSON tab, which shows the value JSON-encoded, tells the two apart.

Widths (`width`, `fit`) are measured on the inert text, counted as rich (so Textual) counts
them, so columns line up.
"""

from __future__ import annotations

import unicodedata

_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_KEPT = frozenset({"\u200d", "\u200c"})
"""Zero-width joiner (holds emoji sequences together) and non-joiner (Persian, Indic)."""
_FILLERS = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0"})
"""Hangul fillers: letters by category, drawn as nothing (zero cells) by terminals."""
_BLACK_FLAG = "\U0001f3f4"
_TAG_FIRST, _TAG_LAST, _CANCEL_TAG = 0xE0020, 0xE007E, "\U000e007f"


def escaped(char: str) -> bool:
    """Whether `inert` writes the single character `char` as an escape (out of a flag)."""
    if char in _KEPT:
        return False
    return char in _FILLERS or unicodedata.category(char) in _ESCAPED_CATEGORIES


def escape(char: str) -> str:
    """`char` as a visible escape: \\x1b, \\u202e or \\U000e0041."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def inert(text: str) -> str:
    """`text` with every character that could act on a terminal written as an escape.

    Idempotent (its output is all printable), and `text` itself when nothing needs escaping.
    """
    if text.isprintable() and _FILLERS.isdisjoint(text):
        return text
    out: list[str] = []
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        if char == _BLACK_FLAG:
            flag_end = _flag_sequence_end(text, index)
            if flag_end:
                out.append(text[index:flag_end])
                index = flag_end
                continue
        out.append(escape(char) if escaped(char) else char)
        index += 1
    return "".join(out)


def _flag_sequence_end(text: str, start: int) -> int:
    """The end of the emoji tag sequence (a subdivision flag) at `start`, or 0 if none."""
    index = start + 1
    while index < len(text) and _TAG_FIRST <= ord(text[index]) <= _TAG_LAST:
        index += 1
    if index > start + 1 and index < len(text) and text[index] == _CANCEL_TAG:
        return index + 1
    return 0


def width(text: str) -> int:
    """Columns `text` takes in a terminal, counted as rich (so Textual) counts them: wide
    (East Asian) characters and emoji two; combining marks, skin tones, joiners and flag tags
    none; an emoji joined by U+200D none (the sequence is one picture); U+FE0F widens the
    narrow character it follows to two. Meant for inert text (changes/ imports no rich).
    """
    total = 0
    joined = False
    previous = 0
    for char in text:
        if joined:  # the character after a zero-width joiner draws with the one before it
            joined = False
            continue
        if char in _KEPT or _TAG_FIRST <= ord(char) <= ord(_CANCEL_TAG):
            joined = char == "\u200d"
            continue
        if char == "\ufe0f":  # emoji presentation: the narrow character before goes wide
            total += 1 if previous == 1 else 0
            previous = 2
            continue
        if unicodedata.category(char) in ("Mn", "Me") or 0x1F3FB <= ord(char) <= 0x1F3FF:
            continue  # combining marks; skin tones colour the emoji before them
        previous = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        total += previous
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
