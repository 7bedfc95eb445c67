"""`[profiles.NAME.list] columns` in config.toml: checked, never fatal, one line when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtui.config.config_file import parse_config
from vtui.config.list_columns import ColumnError, check_columns

PATH = Path("/home/someone/.config/vtui/config.toml")


def profile_of(list_table: str):
    text = f'[profiles.work]\napp_id = "app"\n\n[profiles.work.list]\n{list_table}\n'
    return parse_config(text, PATH).profiles["work"]


def test_a_valid_column_list_is_kept_in_order() -> None:
    stored = profile_of('columns = ["email", "metadata.tier", "name", "phone", "updated"]')
    assert stored.columns == ("email", "metadata.tier", "name", "phone", "updated")
    assert stored.problems == ()


def test_no_list_table_means_the_defaults_and_no_problem() -> None:
    stored = parse_config('[profiles.work]\napp_id = "app"\n', PATH).profiles["work"]
    assert stored.columns is None and stored.problems == ()


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ('columns = ["name", "nope"]', "unknown column 'nope'"),
        ('columns = ["name", "name"]', "column 'name' is listed twice"),
        ("columns = []", "must name at least one column"),
        ('columns = "name, email"', "must be a list of column names"),
        ("columns = [1, 2]", "unknown column 1"),
        ('columns = ["metadata."]', "unknown column 'metadata.'"),
        ('colums = ["name"]', "colums: unknown key (known keys: columns)"),
    ],
)
def test_a_wrong_column_setting_is_one_line_naming_file_and_key_and_not_fatal(
    table: str, said: str
) -> None:
    stored = profile_of(table)
    assert stored.columns is None
    (line,) = stored.problems
    assert line.startswith(f"{PATH}: [profiles.work.list] ")
    assert said in line and line.endswith("using the default columns")
    assert "\n" not in line


def test_check_columns_accepts_any_metadata_key_and_refuses_others() -> None:
    assert check_columns(["metadata.tier", "metadata.Loyalty Level"]) == [
        "metadata.tier",
        "metadata.Loyalty Level",
    ]
    for bad in (["metadata. spaced"], ["metadata.a\x1b"], ["Name"]):
        with pytest.raises(ColumnError):
            check_columns(bad)
