"""Every content rule: a failing fixture, asserting code, path and line (and column)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import REPO, TOPIC_YML, story_md, write

from recovery_site.checks import run_checks
from recovery_site.diagnostics import Diagnostic, Severity
from recovery_site.load import load_project
from recovery_site.rules import RULES, rules_markdown

TODAY = dt.date(2026, 11, 26)
TOPIC = "content/faq/meds.yml"
STORY = "content/stories/a-story.md"
STYLE = REPO / "content" / "style"


def diagnose(
    root: Path, files: dict[str, str], *, style: bool = True, notes: bool = False
) -> list[Diagnostic]:
    """Errors and warnings of a fixture site; with ``notes``, notes too (the medical
    fixture topic always carries one: nobody has reviewed it)."""
    write(root, files)
    if style:  # the project's real style guide (terms, warnings, settings)
        for path in STYLE.glob("*.yml"):
            if path.name == "topics.yml":  # names the starter's own tags and answers
                continue
            write(root, {f"content/style/{path.name}": path.read_text(encoding="utf-8")})
    found = run_checks(load_project(root), today=TODAY)
    return found if notes else [d for d in found if d.severity is not Severity.NOTE]


def found(diagnostics: list[Diagnostic]) -> set[tuple[str, str, int]]:
    return {(d.code, d.path, d.line) for d in diagnostics}


def one(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    matching = [d for d in diagnostics if d.code == code]
    assert len(matching) == 1, diagnostics
    assert matching[0].severity == RULES[code].severity
    return matching[0]


def topic(old: str, new: str) -> dict[str, str]:
    assert old in TOPIC_YML
    return {TOPIC: TOPIC_YML.replace(old, new)}


def test_the_fixtures_are_clean(tmp_path: Path) -> None:
    assert diagnose(tmp_path, {TOPIC: TOPIC_YML, STORY: story_md()}) == []


# --- sources -------------------------------------------------------------------------


def test_missing_source_in_a_medical_topic(tmp_path: Path) -> None:
    cut = TOPIC_YML[TOPIC_YML.index("    sources:\n      - title: Information about MAT") :]
    d = one(diagnose(tmp_path, {TOPIC: TOPIC_YML.replace(cut, "")}), "missing-source")
    assert (d.path, d.line, d.col) == (TOPIC, 19, 5)
    assert "'is-it-safe'" in d.message


@pytest.mark.parametrize(
    "url",
    [
        "http://www.samhsa.gov/x",
        "javascript:alert(1)",
        "https://",
        "https://samhsa gov/x",
        "www.cdc.gov",
    ],
)
def test_bad_source_url(tmp_path: Path, url: str) -> None:
    d = one(
        diagnose(tmp_path, topic("https://www.samhsa.gov/substance-use/treatment/options", url)),
        "bad-source-url",
    )
    assert (d.path, d.line, d.col) == (TOPIC, 15, 14)


def test_unrecognised_publisher_is_a_warning(tmp_path: Path) -> None:
    d = one(
        diagnose(
            tmp_path,
            topic(
                "https://www.samhsa.gov/substance-use/treatment/options", "https://example.org/a"
            ),
        ),
        "unrecognised-publisher",
    )
    assert (d.path, d.line) == (TOPIC, 15)
    assert "example.org" in d.message


def test_subdomains_of_trusted_sites_are_trusted(tmp_path: Path) -> None:
    files = topic("https://www.samhsa.gov/", "https://library.samhsa.gov/")
    assert diagnose(tmp_path, files) == []


# --- freshness -----------------------------------------------------------------------


def test_review_due(tmp_path: Path) -> None:
    # A note: time alone never fails a strict build (issue #13).
    files = topic("updated: 2026-10-15", "updated: 2025-10-15")
    d = one(diagnose(tmp_path, files, notes=True), "review-due")
    assert (d.path, d.line, d.col) == (TOPIC, 5, 10)  # 'updated: ' is one letter shorter
    assert "due 2026-10-15" in d.message


def test_reviewed_in_the_future(tmp_path: Path) -> None:
    d = one(diagnose(tmp_path, topic("updated: 2026-10-15", "updated: 2027-01-01")), "future-date")
    assert (d.path, d.line) == (TOPIC, 5)


def test_consent_date_in_the_future(tmp_path: Path) -> None:
    text = story_md().replace("  date: 2026-09-12", "  date: 2030-01-01")
    d = one(diagnose(tmp_path, {STORY: text}), "future-date")
    assert (d.path, d.line, d.col) == (STORY, 9, 9)


def test_medical_article_without_updated_date(tmp_path: Path) -> None:
    page = "---\ntitle: T\nmedical: true\nsources:\n  - {title: T, publisher: NIDA, url: https://nida.nih.gov/}\n---\nText.\n"
    d = one(diagnose(tmp_path, {"docs/a.md": page}), "no-updated-date")
    assert (d.path, d.line) == ("docs/a.md", 3)


def test_medical_article_without_sources(tmp_path: Path) -> None:
    page = "---\ntitle: T\nmedical: true\nupdated: 2026-11-01\n---\nText.\n"
    d = one(diagnose(tmp_path, {"docs/a.md": page}), "missing-source")
    assert (d.path, d.line) == ("docs/a.md", 3)


# --- language ------------------------------------------------------------------------


def test_stigmatising_term_in_an_answer_points_at_the_word(tmp_path: Path) -> None:
    files = topic(
        "      Medication treatment uses FDA-approved medicines such as buprenorphine.",
        "      Medication treatment helps every addict recover.",
    )
    d = one(diagnose(tmp_path, files), "stigmatising-term")
    assert (d.path, d.line, d.col) == (TOPIC, 11, 7 + len("Medication treatment helps every "))
    assert "person with a substance use disorder" in d.message


def test_stigmatising_phrase_in_a_story_body(tmp_path: Path) -> None:
    body = "First line.\nThe nurse said my test was a clean test, and I stayed clean.\n"
    diagnostics = diagnose(tmp_path, {STORY: story_md(body=body)})
    assert [(d.code, d.line) for d in diagnostics] == [
        ("stigmatising-term", 15),
        ("stigmatising-term", 15),
    ]
    assert "tested negative" in diagnostics[0].message


@pytest.mark.parametrize(
    "text",
    [
        'My sponsor said, "once an addict, always an addict," and I disagree.',
        "> I was a junkie, he wrote.",
        "Look up `addict` in a dictionary.",
        "I went to Alcoholics Anonymous and Narcotics Anonymous.",
        "Addiction is a health condition; people who are addicted can recover.",
        "She drank an alcoholic drink once.",
    ],
)
def test_language_skips_quotes_code_names_and_good_words(tmp_path: Path, text: str) -> None:
    assert diagnose(tmp_path, {STORY: story_md(body=text + "\n")}) == []


def test_storytellers_own_words_are_allowed_in_their_story(tmp_path: Path) -> None:
    text = story_md(body="I am an alcoholic, and I say so with pride.\n").replace(
        "summary: A short summary.\n", "summary: A short summary.\nown_words: [alcoholic]\n"
    )
    assert diagnose(tmp_path, {STORY: text}) == []


# --- readability ---------------------------------------------------------------------


def test_reading_level_above_the_limit(tmp_path: Path) -> None:
    hard = (
        "Pharmacological interventions utilizing opioid receptor partial agonists demonstrate "
        "considerable effectiveness regarding the amelioration of withdrawal symptomatology, "
        "furthermore substantially diminishing the probability of subsequent recurrence, "
        "particularly whenever administered concomitantly alongside comprehensive psychosocial "
        "interventions addressing underlying determinants of problematic consumption. "
        "Individualized pharmacotherapeutic regimens necessitate interdisciplinary coordination."
    )
    files = topic(
        "answer: Yes, when prescribed. See [the first answer](#what-is-mat).", f"answer: {hard}"
    )
    d = one(diagnose(tmp_path, files), "reading-level")
    assert (d.path, d.line, d.col) == (TOPIC, 19, 5)
    assert "is-it-safe" in d.message


def test_reading_limit_is_configurable(tmp_path: Path) -> None:
    write(tmp_path, {"content/style/checks.yml": "reading_grade_max: 1\nreading_min_words: 5\n"})
    text = "Yes, when a doctor prescribes it and you take it as your doctor tells you to."
    files = topic("Yes, when prescribed. See [the first answer](#what-is-mat).", text)
    write(tmp_path, files)
    diagnostics = run_checks(load_project(tmp_path), today=TODAY)
    assert ("reading-level", TOPIC, 19) in found(diagnostics)


# --- stories -------------------------------------------------------------------------


def test_published_story_needs_consent(tmp_path: Path) -> None:
    text = story_md().replace("consent:\n  reference: CF-2026-001\n  date: 2026-09-12\n", "")
    d = one(diagnose(tmp_path, {STORY: text}), "missing-consent")
    assert (d.path, d.line) == (STORY, 7)  # at 'basis: consented'


def test_draft_story_may_wait_for_consent(tmp_path: Path) -> None:
    text = story_md(status="draft").replace(
        "consent:\n  reference: CF-2026-001\n  date: 2026-09-12\n", ""
    )
    assert diagnose(tmp_path, {STORY: text}) == []


def test_author_that_looks_like_a_full_name(tmp_path: Path) -> None:
    text = story_md().replace("author: Sam R.", "author: Samuel Robinson")
    d = one(diagnose(tmp_path, {STORY: text}), "full-name")
    assert (d.path, d.line, d.col) == (STORY, 3, 9)


@pytest.mark.parametrize(
    ("line", "kind", "shown"),
    [
        ("Write to me at sam.r@example.com any time.", "an email address", "sam.r@example.com"),
        ("Call me on (415) 555-0134 if you want.", "a phone number", "(415) 555-0134"),
        ("We met at 221 Baker Street most weeks.", "a street address", "221 Baker Street"),
        (
            "Find me at instagram.com/sam_recovers too.",
            "a social media profile",
            "instagram.com/sam_recovers",
        ),
        ("I post as @sam_recovers these days.", "a social media profile", "@sam_recovers"),
    ],
)
def test_personal_info_in_a_story(tmp_path: Path, line: str, kind: str, shown: str) -> None:
    body = f"First line.\n\n{line}\n"
    d = one(diagnose(tmp_path, {STORY: story_md(body=body)}), "personal-info")
    assert (d.path, d.line, d.col) == (STORY, 16, line.index(shown) + 1)
    assert kind in d.message
    assert shown in d.message


def test_story_needs_the_content_warning_it_mentions(tmp_path: Path) -> None:
    body = "First line.\nThat winter I overdosed twice.\n"
    d = one(diagnose(tmp_path, {STORY: story_md(body=body)}), "missing-content-warning")
    assert (d.path, d.line, d.col) == (STORY, 15, 15)
    assert "'overdose'" in d.message
    assert diagnose(tmp_path, {STORY: story_md(body=body, warnings="[overdose]")}) == []


# --- safety --------------------------------------------------------------------------


def test_raw_html_in_an_answer(tmp_path: Path) -> None:
    files = topic("See [the first answer](#what-is-mat).", "See <script>alert(1)</script>.")
    diagnostics = diagnose(tmp_path, files)
    assert [(d.code, d.line, d.col) for d in diagnostics] == [
        ("raw-html", 19, 39),
        ("raw-html", 19, 55),
    ]


def test_event_handler_in_a_story(tmp_path: Path) -> None:
    body = "First line.\n<img src=x onerror=alert(1)>\n"
    d = one(diagnose(tmp_path, {STORY: story_md(body=body)}), "raw-html")
    assert (d.path, d.line, d.col) == (STORY, 15, 1)
    assert "event handler" in d.message


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "&#106;avascript:alert(1)", "data:text/html,x"]
)
def test_unsafe_link(tmp_path: Path, target: str) -> None:
    body = f"First line.\nSee [this]({target}).\n"
    d = one(diagnose(tmp_path, {STORY: story_md(body=body)}), "unsafe-link")
    assert (d.path, d.line, d.col) == (STORY, 15, 12)


def test_html_inside_code_is_fine(tmp_path: Path) -> None:
    body = "First line.\n\n```\n<div>an example</div>\n```\n\nAnd `<b>` inline.\n"
    assert diagnose(tmp_path, {STORY: story_md(body=body)}) == []


# --- duplicates and style files ------------------------------------------------------


def test_duplicate_question_across_topics(tmp_path: Path) -> None:
    other = TOPIC_YML.replace("meds/is-it-safe", "other/is-it-safe")
    diagnostics = diagnose(tmp_path, {TOPIC: TOPIC_YML, "content/faq/other.yml": other})
    assert found(diagnostics) == {
        ("duplicate-question", "content/faq/other.yml", 9),
        ("duplicate-question", "content/faq/other.yml", 18),
    }
    assert "also asked at content/faq/meds.yml:9" in diagnostics[0].message


def test_duplicate_story_title(tmp_path: Path) -> None:
    files = {STORY: story_md(), "content/stories/b.md": story_md()}
    d = one(diagnose(tmp_path, files), "duplicate-title")
    assert (d.path, d.line) == ("content/stories/b.md", 2)


def test_bad_style_file_is_reported_and_defaults_used(tmp_path: Path) -> None:
    write(tmp_path, {"content/style/checks.yml": "reading_grade_mx: 9\n", TOPIC: TOPIC_YML})
    diagnostics = run_checks(load_project(tmp_path), today=TODAY)
    d = one(diagnostics, "bad-style-file")
    assert (d.path, d.line) == ("content/style/checks.yml", 1)
    assert "did you mean 'reading_grade_max'?" in d.message


# --- the registry, the code and the editors' table agree -----------------------------


def _codes_in_source() -> set[str]:
    codes = set()
    for path in (REPO / "src/recovery_site").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            # error/warning/note(path, line, col, code, ...) and Text.diagnostic(offset, code, ...)
            if getattr(node.func, "id", None) in ("error", "warning", "note"):
                position = 3
            elif getattr(node.func, "attr", None) == "diagnostic":
                position = 1
            else:
                continue
            if len(node.args) > position and isinstance(node.args[position], ast.Constant):
                codes.add(node.args[position].value)
    return codes


def test_every_emitted_code_is_registered() -> None:
    assert _codes_in_source() <= set(RULES), _codes_in_source() - set(RULES)


def test_every_registered_code_is_emitted_somewhere() -> None:
    # Codes produced from pydantic error types are emitted via validation_diagnostics.
    assert set(RULES) - _codes_in_source() == set()


def test_editors_table_lists_every_rule() -> None:
    doc = (REPO / "docs/editors/content-checks.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", doc, re.M))
    assert listed == set(RULES)
    assert doc.endswith(rules_markdown()), "run: recovery-site rules, and paste the tables"


def test_fast_grade_equals_textstat_on_the_starter_content() -> None:
    textstat = pytest.importorskip("textstat")
    from recovery_site.checks.readability import grade
    from recovery_site.markdown_text import plain_words

    texts = [q.answer for t in load_project(REPO).topics for q in t.topic.questions] + [
        a.body for a in load_project(REPO).articles
    ]
    assert len(texts) > 50
    for text in texts:
        ours, _words = grade(text)
        assert ours == pytest.approx(textstat.flesch_kincaid_grade(plain_words(text)), abs=1e-9)


# --- regressions found in review -----------------------------------------------------


@pytest.mark.parametrize(
    "line", ["medical: !!bool maybe", "reviewed: !!timestamp nope", "extra: !!int ''"]
)
def test_odd_yaml_tags_give_a_diagnostic(tmp_path: Path, line: str) -> None:
    key = line.split(":")[0]
    kept = [row for row in TOPIC_YML.splitlines() if not row.startswith(f"{key}:")]
    text = "\n".join(kept) + "\n"
    codes = {d.code for d in diagnose(tmp_path, {TOPIC: text + line + "\n"})}
    assert "yaml-tag" in codes


def test_unparseable_source_url(tmp_path: Path) -> None:
    files = topic(
        "https://www.samhsa.gov/substance-use/treatment/options", "https://[nida.nih.gov/x"
    )
    d = one(diagnose(tmp_path, files), "bad-source-url")
    assert "not a valid address" in d.message


def test_unparseable_link_in_an_answer(tmp_path: Path) -> None:
    files = topic("See [the first answer](#what-is-mat).", "See [x](https://[oops).")
    d = one(diagnose(tmp_path, files), "bad-link")
    assert (d.line, d.col) == (19, 43)


def test_bad_character_position_counts_characters_not_bytes(tmp_path: Path) -> None:
    d = one(diagnose(tmp_path, {TOPIC: "title: ééééé\x07\n"}), "yaml-syntax")
    assert (d.line, d.col) == (1, 13)
    assert "U+0007" in d.message


def test_a_broken_topic_does_not_break_links_to_it(tmp_path: Path) -> None:
    broken = TOPIC_YML.replace("medical: true", "medical: [no]").replace("meds/", "other/")
    files = {
        TOPIC: TOPIC_YML.replace("meds/is-it-safe", "other/is-it-safe"),
        "content/faq/other.yml": broken,
    }
    codes = [d.code for d in diagnose(tmp_path, files)]
    assert "wrong-type" in codes
    assert "unknown-related" not in codes


def test_possessive_is_still_a_stigmatising_term(tmp_path: Path) -> None:
    body = "First line.\nMy brother's addict's mindset was not who he was.\n"
    d = one(diagnose(tmp_path, {STORY: story_md(body=body)}), "stigmatising-term")
    assert d.line == 15


def test_court_and_years_are_not_street_addresses(tmp_path: Path) -> None:
    body = (
        "First line.\nIn 2019 Drug Court gave me a chance. "
        "After 2 Family Court hearings I went home.\n"
    )
    assert diagnose(tmp_path, {STORY: story_md(body=body)}) == []


def test_tags_must_be_slugs(tmp_path: Path) -> None:
    text = story_md().replace(
        "topics: [12-step]", 'topics: ["../../../tmp/x", "javascript:alert(1)"]'
    )
    found_codes = [(d.code, d.line) for d in diagnose(tmp_path, {STORY: text})]
    assert found_codes == [("bad-tag", 4), ("bad-tag", 4)]


@pytest.mark.parametrize(
    "body",
    [
        '[x](https://samhsa.gov){ onclick="alert(1)" }',
        "Text\n{: onmouseover=alert(1) }",
        '[x](https://samhsa.gov){ href="javascript:alert(1)" }',
    ],
)
def test_attribute_lists_cannot_add_handlers_or_links(tmp_path: Path, body: str) -> None:
    codes = {d.code for d in diagnose(tmp_path, {STORY: story_md(body=f"First.\n{body}\n")})}
    assert "attribute-list" in codes


def test_snippet_includes_are_refused(tmp_path: Path) -> None:
    body = 'First.\n\n```\n--8<-- "mkdocs.yml"\n```\n'
    d = one(diagnose(tmp_path, {STORY: story_md(body=body)}), "snippet-include")
    assert d.line == 17


def test_terms_next_to_dashes_and_quotes_are_found(tmp_path: Path) -> None:
    body = "First line.\nHe was an addict\u2014so they said\u2026 and a junkie, too.\n"
    diagnostics = diagnose(tmp_path, {STORY: story_md(body=body)})
    assert [d.code for d in diagnostics] == ["stigmatising-term", "stigmatising-term"]


# --- topic labels (content/style/topics.yml) ---------------------------------------------


def test_unlabelled_topic_and_unknown_featured(tmp_path: Path) -> None:
    labels = (
        "topics:\n"
        "  medications:\n"
        "    label: Medications\n"
        "    featured: [meds/what-is-mat, meds/no-such-question]\n"
    )
    files = {
        **topic(
            "audience: [public, families]\n",
            "audience: [public, families]\ntopics: [medications, moud]\n",
        ),
        "content/style/topics.yml": labels,
    }
    found_ = diagnose(tmp_path, files)
    unlabelled = one(found_, "unlabelled-topic")
    assert (unlabelled.path, unlabelled.line) == (TOPIC, 4) and "'moud'" in unlabelled.message
    featured = one(found_, "unknown-featured")
    assert (featured.path, featured.line) == ("content/style/topics.yml", 4)
    assert "meds/no-such-question" in featured.message


def test_no_topics_file_means_no_label_check(tmp_path: Path) -> None:
    files = topic(
        "audience: [public, families]\n", "audience: [public, families]\ntopics: [moud]\n"
    )
    assert [d for d in diagnose(tmp_path, files) if d.code == "unlabelled-topic"] == []
