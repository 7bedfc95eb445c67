"""How one word matches one row, for find as you type (vtui.tui.fuzzy): no Textual.

Folding (casefold, accents and a few letters NFKD leaves alone, like ł and ø), the regular
expressions that find a word's letters within one field, and where in a row a word fits
best, with a score: whole field, field prefix, word prefix, inner substring, scattered
letters, one-letter typo; the name weighs a little more than email, source_id and city.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import TypeAlias

FIELD_SEP = "\x1f"
"""Joins a row's folded fields; folding turns it (and newlines) in a text into spaces."""

Runs: TypeAlias = tuple[tuple[int, int], ...]
Match: TypeAlias = tuple[int, int, tuple[int, ...]]
"""score, field index, the word's letters' places in the folded field."""
Search: TypeAlias = Callable[[str], object]

_EXTRA = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t", "æ": "ae"}
_EXTRA |= {"œ": "oe", "þ": "th", FIELD_SEP: " ", "\n": " "}
_CHAR_FOLDS: dict[str, str] = {}
_FIELD_BONUS = (6, 4, 2, 0)
_EXACT, _PREFIX, _WORD, _INNER, _TYPO = 120, 100, 80, 50, 5
_SCATTERED_MAX = _INNER - 1 - max(_FIELD_BONUS)  # any substring outranks scattered letters


def fold_char(char: str) -> str:
    """'Ł' -> 'l', 'é' -> 'e', 'ß' -> 'ss': what a person typing plain letters would type."""
    folded = _CHAR_FOLDS.get(char)
    if folded is None:
        parts = unicodedata.normalize("NFKD", char.casefold())
        kept = (c for c in parts if not unicodedata.combining(c))
        folded = "".join(_EXTRA.get(c, c) for c in kept)
        _CHAR_FOLDS[char] = folded
    return folded


def fold(text: str) -> tuple[str, tuple[int, ...] | None]:
    """The folded text, and where each folded character comes from in `text`.

    The second item is None when every character folds to exactly one; else it holds, for
    each folded character, the index of the character it came from, then len(text).
    """
    if text.isascii():
        folded = text.lower()
        if FIELD_SEP in folded or "\n" in folded:
            folded = folded.replace(FIELD_SEP, " ").replace("\n", " ")
        return folded, None
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = fold_char(char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    folded = "".join(pieces)
    if all(len(piece) == 1 for piece in pieces):
        return folded, None
    origin.append(len(text))
    return folded, tuple(origin)


def query_words(query: str) -> list[str]:
    return fold(query)[0].split()


def _subsequence(word: str) -> str:
    """'abc' -> a[^SEP\\nb]*b[^SEP\\nc]*c: in one field, with no backtracking."""
    out = re.escape(word[0])
    for char in word[1:]:
        esc = re.escape(char)
        out += f"[^{FIELD_SEP}\\n{esc}]*{esc}"
    return out


def _deletions(word: str) -> list[str]:
    return sorted({word[:i] + word[i + 1 :] for i in range(len(word))})


_PATTERNS: dict[tuple[str, bool], Search] = {}


def pattern(word: str, typo: bool) -> Search:
    search = _PATTERNS.get((word, typo))
    if search is None:
        if len(_PATTERNS) > 256:
            _PATTERNS.clear()
        variants = [word, *_deletions(word)] if typo else [word]
        search = re.compile("|".join(_subsequence(v) for v in variants)).search
        _PATTERNS[(word, typo)] = search
    return search


def _positions(word: str, field: str) -> tuple[int, ...] | None:
    """Where `word`'s letters sit in `field`, preferring the start with the fewest runs."""
    best: tuple[int, ...] | None = None
    start = field.find(word[0])
    while start >= 0:
        found = [start]
        at = start
        for char in word[1:]:
            at = field.find(char, at + 1)
            if at < 0:
                break
            found.append(at)
        if len(found) < len(word):
            break  # later starts cannot do better: the letters ran out
        if best is None or _runs(found) < _runs(best):
            best = tuple(found)
        start = field.find(word[0], start + 1)
    return best


def _runs(positions: Sequence[int]) -> int:
    return 1 + sum(1 for a, b in pairwise(positions) if b != a + 1)


def _word_start(field: str, at: int) -> bool:
    return at == 0 or not field[at - 1].isalnum()


def best_match(word: str, fields: Sequence[str], typo: bool) -> Match | None:
    """The word's best place in the row: substrings beat scattered letters beat typos."""
    tiers = (_substring, _scattered, _typo) if typo else (_substring, _scattered)
    for tier in tiers:
        best: Match | None = None
        for index, field in enumerate(fields):
            match = tier(word, field)
            if match is not None and (best is None or match[0] + _FIELD_BONUS[index] > best[0]):
                best = (match[0] + _FIELD_BONUS[index], index, match[1])
        if best is not None:
            return best
    return None


def _substring(word: str, field: str) -> tuple[int, tuple[int, ...]] | None:
    at = field.find(word)
    if at < 0:
        return None
    inner = at
    while at >= 0 and not _word_start(field, at):
        at = field.find(word, at + 1)
    if at < 0:
        return _INNER, tuple(range(inner, inner + len(word)))
    score = (_EXACT if len(field) == len(word) else _PREFIX) if at == 0 else _WORD
    return score, tuple(range(at, at + len(word)))


def _scattered(word: str, field: str) -> tuple[int, tuple[int, ...]] | None:
    positions = _positions(word, field)
    if positions is None:
        return None
    spread = positions[-1] - positions[0] + 1 - len(word)
    starts = sum(1 for p in positions if _word_start(field, p))
    score = 40 - 4 * (_runs(positions) - 1) - min(spread, 10) + 2 * starts
    return min(max(score, _TYPO + 1), _SCATTERED_MAX), positions


def _typo(word: str, field: str) -> tuple[int, tuple[int, ...]] | None:
    for variant in _deletions(word):
        positions = _positions(variant, field)
        if positions is not None:
            return _TYPO, positions
    return None


def runs_of(positions: Iterable[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for p in sorted(set(positions)):
        if runs and runs[-1][1] == p:
            runs[-1] = (runs[-1][0], p + 1)
        else:
            runs.append((p, p + 1))
    return runs


def in_original(runs: list[tuple[int, int]], origin: tuple[int, ...] | None) -> Runs:
    """Folded runs as runs of the original text, with any accent that follows a letter."""
    if origin is None:
        return tuple(runs)
    out: list[tuple[int, int]] = []
    for start, end in runs:
        first, last = origin[start], max(origin[end], origin[end - 1] + 1)
        if out and out[-1][1] >= first:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return tuple(out)
