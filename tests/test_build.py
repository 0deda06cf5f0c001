"""Build fixture sites with MkDocs and check the generated HTML by parsing it."""

from __future__ import annotations

from pathlib import Path

from conftest import TOPIC_YML, Build, mkdocs_build, story_md, write
from selectolax.lexbor import LexborHTMLParser as HTMLParser


def page(site: Path, path: str) -> HTMLParser:
    return HTMLParser((site / path).read_text(encoding="utf-8"))


def article(tree: HTMLParser):
    node = tree.css_first("article.md-content__inner")
    assert node is not None
    return node


def test_topic_page_has_question_anchors_sources_and_review_date(built_fixture: Build) -> None:
    body = article(page(built_fixture.site, "faq/meds/index.html"))
    assert [h.attributes["id"] for h in body.css("h2")] == ["what-is-mat", "is-it-safe"]
    hrefs = [a.attributes.get("href") for a in body.css("li a")]
    assert "https://www.samhsa.gov/substance-use/treatment/options" in hrefs
    assert "Last updated 15 October 2026" in body.text()
    # related link between questions, resolved by MkDocs
    assert "#is-it-safe" in [a.attributes.get("href") for a in body.css("p a")]


def test_faq_index_lists_topics_with_counts(built_fixture: Build) -> None:
    body = article(page(built_fixture.site, "faq/index.html"))
    (item,) = body.css("li")
    assert item.css_first("a").attributes["href"] == "meds/"
    assert "(2 questions)" in item.text()
    assert "Answers about medication treatment." in item.text()


def test_stories_index_lists_published_newest_first_and_not_drafts(built_fixture: Build) -> None:
    body = article(page(built_fixture.site, "stories/index.html"))
    filters = {a.text() for a in body.css("nav.rs-filter a")}  # topic filters, a list too
    titles = [li.css_first("a").text() for li in body.css("li")]
    assert [t for t in titles if t not in filters] == ["Newer story", "Older story"]
    assert not (built_fixture.site / "stories/not-yet/index.html").exists()
    for path in built_fixture.site.rglob("*.html"):
        assert "Draft story" not in path.read_text(encoding="utf-8"), path
    assert (built_fixture.site / "pagefind/pagefind.js").is_file()  # the search index


def test_story_warning_comes_before_the_body(built_fixture: Build) -> None:
    body = article(page(built_fixture.site, "stories/newer/index.html"))
    nodes = body.css("div, p, details")
    warning_at = next(
        i for i, n in enumerate(nodes) if "warning" in (n.attributes.get("class") or "")
    )
    body_at = next(i for i, n in enumerate(nodes) if n.tag == "p" and "WARNING-MARKER" in n.text())
    assert warning_at < body_at
    assert "Content warning: overdose" in nodes[warning_at].text()
    assert "Composite story, written by our editorial team" in body.text()
    assert "Shared by" not in body.text()


def test_crisis_bar_on_every_page(built_fixture: Build) -> None:
    pages = sorted(built_fixture.site.rglob("*.html"))
    assert len(pages) >= 6
    for path in pages:
        bar = HTMLParser(path.read_text(encoding="utf-8")).css_first(".md-banner .rs-crisis")
        assert bar is not None, path
        hrefs = [a.attributes["href"] for a in bar.css("a")]
        assert hrefs == ["tel:988", "sms:988"], path


def test_generated_story_and_topic_pages_are_not_in_the_nav(built_fixture: Build) -> None:
    tree = page(built_fixture.site, "index.html")
    nav_links = [a.attributes.get("href", "") for a in tree.css("nav.md-nav--primary a")]
    assert any(h.startswith("faq/") for h in nav_links)
    assert not any("older" in h or "newer" in h or "meds" in h for h in nav_links)


def test_unknown_field_fails_the_build_with_a_diagnostic(fixture_site: Path) -> None:
    path = fixture_site / "content/faq/meds.yml"
    path.write_text(TOPIC_YML.replace("medical: true\n", "medical: true\nreviwed: 2026-01-01\n"))
    for strict in (True, False):
        extra = () if strict else ("--no-strict",)
        result = mkdocs_build(fixture_site, *extra)
        assert result.returncode == 1, result.output
        assert (
            "content/faq/meds.yml:5:1: error: [unknown-field] unknown field 'reviwed' "
            "(did you mean 'reviewed'?)" in result.output
        )
        assert "Traceback" not in result.output


def test_broken_anchor_in_an_answer_fails_a_strict_build(fixture_site: Path) -> None:
    path = fixture_site / "content/faq/meds.yml"
    path.write_text(TOPIC_YML.replace("(#what-is-mat)", "(#no-such-question)"))
    result = mkdocs_build(fixture_site)
    assert result.returncode == 1
    assert "no-such-question" in result.output
    # Issue #13: said at the answer's line in the content file, never the generated page.
    assert "content/faq/meds.yml:19:" in result.output and "[anchor-not-found]" in result.output
    assert "Doc file 'faq/meds.md'" not in result.output


def test_drafts_option_previews_drafts_with_a_banner(fixture_site: Path) -> None:
    result = mkdocs_build(fixture_site, env={"RECOVERY_SITE_DRAFTS": "1"})
    assert result.returncode == 0, result.output
    body = article(page(result.site, "stories/not-yet/index.html"))
    assert "Draft: not published" in body.text()


def test_a_hand_written_page_cannot_clash_with_a_generated_one(fixture_site: Path) -> None:
    write(fixture_site, {"docs/faq/index.md": "# My own FAQ\n"})
    result = mkdocs_build(fixture_site)
    assert result.returncode == 1
    assert "docs/faq/index.md clashes with a page generated from content/" in result.output


def test_story_lists_are_cut_into_pages_that_link_to_each_other(fixture_site: Path) -> None:
    config = fixture_site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - recovery\n", "  - recovery:\n      stories_per_page: 2\n"
        ),
        encoding="utf-8",
    )
    stories = {
        f"content/stories/extra-{n}.md": story_md(
            title=f"Extra story {n}", published=f"2025-0{n}-01"
        )
        for n in range(1, 4)
    }
    write(fixture_site, stories)  # 5 published stories, all tagged 12-step: 3 pages
    build = mkdocs_build(fixture_site)  # --strict: every list and pager link must resolve
    assert build.returncode == 0, build.output

    listed: list[str] = []
    for path in ("stories/index.html", "stories/page/2/index.html", "stories/page/3/index.html"):
        tree = page(build.site, path)
        titles = [a.text(strip=True) for a in article(tree).css("li strong a")]
        assert 1 <= len(titles) <= 2
        listed += titles
        pager = tree.css_first("nav.rs-pager")
        assert pager is not None and "of 3" in pager.text()
    assert listed == [
        "Newer story",
        "Older story",
        "Extra story 3",
        "Extra story 2",
        "Extra story 1",
    ]  # newest first, each once
    first = page(build.site, "stories/index.html").css_first("nav.rs-pager")
    assert [a.text() for a in first.css("a")] == ["Older stories"]
    last = page(build.site, "stories/page/3/index.html").css_first("nav.rs-pager")
    assert [a.text() for a in last.css("a")] == ["Newer stories"]
    # A topic's list is paged the same way.
    assert (build.site / "stories/topic/12-step/page/3/index.html").is_file()
    assert page(build.site, "stories/topic/12-step/index.html").css_first("nav.rs-pager")
