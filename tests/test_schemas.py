"""JSON Schemas for editors' IDEs match the models and are referenced by content files."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import REPO

from recovery_site.cli import main
from recovery_site.schemas import schema_files, stale_schemas


def test_committed_schemas_are_up_to_date() -> None:
    assert stale_schemas(REPO / "schemas") == [], "run: recovery-site schemas"


def test_stale_schema_is_detected(tmp_path: Path) -> None:
    main(["schemas", "--out", str(tmp_path)])
    assert stale_schemas(tmp_path) == []
    (tmp_path / "story.schema.json").write_text("{}", encoding="utf-8")
    assert stale_schemas(tmp_path) == ["story.schema.json"]
    assert main(["schemas", "--out", str(tmp_path), "--check"]) == 1


def test_schema_forbids_unknown_fields_like_the_loader() -> None:
    topic = json.loads(schema_files()["faq-topic.schema.json"])
    assert topic["additionalProperties"] is False
    assert {"medical", "updated"} <= set(topic["required"])  # decided, not defaulted
    assert "reviewed" not in topic["required"]  # a clinical review is recorded when it happens
    story = json.loads(schema_files()["story.schema.json"])
    assert "basis" in story["required"] and "illustrative" not in story["properties"]


def test_content_files_reference_existing_schemas() -> None:
    files = [*REPO.glob("content/faq/*.yml"), *REPO.glob("content/style/*.yml")]
    for path in [*files, REPO / "content/reviewers.yml"]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.match(r"# yaml-language-server: \$schema=(\S+)$", first)
        assert match, f"{path} does not start with a $schema line"
        assert (path.parent / match.group(1)).resolve().is_file(), path
