"""Sources: medical content cites authoritative, checkable https sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .. import urls
from ..diagnostics import Diagnostic, error, warning
from ..load import Project
from ..model import Source
from ..yaml_source import SourceMap


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a well-formed https address, or None when it is.

    The URL is read as a browser reads it (``urls.parse``, WHATWG), not as
    ``urllib`` does: ``https://evil.example\\@samhsa.gov/`` goes to
    evil.example in a browser, so that is the host judged. Anything a browser
    could read differently from a person (a backslash, a user name before
    ``@``, ``https:host`` without slashes) is refused outright.
    """
    if any(c.isspace() for c in url):
        return "contains a space"
    if "\\" in url:
        return "contains a backslash; browsers read it as '/', so write '/'"
    parsed = urls.parse(url)
    if parsed is None:
        if ":" not in url.split("/", 1)[0]:
            return "has no scheme; only https:// addresses are accepted"
        return "is not a valid address"
    scheme = parsed.protocol.removesuffix(":")
    if scheme != "https":
        return f"has '{scheme}:'; only https:// addresses are accepted"
    if not url.lower().startswith("https://"):
        return "does not start with https://; write the full address"
    if parsed.username or parsed.password:
        return (
            "has a user name before '@'; browsers go to the host after it "
            f"('{parsed.hostname}'), so remove the part before '@'"
        )
    host = parsed.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith("."):
        return "has no valid host name"
    return None


def host_is_trusted(url: str, domains: list[str]) -> bool:
    """True when the URL's host (as a browser reads it) is one of ``domains`` or below one."""
    host = urls.host(url)
    return bool(host) and any(host == d or host.endswith("." + d) for d in domains)


def _check_sources(
    sources: list[Source], smap: SourceMap, prefix: tuple, domains: list[str]
) -> Iterator[Diagnostic]:
    for j, source in enumerate(sources):
        line, col = smap.value_at((*prefix, j, "url"))
        problem = url_problem(source.url)
        if problem:
            yield error(
                smap.path, line, col, "bad-source-url", f"source URL '{source.url}' {problem}"
            )
        elif not host_is_trusted(source.url, domains):
            host = urls.host(source.url)
            yield warning(
                smap.path,
                line,
                col,
                "unrecognised-publisher",
                f"'{host}' is not on the list of authoritative sites; prefer SAMHSA, NIDA, "
                "NIAAA, FDA, CDC, NHS or peer-reviewed work, or ask a reviewer to add it to "
                "content/style/checks.yml",
            )


def check_sources(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    domains = project.style.settings.authoritative_domains
    for doc in project.topics:
        for i, entry in enumerate(doc.topic.questions):
            if doc.topic.medical and not entry.sources:
                line, col = doc.source_map.key_at(("questions", i, "answer"))
                yield error(
                    doc.path,
                    line,
                    col,
                    "missing-source",
                    f"'{entry.id}' is in a medical topic but cites no source; add 'sources:' "
                    "with at least one authoritative source",
                )
            yield from _check_sources(
                entry.sources, doc.source_map, ("questions", i, "sources"), domains
            )
    for article in project.articles:
        if article.meta.medical and not article.meta.sources:
            line, col = article.source_map.key_at(("medical",))
            yield error(
                article.path,
                line,
                col,
                "missing-source",
                "this article is marked medical but lists no sources; add 'sources:' to its "
                "front matter",
            )
        yield from _check_sources(article.meta.sources, article.source_map, ("sources",), domains)


CHECKS = (check_sources,)
