"""Voucherify clusters (regions) and the validation of custom API URLs."""

from __future__ import annotations

import ipaddress
from typing import Literal
from urllib.parse import urlsplit

Cluster = Literal["eu", "us", "as"]

CLUSTER_URLS: dict[str, str] = {
    "eu": "https://api.voucherify.io",
    "us": "https://us1.api.voucherify.io",
    "as": "https://as1.api.voucherify.io",
}
CLUSTER_LABELS: dict[str, str] = {"eu": "EU", "us": "US", "as": "Asia"}
DEFAULT_CLUSTER: Cluster = "eu"


def cluster_url(cluster: str) -> str:
    """The base URL of a cluster name; ValueError names the valid ones."""
    try:
        return CLUSTER_URLS[cluster]
    except KeyError:
        valid = ", ".join(CLUSTER_URLS)
        raise ValueError(f"unknown cluster {cluster!r}; use one of {valid}") from None


def _is_loopback(host: str) -> bool:
    """Only a literal loopback address (127.0.0.0/8, ::1) or exactly `localhost`.

    `foo.localhost` is not trusted: many resolvers send it to DNS, where anyone may answer.
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_api_url(url: str) -> str:
    """Check a custom API base URL and drop its trailing slash.

    Plain http is allowed only on loopback (the sandbox): elsewhere the app token would
    cross the network in clear text.
    """
    parts = urlsplit(url.strip())
    if "@" in parts.netloc:
        raise ValueError("the API URL must not contain a user name or password")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an http(s) URL; give one such as https://api.voucherify.io")
    if parts.query or parts.fragment:
        raise ValueError("the API URL must not have a query string or fragment")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ValueError(
            f"refusing plain http for {parts.hostname}: use https (http is only for loopback)"
        )
    return url.strip().rstrip("/")


def region_label(base_url: str) -> str:
    """A short label for the status bar: EU, US, Asia, or the custom host."""
    for cluster, known in CLUSTER_URLS.items():
        if base_url.rstrip("/") == known:
            return CLUSTER_LABELS[cluster]
    return urlsplit(base_url).netloc or base_url
