"""The language editions of one site, as the plugin shows them (ARCHITECTURE.md, Languages).

Each edition is its own MkDocs build; here are the MkDocs-side pieces: which
pages every edition has (for the switcher and hreflang), the default edition
leaving ``docs/<language>/`` to that language's build, a translated edition
publishing the shared stylesheets and scripts. (Links from a translation
to a page only the default edition has are the core's:
``render.editions.links_to_default_edition``.)
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..i18n import DEFAULT_LANGUAGE, languages, translator
from ..load import Project, load_project
from ..render.editions import SHARED_ASSETS, alternates, page_uris, prefix
from .run import Inputs

#: language -> its pages (src_uri)
Editions = dict[str, set[str]]


def edition_pages(inputs: Inputs, project: Project, wanted: list[str]) -> Editions:
    """Every language's pages (for the switcher): this edition's and each other's."""
    pages = {inputs.language: page_uris(project)}
    wanted = wanted or languages()
    for name in languages():
        if name in pages or name not in wanted:
            continue
        folder = inputs.root / "docs" / name
        if name != DEFAULT_LANGUAGE and not (folder.is_dir() or (inputs.content / name).is_dir()):
            continue
        if name == DEFAULT_LANGUAGE and project.source is not None:
            other = project.source
        else:
            docs = inputs.root / "docs" if name == DEFAULT_LANGUAGE else folder
            other = load_project(inputs.root, inputs.content, docs, inputs.country, language=name)
        pages[name] = page_uris(other)
    return dict(sorted(pages.items(), key=lambda item: languages().index(item[0])))


def own_files(files: Files, config: MkDocsConfig, language: str, root: Path) -> None:
    """The default edition does not build docs/es/ (the Spanish edition does); a translated
    edition publishes the English docs' stylesheets and scripts (one copy)."""
    if language == DEFAULT_LANGUAGE:
        others = tuple(f"{name}/" for name in languages() if name != DEFAULT_LANGUAGE)
        for file in files:
            if file.src_uri.startswith(others):
                file.inclusion = InclusionLevel.EXCLUDED
        return
    docs = root / "docs"
    for folder in SHARED_ASSETS:
        for path in sorted((docs / folder).rglob("*")):
            uri = path.relative_to(docs).as_posix()
            if path.is_file() and not path.is_symlink() and files.get_file_from_path(uri) is None:
                files.append(File(uri, str(docs), config.site_dir, config.use_directory_urls))


def edition_of(editions: Editions, language: str, src_uri: str) -> str:
    """``''`` for a page this edition has, else the way up to the default edition."""
    if language == DEFAULT_LANGUAGE or src_uri in editions.get(language, {src_uri}):
        return ""
    return "../" * prefix(language).count("/")


def switcher(
    editions: Editions, language: str, src_uri: str, directory_urls: bool
) -> list[dict[str, object]]:
    """The language switcher's links: the same page in every edition, or its home."""
    return [
        {
            "language": name,
            "href": link,
            "same": same,
            # In the language it leads to: "Esta página en español".
            "text": translator(name)("language.this_page" if same else "language.home"),
        }
        for name, link, same in alternates(src_uri, language, editions, directory_urls)
    ]
