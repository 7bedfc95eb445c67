"""`vtui login`: keys are checked with one cheap call against a real server before saving."""

from __future__ import annotations

import builtins
import getpass
import logging
import sys
import tomllib
from pathlib import Path

import pytest

from vtui import cli
from vtui.config import resolve_profile

APP_ID = "cli-test-app"  # the keys fixture's app id, which the loopback sandbox accepts


def login_argv(url: str, *extra: str) -> list[str]:
    return ["login", "--profile", "dev", "--api-url", url, "--app-id", APP_ID, *extra]


def test_accepted_keys_are_saved_after_one_list_call(
    run, keys, sandbox_url: str, loopback_sandbox, config_home: Path
) -> None:
    result = run(*login_argv(sandbox_url, "--app-token-stdin"), stdin=keys.token + "\n")
    assert result.code == 0, result.err
    assert "Logged in: profile 'dev'" in result.out
    assert loopback_sandbox.requests() == {"list-customers": 1}
    profile = resolve_profile()
    assert profile is not None
    assert (profile.name, profile.base_url, profile.app_id) == ("dev", sandbox_url, APP_ID)
    assert profile.app_token.get_secret_value() == keys.token
    assert (config_home / "credentials.toml").stat().st_mode & 0o777 == 0o600


def test_wrong_keys_are_reported_plainly_and_nothing_is_saved(
    run, keys, sandbox_url: str, config_home: Path
) -> None:
    result = run(*login_argv(sandbox_url, "--app-token-stdin"), stdin=keys.bad_token)
    assert result.code == 1
    assert "refused these keys (401" in result.err
    assert "Nothing was saved." in result.err
    assert not config_home.exists()


def test_wrong_keys_leave_an_existing_profile_untouched(
    run, keys, sandbox_url: str, config_home: Path
) -> None:
    assert run(*login_argv(sandbox_url, "--app-token-stdin"), stdin=keys.token).code == 0
    before = {p.name: p.read_bytes() for p in config_home.iterdir() if p.is_file()}
    assert run(*login_argv(sandbox_url, "--app-token-stdin"), stdin=keys.bad_token).code == 1
    after = {p.name: p.read_bytes() for p in config_home.iterdir() if p.is_file()}
    assert after == before


def test_unreachable_host_is_reported_plainly_and_nothing_is_saved(
    run, keys, dead_url: str, config_home: Path
) -> None:
    result = run(*login_argv(dead_url, "--app-token-stdin"), stdin=keys.token)
    assert result.code == 1
    assert f"could not reach {dead_url}" in result.err
    assert "Nothing was saved." in result.err
    assert not config_home.exists()


def test_a_host_too_slow_to_answer_is_reported(
    run,
    keys,
    sandbox_url: str,
    loopback_sandbox,
    monkeypatch: pytest.MonkeyPatch,
    config_home: Path,
) -> None:
    loopback_sandbox.control("POST", "faults", {"kind": "latency", "latency_ms": 2000})
    monkeypatch.setattr(cli, "CHECK_TIMEOUT", 0.3)
    result = run(*login_argv(sandbox_url, "--app-token-stdin"), stdin=keys.token)
    assert result.code == 1
    assert "did not answer within 0.3 s" in result.err
    assert not config_home.exists()


def test_a_server_error_is_reported_with_the_api_message(
    run, keys, sandbox_url: str, loopback_sandbox, config_home: Path
) -> None:
    loopback_sandbox.control("POST", "faults", {"kind": "error", "status": 503})
    result = run(*login_argv(sandbox_url, "--app-token-stdin"), stdin=keys.token)
    assert result.code == 1
    assert "answered with an error: [503" in result.err
    assert not config_home.exists()


def test_token_can_come_from_the_environment(
    run, keys, sandbox_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOUCHERIFY_APP_TOKEN", keys.token)
    assert run(*login_argv(sandbox_url)).code == 0
    monkeypatch.delenv("VOUCHERIFY_APP_TOKEN")
    profile = resolve_profile()
    assert profile is not None and profile.app_token_source == "file"


def test_missing_token_without_a_terminal_says_where_to_give_it(run, config_home: Path) -> None:
    result = run("login", "--profile", "dev", "--cluster", "eu", "--app-id", "x")
    assert result.code == 2
    assert "--app-token-stdin" in result.err and "VOUCHERIFY_APP_TOKEN" in result.err
    assert not config_home.exists()


def test_cluster_and_api_url_together_are_refused(run) -> None:
    with pytest.raises(SystemExit) as caught:
        run("login", "--cluster", "us", "--api-url", "https://x.example")
    assert caught.value.code == 2


def test_plain_http_to_a_remote_host_is_refused_before_sending_the_token(
    run, keys, config_home: Path
) -> None:
    result = run(*login_argv("http://api.example.com", "--app-token-stdin"), stdin=keys.token)
    assert result.code == 2
    assert "refusing plain http" in result.err


def test_interactive_login_prompts_and_hides_the_token(
    keys, sandbox_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["work", sandbox_url, APP_ID])
    prompts: list[str] = []

    def fake_input(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    def fake_getpass(prompt: str = "Password: ", stream: object = None) -> str:
        prompts.append(prompt)
        return keys.token

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(builtins, "input", fake_input)
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    monkeypatch.setattr(sys, "stdin", Terminal())
    code = cli.main(["login"])
    assert code == 0
    assert prompts == [
        "Profile name [default]: ",
        "Region: eu, us, as, or an API URL [eu]: ",
        "App ID: ",
        "App Token (hidden): ",
    ]
    profile = resolve_profile()
    assert profile is not None and profile.name == "work" and profile.base_url == sandbox_url


def test_read_only_and_store_choices_are_saved(
    run, keys, sandbox_url: str, config_home: Path
) -> None:
    argv = login_argv(sandbox_url, "--app-token-stdin", "--read-only")
    assert run(*argv, "--credential-store", "file", stdin=keys.token).code == 0
    stored = tomllib.loads((config_home / "config.toml").read_text())["profiles"]["dev"]
    assert stored["read_only"] is True and stored["credential_store"] == "file"


def test_choosing_the_keyring_where_there_is_none_fails_before_any_call(
    run, keys, sandbox_url: str, loopback_sandbox
) -> None:
    argv = login_argv(sandbox_url, "--app-token-stdin", "--credential-store", "keyring")
    result = run(*argv, stdin=keys.token)
    assert result.code == 2 and "no OS keyring" in result.err
    assert loopback_sandbox.requests() == {}


@pytest.mark.parametrize("which", ["token", "bad_token"])
def test_token_never_reaches_output_or_debug_logs(
    run, keys, sandbox_url: str, caplog: pytest.LogCaptureFixture, which: str
) -> None:
    token = getattr(keys, which)
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "vtui", "asyncio"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    result = run(*login_argv(sandbox_url, "--app-token-stdin"), stdin=token)
    assert caplog.records, "DEBUG logging captured nothing: the test would prove nothing"
    assert token not in result.out + result.err + caplog.text


def test_region_flags_beat_the_environment_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOUCHERIFY_API_BASE_URL", "http://127.0.0.1:1")
    assert cli._ask_region("us", None, False) == ("us", "https://us1.api.voucherify.io")
    assert cli._ask_region(None, "http://[::1]:2/", False) == (None, "http://[::1]:2")
    assert cli._ask_region(None, None, False) == (None, "http://127.0.0.1:1")
    monkeypatch.delenv("VOUCHERIFY_API_BASE_URL")
    assert cli._ask_region(None, None, False) == ("eu", "https://api.voucherify.io")


def test_environment_url_is_used_when_no_flag_names_a_region(
    run, keys, sandbox_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOUCHERIFY_API_BASE_URL", sandbox_url)
    monkeypatch.setenv("VOUCHERIFY_APP_TOKEN", keys.token)
    assert run("login", "--app-id", APP_ID).code == 0
    monkeypatch.delenv("VOUCHERIFY_API_BASE_URL")
    profile = resolve_profile()
    assert profile is not None and profile.base_url == sandbox_url


def test_unsafe_credentials_stop_login_before_any_prompt_or_call(
    run, keys, sandbox_url: str, loopback_sandbox, config_home: Path
) -> None:
    assert run(*login_argv(sandbox_url, "--app-token-stdin"), stdin=keys.token).code == 0
    (config_home / "credentials.toml").chmod(0o644)
    loopback_sandbox.control("DELETE", "stats")
    result = run(*login_argv(sandbox_url, "--app-token-stdin"), stdin=keys.token)
    assert result.code == 2 and "chmod 600" in result.err
    assert loopback_sandbox.requests() == {}


def test_ctrl_d_at_a_prompt_cancels_cleanly(
    monkeypatch: pytest.MonkeyPatch, config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    def end_of_input(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(builtins, "input", end_of_input)
    monkeypatch.setattr(sys, "stdin", Terminal())
    assert cli.main(["login"]) == 130
    assert "cancelled; nothing was saved" in capsys.readouterr().err
    assert not config_home.exists()


def test_global_flags_before_login_apply_to_it(run, keys, sandbox_url: str) -> None:
    argv = ["--profile", "ops", "--read-only", "login", "--api-url", sandbox_url]
    result = run(*argv, "--app-id", APP_ID, "--app-token-stdin", stdin=keys.token)
    assert result.code == 0, result.err
    profile = resolve_profile()
    assert profile is not None and profile.name == "ops" and profile.read_only


@pytest.mark.parametrize("typed", ["canary tok-12345678", "canary\x1b[2J-tok-1234"])
def test_a_token_typed_at_the_prompt_with_a_space_or_control_character_is_refused_unsent(
    typed: str,
    sandbox_url: str,
    loopback_sandbox,
    config_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    answers = iter(["work", sandbox_url, APP_ID])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(answers))
    monkeypatch.setattr(getpass, "getpass", lambda prompt="", stream=None: typed)
    monkeypatch.setattr(sys, "stdin", Terminal())
    capsys.readouterr()
    code = cli.main(["login"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and "the prompt: the App Token contains" in err
    assert typed not in err
    assert loopback_sandbox.requests() == {}
    assert not (config_home / "config.toml").exists()
