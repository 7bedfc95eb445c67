"""config.toml: validated on load with readable errors, edited without losing comments."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from vtui.config import ConfigError, delete_profile, resolve_profile, save_profile

COMMENTED = """\
# My vtui setup. Keep this comment.
active_profile = "prod"  # the one I use daily

[profiles.prod]
# production project, EU
cluster = "eu"
app_id = "prod-id"   # from the dashboard
read_only = true
credential_store = "file"
"""


def write_config(folder: Path, text: str) -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text)
    return path


def test_comments_survive_adding_and_changing_profiles(config_home: Path) -> None:
    path = write_config(config_home, COMMENTED)
    save_profile("prod", app_id="prod-id-2", app_token="prod-token-11112222", cluster="eu")
    save_profile("us", app_id="us-id", app_token="us-token-33334444", cluster="us", activate=False)
    text = path.read_text()
    for comment in (
        "# My vtui setup. Keep this comment.",
        "# the one I use daily",
        "# production project, EU",
        "# from the dashboard",
    ):
        assert comment in text
    data = tomllib.loads(text)
    assert data["profiles"]["prod"]["app_id"] == "prod-id-2"
    assert data["profiles"]["us"]["cluster"] == "us"
    assert data["active_profile"] == "prod"


def test_comments_survive_deleting_another_profile(config_home: Path) -> None:
    path = write_config(config_home, COMMENTED)
    save_profile("tmp", app_id="t", app_token="tmp-token-55556666", activate=False)
    assert delete_profile("tmp")
    text = path.read_text()
    assert "# production project, EU" in text and "[profiles.tmp]" not in text


def test_switching_cluster_to_api_url_drops_the_cluster_key(config_home: Path) -> None:
    path = write_config(config_home, COMMENTED)
    save_profile("prod", app_id="p", app_token="prod-token-11112222", api_url="http://[::1]:8000")
    prod = tomllib.loads(path.read_text())["profiles"]["prod"]
    assert "cluster" not in prod and prod["api_url"] == "http://[::1]:8000"


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("colour = 1\n", "colour", "unknown key"),
        ("[profiles.p]\nreadonly = true\n", "[profiles.p] readonly", "unknown key"),
        ("[profiles.p]\nread_only = 'yes'\n", "[profiles.p] read_only", "true or false"),
        ("[profiles.p]\ncluster = 'eu1'\n", "[profiles.p] cluster", "one of eu, us, as"),
        (
            "[profiles.p]\ncluster = 'eu'\napi_url = 'https://x.io'\n",
            "[profiles.p] api_url",
            "not both",
        ),
        ("[profiles.p]\napi_url = 'http://10.0.0.8'\n", "[profiles.p] api_url", "plain http"),
        ("[profiles.p]\napp_id = 42\n", "[profiles.p] app_id", "non-empty string"),
        ("[profiles.p]\ncredential_store = 'vault'\n", "[profiles.p] credential_store", "file"),
        ("[profiles.p]\napp_token = 'x'\n", "[profiles.p] app_token", "do not belong"),
        ("active_profile = 'ghost'\n", "active_profile", "no [profiles.ghost]"),
        ("[profiles.'bad name']\n", "[profiles.bad name]", "invalid profile name"),
        ("profiles = 3\n", "profiles", "table"),
    ],
)
def test_invalid_config_names_file_key_and_problem(
    config_home: Path, text: str, key: str, problem: str
) -> None:
    path = write_config(config_home, text)
    with pytest.raises(ConfigError) as caught:
        resolve_profile()
    message = str(caught.value)
    assert message.startswith(f"{path}: {key}: ")
    assert problem in message


def test_invalid_toml_names_the_line(config_home: Path) -> None:
    path = write_config(config_home, 'active_profile = "p"\n[profiles.p\n')
    with pytest.raises(ConfigError, match=r"not valid TOML: .*line 2") as caught:
        resolve_profile()
    assert str(caught.value).startswith(str(path))


def test_failed_save_leaves_config_and_credentials_as_they_were(config_home: Path) -> None:
    save_profile("good", app_id="g", app_token="good-token-77778888")
    credentials = (config_home / "credentials.toml").read_bytes()
    broken = (config_home / "config.toml").read_text() + "\n[profiles.bad]\ncluster = 'mars'\n"
    (config_home / "config.toml").write_text(broken)
    with pytest.raises(ConfigError, match="cluster"):
        save_profile("new", app_id="n", app_token="new-token-99990000")
    assert (config_home / "config.toml").read_text() == broken
    assert (config_home / "credentials.toml").read_bytes() == credentials


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"app_id": " "}, "app id is empty"),
        ({"app_token": "has space-1234567"}, "a space or a control character"),
        ({"app_token": ""}, "Token is empty"),
        ({"cluster": "eu1"}, "unknown cluster"),
        ({"api_url": "http://example.com"}, "plain http"),
    ],
)
def test_bad_login_input_raises_and_writes_nothing(
    config_home: Path, kwargs: dict[str, str], problem: str
) -> None:
    args = {"app_id": "a", "app_token": "ok-token-12345678"} | kwargs
    with pytest.raises(ValueError, match=problem):
        save_profile("p", **args)  # type: ignore[arg-type]
    assert not config_home.exists()


def test_bad_profile_name_is_refused() -> None:
    with pytest.raises(ValueError, match="invalid profile name"):
        save_profile("../etc", app_id="a", app_token="ok-token-12345678")


def test_symlinked_config_is_written_through_to_its_target(
    config_home: Path, tmp_path: Path
) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "vtui.toml"
    target.write_text("# managed in my dotfiles repo\n")
    config_home.mkdir(mode=0o700)
    (config_home / "config.toml").symlink_to(target)
    save_profile("p", app_id="a", app_token="ok-token-12345678")
    assert (config_home / "config.toml").is_symlink()
    assert "# managed in my dotfiles repo" in target.read_text()
    assert "[profiles.p]" in target.read_text()


def test_deleting_the_active_profile_activates_another(config_home: Path) -> None:
    save_profile("a", app_id="a", app_token="a-token-12345678")
    save_profile("b", app_id="b", app_token="b-token-12345678")
    assert delete_profile("b")
    profile = resolve_profile()
    assert profile is not None and profile.name == "a"
    assert delete_profile("a")
    assert resolve_profile() is None
    assert not delete_profile("a")


def test_the_example_config_in_the_repo_is_valid() -> None:
    from vtui.config.config_file import parse_config

    example = Path(__file__).parents[2] / "config.example.toml"
    config = parse_config(example.read_text(), example)
    assert config.active_profile == "production"
    documented = {"active_profile", "cluster", "api_url", "app_id", "read_only"}
    documented |= {"credential_store"}
    text = example.read_text()
    assert all(f"{key} = " in text for key in documented)
