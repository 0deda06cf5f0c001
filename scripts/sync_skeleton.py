#!/usr/bin/env python3
"""Copy this repository's shared site files into the package's `init` skeleton.

One source of truth: the templates (overrides/), stylesheet, scripts, style
data, country profiles and schemas of a new site are this repository's own
files. `recovery-site init` copies them from the package
(src/recovery_site/skeleton/); tests/test_skeleton.py fails when a copy there
differs from the file here, and this script brings the copies back in step:

    python scripts/sync_skeleton.py

Files written for new sites only (mkdocs.yml, README.md, scripts/, the example
FAQ topic and story, .github/workflows/) live in the skeleton itself.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKELETON = ROOT / "src" / "recovery_site" / "skeleton"

#: Globs (from the repository root) copied byte for byte.
SHARED = (
    "overrides/**/*.html",
    "docs/stylesheets/site.css",
    "docs/javascripts/*.js",
    "docs/index.md",
    "docs/about/*.md",
    "content/style/*.yml",
    "content/locales/*.yml",
    "content/reviewers.yml",
    "includes/abbreviations.md",
    "schemas/*.json",
    "mkdocs.offline.yml",
    ".gitignore",
    ".github/CODEOWNERS",
    ".github/dependabot.yml",
    ".github/pull_request_template.md",
    ".github/ISSUE_TEMPLATE/*.yml",
    ".github/PULL_REQUEST_TEMPLATE/*.md",
)

#: Links to pages a new site does not have yet (the reference site's FAQ and articles).
_MISSING_PAGE = re.compile(r"\[([^\]]+)\]\((?:faq|articles)/[^)]*\)")


def _get_help(text: str) -> str:
    """The help page with links to the reference site's own FAQ and articles as plain text."""
    text = _MISSING_PAGE.sub(r"\1", text)
    return re.sub(r"\nMore answers: .*?\n(?=\n|\Z)", "\n", text, flags=re.S)


#: Files copied with a change: path -> function of the repository's text.
TRANSFORMED = {"docs/get-help.md": _get_help}


def expected() -> dict[str, bytes]:
    """Skeleton path -> the bytes it must hold, from this repository's files."""
    files: dict[str, bytes] = {}
    for pattern in SHARED:
        matches = sorted(p for p in ROOT.glob(pattern) if p.is_file())
        if not matches:
            raise SystemExit(f"sync_skeleton: nothing matches {pattern}")
        for path in matches:
            files[path.relative_to(ROOT).as_posix()] = path.read_bytes()
    for rel, change in TRANSFORMED.items():
        text = (ROOT / rel).read_text(encoding="utf-8")
        files[rel] = change(text).encode("utf-8")
    return files


def main() -> int:
    for rel, data in expected().items():
        target = SKELETON / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"updated {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
