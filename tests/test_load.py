"""The loader turns every kind of bad content into a diagnostic with a position."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TOPIC_YML, story_md

from recovery_site.diagnostics import Diagnostic
from recovery_site.load import load_project, load_story, load_topic, split_front_matter


def topic_diagnostics(tmp_path: Path, text: str | bytes) -> list[Diagnostic]:
    path = tmp_path / "content" / "faq" / "meds.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    _doc, problems = load_topic(path, tmp_path)
    return problems


def story_diagnostics(tmp_path: Path, text: str) -> list[Diagnostic]:
    path = tmp_path / "content" / "stories" / "a-story.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _doc, problems = load_story(path, tmp_path)
    return problems


def only(problems: list[Diagnostic]) -> Diagnostic:
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_topic_loads_with_no_diagnostics(tmp_path: Path) -> None:
    path = tmp_path / "content/faq/meds.yml"
    path.parent.mkdir(parents=True)
    path.write_text(TOPIC_YML, encoding="utf-8")
    doc, problems = load_topic(path, tmp_path)
    assert problems == []
    assert doc is not None
    assert doc.slug == "meds"
    assert [q.id for q in doc.topic.questions] == ["what-is-mat", "is-it-safe"]


def test_unknown_field_points_at_the_key_and_suggests_a_fix(tmp_path: Path) -> None:
    text = TOPIC_YML.replace(
        "review_every_months: 12\n", "review_every_months: 12\nreviwed: 2026-01-01\n"
    )
    d = only(topic_diagnostics(tmp_path, text))
    assert (d.path, d.line, d.col, d.code) == ("content/faq/meds.yml", 7, 1, "unknown-field")
    assert "'reviwed'" in d.message
    assert "did you mean 'reviewed'?" in d.message
    assert str(d).startswith("content/faq/meds.yml:7:1: error: [unknown-field] ")


def test_unknown_field_in_a_nested_source_suggests_from_the_right_model(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("        publisher: SAMHSA\n", "        publsher: SAMHSA\n")
    problems = topic_diagnostics(tmp_path, text)
    unknown = [d for d in problems if d.code == "unknown-field"]
    assert len(unknown) == 1
    assert (unknown[0].line, unknown[0].col) == (14, 9)
    assert "did you mean 'publisher'?" in unknown[0].message
    missing = [d for d in problems if d.code == "missing-field"]
    assert [d.message for d in missing] == [
        "missing required field 'publisher' in questions[0].sources[0]"
    ]


def test_invalid_yaml_reports_the_parser_position(tmp_path: Path) -> None:
    text = "title: Medications\ndescription: [unclosed\nupdated: 2026-10-15\n"
    d = only(topic_diagnostics(tmp_path, text))
    assert d.code == "yaml-syntax"
    assert d.path == "content/faq/meds.yml"
    assert d.line == 3
    assert d.message.startswith("invalid YAML:")


def test_wrong_type_points_at_the_value(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("medical: true", "medical: [yes, please]")
    d = only(topic_diagnostics(tmp_path, text))
    assert (d.code, d.line, d.col) == ("wrong-type", 4, 10)
    assert "'medical'" in d.message


def test_missing_required_field_points_at_its_parent(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("    question: Is it safe?\n", "")
    d = only(topic_diagnostics(tmp_path, text))
    assert d.code == "missing-field"
    assert d.line == 17  # the "- id: is-it-safe" item that lacks it
    assert "'question'" in d.message


def test_bad_date_names_the_field_and_format(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("updated: 2026-10-15", "updated: 2026-13-45")
    d = only(topic_diagnostics(tmp_path, text))
    assert (d.code, d.line, d.col) == ("bad-date", 5, 10)
    assert "YYYY-MM-DD" in d.message


def test_bad_date_as_free_text(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("updated: 2026-10-15", "updated: last Tuesday")
    d = only(topic_diagnostics(tmp_path, text))
    assert (d.code, d.line) == ("bad-date", 5)


def test_invalid_enum_value(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("audience: [public, families]", "audience: [public, parents]")
    d = only(topic_diagnostics(tmp_path, text))
    assert (d.code, d.line) == ("invalid-value", 3)
    assert "'audience[1]'" in d.message


def test_duplicate_key_in_one_mapping(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("medical: true\n", "medical: true\nmedical: false\n")
    d = only(topic_diagnostics(tmp_path, text))
    assert (d.code, d.line, d.col) == ("duplicate-key", 5, 1)
    assert "first on line 4" in d.message


def test_empty_file_is_not_a_mapping(tmp_path: Path) -> None:
    d = only(topic_diagnostics(tmp_path, ""))
    assert (d.code, d.line) == ("not-a-mapping", 1)


def test_list_at_top_level_is_not_a_mapping(tmp_path: Path) -> None:
    d = only(topic_diagnostics(tmp_path, "- one\n- two\n"))
    assert d.code == "not-a-mapping"
    assert "list" in d.message


def test_non_utf8_file_reports_the_byte_position(tmp_path: Path) -> None:
    d = only(topic_diagnostics(tmp_path, b"title: ok\ndescription: caf\xe9\n"))
    assert (d.code, d.line, d.col) == ("not-utf8", 2, 17)


def test_python_tags_are_refused(tmp_path: Path) -> None:
    problems = topic_diagnostics(tmp_path, "title: !!python/object:os.system ls\n")
    assert "yaml-tag" in {d.code for d in problems}


def test_story_front_matter_lines_are_file_lines(tmp_path: Path) -> None:
    text = story_md().replace("author: Sam R.\n", "author: Sam R.\nauthr: oops\n")
    d = only(story_diagnostics(tmp_path, text))
    assert (d.path, d.line, d.col, d.code) == ("content/stories/a-story.md", 4, 1, "unknown-field")
    assert "did you mean 'author'?" in d.message


def test_story_yaml_error_line_is_a_file_line(tmp_path: Path) -> None:
    text = story_md().replace("topics: [12-step]", "topics: [12-step")
    d = only(story_diagnostics(tmp_path, text))
    assert d.code == "yaml-syntax"
    assert d.line == 5  # the parser notices on the next line of the file


def test_story_without_front_matter(tmp_path: Path) -> None:
    d = only(story_diagnostics(tmp_path, "Just a body.\n"))
    assert (d.code, d.line) == ("no-front-matter", 1)


def test_story_bad_status(tmp_path: Path) -> None:
    d = only(story_diagnostics(tmp_path, story_md(status="live")))
    assert (d.code, d.line) == ("invalid-value", 6)


def test_story_body_and_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_text(story_md(body="First line.\n"), encoding="utf-8")
    doc, problems = load_story(path, tmp_path)
    assert problems == []
    assert doc is not None
    assert doc.body == "First line.\n"
    assert path.read_text().splitlines()[doc.body_line - 1] == "First line."


@pytest.mark.parametrize(
    ("text", "front", "body_line"),
    [
        ("---\na: 1\n---\nbody\n", "a: 1\n", 4),
        ("---\n---\nbody\n", "", 3),
        ("no front matter\n", None, 1),
        ("---\r\na: 1\r\n---\r\nbody\r\n", "a: 1\r\n", 4),
    ],
)
def test_split_front_matter(text: str, front: str | None, body_line: int) -> None:
    got_front, _body, got_line = split_front_matter(text)
    assert (got_front, got_line) == (front, body_line)


def test_project_warns_about_files_it_would_skip(tmp_path: Path) -> None:
    (tmp_path / "content/faq").mkdir(parents=True)
    (tmp_path / "content/faq/meds.yaml").write_text(TOPIC_YML, encoding="utf-8")
    project = load_project(tmp_path)
    d = only(project.diagnostics)
    assert (d.code, d.path, d.severity) == ("ignored-file", "content/faq/meds.yaml", "warning")
    assert "rename it to 'meds.yml'" in d.message


def test_article_front_matter_is_validated(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/page.md").write_text(
        "---\ntitle: A page\nreviewd: 2026-01-01\n---\n# A page\n", encoding="utf-8"
    )
    project = load_project(tmp_path)
    d = only(project.diagnostics)
    assert (d.code, d.path, d.line) == ("unknown-field", "docs/page.md", 3)
    assert "did you mean 'reviewed'?" in d.message


def test_article_without_front_matter_is_fine(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/page.md").write_text("# Just a page\n", encoding="utf-8")
    project = load_project(tmp_path)
    assert project.diagnostics == []
    assert [a.src_uri for a in project.articles] == ["page.md"]


def test_a_list_as_a_key_is_refused(tmp_path: Path) -> None:
    d = only(topic_diagnostics(tmp_path, TOPIC_YML + "? [a, b]\n: c\n"))
    assert (d.code, d.line) == ("bad-key", 24)


def test_oversized_file_is_refused_quickly(tmp_path: Path) -> None:
    d = only(topic_diagnostics(tmp_path, "title: " + "x" * 1_100_000 + "\n"))
    assert (d.code, d.path, d.line) == ("file-too-large", "content/faq/meds.yml", 1)


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "content/faq/odd.yml").mkdir(parents=True)  # a folder named like a topic
    d = only(load_project(tmp_path).diagnostics)
    assert (d.code, d.path) == ("unreadable", "content/faq/odd.yml")
