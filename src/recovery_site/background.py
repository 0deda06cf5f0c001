"""Run one function in a forked child while the caller goes on (used to overlap work).

A site build is one Python thread, and the machines it runs on have a second
core doing nothing. Content checks need only the loaded project and return a
small list of diagnostics, so a forked child can run them while MkDocs renders
pages: the child inherits the project (nothing is pickled on the way in) and
sends back only its result.

Only on Linux, and only while the process has a single thread: Windows has
no fork, forking on macOS is unsafe with its system libraries, and a process
with other threads (``mkdocs serve``'s live-reload server) may hold locks a
child would inherit. Elsewhere the function simply runs in the caller, so
results never depend on the platform.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


class BackgroundError(RuntimeError):
    """The function raised in the child; the message carries its traceback."""


def _child(function: Callable[[], object], send: Connection) -> None:
    try:
        send.send((True, function()))
    except BaseException:  # everything must reach the parent
        send.send((False, traceback.format_exc()))
    finally:
        send.close()


def can_fork() -> bool:
    """Whether a forked child is safe here: Linux, and this process is single-threaded."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


class BackgroundCall(Generic[T]):
    """``function()`` computed in a forked child; ``result()`` waits for it.

    If the child cannot start, or dies without answering (killed for memory,
    say), ``result()`` runs ``function`` in the caller instead: slower, never
    wrong.
    """

    def __init__(self, function: Callable[[], T], *, allow_fork: bool = True) -> None:
        self._function = function
        self._receive: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if not (allow_fork and can_fork()):
            return
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(function, send), daemon=True)
        try:
            process.start()
        except OSError:
            receive.close()
            return
        finally:
            send.close()
        self._receive, self._process = receive, process

    @property
    def forked(self) -> bool:
        """Whether the work is running in a child (for tests and benchmarks)."""
        return self._process is not None

    def result(self) -> T:
        """The function's value; re-raises its exception as ``BackgroundError``."""
        if self._receive is None or self._process is None:
            return self._function()
        try:
            ok, value = self._receive.recv()
        except (EOFError, OSError):
            ok, value = True, self._function()
        finally:
            self._close(terminate=False)
        if not ok:
            raise BackgroundError(value)
        self._function = lambda: value  # a second call answers at once
        return value

    def cancel(self) -> None:
        """Stop the child if it is still running (the build failed before needing it)."""
        self._close(terminate=True)

    def _close(self, *, terminate: bool) -> None:
        if self._process is not None:
            if terminate and self._process.is_alive():
                self._process.terminate()
            self._process.join()
        if self._receive is not None:
            self._receive.close()
        self._receive = self._process = None
