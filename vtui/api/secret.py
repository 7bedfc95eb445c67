"""The app token as the client holds it: readable only through `get_secret_value()`, masked in
every repr and str. pydantic's SecretStr has the same face and is accepted too; this one keeps
the client importable without pydantic (a list of rows needs no models)."""

from __future__ import annotations

from typing import Protocol


class SecretLike(Protocol):
    def get_secret_value(self) -> str: ...


class AppToken:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "AppToken('**********')"

    def __str__(self) -> str:
        return "**********"
