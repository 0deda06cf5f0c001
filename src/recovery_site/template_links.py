"""Links in the theme templates (overrides/) that work only with directory URLs.

MkDocs rewrites links written in Markdown (``../faq/medications.md``) for
either kind of address, but a template's link is what its author typed:
``{{ 'get-help/' | url }}`` is a folder, which a web server answers with
``get-help/index.html`` and a browser opening the offline edition from disk
answers with a folder listing (or nothing: the offline page is
``get-help.html``). ``recovery-site links`` sees such a link only on built
pages, where it cannot say which template wrote it; this check reads the
templates themselves, so the error names the template line to fix.

Templates are parsed with Jinja's own parser, the one MkDocs renders them
with: a string given to the ``url`` filter (directly or as a ``default``)
that names a folder, and a hard-coded relative ``href``/``src`` in the
template's markup, are both reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from .diagnostics import Diagnostic, error

FIX = "use page_url('<page>.md') from partials/rs-urls.html"
_ATTRIBUTE = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"'{}]+)["']""", re.I)
_OPEN_ATTRIBUTE = re.compile(r"""\b(?:href|src)\s*=\s*["']?$""", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def _relative(target: str) -> bool:
    """True for an address relative to the page: no scheme, not ``/x``, ``//host`` or ``#x``."""
    return bool(target) and not _SCHEME.match(target) and not target.startswith(("/", "#"))


def _folder(target: str) -> bool:
    """True for a relative address of a folder (``faq/``, ``.``, ``..``)."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    return _relative(target) and (path.endswith("/") or path in ("", ".", ".."))


def _column(source: str, line: int, needle: str) -> int:
    lines = source.splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return text.find(needle) + 1 or 1


def _link_expressions(tree: nodes.Template) -> Iterator[nodes.Expr]:
    """Expressions printed as the value of an ``href`` or ``src`` attribute.

    Only those: ``data-bundle="{{ 'pagefind/' | url }}"`` names a real folder
    that a script reads files from, which is right with either kind of address.
    """
    for output in tree.find_all(nodes.Output):
        before = ""
        for child in output.nodes:
            if isinstance(child, nodes.TemplateData):
                before = child.data
            elif _OPEN_ATTRIBUTE.search(before):
                yield child


def check_template(path: str, source: str) -> Iterator[Diagnostic]:
    """Directory-only links in one template; ``path`` is how to name it in messages."""
    try:
        tree = Environment().parse(source)
    except TemplateSyntaxError as exc:
        yield error(path, exc.lineno or 1, 1, "directory-url", f"cannot read template: {exc}")
        return
    for expression in _link_expressions(tree):
        for node in [expression, *expression.find_all(nodes.Filter)]:
            if not isinstance(node, nodes.Filter) or node.name != "url" or node.node is None:
                continue
            for const in [node.node, *node.node.find_all(nodes.Const)]:
                value = const.value if isinstance(const, nodes.Const) else None
                if isinstance(value, str) and _folder(value):
                    yield error(
                        path,
                        const.lineno,
                        _column(source, const.lineno, repr(value)[1:-1]),
                        "directory-url",
                        f"'{value}' | url is a folder: it works only with directory URLs, not "
                        f"in the offline edition opened from disk; {FIX}",
                    )
    for data in tree.find_all(nodes.TemplateData):
        for match in _ATTRIBUTE.finditer(data.data):
            target = match.group(1).strip()
            if not _relative(target):
                continue
            line = data.lineno + data.data.count("\n", 0, match.start(1))
            yield error(
                path,
                line,
                _column(source, line, match.group(0)),
                "directory-url",
                f"hard-coded link '{target}': it is not rewritten for the offline edition "
                f"(use_directory_urls: false); {FIX}",
            )


def check_templates(folder: Path, root: Path) -> list[Diagnostic]:
    """Every directory-only link in the ``*.html`` templates below ``folder``."""
    found: list[Diagnostic] = []
    for template in sorted(folder.rglob("*.html")):
        try:
            shown = template.relative_to(root).as_posix()
        except ValueError:
            shown = template.as_posix()
        found += check_template(shown, template.read_text(encoding="utf-8"))
    return sorted(found)
