"""Trust a reader can check (issue #14): named clinical review, medical decided,
honest story labels, and `check` agreeing with the build about all of it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import REPO, TOPIC_YML, mkdocs_build, story_md, write
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site.checks import run_checks
from recovery_site.cli import main
from recovery_site.diagnostics import Diagnostic, Severity, format_diagnostics
from recovery_site.load import load_project
from recovery_site.report import build_report, render_report
from recovery_site.rules import RULES

TODAY = dt.date(2026, 11, 26)
TOPIC = "content/faq/meds.yml"
STORY = "content/stories/a-story.md"

#: A test double: a reviewer exists only in these fixture sites, never on a real site.
REVIEWERS_YML = """\
reviewers:
  - id: test-clinician
    name: Test Clinician
    credentials: MD (test fixture)
    role: Clinical reviewer
    profile_url: https://example.org/test-clinician
"""

REVIEWED_TOPIC = TOPIC_YML.replace(
    "updated: 2026-10-15\n",
    "updated: 2026-10-15\nreviewed: 2026-10-20\nreviewed_by: [test-clinician]\n",
)

NON_MEDICAL_TOPIC = """\
title: Meetings
description: What happens at a mutual-help meeting.
audience: [public]
medical: false
updated: 2026-10-15
questions:
  - id: what-happens
    question: What happens at a meeting?
    answer: |
      People sit together and share what helped them.
      Some take 16 mg of buprenorphine a day, and that is fine.
"""


def diagnose(root: Path, files: dict[str, str]) -> list[Diagnostic]:
    write(root, files)
    for path in (REPO / "content/style").glob("*.yml"):
        if path.name == "topics.yml":  # names the starter's own tags and answers
            continue
        write(root, {f"content/style/{path.name}": path.read_text(encoding="utf-8")})
    return run_checks(load_project(root), today=TODAY)


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    matching = [d for d in diagnostics if d.code == code]
    assert len(matching) == 1, diagnostics
    return matching[0]


# --- clinical review as data -----------------------------------------------------------


def test_an_unreviewed_medical_topic_is_a_note_not_a_failure(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {TOPIC: TOPIC_YML})
    d = only(found, "awaiting-clinical-review")
    assert (d.path, d.line, d.col, d.severity) == (TOPIC, 4, 1, Severity.NOTE)
    assert RULES["awaiting-clinical-review"].severity is Severity.NOTE
    assert not any(x.is_error for x in found)


def test_require_clinical_review_makes_it_an_error(tmp_path: Path) -> None:
    write(tmp_path, {TOPIC: TOPIC_YML})
    project = load_project(tmp_path)
    d = only(run_checks(project, TODAY, require_clinical_review=True), "awaiting-clinical-review")
    assert d.severity is Severity.ERROR and d.path == TOPIC


def test_a_named_known_reviewer_and_date_clear_the_note(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {TOPIC: REVIEWED_TOPIC, "content/reviewers.yml": REVIEWERS_YML})
    assert found == []


def test_unknown_reviewer_is_an_error(tmp_path: Path) -> None:
    text = REVIEWED_TOPIC.replace("[test-clinician]", "[dr-nobody]")
    found = diagnose(tmp_path, {TOPIC: text, "content/reviewers.yml": REVIEWERS_YML})
    d = only(found, "unknown-reviewer")
    assert (d.path, d.line, d.severity) == (TOPIC, 7, Severity.ERROR)
    assert "dr-nobody" in d.message and "test-clinician" in d.message
    # an unknown id names nobody: the page is still awaiting review
    assert only(found, "awaiting-clinical-review")


def test_a_review_before_the_last_change_is_an_error(tmp_path: Path) -> None:
    text = REVIEWED_TOPIC.replace("updated: 2026-10-15", "updated: 2026-11-01")
    found = diagnose(tmp_path, {TOPIC: text, "content/reviewers.yml": REVIEWERS_YML})
    d = only(found, "review-outdated")
    assert (d.path, d.line, d.severity) == (TOPIC, 6, Severity.ERROR)
    assert "2026-11-01" in d.message and "2026-10-20" in d.message


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("reviewed_by: [test-clinician]\n", "", 6),  # a date with nobody named
        ("reviewed: 2026-10-20\n", "", 6),  # somebody named, no date
    ],
)
def test_a_review_names_who_and_when(tmp_path: Path, old: str, new: str, line: int) -> None:
    text = REVIEWED_TOPIC.replace(old, new)
    found = diagnose(tmp_path, {TOPIC: text, "content/reviewers.yml": REVIEWERS_YML})
    d = only(found, "incomplete-review")
    assert (d.path, d.line, d.severity) == (TOPIC, line, Severity.ERROR)


def test_the_starter_reviewers_file_names_nobody() -> None:
    project = load_project(REPO)
    assert project.reviewers == {}  # never invent a reviewer
    assert not [d for d in project.diagnostics if "reviewers.yml" in d.path]


def test_a_note_is_a_github_notice() -> None:
    d = Diagnostic("a.yml", 1, 1, Severity.NOTE, "awaiting-clinical-review", "m")
    assert format_diagnostics([d], "github").startswith("::notice ")


# --- medical is decided, not defaulted ---------------------------------------------------


def test_removing_medical_from_a_topic_is_an_error_at_that_file(tmp_path: Path) -> None:
    text = TOPIC_YML.replace("medical: true\n", "")
    d = only(diagnose(tmp_path, {TOPIC: text}), "missing-field")
    assert (d.path, d.severity) == (TOPIC, Severity.ERROR)
    assert "'medical'" in d.message


def test_an_article_must_say_whether_it_is_medical(tmp_path: Path) -> None:
    page = "---\ntitle: T\nupdated: 2026-11-01\n---\n# T\n\nText.\n"
    d = only(diagnose(tmp_path, {"docs/articles/a.md": page}), "missing-field")
    assert (d.path, d.severity) == ("docs/articles/a.md", Severity.ERROR)
    assert "'medical'" in d.message
    # pages outside docs/articles/ (home, about) need not say
    assert diagnose(tmp_path / "other", {"docs/about/index.md": page}) == []


def test_a_dosing_sentence_in_a_non_medical_topic_warns_at_its_line(tmp_path: Path) -> None:
    d = only(diagnose(tmp_path, {TOPIC: NON_MEDICAL_TOPIC}), "unmarked-medical")
    assert (d.path, d.line, d.col, d.severity) == (TOPIC, 11, 17, Severity.WARNING)
    assert "'16 mg'" in d.message
    assert "mark it medical so a clinician reviews it" in d.message


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Keep naloxone at home.", "naloxone"),
        ("Put them in the recovery position.", "recovery position"),
        ("The dose is 4mg twice a day.", "4mg"),
    ],
)
def test_medication_names_doses_and_overdose_steps_are_data(
    tmp_path: Path, sentence: str, words: str
) -> None:
    text = NON_MEDICAL_TOPIC.replace(
        "Some take 16 mg of buprenorphine a day, and that is fine.", sentence
    )
    assert f"'{words}'" in only(diagnose(tmp_path, {TOPIC: text}), "unmarked-medical").message


def test_a_medical_topic_may_name_medicines(tmp_path: Path) -> None:
    text = NON_MEDICAL_TOPIC.replace("medical: false", "medical: true")
    assert "unmarked-medical" not in {d.code for d in diagnose(tmp_path, {TOPIC: text})}


def test_the_starter_site_decides_medical_everywhere_with_no_warnings() -> None:
    found = run_checks(load_project(REPO))
    assert [d for d in found if d.severity is not Severity.NOTE] == []
    awaiting = {d.path for d in found if d.code == "awaiting-clinical-review"}
    assert "content/faq/getting-help.yml" in awaiting  # gives overdose advice: medical
    assert "docs/articles/understanding-relapse.md" in awaiting


# --- honest story labels -------------------------------------------------------------------


def test_a_consented_story_without_consent_is_an_error(tmp_path: Path) -> None:
    text = story_md().replace("consent:\n  reference: CF-2026-001\n  date: 2026-09-12\n", "")
    d = only(diagnose(tmp_path, {STORY: text}), "missing-consent")
    assert (d.path, d.severity) == (STORY, Severity.ERROR)


def test_a_consent_reference_must_match_the_organisations_pattern(tmp_path: Path) -> None:
    text = story_md().replace("CF-2026-001", "ILLUSTRATIVE-002")
    d = only(diagnose(tmp_path, {STORY: text}), "bad-consent-reference")
    assert (d.path, d.line, d.severity) == (STORY, 8, Severity.ERROR)


def test_a_composite_has_no_consent_record_and_no_byline(tmp_path: Path) -> None:
    assert diagnose(tmp_path, {STORY: story_md(basis="composite")}) == []
    faked = story_md().replace("basis: consented", "basis: composite")
    found = diagnose(tmp_path / "b", {STORY: faked})
    assert only(found, "composite-with-consent").severity is Severity.ERROR
    assert only(found, "composite-byline").line == 3


def test_the_old_illustrative_field_names_its_replacement(tmp_path: Path) -> None:
    text = story_md(basis="composite").replace("basis: composite", "illustrative: true")
    found = diagnose(tmp_path, {STORY: text})
    d = only(found, "replaced-field")
    assert (d.path, d.line, d.severity) == (STORY, 6, Severity.ERROR)
    assert "replace 'illustrative: true' with 'basis: composite'" in d.message
    assert [x.code for x in found] == ["replaced-field"]  # no pile of follow-on errors


def test_the_starter_stories_are_composites_without_consent_or_byline() -> None:
    stories = load_project(REPO).stories
    assert len(stories) >= 7
    for doc in stories:
        assert doc.story.basis == "composite", doc.path
        assert doc.story.consent is None and doc.story.author is None, doc.path


# --- the report -------------------------------------------------------------------------


def test_report_shows_review_state_and_story_basis(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/faq/meds.yml": REVIEWED_TOPIC,
            "content/faq/other.yml": TOPIC_YML.replace("meds/", "other/"),
            "content/reviewers.yml": REVIEWERS_YML,
            STORY: story_md(basis="composite"),
        },
    )
    rows = {r.path: r for r in build_report(load_project(tmp_path), TODAY)}
    reviewed = rows["content/faq/meds.yml"]
    assert reviewed.clinical == "reviewed by Test Clinician, MD (test fixture) on 2026-10-20"
    assert reviewed.review_due == "2027-10-20"
    assert rows["content/faq/other.yml"].clinical == "awaiting clinical review"
    assert rows[STORY].basis == "composite"
    text = render_report(list(rows.values()), "text", TODAY)
    assert "(awaiting clinical review)" in text and "(basis: composite)" in text
    assert "1 medical page(s) awaiting clinical review" in text
    data = json.loads(render_report(list(rows.values()), "json", TODAY))
    assert {d["path"]: d["basis"] for d in data}[STORY] == "composite"


# --- the build and `check` agree ---------------------------------------------------------


MEDICAL_ARTICLE = """\
---
title: Medicines
audience: [public]
medical: true
updated: 2026-10-01
sources:
  - title: Medications for Substance Use Disorders
    publisher: SAMHSA
    url: https://www.samhsa.gov/substance-use/treatment/options
---
# Medicines

ARTICLE-BODY starts here.
"""

POLICY = "---\ntitle: Editorial policy\nupdated: 2026-10-01\n---\n# Editorial policy\n\nHow.\n"


def _site(root: Path, *, required: bool) -> Path:
    from conftest import fixture_files

    files = fixture_files()
    if required:
        files["mkdocs.yml"] = files["mkdocs.yml"].replace(
            "plugins:\n  - recovery\n",
            "plugins:\n  - recovery:\n      require_clinical_review: true\n",
        )
    files["content/faq/second.yml"] = (
        TOPIC_YML.replace("meds/", "second/")
        .replace("What is medication treatment?", "What is MAT?")
        .replace("Is it safe?", "Is MAT safe?")
    )
    files["docs/articles/medicines.md"] = MEDICAL_ARTICLE
    files["docs/about/editorial-policy.md"] = POLICY
    write(root, files)
    return root


def test_require_clinical_review_fails_the_build_naming_each_file(tmp_path: Path) -> None:
    root = _site(tmp_path, required=True)
    result = mkdocs_build(root)
    assert result.returncode != 0
    for path in ("content/faq/meds.yml", "content/faq/second.yml", "docs/articles/medicines.md"):
        assert f"{path}:" in result.output and "awaiting-clinical-review" in result.output, path
    assert result.output.count("error: [awaiting-clinical-review]") == 3
    # `recovery-site check` reads the same setting from mkdocs.yml, and agrees
    assert main(["check", "--root", str(root)]) == 1


def test_unreviewed_pages_build_strictly_and_say_so(tmp_path: Path) -> None:
    root = _site(tmp_path, required=False)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    assert main(["check", "--root", str(root)]) == 0
    topic = HTMLParser((result.site / "faq/meds/index.html").read_text(encoding="utf-8"))
    body = topic.css_first("article")
    admonition = body.css_first(".admonition.warning")
    assert admonition.css_first(".admonition-title").text() == "Awaiting clinical review"
    link = admonition.css_first("a")
    assert link.attributes["href"] == "../../about/editorial-policy/"
    # at the top: before the first question
    assert body.html.index("Awaiting clinical review") < body.html.index('id="what-is-mat"')
    assert "Last updated 15 October 2026" in body.text()
    article = HTMLParser((result.site / "articles/medicines/index.html").read_text())
    text = article.css_first("article").html
    assert text.index("Awaiting clinical review") < text.index("ARTICLE-BODY")
    assert "Last updated 1 October 2026" in article.css_first("article").text()


def test_a_reviewed_topic_says_who_and_when_with_valid_medical_web_page(tmp_path: Path) -> None:
    root = _site(tmp_path, required=False)
    write(root, {"content/faq/meds.yml": REVIEWED_TOPIC, "content/reviewers.yml": REVIEWERS_YML})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    tree = HTMLParser((result.site / "faq/meds/index.html").read_text(encoding="utf-8"))
    text = tree.css_first("article").text()
    assert (
        "Medically reviewed by Test Clinician, MD (test fixture) on 20 October 2026. "
        "Next review due 20 October 2027." in " ".join(text.split())
    )
    assert "Awaiting clinical review" not in text
    (script,) = tree.css('script[type="application/ld+json"]')
    data = json.loads(script.text())
    assert data["@context"] == "https://schema.org"
    by_type = {item["@type"]: item for item in data["@graph"]}
    assert by_type["FAQPage"]["mainEntity"][0]["name"] == "What is medication treatment?"
    page = by_type["MedicalWebPage"]
    assert page["lastReviewed"] == "2026-10-20"
    assert page["reviewedBy"] == {
        "@type": "Person",
        "name": "Test Clinician",
        "jobTitle": "Clinical reviewer",
        "hasCredential": {
            "@type": "EducationalOccupationalCredential",
            "name": "MD (test fixture)",
        },
        "url": "https://example.org/test-clinician",
    }
    assert page["audience"] == [
        {"@type": "Audience", "audienceType": "the public"},
        {"@type": "Audience", "audienceType": "families and friends"},
    ]
    # the other, unreviewed topic still says it is awaiting review
    other = HTMLParser((result.site / "faq/second/index.html").read_text(encoding="utf-8"))
    assert "Awaiting clinical review" in other.css_first("article").text()


def test_new_story_says_what_the_story_is(tmp_path: Path) -> None:
    from recovery_site.scaffold import new_story

    path = new_story(tmp_path, "Learning to ask", [], TODAY)
    text = path.read_text(encoding="utf-8")
    assert "basis: consented" in text and "composite" in text
    assert "illustrative" not in text
    (doc,) = load_project(tmp_path).stories
    assert doc.story.basis == "consented"


def test_check_reads_the_option_from_any_mkdocs_yml(tmp_path: Path) -> None:
    from recovery_site.load import plugin_options

    write(
        tmp_path,
        {
            "mkdocs.yml": (
                "site_name: !ENV [SITE_NAME, 'x']\n"
                "markdown_extensions:\n"
                "  - pymdownx.emoji:\n"
                "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                "plugins:\n"
                "  - search\n"
                "  - recovery:\n"
                "      require_clinical_review: true\n"
            )
        },
    )
    assert plugin_options(tmp_path) == {"require_clinical_review": True}
    assert load_project(tmp_path).require_clinical_review is True
    assert plugin_options(tmp_path / "nowhere") == {}
    assert load_project(REPO).require_clinical_review is False  # the starter site: a note


def test_related_links_label_composite_stories_as_the_teams_writing() -> None:
    from recovery_site.render.related import Item, related_markdown

    story = Item("stories/a.md", "A harder year", "story", frozenset({"relapse"}), composite=True)
    faq = Item("faq/relapse.md", "Relapse", "faq", frozenset({"relapse"}))
    text = related_markdown([story, faq], "articles/x.md")
    assert "A harder year](../stories/a.md) (Composite story" in text
    assert "Relapse](../faq/relapse.md) (Questions" in text


def test_the_starter_sites_related_links_never_call_a_composite_just_a_story() -> None:
    from recovery_site.render import related_items

    items = related_items(load_project(REPO), drafts=False)
    stories = [i for found in items.values() for i in found if i.kind == "story"]
    assert stories and all(i.composite for i in stories)
