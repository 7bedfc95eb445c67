"""[keys] in config.toml: shapes checked without Textual; a bad entry is reported and left
out, never stops vtui; the profile loader accepts the table."""

from __future__ import annotations

from pathlib import Path

from vtui.config.config_file import parse_config
from vtui.config.keys import load_keys, parse_keys


def test_no_file_and_no_table_remap_nothing(tmp_path: Path):
    assert load_keys(tmp_path).keys == {} and load_keys(tmp_path).problems == []
    (tmp_path / "config.toml").write_text('active_profile = "a"\n[profiles.a]\ncluster = "eu"\n')
    assert load_keys(tmp_path).keys == {}


def test_string_entries_are_kept_and_the_rest_named(tmp_path: Path):
    path = tmp_path / "config.toml"
    config = parse_keys({"jump": " ctrl+g ", "quit": 5, "help": "", "form": {"save": "x"}}, path)
    assert config.keys == {"jump": "ctrl+g"}
    assert [str(p) for p in config.problems] == [
        f'{path}: [keys] quit: must be a key in quotes (like "ctrl+g"), not 5; ignored',
        f"{path}: [keys] help: must be a key in quotes (like \"ctrl+g\"), not ''; ignored",
        f"{path}: [keys] form: binding ids have no dots or sub-tables (like jump or edit_json); "
        "ignored",
    ]


def test_keys_that_is_not_a_table_is_named(tmp_path: Path):
    config = parse_keys("ctrl+g", tmp_path / "config.toml")
    assert config.keys == {}
    assert [p.key for p in config.problems] == ["keys"]


def test_a_broken_file_is_one_problem_not_a_crash(tmp_path: Path):
    (tmp_path / "config.toml").write_text("[keys\njump = ")
    config = load_keys(tmp_path)
    assert config.keys == {}
    assert len(config.problems) == 1 and "not valid TOML" in str(config.problems[0])


def test_the_profile_loader_accepts_a_keys_table(tmp_path: Path):
    path = tmp_path / "config.toml"
    config = parse_config('[keys]\njump = "ctrl+g"\n[profiles.a]\ncluster = "eu"\n', path)
    assert list(config.profiles) == ["a"]


def test_reading_keys_does_not_import_textual():
    import subprocess
    import sys

    code = "import sys, vtui.config.keys as k; k.load_keys(__import__('pathlib').Path('.')); "
    code += "print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
