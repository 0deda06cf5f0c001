"""Outside links against a local server on 127.0.0.1: every kind of answer classified.

No network is used: each behaviour (redirect chains, 404, 410, 429 with
Retry-After, 500, slow replies, a server that never answers, loops) is served
locally, with short timeouts so each case ends within a bounded time.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

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
        else:
            self._send(404)


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


FAST = ExternalOptions(timeout=0.5, retries=1, backoff=0.01, max_retry_after=5, per_host=4)


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
        timeout=0.5, retries=0, exclude=(r"/removed$",), accept=frozenset({200, 404})
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
    assert stored[f"{server}/ok"]["verdict"] == "ok"
    # an expired entry is checked again
    expired = ExternalOptions(timeout=0.5, retries=0, cache_ttl=0)
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


def test_cli_external_run_reports_on_the_source_line(server: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    site = tmp_path / "site"
    (site / "faq/meds").mkdir(parents=True)
    html = (
        f'<a href="{server}/ok">fine</a> <a href="{server}/gone">dead</a>'
        f' <a href="{server}/broken-server">down</a>'
    )
    (site / "faq/meds/index.html").write_text(html)
    col = html.index(f"{server}/broken-server") + 1
    (tmp_path / "content/faq").mkdir(parents=True)
    (tmp_path / "content/faq/meds.yml").write_text(f"title: x\nanswer: see {server}/gone\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "recovery_site.cli",
            "links",
            "site",
            "--external",
            "--timeout",
            "0.5",
            "--retries",
            "0",
            "--cache",
            str(tmp_path / "cache.json"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines == [
        f"content/faq/meds.yml:2:13: error: [external-broken] faq/meds/index.html -> "
        f"{server}/gone: broken: HTTP 404",
        f"site/faq/meds/index.html:1:{col}: warning: [external-unreachable] faq/meds/index.html -> "
        f"{server}/broken-server: server-error: HTTP 500 (may be a passing outage; "
        "checked again next run)",
    ]
    assert "verdict" in proc.stderr and "total" in proc.stderr  # the summary table
    assert (tmp_path / "cache.json").is_file()
