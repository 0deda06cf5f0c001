"""Every text an editor writes survives the generated front matter (issue #13).

``json.dumps`` wrote an emoji as a surrogate pair that YAML cannot read back,
so MkDocs dropped the page's metadata: the tab showed the file name.
"""

from __future__ import annotations

import html
from pathlib import Path

from conftest import fixture_files, mkdocs_build, story_md, write
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from recovery_site.render.markdown import front_matter


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
@example("Hope 🌈 again", "👩‍👩‍👧 e\u0301 & < \" ' : # \U0001d400")
@example("a\u0085b\u2028c\ufeff", "\x7f\ufffe\U0010ffff")
def test_mkdocs_reads_back_exactly_what_was_written(title: str, description: str) -> None:
    _, meta = get_data(front_matter(title, description) + "# Body\n")
    assert meta["title"] == html.escape(title)
    assert meta["description"] == html.escape(description)


def test_an_emoji_title_reaches_the_heading_the_tab_and_the_description(tmp_path: Path) -> None:
    files = fixture_files()
    files["content/stories/newer.md"] = story_md(title='"Hope 🌈 again: A & B"').replace(
        "summary: A short summary.", "summary: 'Rainbows 🌈 & \"friends\"'"
    )
    write(tmp_path, files)
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.output
    tree = HTMLParser((result.site / "stories/newer/index.html").read_text(encoding="utf-8"))
    assert tree.css_first("article h1").text(deep=False) == "Hope 🌈 again: A & B"
    assert tree.css_first("head title").text().startswith("Hope 🌈 again: A & B")
    meta = tree.css_first('head meta[name="description"]').attributes["content"]
    assert meta == 'Rainbows 🌈 & "friends"'
