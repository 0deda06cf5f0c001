"""Issue #13, item 1: `recovery-site check` predicts the strict build.

Exit 1 on errors and warnings (the strict build fails on both), time never
blocks (review-due is a note), and links written in answers, stories (drafts
too) and articles are checked at their content line, against the site that
will be built.
"""

from __future__ import annotations

import io
import logging
import tempfile
from pathlib import Path

import pytest
from conftest import fixture_files, mkdocs_build, story_md, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from recovery_site.checks import run_checks
from recovery_site.cli import main
from recovery_site.load import load_project
from recovery_site.mkdocs.link_warnings import LinkWarnings

FAR_FUTURE = "2027-11-21"
LINK_CODES = ("link-not-found", "anchor-not-found")


def project_files(**extra: str) -> dict[str, str]:
    """The fixture site, Pagefind off, absolute links a warning as in the real mkdocs.yml."""
    files = fixture_files()
    files["mkdocs.yml"] = (
        files["mkdocs.yml"]
        .replace("  - recovery\n", "  - recovery:\n      search: false\n")
        .replace(
            "    unrecognized_links: warn\n",
            "    unrecognized_links: warn\n    absolute_links: warn\n",
        )
    )
    return {**files, **extra}


def codes_at(root: Path) -> set[tuple[str, str, int]]:
    return {(d.code, d.path, d.line) for d in run_checks(load_project(root))}


# --- exit policy and the clock ---------------------------------------------------------


def test_check_exits_1_on_a_warning_as_the_strict_build_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A yaml file in content/faq is an 'ignored-file' warning, nothing else.
    write(tmp_path, project_files(**{"content/faq/notes.yaml": "x: 1\n"}))
    assert main(["check", "--root", str(tmp_path)]) == 1
    assert "warning: [ignored-file]" in capsys.readouterr().out


def test_review_due_is_a_note_and_blocks_neither_check_nor_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, project_files())
    monkeypatch.setenv("RECOVERY_SITE_TODAY", FAR_FUTURE)
    assert main(["check", "--root", str(tmp_path)]) == 0
    assert "content/faq/meds.yml:5:10: note: [review-due]" in capsys.readouterr().out
    built = mkdocs_build(tmp_path, env={"RECOVERY_SITE_TODAY": FAR_FUTURE})
    assert built.returncode == 0, built.output
    assert "[review-due]" in built.output  # logged as information


def test_the_report_uses_the_same_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, project_files())
    monkeypatch.setenv("RECOVERY_SITE_TODAY", FAR_FUTURE)
    assert main(["report", "--root", str(tmp_path)]) == 0
    assert "overdue" in capsys.readouterr().out


def test_a_bad_clock_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, project_files())
    monkeypatch.setenv("RECOVERY_SITE_TODAY", "next week")
    assert main(["check", "--root", str(tmp_path)]) == 2
    assert "RECOVERY_SITE_TODAY" in capsys.readouterr().err


# --- links at their content line -------------------------------------------------------

TOPIC_WITH = """\
title: Medications
description: Answers about medication treatment.
audience: [public]
medical: false
updated: 2026-10-15
questions:
  - id: first
    question: First?
    answer: |
      Plain words.

      {link}
    sources:
      - title: A source
        publisher: SAMHSA
        url: https://www.samhsa.gov/
"""


@pytest.mark.parametrize(
    ("link", "problem"),
    [
        ("[x](nothing.md)", "no page or file 'faq/nothing.md'"),
        ("[x](#no-such-question)", "no anchor '#no-such-question'"),
        ("[x](../stories/not-yet.md)", "not published"),
        ("[x](../stories/older.md#nowhere)", "no anchor '#nowhere'"),
        ("[x](/faq/meds/)", "starts with '/'"),
        ("[x](../stories/older/)", "names no file"),
        ("![a chart](images/chart.png)", "no page or file 'faq/images/chart.png'"),
    ],
)
def test_a_broken_link_in_an_answer_is_reported_at_its_line(
    tmp_path: Path, link: str, problem: str
) -> None:
    write(tmp_path, project_files(**{"content/faq/meds.yml": TOPIC_WITH.format(link=link)}))
    found = [d for d in run_checks(load_project(tmp_path)) if d.code in LINK_CODES]
    column = 7 + link.index("](") + 2  # the address, in the answer indented 6 spaces
    assert [(d.path, d.line, d.col) for d in found] == [("content/faq/meds.yml", 12, column)]
    assert problem in found[0].message


@pytest.mark.parametrize(
    "link",
    [
        "[x](#first)",
        "[x](../stories/older.md)",
        "[x](../stories/older.md#older-story)",
        "[x](../index.md)",
        "[x](https://example.org/nothing.md)",
        "[x](index.md)",
    ],
)
def test_a_working_link_in_an_answer_passes(tmp_path: Path, link: str) -> None:
    write(tmp_path, project_files(**{"content/faq/meds.yml": TOPIC_WITH.format(link=link)}))
    assert not any(d.code in LINK_CODES for d in run_checks(load_project(tmp_path)))


def test_links_in_drafts_and_articles_are_checked(tmp_path: Path) -> None:
    draft = story_md(status="draft", body="Intro.\n\nSee [the FAQ](../faq/meds.md#missing).\n")
    article = "# Page\n\n## Two words\n\n[ok](#two-words) and [bad](#two_words).\n"
    write(
        tmp_path,
        project_files(**{"content/stories/not-yet.md": draft, "docs/page.md": article}),
    )
    found = {(d.path, d.line) for d in run_checks(load_project(tmp_path)) if d.code in LINK_CODES}
    assert found == {("content/stories/not-yet.md", 16), ("docs/page.md", 5)}


def test_a_strict_build_names_the_content_file_never_the_generated_page(tmp_path: Path) -> None:
    write(
        tmp_path, project_files(**{"content/faq/meds.yml": TOPIC_WITH.format(link="[x](gone.md)")})
    )
    built = mkdocs_build(tmp_path)
    assert built.returncode != 0
    assert "content/faq/meds.yml:12:11: warning: [link-not-found]" in built.output
    assert "Doc file 'faq/meds.md'" not in built.output


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("mkdocs.structure.pages", logging.WARNING, "", 0, message, (), None)


def test_a_link_warning_check_missed_becomes_an_error_at_the_content_line(tmp_path: Path) -> None:
    write(
        tmp_path, project_files(**{"content/faq/meds.yml": TOPIC_WITH.format(link="[x](odd.md)")})
    )
    project = load_project(tmp_path)
    link_filter = LinkWarnings(project, {"faq/meds.md"})
    link_filter._reported = set()  # as if check had not seen it
    record = _record(
        "Doc file 'faq/meds.md' contains a link 'odd.md', but the target 'faq/odd.md' is not "
        "found among documentation files."
    )
    assert link_filter.filter(record)
    assert record.levelno == logging.ERROR
    assert record.getMessage().startswith("content/faq/meds.yml:12:11: error: [link-not-found]")


def test_a_link_warning_check_reported_is_not_repeated(tmp_path: Path) -> None:
    write(
        tmp_path, project_files(**{"content/faq/meds.yml": TOPIC_WITH.format(link="[x](odd.md)")})
    )
    link_filter = LinkWarnings(load_project(tmp_path), {"faq/meds.md"})
    record = _record(
        "Doc file 'faq/meds.md' contains a link 'odd.md', but the target 'faq/odd.md' is not "
        "found among documentation files."
    )
    assert not link_filter.filter(record)


# --- check and the strict build agree ---------------------------------------------------

TARGETS = st.sampled_from(
    [
        "meds.md",
        "meds.md#what-is-mat",
        "meds.md#is-it-safe",
        "meds.md#nope",
        "#what-is-mat",
        "#missing",
        "nothing.md",
        "../stories/older.md",
        "../stories/older.md#older-story",
        "../stories/older.md#wrong",
        "../stories/not-yet.md",
        "../stories/older/",
        "../index.md",
        "../index.md#home",
        "../index.md#away",
        "../page.md#a-heading",
        "../page.md#a_heading",
        "/faq/meds/",
        "https://example.org/x.md",
        "index.md",
        "../stories/topic/12-step.md",
        "../img/pic.png",
        "./meds.md",
        "meds",
        "meds.md?x=1#is-it-safe",
        "meds.md#Is-It-Safe",
        "../faq/",
        "../faq/index.md",
        "../page.md",
        "../stories/older.md#hello",
        "../families/index.md",
        "../img/pic%20x.png",
        "mailto:someone@example.org",
    ]
)
IMAGES = st.sampled_from(
    [
        "",
        "![a picture](../img/pic.png)\n",
        "![a picture](../img/gone.png)\n",
        "![a photo](images/photo.jpg)\n",
        "![](images/photo.jpg)\n",
        "![a photo](images/missing.jpg)\n",
        "![a photo](https://images.example.org/photo.jpg)\n",
    ]
)
#: The picture in content/stories/images/: none, a phone photo, too big, not a picture.
PHOTOS = st.sampled_from(["none", "ok", "too-big", "broken"])
EXTRAS = st.sampled_from(["", "<!-- a note for editors -->", "## A heading\n", "<b>bold</b>"])


def _photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 200, 10)).save(out, format="JPEG")
    return out.getvalue()


def _strict_build(root: Path) -> bool:
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True))
    except (PluginError, Abort):
        return False
    return True


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answer=st.lists(TARGETS, max_size=2),
    story=st.lists(TARGETS, max_size=2),
    draft=st.lists(TARGETS, max_size=1),
    image=IMAGES,
    photo=PHOTOS,
    extra_text=EXTRAS,
    stray=st.booleans(),
    future=st.booleans(),
)
def test_check_exit_status_is_the_strict_builds_success(
    answer: list[str],
    story: list[str],
    draft: list[str],
    image: str,
    photo: str,
    extra_text: str,
    stray: bool,
    future: bool,
) -> None:
    links = " ".join(f"[x]({t})" for t in answer) or "No links."
    story_links = " ".join(f"[y]({t.replace('../stories/', '')})" for t in story)
    draft_links = " ".join(f"[z]({t.replace('../stories/', '')})" for t in draft)
    extra = {
        "content/faq/meds.yml": TOPIC_WITH.format(link=f"{links} {extra_text}".strip()).replace(
            "id: first", "id: what-is-mat"
        ),
        "content/stories/older.md": story_md(
            title="Older story", body=f"Hello. {story_links}\n\n{extra_text}\n\n{image}"
        ),
        "content/stories/not-yet.md": story_md(
            title="Draft story", status="draft", body=f"Draft. {draft_links}\n"
        ),
        "docs/page.md": "# Page\n\n## A heading\n\nText.\n",
        "docs/img/pic.png": "not really a picture",
    }
    if stray:
        extra["content/faq/notes.yaml"] = "x: 1\n"
    if photo == "too-big":
        extra["content/style/checks.yml"] = "image_max_bytes: 10\n"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write(root, project_files(**extra))
        if photo != "none":
            (root / "content/stories/images").mkdir(parents=True)
            data = b"not a picture" if photo == "broken" else _photo()
            (root / "content/stories/images/photo.jpg").write_bytes(data)
        with pytest.MonkeyPatch.context() as patch:
            if future:
                patch.setenv("RECOVERY_SITE_TODAY", FAR_FUTURE)
            status = main(["check", "--root", str(root), "--format", "json"])
            built = _strict_build(root)
    assert (status == 0) == built, (answer, story, draft, image, photo, extra_text, stray, future)


def test_heading_anchors_follow_the_sites_toc_settings(tmp_path: Path) -> None:
    article = "# Page\n\n## Two words\n\n[a](#two_words) and [b](#two-words).\n"
    files = project_files(**{"docs/page.md": article})
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "  - toc:\n      permalink: true\n",
        "  - toc:\n      permalink: true\n      separator: _\n"
        "      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n",
    )
    write(tmp_path, files)
    found = [(d.code, d.line, d.col) for d in run_checks(load_project(tmp_path))]
    assert [f for f in found if f[0] in LINK_CODES] == [("anchor-not-found", 5, 25)]
    assert (main(["check", "--root", str(tmp_path)]) == 0) == _strict_build(tmp_path)


def test_links_to_the_second_page_of_a_story_list_resolve(tmp_path: Path) -> None:
    link = "[more](../stories/page/2.md) [none](../stories/page/3.md)"
    files = project_files(**{"content/faq/meds.yml": TOPIC_WITH.format(link=link)})
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "      search: false\n", "      search: false\n      stories_per_page: 1\n"
    )
    write(tmp_path, files)
    found = [d.message for d in run_checks(load_project(tmp_path)) if d.code in LINK_CODES]
    assert len(found) == 1 and "stories/page/3.md" in found[0], found
    assert (main(["check", "--root", str(tmp_path)]) == 0) == _strict_build(tmp_path)


def test_an_unused_reference_makes_no_link_and_no_diagnostic(tmp_path: Path) -> None:
    # Markdown makes no link from an unused definition, so MkDocs never sees it.
    body = "Intro [used][r].\n\n[r]: gone.md\n[u]: unused.md\n"
    write(tmp_path, project_files(**{"content/stories/older.md": story_md(body=body)}))
    found = [d.message for d in run_checks(load_project(tmp_path)) if d.code in LINK_CODES]
    assert len(found) == 1 and "gone.md" in found[0], found
    assert (main(["check", "--root", str(tmp_path)]) == 0) == _strict_build(tmp_path)
