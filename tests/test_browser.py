"""Real Chromium: a reader searches the starter site and lands on the answer.

Search is Pagefind behind the header's search button: nothing is fetched for
search until a reader opens it, and then only from the site itself.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def search(page, query: str) -> None:
    """Open the search dialog with its button and type ``query``."""
    page.locator("button.rs-search-open").click()
    box = page.locator("#rs-search input.rs-search__input")
    box.wait_for(timeout=45_000)
    box.press_sequentially(query, delay=20)
    page.locator(".rs-result").first.wait_for(timeout=45_000)


def find_result(page, selector: str):
    """The result link matching ``selector``, loading more results until it shows."""
    result = page.locator(selector).first
    for _ in range(10):
        if result.count():
            break
        more = page.locator("button.rs-search__more:visible")
        if not more.count():
            break
        more.click()
        page.wait_for_timeout(300)
    result.wait_for(state="visible", timeout=20_000)
    return result


def test_search_finds_the_answer_and_lands_on_its_anchor(browser, starter_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(starter_url + "/")
        page.wait_for_load_state("networkidle")
        # a visit without a search fetches nothing for search but its small script
        assert [u for u in requested if "/pagefind/" in u] == []
        search(page, "buprenorphine")
        # each FAQ question is its own result, linking to its anchor
        result = find_result(page, '.rs-result a[href$="/faq/recovery-basics/#what-is-mat"]')
        assert "MAT" in result.inner_text()
        result.click()
        page.wait_for_url(lambda url: urlsplit(url).fragment == "what-is-mat", timeout=45_000)
        assert urlsplit(page.url).path == "/faq/recovery-basics/"
        heading = page.locator("h2#what-is-mat")
        assert "MAT" in heading.inner_text()
        top = heading.evaluate("el => el.getBoundingClientRect().top")
        assert 0 <= top < 900, f"heading not scrolled into view (top={top})"
    finally:
        page.close()
    assert any("/pagefind/" in u for u in requested)  # the search really ran
    hosts = {urlsplit(url).netloc for url in requested if urlsplit(url).scheme in ("http", "https")}
    assert hosts == {urlsplit(starter_url).netloc}


def fragment_files(index: Path) -> dict[str, str]:
    """Each search record's fragment file name, by the record's URL."""
    found = {}
    for path in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        found[json.loads(data[data.index(b"{") :])["url"]] = path.name
    return found


def word_of_one_answer(index: Path, page_url: str) -> tuple[str, str]:
    """A word found in one answer of ``page_url`` and in no other record, and that answer's URL.

    Chosen from the built index, so the test follows the content as editors change it.
    """
    texts = {}
    for path in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        texts[record["url"]] = record["content"].lower()
    for url in sorted(u for u in texts if u.startswith(page_url + "#")):
        for word in re.findall(r"[a-z]{8,}", texts[url]):
            stem = word[:6]  # Pagefind matches stems: no other record may share one
            if not any(stem in text for other, text in texts.items() if other != url):
                return word, url
    raise AssertionError(f"no answer of {page_url} has a word of its own")


def test_an_answer_result_fetches_only_its_answer_and_opens_it(
    browser, starter_site: Path, starter_url: str
) -> None:
    """Each FAQ answer is its own record: a result costs that answer's fragment, not
    the whole topic's, and clicking it on its own page closes search and opens it."""
    topic = "/faq/medications/"
    word, url = word_of_one_answer(starter_site / "pagefind", topic)
    files = fragment_files(starter_site / "pagefind")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(starter_url + topic)
        page.wait_for_load_state("networkidle")
        search(page, word)
        result = page.locator(f'.rs-result a[href$="{url}"]')
        result.wait_for(timeout=45_000)
        question = page.locator(f"h2#{urlsplit(url).fragment}").inner_text().strip()
        assert result.inner_text().strip() == question  # the question is the title
        shown = page.locator(f".rs-result:has(a[href$='{url}']) .rs-result__excerpt")
        assert word.lower() in shown.locator("mark").first.inner_text().lower()
        # Searched by its own question, the excerpt is the answer's start, not the
        # question again (the record starts with it, and it is the title).
        box = page.locator("#rs-search input.rs-search__input")
        box.fill("")
        box.press_sequentially(question.rstrip("?"), delay=5)
        result.wait_for(timeout=45_000)
        # The results of the whole question, not of its first keystrokes.
        expect(page.locator(".rs-search__status")).to_contain_text(question.rstrip("?"))
        tail = " ".join(question.split()[-3:])
        assert tail not in shown.inner_text(), shown.inner_text()
        label = page.locator(".rs-result__kind").first.inner_text()
        assert page.locator("h1").first.inner_text().rstrip("¶").strip() in label  # the topic
        fetched = {urlsplit(u).path.rsplit("/", 1)[1] for u in requested if "/fragment/" in u}
        assert files[url] in fetched  # the answer's own record ...
        assert files[topic] not in fetched  # ... not the topic page's
        result.click()
        page.wait_for_url(lambda address: address.endswith(url), timeout=45_000)
        expect(page.locator("#rs-search")).not_to_have_attribute("open", "")
        heading = page.locator(f"h2#{urlsplit(url).fragment}")
        expect(page.locator(f"details:has(h2#{urlsplit(url).fragment})")).to_have_attribute(
            "open", ""
        )
        top = heading.evaluate("el => el.getBoundingClientRect().top")
        assert 0 <= top < 900, f"question not scrolled into view (top={top})"
    finally:
        page.close()


def records(index: Path) -> dict[str, dict]:
    """Each search record (url, meta, content), by URL."""
    found = {}
    for path in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        found[record["url"]] = record
    return found


def test_a_composite_story_result_says_so(browser, starter_site: Path, starter_url: str) -> None:
    """The honesty label shows in the results as on the page, whatever else the record
    carries (an answer's topic never replaces it)."""
    stories = {
        url: r
        for url, r in records(starter_site / "pagefind").items()
        if r["meta"].get("basis") == "composite"
    }
    url, record = sorted(stories.items())[0]
    page = browser.new_page(viewport={"width": 375, "height": 800})
    try:
        page.goto(starter_url + "/")
        search(page, record["meta"]["title"])
        link = f'a.rs-result__link[href$="{url}"]'
        find_result(page, f".rs-result {link}")
        kind = page.locator(f".rs-result:has({link}) .rs-result__kind").first
        expect(kind).to_have_text("Composite story, written by our editorial team")
    finally:
        page.close()
