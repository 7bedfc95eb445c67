"""Find as you type over the loaded rows: fuzzy, case- and accent-blind, fast at 100k rows.

Textual-free. Each row is a customer id and four texts (name, email, source_id, city). A row
keeps one folded string (casefolded, accents dropped, the fields joined by FIELD_SEP), made
once when the row is added; the id object is the caller's own.

A query is split into words; a row matches when every word is a subsequence of one field
("lucia rodr" finds "Lucía Rodríguez", "jsmith" finds "john.smith@…"). A word of TYPO_MIN or
more letters that matches nothing among the rows still in play may skip one of its letters,
so one wrong, missing, extra or swapped letter still finds the row ("gmial" finds "gmail").

Speed: the rows matching each word are kept, so a query that extends the previous one (the
usual keystroke) only re-reads the previous matches, rows appended since are filtered on
their own, and small steps are remembered for when keys are erased. Only the best `limit`
rows are ranked (by vtui.tui.fuzzy_match's scores) and returned, with the total count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress, islice
from typing import TypeAlias

from vtui.tui.fuzzy_match import (
    FIELD_SEP,
    Runs,
    Search,
    best_match,
    fold,
    in_original,
    pattern,
    query_words,
    runs_of,
)

FIELDS = ("name", "email", "source_id", "city")
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
Spans: TypeAlias = tuple[Runs, ...]
"""Per field (in FIELDS order), the (start, end) runs of the original text that matched."""


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

    def remove(self, row_id: str) -> bool:
        """Drop a row (its customer was deleted); False when the id is not loaded."""
        try:
            index = self.ids.index(row_id)
        except ValueError:
            return False
        del self.ids[index]
        del self._hays[index]
        self._origins = {
            (k - 1 if k > index else k): v for k, v in self._origins.items() if k != index
        }
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

    def _filter(self, rows: list[int] | None, search: Search) -> list[int]:
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
        head = self._filter(rows, pattern(word[:half], False))
        tail = self._filter(rows, pattern(word[half:], False))
        either = sorted(set(head).union(tail))
        return self._filter(either, pattern(word, True))

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
            fresh = self._filter(fresh, pattern(word, False))
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
                rows, was_typo = self._filter(old_steps[k], pattern(word, True)), True
            else:
                narrow = old_steps[k] if extends else base
                rows, was_typo = self._filter(narrow, pattern(word, False)), False
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
            match = best_match(word, fields, allow)
            total += match[0] if match is not None else 0
        return total

    def spans_of(self, row: int, words: Sequence[str], typo: Sequence[bool]) -> Spans:
        fields = self._hays[row].split(FIELD_SEP)
        hits: list[list[int]] = [[] for _ in FIELDS]
        for word, allow in zip(words, typo, strict=True):
            match = best_match(word, fields, allow)
            if match is not None:
                hits[match[1]].extend(match[2])
        origins = self._origins.get(row, (None,) * len(FIELDS))
        return tuple(
            in_original(runs_of(hit), origin) for hit, origin in zip(hits, origins, strict=True)
        )
