"""The search index the build streams to Pagefind equals Pagefind's own over the built site."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from recovery_site.search_index import build_search_index, searchable_page

SIGNATURE = b"pagefind_dcd"


def fragments(index: Path) -> dict[str, dict]:
    """Each indexed page's record (url, text, anchors, title), by URL."""
    found = {}
    for path in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE)
        record = json.loads(data[len(SIGNATURE) :])
        found[record["url"]] = record
    return found


def test_streamed_index_matches_pagefinds_own_index_of_the_site(
    starter_site: Path, tmp_path: Path
) -> None:
    streamed = fragments(starter_site / "pagefind")
    # Pagefind's own indexing of the very same HTML files, as the command line does it.
    site = tmp_path / "site"
    # The English edition only: the Spanish one (site/es/) has its own index.
    shutil.copytree(starter_site, site, ignore=shutil.ignore_patterns("pagefind", "es"))
    build_search_index(site)
    reference = fragments(site / "pagefind")

    assert set(streamed) == set(reference)
    assert "/faq/recovery-basics/" in streamed and "/get-help/" in streamed
    for url, record in reference.items():
        mine = streamed[url]
        for key in ("content", "word_count", "anchors", "meta", "filters"):
            assert mine.get(key) == record.get(key), (url, key)


def test_searchable_page_adds_the_title_heading_only_when_missing() -> None:
    with_heading = searchable_page("T", "<h1>Own</h1><p>x</p>", "en")
    without = searchable_page("Tea & you", "<p>x</p>", "en")
    assert with_heading.count("<h1") == 1 and "Own" in with_heading
    assert "<h1>Tea &amp; you</h1><p>x</p>" in without
    assert '<html lang="en">' in without


def test_composite_stories_are_labelled_in_search_results_too(starter_site: Path) -> None:
    """search.js shows 'Composite story, written by our editorial team' from this meta."""
    records = fragments(starter_site / "pagefind")
    stories = {
        url: r
        for url, r in records.items()
        if url.startswith("/stories/")
        and url.count("/") == 3
        and "/topic/" not in url
        and url != "/stories/"
    }
    assert stories
    for url, record in stories.items():
        assert record["meta"].get("basis") == "composite", url
    assert all(r["meta"].get("basis") is None for u, r in records.items() if u not in stories)
    script = Path(__file__).resolve().parents[1] / "docs/javascripts/search.js"
    assert 'data.meta.basis === "composite"' in script.read_text(encoding="utf-8")
