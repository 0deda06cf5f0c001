"""Issue #12, finding 6 in the build: hostile Markdown stops a strict build with the checks'
diagnostics (never a traceback, never a stall), and `check` and the build agree."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from conftest import fixture_files, story_md, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from recovery_site.checks import run_checks
from recovery_site.diagnostics import Severity
from recovery_site.load import load_project

STORY = "content/stories/newer.md"


def site(root: Path, body: str, extra: dict[str, str] | None = None) -> Path:
    """The fixture site with ``body`` as a story's body; Pagefind off (not under test)."""
    files = fixture_files()
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(
        "  - recovery\n", "  - recovery:\n      search: false\n"
    )
    files[STORY] = story_md(title="Newer story", body=body)
    write(root, {**files, **(extra or {})})
    return root


def strict_build(root: Path) -> None:
    """``mkdocs build --strict`` in this process; raises what the build raises."""
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True))


@pytest.fixture
def converted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every Markdown text this process converts to HTML."""
    seen: list[str] = []
    original = markdown.Markdown.convert

    def spy(self: markdown.Markdown, source: str) -> str:
        seen.append(source)
        return original(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", spy)
    yield seen


def failed_with(
    root: Path, code: str, caplog: pytest.LogCaptureFixture, converted: list[str], marker: str
) -> None:
    caplog.set_level(logging.ERROR, logger="mkdocs")
    with pytest.raises(Abort):  # MkDocs' wrapping of the plugin's error
        strict_build(root)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("content has errors" in e and "Nothing was built" in e for e in errors)
    assert any(f"{STORY}:" in e and f"[{code}]" in e for e in errors), errors
    assert not any(marker in text for text in converted), "hostile text reached the renderer"
    assert not (root / "site/stories/newer/index.html").exists()


def test_a_bracket_run_stops_the_build_before_rendering(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, converted: list[str]
) -> None:
    root = site(tmp_path, "[" * 5000 + "[a](https://example.org/)\n")
    failed_with(root, "too-many-brackets", caplog, converted, "[" * 1000)


def test_deep_nesting_stops_the_build_instead_of_a_recursion_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, converted: list[str]
) -> None:
    root = site(tmp_path, "".join("    " * i + "- x\n" for i in range(300)))
    failed_with(root, "too-deep", caplog, converted, "    " * 200 + "- x")


def test_a_bad_reference_in_a_quote_stops_the_build_instead_of_a_value_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, converted: list[str]
) -> None:
    root = site(tmp_path, "> [r]: https://[::1/\n\nSee [the page][r].\n")
    caplog.set_level(logging.ERROR, logger="mkdocs")
    with pytest.raises(Abort):  # MkDocs' wrapping of the plugin's error
        strict_build(root)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("content has errors" in e and "Nothing was built" in e for e in errors)
    assert any("[bad-link]" in e and "https://[::1/" in e for e in errors), errors


def test_a_hand_written_page_over_a_generated_one_stops_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = site(tmp_path, "Body.\n", {"docs/faq/meds/index.md": "# Mine\n"})
    caplog.set_level(logging.ERROR, logger="mkdocs")
    with pytest.raises(Abort):
        strict_build(root)
    assert any("[page-clash]" in r.getMessage() for r in caplog.records)


# --- check and build agree ----------------------------------------------------------------

URLS = st.sampled_from(
    ["https://example.org/", "https://[::1/", "https://[::1]/", "<https://example.org/a>"]
)
CONTAINERS = st.sampled_from(["> ", "- ", "!!! note\n    ", "1. ", ""])


def nested(depth: int, kind: str) -> str:
    if kind == "list":
        return "".join("    " * i + "- x\n" for i in range(depth))
    if kind == "quote":
        return ">" * depth + " x\n"
    return "".join("    " * i + "!!! note\n" for i in range(depth)) + "    " * depth + "x\n"


pathological = st.one_of(
    st.builds(
        lambda n, tail: "[" * n + tail,
        st.integers(0, 2500),
        st.sampled_from(["", "x", "x](https://example.org/)", "]" * 3]),
    ),
    st.builds(
        lambda n, unit: unit * n,
        st.integers(0, 600),
        # Only outside addresses: MkDocs warns about a relative link to a missing
        # page, which `recovery-site links` (not `check`) reports.
        st.sampled_from(['[a](https://e.org/ "y) ', "[a](", "[a][", "![a](", "[`]` "]),
    ),
    st.builds(nested, st.integers(1, 40), st.sampled_from(["list", "quote", "admonition"])),
    st.builds(lambda n: "Word and more. " * n, st.sampled_from([10, 7000])),
    st.builds(
        lambda where, url: f"{where}[r]: {url}\n\nSee [the page][r].\n",
        CONTAINERS,
        URLS,
    ),
    st.builds(lambda fence: f"Code:\n\n{fence}\ncode\n", st.sampled_from(["```", "~~~", "``"])),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pathological, min_size=1, max_size=2).map("\n\n".join))
def test_check_and_a_strict_build_agree(body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = site(Path(folder), body + "\n")
        found = run_checks(load_project(root), today=dt.date.today())
        try:
            strict_build(root)
            built = True
        except (PluginError, Abort):  # a failed build, reported; anything else is a bug
            built = False
    # --strict fails on warnings as well as errors (notes block nothing).
    failing = [d for d in found if d.severity in (Severity.ERROR, Severity.WARNING)]
    assert built == (failing == []), [str(d) for d in found]


def test_an_article_over_the_limits_stops_the_build_before_rendering(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    deep = "".join("    " * i + "- x\n" for i in range(300))
    root = site(
        tmp_path, "Body.\n", {"docs/deep.md": "---\nmedical: false\n---\n# Deep\n\n" + deep}
    )
    caplog.set_level(logging.ERROR, logger="mkdocs")
    with pytest.raises(Abort):  # today: RecursionError from inside Markdown
        strict_build(root)
    assert any(
        "docs/deep.md" in r.getMessage() and "[too-deep]" in r.getMessage() for r in caplog.records
    )
