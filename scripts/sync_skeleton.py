#!/usr/bin/env python3
"""Copy this repository's shared site files into the package's `init` skeleton.

One source of truth: the templates (overrides/), stylesheet, scripts, style
data, country profiles and schemas of a new site are this repository's own
files. The skeleton (src/recovery_site/skeleton/) holds links to them, which
the wheel and `recovery-site init` resolve into copies; only the files a new
site gets changed are written here. tests/test_skeleton.py fails when the
skeleton differs from the repository, and this script brings it back in step:

    python scripts/sync_skeleton.py

Files written for new sites only (mkdocs.yml, README.md, scripts/, the example
FAQ topic and story, .github/workflows/) live in the skeleton itself.
"""

from __future__ import annotations

import os
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
    "docs/editors/content-checks.md",
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
_MISSING_PAGE = re.compile(r"\[([^\]]+)\]\((?:faq/(?!overdose-and-naloxone\.md)|articles/)[^)]*\)")


def _get_help(text: str) -> str:
    """The help page with links to the reference site's own FAQ and articles as plain text."""
    text = _MISSING_PAGE.sub(r"\1", text)
    return re.sub(r"\nMore answers: .*?\n(?=\n|\Z)", "\n", text, flags=re.S)


#: The example FAQ topic's questions: what every site's help page and home page link to.
EXAMPLE_QUESTIONS = ("signs-of-an-opioid-overdose", "what-to-do-in-an-overdose", "what-is-naloxone")
EXAMPLE_TOPIC = "overdose-and-naloxone"

_EXAMPLE_HEADER = """\
# An FAQ topic, the example of a new site: one file per topic, built into
# /faq/overdose-and-naloxone/ with each question anchored at its id
# (/faq/overdose-and-naloxone/#what-to-do-in-an-overdose; the home page and
# "Get help now" link there). These answers are the reference site's, each
# with the sources that say it; keep them, or change them with a clinician.
# Add a question: recovery-site new-faq overdose-and-naloxone "Your question?"
# Add a topic:    recovery-site new-topic "Topic title"
# `recovery-site check` names every missing or wrong field at its line.
#
# Fields: title and description (shown in lists and search results); audience
# (public, families, in-recovery); topics (lowercase tags that link related
# pages); medical (health content needs sources and clinical review);
# updated (the date an editor last checked every answer); review_every_months.
# Each question: id (the anchor), question, answer (plain Markdown, reading
# grade 8 or lower; %%emergency%% and other placeholders come from the country
# profile), sources (title, publisher, url), related (topic/question-id).
"""


def _example_topic(text: str) -> str:
    """The reference site's overdose topic cut to its first-aid questions, with comments."""
    head, _, body = text.partition("questions:\n")
    blocks = body.split("\n  - id: ")
    kept = []
    for block in blocks:
        block = block if block.startswith("  - id: ") else "  - id: " + block
        qid = block.split("\n", 1)[0].removeprefix("  - id: ").strip()
        if qid not in EXAMPLE_QUESTIONS:
            continue
        lines = []
        for line in block.rstrip("\n").split("\n"):
            if line.startswith("    related: ["):
                items = [i.strip() for i in line.strip()[len("related: [") : -1].split(",")]
                keep = [i for i in items if i.split("/")[-1] in EXAMPLE_QUESTIONS]
                if not keep:
                    continue
                line = "    related: [" + ", ".join(keep) + "]"
            lines.append(line)
        kept.append("\n".join(lines))
    schema, _, rest = head.partition("\n")
    return schema + "\n" + _EXAMPLE_HEADER + rest + "questions:\n" + "\n\n".join(kept) + "\n"


def _topics(text: str) -> str:
    """Topic labels without featured answers a new site does not have."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == "featured:":
            items = []
            i += 1
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                items.append(lines[i])
                i += 1
            keep = [x for x in items if x.split("/")[-1].strip() in EXAMPLE_QUESTIONS]
            if keep:
                out += [line, *keep]
            else:
                while out and out[-1].lstrip().startswith("#"):
                    out.pop()  # the comment about the list goes with it
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


#: Files copied with a change: path -> function of the repository's text.
TRANSFORMED = {
    "content/style/topics.yml": _topics,
    "docs/get-help.md": _get_help,
    f"content/faq/{EXAMPLE_TOPIC}.yml": _example_topic,
    # git reads every .gitignore without following links: this one stays a copy.
    ".gitignore": str,
}


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
    """Shared files become links to this repository's own; changed copies are written.

    A link, not a copy, so that nothing is stored twice: the wheel and `init`
    read through it (setuptools and `init` copy the file the link names).
    """
    for rel, data in expected().items():
        target = SKELETON / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel in TRANSFORMED:
            if target.is_symlink() or not target.is_file() or target.read_bytes() != data:
                target.unlink(missing_ok=True)
                target.write_bytes(data)
                print(f"updated {target.relative_to(ROOT)}")
            continue
        link = os.path.relpath(ROOT / rel, target.parent)
        if target.is_symlink() and os.readlink(target) == link:
            continue
        target.unlink(missing_ok=True)
        target.symlink_to(link)
        print(f"linked {target.relative_to(ROOT)} -> {link}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
