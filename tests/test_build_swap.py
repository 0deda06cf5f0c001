"""`scripts/build` and Ctrl-C: site/ is always the whole old site or the whole new one.

Security issue #12, finding 9. The script used to `rm -rf site` and then move
the new build in: Ctrl-C during that removal left a half-deleted site/ (or
none). Here the real script runs in a sandbox (a copy of scripts/build, its
venv.sh replaced by the Python running the tests, a tiny MkDocs project) over
a large old site/, and gets SIGINT at several points; whatever the moment,
site/ must end up complete.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from recovery_site.atomic import swap_in

FILES_PER_DIR = 1000  # enough that deleting the old site takes a while
OLD_DIRS = ("a", "b")


def _old_site(site: Path) -> None:
    for name in OLD_DIRS:
        folder = site / name
        folder.mkdir(parents=True)
        for n in range(FILES_PER_DIR):
            (folder / f"{n}.html").write_bytes(b"old")
    (site / "OLD").write_text("old site\n")


def _wholly_old(site: Path) -> bool:
    try:
        counts = [len(os.listdir(site / name)) for name in OLD_DIRS]
    except FileNotFoundError:  # gone, or swapped for the new site while we looked
        return False
    return (site / "OLD").is_file() and counts == [FILES_PER_DIR] * len(OLD_DIRS)


def _wholly_new(site: Path) -> bool:
    names = set(os.listdir(site)) if site.is_dir() else set()
    return "OLD" not in names and {"index.html", "sitemap.xml", "404.html"} <= names


# scripts/lib/venv.sh, minus the install: the sandbox uses the Python running the tests.
VENV_STUB = """\
set -euo pipefail
ROOT="$(cd "$(dirname "${{BASH_SOURCE[0]}}")/../.." && pwd)"
cd "$ROOT"
export PATH="{bin}:$PATH"
"""


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A project root with the real scripts/build, a tiny MkDocs site and a large old site/."""
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "mkdocs").exists():
        pytest.skip("needs mkdocs beside the Python running the tests (./scripts/setup)")
    (tmp_path / "scripts" / "lib").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "build", tmp_path / "scripts" / "build")
    (tmp_path / "scripts" / "lib" / "venv.sh").write_text(VENV_STUB.format(bin=bin_dir))
    (tmp_path / "mkdocs.yml").write_text("site_name: Swap test\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# New site\n")
    _old_site(tmp_path / "site")
    return tmp_path


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("site."))


def _start(root: Path) -> subprocess.Popen[bytes]:
    # A session of its own, so SIGINT goes to the whole group, as Ctrl-C does.
    return subprocess.Popen(
        [str(root / "scripts" / "build")],
        cwd=root,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_build_replaces_the_site(sandbox: Path) -> None:
    proc = _start(sandbox)
    _, err = proc.communicate()
    assert proc.returncode == 0, err.decode()
    assert _wholly_new(sandbox / "site")
    assert _leftovers(sandbox) == []


@pytest.mark.parametrize(
    ("when", "extra_polls"),
    [
        ("building", 0),  # mkdocs is writing the temporary folder
        ("replacing", 0),  # the first moment site/ is no longer the whole old site
        ("replacing", 20),  # a little later: the old site is being deleted
        ("replacing", 200),
    ],
)
def test_ctrl_c_never_leaves_a_half_deleted_site(
    sandbox: Path, when: str, extra_polls: int
) -> None:
    site = sandbox / "site"
    proc = _start(sandbox)
    try:
        while proc.poll() is None:
            if when == "building":
                hit = any(p.name.startswith("site.tmp-") for p in sandbox.iterdir())
            else:
                hit = not _wholly_old(site)
            if hit:
                break
        for _ in range(extra_polls):
            _wholly_new(site)  # the cost of a look: lets the script run on a little
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
        proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert _wholly_old(site) or _wholly_new(site), sorted(os.listdir(sandbox))
    assert _leftovers(sandbox) == []  # temporary folders removed on Ctrl-C


def test_swap_in_exchanges_the_folders(tmp_path: Path) -> None:
    new, target = tmp_path / "site.tmp-1", tmp_path / "site"
    new.mkdir()
    (new / "index.html").write_text("new")
    swap_in(new, target)  # no site yet: a plain rename
    assert (target / "index.html").read_text() == "new" and not new.exists()
    new.mkdir()
    (new / "index.html").write_text("newer")
    swap_in(new, target)
    assert (target / "index.html").read_text() == "newer"
    assert (new / "index.html").read_text() == "new"  # the old site, for the caller to delete


def test_swap_in_without_renameat2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import recovery_site.atomic as atomic

    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)  # e.g. macOS
    new, target = tmp_path / "site.tmp-1", tmp_path / "site"
    new.mkdir()
    target.mkdir()
    (new / "index.html").write_text("new")
    (target / "index.html").write_text("old")
    swap_in(new, target)
    assert (target / "index.html").read_text() == "new"
    assert (new / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.tmp-1"]
