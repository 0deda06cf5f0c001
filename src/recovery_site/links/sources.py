"""Map a built page back to the file an editor would fix, and find the line."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


class SourceFinder:
    """Guesses the source of a page from the site's conventions.

    ``faq/<topic>/`` (or ``faq/<topic>.html`` in the offline edition) comes
    from ``content/faq/<topic>.yml``, ``stories/<slug>/`` from
    ``content/stories/<slug>.md``, anything else from ``docs/``. When the
    link's text is not in that source, it came from a template: the page's
    HTML is named instead, with the line where the link is.
    """

    def __init__(self, root: Path, site: Path) -> None:
        self.root = root
        self.site = site
        self._sources: dict[str, str | None] = {}

    def candidates(self, page: str) -> list[str]:
        parts = page.split("/")
        stem = "/".join(parts[:-1]) if parts[-1] == "index.html" else page.removesuffix(".html")
        out = []
        if len(parts) == 3 and parts[0] == "faq" and parts[2] == "index.html":
            out.append(f"content/faq/{parts[1]}.yml")
        if len(parts) == 3 and parts[0] == "stories" and parts[2] == "index.html":
            out.append(f"content/stories/{parts[1]}.md")
        # The offline edition (no directory URLs): faq/<topic>.html, stories/<slug>.html.
        if len(parts) == 2 and parts[0] == "faq" and parts[1] != "index.html":
            out.append(f"content/faq/{stem.split('/')[1]}.yml")
        if len(parts) == 2 and parts[0] == "stories" and parts[1] != "index.html":
            out.append(f"content/stories/{stem.split('/')[1]}.md")
        if stem:
            out += [f"docs/{stem}.md", f"docs/{stem}/index.md", f"docs/{stem}/README.md"]
        else:
            out += ["docs/index.md", "docs/README.md"]
        return out

    def source(self, page: str) -> str | None:
        """The source file of ``page``, looked for once per page (a page has many links)."""
        try:
            return self._sources[page]
        except KeyError:
            pass
        found = next((c for c in self.candidates(page) if (self.root / c).is_file()), None)
        self._sources[page] = found
        return found

    def is_source(self, path: str) -> bool:
        """True for a content or docs file, False for a built page."""
        return not path.startswith(f"{self.site.name}/")

    def locate(self, page: str, target: str) -> tuple[str, int, int]:
        """``(path, line, col)`` of ``target`` in the page's source, else in its HTML."""
        return self.locate_in_source(page, target) or self.locate_in_html(page, target)

    def locate_in_source(self, page: str, target: str) -> tuple[str, int, int] | None:
        """``(path, line, col)`` of ``target`` in the page's source; None if not there."""
        source = self.source(page)
        if source is not None:
            found = _find(_read(self.root / source), target)
            if found:
                return (source, *found)
        return None

    def locate_in_html(self, page: str, target: str) -> tuple[str, int, int]:
        """``(path, line, col)`` of ``target`` in the built page (line 1 if not found)."""
        html = f"{self.site.name}/{page}"
        found = _find(_read(self.site / page), target)
        return (html, *(found or (1, 1)))


@lru_cache(maxsize=4096)
def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _find(text: str, target: str) -> tuple[int, int] | None:
    """Line and column of the target, or of its fragment or last path part."""
    needles = [target]
    if "#" in target:
        needles.append("#" + target.split("#", 1)[1])
    tail = target.split("#")[0].rstrip("/").rsplit("/", 1)[-1]
    if tail and tail not in ("..", "."):
        needles.append(tail)
    for needle in needles:
        index = text.find(needle)
        if index >= 0:
            before = text[:index]
            return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1
    return None
