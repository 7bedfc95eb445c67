"""Activity tab: the customer's events by cursor, filtered by category, type, campaign, dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select

from vtui.tui import money, when
from vtui.tui.context import context
from vtui.tui.list_query import QueryError, parse_day
from vtui.tui.widgets.customer_table import cell
from vtui.tui.widgets.detail.tab import PagedTab

if TYPE_CHECKING:
    from vtui.api import ActivityPage, CustomerActivity, VoucherifyClient

CATEGORIES = ("ACTION", "EFFECT")
CAMPAIGN_TYPES = (
    "PROMOTION",
    "GIFT_VOUCHERS",
    "REFERRAL_PROGRAM",
    "DISCOUNT_COUPONS",
    "LOYALTY_PROGRAM",
)


def event_summary(activity: CustomerActivity, currency: str | None = None) -> str:
    """A few words about the event's payload: the segment, the order amount, the voucher."""
    payload: dict[str, Any] = {}
    if activity.data is not None and activity.data.data:
        payload = activity.data.data
    segment = payload.get("segment")
    if isinstance(segment, dict) and segment.get("name"):
        return f"segment {segment['name']}"
    order = payload.get("order")
    if isinstance(order, dict) and isinstance(order.get("amount"), int):
        return f"order {money.money(order['amount'], currency)}"
    for key in ("voucher", "redemption", "loyalty"):
        value = payload.get(key)
        if isinstance(value, dict):
            code = value.get("code") or value.get("id")
            if code:
                return f"{key} {code}"
    campaign = payload.get("campaign")
    if isinstance(campaign, dict) and campaign.get("name"):
        return f"campaign {campaign['name']}"
    return ""


TYPE_PREFIX = "customer."
"""Every activity type starts with it: the table leaves it out, the type filter adds it."""


def short_type(event_type: str | None) -> str:
    return (event_type or "—").removeprefix(TYPE_PREFIX)


def full_type(typed: str) -> str:
    return typed if typed.startswith(TYPE_PREFIX) else TYPE_PREFIX + typed


class ActivityTab(PagedTab):
    what: ClassVar[str] = "activity"
    columns: ClassVar[tuple[str, ...]] = ("When (UTC)", "Type", "Channel", "Details")
    wide: ClassVar[str] = "Details"
    caps: ClassVar[dict[str, int]] = {"Type": 24}
    empty_text: ClassVar[str] = "No activity matches."

    def compose_filters(self) -> ComposeResult:
        with Horizontal(classes="tab-filters"):
            yield Select[str](
                [(c, c) for c in CATEGORIES],
                prompt="category",
                id="activity-category",
                compact=True,
            )
            yield Select[str](
                [(c, c) for c in CAMPAIGN_TYPES],
                prompt="campaign type",
                id="activity-campaign_type",
                compact=True,
            )
            yield Input(
                placeholder="event type",
                id="activity-type",
                compact=True,
                tooltip="An event type as the table shows it (updated, order.paid)",
            )
            yield Input(
                placeholder="≥ YYYY-MM-DD",
                id="activity-start",
                classes="-day",
                compact=True,
                tooltip="From this day (UTC)",
            )
            yield Input(
                placeholder="≤ YYYY-MM-DD",
                id="activity-end",
                classes="-day",
                compact=True,
                tooltip="To this day, included (UTC)",
            )
        yield Label("", id="activity-problem", classes="problem")

    def filters(self) -> dict[str, Any]:
        """The activity query's filters; QueryError for dates the API would not take."""
        out: dict[str, Any] = {}
        for key in ("category", "campaign_type"):
            value = self.query_one(f"#activity-{key}", Select).value
            if isinstance(value, str):
                out[key] = value
        event_type = self.query_one("#activity-type", Input).value.strip()
        if event_type:
            out["type"] = full_type(event_type)
        start = parse_day("from", self.query_one("#activity-start", Input).value)
        end = parse_day("to", self.query_one("#activity-end", Input).value)
        if start and end and start > end:
            raise QueryError("'from' must not be after 'to'")
        if start:
            out["start_date"] = _start_of(start)
        if end:
            out["end_date"] = _end_of(end)
        return out

    def _apply_filters(self) -> None:
        problem = self.query_one("#activity-problem", Label)
        try:
            self.filters()
        except QueryError as error:
            problem.update(Text(f"⚠ {error}"))
            return
        problem.update("")
        self.reload()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.loaded:
            self._apply_filters()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply_filters()

    async def fetch_page(self, client: VoucherifyClient, after: str | None) -> ActivityPage:
        kwargs = self.filters()
        if after:
            kwargs["starting_after_id"] = after
        page: ActivityPage = await client.customers.list_activity(
            self.customer_id, limit=self.page_size, **kwargs
        )
        return page

    def rows(self, page: ActivityPage) -> Iterable[tuple[str, tuple[Text, ...]]]:
        for activity in page.data:
            channel = ""
            if activity.data is not None and activity.data.event_source is not None:
                channel = activity.data.event_source.channel or ""
            yield (
                activity.id,
                (
                    cell(when.absolute(activity.created_at).removesuffix(" UTC")),
                    cell(short_type(activity.type)),
                    cell(channel),
                    cell(event_summary(activity, context(self).currency)),
                ),
            )


def _start_of(day: date) -> datetime:
    from datetime import UTC

    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _end_of(day: date) -> datetime:
    from datetime import UTC

    return datetime(day.year, day.month, day.day, 23, 59, 59, 999000, tzinfo=UTC)
