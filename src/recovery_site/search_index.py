"""Build the Pagefind search index of a site (adapter: runs the ``pagefind[bin]`` program).

Pagefind splits the index into small chunks that a browser fetches only for
the words searched, so a search costs a reader a few hundred kilobytes, not
the whole index. Only page content marked ``data-pagefind-body`` is indexed;
each question heading with an id becomes its own result with a deep link.

Two ways in, same index:

- ``PageStream`` hands each page to a Pagefind service process as soon as
  its content is rendered (``searchable_page``: the searchable part only,
  exactly as the theme will wrap it), so Pagefind indexes and then writes
  the index on the second core while MkDocs is still writing pages. This
  speaks Pagefind's ``--service`` protocol (base64 JSON messages separated by
  commas, as pagefind's own Python and Node APIs do) directly: the Python
  API waits 0.1 s per reply, which is three minutes on 1,800 pages.
- ``build_search_index`` runs the Pagefind command over a finished site:
  used when not every page went through the stream (``mkdocs serve
  --dirty`` rebuilds only changed pages).
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site (the MkDocs plugin turns it into a PluginError)."""


#: Heading permalinks ("¶") are not words.
EXCLUDE_SELECTORS = (".headerlink",)
#: The longest wait for one reply from Pagefind (writing a large index included).
WAIT_LIMIT_S = 600


def build_search_index(site_dir: Path) -> None:
    """Run Pagefind (the ``pagefind[bin]`` wheel) on ``site_dir``; fail the build on error."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"could not build the search index with Pagefind: {exc}") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind failed to build the search index: " + " | ".join(detail))


def searchable_page(title: str, content: str, language: str) -> str:
    """The part of a page Pagefind indexes, as ``overrides/main.html`` will wrap it.

    Material's ``partials/content.html`` puts the title in an ``<h1>`` when the
    content has none; the rest of a page (header, navigation, crisis bar,
    footer) sits outside ``data-pagefind-body`` and is not indexed. Pages with
    another template or with tags are indexed from their final HTML instead.
    A test compares the index built this way with Pagefind's own over the site.
    """
    heading = "" if "<h1" in content else f"<h1>{html.escape(title, quote=False)}</h1>"
    return (
        f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        f"</head><body><div data-pagefind-body>{heading}{content}</div></body></html>"
    )


def _pagefind_binary() -> str:
    from pagefind.service import get_executable  # the wheel's own lookup

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]'")
    return str(binary)


class PageStream:
    """A running Pagefind service that indexes pages as they are built.

    ``add`` does not wait for Pagefind; ``start_writing`` waits for every
    page to be indexed and has Pagefind write ``pagefind/`` while the build
    goes on; ``finish`` waits for that and stops the service. Replies are read
    by a thread so that neither side's pipe can fill up and stall the other.
    """

    def __init__(self) -> None:
        try:
            self._process = subprocess.Popen(
                [_pagefind_binary(), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise SearchIndexError(f"could not start Pagefind: {exc}") from exc
        self._replies: dict[int, dict] = {}
        self._arrived = threading.Condition()
        self._next_id = 0
        self._write_id: int | None = None
        self._reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self._reader.start()
        # Pages are encoded and written by a thread: a write that waits for
        # Pagefind to catch up then holds up neither MkDocs nor the GIL.
        self._outbox: queue.SimpleQueue[tuple[int, dict] | None] = queue.SimpleQueue()
        self._write_error: Exception | None = None
        self._discard = False
        self._writer = threading.Thread(target=self._write, name="pagefind-pages", daemon=True)
        self._writer.start()
        config = {"exclude_selectors": list(EXCLUDE_SELECTORS)}
        try:
            reply = self._wait(self._send({"type": "NewIndex", "config": config}))
            self._index = reply["index_id"]
        except (SearchIndexError, KeyError) as exc:
            self.close()
            raise SearchIndexError(f"Pagefind did not start an index: {exc}") from None

    def add(self, dest_path: str, html: str) -> None:
        """Index one built page; ``dest_path`` is relative to the site (``faq/x/index.html``)."""
        payload = {
            "type": "AddFile",
            "index_id": self._index,
            "file_path": dest_path,
            "url": None,
            "file_contents": html,
        }
        self._send(payload)

    @property
    def writing(self) -> bool:
        """Whether the index has been asked to be written."""
        return self._write_id is not None

    def start_writing(self, output_path: Path) -> None:
        """Once every page is in, ask Pagefind to write the index; ``finish`` waits for it."""
        # Pagefind may answer out of order: write only once every page is indexed.
        for message_id in range(self._next_id):
            self._wait(message_id)
        self._raise_for_errors()
        write = {"type": "WriteFiles", "index_id": self._index, "output_path": str(output_path)}
        self._write_id = self._send(write)

    def finish(self) -> None:
        """Wait for the index to be written, then stop the service."""
        try:
            if self._write_id is None:
                raise SearchIndexError("the search index was never written (internal error)")
            self._wait(self._write_id)
            self._raise_for_errors()
        finally:
            self.close()

    def _raise_for_errors(self) -> None:
        errors = [r for r in self._replies.values() if r.get("type") == "Error"]
        if errors:
            detail = " | ".join(str(e.get("message", e)) for e in errors[:5])
            raise SearchIndexError(f"Pagefind failed ({len(errors)} error(s)): {detail}")

    def close(self) -> None:
        """Stop the service (after ``finish``, or without writing when the build failed)."""
        finished = self._write_id is not None and self._write_id in self._replies
        if not finished:
            # Nothing more is wanted from Pagefind: stop it first, so a writer
            # blocked on a full pipe gets an error instead of waiting forever.
            self._discard = True
            self._process.kill()
        if self._writer.is_alive():
            self._outbox.put(None)
            self._writer.join(timeout=30)
        if self._process.poll() is None:
            if self._process.stdin:
                with contextlib.suppress(OSError):  # Pagefind already gone
                    self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def _send(self, payload: dict) -> int:
        if self._write_error is not None:
            raise SearchIndexError(f"Pagefind stopped while indexing: {self._write_error}")
        message_id = self._next_id
        self._next_id += 1
        self._outbox.put((message_id, payload))
        return message_id

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        while (item := self._outbox.get()) is not None:
            if self._discard:
                continue
            message_id, payload = item
            message = json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")
            try:
                stdin.write(base64.b64encode(message) + b",")
                stdin.flush()
            except (OSError, ValueError) as exc:
                self._write_error = exc
                with self._arrived:
                    self._arrived.notify_all()
                return

    def _wait(self, message_id: int) -> dict:
        """Pagefind's reply to ``message_id``; a clear error if it cannot come."""
        deadline = time.monotonic() + WAIT_LIMIT_S
        with self._arrived:
            while message_id not in self._replies:
                if self._write_error is not None:
                    raise SearchIndexError(f"Pagefind stopped while indexing: {self._write_error}")
                if -1 in self._replies:  # an answer Pagefind could not tie to a message
                    detail = self._replies[-1].get("message", self._replies[-1])
                    raise SearchIndexError(f"Pagefind reported an error: {detail}")
                if not self._reader.is_alive():
                    raise SearchIndexError("Pagefind stopped before it answered")
                if time.monotonic() > deadline:
                    raise SearchIndexError(f"Pagefind did not answer within {WAIT_LIMIT_S} s")
                self._arrived.wait(timeout=1)
            return self._replies[message_id]

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        buffer = b""
        while chunk := stdout.read1(1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for message in messages:
                try:
                    reply = json.loads(base64.b64decode(message))
                    message_id = reply.get("message_id")
                    payload = reply.get("payload") or {}
                except (ValueError, AttributeError) as exc:  # not a reply we can read
                    message_id, payload = None, {"type": "Error", "message": f"unreadable: {exc}"}
                with self._arrived:
                    # A page's reply matters only if it is an error: keep just its type.
                    keep = (
                        payload if payload.get("type") != "IndexedFile" else {"type": "IndexedFile"}
                    )
                    self._replies[-1 if message_id is None else message_id] = keep
                    self._arrived.notify_all()
        with self._arrived:
            self._arrived.notify_all()


class SiteSearch:
    """When each page of a build goes to Pagefind, and when the index is written.

    Most pages are indexed as soon as their content is rendered, so the index
    can be written while MkDocs is still writing pages. Pages with their own
    template or with tags are indexed from their final HTML; the index is
    written once the last of those is in. A build that did not render every
    page (``--dirty``) falls back to indexing the written site.
    """

    def __init__(self, site_dir: Path, language: str) -> None:
        self._site_dir = site_dir
        self._language = language
        self._stream: PageStream | None = PageStream()
        self._seen: set[str] = set()
        self._final_only: set[str] = set()

    def content_ready(self, dest_path: str, title: str, content: str, meta: dict) -> None:
        """A page's content is rendered (MkDocs ``on_page_content``)."""
        if self._stream is None:
            return
        self._seen.add(dest_path)
        search = meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            return  # the theme leaves out data-pagefind-body: not indexed
        if meta.get("template", "main.html") != "main.html" or meta.get("tags"):
            self._final_only.add(dest_path)
        else:
            self._stream.add(dest_path, searchable_page(title, content, self._language))

    def all_content_ready(self, pages: set[str]) -> None:
        """Every page is rendered (MkDocs ``on_env``); ``pages`` are those the site has."""
        if self._stream is not None and not pages <= self._seen:
            self.close()  # some pages were not rendered: index the site at the end
        self._write_if_ready()

    def page_written(self, dest_path: str, page_html: str) -> None:
        """A page's final HTML (MkDocs ``on_post_page``)."""
        if self._stream is not None and dest_path in self._final_only:
            self._stream.add(dest_path, page_html)
            self._final_only.discard(dest_path)
            self._write_if_ready()

    def finish(self) -> None:
        """The build is over (MkDocs ``on_post_build``): the index is complete on disk."""
        if self._stream is None:
            build_search_index(self._site_dir)
            return
        stream, self._stream = self._stream, None
        if self._final_only:  # a page announced was never written
            stream.close()
            build_search_index(self._site_dir)
            return
        stream.finish()

    def close(self) -> None:
        """Stop Pagefind without writing (the build failed, or the fallback is needed)."""
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def _write_if_ready(self) -> None:
        stream = self._stream
        if stream is not None and not self._final_only and not stream.writing:
            stream.start_writing(self._site_dir / "pagefind")
