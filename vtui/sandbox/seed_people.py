"""Seeded people: names, emails, phones, addresses, birthdates and mixed-type metadata.

Everything comes from one `random.Random`, so a (seed, size) always yields the same people.
Emails are kept unique (some are also source_ids, which must be).
"""

from __future__ import annotations

import bisect
import itertools
import random
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from vtui.sandbox.seed_places import BRANDS, COUNTRIES, DESCRIPTIONS, INTERESTS, Country
from vtui.sandbox.seed_time import api_ts, iso_date

ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32: no 0/O, 1/I lookalikes
# Byte -> character tables: one random byte per character is far cheaper than choices().
_ALNUM_TABLE = bytes(ord(ALNUM[i % len(ALNUM)]) for i in range(256))
_CODE_TABLE = bytes(ord(CODE_CHARS[i % len(CODE_CHARS)]) for i in range(256))
_LETTER_TABLE = bytes(ord("ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26]) for i in range(256))
T = TypeVar("T")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DAY_MS = 86_400_000
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "ø": "o", "æ": "ae", "'": "", " ": ""})


class Weighted(Generic[T]):
    """A weighted choice with the cumulative weights computed once."""

    def __init__(self, items: Sequence[T], weights: Sequence[int]) -> None:
        self._items = tuple(items)
        self._cum = list(itertools.accumulate(weights))
        self._total = self._cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self._items[bisect.bisect_right(self._cum, rng.random() * self._total)]


_TIERS = Weighted(("bronze", "silver", "gold", "platinum"), (50, 30, 15, 5))
_CHANNELS = Weighted(
    ("web", "ios", "android", "store", "import", "referral"), (35, 15, 15, 15, 12, 8)
)


@dataclass(slots=True)
class Person:
    """A customer's own profile fields, in the API's shapes."""

    id: str
    source_id: str | None
    name: str | None
    email: str | None
    phone: str | None
    description: str | None
    birthdate: str | None
    birthday: str | None
    address: dict[str, str | None] | None
    metadata: dict[str, Any] | None
    lang: str


_PATTERNS: dict[str, tuple[str, tuple[int, ...]]] = {}


def _compile(pattern: str) -> tuple[str, tuple[int, ...]]:
    """A format string with one field per run of `#` (n > 0: n digits) or `@` (-n letters)."""
    parts: list[str] = []
    runs: list[int] = []
    for key, group in itertools.groupby(pattern):
        n = len(list(group))
        if key in "#@":
            parts.append("{}")
            runs.append(n if key == "#" else -n)
        else:
            parts.append((key * n).replace("{", "{{").replace("}", "}}"))
    return "".join(parts), tuple(runs)


def fill(pattern: str, rng: random.Random) -> str:
    """Expand a format: `#` -> a digit, `@` -> a capital letter."""
    compiled = _PATTERNS.get(pattern)
    if compiled is None:
        compiled = _PATTERNS[pattern] = _compile(pattern)
    template, runs = compiled
    values = [
        f"{int(rng.random() * 10**n):0{n}d}"
        if n > 0
        else rng.randbytes(-n).translate(_LETTER_TABLE).decode("ascii")
        for n in runs
    ]
    return template.format(*values)


def random_id(rng: random.Random, prefix: str, length: int = 24) -> str:
    """prefix + alphanumerics, like Voucherify's ids (cust_, seg_, camp_...)."""
    return prefix + rng.randbytes(length).translate(_ALNUM_TABLE).decode("ascii")


def random_code(rng: random.Random, length: int) -> str:
    """A voucher code of unambiguous capitals and digits."""
    return rng.randbytes(length).translate(_CODE_TABLE).decode("ascii")


def _ascii(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.translate(_FOLD).lower())
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


class PeopleFactory:
    """Makes `Person`s; remembers the emails it gave out so they stay unique."""

    def __init__(self, rng: random.Random, now_ms: int) -> None:
        self._rng = rng
        self._now_ms = now_ms
        self._now_year = time.gmtime(now_ms // 1000).tm_year
        self._emails: set[str] = set()
        self._ascii: dict[str, str] = {}
        self._countries = Weighted(COUNTRIES, [c.weight for c in COUNTRIES])

    def make(self, index: int, created_ms: int, orders: int, avg_basket: int) -> Person:
        rng = self._rng
        r = rng.random
        country = self._countries.pick(rng)
        female = r() < 0.5
        first = rng.choice(country.first_female if female else country.first_male)
        last = rng.choice(country.last)
        if female:
            for male_end, female_end in country.feminine_suffixes:
                if last.endswith(male_end):
                    last = last[: -len(male_end)] + female_end
                    break
        name: str | None = f"{first} {last}"
        if country.lang == "en" and r() < 0.05:
            name = f"{first} {rng.choice(_UPPER)}. {last}"
        if r() < 0.02:
            name = None
        email = self._email(first, last, country, created_ms) if r() < 0.92 else None
        source_id = self._source_id(index, email)
        phone = fill(country.phone, rng) if r() < 0.8 else None
        birthdate = self._birthdate() if r() < 0.7 else None
        birthday = birthdate if birthdate and r() < 0.12 else None
        if birthdate is None and r() < 0.03:
            birthday = self._birthdate()
        description = rng.choice(DESCRIPTIONS) if r() < 0.15 else None
        address = self._address(country) if r() < 0.88 else None
        lang = country.lang if r() < 0.9 else "en"
        metadata = self._metadata(lang, created_ms, orders, avg_basket)
        return Person(
            id=random_id(rng, "cust_"),
            source_id=source_id,
            name=name,
            email=email,
            phone=phone,
            description=description,
            birthdate=birthdate,
            birthday=birthday,
            address=address,
            metadata=metadata,
            lang=lang,
        )

    def _fold(self, word: str) -> str:
        folded = self._ascii.get(word)
        if folded is None:
            folded = self._ascii[word] = _ascii(word)
        return folded

    def _email(self, first: str, last: str, country: Country, created_ms: int) -> str:
        rng = self._rng
        f, la = self._fold(first), self._fold(last)
        style = int(rng.random() * 5)
        if style == 0:
            local = f"{f}.{la}"
        elif style == 1:
            local = f"{f}{la}"
        elif style == 2:
            local = f"{f[0]}.{la}"
        elif style == 3:
            local = f"{f}_{la}"
        else:
            local = f"{f}.{la}{iso_date(created_ms)[2:4]}"
        domain = rng.choice(country.domains)
        email = f"{local}@{domain}"
        while email.lower() in self._emails:
            local = f"{local}{int(rng.random() * 10)}"
            email = f"{local}@{domain}"
        self._emails.add(email.lower())
        if rng.random() < 0.03:  # people type their email in all sorts of case
            email = email[0].upper() + email[1:]
        return email

    def _source_id(self, index: int, email: str | None) -> str | None:
        roll = self._rng.random()
        if roll < 0.10:
            return None
        if roll < 0.45 and email is not None:
            return email
        if roll < 0.75:
            return f"crm-{10000 + index}"
        if roll < 0.90:
            return f"shopify/customers/{7_000_000_000 + index * 7}"
        return f"legacy/{index:07d}"

    def _birthdate(self) -> str:
        rng = self._rng
        year = self._now_year - 18 - int(rng.random() * 62)
        month = 1 + int(rng.random() * 12)
        day = 1 + int(rng.random() * _MONTH_DAYS[month - 1])
        return f"{year:04d}-{month:02d}-{day:02d}"

    def _address(self, country: Country) -> dict[str, str | None]:
        rng = self._rng
        city = rng.choice(country.cities)
        if rng.random() < 0.2:  # a partial address: only what a quick form asked for
            return {
                "city": city.name,
                "state": None,
                "line_1": None,
                "line_2": None,
                "country": country.name,
                "postal_code": None,
            }
        number = str(1 + int(rng.random() * 240))
        line_1 = country.line_1.format(n=number, s=rng.choice(country.streets))
        line_2 = fill(rng.choice(country.line_2), rng) if rng.random() < 0.3 else None
        return {
            "city": city.name,
            "state": city.state,
            "line_1": line_1,
            "line_2": line_2,
            "country": country.name,
            "postal_code": fill(city.postal, rng),
        }

    def _metadata(
        self, lang: str, created_ms: int, orders: int, avg_basket: int
    ) -> dict[str, Any] | None:
        rng = self._rng
        r = rng.random
        roll = r()
        if roll < 0.08:
            return None
        if roll < 0.12:
            return {}
        meta: dict[str, Any] = {}
        if r() < 0.8:
            meta["tier"] = _TIERS.pick(rng)
        if r() < 0.7:
            meta["lang"] = lang
        if r() < 0.75:
            meta["signup_channel"] = _CHANNELS.pick(rng)
        if r() < 0.5:
            meta["vip"] = r() < 0.2
        if r() < 0.3:
            meta["favorite_brands"] = rng.sample(BRANDS, 1 + int(r() * 3))
        if r() < 0.6:
            meta["lifetime_orders"] = orders
        if orders and r() < 0.25:
            meta["avg_basket"] = round(avg_basket / 100, 2)
        if r() < 0.55:
            meta["newsletter"] = r() < 0.6
        if r() < 0.4:
            seen = created_ms + int(r() * (self._now_ms - created_ms))
            meta["last_seen"] = iso_date(seen)
        if r() < 0.2:
            crm = created_ms - int(r() * 400) * _DAY_MS
            meta["crm_created_date"] = api_ts(crm - crm % 1000)
        if r() < 0.15:
            meta["nps"] = int(r() * 11)
        if r() < 0.15:
            meta["score"] = round(r(), 3)
        if r() < 0.1:
            meta["interests"] = rng.sample(INTERESTS, 1 + int(r() * 3))
        if r() < 0.08:
            meta["preferences"] = {
                "channel": rng.choice(("email", "sms", "push")),
                "frequency": rng.choice(("daily", "weekly", "monthly")),
                "quiet_hours": {"from": "22:00", "to": "07:00"} if r() < 0.5 else None,
            }
        return meta
