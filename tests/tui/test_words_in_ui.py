"""What the UI says reads as written for people: counted plurals (never "(s)"), no Markdown
backticks, and a space between every two styled spans on screen."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.svg_text import svg_lines
from tests.tui.harness import settle
from vtui.api import AsyncAction
from vtui.tui.jobs import Job
from vtui.tui.screens.job_progress import summary_text

PACKAGE = Path(__file__).resolve().parents[2] / "vtui"
WIRE_WORDS = {"vtui/sandbox/customer_jobs.py"}
"""The sandbox answers with the real API's own message ("3 customer(s) imported ..."): that
is wire format, which vtui shows in its own words."""


def user_strings() -> list[tuple[str, int, str]]:
    """Every string constant in vtui that is not a docstring: (file, line, text)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                docs.add(id(node.value))  # docstrings and bare string statements
        name = str(path.relative_to(PACKAGE.parent))
        for node in ast.walk(tree):
            constant = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if constant and id(node) not in docs:
                found.append((name, node.lineno, node.value))
    return found


def test_no_message_hedges_a_plural_with_s_in_brackets():
    hedged = [
        f"{name}:{line}"
        for name, line, text in user_strings()
        if "(s)" in text.replace("http(s)", "") and name not in WIRE_WORDS
    ]
    assert hedged == []


def test_no_message_shows_markdown_backticks():
    ticked = [f"{name}:{line}" for name, line, text in user_strings() if "`" in text]
    assert ticked == []


def test_a_finished_import_counts_in_words_that_fit_the_number():
    def summary(done: int, failed: int) -> str:
        action = AsyncAction.model_validate(
            {
                "id": "aa_1",
                "type": "CUSTOMERS.IMPORT_CSV",
                "status": "DONE",
                "progress": 100,
                "result": {
                    "message": f"{done} customer(s) imported successfully, {failed} failed.",
                    "done_count": done,
                    "failed_count": failed,
                },
            }
        )
        return summary_text(Job("aa_1", "CSV import", action=action)).plain

    assert "1 customer done · 0 failed" in summary(1, 0)
    assert "2 customers done · 1 failed" in summary(2, 1)
    assert "(s)" not in summary(1, 0) + summary(2, 1)
    assert "`" not in summary(1, 0)


async def test_styled_spans_keep_their_spaces_on_screen(harness):
    """Read the way screenshots/ are read: each span at its column, not joined and stripped."""
    h = await harness(customers=200)
    async with h.app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        status = svg_lines(h.app.export_screenshot())
        assert any(line.rstrip().endswith("? all keys · ctrl+p commands") for line in status)
        await pilot.press("enter")
        await settle(pilot)
        customer = h.app.screen.customer
        lines = svg_lines(h.app.export_screenshot())
        assert lines[0].strip() == f"{customer.name}  <{customer.email}>"
        (ids,) = [line for line in lines if line.lstrip().startswith("id ")]
        assert f"{customer.id}  source_id " in ids
