"""Work overlapped with the build: a forked child's result and errors."""

from __future__ import annotations

import os
import threading

import pytest

from recovery_site.background import BackgroundCall, BackgroundError, can_fork


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
