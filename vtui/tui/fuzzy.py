"""Find as you type over the loaded rows: fuzzy, case- and accent-blind, fast at 100k rows.

Textual-free. Each row is a customer id and four texts (name, email, source_id, city). A row
keeps one folded string (casefolded, accents dropped, the fields joined by FIELD_SEP), made
once when the row is added; the id object is the caller's own.

A query is split into words; a row matches when every word is a subsequence of one field
("lucia rodr" finds "Lucía Rodríguez", "jsmith" finds "john.smith@…"). A word of TYPO_MIN or
more letters that matches nothing among the rows still in play may skip one of its letters,
so one wrong, missing, extra or swapped letter still finds the row ("gmial" finds "gmail").

Speed: the rows matching each word are kept, so a query that extends the previous one (the
usual keystroke) only re-reads the previous matches, and rows appended since are filtered on
their own. Only the best `limit` rows are ranked and returned, with the total count.
Ranking per word: whole field, then field prefix, word prefix, inner substring, scattered
letters, one-letter typo; the name weighs a little more than email, source_id and city.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, islice, pairwise
from typing import TypeAlias

FIELDS = ("name", "email", "source_id", "city")
FIELD_SEP = "\x1f"
DEFAULT_LIMIT = 500
TYPO_MIN = 4
"""Words this long may skip one letter when nothing matches them exactly."""
EXACT_RANK = 1_000
"""Above this many matches, only rows where the first word starts a word are ranked exactly."""

MEMO_ROWS = 20_000
"""Steps matching at most this many rows are kept, so erasing back to them is free ..."""
MEMO_BUDGET = 100_000
"""... as long as all the kept steps hold no more rows than this in all (the oldest go)."""

FindRow: TypeAlias = tuple[str, str | None, str | None, str | None, str | None]
"""(customer id, name, email, source_id, city)."""
Runs: TypeAlias = tuple[tuple[int, int], ...]
Spans: TypeAlias = tuple[Runs, ...]
"""Per field (in FIELDS order), the (start, end) runs of the original text that matched."""
_Match: TypeAlias = tuple[int, int, tuple[int, ...]]  # score, field, folded positions
_Search: TypeAlias = Callable[[str], object]

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


_PATTERNS: dict[tuple[str, bool], _Search] = {}


def _pattern(word: str, typo: bool) -> _Search:
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


def _best_match(word: str, fields: Sequence[str], typo: bool) -> _Match | None:
    """The word's best place in the row: substrings beat scattered letters beat typos."""
    tiers = (_substring, _scattered, _typo) if typo else (_substring, _scattered)
    for tier in tiers:
        best: _Match | None = None
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


def _merge(positions: Iterable[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for p in sorted(set(positions)):
        if runs and runs[-1][1] == p:
            runs[-1] = (runs[-1][0], p + 1)
        else:
            runs.append((p, p + 1))
    return runs


def _in_original(runs: list[tuple[int, int]], origin: tuple[int, ...] | None) -> Runs:
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


class FindResult:
    """The best rows first (at most the search's limit) and how many rows match in all."""

    __slots__ = ("_index", "_rows", "_typo", "ids", "query", "total", "words")

    def __init__(
        self,
        index: FindIndex,
        query: str,
        words: tuple[str, ...],
        typo: tuple[bool, ...],
        rows: list[int],
        total: int,
    ) -> None:
        self._index = index
        self.query = query
        self.words = words
        self._typo = typo
        self._rows = dict(zip((index.ids[r] for r in rows), rows, strict=True))
        self.ids: tuple[str, ...] = tuple(self._rows)
        self.total = total

    def spans(self, row_id: str) -> Spans:
        """What to highlight in this row's original texts; empty runs for a row not shown."""
        row = self._rows.get(row_id)
        if row is None or not self.words:
            return ((),) * len(FIELDS)
        return self._index.spans_of(row, self.words, self._typo)


class FindIndex:
    """The loaded rows, folded once, and the state that makes the next keystroke cheap."""

    def __init__(self, rows: Iterable[FindRow] = ()) -> None:
        self.ids: list[str] = []
        self._hays: list[str] = []
        self._origins: dict[int, tuple[tuple[int, ...] | None, ...]] = {}
        self._words: list[str] = []  # the last query's words ...
        self._steps: list[list[int]] = []  # ... the rows matching words[:k + 1] ...
        self._typo: list[bool] = []  # ... and whether word k needed the typo allowance
        self._seen = 0  # rows the steps have read
        self._memo: dict[tuple[str, ...], tuple[list[int], bool]] = {}  # for backspace
        self._memo_size = 0  # how many rows the memo was made over
        self._memo_rows = 0  # how many rows its steps hold in all
        self.add(rows)

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, rows: Iterable[FindRow]) -> None:
        """Append rows (a page that arrived); the next search finds them."""
        for row in rows:
            self._hays.append(self._haystack(len(self.ids), row))
            self.ids.append(row[0])

    def replace(self, row: FindRow) -> bool:
        """Refold a row after its customer changed; False when the id is not loaded."""
        try:
            index = self.ids.index(row[0])
        except ValueError:
            return False
        self._origins.pop(index, None)
        self._hays[index] = self._haystack(index, row)
        self._forget()
        self._forget_memo()
        return True

    def clear(self) -> None:
        self.ids.clear()
        self._hays.clear()
        self._origins.clear()
        self._forget()
        self._forget_memo()

    def _forget(self) -> None:
        self._words, self._steps, self._typo, self._seen = [], [], [], 0

    def _forget_memo(self) -> None:
        self._memo.clear()
        self._memo_rows = 0

    def _haystack(self, index: int, row: FindRow) -> str:
        folded: list[str] = []
        origins: list[tuple[int, ...] | None] = []
        for text in row[1:]:
            field, origin = fold(text or "")
            folded.append(field)
            origins.append(origin)
        if any(o is not None for o in origins):
            self._origins[index] = tuple(origins)
        return FIELD_SEP.join(folded)

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> FindResult:
        words = query_words(query)
        if not words:
            self._forget()
            shown = list(range(min(limit, len(self.ids))))
            return FindResult(self, query, (), (), shown, len(self.ids))
        self._catch_up()
        self._step(words)
        matched = self._steps[-1]
        ranked = self._rank(matched, words, limit)
        return FindResult(self, query, tuple(words), tuple(self._typo), ranked, len(matched))

    def _filter(self, rows: list[int] | None, search: _Search) -> list[int]:
        hays = self._hays
        if rows is None:
            return list(compress(range(len(hays)), map(search, hays)))
        return list(compress(rows, map(search, map(hays.__getitem__, rows))))

    def _typos(self, rows: list[int] | None, word: str) -> list[int]:
        """Rows where `word` less one letter is a subsequence of a field.

        Such a row holds the word's first half or its second half intact, so two quick
        exact scans pick the few rows worth the slower one-letter-off pattern.
        """
        half = len(word) // 2
        head = self._filter(rows, _pattern(word[:half], False))
        tail = self._filter(rows, _pattern(word[half:], False))
        either = sorted(set(head).union(tail))
        return self._filter(either, _pattern(word, True))

    def _catch_up(self) -> None:
        """Run rows appended since the last search through the kept steps."""
        if self._memo_size != len(self._hays):
            self._forget_memo()
            self._memo_size = len(self._hays)
        if self._seen == len(self._hays) or not self._steps:
            self._seen = len(self._hays)
            return
        if any(self._typo):  # new rows might match a word exactly: decide afresh
            self._forget()
            self._seen = len(self._hays)
            return
        fresh: list[int] | None = list(range(self._seen, len(self._hays)))
        for word, step in zip(self._words, self._steps, strict=True):
            fresh = self._filter(fresh, _pattern(word, False))
            step.extend(fresh)
        self._seen = len(self._hays)

    def _step(self, words: list[str]) -> None:
        old_words, old_steps, old_typo = self._words, self._steps, self._typo
        keep = 0
        while keep < min(len(words), len(old_words)) and words[keep] == old_words[keep]:
            keep += 1
        steps, typo = old_steps[:keep], old_typo[:keep]
        for k in range(keep, len(words)):
            word = words[k]
            base = steps[k - 1] if k else None
            extends = k == keep and k < len(old_words) and word.startswith(old_words[k])
            known = self._memo.get(tuple(words[: k + 1]))
            if known is not None:
                rows, was_typo = known
            elif extends and old_typo[k]:  # still a typo: its matches only narrow
                rows, was_typo = self._filter(old_steps[k], _pattern(word, True)), True
            else:
                narrow = old_steps[k] if extends else base
                rows, was_typo = self._filter(narrow, _pattern(word, False)), False
                if not rows and len(word) >= TYPO_MIN:
                    rows, was_typo = self._typos(base, word), True
            self._remember(tuple(words[: k + 1]), rows, was_typo)
            steps.append(rows)
            typo.append(was_typo)
        self._words, self._steps, self._typo = list(words), steps, typo

    def _remember(self, words: tuple[str, ...], rows: list[int], typo: bool) -> None:
        """Keep a step's rows so that erasing back to it costs nothing (small ones only)."""
        if len(rows) > min(MEMO_ROWS, MEMO_BUDGET) or words in self._memo:
            return
        while self._memo and self._memo_rows + len(rows) > MEMO_BUDGET:
            oldest = next(iter(self._memo))
            self._memo_rows -= len(self._memo.pop(oldest)[0])
        self._memo[words] = (rows, typo)
        self._memo_rows += len(rows)

    def _rank(self, matched: list[int], words: list[str], limit: int) -> list[int]:
        pool = matched
        if len(matched) > EXACT_RANK:
            hays, first = self._hays, words[0]
            after_space, after_sep = " " + first, FIELD_SEP + first
            starts = (
                r
                for r in matched
                if (h := hays[r]).startswith(first) or after_sep in h or after_space in h
            )
            pool = list(islice(starts, EXACT_RANK))
            if len(pool) < EXACT_RANK:
                chosen = set(pool)
                pool += [r for r in matched[: 2 * EXACT_RANK] if r not in chosen]
                pool = pool[:EXACT_RANK]
        typo = tuple(self._typo)
        scores = {r: self._score(r, words, typo) for r in pool}
        return sorted(pool, key=lambda r: (-scores[r], r))[:limit]

    def _score(self, row: int, words: Sequence[str], typo: Sequence[bool]) -> int:
        fields = self._hays[row].split(FIELD_SEP)
        total = 0
        for word, allow in zip(words, typo, strict=True):
            match = _best_match(word, fields, allow)
            total += match[0] if match is not None else 0
        return total

    def spans_of(self, row: int, words: Sequence[str], typo: Sequence[bool]) -> Spans:
        fields = self._hays[row].split(FIELD_SEP)
        hits: list[list[int]] = [[] for _ in FIELDS]
        for word, allow in zip(words, typo, strict=True):
            match = _best_match(word, fields, allow)
            if match is not None:
                hits[match[1]].extend(match[2])
        origins = self._origins.get(row, (None,) * len(FIELDS))
        return tuple(
            _in_original(_merge(hit), origin) for hit, origin in zip(hits, origins, strict=True)
        )
