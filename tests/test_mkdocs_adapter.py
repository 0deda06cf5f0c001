"""The MkDocs adapter's plain objects, without a build (recovery_site/mkdocs/).

``BuildRun`` reports content errors once; ``Preview`` decides which pages a
dirty rebuild redoes; ``Search`` indexes now or in the background. The tests
of ``files.py`` pin the two MkDocs behaviours the preview relies on (a dirty
build skips an unmodified file; an excluded file is neither rendered nor
copied), so an upgrade of MkDocs that changes them fails here.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest
from conftest import mkdocs_build, write
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from recovery_site.diagnostics import Diagnostic, error, note, warning
from recovery_site.mkdocs.files import GeneratedPage, add_generated, keep_last_good_site, redo
from recovery_site.mkdocs.preview import Preview
from recovery_site.mkdocs.run import BuildRun, Inputs
from recovery_site.mkdocs.search import Search
from recovery_site.mkdocs.serve_errors import PreviewErrors
from recovery_site.search_index import SearchIndexError

STORY = "content/stories/older.md"


def broken_story(root: Path) -> None:
    """An unknown field in a published story: a content error at its line."""
    path = root / STORY
    path.write_text(
        path.read_text(encoding="utf-8").replace("summary:", "bogus: x\nsummary:"),
        encoding="utf-8",
    )


def start(root: Path) -> BuildRun:
    return BuildRun.start(Inputs(root=root, docs=root / "docs"), logging.getLogger("test.run"))


# --- BuildRun: one report -------------------------------------------------------------


def test_a_run_goes_through_the_core_once_and_plans_the_pages(fixture_site: Path) -> None:
    run = start(fixture_site)
    assert not any(d.is_error for d in run.diagnostics)
    assert run.plan is not None and "faq/meds.md" in run.generated
    assert run.tracked >= run.generated


def test_a_run_reports_each_finding_once_and_stops_the_build(
    fixture_site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken_story(fixture_site)
    run = start(fixture_site)
    log = logging.getLogger("test.report")
    with caplog.at_level(logging.INFO, logger="test.report"):
        with pytest.raises(PluginError, match="content has errors"):
            run.report(log)
        run.report(log)  # a second call (a later hook) says nothing again
    unknown = [r for r in caplog.records if "[unknown-field]" in r.getMessage()]
    assert len(unknown) == 1 and unknown[0].levelno == logging.ERROR


def test_a_preview_gets_the_errors_instead_of_a_failed_build(fixture_site: Path) -> None:
    broken_story(fixture_site)
    run, errors = start(fixture_site), PreviewErrors()
    errors.start_build(set())
    run.report(logging.getLogger("test.report"), errors)  # no exception
    assert [d.code for d in errors.blocking] == ["unknown-field"]


def plain_run(*diagnostics: Diagnostic) -> BuildRun:
    return BuildRun(project=None, diagnostics=list(diagnostics), plan=None)  # type: ignore[arg-type]


def test_a_clash_stops_a_preview_too() -> None:
    run = plain_run(warning("content/x.md", 1, 1, "some-rule", "a warning"))
    run.clashes.append("faq/index.md")
    with pytest.raises(PluginError, match="1 clashing page"):
        run.report(logging.getLogger("test.report"), PreviewErrors())


def test_a_page_that_could_not_be_written_is_explained_by_the_errors_if_any() -> None:
    run = plain_run(error("content/x.md", 1, 1, "some-rule", "broken"))
    assert run.attempt("write the page x.md", lambda: 1 / 0) is None
    with pytest.raises(PluginError, match="content has errors"):
        run.report(logging.getLogger("test.report"))
    alone = plain_run(note("content/x.md", 1, 1, "n", "a note"))
    alone.attempt("write the page x.md", lambda: 1 / 0)
    with pytest.raises(PluginError, match=r"could not write the page x\.md"):
        alone.report(logging.getLogger("test.report"), PreviewErrors())


def test_a_real_build_logs_a_content_error_once_with_or_without_dirty(fixture_site: Path) -> None:
    broken_story(fixture_site)
    for extra in ((), ("--dirty",)):
        result = mkdocs_build(fixture_site, *extra)
        assert result.returncode != 0
        assert result.output.count("[unknown-field]") == 1, result.output
        assert "Nothing was built" in result.output


# --- Preview: what a dirty rebuild redoes ---------------------------------------------


def built(preview: Preview, pages: dict[str, str], settings: str = "site_name: x") -> list[str]:
    """One good build of ``pages`` (src_uri -> Markdown); returns the pages it wrote."""
    preview.start_build(settings, set())
    wrote = [uri for uri, text in pages.items() if preview.page_changed(uri, text, uri + ".html")]
    for uri in wrote:
        preview.written(uri)
    assert preview.finish_build(Path("/nonexistent"), set(pages)) == (False, [])
    return wrote


def test_a_dirty_preview_redoes_only_the_pages_whose_text_changed() -> None:
    preview = Preview(dirty=True)
    assert not preview.rebuilding
    assert built(preview, {"a.md": "A", "b.md": "B"}) == ["a.md", "b.md"]
    assert preview.rebuilding
    assert built(preview, {"a.md": "A", "b.md": "B2"}) == ["b.md"]
    assert built(preview, {"a.md": "A", "b.md": "B2"}) == []


def test_an_article_is_redone_when_its_footer_changes_and_everything_after_a_settings_edit() -> (
    None
):
    preview = Preview(dirty=True)
    preview.start_build("one", set())
    pages = {"article.md": "article/index.html", "index.md": "index.html"}
    assert preview.pages_to_redo({"article.md": "Sources: 1"}, pages, pages) == ["article.md"]
    preview.written("article.md")
    preview.finish_build(Path("/nonexistent"), {"article.md"})
    preview.start_build("one", set())
    assert preview.pages_to_redo({"article.md": "Sources: 1"}, pages, pages) == []
    preview.finish_build(Path("/nonexistent"), {"article.md"})
    preview.start_build("two", set())  # mkdocs.yml edited
    assert set(preview.pages_to_redo({"article.md": "Sources: 1"}, pages, pages)) == set(pages)
    assert preview.page_changed("a.md", "A", "a.html")


def test_a_preview_with_errors_keeps_the_last_good_site_and_its_settings_edit() -> None:
    preview = Preview(dirty=True)
    built(preview, {"a.md": "A"}, settings="one")
    preview.start_build("two", set())  # mkdocs.yml edited, and a content error
    preview.errors.found([error(STORY, 1, 1, "unknown-field", "bad")])
    assert preview.keep_last_good()
    assert preview.finish_build(Path("/nonexistent"), {"a.md"}) == (True, [])
    # Fixed: the settings edit still redoes every page.
    preview.start_build("two", set())
    assert preview.redo_all and preview.page_changed("a.md", "A", "a.html")


def test_without_dirty_every_page_is_written_and_no_site_is_kept() -> None:
    preview = Preview(dirty=False)
    preview.start_build("one", set())
    assert preview.page_changed("a.md", "A", "a.html")
    assert preview.pages_to_redo({"x.md": "f"}, {"x.md": "x.html"}, ["x.md"]) == []
    preview.errors.found([error(STORY, 1, 1, "unknown-field", "bad")])
    assert not preview.keep_last_good()  # plain `mkdocs serve` builds what loads


# --- Search: now or in the background ---------------------------------------------------


class Indexer:
    def __init__(self, fail: bool = False) -> None:
        self.threads: list[threading.Thread] = []
        self.fail = fail

    def __call__(self, site: Path) -> None:
        self.threads.append(threading.current_thread())
        if self.fail:
            raise SearchIndexError("Pagefind failed")


def test_a_build_indexes_the_site_before_it_ends() -> None:
    indexer = Indexer()
    search = Search(index=indexer)
    search.plan(enabled=True, rebuild=False)
    search.after_build(Path("site"))
    assert indexer.threads == [threading.current_thread()]


def test_a_preview_rebuild_indexes_in_the_background() -> None:
    indexer = Indexer()
    search = Search(index=indexer)
    search.plan(enabled=True, rebuild=True)
    search.after_build(Path("site"))
    search.wait()
    assert len(indexer.threads) == 1 and indexer.threads[0] is not threading.current_thread()


@pytest.mark.parametrize("how", ["disabled", "cancelled", "nothing written"])
def test_no_index_when_search_is_off_the_build_failed_or_nothing_was_written(how: str) -> None:
    indexer = Indexer()
    search = Search(index=indexer)
    search.plan(enabled=how != "disabled", rebuild=False)
    if how == "cancelled":
        search.cancel()
    search.after_build(Path("site"), wrote=how != "nothing written")
    search.wait()
    assert indexer.threads == []


def test_a_failed_index_fails_a_build_but_only_warns_in_a_preview(
    caplog: pytest.LogCaptureFixture,
) -> None:
    search = Search(index=Indexer(fail=True))
    search.plan(enabled=True, rebuild=False)
    with pytest.raises(PluginError, match="Pagefind failed"):
        search.after_build(Path("site"))
    search.plan(enabled=True, rebuild=True)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.recovery"):
        search.after_build(Path("site"))
        search.wait()
    assert any("search index not updated" in r.getMessage() for r in caplog.records)


# --- files.py: MkDocs' File API, pinned ---------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path, {"mkdocs.yml": "site_name: x\n", "docs/a.md": "# A\n", "docs/b.css": "b{}"})
    return tmp_path


def docs_files(site: Path) -> Files:
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "site"))
    return Files(
        [
            File(p, config.docs_dir, config.site_dir, config.use_directory_urls)
            for p in ("a.md", "b.css")
        ]
    )


def written(file: File) -> None:
    """As MkDocs leaves it after a build: the output newer than its source."""
    Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
    Path(file.abs_dest_path).write_text("out", encoding="utf-8")
    source = os.stat(file.abs_src_path).st_mtime_ns
    os.utime(file.abs_dest_path, ns=(source + 10**9, source + 10**9))


def test_redo_makes_mkdocs_redo_an_unchanged_page(site: Path) -> None:
    files = docs_files(site)
    page = files.get_file_from_path("a.md")
    assert page.is_modified()  # never written
    written(page)
    assert not page.is_modified()  # what a dirty build skips
    redo(files, ["a.md", "missing.md"])
    assert page.is_modified()


def test_keeping_the_last_good_site_renders_and_copies_nothing(site: Path) -> None:
    files = docs_files(site)
    written(files.get_file_from_path("a.md"))
    generated = GeneratedPage("g.md", None, str(site / "site"), True)
    generated.content_string = "# G\n"
    files.append(generated)
    keep_last_good_site(files)
    serve = InclusionLevel.is_in_serve  # what `mkdocs serve` builds
    assert not files.get_file_from_path("a.md").inclusion.is_excluded()  # unchanged: skipped
    assert not generated.is_modified() and not generated.inclusion.is_excluded()
    assert files.get_file_from_path("b.css").inclusion.is_excluded()
    assert [f.src_uri for f in files.documentation_pages(inclusion=serve)] == ["a.md", "g.md"]
    files.copy_static_files(dirty=True, inclusion=serve)
    assert not (site / "site/b.css").exists()


def test_generated_pages_say_whether_they_changed_and_clash_with_hand_written_ones(
    fixture_site: Path,
) -> None:
    config = load_config(str(fixture_site / "mkdocs.yml"), site_dir=str(fixture_site / "site"))
    config.plugins.on_startup(command="build", dirty=False)  # MkDocs' first event, as in a build
    run = start(fixture_site)
    hand_written = File("faq/index.md", config.docs_dir, config.site_dir, True)
    files = Files([hand_written])
    preview = Preview(dirty=True)
    add_generated(files, config, run, preview)
    assert run.clashes == ["faq/index.md"]
    assert files.get_file_from_path("faq/index.md") is hand_written
    page = files.get_file_from_path("faq/meds.md")
    assert isinstance(page, GeneratedPage) and page.is_modified()
    assert (
        "What is medication treatment?" in page.content_string and page.content_bytes
    )  # public readers
    preview.written("faq/meds.md")
    again = Files([])
    add_generated(again, config, start(fixture_site), preview)
    assert not again.get_file_from_path("faq/meds.md").is_modified()


def test_the_package_name_does_not_shadow_mkdocs_itself() -> None:
    """``recovery_site.mkdocs`` imports the real MkDocs (absolute imports)."""
    import mkdocs.plugins

    import recovery_site.mkdocs.plugin as plugin

    assert plugin.BasePlugin is mkdocs.plugins.BasePlugin
    assert "recovery_site" not in Path(mkdocs.plugins.__file__).parts
