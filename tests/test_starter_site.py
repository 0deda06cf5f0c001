"""The repository's own site builds strictly and meets the foundation's promises."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from conftest import REPO
from selectolax.lexbor import LexborHTMLParser as HTMLParser

# Elements and attributes that make a browser fetch something.
FETCHING = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
    "link": "href",  # stylesheets, icons, preloads, manifests
}
CSS_URL = re.compile(r"url\(\s*['\"]?(https?:)?//", re.I)


def test_recovery_basics_has_ten_anchored_questions(starter_site: Path) -> None:
    data = yaml.safe_load((REPO / "content/faq/recovery-basics.yml").read_text(encoding="utf-8"))
    ids = [q["id"] for q in data["questions"]]
    assert len(ids) == 10
    tree = HTMLParser((starter_site / "faq/recovery-basics/index.html").read_text(encoding="utf-8"))
    headings = [
        h
        for h in tree.css("article h2[id]")
        if "rs-related" not in (h.attributes.get("class") or "")
    ]
    assert [h.attributes["id"] for h in headings] == ids


def test_stories_index_lists_published_stories_only(starter_site: Path) -> None:
    tree = HTMLParser((starter_site / "stories/index.html").read_text(encoding="utf-8"))
    listed = {a.attributes["href"].strip("/") for a in tree.css("article li a")}
    stories = {}
    for path in (REPO / "content/stories").glob("*.md"):
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        stories[path.stem] = yaml.safe_load(front)["status"]
    assert "draft" in stories.values(), "the starter content should include a draft"
    assert listed == {slug for slug, status in stories.items() if status == "published"}
    for slug, status in stories.items():
        assert (starter_site / "stories" / slug / "index.html").exists() == (status == "published")


def test_no_page_loads_anything_from_another_host(starter_site: Path) -> None:
    pages = sorted(starter_site.rglob("*.html"))
    assert pages
    for path in pages:
        tree = HTMLParser(path.read_text(encoding="utf-8"))
        for tag, attr in FETCHING.items():
            for node in tree.css(f"{tag}[{attr}]"):
                url = node.attributes[attr] or ""
                if tag == "link" and (node.attributes.get("rel") or "") in (
                    "canonical",
                    "alternate",
                ):
                    continue
                assert not urlsplit(url).netloc, f"{path}: <{tag} {attr}={url!r}>"
        for node in tree.css("[style], style"):
            css = (node.attributes.get("style") or "") + node.text()
            assert not CSS_URL.search(css), f"{path}: external url() in CSS"
    for css in starter_site.rglob("*.css"):
        assert not CSS_URL.search(css.read_text(encoding="utf-8")), css
