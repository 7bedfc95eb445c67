"""The import CSV reader: the reference's header mapping, row checks by row, streaming."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtui.changes import csv_check


def write(tmp_path: Path, text: str | bytes, name: str = "f.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_both_header_styles_of_the_reference_map_to_the_same_fields(tmp_path):
    path = write(
        tmp_path,
        "Name,SOURCE_ID,Address_City,Postal_Code,State,Country,Address_line_1,favorite_brands\n"
        "Jo,j-1,Oslo,0150,Oslo,NO,Main 1,Nike\n",
    )
    mapping = dict(csv_check.preview(path).mapping)
    assert mapping == {
        "Name": "name",
        "SOURCE_ID": "source_id",
        "Address_City": "address.city",
        "Postal_Code": "address.postal_code",
        "State": "address.state",
        "Country": "address.country",
        "Address_line_1": "address.line_1",
        "favorite_brands": "metadata.favorite_brands",
    }


def test_a_bom_is_dropped_and_iso_datetimes_keep_their_date(tmp_path):
    path = write(tmp_path, "\ufeffSource_id,Birthdate\na,2022-03-11T09:00:00.000Z\n")
    result = csv_check.check(path)
    assert result.ok
    assert result.keyed == [("a", {"source_id": "a", "birthdate": "2022-03-11"})]


def test_every_bad_row_is_reported_with_its_number_and_reason(tmp_path):
    path = write(
        tmp_path,
        "Source_id,Email,Phone,Birthdate\n"
        "a,a@example.com,+1 555 0100,2000-01-01\n"
        "b,not-an-email,,\n"
        "\n"
        "c,,12x,\n"
        "d,,,2000-02-30\n"
        "a,,,\n"
        "e,too,many,cells,here\n",
    )
    result = csv_check.check(path)
    assert [(p.row, p.reason.split(" (got")[0]) for p in result.problems] == [
        (2, "Email must look like name@example.com"),
        (3, "Phone may hold digits, spaces, + ( ) - . / only, + first"),
        (4, "birthdate 2000-02-30 is not a calendar date"),
        (5, "source_id a is also on row 1"),
        (6, "has 5 columns, the header 4"),
    ]
    assert result.rows == 6  # the blank line is not a row, as in the API's report


def test_a_header_with_a_space_is_refused_as_the_api_does(tmp_path):
    path = write(tmp_path, "Source_id,favorite brand\na,x\n")
    (problem,) = csv_check.check(path).problems
    assert problem.row == 0 and "has a space" in problem.reason


def test_a_non_utf8_byte_is_reported_with_its_line_and_earlier_rows_are_still_checked(tmp_path):
    path = write(tmp_path, b"Source_id,Email\na,bad\nb,\xe9@x.com\n")
    result = csv_check.check(path)
    assert [str(p) for p in result.problems] == [
        "row 1: Email must look like name@example.com (got 'bad')",
        "row 2: line 3 is not UTF-8 (byte 0xE9 at column 3). Save the file as UTF-8 and try again.",
    ]
    assert not result.complete


def test_an_empty_or_headerless_file_is_a_clear_error(tmp_path):
    with pytest.raises(csv_check.CsvFileError, match="empty"):
        csv_check.preview(write(tmp_path, ""))
    with pytest.raises(csv_check.CsvFileError, match="does not exist"):
        csv_check.check(tmp_path / "missing.csv")
    assert "no rows" in str(csv_check.check(write(tmp_path, "Source_id\n")).problems[0])


def test_preview_reads_only_the_rows_it_shows(tmp_path, monkeypatch):
    path = write(tmp_path, "Source_id\n" + "".join(f"s{n}\n" for n in range(50_000)))
    lines_read = 0
    real_reader = csv_check._reader

    class Counting:
        def __init__(self, handle, exact):
            self.reader = real_reader(handle, exact)

        @property
        def line_num(self) -> int:
            return int(self.reader.line_num)

        def __iter__(self):
            return self

        def __next__(self):
            nonlocal lines_read
            row = next(self.reader)
            lines_read += 1
            return row

    counting = Counting

    monkeypatch.setattr(csv_check, "_reader", counting)
    preview = csv_check.preview(path, rows=20)
    assert len(preview.rows) == 20
    assert lines_read == 21  # the header and 20 rows, not 50,001


# -- an unclosed quote (issue 12, case 12) ---------------------------------------------------


def test_a_quote_never_closed_is_refused_naming_the_row_and_line(tmp_path):
    path = write(
        tmp_path,
        "Source_id,Name,Email\n"
        "s-0,Zed,z@example.com\n"
        's-1,Ann,"ann@example.com\n'
        "s-2,Bob,bob@example.com\n",
    )
    checked = csv_check.check(path)
    assert not checked.ok
    (problem,) = checked.problems
    assert problem.row == 2 and "line 3 is never closed" in problem.reason
    assert csv_check.preview(path).problems[0].row == 2


def test_a_quote_closed_rows_later_is_refused_as_swallowed_rows(tmp_path):
    path = write(
        tmp_path,
        "Source_id,Name,Email\n"
        's-1,"Ann Lee,ann@example.com\n'
        "s-2,Bob,bob@example.com\n"
        's-3,Cy",cy@example.com\n',
    )
    checked = csv_check.check(path)
    (problem,) = checked.problems
    assert problem.row == 1
    assert (
        "column 'Name'" in problem.reason and "closing quote is probably missing" in problem.reason
    )


def test_text_after_a_closing_quote_is_refused(tmp_path):
    path = write(tmp_path, 'Source_id,Name\ns-1,"Ann" Lee\n')
    (problem,) = csv_check.check(path).problems
    assert "must be doubled" in problem.reason


def test_a_real_multi_line_cell_is_still_fine(tmp_path):
    path = write(tmp_path, 'Source_id,Name,Description\ns-1,Ann,"two\nlines"\n')
    checked = csv_check.check(path)
    assert checked.ok and checked.keyed[0][1]["description"] == "two\nlines"


def test_a_bulk_file_with_an_unclosed_quote_gives_no_items(tmp_path):
    from vtui.changes import bulk_file

    path = write(tmp_path, 'Source_id,Name\ns-1,"Ann\ns-2,Bob\n')
    read = bulk_file.read(path)
    assert not read.ok and read.items == []
    assert "never closed" in str(read.problems[0])
