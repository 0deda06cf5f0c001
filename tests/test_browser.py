"""Real Chromium: a reader searches the starter site and lands on the answer.

Search is Pagefind behind the header's search button: nothing is fetched for
search until a reader opens it, and then only from the site itself.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def search(page, query: str) -> None:
    """Open the search dialog with its button and type ``query``."""
    page.locator("button.rs-search-open").click()
    box = page.locator("#rs-search input.rs-search__input")
    box.wait_for(timeout=15_000)
    box.press_sequentially(query, delay=20)
    page.locator(".rs-result").first.wait_for(timeout=15_000)


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
    result.wait_for(state="visible", timeout=5_000)
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
        page.wait_for_url(lambda url: urlsplit(url).fragment == "what-is-mat", timeout=15_000)
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
