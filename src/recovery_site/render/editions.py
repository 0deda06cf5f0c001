"""Language editions: where each page lives in every language, for the switcher and hreflang.

The default language's edition is the site's root; every other language is
a whole edition under ``/<language>/`` built from ``content/<language>/`` and
``docs/<language>/``. A translated page has the same path in its edition as
its source (``docs/es/get-help.md`` translates ``docs/get-help.md``,
``content/es/faq/medications.yml`` translates ``content/faq/medications.yml``),
so "the same page in the other language" is the same path under the other
prefix, when that edition has it; otherwise the switcher goes to its home.
"""

from __future__ import annotations

import html
import posixpath
import re

from ..i18n import DEFAULT_LANGUAGE
from ..load import Project
from . import page_recipes
from .country import excluded_articles

#: Folders of docs/ that every language's edition publishes from the one copy.
SHARED_ASSETS = ("stylesheets", "javascripts")


def prefix(language: str) -> str:
    """Where an edition lives below the site's root: ``""`` or ``"es/"``."""
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def page_uris(project: Project) -> set[str]:
    """Every page an edition builds, as paths under its docs folder (``faq/medications.md``)."""
    left_out = set(excluded_articles(project))
    pages = {a.src_uri for a in project.articles if a.src_uri not in left_out}
    return pages | {recipe.src_uri for recipe in page_recipes(project)}


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """``faq/medications.md`` -> ``faq/medications/`` (or ``.html``), as MkDocs writes it."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def href(target: str, current: str) -> str:
    """A link from the page at ``current`` to ``target`` (both below the whole site's root)."""
    here = current if current.endswith("/") else posixpath.dirname(current) + "/"
    if here == "/":
        here = ""
    relative = posixpath.relpath(target or ".", here or ".")
    if (not target or target.endswith("/")) and not relative.endswith("/"):
        relative += "/"
    return "./" if relative in (".", "./") else relative


def alternates(
    src_uri: str, language: str, editions: dict[str, set[str]], directory_urls: bool = True
) -> list[tuple[str, str, bool]]:
    """(language, link, same page) for every edition, from the page ``src_uri`` of ``language``.

    The link is relative to the current page; ``same page`` is False when the
    other edition has no such page and the link goes to its home instead.
    """
    current = prefix(language) + page_url(src_uri, directory_urls)
    out = []
    for other, pages in editions.items():
        same = src_uri in pages
        page = src_uri if same else "index.md"
        target = prefix(other) + page_url(page, directory_urls)
        out.append((other, href(target, current), same))
    return out


#: A Markdown link out of a translated edition's docs folder: [text](../path.md#anchor).
PARENT_LINK = re.compile(r"\[([^\]\n]+)\]\(\.\./([^)#\s]+\.md)(#[^)\s]*)?\)")


def links_to_default_edition(
    markdown: str, src_uri: str, language: str, english: set[str], directory_urls: bool = True
) -> str:
    """``[text](../faq/x.md)`` in a translation: a link to the English page, if it exists.

    An engine validates links only inside one edition's docs folder, so the
    link is written as HTML (the sanitiser keeps it); a missing target stays a
    Markdown link and fails validation as usual. ``english``: the default
    edition's pages (``page_uris``).
    """
    if language == DEFAULT_LANGUAGE:
        return markdown
    current = prefix(language) + page_url(src_uri, directory_urls)

    def link(match: re.Match[str]) -> str:
        text, target, anchor = match.group(1), match.group(2), match.group(3) or ""
        if target not in english:
            return match.group(0)
        url = href(page_url(target, directory_urls), current) + anchor
        return f'<a href="{html.escape(url)}" hreflang="en">{text}</a>'

    return PARENT_LINK.sub(link, markdown)
