"""The offline edition's search index: plain script files a page opened from disk can load.

Pagefind cannot run from ``file://`` (Chromium blocks ``fetch``, dynamic
``import()`` and workers there), but a ``<script src>`` runs. So the offline
edition ships its index as scripts, each calling one global registration
function of ``docs/javascripts/offline-search.js``:

- ``search-offline/pages.js``: every page's address and title, and every
  section's (a heading with an id: each FAQ question) page, anchor, title and
  length in words (for ranking);
- ``search-offline/w-<c>.js``: the inverted index of the words that start
  with ``c`` (a-z, 0-9, or ``_`` for any other letter), each word with the
  sections it is in and how often, as ``[section gap, count, ...]``;
- ``search-offline/t-<n>.js``: page ``n``'s section texts, loaded only for
  the results shown, to write their excerpts.

A search loads ``pages.js`` and one ``w-`` file per query word, as Pagefind
loads one index chunk per word. What is indexed matches Pagefind online:
the part of a page marked ``data-pagefind-body``, less ``data-pagefind-ignore``
blocks and heading permalinks, split into sections at each heading with an id.
Words are split and folded exactly as ``offline-search.js`` folds a query
(``fold`` and ``words`` here, ``fold`` there).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: Folder of the index in the built site (``RESERVED`` for docs/ files to avoid).
INDEX_DIR = "search-offline"
#: The name ``offline-search.js`` defines; every index file calls it.
REGISTER = "rsOfflineSearch"
#: Removed before indexing, as ``search_index.EXCLUDE_SELECTORS`` tells Pagefind.
IGNORED = "[data-pagefind-ignore], .headerlink"
#: A heading's words count this many times: a question's own words rank first.
TITLE_WEIGHT = 3
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BUCKETS = tuple("abcdefghijklmnopqrstuvwxyz0123456789_")
_WORD = re.compile(r"[^\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f]")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case without accents ("Naloxóne" -> "naloxone"), as the search box folds a query."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def words(text: str) -> list[str]:
    """The words of ``text`` that are indexed: folded, two characters or more."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1]


def bucket(word: str) -> str:
    """The index file a word lives in: its first letter or digit, else ``_``."""
    first = word[0]
    return first if first.isascii() and first.isalnum() else "_"


@dataclass
class Section:
    """Text under one heading with an id (or, with ``anchor`` empty, before the first)."""

    anchor: str
    title: str
    text: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return _SPACE.sub(" ", " ".join(self.text)).strip()


@dataclass
class IndexedPage:
    url: str  # site-relative, e.g. "faq/medications.html"
    title: str
    sections: list[Section]
    #: "composite" for a composite story, so results label it as the team's writing.
    basis: str = ""


def read_page(html: bytes, url: str) -> IndexedPage | None:
    """The searchable sections of one built page, or None if nothing on it is searchable."""
    tree = LexborHTMLParser(html)
    bodies = tree.css("[data-pagefind-body]")
    if not bodies:
        return None
    for node in tree.css(IGNORED):
        node.decompose()
    sections = [Section("", "")]
    for body in bodies:
        for node in body.traverse(include_text=True):
            _read_node(node, sections)
    if not sections[0].text:
        sections.pop(0)
    if not sections:
        return None
    h1 = tree.css_first("[data-pagefind-body] h1")
    title = _text(h1) if h1 is not None else sections[0].title
    composite = tree.css_first('[data-pagefind-body] [data-pagefind-meta="basis:composite"]')
    return IndexedPage(url, title or url, sections, "composite" if composite else "")


def _read_node(node: LexborNode, sections: list[Section]) -> None:
    if node.tag == "-text":
        text = node.text_content or ""
        if text.strip():
            sections[-1].text.append(text)
    elif node.tag in _HEADINGS and node.attributes.get("id"):
        sections.append(Section(node.attributes["id"] or "", _text(node)))


def _text(node: LexborNode) -> str:
    return _SPACE.sub(" ", node.text(separator=" ")).strip()


@dataclass
class IndexStats:
    """What ``write_index`` wrote, for the build's summary line."""

    pages: int
    sections: int
    words: int
    files: int
    bytes: int

    def __str__(self) -> str:
        return (
            f"{self.pages} pages, {self.sections} sections, {self.words} words; "
            f"{self.files} files, {self.bytes / 1024:.0f} KiB"
        )


def site_pages(site: Path) -> list[IndexedPage]:
    """Every searchable page of the built site, in path order."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        url = path.relative_to(site).as_posix()
        if url == "404.html" or url.startswith(INDEX_DIR + "/"):
            continue
        page = read_page(path.read_bytes(), url)
        if page is not None:
            pages.append(page)
    return pages


def build_index(pages: list[IndexedPage]) -> tuple[dict[str, str], int]:
    """The index files' names (below ``search-offline/``) and contents, and the word count."""
    sections: list[list[object]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    texts: dict[str, str] = {}
    for number, page in enumerate(pages):
        for section in page.sections:
            index = len(sections)
            body = words(section.body)
            sections.append([number, section.anchor, section.title, len(body)])
            counts = Counter(body)
            for word in words(section.title):
                counts[word] += TITLE_WEIGHT - 1  # the heading is in the body once already
            for word, count in counts.items():
                postings[word].append(index)
                postings[word].append(count)
        texts[f"t-{number}.js"] = _call("text", number, [_excerpt_text(s) for s in page.sections])
    listed = [[p.url, p.title, p.basis] if p.basis else [p.url, p.title] for p in pages]
    files = {"pages.js": _call("pages", listed, sections)}
    # Every letter has its file, empty or not: a file that fails to load is an error.
    by_bucket: dict[str, dict[str, list[int]]] = {c: {} for c in BUCKETS}
    for word in sorted(postings):
        by_bucket[bucket(word)][word] = _gaps(postings[word])
    for name, table in sorted(by_bucket.items()):
        files[f"w-{name}.js"] = _call("words", name, table)
    files.update(texts)
    return files, len(postings)


def _excerpt_text(section: Section) -> str:
    """A section's text for excerpts: without its heading, which the result shows as its title."""
    body = section.body
    return body[len(section.title) :].lstrip() if body.startswith(section.title) else body


def _gaps(pairs: list[int]) -> list[int]:
    """``[section, count, ...]`` with each section written as the gap from the one before."""
    out, last = [], 0
    for i in range(0, len(pairs), 2):
        out += [pairs[i] - last, pairs[i + 1]]
        last = pairs[i]
    return out


def _call(kind: str, *args: object) -> str:
    """One index file: a call to the registration function (JSON is valid JavaScript)."""
    data = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    # "</script" cannot end anything here (a file, not inline), but U+2028/9 end lines
    # in older JavaScript: escape them so any engine parses the file.
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{REGISTER}.{kind}({data});\n"


def write_index(site: Path) -> IndexStats:
    """Write ``site/search-offline/`` (replacing any old one) from the built pages."""
    pages = site_pages(site)
    files, word_count = build_index(pages)
    folder = site / INDEX_DIR
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    size = 0
    for name, text in files.items():
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        size += len(data)
    sections = sum(len(p.sections) for p in pages)
    return IndexStats(len(pages), sections, word_count, len(files), size)


def write_zip(site: Path, archive: Path, folder_name: str) -> int:
    """Zip ``site`` into ``archive`` under one top folder; replace it only when complete.

    One top folder, so unzipping never scatters files over someone's desktop.
    Returns the archive's size in bytes.
    """
    partial = archive.with_name(f".{archive.name}.tmp-{os.getpid()}")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
            for path in sorted(site.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    out.write(path, f"{folder_name}/{path.relative_to(site).as_posix()}")
        os.replace(partial, archive)
    finally:
        partial.unlink(missing_ok=True)
    return archive.stat().st_size
