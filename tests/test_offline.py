"""The offline edition (issue #19): the site opened from disk, search included.

The starter site is built once with mkdocs.offline.yml and finished by
``recovery-site offline``, as ``./scripts/build --offline`` does; Chromium
then opens it through ``file://`` and no request may leave ``file://``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import REPO

from recovery_site.cli import main
from recovery_site.links.internal import check_internal
from recovery_site.offline_index import build_index, fold, read_page, words
from recovery_site.template_links import check_template, check_templates

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter site's offline edition, built and finished in a temporary folder."""
    site = tmp_path_factory.mktemp("offline") / "site-offline"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.offline.yml"]
    proc = subprocess.run(
        [*build, "--site-dir", str(site)], cwd=REPO, capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    finish = [sys.executable, "-m", "recovery_site.cli", "offline", str(site), "--root", "."]
    zipped = site.parent / "site-offline.zip"
    proc = subprocess.run(
        [*finish, "--zip", str(zipped)], cwd=REPO, capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


# --- the build ----------------------------------------------------------------------


def test_offline_config_adds_only_file_urls_and_the_offline_search() -> None:
    online = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    offline = yaml.safe_load((REPO / "mkdocs.offline.yml").read_text(encoding="utf-8"))
    assert offline["INHERIT"] == "mkdocs.yml"
    assert offline["use_directory_urls"] is False
    # extra_javascript is replaced, not merged: it must keep every online script
    assert offline["extra_javascript"] == online["extra_javascript"] + [
        "javascripts/offline-search.js"
    ]


def test_offline_edition_is_files_search_scripts_and_a_zip(offline_site: Path) -> None:
    assert (offline_site / "faq/overdose-and-naloxone.html").is_file()
    assert (offline_site / "get-help.html").is_file()
    assert not (offline_site / "get-help").exists()
    assert not (offline_site / "pagefind").exists()  # cannot run from disk
    assert not (offline_site / "404.html").exists()  # no server to show it
    index = offline_site / "search-offline"
    assert (index / "pages.js").is_file() and (index / "w-n.js").is_file()
    import zipfile

    with zipfile.ZipFile(offline_site.parent / "site-offline.zip") as archive:
        names = archive.namelist()
    assert "site-offline/index.html" in names
    assert all(name.startswith("site-offline/") for name in names)


def test_every_link_of_the_offline_edition_works_from_disk(offline_site: Path) -> None:
    report = check_internal(offline_site, REPO, from_disk=True)
    assert report.diagnostics == []
    assert report.pages > 30
    # and `recovery-site links` checks it as opened from disk by itself
    assert main(["links", str(offline_site), "--root", str(REPO)]) == 0


def test_scripts_build_offline_swaps_in_the_edition_and_its_zip(tmp_path: Path) -> None:
    """The real scripts/build --offline in a sandbox (as in test_build_swap)."""
    from test_build_swap import VENV_STUB

    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "mkdocs").exists():
        pytest.skip("needs mkdocs beside the Python running the tests (./scripts/setup)")
    (tmp_path / "scripts/lib").mkdir(parents=True)
    shutil.copy(REPO / "scripts/build", tmp_path / "scripts/build")
    (tmp_path / "scripts/lib/venv.sh").write_text(VENV_STUB.format(bin=bin_dir))
    (tmp_path / "mkdocs.yml").write_text("site_name: Offline test\n")
    (tmp_path / "mkdocs.offline.yml").write_text("INHERIT: mkdocs.yml\nuse_directory_urls: false\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n\n[About](about.md)\n")
    (tmp_path / "docs/about.md").write_text("# About\n")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "site-offline").mkdir()
    (tmp_path / "site-offline/OLD").write_text("old edition")
    proc = subprocess.run(
        [str(tmp_path / "scripts/build"), "--offline"], cwd=tmp_path, capture_output=True
    )
    assert proc.returncode == 0, proc.stderr.decode()
    site = tmp_path / "site-offline"
    assert (site / "about.html").is_file() and not (site / "OLD").exists()
    assert (site / "search-offline/pages.js").is_file()
    assert (tmp_path / "site-offline.zip").is_file()
    assert not (tmp_path / "site").exists()  # the online site is not touched
    assert sorted(p.name for p in tmp_path.iterdir() if ".tmp" in p.name) == []


# --- links checked as opened from disk ----------------------------------------------


def _page(body: str) -> str:
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"


def test_links_from_disk_resolve_html_files_and_reject_folders(tmp_path: Path) -> None:
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq/index.html").write_text(_page('<h1 id="top">FAQ</h1>'))
    (tmp_path / "faq/meds.html").write_text(_page('<h2 id="what-is-mat">MAT</h2>'))
    links = (
        '<a href="faq/meds.html#what-is-mat">ok</a> <a href="faq/index.html#top">ok</a>'
        ' <a href="faq/meds.html#nope">no anchor</a> <a href="faq/">folder</a>'
        ' <a href="/faq/meds.html">root</a>'
    )
    (tmp_path / "index.html").write_text(_page(links))
    served = check_internal(tmp_path, tmp_path)
    assert [d.code for d in served.diagnostics] == ["missing-anchor"]  # a server serves faq/
    from_disk = check_internal(tmp_path, tmp_path, from_disk=True)
    assert sorted(d.message for d in from_disk.diagnostics) == [
        "index.html -> /faq/meds.html: a site-absolute link: opened from disk it points "
        "at the root of the disk",
        "index.html -> faq/: a folder: opened from disk it shows a folder listing; "
        "link to faq/index.html",
        "index.html -> faq/meds.html#nope: no element with id 'nope' on faq/meds.html",
    ]


# --- template links that need directory URLs ----------------------------------------

OLD_CRISIS_LINK = """\
{% block announce %}
  <p>
  {%- if crisis.more %} <a href="{{ (crisis.more_url | default('get-help/')) | url }}">{% endif -%}
  </p>
  <a href="{{ 'faq/' | url }}">FAQ</a> <a class="x"
     href="stories/">Stories</a>
  <dialog data-bundle="{{ 'pagefind/' | url }}"></dialog>
  <a href="{{ page_url('faq/index.md') }}">ok</a> <a href="https://example.org/">ok</a>
{% endblock %}
"""


def test_template_links_to_folders_are_reported_at_the_template_line() -> None:
    lines = OLD_CRISIS_LINK.splitlines()

    def at(line: int, text: str) -> tuple[str, int, int]:
        return ("directory-url", line, lines[line - 1].index(text) + 1)

    found = check_template("overrides/main.html", OLD_CRISIS_LINK)
    assert sorted((d.code, d.line, d.col) for d in found) == [
        at(3, "get-help/"),  # the default inside the url filter
        at(5, "faq/"),
        at(6, 'href="stories/"'),  # hard-coded in the markup
    ]  # pagefind/ is a folder a script reads files from, not a link: not reported


def test_our_templates_have_no_directory_only_links() -> None:
    assert check_templates(REPO / "overrides", REPO) == []


def test_offline_finish_fails_at_the_template(tmp_path: Path, capsys) -> None:
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides/main.html").write_text(OLD_CRISIS_LINK)
    (tmp_path / "site").mkdir()
    assert main(["offline", str(tmp_path / "site"), "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    col = OLD_CRISIS_LINK.splitlines()[2].index("get-help/") + 1
    assert out.startswith(f"overrides/main.html:3:{col}: error: [directory-url] 'get-help/' | url")
    assert not (tmp_path / "site/search-offline").exists()  # nothing written


# --- the index ----------------------------------------------------------------------

FAQ_PAGE = """<!doctype html><html><body><nav>Menu words</nav><div data-pagefind-body>
<h1 id="overdose">Overdose <a class="headerlink" href="#overdose">¶</a></h1><p>Intro.</p>
<h2 id="what-is-naloxone">What is naloxone?</h2><p>Naloxone reverses an opioid overdose.</p>
<div class="rs-sources" data-pagefind-ignore><p>Sources: CDC</p></div>
<h2>No id</h2><p>Still the naloxone answer, Naloxóne.</p>
</div></body></html>"""


def test_a_page_is_split_into_its_questions_like_pagefind() -> None:
    page = read_page(FAQ_PAGE.encode(), "faq/overdose.html")
    assert page is not None and page.title == "Overdose"
    assert [(s.anchor, s.title) for s in page.sections] == [
        ("overdose", "Overdose"),
        ("what-is-naloxone", "What is naloxone?"),
    ]
    text = page.sections[1].body
    assert "reverses" in text and "Still the naloxone answer" in text
    assert "Sources" not in text and "Menu" not in text and "¶" not in page.sections[0].body
    assert read_page(b"<html><body><p>no body marked</p></body></html>", "x.html") is None


def test_words_are_folded_as_the_search_box_folds_them() -> None:
    assert fold("Naloxóne") == "naloxone"
    assert words("Naloxone, 12-step & a B!") == ["naloxone", "12", "step"]
    files, count = build_index([read_page(FAQ_PAGE.encode(), "faq/overdose.html")])
    assert count == len(
        set(
            words(
                "Overdose Intro What is naloxone Naloxone reverses an opioid "
                "overdose No id Still the naloxone answer"
            )
        )
    )
    # naloxone: section 1, 4 times plus the heading's extra weight (2)
    assert '"naloxone":[1,6]' in files["w-n.js"]
    assert files["pages.js"].startswith('rsOfflineSearch.pages([["faq/overdose.html","Overdose"]]')
    assert set(files) >= {"pages.js", "w-a.js", "w-_.js", "w-0.js", "t-0.js"}


# --- in Chromium, from disk ---------------------------------------------------------


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    return page, requested


@pytest.mark.browser
def test_a_reader_follows_links_and_searches_from_disk(browser, offline_site: Path) -> None:
    page, requested = _open(browser, (offline_site / "index.html").as_uri())
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        # Home -> questions and answers -> a topic -> an answer
        page.locator(".rs-paths a", has_text="Learn about recovery").click()
        page.wait_for_url("**/faq/index.html")
        page.locator("article a[href$='overdose-and-naloxone.html']").first.click()
        page.wait_for_url("**/faq/overdose-and-naloxone.html")
        assert page.locator("h2#what-is-naloxone").is_visible()
        # the crisis bar's "Get help now" opens the help page, not a folder
        page.locator(".rs-crisis a", has_text="Get help now").click()
        page.wait_for_url("**/get-help.html")
        assert page.locator("h1").first.inner_text().strip()
        # a story, from the home page's link to the stories
        page.goto((offline_site / "index.html").as_uri())
        page.locator(".rs-paths a", has_text="recovery stories").click()
        page.wait_for_url("**/stories/index.html")
        page.locator("article a[href='back-in-my-own-kitchen.html']").first.click()
        page.wait_for_url("**/stories/back-in-my-own-kitchen.html")
        # search, from disk: a question of the FAQ, landing on its anchor
        page.locator("button.rs-search-open").click()
        page.locator("#rs-search input.rs-search__input").press_sequentially("naloxone", delay=10)
        result = page.locator('.rs-result a[href*="faq/overdose-and-naloxone.html#"]').first
        result.wait_for(timeout=15_000)
        # Read and click one result: the list may still be redrawn for the final query.
        href, question = result.evaluate("a => [a.getAttribute('href'), a.innerText]")
        assert "naloxone" in question.lower()
        page.locator(f'.rs-result a[href="{href}"]').first.click()
        page.wait_for_url(lambda url: bool(urlsplit(url).fragment), timeout=15_000)
        anchor = urlsplit(page.url).fragment
        assert urlsplit(page.url).path.endswith("/faq/overdose-and-naloxone.html")
        heading = page.locator(f"h2#{anchor}")
        assert heading.inner_text().replace("¶", "").strip() == question.strip()
        top = heading.evaluate("el => el.getBoundingClientRect().top")
        assert 0 <= top < 900, f"the answer is not scrolled into view (top={top})"
        # the folded answer opens from disk too (javascripts/answers.js)
        assert page.locator(f"details:has(h2#{anchor})").get_attribute("open") is not None
    finally:
        page.close()
    assert any("/search-offline/w-n.js" in url for url in requested)  # the search really ran
    assert [url for url in requested if not url.startswith("file://")] == []
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["index.html", "faq/recovery-basics.html"])
def test_no_wcag_violations_from_disk(browser, offline_site: Path, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, requested = _open(browser, (offline_site / path).as_uri())
    try:
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        found = [f"{v['id']}: {v['help']}" for v in result.response["violations"]]
        assert found == []
    finally:
        page.close()
    assert [url for url in requested if not url.startswith("file://")] == []


def test_offline_pages_are_traced_to_their_content_files(tmp_path: Path) -> None:
    from recovery_site.links.sources import SourceFinder

    finder = SourceFinder(REPO, tmp_path / "site-offline")
    assert finder.source("faq/medications.html") == "content/faq/medications.yml"
    assert finder.source("stories/a-harder-year.html") == "content/stories/a-harder-year.md"
    assert finder.source("faq/index.html") is None  # generated: no source file
    assert finder.source("about/editorial-policy.html") == "docs/about/editorial-policy.md"


def test_composite_stories_are_labelled_in_offline_results_too(offline_site: Path) -> None:
    pages = (offline_site / "search-offline/pages.js").read_text(encoding="utf-8")
    assert '"composite"' in pages
    story = read_page(
        b"<html><body><div data-pagefind-body><h1>A story</h1>"
        b'<p data-pagefind-meta="basis:composite">Composite story</p><p>Text.</p></div>'
        b"</body></html>",
        "stories/a.html",
    )
    assert story is not None and story.basis == "composite"
    assert read_page(FAQ_PAGE.encode(), "faq/overdose.html").basis == ""
