"""'Related' links: pages that share topic tags, across articles, FAQ topics and stories."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..i18n import DEFAULT_LANGUAGE, translator
from .markdown import md_escape, relative

MAX_RELATED = 5


@dataclass(frozen=True)
class Item:
    """A page that can be related to others: where it is, its title and tags."""

    src_uri: str
    title: str
    kind: str  # "article", "faq", "story": shown to readers
    topics: frozenset[str]
    #: Labels of the topics this page shares with the page that links to it
    #: (set by ``related_index``): the reader sees why it is related.
    shared: tuple[str, ...] = ()
    #: A composite story: labelled as the team's writing wherever it is linked.
    composite: bool = False


#: From each shared tag, only the first candidates (by kind, then title) are
#: weighed: enough to find the best few, without comparing every story with
#: every other one on a large site.
CANDIDATES_PER_TAG = 60


def related_index(
    items: list[Item],
    limit: int = MAX_RELATED,
    label: Callable[[str], str] = str,
) -> dict[str, list[Item]]:
    """For each page, pages sharing most tags with it (ties: articles, FAQ, stories, by title).

    Each related page comes back with ``shared`` set to the labels (``label``
    of each tag, alphabetical) of the topics it shares with the page.

    Each tag's pages are sorted once; a page then weighs only the first
    ``CANDIDATES_PER_TAG`` of each of its tags, so the cost grows with the
    number of pages, not with the square of the pages sharing a popular tag.
    """
    order = {"article": 0, "faq": 1, "story": 2}

    def rank(item: Item) -> tuple[int, str, str]:
        return (order.get(item.kind, 9), item.title.lower(), item.src_uri)

    by_tag: dict[str, list[Item]] = {}
    for item in items:
        for tag in item.topics:
            by_tag.setdefault(tag, []).append(item)
    for bucket in by_tag.values():
        bucket.sort(key=rank)
    ranks = {item.src_uri: rank(item) for item in items}
    result: dict[str, list[Item]] = {}
    for item in items:
        shared: dict[str, int] = {}
        lookup: dict[str, Item] = {}
        for tag in item.topics:
            taken = 0
            for other in by_tag[tag]:
                if other.src_uri == item.src_uri:
                    continue
                shared[other.src_uri] = shared.get(other.src_uri, 0) + 1
                lookup[other.src_uri] = other
                taken += 1
                if taken >= CANDIDATES_PER_TAG:
                    break
        best = heapq.nsmallest(limit, shared, key=lambda uri: (-shared[uri], ranks[uri]))
        result[item.src_uri] = [
            replace(
                lookup[uri],
                shared=tuple(
                    sorted((label(t) for t in item.topics & lookup[uri].topics), key=str.lower)
                ),
            )
            for uri in best
        ]
    return result


KIND_LABELS = {"article": "Article", "faq": "Questions", "story": "Story"}


def related_markdown(items: list[Item], source_uri: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A 'Related' section linking from ``source_uri`` to ``items``."""
    if not items:
        return ""
    t = translator(language)
    lines = [
        f"- [{md_escape(i.title)}]({relative(i.src_uri, source_uri)}) ("
        + (t("stories.composite") if i.composite else t(f"related.{i.kind}"))
        + (f": {md_escape(', '.join(i.shared))})" if i.shared else ")")
        for i in items
    ]
    # Kept out of search: it only repeats other pages' titles.
    return (
        '\n<div class="rs-related-links" data-pagefind-ignore markdown>\n\n'
        f"## {t('related.title')} {{ .rs-related }}\n\n" + "\n".join(lines) + "\n\n</div>\n"
    )
