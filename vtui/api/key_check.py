"""Do these keys work? One cheap call (list one customer), answered in plain words.

`vtui login` and the TUI's log-in form both ask this before saving anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vtui.api.client import VoucherifyClient


async def keys_problem(client: VoucherifyClient, base_url: str, timeout: float) -> str | None:
    """What is wrong with the client's keys or host, for people; None when they work."""
    from vtui.api.errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        VoucherifyError,
    )

    try:
        await client.customers.list(limit=1)
    except AuthenticationError:
        return (
            f"{base_url} refused these keys (401 Unauthorized): check the App ID and the "
            "App Token (Voucherify dashboard: Project Settings > Application Keys) and the region."
        )
    except APITimeoutError:
        return f"{base_url} did not answer within {timeout:g} s."
    except APIConnectionError as exc:
        return (
            f"could not reach {base_url} ({exc}): check the region or the API URL and the network."
        )
    except APIStatusError as exc:
        return f"{base_url} answered with an error: {exc}."
    except VoucherifyError as exc:
        return f"{base_url} gave an answer vtui did not expect: {exc}."
    return None
