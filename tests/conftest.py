"""Shared fixtures: fixture sites built in tmp_path, the starter site, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from recovery_site.chromium import CHROMIUM_ARGS, find_chromium

REPO = Path(__file__).resolve().parents[1]


FIXTURE_MKDOCS_YML = """\
site_name: Fixture site
theme:
  name: material
  custom_dir: {overrides}
  font: false
  features: [navigation.prune]
nav:
  - Home: index.md
  - FAQ: faq/index.md
  - Stories: stories/index.md
plugins:
  - recovery
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true
validation:
  links:
    not_found: warn
    anchors: warn
    unrecognized_links: warn
extra:
  crisis:
    message: "Need help now?"
    lines:
      - name: Test Crisis Line
        label: "988"
        tel: "988"
        sms: "988"
"""

TOPIC_YML = """\
title: Medications
description: Answers about medication treatment.
audience: [public, families]
medical: true
updated: 2026-10-15
review_every_months: 12
questions:
  - id: what-is-mat
    question: What is medication treatment?
    answer: |
      Medication treatment uses FDA-approved medicines such as buprenorphine.
    sources:
      - title: Medications for Substance Use Disorders
        publisher: SAMHSA
        url: https://www.samhsa.gov/substance-use/treatment/options
    related: [meds/is-it-safe]
  - id: is-it-safe
    question: Is it safe?
    answer: Yes, when prescribed. See [the first answer](#what-is-mat).
    sources:
      - title: Information about MAT
        publisher: FDA
        url: https://www.fda.gov/drugs/information-drug-class/information-about-medication-assisted-treatment-mat
"""


def story_md(
    *,
    title: str = "A story",
    status: str = "published",
    published: str = "2026-10-01",
    warnings: str = "[]",
    basis: str = "consented",
    body: str = "I found people who understood.\n",
) -> str:
    """A valid story file; keyword arguments change one field each.

    ``basis="consented"`` (the default) has an author and a consent record;
    ``basis="composite"`` has neither, as a composite must (lines then shift).
    """
    who = "" if basis == "composite" else "author: Sam R.\n"
    consent = (
        "" if basis == "composite" else "consent:\n  reference: CF-2026-001\n  date: 2026-09-12\n"
    )
    return (
        "---\n"
        f"title: {title}\n"
        f"{who}"
        "topics: [12-step]\n"
        f"content_warnings: {warnings}\n"
        f"status: {status}\n"
        f"{consent}"
        f"basis: {basis}\n"
        f"published: {published}\n"
        "summary: A short summary.\n"
        "---\n"
        f"{body}"
    )


def write(root: Path, files: dict[str, str]) -> None:
    """Write ``{relative path: text}`` under ``root``."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")


def fixture_files() -> dict[str, str]:
    """A small valid site: one FAQ topic, three stories (one draft, one with a warning)."""
    return {
        "mkdocs.yml": FIXTURE_MKDOCS_YML.format(overrides=REPO / "overrides"),
        "docs/index.md": "# Home\n\nWelcome. See the [FAQ](faq/index.md).\n",
        "content/faq/meds.yml": TOPIC_YML,
        "content/stories/older.md": story_md(title="Older story", published="2026-01-05"),
        "content/stories/newer.md": story_md(
            title="Newer story",
            published="2026-10-01",
            warnings="[overdose]",
            basis="composite",
            body="WARNING-MARKER body starts here.\n",
        ),
        "content/stories/not-yet.md": story_md(title="Draft story", status="draft"),
    }


@dataclass
class Build:
    """The result of one `mkdocs build` run on a fixture site."""

    returncode: int
    output: str
    site: Path


def mkdocs_build(root: Path, *extra: str, env: dict[str, str] | None = None) -> Build:
    """Run ``mkdocs build --strict`` on ``root`` in a subprocess, as a user would."""
    site = root / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        check=False,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    """A valid fixture project in tmp_path (not built)."""
    write(tmp_path, fixture_files())
    return tmp_path


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture project, built once for the read-only build tests."""
    root = tmp_path_factory.mktemp("fixture")
    write(root, fixture_files())
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def starter_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("starter") / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The Spanish edition into site/es/, as ./scripts/build does.
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            "mkdocs.es.yml",
            "--site-dir",
            str(site / "es"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


# --- browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; missing means skip, except in CI where it is a failure."""
    path = find_chromium()
    if path is None:
        message = "no chromium on PATH (apt-get install chromium); browser test not run"
        if os.environ.get("RECOVERY_SITE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    """A headless Chromium driven by Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def starter_url(starter_site: Path) -> Iterator[str]:
    """The starter site served over HTTP on 127.0.0.1 (search needs http, not file://)."""
    handler = functools.partial(_QuietHandler, directory=str(starter_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
