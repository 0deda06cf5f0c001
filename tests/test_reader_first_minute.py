"""A reader's first minute on a phone (issue 15): answers in two taps, the
emergency first in little space, FAQ pages that start with their questions,
topic labels instead of tags. Browser tests use Debian's Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site.load import load_project

REPO = Path(__file__).resolve().parents[1]
SITE_NAME = "Recovery Answers"
PHONE = {"width": 375, "height": 800}


def parse(site: Path, url: str) -> HTMLParser:
    path = site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html"
    return HTMLParser(path.read_text(encoding="utf-8"))


# --- the built pages, read as HTML ---------------------------------------------------


def test_every_faq_topic_page_lists_its_questions_before_the_first_answer(
    starter_site: Path,
) -> None:
    project = load_project(REPO)
    assert len(project.topics) >= 10
    for doc in project.topics:
        html = (starter_site / "faq" / doc.slug / "index.html").read_text(encoding="utf-8")
        first_answer = html.index('<details class="rs-answer"')
        listed = html[:first_answer]
        for entry in doc.topic.questions:
            assert f'href="#{entry.id}"' in listed, (doc.slug, entry.id)
        tree = HTMLParser(html)
        answers = tree.css("article details.rs-answer")
        assert len(answers) == len(doc.topic.questions)
        for details, entry in zip(answers, doc.topic.questions, strict=True):
            heading = details.css_first("summary > h2")
            assert heading is not None and heading.attributes["id"] == entry.id
            assert details.css_first('a[href="#questions-on-this-page"]') is not None
            assert "open" not in details.attributes  # folded; the address opens one


def test_no_page_title_repeats_the_site_name(starter_site: Path) -> None:
    pages = sorted(starter_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        title = HTMLParser(path.read_text(encoding="utf-8")).css_first("title")
        if title is None:
            continue  # redirect stubs
        assert title.text().count(SITE_NAME) == 1, (path, title.text())
    home = parse(starter_site, "/").css_first("title").text()
    assert home == SITE_NAME


def test_topic_labels_replace_raw_tags(starter_site: Path) -> None:
    stories = parse(starter_site, "/stories/")
    filters = [a.text() for a in stories.css("nav.rs-filter a")]
    assert "Medicines for opioid use disorder" in filters
    assert "SMART Recovery" in filters and "Older adults" in filters
    for raw in ("moud", "maud", "smart-recovery", "older-adults"):
        assert raw not in filters
        assert f"Topics: {raw}" not in stories.body.text()
    topic = parse(starter_site, "/stories/topic/moud/")
    assert topic.css_first("h1").text().startswith("Recovery stories: Medicines for opioid use")
    # related links say what a page shares, by label
    related = parse(starter_site, "/stories/the-kit-in-my-bag/").css_first(".rs-related-links")
    assert related is not None and "Naloxone and overdose" in related.text()
    assert "harm-reduction" not in related.text()


def test_families_page_starts_with_what_families_need(starter_site: Path) -> None:
    page = parse(starter_site, "/families/")
    headings = [h.text().replace("¶", "").strip() for h in page.css("article h2")]
    assert headings[0] == "Start here"
    start = page.css("article h2")[0].next
    while start is not None and start.tag != "ul":
        start = start.next
    links = [a.attributes["href"] for a in start.css("a")]
    assert [h.split("#")[1] for h in links] == [
        "how-to-talk-without-blame",
        "help-them-find-treatment",
        "keep-naloxone-at-home",
        "looking-after-yourself",
    ]
    assert headings[1] == "Questions and answers"
    titles = [a.text() for a in page.css("article li > a")]
    assert titles[4] == "Supporting a loved one"  # written for families, before the rest
    assert titles.index("Supporting a loved one") < titles.index(
        "12-step and other mutual-help groups"
    )
    hrefs = [a.attributes.get("href", "") for a in page.css("article a")]
    assert "../" not in hrefs and "../index.md" not in hrefs  # the home page is no article
    assert "Recovery Answers" not in [a.text() for a in page.css("article li > a")]


def test_home_common_questions_open_the_answers_they_name(starter_site: Path) -> None:
    home = parse(starter_site, "/")
    links = home.css("ul.rs-common a")
    assert len(links) >= 3
    for link in links:
        page, _, anchor = link.attributes["href"].partition("#")
        heading = parse(starter_site, page).css_first(f"h2[id='{anchor}']")
        assert heading is not None, link.attributes["href"]
        assert heading.text(deep=True).replace("¶", "").strip() == link.text().strip()
    assert home.css_first("form[data-rs-search-form] input[type=search]") is not None
    assert len(home.css("ul.rs-paths > li > a.rs-path")) == 3


def test_editors_pages_are_built_but_not_in_the_readers_menu(starter_site: Path) -> None:
    assert (starter_site / "editors/content-checks/index.html").is_file()
    page = parse(starter_site, "/faq/")
    menus = page.css("nav.md-nav--primary a, nav.md-tabs a")
    assert menus and not [a for a in menus if "editors/" in a.attributes.get("href", "")]
    footer = page.css(".rs-footer a")
    assert [a for a in footer if "editors/content-checks/" in a.attributes.get("href", "")]
    assert "navigation.tabs" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


# --- in Chromium ------------------------------------------------------------------


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def heading_fully_in_view(page, selector: str) -> bool:
    """The heading is inside the viewport and not under the sticky header."""
    return page.evaluate(
        """(sel) => {
            const box = document.querySelector(sel).getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect();
            return box.top >= header.bottom - 1 && box.bottom <= window.innerHeight;
        }""",
        selector,
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    ("answer", "taps"),
    [
        ("what-to-do-in-an-overdose", ["a.rs-overdose__link"]),
        (
            "how-to-talk-without-blame",
            ["a.rs-path[href$='families/']", "article a[href$='#how-to-talk-without-blame']"],
        ),
        ("what-is-buprenorphine", ["ul.rs-common a[href$='#what-is-buprenorphine']"]),
    ],
)
def test_three_answers_are_two_taps_from_home(
    phone, starter_url: str, answer: str, taps: list[str]
) -> None:
    phone.goto(starter_url + "/")
    assert len(taps) <= 2
    for selector in taps:
        with phone.expect_navigation():
            phone.locator(selector).first.tap()
    phone.wait_for_load_state("load")
    heading = phone.locator(f"h2#{answer}")
    expect(heading).to_be_in_viewport()
    assert heading_fully_in_view(phone, f"h2#{answer}")
    assert phone.locator(f"details:has(h2#{answer})").get_attribute("open") is not None


@pytest.mark.browser
def test_an_anchored_address_opens_the_folded_answer(browser, starter_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(starter_url + "/faq/medications/#what-is-buprenorphine")
        target = page.locator("details:has(h2#what-is-buprenorphine)")
        expect(target).to_have_attribute("open", "")
        assert page.locator("details.rs-answer[open]").count() == 1
        assert heading_fully_in_view(page, "h2#what-is-buprenorphine")
        # a link on the same page (the question list) opens another answer
        page.locator("nav.rs-questions a[href='#what-is-methadone']").click()
        expect(page.locator("details:has(h2#what-is-methadone)")).to_have_attribute("open", "")
        # "Back to the questions" goes back to the list
        page.locator(
            "details:has(h2#what-is-methadone) a.rs-back, "
            "details:has(h2#what-is-methadone) .rs-back a"
        ).first.click()
        expect(page.locator("nav.rs-questions")).to_be_in_viewport()
    finally:
        page.close()


@pytest.mark.browser
def test_answers_unfold_by_keyboard_and_for_print(browser, starter_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(starter_url + "/faq/recovery-basics/")
        first = page.locator("details.rs-answer").first
        body = first.locator(":scope > p").first
        assert not body.is_visible()
        first.locator("summary").focus()
        page.keyboard.press("Enter")
        expect(first).to_have_attribute("open", "")
        assert body.is_visible()
        # printing shows every answer, even one still folded (CSS, no script needed)
        last = page.locator("details.rs-answer").last
        assert last.get_attribute("open") is None
        page.emulate_media(media="print")
        assert last.locator(":scope > p").first.is_visible()
    finally:
        page.close()


@pytest.mark.browser
def test_answers_readable_without_javascript(browser, starter_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(starter_url + "/faq/medications/")
        details = page.locator("details:has(h2#what-is-buprenorphine)")
        details.locator("summary").click()  # the browser unfolds it, no script
        expect(details).to_have_attribute("open", "")
        assert details.locator(":scope > p").first.is_visible()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/faq/overdose-and-naloxone/", "/get-help/"])
def test_crisis_bar_is_small_on_a_phone_and_every_action_one_tap(
    browser, starter_url: str, path: str
) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(starter_url + path)
        bar = page.locator(".md-banner")
        assert bar.bounding_box()["height"] <= 120
        for name in ("Call 988", "Text 988", "Get help now"):
            link = bar.get_by_role("link", name=name, exact=False).first
            expect(link).to_be_visible()
        emergency = bar.locator("a[href='tel:911']")
        expect(emergency).to_be_visible()
        assert "911" in emergency.inner_text()
    finally:
        page.close()


@pytest.mark.browser
def test_help_page_emergency_number_is_a_large_button(browser, starter_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(starter_url + "/get-help/")
        call = page.locator("article a.md-button[href='tel:911']")
        expect(call).to_be_visible()
        lifeline = page.locator("article a.md-button[href='tel:988']")
        assert call.bounding_box()["height"] >= lifeline.bounding_box()["height"]
    finally:
        page.close()


@pytest.mark.browser
def test_heading_permalinks_show_on_focus_only(browser, starter_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(starter_url + "/articles/understanding-relapse/")
        link = page.locator("article h2[id] > a.headerlink").first
        assert link.evaluate("el => getComputedStyle(el).opacity") == "0"
        link.focus()
        expect(link).to_have_css("opacity", "1")
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_axe_with_a_folded_and_an_unfolded_answer(browser, starter_url: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(starter_url + "/faq/overdose-and-naloxone/#what-to-do-in-an-overdose")
        expect(page.locator("details:has(h2#what-to-do-in-an-overdose)")).to_have_attribute(
            "open", ""
        )
        assert page.locator("details.rs-answer:not([open])").count() >= 1
        tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
        found = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
            for v in result.response["violations"]
        ]
        assert found == []
    finally:
        page.close()


@pytest.mark.browser
def test_home_search_box_finds_an_answer_and_opens_it(browser, starter_url: str) -> None:
    """Search still makes each answer its own result: from the home page's own
    search box, a result links to the answer's anchor, which opens it."""
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(starter_url + "/")
        page.locator("#rs-home-q").fill("buprenorphine")
        page.locator("form[data-rs-search-form] button[type=submit]").click()
        expect(page.locator("#rs-search")).to_have_attribute("open", "")
        answer = page.locator("#rs-search a[href*='#what-is-buprenorphine']").first
        answer.wait_for(timeout=15_000)
        answer.click()
        page.wait_for_url("**/faq/medications/#what-is-buprenorphine")
        expect(page.locator("details:has(h2#what-is-buprenorphine)")).to_have_attribute("open", "")
        assert heading_fully_in_view(page, "h2#what-is-buprenorphine")
    finally:
        page.close()
