"""Work overlapped with the build: a forked child's result, errors, and late-rendered pages."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from mkdocs.config import load_config

from recovery_site.background import BackgroundCall, BackgroundError, can_fork
from recovery_site.preview import GeneratedFile


def needs_fork() -> None:
    if not can_fork():  # checked when the test runs: other tests may have started threads
        pytest.skip("needs fork and a single thread")


def test_result_comes_from_a_forked_child() -> None:
    needs_fork()
    call = BackgroundCall(os.getpid)
    assert call.forked
    assert call.result() != os.getpid()
    assert call.result() == call.result()  # answered once, remembered


def test_an_exception_in_the_child_reaches_the_caller_with_its_traceback() -> None:
    needs_fork()

    def broken() -> int:
        raise ValueError("no such topic")

    with pytest.raises(BackgroundError, match="ValueError: no such topic"):
        BackgroundCall(broken).result()


def test_with_other_threads_running_the_work_runs_in_the_caller() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        call = BackgroundCall(os.getpid)
        assert not call.forked
        assert call.result() == os.getpid()
    finally:
        stop.set()
        worker.join()


def test_a_late_page_is_rendered_once_when_first_read(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    # A theme named: the default ("mkdocs") is a separate package under ProperDocs.
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme: material\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "recovery"  # as while MkDocs runs our on_files
    calls: list[int] = []

    def render() -> str:
        calls.append(1)
        return "# Late\n"

    file = GeneratedFile.later(config, "stories/late.md", render)
    assert calls == []  # nothing rendered until MkDocs reads the page
    assert file.content_string == "# Late\n"
    assert file.content_string == "# Late\n"
    assert calls == [1]
    assert file.dest_uri == "stories/late/index.html"
