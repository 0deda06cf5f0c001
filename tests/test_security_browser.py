"""In Chromium: no contributor payload runs script, fetches from another host or trips the CSP.

The hostile site carries every payload class of issue #12 in every field a
contributor writes (FAQ topic, question and answer; story title, summary and
body; article body and front matter; the include appended to every page),
and is built with the content checks switched off, so what is tested is the
second lock: the output sanitiser and the page policy. Every page is loaded
with a ``securitypolicyviolation`` listener, a ``window`` marker that any
payload would set, and a log of every request.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import TOPIC_YML, fixture_files, story_md, write

pytestmark = pytest.mark.browser

MARK = "window.__pwned = (window.__pwned || 0) + 1"
PAYLOADS = f"""\
<script>{MARK}</script>

<img src=x onerror="{MARK}">

Hidden settings.
{{: #__config hidden }}

{{"base":"https://attacker.example/","features":["navigation.instant"],"translations":{{}}}}

[preview me](https://www.samhsa.gov/){{: data-preview ping="https://attacker.example/ping" }}

Styled.
{{: style="background:url(https://attacker.example/bg.png)" }}

![a](https:attacker.example/p.png) ![b](/\\attacker.example/x.png)
![c](/&#9;/attacker.example/x.png) ![d](//attacker.example/d.png) ![e](https://attacker.example/e.png)

- a list item

    <table background="https://attacker.example/t.png"><tr><td>x</td></tr></table>
    <svg><use href="//attacker.example/s.svg#x"/></svg>
    <input type="image" src="https://attacker.example/i.png">

> [r]: javascript:{MARK}
>
> See [r].

[x](javascript:{MARK}) [y](&#106;avascript:{MARK})

Call now.
{{: data-pagefind-meta="title:Call 1-555-0100 now" }}

```
never closed

<img src=y onerror="{MARK}">
"""

HOSTILE_FIELD = f'<img src=x onerror="{MARK}">'


def _indented(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


def hostile_files(overrides: Path) -> dict[str, str]:
    files = fixture_files()
    files["content/faq/meds.yml"] = (
        TOPIC_YML.replace("title: Medications", f"title: 'Medications {HOSTILE_FIELD}'")
        .replace(
            "answer: Yes, when prescribed. See [the first answer](#what-is-mat).",
            "answer: |\n" + _indented(PAYLOADS, 6),
        )
        .replace("question: Is it safe?", f"question: 'Is it safe? {HOSTILE_FIELD}'")
    )
    files["content/stories/newer.md"] = story_md(
        title=f"'Newer {HOSTILE_FIELD}'", body=PAYLOADS
    ).replace("summary: A short summary.", f"summary: '{HOSTILE_FIELD}'")
    files["docs/article.md"] = (
        "---\n"
        f"title: '</title><script>{MARK}</script>'\n"
        f"description: '\"><script>{MARK}</script>'\n"
        f"subtitle: '{HOSTILE_FIELD}'\n"
        "---\n" + PAYLOADS
    )
    files["includes/abbreviations.md"] = f"*[MAT]: medication\n\n{HOSTILE_FIELD}\n"
    files["mkdocs.yml"] = (
        files["mkdocs.yml"]
        .replace("  - Home: index.md\n", "  - Home: index.md\n  - article.md\n")
        .replace(
            "  - toc:\n",
            "  - abbr\n  - pymdownx.snippets:\n      base_path: [includes]\n"
            "      check_paths: true\n      auto_append: [abbreviations.md]\n  - toc:\n",
        )
    )
    return files


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import REPO
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import recovery_site.mkdocs.run as plugin

    root = tmp_path_factory.mktemp("hostile")
    write(root, hostile_files(REPO / "overrides"))
    saved = plugin.run_checks
    plugin.run_checks = lambda project, **options: []  # the checks would stop all of this
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    finally:
        plugin.run_checks = saved
    return root / "site"


def _serve(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    yield from _serve(hostile_site)


LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def visit_every_page(browser, base: str, site: Path) -> dict[str, list]:
    """Load each page, hover and focus its links; what ran, what was fetched, what was blocked."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    outside: list[str] = []
    dialogs: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if urlsplit(r.url).hostname not in ("127.0.0.1", None) else None
        ),
    )
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    ran, violations = [], []
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    for rel in pages:
        page.goto(f"{base}/{rel}")
        page.wait_for_load_state("load")
        # Unfold folded FAQ answers, so the links inside them are hovered too.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        for link in page.locator("article a").all()[:20]:
            link.hover()
            link.focus()
        page.wait_for_timeout(50)
        if page.evaluate("window.__pwned || 0"):
            ran.append(rel)
        violations += [f"{rel}: {v}" for v in page.evaluate("window.__violations")]
    context.close()
    return {"ran": ran, "outside": outside, "violations": violations, "dialogs": dialogs}


def test_no_payload_runs_fetches_or_trips_the_policy(
    browser, hostile_url: str, hostile_site: Path
) -> None:
    found = visit_every_page(browser, hostile_url, hostile_site)
    assert found == {"ran": [], "outside": [], "violations": [], "dialogs": []}


def test_the_payloads_are_still_there_as_text(hostile_site: Path) -> None:
    """The test above proves something only if the payloads reached the pages."""
    story = (hostile_site / "stories/newer/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned" in story
    article = (hostile_site / "article/index.html").read_text(encoding="utf-8")
    assert "__pwned" in article


def test_the_starter_site_has_no_policy_violations(
    browser, starter_url: str, starter_site: Path
) -> None:
    found = visit_every_page(browser, starter_url, starter_site)
    assert found == {"ran": [], "outside": [], "violations": [], "dialogs": []}
