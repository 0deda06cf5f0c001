"""Live preview: `mkdocs serve --dirty` redoes only the pages an edit changes, and shows it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import story_md

SITE_DIR = re.compile(r"Config value 'site_dir' = '([^']+)'")
DONE = "Documentation built in"
RELOADED = "Reloading browsers"


class Server:
    """``mkdocs serve --dirty`` on a fixture site, with its log collected line by line."""

    def __init__(self, root: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        address = f"127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--verbose", "-a", address],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def builds(self) -> int:
        """Finished builds: the first one, then one per "Reloading browsers".

        MkDocs logs "Reloading browsers" only after a rebuild returned without
        an error. Counting it as well as "Documentation built in" keeps the
        count right in the rare CI run where the second line did not reach the
        log (seen once in CI, after a rebuild that reloaded the browsers).
        """
        done = sum(DONE in line for line in self.lines)
        reloads = sum(RELOADED in line for line in self.lines)
        return max(done, 1 + reloads) if done else 0

    def wait_for_builds(self, count: int, limit: float = 120) -> None:
        """Wait until ``count`` builds have finished."""
        deadline = time.monotonic() + limit
        while self.builds() < count:
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("mkdocs serve stopped or hung:\n" + "\n".join(self.lines[-120:]))
            time.sleep(0.2)

    def written(self) -> dict[str, int]:
        """Each page of the served (temporary) site and when it was last written.

        404.html is left out: MkDocs writes its static templates on every build.
        """
        site = Path(SITE_DIR.findall("\n".join(self.lines))[0])
        return {
            p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("*.html")
            if p.name != "404.html"
        }

    def get(self, path: str) -> tuple[int, str]:
        try:
            # A timeout: a preview stuck after a failed rebuild never answers.
            url = f"http://127.0.0.1:{self.port}{path}"
            with urllib.request.urlopen(url, timeout=30) as reply:
                return reply.status, reply.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except TimeoutError:
            pytest.fail(f"the preview did not answer {path}:\n" + "\n".join(self.lines[-40:]))


@pytest.fixture
def server(fixture_site: Path) -> Iterator[Server]:
    running = Server(fixture_site)
    yield running
    running.process.terminate()
    running.process.wait(timeout=30)


def edit(path: Path, text: str) -> None:
    """Save ``text`` so that the watcher sees a newer file."""
    time.sleep(1.1)  # modification times have a coarse grain on some file systems
    path.write_text(text, encoding="utf-8")


def test_editing_a_story_rebuilds_that_story_only(server: Server, fixture_site: Path) -> None:
    server.wait_for_builds(1)
    before = server.written()
    assert "stories/older/index.html" in before and "stories/newer/index.html" in before
    assert "SECOND-VERSION" not in server.get("/stories/older/")[1]

    story = fixture_site / "content/stories/older.md"
    edit(story, story_md(title="Older story", published="2026-01-05", body="SECOND-VERSION\n"))
    server.wait_for_builds(2)
    after = server.written()

    rewritten = {page for page in after if after[page] != before.get(page)}
    # The body is on the story's page only: lists show title, date and summary.
    assert rewritten == {"stories/older/index.html"}
    status, page = server.get("/stories/older/")
    assert status == 200 and "SECOND-VERSION" in page


def test_a_retitled_story_updates_its_lists_and_a_removed_one_disappears(
    server: Server, fixture_site: Path
) -> None:
    server.wait_for_builds(1)
    before = server.written()
    story = fixture_site / "content/stories/older.md"
    edit(story, story_md(title="Renamed story", published="2026-01-05"))
    server.wait_for_builds(2)
    after = server.written()
    rewritten = {page for page in after if after[page] != before.get(page)}
    # Its page, the story list, its topic's list, and the story whose 'Related' links name it.
    assert rewritten == {
        "stories/older/index.html",
        "stories/index.html",
        "stories/topic/12-step/index.html",
        "stories/newer/index.html",
    }
    assert "Renamed story" in server.get("/stories/")[1]

    story.unlink()
    time.sleep(1.1)
    server.wait_for_builds(3)
    assert server.get("/stories/older/")[0] == 404
    assert "Renamed story" not in server.get("/stories/")[1]


def test_an_edit_to_mkdocs_yml_redoes_every_page(server: Server, fixture_site: Path) -> None:
    server.wait_for_builds(1)
    before = server.written()
    config = fixture_site / "mkdocs.yml"
    edit(config, config.read_text(encoding="utf-8").replace("Need help now?", "Help, now:"))
    server.wait_for_builds(2)
    after = server.written()
    assert all(after[page] != before[page] for page in before), "some pages kept the old bar"
    assert "Help, now:" in server.get("/stories/newer/")[1]


def test_a_settings_edit_still_shows_everywhere_after_a_failed_rebuild(
    server: Server, fixture_site: Path
) -> None:
    server.wait_for_builds(1)
    story = fixture_site / "content/stories/older.md"
    good = story.read_text(encoding="utf-8")
    edit(story, good.replace("author: Sam R.", "author: ''"))  # a content error
    config = fixture_site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("Need help now?", "Help, now:"),
        encoding="utf-8",
    )
    deadline = time.monotonic() + 60
    while not any("error" in line.lower() and "older.md" in line for line in server.lines):
        assert time.monotonic() < deadline, "\n".join(server.lines[-30:])
        time.sleep(0.2)
    wait_until(lambda: PANEL in server.get("/")[1], server)
    before = server.written()
    edit(story, good)  # fixed: this build must redo every page for the new settings
    wait_until(lambda: PANEL not in (page := server.get("/")[1]) and "Help, now:" in page, server)
    after = server.written()
    assert all(after[page] != before[page] for page in before)


# --- content errors in the preview (serve_errors.py) ----------------------------------

PANEL = 'class="rs-preview-errors'
#: A field name that is markup: the diagnostic repeats it ("unknown field '<script>...'").
HOSTILE_KEY = "'<script>window.pwned = 1</script>': x\n"


def wait_until(condition: Callable[[], bool], server: Server, limit: float = 90) -> None:
    """Poll the preview until ``condition()`` holds (a rebuild may take a few seconds)."""
    deadline = time.monotonic() + limit
    while not condition():
        if server.process.poll() is not None or time.monotonic() > deadline:
            pytest.fail("preview never got there:\n" + "\n".join(server.lines[-40:]))
        time.sleep(0.3)


def broken(story: str, body: str) -> str:
    """``story`` with an error the checks report (an unknown field) and a new body."""
    head, _, _ = story.rpartition("---\n")
    return head.replace("summary:", HOSTILE_KEY.rstrip("\n") + "\nsummary:") + "---\n" + body


def test_an_error_keeps_the_last_good_site_and_lists_it_on_every_page(
    server: Server, fixture_site: Path
) -> None:
    server.wait_for_builds(1)
    assert PANEL not in server.get("/stories/older/")[1]
    story = fixture_site / "content/stories/older.md"
    good = story.read_text(encoding="utf-8")
    edit(story, broken(good, "BROKEN-VERSION\n"))
    wait_until(lambda: PANEL in server.get("/stories/older/")[1], server)

    status, page = server.get("/stories/older/")
    assert status == 200
    # The last good page, not the broken edit, and the error at its line, as text.
    assert "I found people who understood." in page and "BROKEN-VERSION" not in page
    assert "content/stories/older.md:" in page and "[unknown-field]" in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    assert "<script>window.pwned" not in page
    for other in ("/", "/stories/", "/faq/meds/"):  # every page says so
        assert PANEL in server.get(other)[1]
    assert "Older story" in server.get("/stories/")[1]  # still listed

    edit(story, good.replace("I found people who understood.", "FIXED-VERSION"))
    wait_until(lambda: "FIXED-VERSION" in server.get("/stories/older/")[1], server)
    assert PANEL not in server.get("/stories/older/")[1]
    assert PANEL not in server.get("/")[1]
    assert not any("dirty' build" in line for line in server.lines), "MkDocs' warning shown"


def test_an_error_in_a_draft_does_not_hold_back_the_published_pages(
    server: Server, fixture_site: Path
) -> None:
    server.wait_for_builds(1)
    draft = fixture_site / "content/stories/not-yet.md"
    edit(draft, broken(draft.read_text(encoding="utf-8"), "Draft text.\n"))
    story = fixture_site / "content/stories/older.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("I found people", "NEWER-TEXT: I found people"),
        encoding="utf-8",
    )
    wait_until(lambda: "NEWER-TEXT" in server.get("/stories/older/")[1], server)
    wait_until(lambda: PANEL in server.get("/stories/older/")[1], server)
    page = server.get("/stories/older/")[1]
    # Listed, in the quieter panel for stories this preview does not build.
    assert 'class="rs-preview-errors rs-preview-errors--unbuilt"' in page
    assert "content/stories/not-yet.md:" in page and "does not build" in page


def test_the_browser_shows_the_error_and_reloads_when_it_is_fixed(
    server: Server, fixture_site: Path, browser
) -> None:
    """Live reload under the pages' Content-Security-Policy, the panel as text, no script."""
    server.wait_for_builds(1)
    page = browser.new_page()
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    try:
        page.goto(f"http://127.0.0.1:{server.port}/stories/older/")
        page.wait_for_function("document.readyState === 'complete'")
        assert page.locator(".rs-preview-errors").count() == 0
        story = fixture_site / "content/stories/older.md"
        good = story.read_text(encoding="utf-8")
        edit(story, broken(good, "BROKEN-VERSION\n"))
        # No reload by the test: the preview's live reload brings the panel.
        panel = page.locator(".rs-preview-errors")
        panel.wait_for(timeout=60_000)
        assert "<script>window.pwned = 1</script>" in panel.inner_text()
        assert panel.locator("script").count() == 0
        box, view = panel.bounding_box(), page.viewport_size
        assert box and view and 0 <= box["y"] < view["height"], "panel out of view"
        assert page.evaluate("window.pwned") is None
        assert "BROKEN-VERSION" not in page.content()
        assert page.locator("h1").first.inner_text().startswith("Older story")

        edit(story, good)
        panel.wait_for(state="detached", timeout=60_000)
        assert blocked == [], blocked
    finally:
        page.close()


def test_a_preview_starts_even_when_the_content_has_errors(fixture_site: Path) -> None:
    story = fixture_site / "content/stories/older.md"
    good = story.read_text(encoding="utf-8")
    story.write_text(broken(good, "BROKEN-VERSION\n"), encoding="utf-8")
    running = Server(fixture_site)
    try:
        running.wait_for_builds(1)
        # No good site yet: what loaded is built, and every page says what is wrong.
        status, page = running.get("/")
        assert status == 200 and PANEL in page and "may be missing or wrong" in page
        assert "content/stories/older.md:" in page
        assert running.get("/stories/older/")[0] == 404
        assert "Newer story" in running.get("/stories/")[1]

        edit(story, good)
        wait_until(lambda: running.get("/stories/older/")[0] == 200, running)
        assert PANEL not in running.get("/stories/older/")[1]
        assert PANEL not in running.get("/")[1]
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)
