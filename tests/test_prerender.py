"""The engine-neutral pre-render builds the same site as the plugin.

``recovery-site render --out`` writes the site as plain Markdown and a
mkdocs.yml without our plugin; MkDocs builds that with the plugin nowhere in
the config, and ``recovery-site finish`` applies the output steps. The page
set and each page's main content (``article.md-content__inner``, whitespace
normalised) must equal the plugin's own build of the same site: anything the
plugin adds to Markdown and the pre-render forgot (a footer, a notice, a
placeholder, a generated page, a sanitised tag) shows up here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from conftest import REPO, fixture_files, mkdocs_build, write
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site.cli import main
from recovery_site.finish import FinishError, finish_page
from recovery_site.prerender import (
    CONTENT_CLOSE,
    CONTENT_OPEN,
    FOOTNOTES_PLACE,
    footnotes_place,
    with_markers,
)

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def pages(site: Path) -> dict[str, str]:
    """Every HTML page's title and main content, whitespace normalised."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        tree = HTMLParser(path.read_text(encoding="utf-8"))
        node = tree.css_first("article.md-content__inner")
        title = tree.css_first("title")
        text = (title.html if title is not None else "") + (node.html if node is not None else "")
        found[path.relative_to(site).as_posix()] = re.sub(r"\s+", " ", text or "").strip()
    return found


def prerendered_build(root: Path, out: Path, config_file: str = "mkdocs.yml") -> Path:
    """render --out, a plain MkDocs build of it (no plugin in its config), then finish."""
    command = ["render", "--root", str(root), "--out", str(out), "--config", config_file]
    assert main(command) == 0
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "recovery" not in re.findall(r"^plugins:.*?(?=^\S)", config, re.M | re.S)[0]
    site = out / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=out,
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert main(["finish", str(site)]) == 0
    return site


def assert_same(plugin_site: Path, plain_site: Path, editions: tuple[str, ...] = ()) -> None:
    """Same pages, same main content; ``editions``: other languages' folders to leave out."""
    ours, theirs = pages(plugin_site), pages(plain_site)
    ours = {uri: text for uri, text in ours.items() if not uri.startswith(editions)}
    assert sorted(ours) == sorted(theirs)
    differ = [p for p in ours if ours[p] != theirs[p]]
    first = differ[0] if differ else ""
    assert not differ, f"{len(differ)} differ, first {first}:\n{ours[first]}\n---\n{theirs[first]}"
    assert (plain_site / "pagefind" / "pagefind.js").is_file()
    for path in plain_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert CONTENT_OPEN not in text and CONTENT_CLOSE not in text, path


def test_fixture_site_prerendered_matches_plugin(tmp_path: Path) -> None:
    files = fixture_files()
    # An article: the plugin adds its footer (sources, 'Related') and notice.
    files["docs/articles/a.md"] = (
        "---\ntitle: An article\nmedical: true\nupdated: 2026-10-01\ntopics: [12-step]\nsources:\n"
        "  - title: Find help\n    publisher: SAMHSA\n"
        "    url: https://www.samhsa.gov/find-help\n---\n"
        "# An article\n\nText.\n"
    )
    # A heading that reads as markup once the theme strips tags from the title.
    files["docs/hostile.md"] = "# &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n\nText.\n"
    write(tmp_path / "site", files)
    root = tmp_path / "site"
    built = mkdocs_build(root)
    assert built.returncode == 0, built.output
    plain = prerendered_build(root, tmp_path / "out")
    assert_same(built.site, plain)
    for site in (built.site, plain):
        page = (site / "hostile/index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)" not in page, site
        assert HTMLParser(page).css_first("title").text().startswith("</title><script>")


def test_starter_site_prerendered_matches_plugin(starter_site: Path, tmp_path: Path) -> None:
    plain = prerendered_build(REPO, tmp_path / "out")
    # The Spanish edition (site/es/) is its own build, from mkdocs.es.yml.
    assert_same(starter_site, plain, editions=("es/",))


def test_spanish_edition_prerendered_matches_plugin(starter_site: Path, tmp_path: Path) -> None:
    """mkdocs.es.yml inherits mkdocs.yml; its links to English pages become HTML links."""
    plain = prerendered_build(REPO, tmp_path / "out", "mkdocs.es.yml")
    assert "INHERIT" not in (tmp_path / "out/mkdocs.yml").read_text(encoding="utf-8")
    assert_same(starter_site / "es", plain)
    assert (plain / "stylesheets").is_dir()  # the English docs' stylesheets, shared


def test_marker_text_in_content_cannot_escape_sanitising() -> None:
    """A contributor who writes the markers themselves still gets sanitised: finish
    takes the first opening and the last closing marker, which are ours."""
    hostile = f"A {CONTENT_CLOSE} <img src=x onerror=alert(1)> {CONTENT_OPEN} end"
    heading, body = with_markers(f"# Title\n\n{hostile}\n").split("\n", 1)
    assert heading == f"# {CONTENT_OPEN}Title"
    assert body.rstrip().endswith(CONTENT_CLOSE)
    theme = '<script>theme()</script><nav><a href="/">Home</a></nav>'
    page = (
        f'<html><head>{theme}</head><body><h1 id="title">{CONTENT_OPEN}Title</h1>'
        f"<p>{hostile}</p>{CONTENT_CLOSE}</body></html>"
    )
    finished = finish_page(page)
    assert "onerror" not in finished
    assert CONTENT_OPEN not in finished and CONTENT_CLOSE not in finished
    assert theme in finished  # the theme's markup outside the content is kept
    assert '<h1 id="title">Title</h1>' in finished


def test_a_page_with_one_marker_is_not_published() -> None:
    with pytest.raises(FinishError):
        finish_page(f"<p>{CONTENT_OPEN} a code block never closed</p>")
    with pytest.raises(FinishError):
        finish_page(f"<p>{CONTENT_CLOSE} before {CONTENT_OPEN}</p>")


def test_render_never_empties_a_folder_it_did_not_write(fixture_site: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "notes.txt").parent.mkdir()
    (mine / "notes.txt").write_text("keep me")
    assert main(["render", "--root", str(fixture_site), "--out", str(mine)]) == 2
    assert (mine / "notes.txt").read_text() == "keep me"
    out = tmp_path / "out"
    assert main(["render", "--root", str(fixture_site), "--out", str(out)]) == 0
    assert main(["render", "--root", str(fixture_site), "--out", str(out)]) == 0  # replaced


def test_render_stops_on_content_errors(fixture_site: Path, tmp_path: Path) -> None:
    (fixture_site / "content/faq/meds.yml").write_text("title: [unclosed\n")
    assert main(["render", "--root", str(fixture_site), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()


def test_a_page_without_markers_is_not_published_unless_the_theme_made_it() -> None:
    """A page not built from render's output (or whose comments something removed)
    would go out unsanitised: finish refuses it. 404.html comes from the theme alone."""
    hostile = "<html><body><p><img src=x onerror=alert(1)></p></body></html>"
    with pytest.raises(FinishError):
        finish_page(hostile, "about/index.html")
    assert "onerror" in finish_page(hostile, "404.html")  # theme pages are not content


def test_footnotes_are_placed_inside_the_markers(tmp_path: Path) -> None:
    """Python-Markdown writes footnotes after everything else unless the page says where:
    render says where (inside the markers), and finish refuses footnotes left outside."""
    config = {"markdown_extensions": ["footnotes"]}
    assert footnotes_place(config) == FOOTNOTES_PLACE
    assert footnotes_place({"markdown_extensions": [{"footnotes": {"PLACE_MARKER": "@@"}}]}) == "@@"
    assert footnotes_place({"markdown_extensions": ["toc"]}) is None
    marked = with_markers("# T\n\nText[^1].\n\n[^1]: A note.\n", footnotes=FOOTNOTES_PLACE)
    rendered = markdown.markdown(marked, extensions=["footnotes"])
    assert rendered.index('class="footnote"') < rendered.index(CONTENT_CLOSE)
    outside = f'<h1>{CONTENT_OPEN}T</h1><p>x</p>{CONTENT_CLOSE}<div class="footnote"><ol>'
    with pytest.raises(FinishError):
        finish_page(outside)


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ("site_name: X\nsite_url: !ENV SITE_URL\n", "the tag !ENV cannot be carried over"),
        ("INHERIT: missing.yml\nsite_name: X\n", "cannot be read"),
        ("site_name: [unclosed\n", "cannot be read"),
    ],
)
def test_a_config_render_cannot_carry_over_is_one_line_not_a_traceback(
    fixture_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, said: str
) -> None:
    (fixture_site / "mkdocs.other.yml").write_text(config, encoding="utf-8")
    command = ["render", "--root", str(fixture_site), "--out", str(tmp_path / "out")]
    assert main([*command, "--config", "mkdocs.other.yml"]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_render_refuses_an_out_folder_inside_the_sources(fixture_site: Path) -> None:
    out = fixture_site / "docs" / "build"
    assert main(["render", "--root", str(fixture_site), "--out", str(out)]) == 2
    assert not out.exists()
