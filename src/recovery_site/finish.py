"""``recovery-site finish SITE``: the plugin's output steps, on a site any engine built.

For a site built from ``recovery-site render --out`` (``prerender.py``) with no
plugin: each page's content, found between the markers the pre-render wrote,
goes through the sanitiser exactly as the plugin's ``on_page_content`` does;
every page then gets the theme repairs (``theme_fixes.fix_html``) and the
Content-Security-Policy and referrer policy (``page_policy``), as the plugin's
``on_post_page`` does; last, Pagefind indexes the finished site.
"""

from __future__ import annotations

import re
from pathlib import Path

from .page_policy import add_page_policies
from .prerender import CONTENT_CLOSE, CONTENT_OPEN
from .render.sanitize import sanitize_html
from .search_index import build_search_index
from .theme_fixes import fix_html

#: A heading's start tag right before the opening marker (``with_markers`` puts it there).
_HEADING_START = re.compile(r"<h[1-6](?:\s[^<>]*)?>\Z")


class FinishError(Exception):
    """A page whose content cannot be found exactly: it is not published unsanitised."""


#: Pages an engine writes from its theme alone, with no content markers.
THEME_PAGES = frozenset({"404.html"})

#: What Python-Markdown's footnotes extension writes, found after the content.
_FOOTNOTES = re.compile(r'<div class="footnote"', re.I)


def finish_page(page: str, name: str = "page") -> str:
    """One built page as the plugin would have written it.

    A page with no content markers is refused (unless it is a theme page such
    as 404.html): it was not built from ``render``'s output, or something
    removed the markers, and its content would go out unsanitised.
    """
    start, end = page.find(CONTENT_OPEN), page.rfind(CONTENT_CLOSE)
    if start == -1 and end == -1 and name not in THEME_PAGES:
        raise FinishError(
            f"{name}: no content markers of `recovery-site render` (was the site built from "
            "its output, and did nothing remove HTML comments?): not published"
        )
    if end != -1 and _FOOTNOTES.search(page, end):
        raise FinishError(
            f"{name}: footnotes were written after the page's content, outside what is "
            "sanitised (render the site again: it places them inside)"
        )
    if start != -1 or end != -1:
        if start == -1 or end == -1 or end < start:
            raise FinishError(
                f"{name}: the content markers of `recovery-site render` are not both there "
                "(an unclosed code block or HTML element in the page?): not published"
            )
        heading = _HEADING_START.search(page, 0, start)
        begin = heading.start() if heading else start
        content = page[begin:start] + page[start + len(CONTENT_OPEN) : end]
        page = page[:begin] + sanitize_html(content) + page[end + len(CONTENT_CLOSE) :]
    return add_page_policies(fix_html(page))


def finish_site(site: Path, *, search: bool = True) -> int:
    """Finish every HTML page of ``site`` in place, then index it; returns the page count."""
    pages = sorted(site.rglob("*.html"))
    finished = {}
    for path in pages:  # every page first: nothing is written if one fails
        name = path.relative_to(site).as_posix()
        finished[path] = finish_page(path.read_text(encoding="utf-8"), name)
    for path, text in finished.items():
        path.write_text(text, encoding="utf-8")
    if search:
        build_search_index(site)
    return len(pages)
