"""Real Chromium: a reader searches the starter site and lands on the answer."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_search_finds_the_answer_and_lands_on_its_anchor(browser, starter_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(starter_url + "/")
        page.locator("input.md-search__input").click()
        # Material's search listens for keyup, so type key by key.
        page.locator("input.md-search__input").press_sequentially("buprenorphine", delay=20)
        # Result links carry ?h=<query> (search.highlight) before the fragment.
        result = page.locator(
            '.md-search-result__item a[href*="/faq/recovery-basics/"][href$="#what-is-mat"]'
        ).first
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        # Material renders results in batches as the list scrolls: scroll until it shows.
        for _ in range(10):
            if result.count():
                break
            page.locator(".md-search-result__scrollwrap").evaluate(
                "el => el.scrollTo(0, el.scrollHeight)"
            )
            page.wait_for_timeout(300)
        result.scroll_into_view_if_needed()
        result.wait_for(state="visible", timeout=5_000)
        result.click()
        page.wait_for_url(lambda url: urlsplit(url).fragment == "what-is-mat", timeout=15_000)
        assert urlsplit(page.url).path == "/faq/recovery-basics/"
        heading = page.locator("h2#what-is-mat")
        assert "MAT" in heading.inner_text()
        top = heading.evaluate("el => el.getBoundingClientRect().top")
        assert 0 <= top < 900, f"heading not scrolled into view (top={top})"
    finally:
        page.close()
    hosts = {urlsplit(url).netloc for url in requested if urlsplit(url).scheme in ("http", "https")}
    assert hosts == {urlsplit(starter_url).netloc}
