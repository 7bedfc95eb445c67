"""Find as you type (vtui.tui.fuzzy, fuzzy_match): what matches, in what order, what is lit."""

from __future__ import annotations

import random

import pytest

from vtui.sandbox.seed_people import PeopleFactory
from vtui.tui import fuzzy
from vtui.tui.fuzzy import EXACT_RANK, FindIndex, FindRow
from vtui.tui.fuzzy_match import fold

ROWS: list[FindRow] = [
    ("c1", "Lucía Rodríguez", "lucia.r@example.es", "crm-1", "Sevilla"),
    ("c2", "Wojciech Kozłowski", "w.kozlowski@onet.pl", "crm-2", "Łódź"),
    ("c3", "Jürgen Weiß", "JUERGEN@GMX.DE", "legacy/0003", "München"),
    ("c4", "Lucas Rodrigues", "lucas@example.com", None, "Porto"),
    ("c5", None, "john.smith@gmail.com", "john.smith@gmail.com", None),
    ("c6", "Ana Lucia Ruiz", "ana@example.es", "crm-6", "Madrid"),
]


def realistic_rows(count: int, seed: int = 3) -> list[FindRow]:
    people = PeopleFactory(random.Random(seed), 1_760_000_000_000)
    rows: list[FindRow] = []
    for index in range(count):
        p = people.make(index, 1_700_000_000_000, 2, 4_000)
        rows.append((p.id, p.name, p.email, p.source_id, (p.address or {}).get("city")))
    return rows


def texts(row_id: str) -> FindRow:
    return next(row for row in ROWS if row[0] == row_id)


def highlighted(row_id: str, query: str) -> list[str]:
    """The highlighted pieces of the original texts, field by field."""
    index = FindIndex(ROWS)
    result = index.search(query)
    row = texts(row_id)
    pieces = []
    for text, runs in zip(row[1:], result.spans(row_id), strict=True):
        pieces += [(text or "")[start:end] for start, end in runs]
    return pieces


def test_case_and_accents_are_ignored_both_ways() -> None:
    index = FindIndex(ROWS)
    assert "c1" in index.search("LUCIA rodriguez").ids
    assert "c1" in index.search("lucía RODRÍGUEZ").ids
    assert index.search("kozlowski lodz").ids == ("c2",)
    assert index.search("weiss munchen").ids == ("c3",)
    assert index.search("juergen@gmx").ids == ("c3",)


def test_folding_keeps_plain_text_and_maps_longer_folds_back() -> None:
    assert fold("Plain Text") == ("plain text", None)
    assert fold("Łódź") == ("lodz", None)
    folded, origin = fold("Weiß!")
    assert folded == "weiss!"
    assert origin == (0, 1, 2, 3, 3, 4, 5)
    # A combining accent (dropped) and ß (doubled) keep the length but not the places.
    assert fold("Re\u0301ß") == ("ress", (0, 1, 3, 3, 4))


def test_every_word_must_match_a_field_as_a_subsequence() -> None:
    index = FindIndex(ROWS)
    assert set(index.search("lucia rodr").ids) == {"c1"}
    assert set(index.search("luc rodr").ids) == {"c1", "c4"}
    assert index.search("jsmith gmail").ids == ("c5",)
    assert index.search("lucia nowhere").ids == ()
    assert index.search("lucia nowhere").total == 0


def test_a_word_does_not_match_across_two_fields() -> None:
    # "z" + "lu" is a subsequence only across the name's end and the email's start.
    index = FindIndex(ROWS)
    assert index.search("zlu").ids == ()


def test_exact_and_prefix_rank_before_scattered_letters() -> None:
    rows: list[FindRow] = [
        ("scattered", "Rolando Dario", None, None, None),
        ("inner", "Carodrigo", None, None, None),
        ("word", "Ana Rodrigo", None, None, None),
        ("prefix", "Rodrigo Alves", None, None, None),
        ("exact", "Rodrigo", None, None, None),
    ]
    assert FindIndex(rows).search("rodrigo").ids == ("exact", "prefix", "word", "inner")
    assert FindIndex(rows).search("rodr").ids[-1] == "scattered"


def test_equal_matches_keep_the_list_order() -> None:
    rows: list[FindRow] = [(f"c{i}", "Anna Nowak", None, None, None) for i in range(5)]
    assert FindIndex(rows).search("nowak").ids == ("c0", "c1", "c2", "c3", "c4")


def test_spans_cover_the_matched_letters_of_the_original_text() -> None:
    assert highlighted("c1", "lucia rodr") == ["Lucía", "Rodr"]
    assert highlighted("c2", "lodz") == ["Łódź"]
    assert highlighted("c3", "weiss") == ["Weiß"]
    assert highlighted("c5", "jsmith") == ["j", "smith"]


def test_spans_keep_combining_accents_and_split_letters_whole() -> None:
    rows: list[FindRow] = [("c1", "Rene\u0301 Weiß", None, None, None)]
    result = FindIndex(rows).search("rene wei")
    assert result.spans("c1")[0] == ((0, 5), (6, 9))  # "René" with its accent, "Wei"
    result = FindIndex(rows).search("weis")
    assert result.spans("c1")[0] == ((6, 10),)  # "Weiß": half of ß is all of it


def test_spans_are_empty_for_rows_not_in_the_result() -> None:
    result = FindIndex(ROWS).search("lucia rodr")
    assert result.spans("c3") == ((), (), (), ())


def test_a_one_letter_typo_still_finds_the_row_but_short_words_must_be_exact() -> None:
    index = FindIndex(ROWS)
    assert index.search("john.smith@gmial").ids == ("c5",)
    assert index.search("jonh.smith").ids == ("c5",)
    assert index.search("rdo").ids == ()  # 3 letters, no typo allowance


def test_exact_matches_leave_typo_matches_out() -> None:
    rows: list[FindRow] = [
        ("typo", "Marta", None, None, None),
        ("exact", "Marat", None, None, None),
    ]
    assert FindIndex(rows).search("marat").ids == ("exact",)


def test_typing_one_key_at_a_time_gives_what_a_fresh_search_gives() -> None:
    rows = realistic_rows(3_000)
    typed = FindIndex(rows)
    queries = ["lucia rodr", "kozlowski krakow", "james.taylr@hotmial", "crm-1234", "marie"]
    for query in queries:
        steps = [query[:i] for i in range(1, len(query) + 1)]
        steps += [query[:i] for i in range(len(query) - 1, 0, -1)]  # and backspace
        for step in steps:
            fresh = FindIndex(rows).search(step)
            result = typed.search(step)
            assert (result.ids, result.total) == (fresh.ids, fresh.total), step
            assert [result.spans(i) for i in result.ids[:20]] == [
                fresh.spans(i) for i in fresh.ids[:20]
            ]


def test_rows_appended_between_keystrokes_are_found() -> None:
    rows = realistic_rows(2_000)
    index = FindIndex(rows[:1_000])
    index.search("mar")
    index.search("mari")
    index.add(rows[1_000:])
    for query in ("mari", "maria", "mario", "mar"):  # erasing back to "mar" sees them too
        result = index.search(query)
        fresh = FindIndex(rows).search(query)
        assert (result.ids, result.total) == (fresh.ids, fresh.total)
    index.add([("late", "Mario Late", None, None, None)])
    assert "late" in index.search("mario late").ids


def test_appended_rows_are_found_after_a_typo_search() -> None:
    index = FindIndex(ROWS)
    assert index.search("john.smith@gmial").ids == ("c5",)
    index.add([("c7", None, "john.smith@gmial.com", None, None)])
    assert index.search("john.smith@gmial").ids == ("c7",)


def test_a_replaced_row_is_searched_by_its_new_text() -> None:
    index = FindIndex(ROWS)
    assert index.search("sevilla").ids == ("c1",)
    assert index.replace(("c1", "Lucía Rodríguez", "lucia.r@example.es", "crm-1", "Granada"))
    assert index.search("sevilla").ids == ()
    assert index.search("granada").ids == ("c1",)
    assert not index.replace(("missing", None, None, None, None))


def test_a_removed_row_is_no_longer_found_and_later_rows_keep_their_highlights() -> None:
    index = FindIndex(ROWS)
    assert index.search("rodr").ids == ("c1", "c4")
    assert index.remove("c2")
    assert index.search("rodr").ids == ("c1", "c4")
    assert index.search("koz").ids == ()
    result = index.search("jurgen")
    assert result.ids == ("c3",)
    name = texts("c3")[1] or ""
    assert [name[a:b] for a, b in result.spans("c3")[0]] == ["Jürgen"]
    assert index.search("").total == len(ROWS) - 1
    assert not index.remove("c2")


def test_results_are_capped_but_the_total_counts_every_match() -> None:
    rows: list[FindRow] = [
        (f"c{i}", f"Person {i}", None, None, None) for i in range(3 * EXACT_RANK)
    ]
    result = FindIndex(rows).search("person", limit=50)
    assert len(result.ids) == 50
    assert result.total == 3 * EXACT_RANK


def test_with_many_matches_word_starts_still_rank_first() -> None:
    noise: list[FindRow] = [(f"n{i}", "Xenia Xlopez", None, None, None) for i in range(EXACT_RANK)]
    rows = [*noise, ("hit", "Lopez", None, None, None)]
    result = FindIndex(rows).search("lopez")
    assert result.total == EXACT_RANK + 1
    assert result.ids[0] == "hit"


def test_an_empty_query_shows_every_row_in_list_order() -> None:
    result = FindIndex(ROWS).search("   ")
    assert result.ids == ("c1", "c2", "c3", "c4", "c5", "c6")
    assert result.total == 6
    assert result.spans("c1") == ((), (), (), ())


def test_remembered_steps_stay_within_their_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fuzzy, "MEMO_BUDGET", 400)
    rows = realistic_rows(3_000)
    index = FindIndex(rows)
    for query in ("lucia rodr", "kozlowski krakow", "crm-1234", "marie"):
        steps = [query[:i] for i in range(1, len(query) + 1)]
        for step in steps + steps[-2::-1]:
            result = index.search(step)
            fresh = FindIndex(rows).search(step)
            assert (result.ids, result.total) == (fresh.ids, fresh.total), step
            kept = index._memo.values()  # what erasing would reuse
            assert index._memo_rows == sum(len(rows) for rows, _ in kept) <= 400
