"""What loading the client costs: listing customers must not pay for the other operations."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = (
    "import json, sys; import vtui.api.client; "
    "from vtui.api import VoucherifyClient; "
    "c = VoucherifyClient('id', 'token', 'http://sandbox.test'); c.customers; "
    "print(json.dumps(sorted(sys.modules)))"
)


def loaded_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(done.stdout))


def test_a_client_for_listing_customers_loads_only_the_customer_models():
    loaded = loaded_after(PROBE)
    assert "vtui.api.models.customer" in loaded
    for unused in ("activity", "redeemable", "segment", "async_action"):
        assert f"vtui.api.models.{unused}" not in loaded
    assert "vtui.api.async_actions" not in loaded


def test_httpx_does_not_load_its_command_line_tool_under_vtui():
    loaded = loaded_after(PROBE)
    assert "httpx" in loaded
    assert not {"click", "pygments", "rich"} & loaded


def test_the_lazy_operations_still_work_when_first_used():
    code = PROBE.replace(
        "print(json.dumps(sorted(sys.modules)))",
        "from vtui.api.models import ActivityPage, SegmentList; c.async_actions; "
        "print(json.dumps([ActivityPage.__name__, SegmentList.__name__, "
        "type(c.async_actions).__name__]))",
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout) == ["ActivityPage", "SegmentList", "AsyncActions"]
