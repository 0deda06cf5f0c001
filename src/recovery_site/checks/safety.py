"""Safety: contributor text cannot run script, reshape the page or fetch from other hosts.

Anyone can open a pull request, so every piece of contributor Markdown (FAQ
answers, stories, articles in ``docs/`` and the ``includes/`` appended to
every page) is untrusted and checked by the same rules; the output
sanitiser (``render/sanitize.py``) removes the same things again from the
HTML, whatever the source looked like. Files are checked too: a symbolic
link could publish a file from the build machine, and a file in ``docs/``
could replace one of the theme's scripts.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..diagnostics import Diagnostic, error, note
from ..load import ArticleDoc, Project
from ..markdown_text import (
    editor_comments,
    find_raw_html,
    find_unsafe_links,
    mask_sure_code,
)
from ..urls import stays_on_site
from .texts import (
    Text,
    all_texts,
    article_texts,
    include_texts,
    story_texts,
    topic_texts,
    unreadable_links,
)

#: A snippet line as pymdownx.snippets reads one: at the start of a line.
_SNIPPET = re.compile(r"^[ \t]*;*-+8<-+", re.M)
#: An attribute list as Python-Markdown's attr_list reads one: ``{: ... }`` or ``{ ... }``.
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>[^{}\n]*?)[ \t]*\}")
#: attr_list's tokens: key=value (quoted or not), .class, #id, or a bare word.
_ATTR_TOKEN = re.compile(
    r"""(?P<kv>[^\s=}]+=(?:"[^"]*"|'[^']*'|[^\s}]+))|(?P<word>[^\s=}"']+)|(?P<bad>\S)"""
)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\(\s*<?(?P<url>[^\s)>]*)")
_IMAGE_REF = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\[(?P<ref>[^\]\n]*)\]")
_REF_DEF = re.compile(
    r"^(?:[ \t]*(?:>[ \t]?|[-+*][ \t]|\d{1,9}[.)][ \t]))*[ \t]*\[(?P<ref>[^\]\n]+)\]:"
    r"[ \t]*<?(?P<url>[^\s>]+)",
    re.M,
)
#: Paths a file in docs/ must not take: the theme's assets and the search index.
RESERVED_PREFIXES = ("assets/", "pagefind/", "search/", "search-offline/")
RESERVED_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
#: Front matter Material turns into markup or a template lookup: an unknown
#: icon or status breaks the build, and this site uses neither.
UNSUPPORTED_FRONT_MATTER = ("icon", "status")


def _guarded_texts(project: Project) -> Iterator[Text]:
    for topic in project.topics:
        yield from topic_texts(topic)
    for story in project.stories:
        yield from story_texts(story)
    for article in project.articles:
        yield from article_texts(article)
    for include in project.includes:
        yield from include_texts(include)


def attribute_list_problems(body: str, allowed_classes: set[str]) -> list[str]:
    """What an attribute list sets beyond allowed classes (empty when it is harmless).

    ``id`` can take the place of the theme's settings (``#__config``), ``data-*``
    switches on theme behaviour, ``style`` and ``ping`` fetch from other hosts
    and ``on*`` runs script: so only classes from the allow-list pass.
    """
    problems = []
    for token in _ATTR_TOKEN.finditer(body):
        if token.group("bad"):
            return []  # not an attribute list: Markdown leaves such braces as text
        text = token.group(0)
        if token.group("word") and text.startswith("."):
            if text[1:] not in allowed_classes:
                problems.append(f"class '{text[1:]}'")
        elif text.startswith("#"):
            problems.append(f"id '{text[1:]}'")
        else:
            problems.append(f"attribute '{text.split('=', 1)[0]}'")
    return problems


def _attribute_lists(item: Text, code_free: str, allowed: set[str]) -> Iterator[Diagnostic]:
    for match in _ATTR_LIST.finditer(code_free):
        body = match.group("body")
        if not body:
            continue
        problems = attribute_list_problems(body, allowed)
        if problems:
            yield item.diagnostic(
                match.start(),
                "attribute-list",
                f"attribute list '{match.group(0)[:60]}' in the {item.kind} sets "
                f"{', '.join(problems)}; only these classes may be set: "
                f"{', '.join(sorted(allowed)) or 'none'} (or remove the braces)",
            )


#: An admonition or collapsible block's first line: ``!!! note "Title"``,
#: ``??? tip``, ``???+ warning inline end``. Its words become the block's classes.
_BLOCK_TYPES = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+(?P<words>[^\n\"']*)", re.M)

#: Material's admonition types (and their aliases), and its placement words.
ADMONITION_TYPES = frozenset(
    [
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
        "inline",
        "end",
    ]
)


def _block_types(item: Text, code_free: str, allowed: set[str]) -> Iterator[Diagnostic]:
    """An admonition's type words are classes on the page, as an attribute list's are:
    ``??? rs-answer`` would pass a story's text off as one of our FAQ answers (search
    indexes those as answers), ``!!! md-dialog`` would borrow the theme's styles."""
    if "!!!" not in code_free and "???" not in code_free:
        return
    for match in _BLOCK_TYPES.finditer(code_free):
        for word in match.group("words").split():
            if word.lower() not in ADMONITION_TYPES and word not in allowed:
                yield item.diagnostic(
                    match.start("words"),
                    "admonition-type",
                    f"block type '{word[:40]}' in the {item.kind} is not one of the "
                    "admonition types (note, info, tip, question, warning, danger, example, "
                    "quote ...); use one of those",
                )


def _remote_images(item: Text, code_free: str) -> Iterator[Diagnostic]:
    if "![" not in code_free:
        return
    refs = {m.group("ref").lower(): m.group("url") for m in _REF_DEF.finditer(code_free)}
    found = [(m.start(), m.group("url")) for m in _IMAGE.finditer(code_free)]
    for m in _IMAGE_REF.finditer(code_free):
        url = refs.get((m.group("ref") or m.group("alt")).lower())
        if url is not None:
            found.append((m.start(), url))
    for offset, url in found:
        if url and not stays_on_site(html.unescape(url)):
            yield item.diagnostic(
                offset,
                "remote-image",
                f"image '{url[:60]}' in the {item.kind} would be fetched from another site, "
                "which tells that site who is reading (it is removed from the page); "
                "add the picture to the site instead",
            )


def check_safety(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    allowed = set(project.style.settings.allowed_classes)
    for item in _guarded_texts(project):
        comments = {m.start() for m in editor_comments(item.text)}
        for match in find_raw_html(item.text):
            tag = match.group(0)
            if match.start() in comments:
                # A note for editors: removed from the page, and said so.
                yield item.diagnostic(
                    match.start(),
                    "html-comment",
                    f"the comment '{tag[:40]}' in the {item.kind} is not published (comments "
                    "are notes for editors, removed from the page)",
                    note,
                )
                continue
            shown = tag if len(tag) <= 60 else tag[:57] + "..."
            handler = " with an event handler" if " on" in tag.lower() else ""
            yield item.diagnostic(
                match.start(),
                "raw-html",
                f"raw HTML{handler} in the {item.kind}: '{shown}'; use Markdown instead "
                "(HTML is never published)",
            )
        # Snippet lines work even inside code blocks, so search the raw text.
        for match in _SNIPPET.finditer(item.text if "8<" in item.text else ""):
            yield item.diagnostic(
                match.start(),
                "snippet-include",
                f"'{match.group(0)}' includes another file into the {item.kind}; "
                "paste the text instead",
            )
        code_free = mask_sure_code(item.text)
        if "{" in code_free:
            yield from _attribute_lists(item, code_free, allowed)
        yield from _block_types(item, code_free, allowed)
        yield from _remote_images(item, code_free)
        for offset, url in find_unsafe_links(item.text):
            yield item.diagnostic(
                offset,
                "unsafe-link",
                f"link to '{url[:60]}' in the {item.kind} could run code; link to an https:// "
                "page instead",
            )


def check_link_syntax(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """A link the URL parser cannot read would crash the build: report it instead."""
    for item in all_texts(project):
        yield from unreadable_links(item)


def _front_matter_problems(article: ArticleDoc, templates: set[str]) -> Iterator[Diagnostic]:
    smap = article.source_map
    for key in UNSUPPORTED_FRONT_MATTER:
        if getattr(article.meta, key) is not None:
            line, col = smap.key_at((key,))
            yield error(
                article.path,
                line,
                col,
                "unsupported-front-matter",
                f"'{key}:' is not supported on this site (the theme turns it into markup); "
                "remove it",
            )
    template = article.meta.template
    if template is not None and template not in templates:
        line, col = smap.value_at(("template",))
        known = ", ".join(sorted(templates)) or "none"
        yield error(
            article.path,
            line,
            col,
            "unknown-template",
            f"template '{template}' is not one of the site's templates in overrides/ "
            f"({known}); remove the line or use one of them",
        )


def check_front_matter(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """Front matter the theme would fail on, or print as markup."""
    templates = {
        e.rel
        for e in project.tree
        if e.folder == "overrides" and e.rel.endswith(".html") and "/" not in e.rel
    }
    templates.add("main.html")
    for article in project.articles:
        yield from _front_matter_problems(article, templates)


def check_files(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    """No symbolic links anywhere a build reads; only expected files in docs/."""
    assets = set(project.style.settings.site_assets)
    for entry in project.tree:
        if entry.link:
            yield error(
                entry.path,
                1,
                1,
                "symlink",
                "this is a symbolic link; links are never followed (one could publish a file "
                "from outside the repository, such as a password): copy the file in instead",
            )
            continue
        if entry.folder == "docs":
            yield from _docs_file(entry.path, entry.rel, assets)
        elif entry.folder == "includes" and not entry.rel.endswith(".md"):
            yield error(
                entry.path,
                1,
                1,
                "unexpected-file",
                "only Markdown (.md) files belong in includes/; remove this file",
            )


def _docs_file(path: str, rel: str, assets: set[str]) -> Iterator[Diagnostic]:
    suffix = PurePosixPath(rel).suffix.lower()
    if rel.startswith(RESERVED_PREFIXES) or rel in RESERVED_FILES:
        yield error(
            path,
            1,
            1,
            "shadows-theme-file",
            f"docs/{rel} would take the place of a file the theme or the search writes; "
            "move it elsewhere (for example docs/images/)",
        )
    elif suffix != ".md" and suffix not in IMAGE_SUFFIXES and rel not in assets:
        yield error(
            path,
            1,
            1,
            "unexpected-file",
            f"docs/{rel} would be published as it is; only Markdown pages, images "
            f"({', '.join(IMAGE_SUFFIXES)}) and the site's own files (site_assets in "
            "content/style/checks.yml) belong in docs/",
        )


CHECKS = (check_safety, check_link_syntax, check_front_matter, check_files)
