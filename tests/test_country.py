"""Country profiles: help lines and law per country, %%placeholders%%, `countries:`.

The acceptance test builds the starter site for the United Kingdom (`gb`) and
finds no US emergency number, crisis line or agency outside source lists.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, TOPIC_YML, fixture_files, mkdocs_build, story_md, write
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site.checks import run_checks
from recovery_site.cli import main
from recovery_site.diagnostics import Diagnostic, Severity
from recovery_site.load import load_project
from recovery_site.model import CountryProfile
from recovery_site.render.country import expand, for_country, profile_to_extra

LOCALES = REPO / "content" / "locales"
US_ONLY = re.compile(r"(?<![\w-])(911|988|SAMHSA)(?![\w-])")


def profile(country: str) -> CountryProfile:
    data = yaml.safe_load((LOCALES / f"{country}.yml").read_text(encoding="utf-8"))
    return CountryProfile.model_validate(data)


def with_locales(files: dict[str, str], country: str | None = None) -> dict[str, str]:
    """Fixture files plus the repository's profiles; ``country`` sets the plugin option."""
    files = dict(files)
    for path in LOCALES.glob("*.yml"):
        files[f"content/locales/{path.name}"] = path.read_text(encoding="utf-8")
    if country:
        mkdocs = files.get("mkdocs.yml") or fixture_files()["mkdocs.yml"]
        assert "  - recovery\n" in mkdocs
        files["mkdocs.yml"] = mkdocs.replace(
            "  - recovery\n", f"  - recovery:\n      country: {country}\n"
        )
    return files


def diagnose(root: Path, files: dict[str, str], country: str | None = None) -> list[Diagnostic]:
    write(root, with_locales(files))
    found = run_checks(load_project(root, country=country))
    return [d for d in found if d.severity is not Severity.NOTE]


def codes(found: list[Diagnostic]) -> set[tuple[str, str, int, int]]:
    return {(d.code, d.path, d.line, d.col) for d in found}


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


# --- the profile as the theme sees it -------------------------------------------------


def test_us_profile_gives_the_crisis_bar_and_help_cards_mkdocs_yml_had() -> None:
    extra = profile_to_extra(profile("us"))
    assert extra["crisis"]["lines"] == [
        {
            "name": "988 Suicide & Crisis Lifeline",
            "label": "988",
            "tel": "988",
            "sms": "988",
            "sms_label": "988",
        }
    ]
    assert extra["crisis"]["emergency"].endswith("call 911.")
    assert [card["name"] for card in extra["helplines"]] == [
        "988 Suicide & Crisis Lifeline",
        "Poison Control (Poison Help line)",
        "National Domestic Violence Hotline",
        "SAMHSA National Helpline",
        "FindTreatment.gov",
    ]
    poison = extra["helplines"][1]
    assert poison["tel"] == "+18002221222" and poison["call_label"] == "1-800-222-1222"
    # Keys for content only never reach the templates.
    assert not any("in_sentence" in card or "about" in card for card in extra["helplines"])


def test_gb_profile_names_uk_services_only() -> None:
    extra = profile_to_extra(profile("gb"))
    assert extra["crisis"]["lines"][0] == {
        "name": "Samaritans",
        "label": "116 123",
        "tel": "116123",
    }
    assert "999" in extra["crisis"]["emergency"]
    names = [card["name"] for card in extra["helplines"]]
    assert "FRANK" in names and "National Domestic Abuse Helpline" in names
    assert not US_ONLY.search(str(extra))


def test_profile_text_cannot_carry_markup_or_placeholders() -> None:
    data = yaml.safe_load((LOCALES / "gb.yml").read_text(encoding="utf-8"))
    data["crisis_lines"][0]["description"] = "Call <script>x</script> %%emergency%%"
    with pytest.raises(ValueError):
        CountryProfile.model_validate(data)


# --- placeholders -----------------------------------------------------------------------


def test_expand_fills_known_names_and_leaves_code_and_unknown_names() -> None:
    values = profile("gb").placeholder_values()
    text = "Call %%emergency%%, or %%crisis.how%%. `%%emergency%%` %%nope%%"
    assert expand(text, values) == "Call 999, or call 116 123. `%%emergency%%` %%nope%%"
    # A lone ``` is not a code span: it does not pair with the next backtick.
    assert expand("a (```) b `%%emergency%%` %%emergency%%", values) == (
        "a (```) b `%%emergency%%` 999"
    )
    assert profile("us").placeholder_values()["crisis.how"] == "call or text 988"
    assert profile("us").placeholder_values()["dv.how"] == (
        "call 1-800-799-7233 or text START to 88788"
    )


def test_unknown_placeholder_is_an_error_at_its_line_and_column(tmp_path: Path) -> None:
    topic = TOPIC_YML.replace(
        "    answer: Yes, when prescribed.", "    answer: Yes, call %%emergancy%% when prescribed."
    )
    found = diagnose(tmp_path, {"content/faq/meds.yml": topic})
    line, col = where(topic, "%%emergancy%%")
    assert codes(found) == {("unknown-placeholder", "content/faq/meds.yml", line, col)}


def test_placeholder_in_a_folded_answer_points_at_its_own_line(tmp_path: Path) -> None:
    topic = TOPIC_YML.replace(
        "    answer: |\n      Medication treatment uses FDA-approved medicines such as "
        "buprenorphine.",
        "    answer: >-\n      Medication treatment uses FDA-approved medicines\n"
        "      such as buprenorphine. Ask %%poisn.number%% first.",
    )
    found = diagnose(tmp_path, {"content/faq/meds.yml": topic})
    line, col = where(topic, "%%poisn.number%%")
    assert codes(found) == {("unknown-placeholder", "content/faq/meds.yml", line, col)}


def test_placeholder_the_profile_lacks_is_an_error_only_where_it_is_built(
    tmp_path: Path,
) -> None:
    # gb's first crisis line has no chat: %%crisis.chat%% cannot be filled there.
    text = "    answer: Chat at %%crisis.chat%% any time.\n"
    topic = TOPIC_YML.replace(
        "    answer: Yes, when prescribed. See [the first answer](#what-is-mat).\n", text
    )
    assert diagnose(tmp_path, {"content/faq/meds.yml": topic}, "us") == []
    found = diagnose(tmp_path, {"content/faq/meds.yml": topic}, "gb")
    assert codes(found) == {
        ("unknown-placeholder", "content/faq/meds.yml", *where(topic, "%%crisis"))
    }
    limited = topic.replace(text, text + "    countries: [us]\n")
    assert diagnose(tmp_path, {"content/faq/meds.yml": limited}, "gb") == []


def test_a_missing_placeholder_fails_the_build_at_its_line(tmp_path: Path) -> None:
    files = with_locales(fixture_files(), "gb")
    files["docs/index.md"] = "# Home\n\nIn an emergency, call %%emergeny%%.\n"
    write(tmp_path, files)
    result = mkdocs_build(tmp_path)
    assert result.returncode != 0
    line, col = where(files["docs/index.md"], "%%emergeny%%")
    assert f"docs/index.md:{line}:{col}: error: [unknown-placeholder]" in result.output


def test_countries_naming_no_profile_is_an_error_at_its_value(tmp_path: Path) -> None:
    topic = TOPIC_YML.replace(
        "  - id: is-it-safe\n", "  - id: is-it-safe\n    countries: [us, uk]\n"
    )
    found = diagnose(tmp_path, {"content/faq/meds.yml": topic})
    assert codes(found) == {("unknown-country", "content/faq/meds.yml", *where(topic, "uk]"))}


def test_placeholders_in_a_page_and_its_front_matter_are_filled(tmp_path: Path) -> None:
    files = with_locales(fixture_files(), "gb")
    files["docs/help.md"] = (
        "---\ntitle: Call %%emergency%%\ndescription: Or %%crisis.how%%.\n---\n"
        "# Help\n\nIn an emergency, call %%emergency%%. `%%emergency%%` is a placeholder.\n"
    )
    write(tmp_path, files)
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.output
    html = (result.site / "help" / "index.html").read_text(encoding="utf-8")
    assert "<title>Call 999" in html and 'content="Or call 116 123."' in html
    assert "call 999." in page_text(result.site / "help" / "index.html", "code")
    assert "<code>%%emergency%%</code>" in html


def test_unknown_country_is_one_error(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {"content/faq/meds.yml": TOPIC_YML}, "fr")
    assert [d.code for d in found] == ["unknown-country"]
    assert "content/locales/fr.yml" in found[0].message


# --- numbers and services of one country -----------------------------------------------


def test_hard_coded_number_warns_and_names_the_placeholder(tmp_path: Path) -> None:
    topic = TOPIC_YML.replace("Yes, when prescribed.", "Yes, when prescribed. Or call 911.")
    found = diagnose(tmp_path, {"content/faq/meds.yml": topic})
    [warning] = found
    assert warning.code == "country-specific-text" and warning.severity is Severity.WARNING
    assert "%%emergency%%" in warning.message
    # The same text about the US only is fine; sources (SAMHSA above) are never checked.
    limited = topic.replace("    answer: Yes", "    countries: [us]\n    answer: Yes")
    assert diagnose(tmp_path, {"content/faq/meds.yml": limited}) == []
    # Checked for the UK, the message still names the placeholder that replaces it.
    [warning] = diagnose(tmp_path, {"content/faq/meds.yml": topic}, "gb")
    assert "%%emergency%%" in warning.message


def test_a_story_keeps_its_own_words(tmp_path: Path) -> None:
    story = story_md(body="That night I called 911 and stayed with him.\n")
    assert diagnose(tmp_path, {"content/stories/a-story.md": story}) == []


def test_another_countrys_service_warns_in_shared_text(tmp_path: Path) -> None:
    topic = TOPIC_YML.replace("Yes, when prescribed.", "Yes. Samaritans can listen.")
    found = diagnose(tmp_path, {"content/faq/meds.yml": topic})
    assert [(d.code, "gb" in d.message) for d in found] == [("country-specific-text", True)]


# --- content for some countries only ----------------------------------------------------


def test_for_country_leaves_out_answers_topics_and_related_links(tmp_path: Path) -> None:
    topic = TOPIC_YML.replace("  - id: is-it-safe\n", "  - id: is-it-safe\n    countries: [us]\n")
    other = TOPIC_YML.replace("title: Medications\n", "title: US law\ncountries: [us]\n", 1)
    write(tmp_path, with_locales({"content/faq/meds.yml": topic, "content/faq/law.yml": other}))
    gb = for_country(load_project(tmp_path, country="gb"))
    assert [d.slug for d in gb.topics] == ["meds"]
    [entry] = gb.topics[0].topic.questions
    assert entry.id == "what-is-mat" and entry.related == []  # was [meds/is-it-safe]
    us = for_country(load_project(tmp_path, country="us"))
    assert [d.slug for d in us.topics] == ["law", "meds"]
    assert us.topics[1].topic.questions[0].related == ["meds/is-it-safe"]


def test_link_to_an_answer_left_out_is_an_error(tmp_path: Path) -> None:
    topic = TOPIC_YML.replace("  - id: what-is-mat\n", "  - id: what-is-mat\n    countries: [us]\n")
    found = diagnose(tmp_path, {"content/faq/meds.yml": topic}, "gb")
    line, col = where(topic, "#what-is-mat)")
    assert codes(found) == {("country-excluded-link", "content/faq/meds.yml", line, col)}
    assert diagnose(tmp_path, {"content/faq/meds.yml": topic}, "us") == []


def test_an_article_for_other_countries_is_not_built(tmp_path: Path) -> None:
    files = with_locales(fixture_files(), "gb")
    files["docs/us-law.md"] = "---\ncountries: [us]\n---\n# US law\n\nOnly in the US.\n"
    write(tmp_path, files)
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.output
    assert not (result.site / "us-law").exists()
    assert (result.site / "faq" / "meds" / "index.html").is_file()
    # mkdocs.yml's own extra.crisis wins over the profile's.
    home = page_text(result.site / "index.html")
    assert "Test Crisis Line" in home and "Samaritans" not in home


def test_check_country_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chat = "    answer: Chat at %%crisis.chat%%."
    topic = TOPIC_YML.replace("    answer: Yes, when prescribed.", chat)
    write(tmp_path, with_locales({"content/faq/meds.yml": topic}))
    assert main(["check", "--root", str(tmp_path)]) == 0
    assert main(["check", "--root", str(tmp_path), "--country", "gb"]) == 1
    assert "[unknown-placeholder]" in capsys.readouterr().out


# --- acceptance: the starter site built for the United Kingdom --------------------------


@pytest.fixture(scope="module")
def gb_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, copied and built with ``country: gb`` (``--strict``)."""
    root = tmp_path_factory.mktemp("gb")
    for name in ("content", "docs", "overrides", "includes"):
        shutil.copytree(REPO / name, root / name)
    mkdocs = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      country: us\n" in mkdocs
    (root / "mkdocs.yml").write_text(mkdocs.replace("country: us\n", "country: gb\n"))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    return result.site


def page_text(page: Path, *drop: str) -> str:
    """What a reader sees on ``page``, without its source lists (nor ``drop`` selectors)."""
    tree = HTMLParser(page.read_text(encoding="utf-8"))
    for selector in (".rs-sources", ".rs-source-list", "script", "style", *drop):
        for node in tree.css(selector):
            node.decompose()
    return tree.body.text(separator=" ") if tree.body else ""


def test_gb_site_never_shows_us_numbers_or_agencies(gb_site: Path) -> None:
    pages = sorted(gb_site.rglob("*.html"))
    assert len(pages) > 30
    found = [
        f"{page.relative_to(gb_site)}: ...{text[max(0, m.start() - 60) : m.end() + 40]}..."
        for page in pages
        for text in [page_text(page)]
        for m in US_ONLY.finditer(text)
    ]
    assert found == []


def test_gb_site_shows_uk_help_and_leaves_out_us_only_content(gb_site: Path) -> None:
    home = page_text(gb_site / "index.html")
    assert "Samaritans" in home and "116 123" in home and "call 999" in home
    assert "for readers in the United Kingdom" in home
    assert not (gb_site / "faq" / "privacy-and-rights").exists()
    help_page = (gb_site / "get-help" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:116123"' in help_page and "FRANK" in help_page
    getting_help = (gb_site / "faq" / "getting-help" / "index.html").read_text(encoding="utf-8")
    assert 'id="samhsa-national-helpline"' not in getting_help
    assert 'id="types-of-treatment"' in getting_help
    for page in gb_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "privacy-and-rights" not in html, page
        assert "%%" not in page_text(page, "code"), page  # the editors' table shows them


@pytest.mark.parametrize("value", ["Rules *differ*{: .md-dialog #x } by state.", "a_b", "x}"])
def test_profile_text_cannot_carry_markup(value: str) -> None:
    from pydantic import TypeAdapter, ValidationError

    from recovery_site.model import PlainStr

    with pytest.raises(ValidationError):
        TypeAdapter(PlainStr).validate_python(value)
