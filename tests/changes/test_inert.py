"""`inert`: every character that could act on a terminal (or reorder, or hide text) becomes
a visible escape; ordinary text, CJK and emoji stay exactly as they were; widths are
Textual's, measured on the inert text."""

from __future__ import annotations

import unicodedata

import pytest
from rich.cells import cell_len

from vtui.changes.inert import fit, inert, width

SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


def acts(text: str) -> list[str]:
    """Characters in `text` that a terminal would obey or that reorder/hide text."""
    return [
        c
        for c in text
        if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") and c not in "\u200c\u200d"
    ]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Ann\x1b[31mRed", "Ann\\x1b[31mRed"),  # CSI colour
        ("\x1b]2;PWNED\x07", "\\x1b]2;PWNED\\x07"),  # OSC 2: window title
        ("\x1b]52;c;cHduZWQ=\x07", "\\x1b]52;c;cHduZWQ=\\x07"),  # OSC 52: clipboard
        ("a\x9b31mb\x9d0;x\x9c", "a\\x9b31mb\\x9d0;x\\x9c"),  # C1 CSI, OSC, ST
        ("tab\there\nnext\r\x00\x7f", "tab\\x09here\\x0anext\\x0d\\x00\\x7f"),  # C0 and DEL
        ("\x85nel", "\\x85nel"),  # C1 next line
    ],
)
def test_control_and_escape_characters_show_as_visible_escapes(raw: str, shown: str):
    assert inert(raw) == shown
    assert acts(inert(raw)) == []


@pytest.mark.parametrize(
    "char",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"],
)
def test_bidi_embeddings_overrides_and_isolates_are_escaped(char: str):
    assert inert(f"abc{char}def") == f"abc\\u{ord(char):04x}def"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\u200bb", "a\\u200bb"),  # zero-width space
        ("a\u200eb\u200fc\u061cd", "a\\u200eb\\u200fc\\u061cd"),  # direction marks
        ("a\u2060b\ufeffc\u00add", "a\\u2060b\\ufeffc\\xadd"),  # joiner, BOM, soft hyphen
        ("a\u2028b\u2029c", "a\\u2028b\\u2029c"),  # line and paragraph separators
        ("a\u3164b\u115fc", "a\\u3164b\\u115fc"),  # Hangul fillers, drawn as nothing
        ("pay\U000e0069\U000e0067me", "pay\\U000e0069\\U000e0067me"),  # invisible tags
        ("lone\ud800", "lone\\ud800"),  # a lone surrogate
    ],
)
def test_format_characters_that_hide_text_are_escaped(raw: str, shown: str):
    assert inert(raw) == shown


@pytest.mark.parametrize(
    "text",
    [
        "Zoë Ångström-Müller, São Paulo",
        "cafe\u0301 (combining accent)",
        "日本語の名前 · 김민준 · 王小明",
        "מרים כהן · محمد علي",  # right-to-left letters are text, not controls
        "😀 🇵🇱 ❤\ufe0f 👍🏽",
        "👨\u200d👩\u200d👧 family (zero-width joiner)",
        "می\u200cخواهم (Persian, zero-width non-joiner)",
        SCOTLAND,
        "[bold]not markup[/] \\x1b typed as text",
        "",
    ],
)
def test_ordinary_text_cjk_and_emoji_are_unchanged(text: str):
    assert inert(text) == text


def test_inert_is_idempotent():
    raw = "N\x1b[2J\u202eX\U000e0041\x9b" + SCOTLAND + "日本"
    once = inert(raw)
    assert inert(once) == once


def test_width_is_measured_on_the_inert_text_as_textual_lays_it_out():
    raw = "Ann\x1b[31mRed"
    # Raw, the ESC counts as no column at all: the row would be one column short and the
    # terminal would eat "[31m" as a colour: the misalignment of the report.
    assert cell_len(raw) != len(inert(raw))
    assert width(inert(raw)) == len("Ann\\x1b[31mRed") == 14
    assert width("日本語") == 6
    assert width("😀") == 2
    assert width("cafe\u0301") == 4
    for text in (
        "日本語 Zoë · 김민준",
        "cafe\u0301",
        "👨\u200d👩\u200d👧 👍🏽 ❤\ufe0f 🇵🇱",
        SCOTLAND,
        "می\u200cخواهم",
        inert("a\u202eb\x1b[0m"),
    ):
        assert width(text) == cell_len(text), text


@pytest.mark.parametrize("text", ["Ann\x1b[31mRed\x1b[0m Smith", "日本語の名前です", "short"])
def test_fit_gives_exactly_the_columns_asked_with_an_ellipsis_on_a_cut(text: str):
    shown = inert(text)
    for columns in (1, 5, 8, 40):
        fitted = fit(shown, columns)
        assert width(fitted) == columns
        if width(shown) > columns:
            assert fitted.rstrip().endswith("…")
        assert acts(fitted) == []
