"""The build's Pagefind index: every searchable page, each question a deep link."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

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


def test_the_build_indexes_pages_with_their_questions(starter_site: Path) -> None:
    index = fragments(starter_site / "pagefind")
    assert "/faq/recovery-basics/" in index and "/get-help/" in index
    faq = index["/faq/recovery-basics/"]
    assert len(faq["anchors"]) > 3  # each question heading is its own result
    assert all("¶" not in record["content"] for record in index.values())  # permalinks
    assert "/404.html" not in index


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
