"""`recovery-site links`: broken internal links and anchors, wherever they come from."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, TOPIC_YML, fixture_files, mkdocs_build, write

from recovery_site.links.internal import check_internal

BROKEN_TEMPLATE = """\
{% extends "main.html" %}
{% block footer %}
  <a class="broken-in-template" href="{{ base_url }}/no-such-page/">Old page</a>
  {{ super() }}
{% endblock %}
"""


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixture site with a broken anchor in an FAQ answer and a broken template link."""
    root = tmp_path_factory.mktemp("broken")
    files = fixture_files()
    files["content/faq/meds.yml"] = TOPIC_YML.replace(
        "See [the first answer](#what-is-mat).",
        "See [an answer](../meds/#no-such-question).",
    )
    write(root, files)
    overrides = root / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    # An override that extends the repository's main.html and adds a broken link.
    (overrides / "main.html").rename(overrides / "crisis.html")
    (overrides / "main.html").write_text(
        BROKEN_TEMPLATE.replace('"main.html"', '"crisis.html"'), encoding="utf-8"
    )
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace(str(REPO / "overrides"), str(overrides)), encoding="utf-8"
    )
    # Not --strict: MkDocs would refuse the unrecognised link; we want to see it built.
    result = mkdocs_build(root, "--no-strict")
    assert result.returncode == 0, result.output
    return root


def test_clean_site_has_no_broken_links(built_fixture) -> None:
    report = check_internal(built_fixture.site, built_fixture.site.parent)
    assert report.diagnostics == []
    assert report.pages >= 6
    assert report.links > 50


def test_broken_fragment_in_an_faq_answer_names_the_content_file(broken_site: Path) -> None:
    report = check_internal(broken_site / "site", broken_site)
    anchors = [d for d in report.diagnostics if d.code == "missing-anchor"]
    assert len(anchors) == 1
    d = anchors[0]
    assert (d.path, d.line) == ("content/faq/meds.yml", 19)
    assert d.message == (
        "faq/meds/index.html -> ../meds/#no-such-question: "
        "no element with id 'no-such-question' on faq/meds/index.html"
    )


def test_broken_link_in_an_override_template_names_the_pages(broken_site: Path) -> None:
    report = check_internal(broken_site / "site", broken_site)
    (d,) = [d for d in report.diagnostics if d.code == "broken-link"]
    # Every page but 404.html (where base_url is empty, making the link external)
    # carries the template's link: one problem, shown once, with the page count.
    pages = len(list((broken_site / "site").rglob("*.html"))) - 1
    assert d.path == "site/families/index.html"  # the first page, alphabetically
    assert d.line > 1
    assert d.message == (
        "families/index.html -> ../no-such-page/: no such page or file (looked for no-such-page/)"
        f" (and {pages - 1} more pages)"
    )


def test_cli_exit_codes_and_formats(broken_site: Path) -> None:
    run = [sys.executable, "-m", "recovery_site.cli", "links", "site"]
    proc = subprocess.run(
        [*run, "--format", "json"], cwd=broken_site, capture_output=True, text=True
    )
    assert proc.returncode == 1
    codes = {item["code"] for item in json.loads(proc.stdout)}
    assert codes == {"missing-anchor", "broken-link"}
    proc = subprocess.run(
        [*run, "--format", "github"], cwd=broken_site, capture_output=True, text=True
    )
    assert "::error file=content/faq/meds.yml,line=19," in proc.stdout
    proc = subprocess.run(
        [*run[:-1], "no-such-site"], cwd=broken_site, capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_phone_and_mail_links_are_checked_for_form(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(
        site,
        {
            "index.html": '<a href="tel:988">ok</a><a href="tel:call-us">bad</a>'
            '<a href="mailto:help@example.org">ok</a><a href="mailto:nobody">bad</a>'
            '<a href="javascript:alert(1)">bad</a><a href="#">top</a>'
            '<img src="logo.png"><a href="sub/#here">ok</a><a href="sub/#gone">bad</a>'
            '<a href="https://[oops">bad</a>',
            "logo.png": "x",
            "sub/index.html": '<h2 id="here">Here</h2>',
        },
    )
    reasons = sorted(
        d.message.split(": ", 1)[1] for d in check_internal(site, tmp_path).diagnostics
    )
    assert reasons == [
        "'call-us' is not a phone number",
        "'nobody' is not an email address",
        "a script link; link to a page instead",
        "no element with id 'gone' on sub/index.html",
        "not a valid address",
    ]


def test_starter_site_links(starter_site: Path) -> None:
    report = check_internal(starter_site, REPO)
    assert report.diagnostics == [], "\n".join(map(str, report.diagnostics))


def test_links_are_read_as_a_browser_reads_them(tmp_path: Path) -> None:
    """Issue #12: backslashes, ``https:host`` and tabs go where a browser goes."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a/index.html").write_text(
        '<a href="\\\\evil.example\\x">1</a>'
        '<a href="https:evil.example/y#frag">2</a>'
        '<a href="//evil.example/z">3</a>'
        '<a href="HTTPS://Evil.Example/w">4</a>'
        '<a href="/\\evil.example/v">5</a>'
        '<a href="java\tscript:alert(1)">6</a>'
        '<a href="../a/">7</a>'
    )
    report = check_internal(site, tmp_path)
    assert report.external == {
        "https://evil.example/x",
        "https://evil.example/y",
        "https://evil.example/z",
        "https://evil.example/w",
        "https://evil.example/v",
    }
    assert [d.code for d in report.diagnostics] == ["broken-link"]
    assert "script link" in report.diagnostics[0].message


def test_links_to_one_address_keep_the_verdicts_of_how_they_are_written(tmp_path: Path) -> None:
    """The checker works an address out once for every link that goes there
    (``_Verdicts``): what depends on a link's own text must not be shared."""
    site = tmp_path / "site"
    write(
        site,
        {
            "index.html": '<a href="a/page.html">relative</a><a href="/a/page.html">absolute</a>'
            '<img src="a/page.html"><a href="https:a/page.html">https: without slashes</a>',
            "a/page.html": '<a href="../index.html">up</a><a href="/index.html">root</a>'
            '<a href="https://site.invalid/index.html">own host</a>',
        },
    )
    reasons = [d.message for d in check_internal(site, tmp_path, from_disk=True).diagnostics]
    assert sorted(reasons) == [
        "a/page.html -> /index.html: a site-absolute link: opened from disk it points at the "
        "root of the disk",
        "index.html -> /a/page.html: a site-absolute link: opened from disk it points at the "
        "root of the disk",
    ]
    report = check_internal(site, tmp_path)
    assert report.diagnostics == []
    # Read alone, ``https:a/page.html`` goes to the host "a", whatever page it is on.
    assert report.external == {"https://a/page.html", "https://site.invalid/index.html"}
