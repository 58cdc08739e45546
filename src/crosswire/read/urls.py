"""Fetch a URL on behalf of someone else, safely.

A server that fetches URLs its users name can be turned against the network
it sits in (SSRF): ``http://127.0.0.1:5432/``, ``http://10.0.0.1/admin`` or the
cloud metadata address ``169.254.169.254``. So every hop is checked: only
http(s), every address the host resolves to must be public (unless the
operator allows private ones), few redirects, each re-checked, a time limit
and a size cap on the body.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_S = 10.0
MAX_REDIRECTS = 3
USER_AGENT = "crosswire (+https://github.com/crosswire)"


class FetchRefused(ValueError):
    """A URL that crosswire will not fetch, with a one-line reason."""


@dataclass(frozen=True)
class Fetched:
    url: str
    content: str
    content_type: str
    body: bytes = b""


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchRefused(f"cannot resolve {host}: {error.strerror}") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise :class:`FetchRefused` unless ``url`` is http(s) to public addresses only."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchRefused(f"{url}: no host")
    if parts.username or parts.password:
        raise FetchRefused(f"{url}: credentials in URLs are refused")
    if allow_private:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    for address in _addresses(parts.hostname, port):
        if not address.is_global or address.is_multicast:
            kind = (
                "loopback"
                if address.is_loopback
                else "link-local"
                if address.is_link_local
                else "private or reserved"
            )
            raise FetchRefused(
                f"{url}: refused, {parts.hostname} is a {kind} address ({address}); "
                "the operator can allow private addresses with --allow-private"
            )


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    client: httpx.Client | None = None,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """GET ``url`` (following at most a few checked redirects) within size and time caps."""
    own = client is None
    client = client or httpx.Client(
        timeout=TIMEOUT_S, follow_redirects=False, headers={"User-Agent": USER_AGENT}
    )
    try:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private=allow_private)
            with client.stream("GET", current) as response:
                if response.is_redirect and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                if response.status_code >= 400:
                    raise FetchRefused(f"{current}: HTTP {response.status_code}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchRefused(f"{current}: larger than {max_bytes // 1_000_000} MB")
                encoding = response.encoding or "utf-8"
                return Fetched(
                    url=current,
                    content=body.decode(encoding, errors="replace"),
                    content_type=response.headers.get("content-type", ""),
                    body=bytes(body),
                )
        raise FetchRefused(f"{url}: more than {MAX_REDIRECTS} redirects")
    except httpx.HTTPError as error:
        raise FetchRefused(f"{url}: {type(error).__name__}: {error}") from None
    finally:
        if own:
            client.close()


class PoliteFetcher:
    """Fetches many URLs the way a good crawler does.

    One request at a time per host with a pause between them, robots.txt
    obeyed (fetched once per host, through the same checks), and transient
    failures (timeouts, 429, 5xx) retried with exponential backoff. Every
    hop still goes through :func:`check_url`.
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        delay_s: float = 1.0,
        retries: int = 3,
        backoff_s: float = 1.0,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.allow_private = allow_private
        self.delay_s = delay_s
        self.retries = retries
        self.backoff_s = backoff_s
        self._client = client or httpx.Client(
            timeout=TIMEOUT_S, follow_redirects=False, headers={"User-Agent": USER_AGENT}
        )
        self._sleep = sleep
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def _host(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets crosswire fetch ``url`` (no robots.txt: yes)."""
        host = self._host(url)
        rules = self._robots.get(host)
        if rules is None:
            rules = urllib.robotparser.RobotFileParser()
            try:
                page = self._get(host + "/robots.txt", retries=0)
                rules.parse(page.content.splitlines())
            except FetchRefused as refused:
                if "HTTP 4" in str(refused):
                    rules.parse([])  # no robots.txt: everything is allowed
                else:
                    rules.parse(["User-agent: *", "Disallow: /"])  # unknown: be careful
            self._robots[host] = rules
        return rules.can_fetch(USER_AGENT, url)

    def _pace(self, host: str) -> None:
        with self._lock:
            wait = self._last.get(host, 0.0) + self.delay_s - time.monotonic()
            if wait > 0:
                self._sleep(wait)
            self._last[host] = time.monotonic()

    def _get(self, url: str, *, retries: int, max_bytes: int = MAX_BYTES) -> Fetched:
        attempt = 0
        while True:
            self._pace(self._host(url))
            try:
                return fetch(
                    url, allow_private=self.allow_private, client=self._client, max_bytes=max_bytes
                )
            except FetchRefused as refused:
                reason = str(refused)
                transient = any(k in reason for k in ("HTTP 429", "HTTP 5", "Timeout", "Connect"))
                if not transient or attempt >= retries:
                    raise
                self._sleep(self.backoff_s * 2**attempt)
                attempt += 1

    def get(self, url: str, *, max_bytes: int = MAX_BYTES) -> Fetched:
        """Fetch ``url`` if robots.txt allows it; :class:`FetchRefused` otherwise."""
        check_url(url, allow_private=self.allow_private)
        if not self.allowed(url):
            raise FetchRefused(f"{url}: disallowed by the site's robots.txt")
        return self._get(url, retries=self.retries, max_bytes=max_bytes)

    def get_bytes(self, url: str, *, max_bytes: int) -> bytes:
        """The raw body of ``url`` (an archive), within ``max_bytes``."""
        return self.get(url, max_bytes=max_bytes).body
