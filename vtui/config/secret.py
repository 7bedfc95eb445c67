"""A secret as vtui.config holds it: readable only through `get_secret_value()`, masked in
every repr and str. pydantic's SecretStr has the same face and is accepted wherever a token is
taken; this one keeps resolving a profile (part of every start) free of pydantic."""

from __future__ import annotations

from typing import Protocol

MASK = "**********"


class SecretLike(Protocol):
    def get_secret_value(self) -> str: ...


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    @classmethod
    def of(cls, value: SecretLike | str) -> Secret:
        return cls(value if isinstance(value, str) else value.get_secret_value())

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret('{MASK}')"

    def __str__(self) -> str:
        return MASK

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Secret):
            return self._value == other._value
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._value)
