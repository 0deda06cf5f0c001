"""Every medical content file is routed to a clinical reviewer by .github/CODEOWNERS.

CODEOWNERS covers medical content by folder, so a new topic is covered the day
it is added; this test fails the day a medical file lands somewhere no
clinical-review rule reaches (or a rule is narrowed to single files again).
"""

from __future__ import annotations

from pathlib import Path

import pathspec
from conftest import REPO, TOPIC_YML, write

from recovery_site.load import load_project

CLINICAL = "@your-org/clinical-reviewers"


def owners_of(codeowners: str, path: str) -> list[str]:
    """The owners GitHub requests for ``path``: the last matching line wins."""
    found: list[str] = []
    for line in codeowners.splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        spec = pathspec.PathSpec.from_lines("gitignore", [parts[0]])
        if spec.match_file(path):
            found = parts[1:]
    return found


def medical_files(root: Path) -> list[str]:
    project = load_project(root)
    files = [t.path for t in project.topics if t.topic.medical]
    files += [a.path for a in project.articles if a.meta.medical]
    return sorted(files)


def test_every_medical_file_has_a_clinical_reviewer() -> None:
    codeowners = (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8")
    files = medical_files(REPO)
    assert "content/faq/medications.yml" in files and "docs/get-help.md" in files
    uncovered = [f for f in files if CLINICAL not in owners_of(codeowners, f)]
    assert uncovered == [], f"add a clinical-review rule to .github/CODEOWNERS for {uncovered}"


def test_a_new_medical_topic_is_covered_without_editing_codeowners(tmp_path: Path) -> None:
    # A topic file that did not exist when CODEOWNERS was written.
    write(tmp_path, {"content/faq/brand-new-topic.yml": TOPIC_YML})
    (path,) = medical_files(tmp_path)
    codeowners = (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert CLINICAL in owners_of(codeowners, path)


def test_the_matcher_uses_the_last_matching_rule() -> None:
    rules = "/content/ @a\n/content/faq/x.yml @a @b\n"
    assert owners_of(rules, "content/faq/x.yml") == ["@a", "@b"]
    assert owners_of(rules, "content/faq/y.yml") == ["@a"]
    # the old file-by-file rules left a new topic without a clinical reviewer
    assert CLINICAL not in owners_of(
        "/content/ @e\n/content/faq/medications.yml @e " + CLINICAL + "\n",
        "content/faq/brand-new-topic.yml",
    )
