"""Second lock: even if the checks were skipped, no raw HTML reaches a page as markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TOPIC_YML, fixture_files, story_md, write
from mkdocs.commands.build import build
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser as HTMLParser

HOSTILE = """\
<script>alert("story")</script>

<img src=x onerror=alert(1)>

<iframe src="https://evil.example/"></iframe>

<a href="javascript:alert(2)">click</a> and [also](javascript:alert(3)) and
[hidden](&#106;avascript:alert(4)) and <div markdown="1">**bold**</div>

<!-- a comment --> <style>body{display:none}</style>

Keep `<b>code</b>` as code.

[styled](https://www.samhsa.gov/){ onclick="alert(5)" }

![tracking pixel](https://evil.example/pixel.png)

A paragraph with an attribute list
{: onmouseover="alert(6)" }

- a list item

    <img src=x onerror=alert(7)>

[ref]:
    javascript:alert(8)

See [ref].
"""


@pytest.fixture
def hostile_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = fixture_files()
    files["content/stories/newer.md"] = story_md(
        title="<script>alert('title')</script>", body=HOSTILE
    ).replace(
        "summary: A short summary.",
        """summary: '0;url=https://evil.example/" http-equiv="refresh'""",
    )
    files["content/faq/meds.yml"] = TOPIC_YML.replace(
        "answer: Yes, when prescribed. See [the first answer](#what-is-mat).",
        "answer: |\n" + "".join(f"      {line}\n" for line in HOSTILE.splitlines()),
    )
    write(tmp_path, files)
    # Simulate checks that missed everything: only the renderer stands in the way.
    monkeypatch.setattr("recovery_site.mkdocs.run.run_checks", lambda project, **options: [])
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    return tmp_path / "site"


@pytest.mark.parametrize("page", ["stories/newer/index.html", "faq/meds/index.html"])
def test_hostile_markup_is_shown_as_text(hostile_site: Path, page: str) -> None:
    article = HTMLParser((hostile_site / page).read_text(encoding="utf-8")).css_first(
        "article.md-content__inner"
    )
    assert article is not None
    for tag in ("script", "iframe", "style", "div[markdown]", 'img[src^="https://evil"]'):
        assert article.css(tag) == [], tag
    for node in article.css("*"):
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), (node.tag, name)
            assert "javascript" not in (value or "").lower(), (node.tag, name, value)
    text = article.text()
    assert '<script>alert("story")</script>' in text
    assert "<img src=x onerror=alert(1)>" in text
    assert article.css_first("code").text() == "<b>code</b>"


def test_titles_and_summaries_cannot_break_out_of_the_head(hostile_site: Path) -> None:
    tree = HTMLParser((hostile_site / "stories/newer/index.html").read_text(encoding="utf-8"))
    equivs = [m.attributes["http-equiv"] for m in tree.css("head meta[http-equiv]")]
    assert equivs == ["Content-Security-Policy"]  # ours; no refresh from the summary
    description = tree.css_first('head meta[name="description"]')
    assert "http-equiv" in description.attributes["content"]  # shown as text, not markup
    title = tree.css_first("head title").text()
    assert "<script>" in title  # the title element holds it as text
    assert [s for s in tree.css("script") if "alert('title')" in s.text()] == []
