"""A profile's `currency` key: read from config.toml, checked, kept across a new login."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtui.config import ConfigError, resolve_profile, save_profile


def set_currency(folder: Path, line: str) -> Path:
    path = folder / "config.toml"
    path.write_text(path.read_text().replace("[profiles.shop]\n", f"[profiles.shop]\n{line}\n"))
    return path


@pytest.fixture
def shop(config_home: Path) -> Path:
    save_profile("shop", app_id="shop-id", app_token="shop-token-0000001111", cluster="eu")
    return config_home


def test_the_resolved_profile_carries_the_configured_currency(shop: Path) -> None:
    set_currency(shop, 'currency = "PLN"')
    profile = resolve_profile()
    assert profile is not None and profile.currency == "PLN"


def test_a_profile_without_currency_has_none(shop: Path) -> None:
    profile = resolve_profile()
    assert profile is not None and profile.currency is None


@pytest.mark.parametrize("value", ['"pln"', '"zł"', '"EURO"', '"€"', "985", '""'])
def test_a_bad_currency_is_one_line_naming_the_key_and_the_fix(shop: Path, value: str) -> None:
    path = set_currency(shop, f"currency = {value}")
    before = path.read_text()
    with pytest.raises(ConfigError) as caught:
        resolve_profile()
    message = str(caught.value)
    assert message.startswith(f"{path}: [profiles.shop] currency: must be a three-letter")
    assert '"EUR"' in message and "\n" not in message
    assert path.read_text() == before


def test_logging_in_again_keeps_the_currency(shop: Path) -> None:
    set_currency(shop, 'currency = "GBP"')
    saved = save_profile("shop", app_id="shop-id-2", app_token="shop-token-0000002222")
    assert saved.currency == "GBP"
    profile = resolve_profile()
    assert profile is not None and (profile.app_id, profile.currency) == ("shop-id-2", "GBP")


def test_the_example_config_documents_the_currency() -> None:
    from vtui.config.config_file import parse_config

    example = Path(__file__).parents[2] / "config.example.toml"
    config = parse_config(example.read_text(), example)
    assert config.profiles["production"].currency == "PLN"
