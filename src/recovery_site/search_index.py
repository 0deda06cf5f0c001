"""Build the Pagefind search index of a site (adapter: drives the ``pagefind[bin]`` program).

Pagefind splits the index into small chunks that a browser fetches only for
the words searched, so a search costs a reader a few kilobytes of index, not
the whole index. Only page content marked ``data-pagefind-body`` is indexed.

Each FAQ answer is a record of its own: its address is the question's deep
link (``/faq/<topic>/#<id>``), its title the question, its text the answer,
and its ``topic`` meta the topic page's title. Showing a result fetches that
answer's fragment (about 0.5 KiB gzip), not the whole 50-answer page's
(10 KiB or more). The topic page stays a record too, without its answers: its
title, introduction and review notice, so a search for a topic's name finds
the topic page, and no answer is found twice.

How: Pagefind's service mode (``pagefind --service``: requests and answers
as base64 JSON separated by commas, the protocol of Pagefind's own Python and
Node wrappers), one request to index the site's folder as the command would
(answers left out by ``ANSWER_SELECTOR``), one per answer with its deep link
as address, one to write the files. Not the command: it names each record by
its file, so a record cannot have an address with ``#``. Not the
``pagefind`` Python wrapper: it waits 0.1 s before reading each reply, so
2,000 answers would take 200 s (30 took 3.2 s). The wrapper's version is
pinned with the binary's in ``pyproject.toml``; a build test indexes a site
with this client, so a changed protocol fails the tests, not a deployment.

The index is built once the site is written: about 1 s for the benchmark
corpus' 1,939 pages, then about 0.5 ms per answer. (Feeding Pagefind each
page as it was rendered saved under 10% of the build and was removed:
figures in ``git log``.)
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .render.faq import ANSWER_CLASS


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site (the MkDocs plugin turns it into a PluginError)."""


#: Heading permalinks ("¶") are not words.
EXCLUDE_SELECTORS = (".headerlink",)
#: FAQ answers (``render/faq.py``): indexed one by one, so not as part of their page.
ANSWER_SELECTOR = f"details.{ANSWER_CLASS}"
#: A FAQ topic page's address, in any edition: /faq/<topic>/ or /es/faq/<topic>/.
FAQ_PAGE = re.compile(r"^/(?:[a-z]{2}/)?faq/[^/]+/$")
#: Longest the whole index may take before the build fails (the command's old limit).
TIMEOUT_S = 600


@dataclass(frozen=True)
class Answer:
    """One FAQ answer as a search record."""

    url: str  # the question's deep link, site-absolute: /faq/<topic>/#<id>
    question: str
    topic: str  # the topic page's title
    language: str  # the page's <html lang>
    body: str  # the answer's HTML, as Pagefind should index it

    def page(self) -> str:
        """A small HTML page that Pagefind indexes as this record.

        The question is the title and the first words; ``data-pagefind-ignore``
        blocks of the answer (sources, the way back) stay ignored; the topic is
        metadata, shown beside the result but not searched.
        """
        question, topic = html.escape(self.question), html.escape(self.topic)
        return (
            f'<!doctype html><html lang="{html.escape(self.language)}"><head>'
            f'<meta charset="utf-8"><title>{question}</title></head><body>'
            f'<p data-pagefind-meta="topic" data-pagefind-ignore>{topic}</p>'
            f'<div data-pagefind-body><h1 data-pagefind-meta="title">{question}</h1>'
            f"{self.body}</div></body></html>"
        )


def page_url(site_dir: Path, path: Path) -> str:
    """A built page's address as Pagefind gives it: ``faq/x/index.html`` is ``/faq/x/``."""
    url = "/" + path.relative_to(site_dir).as_posix()
    return url.removesuffix("index.html")


def faq_answers(site_dir: Path) -> Iterator[Answer]:
    """Every FAQ answer in the searchable part of the built pages, in path order."""
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        url = page_url(site_dir, path)
        # Only FAQ topic pages hold answers (render/faq.py); parse only those that may.
        if FAQ_PAGE.match(url) and ANSWER_CLASS in text:
            yield from page_answers(text, url)


def page_answers(text: str, url: str) -> Iterator[Answer]:
    """The answers of one built FAQ page (``url`` its address)."""
    tree = LexborHTMLParser(text)
    root = tree.css_first("html")
    language = (root.attributes.get("lang") if root is not None else None) or ""
    h1 = tree.css_first("[data-pagefind-body] h1")
    topic = _text(h1) if h1 is not None else ""
    for answer in tree.css(f"[data-pagefind-body] {ANSWER_SELECTOR}"):
        heading = answer.css_first("summary [id]")
        anchor = heading.attributes.get("id") if heading is not None else None
        if heading is None or not anchor:
            # Not an answer as render/faq.py writes one (its question is a heading
            # with an id). Never given the page's own address: that record is the
            # page's, and would be replaced.
            continue
        question = _text(heading)
        summary = answer.css_first("summary")
        if summary is not None:
            summary.decompose()
        for node in answer.css("[id]"):
            # Pagefind would make "#<question>#<id>" links of headings in an answer.
            del node.attrs["id"]
        body = "".join(child.html or "" for child in answer.iter(include_text=True))
        yield Answer(f"{url}#{anchor}", question, topic, language, body)


def _text(node: LexborNode) -> str:
    for link in node.css(".headerlink"):
        link.decompose()
    return " ".join(node.text().split())


def build_search_index(site_dir: Path) -> None:
    """Index ``site_dir`` into ``site_dir/pagefind/``; fail the build on error."""
    site_dir = site_dir.resolve()
    answers = list(faq_answers(site_dir))
    with _Pagefind() as pagefind:
        config = {"exclude_selectors": [*EXCLUDE_SELECTORS, ANSWER_SELECTOR]}
        index = pagefind.request({"type": "NewIndex", "config": config})["index_id"]
        pagefind.request({"type": "AddDir", "index_id": index, "path": str(site_dir)})
        for answer in answers:
            pagefind.request(
                {
                    "type": "AddFile",
                    "index_id": index,
                    "url": answer.url,
                    "file_path": None,
                    "file_contents": answer.page(),
                }
            )
        output = str(site_dir / "pagefind")
        pagefind.request({"type": "WriteFiles", "index_id": index, "output_path": output})


class _Pagefind:
    """``pagefind --service``, one request at a time: send one, read its reply.

    Nothing is sent while a reply is unread, so neither side can block the
    other on a full pipe, and no thread is needed but the time limit's.
    """

    def __init__(self) -> None:
        self._messages = 0
        self._unread = b""
        self._timed_out = False

    def __enter__(self) -> _Pagefind:
        from pagefind.service import get_executable  # the pagefind[bin] wheel's binary

        binary = get_executable()
        if binary is None:
            raise SearchIndexError("could not build the search index: no Pagefind binary")
        self._log = tempfile.TemporaryFile()  # Pagefind's messages, for an error; closed on exit
        try:
            self._process = subprocess.Popen(
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._log,
            )
        except OSError as exc:
            self._log.close()
            raise SearchIndexError(
                f"could not build the search index with Pagefind: {exc}"
            ) from exc
        self._timer = threading.Timer(TIMEOUT_S, self._stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def _stop(self) -> None:
        self._timed_out = True
        self._process.kill()

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):  # it may have stopped already
                self._process.stdin.close()  # the service ends at the end of its input
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request and return Pagefind's reply; raise on an error reply."""
        self._messages += 1
        message = json.dumps({"message_id": self._messages, "payload": payload})
        assert self._process.stdin is not None and self._process.stdout is not None
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            self._process.stdin.flush()
            while b"," not in self._unread:
                chunk = self._process.stdout.read1(1 << 16)
                if not chunk:
                    raise SearchIndexError(self._failure("Pagefind stopped"))
                self._unread += chunk
        except OSError as exc:
            raise SearchIndexError(self._failure(f"Pagefind stopped ({exc})")) from exc
        reply, _, self._unread = self._unread.partition(b",")
        try:
            answer = json.loads(base64.b64decode(reply))["payload"]
        except (ValueError, KeyError, TypeError) as exc:  # a Pagefind that speaks otherwise
            raise SearchIndexError(self._failure(f"Pagefind replied {reply[:80]!r}")) from exc
        if answer.get("type") == "Error":
            raise SearchIndexError(
                f"Pagefind failed to build the search index ({payload['type']}): "
                + str(answer.get("message", ""))
            )
        return answer

    def _failure(self, what: str) -> str:
        self._log.seek(0)
        detail = self._log.read().decode("utf-8", "replace").strip().splitlines()[-5:]
        if self._timed_out:
            what += f" after {TIMEOUT_S} s, the time limit,"
        return f"{what} while building the search index: " + " | ".join(detail)
