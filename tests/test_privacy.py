"""Privacy rules (checks/privacy.py): what people actually write, found at its line.

Each case of issue #13 ("Identifying details pass the privacy check") is fed
through a whole project load and check, and the diagnostic's code, file,
line and column are asserted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REPO, TOPIC_YML, story_md, write

from recovery_site.checks import run_checks
from recovery_site.checks.privacy import PrivacyRules
from recovery_site.diagnostics import Diagnostic, Severity
from recovery_site.load import load_project
from recovery_site.model import CheckSettings

TODAY = dt.date(2026, 11, 26)
STORY = "content/stories/a-story.md"
TOPIC = "content/faq/meds.yml"
BODY_LINE = 14  # story_md's body starts on this line


def diagnose(root: Path, files: dict[str, str]) -> list[Diagnostic]:
    write(root, files)
    for path in (REPO / "content" / "style").glob("*.yml"):
        if path.name == "topics.yml":  # names the starter's own tags and answers
            continue
        write(root, {f"content/style/{path.name}": path.read_text(encoding="utf-8")})
    return [
        d for d in run_checks(load_project(root), today=TODAY) if d.severity is not Severity.NOTE
    ]


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    assert [d.code for d in diagnostics] == [code], diagnostics
    assert diagnostics[0].severity is Severity.ERROR
    return diagnostics[0]


@pytest.mark.parametrize(
    ("line", "code", "shown"),
    [
        ("My name is Margaret Thompson and I drank for twenty years.", "personal-name",
         "Margaret Thompson"),
        ("I'm called Margaret by everyone at work.", "personal-name", "Margaret"),
        ("Dr. Priya Raman listened to me.", "personal-name", "Dr. Priya Raman"),
        ("Mrs. Thompson next door found me.", "personal-name", "Mrs. Thompson"),
        ("Mx Okafor ran the group.", "personal-name", "Mx Okafor"),
        ("Later Margaret Thompson drove me home.", "personal-name", "Margaret Thompson"),
        ("Text me on 07700 900456 if you need to.", "personal-info", "07700 900456"),
        ("From abroad it is 0044 7700 900123 instead.", "personal-info", "0044 7700 900123"),
        ("Or +353 85 123 4567 when I am in Cork.", "personal-info", "+353 85 123 4567"),
        ("Call me on (415) 555-0134 if you want.", "personal-info", "(415) 555-0134"),
        ("I lived at 14 Park Road, Leeds LS1 4AB for years.", "personal-info",
         "14 Park Road, Leeds LS1 4AB"),
        ("We moved to SW1A 1AA after that.", "personal-info", "SW1A 1AA"),
        ("Our Eircode was D02 X285 then.", "personal-info", "D02 X285"),
        ("Mail came to K1A 0B1 in those days.", "personal-info", "K1A 0B1"),
        ("Mail went to Springfield, IL 62704 back then.", "personal-info", "Springfield, IL 62704"),
        ("We met at 221 Baker Street most weeks.", "personal-info", "221 Baker Street"),
    ],
)  # fmt: skip
def test_identifying_details_in_a_story_body(
    tmp_path: Path, line: str, code: str, shown: str
) -> None:
    body = f"First line.\n\n{line}\n"
    d = only(diagnose(tmp_path, {STORY: story_md(body=body)}), code)
    assert (d.path, d.line, d.col) == (STORY, BODY_LINE + 2, line.index(shown) + 1)
    assert f"('{shown}')" in d.message
    # The message says how to fix it, not only what was found.
    assert "remove it" in d.message or "pseudonym" in d.message


def test_a_name_in_the_title_and_the_summary(tmp_path: Path) -> None:
    text = story_md(title="How Margaret Thompson got sober").replace(
        "summary: A short summary.", "summary: Dr. Priya Raman helped."
    )
    found = {(d.code, d.line, d.col) for d in diagnose(tmp_path, {STORY: text})}
    assert found == {("personal-name", 2, 12), ("personal-name", 12, 10)}


def test_a_phone_number_in_an_faq_answer(tmp_path: Path) -> None:
    old = "Yes, when prescribed."
    assert old in TOPIC_YML
    files = {TOPIC: TOPIC_YML.replace(old, "Yes. Ring my mobile, 07700 900456.")}
    d = only(diagnose(tmp_path, files), "personal-info")
    assert (d.path, d.line) == (TOPIC, 19)
    assert "public_numbers" in d.message


def test_public_help_lines_are_not_personal(tmp_path: Path) -> None:
    body = (
        "First line.\n\nI called 1-800-662-4357 (1-800-662-HELP) and later 988, "
        "and Poison Control at +1 800 222 1222.\n"
    )
    assert diagnose(tmp_path, {STORY: story_md(body=body)}) == []


def test_own_words_and_public_names_keep_chosen_wording(tmp_path: Path) -> None:
    body = "First line.\n\nEveryone calls me Sunny Delgado now, and I like it.\n"
    text = story_md(body=body)
    assert only(diagnose(tmp_path, {STORY: text}), "personal-name")
    chosen = text.replace("summary: A short summary.\n", "summary: A short summary.\n"
                          "own_words: [Sunny Delgado]\n")  # fmt: skip
    assert diagnose(tmp_path, {STORY: chosen}) == []


def test_public_names_setting() -> None:
    text = "I spent a month at the Betty Ford Center."
    assert [f.found for f in PrivacyRules(CheckSettings()).names(text)] == ["Betty Ford"]
    rules = PrivacyRules(CheckSettings(public_names=["Betty Ford"]))
    assert list(rules.names(text)) == []


@pytest.mark.parametrize(
    "line",
    [
        "My name is Sam and I am in recovery.",  # the byline's own first name
        "Bill W. and Dr. Bob started AA in 1935.",
        "Grace Church lets the group meet there. Hope Street is near it.",
        "I went to Alcoholics Anonymous and Narcotics Anonymous.",
        "In 2022 I had 1,500 days. Then 2023, 2024 and 2025 came.",
        "I text 741741 or call 988 when it is bad; 911 if it is worse.",
        "On Monday April Jones... no, that is too much; I told Will.",
        "My name is on the lease now.",
        "It was 14 months before I called anyone.",
    ],
)
def test_ordinary_story_text_is_not_flagged(tmp_path: Path, line: str) -> None:
    found = diagnose(tmp_path, {STORY: story_md(body=f"First line.\n\n{line}\n")})
    assert [d for d in found if d.code.startswith("personal")] == [] or (
        "April Jones" in line and [f.code for f in found] == ["personal-name"]
    )


def test_phone_regions_are_configurable() -> None:
    # A UK mobile in its national format: found with GB (a default), not with US alone.
    text = "My number was 07700 900456 back then."
    assert [f.found for f in PrivacyRules(CheckSettings()).contact_details(text)] == [
        "07700 900456"
    ]
    assert list(PrivacyRules(CheckSettings(phone_regions=["US"])).contact_details(text)) == []


def test_an_unknown_phone_region_is_a_style_file_error(tmp_path: Path) -> None:
    write(tmp_path, {"content/style/checks.yml": "phone_regions: [US, XX]\n"})
    diagnostics = load_project(tmp_path).diagnostics
    assert [(d.code, d.line) for d in diagnostics] == [("bad-style-file", 1)]
    assert "XX" in diagnostics[0].message


def test_starter_stories_and_answers_have_no_privacy_findings() -> None:
    found = run_checks(load_project(REPO), today=TODAY)
    assert [d for d in found if d.code in ("personal-info", "personal-name")] == []
