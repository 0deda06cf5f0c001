"""Outside links: polite, concurrent, cached checks that tell outages from dead links.

Bounded concurrency overall and per host, a total deadline per attempt,
retries with backoff, ``Retry-After`` honoured on 429 (capped), HEAD with a
GET fallback, redirects followed by hand (so chains and loops are seen, and
none leads to a private address), and a validated results cache with a
time-to-live so a weekly run does not hit every URL again.

The scheduled job runs inside a network that may reach internal services: a
link or a redirect to loopback, link-local (cloud metadata) or private
addresses is refused and reported, never fetched.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import ipaddress
import json
import math
import re
import socket
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import httpcore
import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..urls import host as url_host
from ..urls import parse as parse_url

USER_AGENT = "recovery-site-linkcheck/0.1 (+https://github.com/; polite; cached weekly)"


class Verdict(StrEnum):
    """How a URL fared. ``OK`` and ``EXCLUDED`` are fine; ``BROKEN`` is an error;
    the rest are outages worth a look but not proof the link is dead."""

    OK = "ok"
    EXCLUDED = "excluded"
    BROKEN = "broken"  # 404, 410 and other definite client errors
    REDIRECT_LOOP = "redirect-loop"
    RATE_LIMITED = "rate-limited"
    SERVER_ERROR = "server-error"
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"
    PRIVATE_ADDRESS = "private-address"  # refused: loopback, link-local, private...

    @property
    def is_error(self) -> bool:
        return self in (Verdict.BROKEN, Verdict.REDIRECT_LOOP, Verdict.PRIVATE_ADDRESS)

    @property
    def is_fine(self) -> bool:
        return self in (Verdict.OK, Verdict.EXCLUDED)


@dataclass(frozen=True)
class Result:
    """The outcome for one URL."""

    url: str
    verdict: Verdict
    status: int | None = None
    detail: str = ""
    final_url: str | None = None
    checked_at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class ExternalOptions:
    """Tuning for the external check; defaults suit a weekly scheduled run."""

    concurrency: int = 16
    per_host: int = 2
    #: Seconds for one attempt in total: name lookup, connection, every redirect
    #: and the answer. (httpx's own timeouts count per read, so a server that
    #: drips a byte a second could otherwise hold a request for ever.)
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 1.0  # seconds; doubled on each retry
    max_retry_after: float = 60.0  # never wait longer than this for a 429
    max_redirects: int = 10
    accept: frozenset[int] = frozenset(range(200, 300))
    exclude: tuple[str, ...] = ()  # regular expressions matched against the URL
    cache_ttl: float = 7 * 24 * 3600  # seconds an OK result stays trusted
    #: Hosts, exactly as written in URLs, fetched even though they are private
    #: addresses. For tests against a local server ("127.0.0.1") only.
    allow_private_hosts: frozenset[str] = frozenset()


CACHE_VERSION = 2
#: A cache bigger than this is not read (tens of thousands of links fit in it).
CACHE_MAX_BYTES = 8 * 1024 * 1024
#: A cached time later than now by more than this is a broken clock or a forgery.
CLOCK_SKEW = 300.0


class _CachedResult(BaseModel):
    """One cache entry, exactly the fields of ``Result``."""

    model_config = ConfigDict(extra="forbid", strict=True)

    url: str
    verdict: Verdict
    status: Annotated[int, Field(ge=100, le=599)] | None
    detail: Annotated[str, Field(max_length=2000)]
    final_url: str | None
    checked_at: Annotated[float, Field(ge=0, allow_inf_nan=False)]


class _CacheFile(BaseModel):
    """The cache file: ``{"version": 2, "entries": {url: result}}``."""

    model_config = ConfigDict(extra="forbid", strict=True)

    version: Literal[2]
    entries: dict[str, _CachedResult]


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "the file"
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"{where}: {error['msg']}{more}"


class Cache:
    """A JSON file of results; only successes are reused, and only while fresh.

    The file is checked against a schema before anything in it is trusted: a
    cache edited by hand, left by an older version or tampered with could
    otherwise crash the run or keep a dead link "fresh" for ever (a
    ``checked_at`` in the future). Anything wrong discards the whole file
    with one warning line: a lost cache only makes a run slower.
    """

    def __init__(
        self,
        path: Path | None,
        ttl: float,
        now: float,
        warn: Callable[[str], None],
    ) -> None:
        self.path, self.ttl, self.warn = path, ttl, warn
        self.entries: dict[str, dict] = {}
        if path is not None:
            problem = self._load(path, now)
            if problem:
                self.entries = {}
                warn(f"{path}: {problem}; starting with an empty link cache")

    def _load(self, path: Path, now: float) -> str | None:
        """Fill ``entries`` from ``path``; the reason it cannot be used, or None."""
        try:
            if not path.exists():
                return None
            if not path.is_file():
                return "not a file"
            with path.open("rb") as file:
                raw = file.read(CACHE_MAX_BYTES + 1)
        except OSError as exc:
            return f"cannot be read ({exc.strerror or type(exc).__name__})"
        if len(raw) > CACHE_MAX_BYTES:
            return f"larger than {CACHE_MAX_BYTES // (1024 * 1024)} MB, not read"
        try:
            loaded = _CacheFile.model_validate_json(raw)
        except ValidationError as exc:
            return "not a link cache of this version: " + _first_error(exc)
        for url, entry in loaded.entries.items():
            if entry.url != url:
                return f"entry {url!r} is about another URL ({entry.url!r})"
            if entry.checked_at > now + CLOCK_SKEW:
                return f"entry {url!r} was checked in the future"
        self.entries = {url: entry.model_dump(mode="json") for url, entry in loaded.entries.items()}
        return None

    def fresh(self, url: str, now: float) -> Result | None:
        entry = self.entries.get(url)
        if not entry or entry["verdict"] != Verdict.OK:
            return None
        if not 0 <= now - entry["checked_at"] <= self.ttl:
            return None
        detail = entry["detail"].removesuffix(" (cached)")
        return Result(
            **{
                **entry,
                "verdict": Verdict(entry["verdict"]),
                "detail": f"{detail} (cached)".strip(),
            }
        )

    def store(self, results: Iterable[Result], seen: set[str]) -> None:
        """Save ``results``; entries for URLs not in ``seen`` (this run's) are dropped."""
        if not self.path:
            return
        self.entries = {url: entry for url, entry in self.entries.items() if url in seen}
        for result in results:
            if result.verdict is not Verdict.EXCLUDED:
                self.entries[result.url] = asdict(result)
        text = json.dumps(
            {"version": CACHE_VERSION, "entries": self.entries},
            indent=1,
            sort_keys=True,
            allow_nan=False,
        )
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(self.path)
        except OSError as exc:
            self.warn(f"{self.path}: link cache not saved ({exc.strerror or type(exc).__name__})")


#: The longest wait a ``Retry-After`` is read as (a year); ``max_retry_after`` decides.
RETRY_AFTER_CAP = 365 * 24 * 3600.0
_SECONDS = re.compile(r"[0-9]{1,12}")  # ASCII only: "²".isdigit() is True


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), capped.

    Whatever else a server sends (``²``, ``-1``, ``1e9``, a broken date) is
    ignored: None, and the usual backoff applies.
    """
    if not value:
        return None
    value = value.strip()
    if _SECONDS.fullmatch(value):
        return min(float(value), RETRY_AFTER_CAP)
    try:
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:  # "-0000": UTC, by RFC 5322
            when = when.replace(tzinfo=dt.UTC)
        wait = when.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return min(max(0.0, wait), RETRY_AFTER_CAP) if math.isfinite(wait) else None


def refused_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for an address the link checker must not contact.

    Loopback, private, link-local (cloud metadata at 169.254.169.254),
    unspecified, shared, reserved and multicast: anything not globally
    routable, also when wrapped in an IPv6 form (``::ffff:127.0.0.1``, 6to4).
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo:
            embedded = address.teredo[1]
        if embedded is not None and refused_address(embedded):
            return True
    return address.is_multicast or not address.is_global


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
    except ValueError:
        return None


class _Refused(Exception):
    """A hop of a request would go to an address the checker must not contact."""


async def vetted_addresses(host: str, port: int, allowed: frozenset[str]) -> list[str]:
    """The addresses to connect to for ``host``; ``_Refused`` if any is not public.

    Hosts in ``allowed`` (tests' local server) are passed on unresolved.
    Raises ``socket.gaierror`` when the name does not resolve.
    """
    if host in allowed:
        return [host]
    literal = _ip_literal(host)
    if literal is not None:
        addresses = [literal]
    else:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if refused_address(address):
            raise _Refused(
                f"not fetched: {host} is a private, loopback or link-local address "
                f"({address}); link to a public address"
            )
    return list(dict.fromkeys(str(address) for address in addresses))


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to vetted addresses.

    The name is resolved here, at the moment of connecting, and the socket
    goes to the very address that was checked; TLS still verifies the
    certificate against the host name (httpcore passes it as SNI).
    """

    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await vetted_addresses(host, port, self.allowed)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot look up {host}") from exc
        failure: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not checked")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def _guarded_transport(limits: httpx.Limits, allowed: frozenset[str]) -> httpx.AsyncHTTPTransport:
    """httpx's transport with its connection pool on ``_GuardedBackend``."""
    transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
    pool = transport._pool  # httpx offers no public way to set the network backend
    if not isinstance(pool, httpcore.AsyncConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("httpx changed: cannot guard the link checker's connections")
    pool._network_backend = _GuardedBackend(allowed)
    return transport


class Checker:
    """Checks URLs with one shared client; see ``ExternalOptions``.

    ``clock`` and ``sleep`` are injectable so tests need no real waits.
    """

    def __init__(
        self,
        options: ExternalOptions,
        progress: Callable[[Result], None] | None = None,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ):
        self.options = options
        self.progress = progress
        self.clock, self.sleep = clock, sleep
        self._all = asyncio.Semaphore(options.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._exclude = [re.compile(p) for p in options.exclude]

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = url_host(url)
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.options.per_host)
        return self._hosts[host]

    async def check_all(self, urls: Iterable[str]) -> list[Result]:
        timeout = httpx.Timeout(self.options.timeout)
        limits = httpx.Limits(max_connections=self.options.concurrency)
        headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
        async with httpx.AsyncClient(
            timeout=timeout,
            headers=headers,
            follow_redirects=False,
            # no proxy from the environment: it would connect where we cannot vet
            trust_env=False,
            transport=_guarded_transport(limits, self.options.allow_private_hosts),
        ) as client:
            return list(await asyncio.gather(*(self._check(client, u) for u in urls)))

    async def _check(self, client: httpx.AsyncClient, url: str) -> Result:
        try:
            if any(p.search(url) for p in self._exclude):
                result = Result(url, Verdict.EXCLUDED, detail="excluded by configuration")
            else:
                async with self._all, self._host_limit(url):
                    result = await self._with_retries(client, url)
        except Exception as exc:  # one odd server must not end the run without a report
            said = " ".join(str(exc).split())[:200]  # one line in the report
            result = Result(
                url, Verdict.UNREACHABLE, detail=f"checker error: {type(exc).__name__}: {said}"
            )
        if self.progress:
            self.progress(result)
        return result

    async def _with_retries(self, client: httpx.AsyncClient, url: str) -> Result:
        options = self.options
        result = Result(url, Verdict.UNREACHABLE, detail="not tried")
        for attempt in range(options.retries + 1):
            result, wait = await self._attempt(client, url)
            transient = result.verdict in (
                Verdict.RATE_LIMITED,
                Verdict.SERVER_ERROR,
                Verdict.TIMEOUT,
                Verdict.UNREACHABLE,
            )
            if not transient or attempt == options.retries:
                return result
            if wait is None:
                wait = options.backoff * (2**attempt)
            if wait > options.max_retry_after:
                return Result(
                    url,
                    result.verdict,
                    result.status,
                    f"{result.detail}; asked to wait {wait:.0f} s, more than "
                    f"{options.max_retry_after:.0f} s",
                )
            await self.sleep(wait)
        return result

    async def _attempt(self, client: httpx.AsyncClient, url: str) -> tuple[Result, float | None]:
        """One try, all of it (lookups, redirects, answer) within ``options.timeout``."""
        try:
            async with asyncio.timeout(self.options.timeout):
                return await self._follow(client, url)
        except (TimeoutError, httpx.TimeoutException):
            return Result(
                url, Verdict.TIMEOUT, detail=f"no complete answer in {self.options.timeout:g} s"
            ), None
        except _Refused as refused:
            return Result(url, Verdict.PRIVATE_ADDRESS, detail=str(refused)), None
        except (httpx.TransportError, httpx.InvalidURL, OSError, ValueError) as exc:
            return Result(url, Verdict.UNREACHABLE, detail=type(exc).__name__), None

    async def _follow(self, client: httpx.AsyncClient, url: str) -> tuple[Result, float | None]:
        """HEAD (then GET if HEAD is refused), following redirects by hand."""
        first = parse_url(url)
        if first is None or first.protocol not in ("http:", "https:"):
            return Result(url, Verdict.BROKEN, detail="not an http(s) address"), None
        current = first.href
        seen = [current]
        for _hop in range(self.options.max_redirects + 1):
            await self._guard(current)
            response = await self._request(client, current)
            status = response.status_code
            if status in (301, 302, 303, 307, 308) and "location" in response.headers:
                target = parse_url(response.headers["location"], current)
                if target is None or target.protocol not in ("http:", "https:"):
                    return Result(
                        url, Verdict.BROKEN, status, "redirects to an address that is not http(s)"
                    ), None
                target.hash = ""
                current = target.href
                if current in seen:
                    return Result(
                        url, Verdict.REDIRECT_LOOP, status, "redirects back to " + current
                    ), None
                seen.append(current)
                continue
            final = current if len(seen) > 1 else None
            if status in self.options.accept:
                detail = f"redirected {len(seen) - 1}x" if final else ""
                return Result(url, Verdict.OK, status, detail, final), None
            if status == 429:
                wait = retry_after_seconds(response.headers.get("retry-after"), self.clock())
                return Result(url, Verdict.RATE_LIMITED, status, "429 Too Many Requests"), wait
            if status >= 500:
                return Result(url, Verdict.SERVER_ERROR, status, f"HTTP {status}"), None
            return Result(url, Verdict.BROKEN, status, f"HTTP {status}", final), None
        return Result(
            url, Verdict.REDIRECT_LOOP, detail=f"more than {self.options.max_redirects} redirects"
        ), None

    async def _guard(self, url: str) -> None:
        """Refuse early (``_Refused``) when ``url``'s host is or resolves to a private address.

        This gives the clear message; the connection itself is vetted again
        by ``_GuardedBackend``, so a name whose answer changes between the two
        lookups (DNS rebinding) cannot slip through.
        """
        parsed = parse_url(url)
        if parsed is None:
            raise ValueError("not an address")
        port = int(parsed.port or (443 if parsed.protocol == "https:" else 80))
        try:
            await vetted_addresses(parsed.hostname, port, self.options.allow_private_hosts)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpx.ConnectError(f"cannot look up {parsed.hostname}") from exc

    async def _request(self, client: httpx.AsyncClient, url: str) -> httpx.Response:
        response = await client.head(url)
        # Many servers refuse or mishandle HEAD: ask again with GET, body unread.
        if response.status_code >= 400 and response.status_code != 429:
            async with client.stream("GET", url) as streamed:
                return streamed
        return response


def _warn(message: str) -> None:
    print(f"recovery-site: warning: {message}", file=sys.stderr)


def _run_async(make: Callable[[], Coroutine[Any, Any, list[Result]]]) -> list[Result]:
    """Run a coroutine to completion, also when this thread already runs a loop
    (a notebook, or Playwright's sync API in the same test session)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def check_external(
    urls: Iterable[str],
    options: ExternalOptions,
    cache_path: Path | None = None,
    progress: Callable[[Result], None] | None = None,
    *,
    warn: Callable[[str], None] = _warn,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> list[Result]:
    """Check ``urls`` (deduplicated), reusing fresh cached successes.

    Never raises for anything a server or the cache file holds: each URL gets
    a result, and the cache is saved (pruned to this run's URLs).
    """
    now = clock()
    cache = Cache(cache_path, options.cache_ttl, now, warn)
    wanted = sorted(set(urls))
    todo, reused = [], []
    for url in wanted:
        cached = cache.fresh(url, now)
        (reused.append(cached) if cached else todo.append(url))
    fresh = (
        _run_async(lambda: Checker(options, progress, clock=clock, sleep=sleep).check_all(todo))
        if todo
        else []
    )
    cache.store(fresh, set(wanted))
    return sorted(reused + fresh, key=lambda r: r.url)
