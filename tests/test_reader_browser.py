"""What readers meet, proven in Chromium: accessibility, privacy, keyboard, print.

axe-core (bundled with axe-playwright-python) checks WCAG 2.0/2.1 A and AA
and WCAG 2.2 AA on the key pages at phone and desktop widths, and with the
search open showing results.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
KEY_PAGES = {
    "home": "/",
    "faq topic": "/faq/recovery-basics/",
    "faq answer open": "/faq/overdose-and-naloxone/#what-to-do-in-an-overdose",
    "story": "/stories/a-harder-year/",
    "stories index": "/stories/",
    "families": "/families/",
    "help": "/get-help/",
    "about": "/about/",
    "editorial policy": "/about/editorial-policy/",
    "article": "/articles/understanding-relapse/",
}
WIDTHS = (375, 1280)


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def violations(axe, page) -> list[str]:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
    ]


def open_search(page, width: int, query: str) -> None:
    page.locator("button.rs-search-open").click()
    box = page.locator("#rs-search input.rs-search__input")
    box.wait_for(timeout=15_000)
    box.press_sequentially(query, delay=10)
    page.locator(".rs-result").first.wait_for(timeout=15_000)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_no_wcag_violations(browser, starter_url: str, axe, name: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(starter_url + KEY_PAGES[name])
        assert violations(axe, page) == []
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_wcag_violations_with_search_results_open(
    browser, starter_url: str, axe, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(starter_url + "/")
        open_search(page, width, "naloxone")
        assert violations(axe, page) == []
    finally:
        page.close()


def test_every_page_stays_on_the_site_and_sets_no_cookies(
    browser, starter_url: str, starter_site: Path
) -> None:
    own = urlsplit(starter_url).netloc
    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(r.url).netloc != own
            else None
        ),
    )
    pages = sorted(starter_site.rglob("*.html"))
    try:
        for path in pages:
            url = "/" + path.relative_to(starter_site).as_posix().removesuffix("index.html")
            page.goto(starter_url + url)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.cookie") == "", url
        assert foreign == []
        assert context.cookies() == []
    finally:
        context.close()
    assert len(pages) > 20


def test_slash_opens_search_and_tab_reaches_results(browser, starter_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(starter_url + "/faq/recovery-basics/")
        page.wait_for_load_state("networkidle")
        page.keyboard.press("/")
        expect(page.locator("#rs-search input.rs-search__input")).to_be_focused()
        page.keyboard.type("naloxone", delay=10)
        page.locator(".rs-result").first.wait_for(timeout=15_000)
        in_results = "document.activeElement.closest('.rs-result') !== null"
        for _ in range(4):  # from the box into the results
            page.keyboard.press("Tab")
            if page.evaluate(in_results):
                break
        assert page.evaluate(in_results)
        assert page.evaluate("document.activeElement.tagName") == "A"
        target = page.evaluate("document.activeElement.href")
        page.keyboard.press("Enter")
        page.wait_for_url(target)
        # "/" opens the search again, and Escape closes it
        page.keyboard.press("/")
        expect(page.locator("#rs-search")).to_have_attribute("open", "")
        page.keyboard.press("Escape")
        expect(page.locator("#rs-search")).not_to_have_attribute("open", "")
    finally:
        page.close()


def test_question_permalinks_are_listed_and_focusable(browser, starter_url: str) -> None:
    """Each answer's address is one tap away in the question list (the "¶" links
    show on hover and focus only, and none sits inside an answer's <summary>)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(starter_url + "/faq/recovery-basics/")
        links = page.locator("nav.rs-questions a")
        assert links.count() >= 10
        first = links.first
        assert first.get_attribute("href") == "#what-is-recovery"
        first.focus()
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#what-is-recovery"
        assert page.locator("summary a.headerlink").count() == 0
    finally:
        page.close()


def test_content_warning_folds_away(browser, starter_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(starter_url + "/stories/a-harder-year/")
        notice = page.locator("article details.warning")
        assert notice.get_attribute("open") is not None
        body = notice.locator("p").first
        assert body.is_visible()
        notice.locator("summary").click()
        assert notice.get_attribute("open") is None
        assert not body.is_visible()
        # the notice comes before the story's first paragraph
        order = page.evaluate(
            """() => {
                const notice = document.querySelector('article details.warning');
                const para = [...document.querySelectorAll('article p')].find(
                    p => p.textContent.startsWith('I had two years'));
                return notice.compareDocumentPosition(para) & Node.DOCUMENT_POSITION_FOLLOWING;
            }"""
        )
        assert order
    finally:
        page.close()


def test_abbreviations_explained_on_hover_or_tap(browser, starter_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(starter_url + "/faq/recovery-basics/#what-is-mat")  # an open answer
        abbr = page.locator("article details[open] abbr", has_text="MOUD").first
        assert "opioid use disorder" in (abbr.get_attribute("title") or "")
        abbr.hover()
        tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active, [role=tooltip]")
        tooltip.first.wait_for(timeout=5_000)
        assert "opioid" in tooltip.first.inner_text()
    finally:
        page.close()


def test_print_is_a_clean_handout(browser, starter_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(starter_url + "/articles/understanding-relapse/")
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".rs-search-open"):
            assert page.locator(selector).first.evaluate("el => getComputedStyle(el).display") == (
                "none"
            ), selector
        link = page.locator("h2.rs-sources + ul a[href^='https']").first
        after = link.evaluate("el => getComputedStyle(el, '::after').content")
        assert link.get_attribute("href") in after
    finally:
        page.close()
