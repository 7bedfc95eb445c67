"""Every bad config, flag, port, path or token: exactly one line on stderr naming the cause,
no traceback, a non-zero exit, and nothing sent to the API. Each case is a real `vtui`
process (python -m vtui) next to the loopback sandbox of tests/cli/conftest.py."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.cli.conftest import GOOD_APP_ID, GOOD_TOKEN, LoopbackSandbox


@dataclass
class Case:
    argv: list[str]
    cause: str  # a fragment the one line must contain (case-insensitive)
    stdin: str = ""
    env: dict[str, str] = field(default_factory=dict)


Setup = Callable[[Path], None] | None  # prepares the config folder
Make = Callable[[str], Case]  # the sandbox URL -> the case


def config_with(body: str) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        folder.mkdir(mode=0o700, exist_ok=True)
        (folder / "config.toml").write_text(body)

    return write


def stored_profile(folder: Path) -> None:
    config_with('active_profile = "p"\n[profiles.p]\ncluster = "eu"\napp_id = "a"\n')(folder)
    creds = folder / "credentials.toml"
    creds.write_text('[profiles.p]\napp_token = "p-token-12345678"\n')
    creds.chmod(0o600)


WRONG_TYPES = {
    "cluster-list": ('[profiles.p]\ncluster = ["eu"]\n', "cluster"),
    "cluster-table": ("[profiles.p]\ncluster = {a = 1}\n", "cluster"),
    "cluster-number": ("[profiles.p]\ncluster = 1\n", "cluster"),
    "api-url-number": ("[profiles.p]\napi_url = 7\n", "api_url"),
    "app-id-list": ('[profiles.p]\napp_id = ["a"]\n', "app_id"),
    "read-only-string": ('[profiles.p]\nread_only = "yes"\n', "read_only"),
    "store-list": ('[profiles.p]\ncredential_store = ["file"]\n', "credential_store"),
    "active-number": ("active_profile = 3\n", "active_profile"),
    "profiles-number": ("profiles = 3\n", "profiles"),
    "profile-not-table": ("[profiles]\np = 1\n", "must be a table"),
}


def login(url: str, *extra: str) -> list[str]:
    return ["login", "--profile", "p", "--api-url", url, "--app-id", GOOD_APP_ID, *extra]


def cases(tmp: Path) -> dict[str, tuple[Setup, Make]]:
    not_a_db = tmp / "notes.db"
    not_a_db.write_text("these are my notes, not a database\n" * 50)
    a_file = tmp / "a-file"
    a_file.write_text("x")
    found: dict[str, tuple[Setup, Make]] = {}
    for name, (body, cause) in WRONG_TYPES.items():
        found[f"profiles-{name}"] = (config_with(body), lambda url, c=cause: Case(["profiles"], c))
    found["login-cluster-list"] = (
        config_with('[profiles.p]\ncluster = ["eu"]\n'),
        lambda url: Case(login(url, "--app-token-stdin"), "cluster", stdin=GOOD_TOKEN),
    )
    for where, token in (("space", "canary tok-123456"), ("tab", "canary\ttok-123456")):
        found[f"stdin-token-{where}"] = (
            None,
            lambda url, t=token: Case(login(url, "--app-token-stdin"), "space", stdin=t + "\n"),
        )
    for where, token in (("escape", "canary\x1b[31m-tok"), ("bell", "canary\x07-tok-1")):
        found[f"stdin-token-{where}"] = (
            None,
            lambda url, t=token: Case(login(url, "--app-token-stdin"), "control", stdin=t + "\n"),
        )
        found[f"env-token-{where}"] = (
            None,
            lambda url, t=token: Case(login(url), "control", env={"VOUCHERIFY_APP_TOKEN": t}),
        )
    found["env-token-inner-space"] = (
        None,
        lambda url: Case(login(url), "space", env={"VOUCHERIFY_APP_TOKEN": "canary tok-9876"}),
    )
    found["config-folder-is-a-file"] = (
        None,
        lambda url: Case(
            login(url, "--app-token-stdin"),
            "not a directory",
            stdin=GOOD_TOKEN,
            env={"VTUI_CONFIG_DIR": str(a_file)},
        ),
    )
    found["config-folder-under-a-file"] = (
        None,
        lambda url: Case(
            login(url, "--app-token-stdin"),
            str(a_file),
            stdin=GOOD_TOKEN,
            env={"VTUI_CONFIG_DIR": str(a_file / "vtui")},
        ),
    )
    if os.path.isdir("/sys") and os.geteuid() == 0:  # root writes anywhere a mode allows
        found["config-folder-not-writable"] = (
            None,
            lambda url: Case(
                login(url, "--app-token-stdin"),
                "/sys",
                stdin=GOOD_TOKEN,
                env={"VTUI_CONFIG_DIR": "/sys/vtui-config"},
            ),
        )
    else:
        locked = tmp / "locked"
        locked.mkdir(mode=0o500)
        found["config-folder-not-writable"] = (
            None,
            lambda url: Case(
                login(url, "--app-token-stdin"),
                str(locked),
                stdin=GOOD_TOKEN,
                env={"VTUI_CONFIG_DIR": str(locked / "vtui")},
            ),
        )
    found["unknown-vtui-profile-env"] = (
        stored_profile,
        lambda url: Case(["profiles"], "VTUI_PROFILE names 'nope'", env={"VTUI_PROFILE": "nope"}),
    )
    found["unknown-profile-flag"] = (
        stored_profile,
        lambda url: Case(["profiles", "--profile", "nope"], "--profile names 'nope'"),
    )
    found["unknown-vtui-profile-no-profiles"] = (
        None,
        lambda url: Case(["profiles"], "no profile named 'nope'", env={"VTUI_PROFILE": "nope"}),
    )
    serve = ["sandbox", "serve", "--customers", "0"]
    found["serve-port-in-use"] = (  # the loopback sandbox's own port
        None,
        lambda url: Case([*serve, "--memory", "--port", url.rsplit(":", 1)[1]], "in use"),
    )
    found["serve-db-not-a-database"] = (
        None,
        lambda url: Case([*serve, "--port", "0", "--db", str(not_a_db)], "not a database"),
    )
    found["serve-db-in-a-missing-folder"] = (
        None,
        lambda url: Case(
            [*serve, "--port", "0", "--db", str(tmp / "missing" / "x.db")], "unable to open"
        ),
    )
    found["serve-db-under-a-file"] = (
        None,
        lambda url: Case([*serve, "--port", "0", "--db", str(a_file / "x.db")], str(a_file)),
    )
    return found


def _names() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return sorted(cases(Path(tmp)))


@pytest.mark.parametrize("name", _names())
def test_a_bad_input_gives_one_line_and_a_non_zero_exit_before_any_request(
    name: str,
    tmp_path: Path,
    config_home: Path,
    loopback_sandbox: LoopbackSandbox,
    sandbox_url: str,
) -> None:
    setup, make = cases(tmp_path)[name]
    if setup is not None:
        setup(config_home)
    case = make(sandbox_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOUCHERIFY_", "VTUI_"))}
    env.update(
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", VTUI_CONFIG_DIR=str(config_home)
    )
    env.update(case.env)
    result = subprocess.run(
        [sys.executable, "-m", "vtui", *case.argv],
        input=case.stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    assert len(lines) == 1, result.stderr
    assert case.cause.lower() in lines[0].lower(), lines[0]
    assert loopback_sandbox.requests() == {}  # refused before anything was sent
    assert GOOD_TOKEN not in result.stderr + result.stdout
