"""Upgrades that do not break sites: a site in the old content format is told what changed.

Each content-format change names the old field and the new one at its line
(CHANGELOG.md, "Deprecated and migrated"). Checked on a site made by
`recovery-site init`, as a site that upgrades the package would be.
"""

from __future__ import annotations

from pathlib import Path

from recovery_site.checks import run_checks
from recovery_site.init_site import init_site
from recovery_site.load import load_project

OLD_STORY = """\
---
title: An old story
illustrative: true
topics: [community]
content_warnings: []
status: draft
published: 2026-12-01
summary: A story in the 0.1 format.
---
A story written before basis replaced illustrative.
"""


def test_old_fields_get_migration_messages_naming_the_new_field(tmp_path: Path) -> None:
    init_site(tmp_path)
    (tmp_path / "content/stories/old.md").write_text(OLD_STORY, encoding="utf-8")
    about = tmp_path / "docs/about/index.md"
    text = about.read_text(encoding="utf-8")
    # 0.1 used `reviewed:` for any editorial check; 0.2 calls that `updated:`.
    about.write_text(text.replace("\nupdated:", "\nreviewed:", 1), encoding="utf-8")
    found = {(d.path, d.code): str(d) for d in run_checks(load_project(tmp_path))}
    story = found[("content/stories/old.md", "replaced-field")]
    assert "'illustrative' is replaced by 'basis'" in story and "basis: composite" in story
    assert ":3:" in story  # at the old field's line
    review = found[("docs/about/index.md", "incomplete-review")]
    assert "'reviewed_by'" in review and "'updated:'" in review
