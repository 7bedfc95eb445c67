"""What loading the client costs: no pydantic until a model is wanted, and then only the
models the operation returns."""

from __future__ import annotations

import json
import subprocess
import sys

CLIENT = (
    "import json, sys; import vtui.api.client; "
    "from vtui.api import VoucherifyClient; "
    "c = VoucherifyClient('id', 'token', 'http://sandbox.test'); c.customers; "
)


def loaded_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + "print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return set(json.loads(done.stdout))


def test_a_client_loads_no_pydantic_and_no_command_line_tools():
    loaded = loaded_after(CLIENT)
    assert "httpx" in loaded
    assert not {m for m in loaded if m.startswith(("pydantic", "vtui.api.models"))}
    assert not {"click", "pygments", "rich"} & loaded  # httpx's own CLI stays unloaded


def test_a_customer_list_loads_only_the_customer_models():
    loaded = loaded_after(CLIENT + "from vtui.api.models.customer import CustomerPage; ")
    for unused in ("activity", "redeemable", "segment", "async_action"):
        assert f"vtui.api.models.{unused}" not in loaded
    assert "vtui.api.async_actions" not in loaded


def test_the_lazy_operations_still_work_when_first_used():
    code = CLIENT + (
        "from vtui.api.models import ActivityPage, SegmentList; "
        "names = [ActivityPage.__name__, SegmentList.__name__, type(c.async_actions).__name__]; "
        "print(json.dumps(names)); sys.exit(0); "
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout) == ["ActivityPage", "SegmentList", "AsyncActions"]
