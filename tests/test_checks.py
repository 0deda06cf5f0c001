"""Cross-record checks: ids, slugs and related links."""

from __future__ import annotations

from pathlib import Path

from conftest import TOPIC_YML, story_md, write

from recovery_site.checks import run_checks
from recovery_site.diagnostics import Severity
from recovery_site.load import load_project


def codes_at(root: Path) -> list[tuple[str, str, int]]:
    """Errors and warnings (notes, such as 'awaiting clinical review', left out)."""
    return [
        (d.code, d.path, d.line)
        for d in run_checks(load_project(root))
        if d.severity is not Severity.NOTE
    ]


def test_valid_project_has_no_diagnostics(tmp_path: Path) -> None:
    write(tmp_path, {"content/faq/meds.yml": TOPIC_YML, "content/stories/a.md": story_md()})
    assert codes_at(tmp_path) == []


def test_duplicate_question_id_points_at_the_second(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("- id: is-it-safe", "- id: what-is-mat").replace(
        "related: [meds/is-it-safe]", "related: []"
    )
    write(tmp_path, {"content/faq/meds.yml": text})
    assert codes_at(tmp_path) == [("duplicate-id", "content/faq/meds.yml", 17)]
    (duplicate,) = [d for d in run_checks(load_project(tmp_path)) if d.code == "duplicate-id"]
    assert "already used on line 8" in duplicate.message


def test_question_id_must_be_a_slug(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"content/faq/meds.yml": TOPIC_YML.replace("- id: is-it-safe", "- id: Is It Safe")},
    )
    assert ("bad-id", "content/faq/meds.yml", 17) in codes_at(tmp_path)


def test_related_must_exist(tmp_path: Path) -> None:
    write(tmp_path, {"content/faq/meds.yml": TOPIC_YML.replace("meds/is-it-safe", "meds/nope")})
    assert codes_at(tmp_path) == [("unknown-related", "content/faq/meds.yml", 16)]


def test_file_names_must_be_slugs(tmp_path: Path) -> None:
    write(tmp_path, {"content/stories/My Story.md": story_md()})
    assert codes_at(tmp_path) == [("bad-slug", "content/stories/My Story.md", 1)]
