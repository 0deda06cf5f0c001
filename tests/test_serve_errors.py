"""The preview's error panel and serving wrapper, without a server (serve_errors.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from conftest import story_md, write

from recovery_site.diagnostics import error, warning
from recovery_site.load import load_project
from recovery_site.mkdocs.serve_errors import (
    DirtyBuildWarningFilter,
    PreviewApp,
    PreviewErrors,
    Shown,
    panel_html,
    preview_leaves_out,
    serve_page,
)
from recovery_site.page_policy import add_page_policies, inline_script_hashes

STORY = "content/stories/a.md"
DRAFT = "content/stories/draft.md"
HOSTILE = error(STORY, 3, 1, "unknown-field", "unknown field '<script>alert(1)</script>'")


def test_the_panel_shows_diagnostics_as_text() -> None:
    panel = panel_html(Shown(blocking=(HOSTILE,), kept_last_good=True))
    assert "<script>" not in panel
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel
    assert f"{STORY}:3:1: error: [unknown-field]" in panel
    assert "style=" not in panel and "<script" not in panel  # the page policy allows neither
    assert panel_html(Shown()) == ""


def test_errors_in_unbuilt_drafts_are_shown_but_keep_nothing_back() -> None:
    errors = PreviewErrors()
    errors.start_build([])
    errors.found([])
    assert not errors.keep_last_good(dirty=True)
    errors.finish_build()  # a good build: from now on there is a site to keep

    errors.start_build([DRAFT])
    errors.found([error(DRAFT, 2, 1, "personal-info", "x"), warning(STORY, 1, 1, "w", "y")])
    assert not errors.keep_last_good(dirty=True)
    assert not errors.finish_build()
    assert errors.shown.blocking == () and [d.path for d in errors.shown.unbuilt] == [DRAFT]
    assert "rs-preview-errors--unbuilt" in panel_html(errors.shown)

    errors.start_build([DRAFT])
    errors.found([HOSTILE])
    assert errors.keep_last_good(dirty=True)
    assert errors.finish_build() and errors.shown.kept_last_good
    assert not errors.keep_last_good(dirty=False)  # plain `mkdocs serve` cleans the site


def test_no_site_to_keep_before_the_first_good_build() -> None:
    errors = PreviewErrors()
    errors.start_build([])
    errors.found([HOSTILE])
    assert not errors.keep_last_good(dirty=True)  # build what loads, and say so
    errors.finish_build()
    assert "may be missing or wrong" in panel_html(errors.shown)


PAGE = add_page_policies(
    '<!doctype html><html><head><meta charset="utf-8"><title>T</title></head>'
    '<body class="x"><h1>T</h1><script>__md_scope=new URL(".",location)</script></body></html>'
)


def test_serving_adds_the_panel_and_allows_the_live_reload_script() -> None:
    # What MkDocs' live-reload server adds before </body>, as it serves the page.
    reload = "\nvar livereload = function(epoch, requestId) {};\nlivereload(1, 2);\n"
    served = PAGE.replace("</body>", f"<script>{reload}</script></body>").encode()
    out = serve_page(served, Shown(blocking=(HOSTILE,))).decode()
    assert out.index('<section class="rs-preview-errors"') == out.index('<body class="x">') + 16
    csp = out.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    for digest in inline_script_hashes(out):  # both scripts, and nothing else changed
        assert digest in csp
    assert len(inline_script_hashes(out)) == 2
    assert out.count("Content-Security-Policy") == 1


def test_the_wrapper_rewrites_html_only() -> None:
    def app(environ, start_response):
        kind = "text/html" if environ["PATH_INFO"].endswith("/") else "text/css"
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", "3")])
        return [PAGE.encode()]

    errors = PreviewErrors()
    errors.start_build([])
    errors.found([HOSTILE])
    errors.finish_build()
    started = []
    wrapped = PreviewApp(app, errors)
    body = b"".join(wrapped({"PATH_INFO": "/a/"}, lambda s, h: started.append(h)))
    assert b"rs-preview-errors" in body
    assert ("Content-Length", str(len(body))) in started[-1]
    body = b"".join(wrapped({"PATH_INFO": "/a.css"}, lambda s, h: started.append(h)))
    assert body == PAGE.encode()


def test_only_mkdocs_dirty_build_warning_is_silenced() -> None:
    keep = DirtyBuildWarningFilter().filter

    def record(level: int, message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.commands.build", level, __file__, 1, message, (), None)

    dirty = (
        "A 'dirty' build is being performed, this will likely lead to inaccurate navigation "
        "and other links within your site. This option is designed for site development "
        "purposes only."
    )
    assert not keep(record(logging.WARNING, dirty))
    assert keep(record(logging.WARNING, "Doc file 'a.md' contains a link to 'b.md'"))
    assert keep(record(logging.ERROR, dirty))


def test_which_errors_hold_a_preview_back(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/stories/ok.md": story_md(),
            "content/stories/draft.md": story_md(status="draft"),
            # Did not load (unknown field), but says it is a draft.
            "content/stories/bad-draft.md": story_md(status="in-review").replace(
                "summary:", "colour: red\nsummary:"
            ),
            # Did not load and says it is published: it may be on the site.
            "content/stories/bad-published.md": story_md().replace(
                "summary:", "colour: red\nsummary:"
            ),
            # Unreadable YAML: its status cannot be known.
            "content/stories/unreadable.md": "---\ntitle: [\nstatus: draft\n---\nx\n",
            "content/stories/later.md": story_md(published="2099-01-01"),
        },
    )
    project = load_project(tmp_path)
    left_out = preview_leaves_out(project, tmp_path, drafts=False)
    assert left_out == {
        "content/stories/draft.md",
        "content/stories/bad-draft.md",
        "content/stories/later.md",
    }
    assert preview_leaves_out(project, tmp_path, drafts=True) == set()
