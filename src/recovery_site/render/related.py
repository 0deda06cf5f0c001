"""'Related' links: pages that share topic tags, across articles, FAQ topics and stories."""

from __future__ import annotations

from dataclasses import dataclass

MAX_RELATED = 5


@dataclass(frozen=True)
class Item:
    """A page that can be related to others: where it is, its title and tags."""

    src_uri: str
    title: str
    kind: str  # "article", "faq", "story": shown to readers
    topics: frozenset[str]


def related_index(items: list[Item], limit: int = MAX_RELATED) -> dict[str, list[Item]]:
    """For each page, the pages sharing most tags with it (ties: articles, FAQ, stories).

    Tags are indexed first, so the cost grows with pages that share a tag,
    not with every pair of pages.
    """
    by_tag: dict[str, list[Item]] = {}
    for item in items:
        for tag in item.topics:
            by_tag.setdefault(tag, []).append(item)
    order = {"article": 0, "faq": 1, "story": 2}
    result: dict[str, list[Item]] = {}
    for item in items:
        shared: dict[str, int] = {}
        lookup: dict[str, Item] = {}
        for tag in item.topics:
            for other in by_tag[tag]:
                if other.src_uri != item.src_uri:
                    shared[other.src_uri] = shared.get(other.src_uri, 0) + 1
                    lookup[other.src_uri] = other
        ranked = sorted(
            shared,
            key=lambda uri: (-shared[uri], order.get(lookup[uri].kind, 9), lookup[uri].title),
        )
        result[item.src_uri] = [lookup[uri] for uri in ranked[:limit]]
    return result


KIND_LABELS = {"article": "Article", "faq": "Questions", "story": "Story"}


def related_markdown(items: list[Item], source_uri: str) -> str:
    """A 'Related' section linking from ``source_uri`` to ``items``."""
    from .markdown import md_escape, relative

    if not items:
        return ""
    lines = [
        f"- [{md_escape(i.title)}]({relative(i.src_uri, source_uri)}) ({KIND_LABELS[i.kind]})"
        for i in items
    ]
    # Kept out of search: it only repeats other pages' titles.
    return (
        '\n<div class="rs-related-links" data-pagefind-ignore markdown>\n\n'
        "## Related { .rs-related }\n\n" + "\n".join(lines) + "\n\n</div>\n"
    )
