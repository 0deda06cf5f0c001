"""The starter site builds the same under MkDocs 1.6.1 and under ProperDocs.

MkDocs 1.x is no longer developed and Material 9 reaches end of life on
2027-05-05; ProperDocs is the maintained continuation of MkDocs 1.x and the
engine a deployment can switch to (DEPLOYING.md, "Switching a deployment to ProperDocs"). This
test keeps that switch safe: both engines build the repository's own site
with ``--strict``, and the two sites must have the same files with the same
bytes. The one allowed difference is the generator ``<meta>`` tag, where each
engine names itself; everything else a build writes is either computed from
the page (the Content-Security-Policy's script hashes, the Pagefind index) or
from the build date, which both builds share through ``SOURCE_DATE_EPOCH``
(the sitemap's ``lastmod`` and the gzip header of ``sitemap.xml.gz``).
"""

from __future__ import annotations

import difflib
import importlib.metadata
import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

#: ``<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">``: the engine's name.
GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')

#: How each engine is run: as a deployment would, from the repository root.
#: ProperDocs looks for ``properdocs.yml`` first and reads ``mkdocs.yml`` only as a
#: fallback (with a notice asking for the rename); naming the file keeps the one
#: configuration both engines read.
ENGINES = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict"],
    "properdocs": [
        sys.executable,
        *("-m", "properdocs", "build", "--strict", "--config-file", "mkdocs.yml"),
    ],
}


def build(engine: str, site: Path, epoch: str) -> None:
    """Build the starter site with ``engine`` into ``site``; fail the test on any error."""
    proc = subprocess.run(
        [*ENGINES[engine], "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch},
        check=False,
    )
    assert proc.returncode == 0, f"{engine} build failed:\n{proc.stdout}{proc.stderr}"


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def without_generator(html: str, page: str) -> tuple[str, str]:
    """The page with its generator tag blanked, and what the tag said."""
    tags = GENERATOR.findall(html)
    assert len(tags) == 1, f"{page}: expected one generator <meta>, found {len(tags)}"
    return GENERATOR.sub('<meta name="generator" content="">', html), tags[0]


def first_difference(a: str, b: str, page: str) -> str:
    diff = difflib.unified_diff(
        a.splitlines(), b.splitlines(), f"mkdocs/{page}", f"properdocs/{page}", n=1, lineterm=""
    )
    return "\n".join(line[:300] for line in list(diff)[:12])


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if importlib.util.find_spec("properdocs") is None:
        pytest.fail("ProperDocs is not installed: pip install -e '.[test]' (or ./scripts/setup)")
    root = tmp_path_factory.mktemp("engines")
    epoch = str(int(time.time()))  # one build date for both
    build("mkdocs", root / "mkdocs", epoch)
    build("properdocs", root / "properdocs", epoch)
    return root / "mkdocs", root / "properdocs"


def test_both_engines_write_the_same_files(two_sites: tuple[Path, Path]) -> None:
    mk, pd = two_sites
    only_mk, only_pd = files(mk) - files(pd), files(pd) - files(mk)
    assert not only_mk and not only_pd, (
        f"only in the MkDocs build: {sorted(only_mk)}\n"
        f"only in the ProperDocs build: {sorted(only_pd)}"
    )
    assert any(name.endswith("index.html") for name in files(mk))


def test_pages_differ_only_in_the_generator_tag(two_sites: tuple[Path, Path]) -> None:
    mk, pd = two_sites
    differences = []
    generators: dict[str, set[str]] = {"mkdocs": set(), "properdocs": set()}
    for name in sorted(files(mk) & files(pd)):
        a, b = (mk / name).read_bytes(), (pd / name).read_bytes()
        if name.endswith(".html"):
            text_a, gen_a = without_generator(a.decode("utf-8"), f"mkdocs/{name}")
            text_b, gen_b = without_generator(b.decode("utf-8"), f"properdocs/{name}")
            generators["mkdocs"].add(gen_a)
            generators["properdocs"].add(gen_b)
            if text_a != text_b:
                differences.append(first_difference(text_a, text_b, name))
        elif a != b:
            differences.append(f"{name}: bytes differ ({len(a)} and {len(b)} bytes)")
    shown = "\n".join(differences[:10])
    assert not differences, f"{len(differences)} file(s) differ between the engines:\n{shown}"
    # Each build really ran its own engine (the tag is the one place they say so).
    mkdocs_version = importlib.metadata.version("mkdocs")
    properdocs_version = importlib.metadata.version("properdocs")
    assert all(f"mkdocs-{mkdocs_version}" in g for g in generators["mkdocs"]), generators
    assert all(f"ProperDocs {properdocs_version}" in g for g in generators["properdocs"]), (
        generators
    )
