"""The last lock: every page's content HTML through an allow-list sanitiser.

Checks report raw HTML, attribute lists and script links at their line, and
the renderer escapes raw HTML in contributors' Markdown; but Markdown has
many corners where a look at the source can be fooled. This runs on the
HTML the Markdown became, on every page (FAQ answers, stories, articles and
the includes appended to them), so whatever the source looked like, only
the elements and attributes that Markdown and our renderers produce reach a
reader.

It is nh3 (Rust's Ammonia, an html5ever parse, so the tree is the one a
browser builds) with an allow-list, not a deny-list: an attribute nobody
thought of is dropped, not kept. Beyond Ammonia's own rules:

- ``id`` values that name the theme's own elements (Material reads its
  settings with ``querySelector("#__config")``; content comes first in the
  page) are dropped: only heading-style ids survive;
- ``src`` of images and media must stay on this site, resolved the way a
  browser resolves it (``urls.stays_on_site``): no request to another host,
  however the URL is spelt (``//host``, ``/\\host``, ``https:host``);
- ``data-*`` attributes are dropped except ``data-pagefind-ignore``, which our
  renderers use to keep source lists out of search, and the one search label
  a composite story carries (``data-pagefind-meta="basis:composite"``).
"""

from __future__ import annotations

import re

import nh3

from ..urls import stays_on_site

#: Elements Markdown, its extensions (admonition, details, abbr, tables,
#: footnotes, def_list, toc, code highlighting) and our renderers produce.
ALLOWED_TAGS = frozenset(
    {
        *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"),
        *("em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup"),
        *("kbd", "abbr", "q", "cite", "dfn", "span", "div", "a", "img", "figure", "figcaption"),
        *("ul", "ol", "li", "dl", "dt", "dd", "details", "summary", "nav", "section", "aside"),
        *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col"),
    }
)
#: Elements removed with everything inside them (not unwrapped to their text).
REMOVED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math"}
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir", "data-pagefind-ignore", "data-pagefind-meta"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "abbr": set(),
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "td": {"colspan", "rowspan", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "nav": {"aria-label"},
    "section": {"aria-label"},
    "aside": {"aria-label"},
}
#: Link schemes a reader may follow (relative links need none).
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
#: An id worth keeping: what the toc extension and our renderers write (lower
#: case, so no id can stand for a script's camelCase global such as
#: ``window.rsOfflineSearch``). Ids
#: starting with ``__`` or ``md-`` name Material's own elements (``__config``,
#: ``__search``, ``__drawer`` ...) and ``rs-`` ours: a page must not shadow them.
_SAFE_ID = re.compile(r"(?!__|md-|rs-)[a-z0-9_:.-]{1,200}\Z")
_FETCHING = {("img", "src"), ("a", "ping")}
#: The only search metadata content may carry: a composite story's label.
PAGEFIND_META = frozenset({"basis:composite"})


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id" or (element == "a" and attribute == "name"):
        return value if _SAFE_ID.match(value) else None
    if attribute == "data-pagefind-meta":
        # Only the label our story renderer sets; any other meta could retitle a page in search.
        return value if value in PAGEFIND_META else None
    if (element, attribute) in _FETCHING:
        return value if stays_on_site(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def sanitize_html(fragment: str) -> str:
    """``fragment`` with only allowed elements, attributes and URLs left."""
    if "<" not in fragment:
        return fragment
    return _CLEANER.clean(fragment)
