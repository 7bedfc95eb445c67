"""The app token as the client and vtui.config hold it: readable only through
`get_secret_value()`, masked in every repr and str. pydantic's SecretStr has the same face and
is accepted too; this one keeps the client importable, and a profile resolvable, without
pydantic (both are on the start-up path)."""

from __future__ import annotations

from typing import Protocol


class SecretLike(Protocol):
    def get_secret_value(self) -> str: ...


class AppToken:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    @classmethod
    def of(cls, value: SecretLike | str) -> AppToken:
        return cls(value if isinstance(value, str) else value.get_secret_value())

    def get_secret_value(self) -> str:
        return self._value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, AppToken):
            return self._value == other._value
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._value)

    def __repr__(self) -> str:
        return "AppToken('**********')"

    def __str__(self) -> str:
        return "**********"
