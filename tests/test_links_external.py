"""Outside links against a local server on 127.0.0.1: every kind of answer classified.

No network is used: each behaviour (redirect chains, 404, 410, 429 with
Retry-After, 500, slow replies, a server that never answers, loops) is served
locally, with short timeouts so each case ends within a bounded time.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import ipaddress
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from recovery_site.cli import main
from recovery_site.links import external
from recovery_site.links.external import (
    ExternalOptions,
    Verdict,
    check_external,
    retry_after_seconds,
)

HITS: Counter[str] = Counter()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self._route("HEAD")

    def do_GET(self) -> None:
        self._route("GET")

    def _route(self, method: str) -> None:
        path = self.path
        HITS[path] += 1
        if path == "/ok":
            self._send(200)
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self._send(301, {"Location": f"/chain/{left - 1}" if left > 1 else "/ok"})
        elif path == "/gone":
            self._send(404)
        elif path == "/removed":
            self._send(410)
        elif path == "/busy-once":
            self._send(429, {"Retry-After": "1"}) if HITS[path] == 1 else self._send(200)
        elif path == "/busy-for-an-hour":
            self._send(429, {"Retry-After": "3600"})
        elif path == "/broken-server":
            self._send(500)
        elif path == "/slow":
            time.sleep(2)
            self._send(200)
        elif path in ("/loop-a", "/loop-b"):
            self._send(302, {"Location": "/loop-b" if path == "/loop-a" else "/loop-a"})
        elif path == "/no-head":
            self._send(405 if method == "HEAD" else 200)
        elif path == "/busy-superscript":
            self._send(429, {"Retry-After": "\u00b2"})  # "²".isdigit() is True
        elif path == "/busy-until-2015":
            date = "Wed, 21 Oct 2015 07:28:00 GMT"
            self._send(429, {"Retry-After": date}) if HITS[path] == 1 else self._send(200)
        elif path == "/drip":
            self._drip()
        elif path.startswith("/to/"):  # /to/<host>: a redirect to this server under <host>
            port = self.server.server_address[1]
            self._send(302, {"Location": f"http://{path[4:]}:{port}/ok"})
        else:
            self._send(404)

    def _drip(self) -> None:
        """One header line every 0.1 s for 5 s: every read is quick, the answer is not."""
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for i in range(50):
                self.wfile.write(b"X-Drip-%d: x\r\n" % i)
                self.wfile.flush()
                time.sleep(0.1)
            self.wfile.write(b"Content-Length: 0\r\n\r\n")
        except OSError:
            pass  # the checker gave up and closed the connection


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def silent_server() -> Iterator[str]:
    """Accepts connections and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    sock.close()


@pytest.fixture
def closed_port() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/"


LOCAL = frozenset({"127.0.0.1"})  # the test server; any other private address is refused
FAST = ExternalOptions(
    timeout=0.5,
    retries=1,
    backoff=0.01,
    max_retry_after=5,
    per_host=4,
    allow_private_hosts=LOCAL,
)


def test_every_kind_of_answer_is_classified(
    server: str, silent_server: str, closed_port: str
) -> None:
    HITS.clear()
    expected = {
        f"{server}/ok": (Verdict.OK, 200),
        f"{server}/chain/3": (Verdict.OK, 200),
        f"{server}/gone": (Verdict.BROKEN, 404),
        f"{server}/removed": (Verdict.BROKEN, 410),
        f"{server}/busy-once": (Verdict.OK, 200),
        f"{server}/busy-for-an-hour": (Verdict.RATE_LIMITED, 429),
        f"{server}/broken-server": (Verdict.SERVER_ERROR, 500),
        f"{server}/slow": (Verdict.TIMEOUT, None),
        silent_server: (Verdict.TIMEOUT, None),
        f"{server}/loop-a": (Verdict.REDIRECT_LOOP, 302),
        f"{server}/no-head": (Verdict.OK, 200),
        closed_port: (Verdict.UNREACHABLE, None),
    }
    results = {r.url: r for r in check_external(expected, FAST)}
    got = {url: (r.verdict, r.status) for url, r in results.items()}
    assert got == expected
    assert results[f"{server}/chain/3"].final_url == f"{server}/ok"
    assert results[f"{server}/chain/3"].detail == "redirected 3x"
    # 429 then 200: it waited as asked and asked again (HEAD twice)
    assert HITS["/busy-once"] == 2
    # an hour's Retry-After is not waited for: one try, then reported
    assert HITS["/busy-for-an-hour"] == 1
    assert "more than 5 s" in results[f"{server}/busy-for-an-hour"].detail
    # a server error is retried (HEAD+GET per try, two tries)
    assert HITS["/broken-server"] == 4


def test_excluded_and_accepted_statuses(server: str) -> None:
    options = ExternalOptions(
        timeout=0.5,
        retries=0,
        exclude=(r"/removed$",),
        accept=frozenset({200, 404}),
        allow_private_hosts=LOCAL,
    )
    results = {
        r.url: r.verdict for r in check_external([f"{server}/gone", f"{server}/removed"], options)
    }
    assert results == {f"{server}/gone": Verdict.OK, f"{server}/removed": Verdict.EXCLUDED}


def test_cache_skips_fresh_successes_and_rechecks_failures(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "links-cache.json"
    urls = [f"{server}/ok", f"{server}/gone"]
    HITS.clear()
    check_external(urls, FAST, cache)
    first = dict(HITS)
    results = {r.url: r for r in check_external(urls, FAST, cache)}
    assert HITS["/ok"] == first["/ok"]  # not asked again
    assert HITS["/gone"] == 2 * first["/gone"]  # failures are always checked again
    assert results[f"{server}/ok"].detail.endswith("(cached)")
    stored = json.loads(cache.read_text())
    assert stored["version"] == 2
    assert stored["entries"][f"{server}/ok"]["verdict"] == "ok"
    # an expired entry is checked again
    expired = ExternalOptions(timeout=0.5, retries=0, cache_ttl=0, allow_private_hosts=LOCAL)
    check_external(urls, expired, cache)
    assert HITS["/ok"] == first["/ok"] + 1


def test_corrupt_cache_is_ignored(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    cache.write_text("{not json")
    (result,) = check_external([f"{server}/ok"], FAST, cache)
    assert result.verdict is Verdict.OK


def test_retry_after_parsing() -> None:
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def _cli_site(tmp_path: Path, server: str) -> str:
    """A built page with three outside links; returns its HTML."""
    site = tmp_path / "site"
    (site / "faq/meds").mkdir(parents=True)
    html = (
        f'<a href="{server}/ok">fine</a> <a href="{server}/gone">dead</a>'
        f' <a href="{server}/broken-server">down</a>'
    )
    (site / "faq/meds/index.html").write_text(html)
    (tmp_path / "content/faq").mkdir(parents=True)
    (tmp_path / "content/faq/meds.yml").write_text(f"title: x\nanswer: see {server}/gone\n")
    return html


CLI_ARGS = ["links", "site", "--external", "--timeout", "0.5", "--retries", "0", "--cache"]


def test_cli_external_run_reports_on_the_source_line(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # In process, so the test server's address can be allowed (the CLI has no such option).
    monkeypatch.setattr(
        external, "ExternalOptions", functools.partial(ExternalOptions, allow_private_hosts=LOCAL)
    )
    monkeypatch.chdir(tmp_path)
    html = _cli_site(tmp_path, server)
    col = html.index(f"{server}/broken-server") + 1
    code = main([*CLI_ARGS, str(tmp_path / "cache.json")])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert out.splitlines() == [
        f"content/faq/meds.yml:2:13: error: [external-broken] faq/meds/index.html -> "
        f"{server}/gone: broken: HTTP 404",
        f"site/faq/meds/index.html:1:{col}: warning: [external-unreachable] faq/meds/index.html -> "
        f"{server}/broken-server: server-error: HTTP 500 (may be a passing outage; "
        "checked again next run)",
    ]
    assert "verdict" in err and "total" in err  # the summary table
    assert (tmp_path / "cache.json").is_file()


def test_cli_refuses_links_to_local_addresses(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """The scheduled job never fetches a link to its own machine or network (issue #12)."""
    HITS.clear()
    monkeypatch.chdir(tmp_path)
    _cli_site(tmp_path, server)
    code = main([*CLI_ARGS, str(tmp_path / "cache.json")])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert sum(HITS.values()) == 0  # not contacted
    lines = out.splitlines()
    assert len(lines) == 3
    assert all("error: [external-private-address]" in line for line in lines), lines
    assert all("127.0.0.1" in line for line in lines)


# --- issue #12, finding 7 ------------------------------------------------------------


def test_odd_retry_after_values_are_ignored_or_capped() -> None:
    assert retry_after_seconds("\u00b2") is None  # a digit to str.isdigit, not to float()
    assert retry_after_seconds("\u0661\u0662") is None  # Arabic-Indic "12"
    assert retry_after_seconds("-1") is None
    assert retry_after_seconds("1e9") is None
    assert retry_after_seconds("NaN") is None
    assert retry_after_seconds("9" * 400) is None
    assert retry_after_seconds("Wed, 99 Foo 2015 07:28:00 GMT") is None
    assert retry_after_seconds("99999999999") == external.RETRY_AFTER_CAP
    assert retry_after_seconds("Fri, 31 Dec 9999 23:59:59 GMT", now=0) == external.RETRY_AFTER_CAP
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 -0000", now=1445412470.0) == 10
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412490.0) == 0


def test_a_non_ascii_retry_after_does_not_end_the_run(server: str) -> None:
    HITS.clear()
    results = {r.url: r for r in check_external([f"{server}/busy-superscript"], FAST)}
    result = results[f"{server}/busy-superscript"]
    assert result.verdict is Verdict.RATE_LIMITED
    assert HITS["/busy-superscript"] == 2  # ignored: the usual backoff, then a retry


def test_retry_after_date_read_with_an_injected_clock(server: str) -> None:
    HITS.clear()
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    options = ExternalOptions(timeout=1, retries=1, max_retry_after=60, allow_private_hosts=LOCAL)
    (result,) = check_external(
        [f"{server}/busy-until-2015"], options, clock=lambda: 1445412470.0, sleep=sleep
    )
    assert result.verdict is Verdict.OK
    assert waits == [10.0]


def test_a_server_dripping_headers_meets_a_total_deadline(server: str) -> None:
    options = ExternalOptions(timeout=0.5, retries=0, allow_private_hosts=LOCAL)
    (result,) = check_external([f"{server}/drip"], options)
    assert result.verdict is Verdict.TIMEOUT
    assert "0.5 s" in result.detail


@pytest.mark.parametrize("host", ["localhost", "127.0.0.2", "[::1]", "0.0.0.0", "2130706434"])
def test_redirects_to_local_addresses_are_refused(server: str, host: str) -> None:
    HITS.clear()
    (result,) = check_external([f"{server}/to/{host}"], FAST)
    assert result.verdict is Verdict.PRIVATE_ADDRESS
    assert result.verdict.is_error
    assert HITS["/ok"] == 0  # the redirect's target was not fetched


def test_local_addresses_are_refused_without_a_request(server: str) -> None:
    HITS.clear()
    port = server.rsplit(":", 1)[1]
    urls = [server + "/ok", f"http://localhost:{port}/ok", f"http://0x7f.1:{port}/ok"]
    options = ExternalOptions(timeout=0.5, retries=0)  # nothing allowed
    results = check_external(urls, options)
    assert [r.verdict for r in results] == [Verdict.PRIVATE_ADDRESS] * 3
    assert sum(HITS.values()) == 0


def _in_own_loop(coroutine: object) -> object:
    """``asyncio.run`` in a thread of its own: a browser test's Playwright keeps a loop here."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine)  # type: ignore[arg-type]
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::]/",
        "http://224.0.0.1/",
    ],
)
def test_private_literals_are_refused_before_any_connection(url: str) -> None:
    """Checked at the guard, so no test ever sends a packet to these addresses."""
    checker = external.Checker(ExternalOptions())
    with pytest.raises(external._Refused):
        _in_own_loop(checker._guard(url))


def test_public_addresses_are_not_refused() -> None:
    for address in ("8.8.8.8", "2606:4700:4700::1111", "93.184.215.14"):
        assert not external.refused_address(ipaddress.ip_address(address))
    assert external.refused_address(ipaddress.ip_address("2002:7f00:1::"))  # 6to4 127.0.0.1


def _cache_entry(url: str, checked_at: object, **extra: object) -> dict:
    return {
        "url": url,
        "verdict": "ok",
        "status": 200,
        "detail": "",
        "final_url": None,
        "checked_at": checked_at,
        **extra,
    }


NOW = time.time()


@pytest.mark.parametrize(
    "make",
    [
        lambda url: "[]",
        lambda url: json.dumps({url: _cache_entry(url, NOW)}),  # the old, unversioned format
        lambda url: json.dumps({"version": 2, "entries": {url: _cache_entry(url, NOW, x=1)}}),
        lambda url: json.dumps({"version": 2, "entries": {url: _cache_entry(url, "yesterday")}}),
        lambda url: json.dumps({"version": 2, "entries": {url: _cache_entry(url, 1e300)}}),
        lambda url: json.dumps({"version": 2, "entries": {url: _cache_entry(url, NOW + 86400)}}),
        lambda url: json.dumps({"version": 2, "entries": {url: _cache_entry(url, 0)}}).replace(
            '"checked_at": 0', '"checked_at": NaN'
        ),
        lambda url: json.dumps({"version": 2, "entries": {"other": _cache_entry(url, NOW)}}),
        lambda url: "[" * 100_000 + "]" * 100_000,
        lambda url: (
            json.dumps({"version": 2, "entries": {url: _cache_entry(url, NOW)}}) + " " * 5000
        ),  # over the (lowered) size limit
    ],
    ids=[
        "list",
        "old-format",
        "extra-key",
        "text-time",
        "1e300",
        "future",
        "nan",
        "wrong-key",
        "deep",
        "too-big",
    ],
)
def test_a_bad_cache_is_dropped_with_one_warning(
    server: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    make: Callable[[str], str],
) -> None:
    monkeypatch.setattr(external, "CACHE_MAX_BYTES", 4096)
    cache = tmp_path / "cache.json"
    dead = f"{server}/gone"
    cache.write_text(make(dead))  # claims the dead link was fine (where it parses at all)
    (result,) = check_external([dead], FAST, cache)
    assert result.verdict is Verdict.BROKEN  # checked again, not hidden by the cache
    warnings = _warnings(capsys)
    assert len(warnings) == 1
    assert warnings[0].startswith(f"recovery-site: warning: {cache}: ")
    assert warnings[0].endswith("; starting with an empty link cache")
    stored = json.loads(cache.read_text())
    assert stored["version"] == 2 and list(stored["entries"]) == [dead]


def _warnings(capsys: pytest.CaptureFixture) -> list[str]:
    return capsys.readouterr().err.splitlines()


def test_cache_keeps_only_this_runs_urls(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    cache = tmp_path / "cache.json"
    old = "https://example.org/no-longer-linked"
    cache.write_text(json.dumps({"version": 2, "entries": {old: _cache_entry(old, NOW)}}))
    check_external([f"{server}/ok"], FAST, cache)
    assert _warnings(capsys) == []
    assert list(json.loads(cache.read_text())["entries"]) == [f"{server}/ok"]


def test_an_unwritable_cache_still_gives_results(server: str, tmp_path: Path) -> None:
    warnings: list[str] = []
    (result,) = check_external([f"{server}/ok"], FAST, tmp_path, warn=warnings.append)
    assert result.verdict is Verdict.OK
    assert len(warnings) == 2  # not a file; not saved
    assert "not a file" in warnings[0] and "not saved" in warnings[1]


def test_connections_are_vetted_when_made_not_only_before(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that answers "public" to the first lookup and "local" to the second
    (DNS rebinding) is caught where the socket is opened."""

    async def fooled(self: external.Checker, url: str) -> None:
        return None  # as if the early lookup had seen a public address

    monkeypatch.setattr(external.Checker, "_guard", fooled)
    HITS.clear()
    port = server.rsplit(":", 1)[1]
    (result,) = check_external([f"http://localhost:{port}/ok"], FAST)
    assert result.verdict is Verdict.PRIVATE_ADDRESS
    assert sum(HITS.values()) == 0
