"""Issue #12, findings 6 and 9: content that passed `check` but broke or stalled the build,
or silently overwrote a page. Each is now an error at its line and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TOPIC_YML, story_md, write

from recovery_site import paths
from recovery_site.checks import limits, run_checks
from recovery_site.diagnostics import Diagnostic
from recovery_site.load import load_project
from recovery_site.render import ContentRefused, render_pages
from recovery_site.render.families import PAGE as FAMILIES_PAGE
from recovery_site.rules import RULES
from recovery_site.slugs import SLUG

TODAY = dt.date(2026, 11, 26)
TOPIC = "content/faq/meds.yml"
STORY = "content/stories/a-story.md"
BODY_LINE = 14  # story_md's body starts on this line


def diagnose(root: Path, files: dict[str, str]) -> list[Diagnostic]:
    write(root, files)
    return run_checks(load_project(root), today=TODAY)


def only(diagnostics: list[Diagnostic], code: str) -> list[Diagnostic]:
    found = [d for d in diagnostics if d.code == code]
    assert found, diagnostics
    assert all(d.severity == RULES[code].severity for d in found)
    return found


def story(body: str, **fields: str) -> dict[str, str]:
    return {TOPIC: TOPIC_YML, STORY: story_md(body=body, **fields)}


def answer(text: str) -> dict[str, str]:
    """The second answer replaced by ``text``: a YAML block whose text starts on line 20."""
    old = "answer: Yes, when prescribed. See [the first answer](#what-is-mat)."
    block = "answer: |\n" + "".join(f"      {line}\n" for line in text.split("\n"))
    return {TOPIC: TOPIC_YML.replace(old, block.rstrip("\n"))}


# --- finding 6: bounded Markdown -------------------------------------------------------


def test_a_run_of_brackets_is_an_error_at_its_first_bracket(tmp_path: Path) -> None:
    [d] = only(
        diagnose(tmp_path, story("Intro.\n\n" + "[" * 20_000 + "[a](b)\n")), "too-many-brackets"
    )
    assert (d.path, d.line, d.col) == (STORY, BODY_LINE + 2, 1)
    assert "20,000" not in d.message or "limit" in d.message


def test_unclosed_link_addresses_with_a_quote_are_counted(tmp_path: Path) -> None:
    # Balanced brackets and parentheses, yet each '(' is rescanned to the paragraph's end.
    body = '[a](x "y) ' * 3000 + "\n"
    [d] = only(diagnose(tmp_path, story(body)), "too-many-brackets")
    assert (d.line, d.col) == (BODY_LINE, 4)


def test_ordinary_links_and_brackets_pass(tmp_path: Path) -> None:
    body = "See [a](https://example.org/a_(b)) and [b](https://example.org/ 'title') [sic].\n" * 500
    assert [d for d in diagnose(tmp_path, story(body)) if d.code == "too-many-brackets"] == []


def test_a_list_nested_300_deep_is_an_error_not_a_recursion_error(tmp_path: Path) -> None:
    body = "".join("    " * i + "- x\n" for i in range(300))
    [d] = only(diagnose(tmp_path, story(body)), "too-deep")
    assert (d.line, d.col) == (BODY_LINE + limits.MAX_DEPTH, 4 * limits.MAX_DEPTH + 1)


def test_list_markers_on_one_line_count_as_nesting(tmp_path: Path) -> None:
    [d] = only(diagnose(tmp_path, answer("- " * 300 + "x")), "too-deep")
    assert (d.path, d.line, d.col) == (TOPIC, 20, 6 + 26 + 1)


@pytest.mark.parametrize(
    "body",
    [
        "> [r]: https://[::1/\n\nSee [x][r].\n",
        "!!! note\n    [r]: https://[::1/\n\nSee [x][r].\n",
        "- item\n\n    [r]: https://[::1/\n\nSee [x][r].\n",
        "> quoted\n> [r]: <https://[::1/>\n\nSee [x][r].\n",
    ],
)
def test_reference_definitions_inside_containers_are_read(tmp_path: Path, body: str) -> None:
    [d] = only(diagnose(tmp_path, story(body)), "bad-link")
    line = BODY_LINE + body[: body.index("https")].count("\n")
    assert (d.path, d.line) == (STORY, line)
    assert "https://[::1/" in d.message


def test_a_huge_answer_is_an_error_where_the_limit_is_reached(tmp_path: Path) -> None:
    [d] = only(diagnose(tmp_path, story("word " * 25_000)), "text-too-long")
    assert (d.line, d.col) == (BODY_LINE, limits.MAX_TEXT_CHARS + 1)


def test_an_unclosed_fence_is_an_error_at_the_fence(tmp_path: Path) -> None:
    [d] = only(diagnose(tmp_path, answer("Try this:\n\n```\nsome code")), "unclosed-fence")
    assert (d.path, d.line, d.col) == (TOPIC, 22, 7)


def test_closed_fences_pass(tmp_path: Path) -> None:
    body = "Code:\n\n```\n~~~\n```\n\n~~~~\n```\n~~~~\n"
    assert [d for d in diagnose(tmp_path, story(body)) if d.code == "unclosed-fence"] == []


def test_generated_pages_refuse_content_over_the_limits(tmp_path: Path) -> None:
    # The second lock: the plugin may render while the checks still run.
    write(tmp_path, story("[" * 5000))
    with pytest.raises(ContentRefused) as refused:
        render_pages(load_project(tmp_path))
    assert [d.code for d in refused.value.problems] == ["too-many-brackets"]


# --- finding 9: clashes and file names -------------------------------------------------


def test_a_story_named_topic_clashes_with_the_tag_index(tmp_path: Path) -> None:
    files = {
        "content/stories/topic.md": story_md(title="One"),
        "content/stories/other.md": story_md(title="Two").replace("[12-step]", "[index]"),
    }
    [d] = only(diagnose(tmp_path, files), "page-clash")
    assert (d.path, d.line) == ("content/stories/other.md", 4)
    assert "'index'" in d.message and "content/stories/topic.md" in d.message
    assert "stories/topic/index.html" in d.message


def test_a_hand_written_page_clashes_with_a_generated_topic(tmp_path: Path) -> None:
    files = {TOPIC: TOPIC_YML, "docs/faq/meds/index.md": "# Mine\n"}
    [d] = only(diagnose(tmp_path, files), "page-clash")
    assert d.path == TOPIC
    assert "docs/faq/meds/index.md" in d.message and "faq/meds/index.html" in d.message


def test_a_hand_written_stories_index_clashes(tmp_path: Path) -> None:
    [d] = only(diagnose(tmp_path, {"docs/stories/index.md": "# Mine\n"}), "page-clash")
    assert d.path == "docs/stories/index.md" and "stories index" in d.message


def test_long_tags_alike_in_their_first_60_characters_clash(tmp_path: Path) -> None:
    first, second = "a" * 60 + "-one", "a" * 60 + "-two"
    files = {
        "content/stories/one.md": story_md(title="One").replace("12-step", first),
        "content/stories/two.md": story_md(title="Two").replace("12-step", second),
    }
    [d] = only(diagnose(tmp_path, files), "page-clash")
    assert d.path == "content/stories/two.md"
    assert first in d.message and second in d.message


def test_slugs_match_to_the_very_end() -> None:
    assert SLUG.match("story") and not SLUG.match("story\n")


@pytest.mark.parametrize("name", ["story\n.md", "sto\try.md", "st\x1bory.md"])
def test_control_characters_in_file_names(tmp_path: Path, name: str) -> None:
    found = diagnose(tmp_path, {f"content/stories/{name}": story_md()})
    [d] = only(found, "bad-file-name")
    assert "\n" not in str(d) and "\t" not in str(d)


def test_control_characters_in_docs_file_names(tmp_path: Path) -> None:
    [d] = only(diagnose(tmp_path, {"docs/a\nb.md": "# A\n"}), "bad-file-name")
    assert d.path == "docs/a\\nb.md"


def test_families_page_path_is_the_one_checks_predict() -> None:
    assert FAMILIES_PAGE == paths.FAMILIES_PAGE


def test_output_pages() -> None:
    assert paths.output_page("stories/topic.md") == "stories/topic/index.html"
    assert paths.output_page("stories/topic/index.md") == "stories/topic/index.html"
    assert paths.output_page("index.md") == "index.html"
    assert paths.output_page("faq/README.md") == "faq/index.html"


def test_an_article_over_the_limits_blocks_no_generated_page(tmp_path: Path) -> None:
    # An article is reported by check_limits; only generated pages are gated by blocking().
    write(tmp_path, {"docs/a.md": "# A\n\n" + "[" * 3000 + "\n"})
    project = load_project(tmp_path)
    assert limits.blocking(project) == []  # no generated page carries it
    assert any(d.code == "too-many-brackets" for d in limits.check_limits(project, None))


def test_check_predicts_every_generated_page(tmp_path: Path) -> None:
    # A page added to render but not to checks/collisions would clash unseen.
    from conftest import fixture_files

    from recovery_site.checks.collisions import _sources, _tag_sources
    from recovery_site.render import page_recipes

    write(tmp_path, fixture_files())
    project = load_project(tmp_path)
    predicted = {uri for uri, _ in _sources(project)}
    predicted |= {uri for _, uri, _ in _tag_sources(project)}
    assert {r.src_uri for r in page_recipes(project, drafts=True)} <= predicted


def test_includes_are_measured_too(tmp_path: Path) -> None:
    # The snippets extension appends includes/*.md to every page.
    found = diagnose(
        tmp_path, {"includes/abbreviations.md": "".join("    " * i + "- x\n" for i in range(40))}
    )
    [d] = only(found, "too-deep")
    assert d.path == "includes/abbreviations.md"
