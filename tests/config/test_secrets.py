"""A canary app token never shows in reprs, logs, errors or tracebacks of vtui.config."""

from __future__ import annotations

import dataclasses
import logging
import os
import traceback
from pathlib import Path

import pytest

from vtui.config import (
    ConfigError,
    delete_profile,
    list_profiles,
    load_ui_state,
    resolve_profile,
    save_profile,
    save_ui_state,
)


def test_canary_is_absent_from_reprs_dumps_and_debug_logs(
    canary: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    saved = save_profile("p", app_id="a", app_token=canary)
    resolved = resolve_profile()
    monkeypatch.setenv("VOUCHERIFY_APP_TOKEN", canary)
    from_env = resolve_profile()
    listing = list_profiles()
    save_ui_state("p", {"sort": "name"})
    load_ui_state("p")
    assert resolved is not None and from_env is not None
    assert resolved.app_token.get_secret_value() == canary  # the canary really is in there
    shown = [
        repr(saved),
        str(saved),
        repr(resolved),
        repr(from_env),
        str(dataclasses.asdict(resolved)),
        repr(dataclasses.astuple(resolved)),
        repr(listing),
        caplog.text,
    ]
    for text in shown:
        assert canary not in text
    assert listing[0].masked_token == "****" + canary[-4:]
    delete_profile("p")


@pytest.mark.parametrize("tail", [" trailing-part", "\x07", "\nsecond-line"])
def test_refused_token_is_not_echoed_in_the_error(canary: str, tail: str) -> None:
    with pytest.raises(ValueError) as caught:
        save_profile("p", app_id="a", app_token=canary + tail)
    rendered = "".join(traceback.format_exception(caught.value))
    assert canary not in rendered


def test_unsafe_credentials_error_and_traceback_hold_no_token(
    config_home: Path, canary: str
) -> None:
    save_profile("p", app_id="a", app_token=canary)
    os.chmod(config_home / "credentials.toml", 0o644)
    with pytest.raises(ConfigError) as caught:
        resolve_profile()
    rendered = "".join(traceback.format_exception(caught.value))
    assert canary not in rendered
    rows = list_profiles()
    assert canary not in repr(rows)
