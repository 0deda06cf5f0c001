"""Outside links: polite, concurrent, cached checks that tell outages from dead links.

Bounded concurrency overall and per host, timeouts, retries with backoff,
``Retry-After`` honoured on 429, HEAD with a GET fallback, redirects followed
by hand (so chains and loops are seen), and a results cache with a
time-to-live so a weekly run does not hit every URL again.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import re
import time
from collections.abc import Callable, Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

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

    @property
    def is_error(self) -> bool:
        return self in (Verdict.BROKEN, Verdict.REDIRECT_LOOP)

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
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 1.0  # seconds; doubled on each retry
    max_retry_after: float = 60.0  # never wait longer than this for a 429
    max_redirects: int = 10
    accept: frozenset[int] = frozenset(range(200, 300))
    exclude: tuple[str, ...] = ()  # regular expressions matched against the URL
    cache_ttl: float = 7 * 24 * 3600  # seconds an OK result stays trusted


class Cache:
    """A JSON file of results; only successes are reused, and only while fresh."""

    def __init__(self, path: Path | None, ttl: float) -> None:
        self.path, self.ttl = path, ttl
        self.entries: dict[str, dict] = {}
        if path and path.is_file():
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.entries = {}  # a corrupt cache is only a slower run

    def fresh(self, url: str, now: float) -> Result | None:
        entry = self.entries.get(url)
        if not entry or entry.get("verdict") != Verdict.OK:
            return None
        if now - float(entry.get("checked_at", 0)) > self.ttl:
            return None
        detail = (entry.get("detail") or "").removesuffix(" (cached)")
        return Result(
            **{
                **entry,
                "verdict": Verdict(entry["verdict"]),
                "detail": f"{detail} (cached)".strip(),
            }
        )

    def store(self, results: Iterable[Result]) -> None:
        if not self.path:
            return
        for result in results:
            if result.verdict is not Verdict.EXCLUDED:
                self.entries[result.url] = asdict(result)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now or time.time()))


class Checker:
    """Checks URLs with one shared client; see ``ExternalOptions``."""

    def __init__(self, options: ExternalOptions, progress: Callable[[Result], None] | None = None):
        self.options = options
        self.progress = progress
        self._all = asyncio.Semaphore(options.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._exclude = [re.compile(p) for p in options.exclude]

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = urlsplit(url).netloc.lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.options.per_host)
        return self._hosts[host]

    async def check_all(self, urls: Iterable[str]) -> list[Result]:
        timeout = httpx.Timeout(self.options.timeout)
        limits = httpx.Limits(max_connections=self.options.concurrency)
        headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
        async with httpx.AsyncClient(
            timeout=timeout, limits=limits, headers=headers, follow_redirects=False
        ) as client:
            return list(await asyncio.gather(*(self._check(client, u) for u in urls)))

    async def _check(self, client: httpx.AsyncClient, url: str) -> Result:
        if any(p.search(url) for p in self._exclude):
            result = Result(url, Verdict.EXCLUDED, detail="excluded by configuration")
        else:
            async with self._all, self._host_limit(url):
                result = await self._with_retries(client, url)
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
            await asyncio.sleep(wait)
        return result

    async def _attempt(self, client: httpx.AsyncClient, url: str) -> tuple[Result, float | None]:
        """One try (HEAD, then GET if HEAD is refused), following redirects by hand."""
        seen = [url]
        current = url
        for _hop in range(self.options.max_redirects + 1):
            try:
                response = await self._request(client, current)
            except httpx.TimeoutException:
                return Result(
                    url, Verdict.TIMEOUT, detail=f"no answer in {self.options.timeout:g} s"
                ), None
            except (httpx.TransportError, ValueError) as exc:
                return Result(url, Verdict.UNREACHABLE, detail=type(exc).__name__), None
            status = response.status_code
            if status in (301, 302, 303, 307, 308) and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                if current in seen:
                    return Result(
                        url, Verdict.REDIRECT_LOOP, status, "redirects back to " + current
                    ), None
                seen.append(current)
                continue
            final = current if current != url else None
            if status in self.options.accept:
                detail = f"redirected {len(seen) - 1}x" if final else ""
                return Result(url, Verdict.OK, status, detail, final), None
            if status == 429:
                wait = retry_after_seconds(response.headers.get("retry-after"))
                return Result(url, Verdict.RATE_LIMITED, status, "429 Too Many Requests"), wait
            if status >= 500:
                return Result(url, Verdict.SERVER_ERROR, status, f"HTTP {status}"), None
            return Result(url, Verdict.BROKEN, status, f"HTTP {status}", final), None
        return Result(
            url, Verdict.REDIRECT_LOOP, detail=f"more than {self.options.max_redirects} redirects"
        ), None

    async def _request(self, client: httpx.AsyncClient, url: str) -> httpx.Response:
        response = await client.head(url)
        # Many servers refuse or mishandle HEAD: ask again with GET, body unread.
        if response.status_code >= 400 and response.status_code != 429:
            async with client.stream("GET", url) as streamed:
                return streamed
        return response


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
) -> list[Result]:
    """Check ``urls`` (deduplicated), reusing fresh cached successes."""
    cache = Cache(cache_path, options.cache_ttl)
    now = time.time()
    todo, reused = [], []
    for url in sorted(set(urls)):
        cached = cache.fresh(url, now)
        (reused.append(cached) if cached else todo.append(url))
    fresh = _run_async(lambda: Checker(options, progress).check_all(todo)) if todo else []
    cache.store(fresh)
    return sorted(reused + fresh, key=lambda r: r.url)
