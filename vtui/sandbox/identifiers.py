"""New identifiers in Voucherify's formats (`cust_…`, `evcus_…`, `aa_…`, `v-…`)."""

from __future__ import annotations

import secrets
import string

_ALNUM = string.ascii_letters + string.digits


def _alnum(n: int) -> str:
    # One call for all the randomness; the modulo bias (256 % 62) does not matter for ids.
    return "".join([_ALNUM[b % 62] for b in secrets.token_bytes(n)])


def _hex(n: int) -> str:
    return secrets.token_hex((n + 1) // 2)[:n]


def customer_id() -> str:
    return "cust_" + _alnum(24)


def deletion_id() -> str:
    return "del_" + _alnum(24)


def request_id() -> str:
    return "v-" + _hex(18)


def event_id(ms: int) -> str:
    """`evcus_` + 18 hex that start with the time, so ids sort roughly by creation."""
    return "evcus_" + f"{ms:011x}"[-11:] + _hex(7)


def async_action_id(ms: int) -> str:
    return "aa_" + f"{ms:011x}"[-11:] + _hex(7)
