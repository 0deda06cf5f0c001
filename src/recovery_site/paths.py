"""Where each generated page lives: pure path naming, shared by render and checks.

The renderer writes pages at these paths and the checks must predict every
page the build will write (two sources writing one page is an error, not a
silent overwrite), so both read the names from here. Paths are relative to
the docs directory, as MkDocs' ``src_uri``.
"""

from __future__ import annotations

from .slugs import slugify

FAQ_INDEX = "faq/index.md"
STORIES_INDEX = "stories/index.md"
#: The page for families and friends (``render/families.py`` writes it).
FAMILIES_PAGE = "families/index.md"


def faq_topic_page(slug: str) -> str:
    """``content/faq/<slug>.yml`` -> its page."""
    return f"faq/{slug}.md"


def story_page(slug: str) -> str:
    """``content/stories/<slug>.md`` -> its page."""
    return f"stories/{slug}.md"


def tag_slug(topic: str) -> str:
    """The path segment of a topic tag (tags are slugs; checks report others)."""
    return slugify(topic) or "other"


def topic_page(topic: str) -> str:
    """Where the stories of one topic are listed, under docs/ (always a slug)."""
    return f"stories/topic/{tag_slug(topic)}.md"


def list_page(first_page: str, number: int) -> str:
    """Where page ``number`` of a story list lives (page 1 is ``first_page`` itself).

    ``stories/index.md`` -> ``stories/page/2.md``;
    ``stories/topic/x.md`` -> ``stories/topic/x/page/2.md``.
    """
    if number == 1:
        return first_page
    folder = first_page.removesuffix(".md").removesuffix("/index")
    return f"{folder}/page/{number}.md"


def output_page(src_uri: str) -> str:
    """The HTML file MkDocs writes for ``src_uri`` with directory URLs (its default).

    ``a/b.md`` and ``a/b/index.md`` both become ``a/b/index.html``: two pages
    with one output overwrite each other, so clashes are compared on this.
    ``README.md`` counts as an index, as MkDocs treats it.
    """
    stem = src_uri.removesuffix(".md")
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/index.html" if folder else "index.html"
    return f"{stem}/index.html"
