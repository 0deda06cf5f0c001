"""Renderers are pure: records in, Markdown out (no MkDocs needed)."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path

import markdown
from conftest import TOPIC_YML, fixture_files, write
from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site import render
from recovery_site.load import load_project
from recovery_site.model import Reviewer
from recovery_site.render.markdown import relative

#: A test double for content/reviewers.yml (never a real or invented person on a site).
TEST_REVIEWER = Reviewer(
    id="x", name="Test Reviewer", credentials="MD (test fixture)", role="Clinical reviewer"
)


def project(tmp_path: Path):
    write(tmp_path, fixture_files())
    return load_project(tmp_path)


def to_html(text: str) -> HTMLParser:
    body = text.split("---\n", 2)[2]  # drop the page front matter
    return HTMLParser(markdown.markdown(body, extensions=list(render.REQUIRED_EXTENSIONS)))


def test_render_layer_does_not_import_mkdocs() -> None:
    source = Path(render.__file__).read_text(encoding="utf-8")
    assert "mkdocs" not in source.replace("MkDocs", "")


def test_pages_and_drafts(tmp_path: Path) -> None:
    proj = project(tmp_path)
    uris = {p.src_uri for p in render.render_pages(proj)}
    assert uris == {
        "faq/index.md",
        "faq/meds.md",
        "stories/index.md",
        "stories/older.md",
        "stories/newer.md",
        "stories/topic/12-step.md",
        "families/index.md",
    }
    with_drafts = {p.src_uri for p in render.render_pages(proj, drafts=True)}
    assert with_drafts == uris | {"stories/not-yet.md"}


def test_only_section_indexes_are_in_the_nav(tmp_path: Path) -> None:
    pages = render.render_pages(project(tmp_path))
    assert {p.src_uri for p in pages if p.in_nav} == {
        "faq/index.md",
        "stories/index.md",
        "families/index.md",
    }


def test_topic_page_headings_anchors_sources_related(tmp_path: Path) -> None:
    proj = project(tmp_path)
    (doc,) = proj.topics
    tree = to_html(render.render_topic(doc, {("meds", "is-it-safe"): "Is it safe?"}))
    assert [(h.attributes["id"], h.text()) for h in tree.css("h2")] == [
        ("what-is-mat", "What is medication treatment?"),
        ("is-it-safe", "Is it safe?"),
    ]
    links = {a.attributes["href"]: a.text() for a in tree.css("a")}
    assert links["https://www.samhsa.gov/substance-use/treatment/options"] == (
        "Medications for Substance Use Disorders"
    )
    assert links["#is-it-safe"] == "Is it safe?"
    assert "Last updated 15 October 2026" in tree.body.text()


def test_markdown_in_a_question_is_text_not_markup(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("question: Is it safe?", "question: 'Is *it* {safe} [x](y)?'")
    write(tmp_path, {"content/faq/meds.yml": text})
    (doc,) = load_project(tmp_path).topics
    tree = to_html(render.render_topic(doc, {}))
    h2 = tree.css("h2")[1]
    assert h2.attributes["id"] == "is-it-safe"
    assert h2.text() == "Is *it* {safe} [x](y)?"


def test_story_index_newest_first_with_details(tmp_path: Path) -> None:
    proj = project(tmp_path)
    published = [s for s in proj.stories if s.story.status == "published"]
    tree = to_html(render.render_story_index(published))
    items = tree.css("body > ul > li")  # the stories, not the topic filters in nav.rs-filter
    assert [li.css_first("a").text() for li in items] == ["Newer story", "Older story"]
    assert "Content warning: overdose" in items[0].text()
    assert "Composite story, written by our editorial team" in items[0].text()
    assert "Shared by Sam R." in items[1].text()
    assert "Shared by" not in items[0].text()


def test_story_labels_and_warning_come_before_the_body(tmp_path: Path) -> None:
    proj = project(tmp_path)
    (newer,) = [s for s in proj.stories if s.slug == "newer"]
    tree = to_html(render.render_story(newer))
    blocks = [n for n in tree.body.iter() if n.tag in ("div", "p", "details")]
    classes = [n.attributes.get("class", "") for n in blocks]
    warning_at = next(i for i, c in enumerate(classes) if "warning" in c)
    # a <details> open by default: readers can fold the notice away
    assert blocks[warning_at].tag == "details"
    assert "open" in blocks[warning_at].attributes
    body_at = next(i for i, n in enumerate(blocks) if "WARNING-MARKER" in n.text())
    assert warning_at < body_at
    assert any("info" in c for c in classes[:body_at])  # the composite label
    assert "Composite story, written by our editorial team" in tree.body.text()
    assert "Shared by" not in tree.body.text()


def test_draft_preview_is_marked(tmp_path: Path) -> None:
    (draft,) = [s for s in project(tmp_path).stories if s.slug == "not-yet"]
    tree = to_html(render.render_story(draft))
    assert "Draft: not published" in tree.body.text()


def test_human_date() -> None:
    assert render.human_date(dt.date(2026, 10, 1)) == "1 October 2026"


@given(
    st.lists(st.sampled_from(["faq", "stories", "topic", "a"]), max_size=3),
    st.lists(st.sampled_from(["faq", "stories", "topic", "b"]), max_size=3),
    st.sampled_from(["index.md", "x.md"]),
    st.sampled_from(["index.md", "y.md"]),
)
def test_relative_links_equal_posixpath_relpath(
    target_dirs: list[str], source_dirs: list[str], target_name: str, source_name: str
) -> None:
    target = "/".join([*target_dirs, target_name])
    source = "/".join([*source_dirs, source_name])
    expected = posixpath.relpath(target, posixpath.dirname(source) or ".")
    assert relative(target, source) == expected


def test_a_review_date_at_the_end_of_the_calendar_does_not_crash_the_footer() -> None:
    from recovery_site.model import ArticleMeta

    meta = ArticleMeta.model_validate(
        {"title": "T", "reviewed": "9999-12-15", "reviewed_by": ["x"], "updated": "9999-12-01"}
    )
    reviewers = {"x": TEST_REVIEWER}
    assert "Next clinical review due 31 December 9999" in render.render_article_footer(
        meta, "", reviewers
    )
    assert "Last updated 15 December 9999" in render.render_article_footer(meta, "", reviewers)


def test_admonition_markers_stay_out_of_structured_data() -> None:
    from recovery_site.render.markdown import plain_text

    text = plain_text('Intro.\n\n!!! warning "Safety"\n    Keep it locked away.\n')
    assert "!!!" not in text and "warning" not in text
    assert "Keep it locked away." in text
