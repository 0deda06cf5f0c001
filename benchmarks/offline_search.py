"""How long a search takes in the offline edition, opened from disk in Chromium.

    python benchmarks/offline_search.py SITE_OFFLINE_DIR [QUERY ...]

Opens SITE_OFFLINE_DIR/index.html through file:// and times, for each query,
``rsOfflineSearch.search`` and the first five results' ``data()`` (what the
dialog shows at once): first in a fresh page (index files loaded from disk),
then again in the same page (files already loaded). Also prints the index's
size. Build the site first: ./scripts/build --offline, or for the benchmark
corpus, mkdocs build -f mkdocs.offline.yml then recovery-site offline.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from recovery_site.chromium import CHROMIUM_ARGS, find_chromium

TIMED = """async (query) => {
  const started = performance.now();
  const found = await window.rsOfflineSearch.search(query);
  const shown = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
  return [performance.now() - started, found.results.length, shown.length];
}"""


def index_size(site: Path) -> str:
    folder = site / "search-offline"
    sizes = {"pages": 0, "words": 0, "texts": 0}
    for path in folder.iterdir():
        kind = {"p": "pages", "w": "words", "t": "texts"}[path.name[0]]
        sizes[kind] += path.stat().st_size
    files = len(list(folder.iterdir()))
    parts = ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in sizes.items())
    return f"{files} files, {sum(sizes.values()) / 1024:.0f} KiB ({parts})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("queries", nargs="*", default=["naloxone", "support group", "cravi"])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    site = args.site.resolve()
    print(f"index: {index_size(site)}")
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("no chromium on PATH (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for query in args.queries:
            cold, warm = [], []
            for _ in range(args.runs):
                page = browser.new_page()
                page.goto((site / "index.html").as_uri())
                ms, count, _shown = page.evaluate(TIMED, query)
                cold.append(ms)
                warm.append(page.evaluate(TIMED, query)[0])
                page.close()
            print(
                f"{query!r}: {count} results; first search {statistics.median(cold):.0f} ms, "
                f"again {statistics.median(warm):.0f} ms (median of {args.runs})"
            )
        browser.close()


if __name__ == "__main__":
    main()
