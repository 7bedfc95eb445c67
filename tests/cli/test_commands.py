"""`vtui` itself: --version/--help, profiles, logout, and handing over to TUI, demo, sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import vtui
from vtui.config import ResolvedProfile, resolve_profile, save_profile


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[Any, ...]]]:
    """Stand-ins for the TUI, demo and sandbox entry points that record their arguments."""
    recorded: list[tuple[str, tuple[Any, ...]]] = []
    for module, attrs in (
        ("vtui.tui.startup", ("run_profile", "run_demo")),
        ("vtui.sandbox.serve", ("main",)),
    ):
        stand_in = types.ModuleType(module)
        for attr in attrs:
            name = f"{module}.{attr}" if len(attrs) > 1 else module

            def entry(*args: Any, _name: str = name) -> int:
                recorded.append((_name, args))
                return 7

            setattr(stand_in, attr, entry)
        monkeypatch.setitem(sys.modules, module, stand_in)
    return recorded


def test_version_prints_the_package_version(run) -> None:
    with pytest.raises(SystemExit) as caught:
        run("--version")
    assert caught.value.code == 0


def test_version_output(capsys: pytest.CaptureFixture[str]) -> None:
    from vtui.cli import main

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"vtui {vtui.__version__}"


def test_help_lists_commands_environment_and_precedence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from vtui.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    out = capsys.readouterr().out
    assert caught.value.code == 0
    for word in ("login", "logout", "profiles", "sandbox", "--demo", "--profile", "--api-url"):
        assert word in out
    for env in ("VOUCHERIFY_APP_ID", "VOUCHERIFY_APP_TOKEN", "VOUCHERIFY_API_BASE_URL"):
        assert env in out
    assert "flags > environment > profile" in out


def test_help_and_version_import_nothing_heavy() -> None:
    code = (
        "import sys\nfrom vtui.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(result.stdout.split())
    heavy = {"pydantic", "httpx", "textual", "tomlkit", "vtui.config", "vtui.api", "starlette"}
    assert not heavy & loaded


def test_bare_vtui_opens_the_tui_with_the_resolved_profile(run, calls) -> None:
    save_profile("prod", app_id="a", app_token="prod-token-12345678", read_only=True)
    assert run().code == 7
    ((module, (profile, read_only)),) = calls
    assert module == "vtui.tui.startup.run_profile"
    assert isinstance(profile, ResolvedProfile) and profile.name == "prod"
    assert read_only is True  # the profile's read_only carries over


def test_flags_choose_the_profile_url_and_read_only(run, calls) -> None:
    save_profile("a", app_id="a", app_token="a-token-12345678")
    save_profile("b", app_id="b", app_token="b-token-12345678", activate=False)
    assert run("--profile", "b", "--api-url", "http://127.0.0.1:9", "--read-only").code == 7
    ((_, (profile, read_only)),) = calls
    assert (profile.name, profile.base_url, profile.base_url_source) == (
        "b",
        "http://127.0.0.1:9",
        "flag",
    )
    assert read_only is True


def test_first_run_opens_the_tui_without_a_profile(run, calls) -> None:
    assert run().code == 7
    assert calls == [("vtui.tui.startup.run_profile", (None, False))]


def test_a_broken_config_is_reported_and_the_tui_not_started(run, calls, config_home: Path) -> None:
    config_home.mkdir(mode=0o700)
    (config_home / "config.toml").write_text("[profiles.p]\nclusterr = 'eu'\n")
    result = run()
    assert result.code == 2
    assert "[profiles.p] clusterr: unknown key" in result.err
    assert calls == []


def test_demo_passes_size_reset_and_read_only(run, calls) -> None:
    assert run("--demo", "--customers", "50", "--reset", "--read-only").code == 7
    assert calls == [("vtui.tui.startup.run_demo", (50, True, True))]
    calls.clear()
    assert run("--demo").code == 7
    assert calls == [("vtui.tui.startup.run_demo", (None, False, False))]


@pytest.mark.parametrize(
    "argv",
    [["--customers", "5"], ["--reset"], ["--demo", "--customers", "-1"], ["--demo", "profiles"]],
)
def test_demo_options_are_checked(run, calls, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run(*argv)
    assert caught.value.code == 2 and calls == []


def test_sandbox_serve_gets_the_rest_of_the_arguments_untouched(run, calls) -> None:
    assert run("sandbox", "serve", "--port", "0", "--memory").code == 7
    assert run("--profile", "sandbox", "sandbox", "serve", "--help").code == 7
    assert calls == [
        ("vtui.sandbox.serve", (["--port", "0", "--memory"],)),
        ("vtui.sandbox.serve", (["--help"],)),
    ]


def test_unknown_global_flags_before_sandbox_are_still_refused(run, calls) -> None:
    with pytest.raises(SystemExit) as caught:
        run("--bogus", "sandbox", "serve")
    assert caught.value.code == 2 and calls == []


def test_sandbox_without_serve_shows_its_usage(run, calls) -> None:
    result = run("sandbox")
    assert result.code == 2 and "vtui sandbox serve" in result.err
    assert calls == []


def test_a_profile_named_sandbox_is_not_mistaken_for_the_command(run, calls) -> None:
    result = run("--profile", "sandbox", "profiles")
    assert result.code == 0 and calls == []


def test_profiles_masks_tokens_marks_the_active_one_and_shows_sources(
    run, monkeypatch: pytest.MonkeyPatch, keys
) -> None:
    save_profile("prod", app_id="prod-id", app_token=keys.token, cluster="us")
    save_profile("stage", app_id="stage-id", app_token=keys.bad_token, cluster="as", activate=False)
    result = run("profiles")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["PROFILE", "REGION", "APP", "ID", "TOKEN", "FROM", "(id/token)"]
    assert lines[1].split() == ["*", "prod", "US", "prod-id", "****" + keys.token[-4:], "file/file"]
    assert lines[2].split() == [
        "stage",
        "Asia",
        "stage-id",
        "****" + keys.bad_token[-4:],
        "file/file",
    ]
    assert keys.token not in result.out + result.err
    assert keys.bad_token not in result.out + result.err

    monkeypatch.setenv("VOUCHERIFY_APP_TOKEN", "env-token-abcdefgh")
    result = run("--profile", "stage", "profiles")
    stage_line = next(line for line in result.out.splitlines() if "stage-id" in line)
    assert stage_line.split() == ["*", "stage", "Asia", "stage-id", "****efgh", "file/env"]


def test_profiles_reports_an_unreadable_token_with_the_fix(run, config_home: Path) -> None:
    save_profile("prod", app_id="prod-id", app_token="prod-token-12345678")
    os.chmod(config_home / "credentials.toml", 0o644)
    result = run("profiles")
    assert result.code == 1
    assert "prod" in result.out
    assert f"chmod 600 {config_home / 'credentials.toml'}" in result.err


def test_profiles_with_nothing_stored_says_how_to_start(run) -> None:
    result = run("profiles")
    assert result.code == 0 and "vtui login" in result.out and "vtui --demo" in result.out


def test_logout_forgets_the_active_profile_and_its_token(run, config_home: Path) -> None:
    save_profile("prod", app_id="a", app_token="prod-token-12345678")
    save_profile("dev", app_id="b", app_token="dev-token-12345678")
    result = run("logout")
    assert result.code == 0 and "'dev'" in result.out
    assert "dev-token" not in (config_home / "credentials.toml").read_text()
    profile = resolve_profile()
    assert profile is not None and profile.name == "prod"
    assert run("logout", "--profile", "prod").code == 0
    assert resolve_profile() is None


def test_logout_of_an_unknown_profile_fails_plainly(run) -> None:
    result = run("logout", "--profile", "ghost")
    assert result.code == 1 and "no profile named 'ghost'" in result.err
