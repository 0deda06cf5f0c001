"""Links between pages: every link an editor writes resolves in the site that will be built.

MkDocs checks links in the Markdown of every page (``validation:`` in
mkdocs.yml) and a strict build fails on what it finds, but it reports them
against the *generated* page (``faq/medications.md``) with no line, and only
for what it builds, so links in drafts were never checked. This check
resolves each link the way MkDocs does (``_RelativePathTreeprocessor``:
the path joined to the page's folder, normalised, looked up among the
site's files; anchors among the ids the target page will have) against the
site predicted from the loaded content, and reports it at the line of the
answer, story or article where it is written.

Where each text lands decides how its relative links resolve: an FAQ answer
is part of ``faq/<topic>.md``, a story body is ``stories/<slug>.md`` (a draft
as if it were published) and an article is itself.

Anchors are the ids the page's Markdown produces: question ids on FAQ pages
and the heading slugs MkDocs' ``toc`` extension makes (with the site's
``slugify`` and ``separator`` from mkdocs.yml), found by rendering the linked
page's editor-written Markdown with the site's extensions, only for pages
that a link names with ``#``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown

from ..diagnostics import Diagnostic, error, warning
from ..load import (
    ArticleDoc,
    Project,
    PythonName,
    StoryDoc,
    TopicDoc,
    extension_options,
    plugin_options,
)
from ..markdown_text import link_destinations
from ..paths import (
    FAMILIES_PAGE,
    FAQ_INDEX,
    STORIES_INDEX,
    faq_topic_page,
    list_page,
    story_page,
    topic_page,
)
from .limits import blocking
from .safety import _REF_DEF
from .texts import Text, article_texts, story_texts, topic_texts

#: The site's Markdown extensions that can add ids (mkdocs.yml; snippets left out).
ANCHOR_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "def_list",
    "toc",
    "footnotes",
    "pymdownx.details",
    "pymdownx.superfences",
)
#: Folders of pictures next to the content, published beside its pages.
IMAGE_FOLDERS = {"stories/images/": "stories/images/", "faq/images/": "faq/images/"}
#: The plugin's default (``mkdocs/config.py``: ``stories_per_page``).
STORIES_PER_PAGE = 50
_ID = re.compile(r"""\sid="([^"]*)\"""")
#: What Python-Markdown puts in an e-mail autolink's href (MkDocs skips those).
_AMP_SUBSTITUTE = "\x02amp\x03"


def _is_docs_file(rel: str) -> bool:
    """What MkDocs reads from docs/: its default ``exclude_docs`` drops dot files and templates/."""
    parts = rel.split("/")
    return not any(p.startswith(".") for p in parts) and parts[0] != "templates"


@dataclass
class Site:
    """The pages and files a production build will have, predicted from the content."""

    project: Project
    files: set[str] = field(default_factory=set)
    #: Page path -> the content it is generated from (FAQ topics, stories).
    owners: dict[str, TopicDoc | StoryDoc | ArticleDoc] = field(default_factory=dict)
    drafts: dict[str, StoryDoc] = field(default_factory=dict)
    _anchors: dict[str, frozenset[str]] = field(default_factory=dict)
    _questions: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, project: Project) -> Site:
        site = cls(project)
        for entry in project.tree:
            if entry.link:
                continue
            if entry.folder == "docs" and _is_docs_file(entry.rel):
                site.files.add(entry.rel)
            elif entry.folder == "content":
                for folder, published in IMAGE_FOLDERS.items():
                    if entry.rel.startswith(folder) and "/" not in entry.rel[len(folder) :]:
                        site.files.add(published + entry.rel[len(folder) :])
        site.files |= {FAQ_INDEX, STORIES_INDEX, FAMILIES_PAGE}
        for topic in project.topics:
            site.owners[faq_topic_page(topic.slug)] = topic
        per_topic: dict[str, int] = {}
        for story in project.stories:
            uri = story_page(story.slug)
            if story.story.status == "published":
                site.owners[uri] = story
                for topic in story.story.topics:
                    per_topic[topic_page(topic)] = per_topic.get(topic_page(topic), 0) + 1
            else:
                site.drafts[uri] = story
        # Story lists run over several pages (stories/page/2.md ...), as the plugin pages them.
        per_page = _stories_per_page(project)
        lists = {STORIES_INDEX: len([s for s in project.stories if s.story.status == "published"])}
        for first, count in {**lists, **per_topic}.items():
            pages = max(1, -(-count // per_page))
            site.files |= {list_page(first, n) for n in range(1, pages + 1)}
        for article in project.articles:
            site.owners[article.src_uri] = article
        site.files |= set(site.owners)
        return site

    @cached_property
    def toc(self) -> dict[str, Any]:
        return toc_config(self.project)

    @cached_property
    def renderable(self) -> bool:
        """Whether content may be rendered for its anchors (not over the Markdown limits)."""
        return not blocking(self.project)

    def is_question(self, uri: str, anchor: str) -> bool:
        """Whether ``anchor`` is a question id on FAQ page ``uri`` (always an id: no rendering)."""
        owner = self.owners.get(uri)
        if not isinstance(owner, TopicDoc):
            return False
        if uri not in self._questions:
            self._questions[uri] = frozenset(q.id for q in owner.topic.questions)
        return anchor in self._questions[uri]

    def anchors(self, uri: str) -> frozenset[str] | None:
        """The ids page ``uri`` will have; None when they cannot be known (not ours)."""
        if uri not in self._anchors:
            owner = self.owners.get(uri) or self.drafts.get(uri)
            if owner is None or not self.renderable:
                return None
            self._anchors[uri] = _ids(_page_markdown(owner), self.toc)
        return self._anchors[uri]


def _page_markdown(owner: TopicDoc | StoryDoc | ArticleDoc) -> str:
    """The editor-written part of a page, as the renderer lays it out (for its ids)."""
    if isinstance(owner, TopicDoc):
        parts = [f"# {owner.topic.title}\n"]
        for q in owner.topic.questions:
            parts.append(f"## Q {{ #{q.id} }}\n\n{q.answer}\n")
        return "\n".join(parts)
    if isinstance(owner, StoryDoc):
        return f"# {owner.story.title}\n\n{owner.body}"
    return owner.body


def toc_config(project: Project) -> dict[str, Any]:
    """The site's ``toc`` settings that decide a heading's id: ``slugify`` and ``separator``."""
    options = extension_options(project.root, "toc") if project.root else {}
    config: dict[str, Any] = {}
    if isinstance(options.get("separator"), str):
        config["separator"] = options["separator"]
    name = options.get("slugify")
    if isinstance(name, PythonName) and "." in name:
        module, _, attribute = name.rpartition(".")
        # MkDocs imports the same name when it builds (and stops with its own
        # message when it cannot).
        with contextlib.suppress(ImportError, AttributeError):
            config["slugify"] = getattr(importlib.import_module(module), attribute)
    return config


def _ids(text: str, toc: dict[str, Any]) -> frozenset[str]:
    html = markdown.markdown(
        text, extensions=list(ANCHOR_EXTENSIONS), extension_configs={"toc": toc}
    )
    return frozenset(_ID.findall(html))


def _stories_per_page(project: Project) -> int:
    """The plugin's ``stories_per_page`` (mkdocs.yml), as the build will page the lists."""
    value = plugin_options(project.root).get("stories_per_page") if project.root else None
    return value if isinstance(value, int) and value >= 1 else STORIES_PER_PAGE


@dataclass(frozen=True)
class Placed:
    """An editor's text and the page it is published on."""

    text: Text
    page: str


def _placed_texts(project: Project) -> Iterator[Placed]:
    for topic in project.topics:
        page = faq_topic_page(topic.slug)
        for text in topic_texts(topic):
            if text.kind == "answer":
                yield Placed(text, page)
    for story in project.stories:
        page = story_page(story.slug)
        for text in story_texts(story):
            if text.kind == "body":
                yield Placed(text, page)
    for article in project.articles:
        for text in article_texts(article):
            if text.kind == "body":
                yield Placed(text, article.src_uri)


def _links_in(text: str) -> list[tuple[int, str]]:
    """``(offset, url)`` of the links Markdown will make: an unused reference makes none."""
    found = link_destinations(text)
    if "]:" not in text:
        return found
    unused = set()
    for match in _REF_DEF.finditer(text):
        label = re.escape(match.group("ref"))
        use = re.compile(rf"\[{label}\](?!:)|\]\s*\[{label}\]", re.I)
        if not any(u.start() != match.start("ref") - 1 for u in use.finditer(text)):
            unused.add(match.start("url"))
    return [(offset, url) for offset, url in found if offset not in unused]


def link_problem(site: Site, page: str, url: str) -> tuple[str, str] | None:
    """``(code, why)`` ``url`` written on ``page`` fails the strict build; None if it resolves.

    Follows MkDocs 1.6's ``path_to_url`` and anchor validation step by step.
    """
    try:
        scheme, netloc, path, _query, anchor = urlsplit(url)
    except ValueError:
        return None  # the bad-link check reports it
    if scheme or netloc or _AMP_SUBSTITUTE in url:
        return None  # outside links: `recovery-site links --external`
    if url.startswith(("/", "\\")):
        return "link-not-found", (
            "starts with '/', which only works when the site is served from the top of a "
            "domain; write a relative link (for example ../faq/medications.md)"
        )
    if not path:
        target = page
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
        if target not in site.files and target != page:
            return "link-not-found", _missing(site, target, unquote(path))
    if anchor and not site.is_question(target, anchor):
        ids = site.anchors(target)
        if ids is not None and anchor not in ids:
            known = ", ".join(sorted(ids)[:8]) or "none"
            where = "this page" if target == page else target
            return "anchor-not-found", f"{where} has no anchor '#{anchor}' (it has: {known})"
    return None


def _missing(site: Site, target: str, path: str) -> str:
    if target in site.drafts:
        slug = site.drafts[target].slug
        return f"the story '{slug}' is not published (status: draft), so its page is not built"
    if not posixpath.splitext(path)[1]:
        return (
            f"'{path}' names no file; link to the page's Markdown file (for example "
            f"'{path.rstrip('/') or '..'}.md' or '{path.rstrip('/')}/index.md')"
        )
    return f"no page or file '{target}' in the site"


_PLACEHOLDER = re.compile(r"%%([A-Za-z][A-Za-z0-9_.-]*)%%")


def _filled(url: str, values: dict[str, str]) -> str:
    """The address as the built page holds it: country placeholders filled in.

    A placeholder the profile lacks stays as written; the country check reports it.
    """
    if "%%" not in url:
        return url
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), url)


def _in_default_edition(project: Project, page: str, url: str) -> bool:
    """A translated edition's ``../path.md`` that names a page of the default edition.

    The plugin turns such links into links to the English page (translations
    link to pages not translated yet).
    """
    if project.source is None:
        return False
    path = urlsplit(url).path
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
    if not target.startswith("../"):
        return False
    return target[3:] in Site.of(project.source).files


def check_links(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    site: Site | None = None
    values = project.profile.placeholder_values() if project.profile else {}
    for placed in _placed_texts(project):
        text = placed.text.text
        if "](" not in text and "]:" not in text:
            continue
        site = site or Site.of(project)
        for offset, url in _links_in(text):
            url = _filled(url, values)
            if _PLACEHOLDER.search(url):
                continue  # an unknown placeholder: reported by the country check
            problem = link_problem(site, placed.page, url)
            if problem is not None and _in_default_edition(project, placed.page, url):
                continue  # a translation's link to an English page (../faq/x.md)
            if problem is not None:
                code, why = problem
                message = f"link '{url[:80]}' in the {placed.text.kind} does not work: {why}"
                # Warnings, as MkDocs' own: a preview still builds, a strict build fails.
                if code == "anchor-not-found":
                    yield placed.text.diagnostic(offset, "anchor-not-found", message, warning)
                else:
                    yield placed.text.diagnostic(offset, "link-not-found", message, warning)


def find_link(project: Project, page: str, url: str) -> Diagnostic | None:
    """Where ``url`` on generated or hand-written ``page`` is written, as an error.

    For MkDocs' own link warnings that ``check_links`` did not predict: the
    editor still gets the content file and line, never a generated path.
    """
    site = Site.of(project)
    for placed in _placed_texts(project):
        if placed.page != page:
            continue
        for offset, written in _links_in(placed.text.text):
            if written == url or url.startswith(written):
                return placed.text.diagnostic(
                    offset,
                    "link-not-found",
                    f"link '{written[:80]}' in the {placed.text.kind} does not work in the built "
                    "site",
                )
    owner = site.owners.get(page)
    if owner is not None:
        return error(owner.path, 1, 1, "link-not-found", f"a link '{url[:80]}' does not work")
    return None


CHECKS = (check_links,)


def broken_links(project: Project) -> set[tuple[str, str]]:
    """``(page, url)`` of every link ``check_links`` reports: MkDocs need not say it again."""
    site = Site.of(project)
    return {
        (placed.page, url)
        for placed in _placed_texts(project)
        for _offset, url in _links_in(placed.text.text)
        if link_problem(site, placed.page, url) is not None
    }
