"""The Spanish edition (issue #17): built under /es/, its own search, translation tracking."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site.cli import main
from recovery_site.i18n import catalogue, fields, human_date, languages

ES_PAGES = {
    "home": "/es/",
    "faq topic": "/es/faq/overdose-and-naloxone/",
    "help": "/es/get-help/",
}


def test_every_language_has_every_message_with_the_same_placeholders() -> None:
    english = catalogue("en")
    assert set(languages()) >= {"en", "es"}
    for language in languages():
        messages = catalogue(language)
        assert set(messages) == set(english), f"{language}: keys differ from English"
        for key, text in messages.items():
            assert fields(text) == fields(english[key]), f"{language}: {key}"


def test_dates_in_spanish() -> None:
    import datetime as dt

    assert human_date(dt.date(2026, 10, 1), "es") == "1 de octubre de 2026"
    assert human_date(dt.date(2026, 10, 1)) == "1 October 2026"


def test_spanish_edition_is_built_under_es(starter_site: Path) -> None:
    home = HTMLParser((starter_site / "es" / "index.html").read_text(encoding="utf-8"))
    assert home.css_first("html").attributes["lang"] == "es"
    topics = sorted(p.parent.name for p in (starter_site / "es" / "faq").glob("*/index.html"))
    assert len(topics) >= 3, topics
    entry = json.loads((starter_site / "es" / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["es"]
    english = json.loads((starter_site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(english["languages"]) == ["en"]
    # The English build does not publish docs/es/ as English pages.
    assert not (starter_site / "es" / "es").exists()
    root = HTMLParser((starter_site / "index.html").read_text(encoding="utf-8"))
    assert root.css_first("html").attributes["lang"] == "en"


def test_switcher_and_hreflang_lead_to_the_same_page(starter_site: Path) -> None:
    es = HTMLParser((starter_site / "es/faq/medications/index.html").read_text(encoding="utf-8"))
    alternates = {
        n.attributes["hreflang"]: n.attributes["href"]
        for n in es.css('link[rel="alternate"][hreflang]')
    }
    assert alternates == {"en": "../../../faq/medications/", "es": "./"}
    switch = es.css_first("nav.rs-language a")
    assert switch.attributes["href"] == "../../../faq/medications/"
    # An English page with no Spanish translation leads to the Spanish home.
    en = HTMLParser((starter_site / "faq/alcohol/index.html").read_text(encoding="utf-8"))
    assert en.css_first("nav.rs-language a").attributes["href"] == "../../es/"
    assert not en.css('link[rel="alternate"][hreflang]')


def _copy_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for name in ("content", "docs", "includes", "overrides"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "mkdocs.yml", site / "mkdocs.yml")
    return site


def test_changed_english_answer_makes_its_translation_outdated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _copy_site(tmp_path)
    assert main(["check", "--root", str(site)]) == 0
    assert "translation-outdated" not in capsys.readouterr().out
    english = site / "content/faq/overdose-and-naloxone.yml"
    original = english.read_text(encoding="utf-8")
    changed = original.replace("Naloxone", "Naloxone (Narcan)", 1)
    assert changed != original
    english.write_text(changed, encoding="utf-8")
    main(["check", "--root", str(site)])
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "translation-outdated" in line]
    assert lines, out
    assert all(line.startswith("content/es/faq/overdose-and-naloxone.yml:") for line in lines)
    assert "content/faq/overdose-and-naloxone.yml" in lines[0]
    english.write_text(original, encoding="utf-8")
    main(["check", "--root", str(site)])
    assert "translation-outdated" not in capsys.readouterr().out


def test_translation_stamp_clears_the_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _copy_site(tmp_path)
    english = site / "docs/get-help.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more line.\n")
    main(["check", "--root", str(site)])
    out = capsys.readouterr().out
    assert "docs/es/get-help.md:" in out and "translation-outdated" in out
    spanish = site / "docs/es/get-help.md"
    assert main(["translation-stamp", "--root", str(site), str(spanish)]) == 0
    main(["check", "--root", str(site)])
    assert "translation-outdated" not in capsys.readouterr().out


@pytest.mark.browser
def test_spanish_search_finds_spanish_answers_only(browser, starter_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(starter_url + "/es/")
        page.locator("button.rs-search-open").click()
        box = page.locator("#rs-search input.rs-search__input")
        box.wait_for(timeout=15_000)
        box.press_sequentially("naloxona", delay=10)
        page.locator(".rs-result").first.wait_for(timeout=15_000)
        links = page.eval_on_selector_all(".rs-result a", "els => els.map(e => e.href)")
    finally:
        page.close()
    assert links
    assert all("/es/" in link for link in links), links
    assert any("/es/faq/overdose-and-naloxone/" in link for link in links), links


@pytest.mark.browser
@pytest.mark.parametrize("width", (375, 1280))
@pytest.mark.parametrize("name", list(ES_PAGES))
def test_no_wcag_violations_in_spanish(browser, starter_url: str, name: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(starter_url + ES_PAGES[name])
        tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
        assert [v["id"] for v in result.response["violations"]] == []
    finally:
        page.close()


def test_every_link_of_both_editions_works(starter_site: Path) -> None:
    # The switcher never leads to a page the other edition lacks (English stories -> /es/).
    assert main(["links", str(starter_site)]) == 0


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Me llamo José Pérez y vivo con mi hija.", "José Pérez"),
        ("Mi nombre real es Ángela Muñoz.", "Ángela Muñoz"),
        ("Todos me dicen Chuy desde niño.", "Chuy"),
        ("Fui a ver a la Dra. Martínez en la clínica.", "Dra. Martínez"),
    ],
)
def test_privacy_finds_names_in_spanish(text: str, found: str) -> None:
    from recovery_site.checks.privacy import PrivacyRules
    from recovery_site.model import CheckSettings

    assert [f.found for f in PrivacyRules(CheckSettings()).names(text)] == [found]


@pytest.mark.parametrize(
    "text",
    [
        "Ahora vivo en la Calle Mayor 12, cerca del parque.",
        "Mi casa está en Avenida de la Reforma #345.",
        "Llámeme al (415) 555-0134 cuando pueda.",
    ],
)
def test_privacy_finds_addresses_and_numbers_in_spanish(text: str) -> None:
    from recovery_site.checks.privacy import PrivacyRules
    from recovery_site.model import CheckSettings

    assert list(PrivacyRules(CheckSettings()).contact_details(text))


def test_spanish_texts_are_checked_with_the_spanish_terms_and_readability(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _copy_site(tmp_path)
    spanish = site / "content/es/faq/medications.yml"
    text = spanish.read_text(encoding="utf-8")
    spanish.write_text(text.replace("un tipo de atención", "un tipo de atención para un adicto", 1))
    long_sentence = (
        "La farmacoterapia multidisciplinaria contemporánea, administrada "
        "institucionalmente, proporciona considerablemente "
    ) * 6
    page = site / "docs/es/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + long_sentence + ".\n")
    main(["check", "--root", str(site)])
    out = capsys.readouterr().out
    stigma = [line for line in out.splitlines() if "stigmatising-term" in line]
    assert stigma and stigma[0].startswith("content/es/faq/medications.yml:"), out
    assert "adicto" in stigma[0]
    ease = [line for line in out.splitlines() if "reading-level" in line]
    assert ease and ease[0].startswith("docs/es/index.md:") and "Fernández-Huerta" in ease[0]


def test_report_lists_outdated_and_missing_translations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _copy_site(tmp_path)
    english = site / "content/faq/medications.yml"
    english.write_text(english.read_text(encoding="utf-8").replace("FDA", "the FDA", 1))
    assert main(["report", "--root", str(site)]) == 0
    out = capsys.readouterr().out
    section = out[out.index("\nTranslations\n") :]
    assert "es: " in section
    outdated = [line for line in section.splitlines() if line.strip().startswith("outdated")]
    assert outdated and "-> content/es/faq/medications.yml" in outdated[0], section
    assert "missing   content/faq/alcohol.yml" in section
    assert "missing   docs/articles/understanding-relapse.md" in section
