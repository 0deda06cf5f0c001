"""Safe file writes for editors' files: all or nothing, one writer at a time.

An editor's file must never be left half-written: not by a full disk, not by
Ctrl-C, not by two commands run at once. So a file is never written in place.
The new text goes to a temporary file in the same folder (same filesystem, so
the final rename is atomic), is flushed and fsynced, gets the old file's
permission bits, and only then replaces the old file with ``os.replace``. Any
failure removes the temporary file and leaves the original as it was.

``locked`` serialises read-modify-write cycles on one file between processes
(``fcntl.flock``). It locks the file itself rather than a lock file beside
it, so no stray ``.lock`` file ever shows up in ``git status``; since each
write replaces the file (a new inode), a waiter re-checks after taking the
lock that it holds the lock on the file now at the path, and retries if not.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX; elsewhere callers fall back to compare-before-replace
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: True when ``locked`` really locks (POSIX). Without it, callers should
#: re-read the file just before replacing it and start again if it changed.
CAN_LOCK = fcntl is not None


def _default_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give a new file (0o666 minus umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; best effort (not every OS can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    """Write ``data`` to a new temporary file beside ``path``; remove it on any failure."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def refuse_read_only(path: Path) -> None:
    """Raise ``PermissionError`` if ``path`` is marked read-only.

    A rename would replace a read-only file without complaint (it only needs
    a writable folder), and root may write anything; an editor who made a
    file read-only meant it, so no write bit at all means "do not touch".
    """
    mode = path.stat().st_mode
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))


def replace_atomically(path: Path, data: bytes) -> None:
    """Replace the existing file ``path`` with ``data``, all or nothing, keeping its mode."""
    refuse_read_only(path)
    mode = stat.S_IMODE(path.stat().st_mode)
    tmp = _write_temp(path, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def create_atomically(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``, all or nothing; ``FileExistsError`` if it exists.

    The complete temporary file is hard-linked to the new name, which fails
    if the name is taken, even in a race. Where hard links are not supported
    the name is reserved with ``O_EXCL`` first and then replaced.
    """
    tmp = _write_temp(path, data, _default_mode())
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    _fsync_dir(path.parent)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file at ``path`` (blocks until free).

    Read the file only after entering: another process may have replaced it
    while this one waited. Without ``fcntl`` this does not lock; see
    ``CAN_LOCK``.
    """
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    while True:
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                yield
                return
        finally:
            os.close(fd)  # closing releases the lock


# --- swapping a whole folder (the built site) ------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # glibc < 2.28, musl without it
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # e.g. a filesystem without RENAME_EXCHANGE
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def swap_in(new: Path, target: Path) -> None:
    """Put the folder ``new`` at ``target``; afterwards ``new`` holds the old ``target``.

    At no instant is ``target`` half old and half new: on Linux the two are
    exchanged in one ``renameat2`` call; elsewhere two renames run back to
    back with SIGINT/SIGTERM held off, so Ctrl-C cannot fall between them
    (``target`` is then missing for the time of one rename, never partial).
    The caller deletes ``new`` afterwards, so an interrupted deletion only
    ever leaves a temporary folder half-deleted, never the site.
    """
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        return
    aside = new.with_name(new.name + ".old")
    signals = {signal.SIGINT, signal.SIGTERM}
    blocked = hasattr(signal, "pthread_sigmask")
    if blocked:
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        os.rename(target, aside)
        try:
            os.rename(new, target)
        except BaseException:
            os.rename(aside, target)
            raise
        os.rename(aside, new)
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


def main(argv: list[str] | None = None) -> int:
    """``python -m recovery_site.atomic swap NEW TARGET``: used by ``scripts/build``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3 or args[0] != "swap":
        print("usage: python -m recovery_site.atomic swap NEW TARGET", file=sys.stderr)
        return 2
    swap_in(Path(args[1]), Path(args[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
