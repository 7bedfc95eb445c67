"""Which profile and which values vtui runs with: flags > environment > profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtui.config import (
    ConfigError,
    MissingCredentialsError,
    ProfileNotFoundError,
    normalize_api_url,
    resolve_profile,
    save_profile,
)


@pytest.fixture
def two_profiles() -> None:
    save_profile("prod", app_id="prod-id", app_token="prod-token-0000001111", cluster="us")
    save_profile(
        "staging",
        app_id="stage-id",
        app_token="stage-token-0000002222",
        api_url="http://127.0.0.1:8000",
        read_only=True,
        activate=False,
    )


def test_nothing_configured_resolves_to_none_for_the_first_run() -> None:
    assert resolve_profile() is None


def test_active_profile_is_used_when_none_is_named(two_profiles: None) -> None:
    profile = resolve_profile()
    assert profile is not None
    assert (profile.name, profile.base_url, profile.region) == (
        "prod",
        "https://us1.api.voucherify.io",
        "US",
    )
    assert profile.app_token.get_secret_value() == "prod-token-0000001111"
    assert (profile.app_id_source, profile.app_token_source, profile.base_url_source) == (
        "file",
        "file",
        "file",
    )


def test_flag_profile_beats_vtui_profile_env(
    two_profiles: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VTUI_PROFILE", "staging")
    from_env = resolve_profile()
    assert from_env is not None and from_env.name == "staging" and from_env.read_only
    from_flag = resolve_profile("prod")
    assert from_flag is not None and from_flag.name == "prod"


def test_environment_keys_override_the_stored_ones(
    two_profiles: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOUCHERIFY_APP_ID", "env-id")
    monkeypatch.setenv("VOUCHERIFY_APP_TOKEN", "env-token-99998888")
    profile = resolve_profile()
    assert profile is not None
    assert profile.app_id == "env-id"
    assert profile.app_token.get_secret_value() == "env-token-99998888"
    assert (profile.app_id_source, profile.app_token_source) == ("env", "env")
    assert profile.base_url_source == "file"


def test_api_url_flag_beats_environment_beats_profile(
    two_profiles: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOUCHERIFY_API_BASE_URL", "https://as1.api.voucherify.io/")
    from_env = resolve_profile()
    assert from_env is not None
    assert (from_env.base_url, from_env.base_url_source, from_env.region) == (
        "https://as1.api.voucherify.io",
        "env",
        "Asia",
    )
    from_flag = resolve_profile(api_url="http://localhost:9000")
    assert from_flag is not None
    assert (from_flag.base_url, from_flag.base_url_source) == ("http://localhost:9000", "flag")


def test_environment_alone_is_enough_without_a_stored_profile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VOUCHERIFY_APP_ID", "env-id")
    monkeypatch.setenv("VOUCHERIFY_APP_TOKEN", "env-token-99998888")
    profile = resolve_profile()
    assert profile is not None
    assert not profile.stored
    assert (profile.base_url, profile.base_url_source) == ("https://api.voucherify.io", "default")


def test_empty_environment_values_count_as_unset(
    two_profiles: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in ("VOUCHERIFY_APP_ID", "VOUCHERIFY_APP_TOKEN", "VOUCHERIFY_API_BASE_URL"):
        monkeypatch.setenv(key, "  ")
    profile = resolve_profile()
    assert profile is not None and profile.app_id == "prod-id"
    assert profile.base_url_source == "file"


def test_sole_profile_is_used_when_none_is_active(config_home: Path) -> None:
    config_home.mkdir(mode=0o700)
    (config_home / "config.toml").write_text('[profiles.only]\ncluster = "eu"\napp_id = "a"\n')
    save_profile("only", app_id="a", app_token="only-token-12345678", activate=False)
    profile = resolve_profile()
    assert profile is not None and profile.name == "only"


def test_unknown_profile_asked_by_name_lists_the_known_ones(two_profiles: None) -> None:
    with pytest.raises(ProfileNotFoundError) as caught:
        resolve_profile("prdo")
    message = str(caught.value)
    assert "'prdo'" in message and "prod, staging" in message
    assert "vtui login --profile prdo" in message


def test_unknown_profile_from_vtui_profile_is_an_error_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VTUI_PROFILE", "ci")
    monkeypatch.setenv("VOUCHERIFY_APP_ID", "env-id")
    with pytest.raises(ProfileNotFoundError):
        resolve_profile()


def test_token_alone_in_environment_asks_for_the_app_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOUCHERIFY_APP_TOKEN", "env-token-99998888")
    with pytest.raises(MissingCredentialsError, match="VOUCHERIFY_APP_ID"):
        resolve_profile()


def test_profile_without_a_stored_token_says_how_to_log_in(config_home: Path) -> None:
    config_home.mkdir(mode=0o700)
    (config_home / "config.toml").write_text('active_profile = "p"\n[profiles.p]\napp_id = "a"\n')
    with pytest.raises(MissingCredentialsError) as caught:
        resolve_profile()
    assert "credentials.toml" in str(caught.value)
    assert "vtui login --profile p" in str(caught.value)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://api.voucherify.io", "not an http(s) URL"),
        ("http://api.example.com", "refusing plain http"),
        ("https://user:hunter2@api.voucherify.io", "user name or password"),
        ("ftp://user:hunter2@api.voucherify.io", "user name or password"),
    ],
)
def test_bad_api_url_override_names_its_source(
    two_profiles: None, monkeypatch: pytest.MonkeyPatch, url: str, problem: str
) -> None:
    monkeypatch.setenv("VOUCHERIFY_API_BASE_URL", url)
    with pytest.raises(ConfigError) as caught:
        resolve_profile()
    assert str(caught.value).startswith("VOUCHERIFY_API_BASE_URL: ")
    assert problem in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_profile_names_lists_stored_profiles_without_reading_tokens(
    two_profiles: None, config_home: Path
) -> None:
    from vtui.config import profile_names

    (config_home / "credentials.toml").chmod(0o644)  # unreadable tokens do not matter here
    assert profile_names() == ["prod", "staging"]


@pytest.mark.parametrize(
    "url",
    [
        "http://foo.localhost",
        "http://localhost.evil.example",
        "http://a.b.localhost:8000",
        "http://127.0.0.1.nip.io",
        "http://localhostx",
    ],
)
def test_plain_http_is_refused_for_names_that_only_look_local(url: str) -> None:
    with pytest.raises(ValueError, match="refusing plain http"):
        normalize_api_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost",
        "http://LOCALHOST:8000",
        "http://127.0.0.1:9",
        "http://127.45.6.7",
        "http://[::1]:8000",
        "https://foo.localhost",
    ],
)
def test_plain_http_is_allowed_for_literal_loopback_and_exactly_localhost(url: str) -> None:
    assert normalize_api_url(url) == url


@pytest.mark.parametrize(
    "token", ["tok en-12345678", "tok\ten-1234", "tok\x1b[31m-1234", "t\x7fk-1234"]
)
def test_an_environment_token_with_a_space_or_control_character_is_refused(
    monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    monkeypatch.setenv("VOUCHERIFY_APP_ID", "env-id")
    monkeypatch.setenv("VOUCHERIFY_APP_TOKEN", token)
    with pytest.raises(ConfigError, match="VOUCHERIFY_APP_TOKEN: the App Token contains") as caught:
        resolve_profile()
    assert token not in str(caught.value)
