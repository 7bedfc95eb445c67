"""Messages between the parts of the TUI: whoever changes a customer posts one to the app,
and the app hands it to every screen, so whoever shows that customer updates itself.

Screens never call into each other. These messages do not bubble: the app fans them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from vtui.api import Customer
    from vtui.tui.jobs import Job
    from vtui.tui.session import Connector, Session


class Broadcast(Message, bubble=False):
    """A change every screen may care about (the app relays it to each screen)."""


class CustomerSaved(Broadcast):
    """A customer was created or updated from vtui (the saved state, from the API)."""

    def __init__(self, customer: Customer, *, created: bool = False) -> None:
        super().__init__()
        self.customer = customer
        self.created = created


class CustomerDeleted(Broadcast):
    def __init__(self, customer_id: str) -> None:
        super().__init__()
        self.customer_id = customer_id


class ChangeUndone(Broadcast):
    """An undo changed customers: `customer_ids` (ids before and after) should be re-read."""

    def __init__(self, customer_ids: frozenset[str]) -> None:
        super().__init__()
        self.customer_ids = customer_ids


class JobFinished(Broadcast):
    """A bulk job of this run ended (DONE or FAILED): lists and counts are stale."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job


class SessionOpened(Broadcast):
    """The session is open: screens that waited for it go live."""


class OpenCustomer(Message, bubble=False):
    """Ask the app to show this customer (from a screen that must not import the detail)."""

    def __init__(self, customer: Customer) -> None:
        super().__init__()
        self.customer = customer


class OpenSession(Message, bubble=False):
    """Ask the app to connect (the demo, another profile) and show its customer list."""

    def __init__(self, connect: Connector) -> None:
        super().__init__()
        self.connect = connect


class UseSession(Message, bubble=False):
    """A session made elsewhere (a login): the app makes it current."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
