"""``recovery-site render --out DIR``: the site as Markdown any engine can build.

The ``recovery`` plugin adds to a build only Markdown (generated pages,
article footers and review notices, filled placeholders, pictures without
metadata) and, afterwards, output steps on HTML. This writes the first part
to disk: a copy of docs/ with everything the plugin adds, and a derived
``mkdocs.yml`` without the plugin, so MkDocs, ProperDocs or Zensical can build
it with no plugin; ``recovery-site finish`` (``finish.py``) then does the
output steps on the built site.

Each page's Markdown body is wrapped in ``CONTENT_OPEN`` ... ``CONTENT_CLOSE``
so ``finish`` can sanitise exactly the page's content, as the plugin does,
and not the theme around it. Contributors' text may contain the marker text
too, but it lies between our first opening and our last closing marker, so
sanitising from the first to the last covers it. Markdown that an extension
moves after the page's end (footnotes) is placed before the closing marker
(``footnotes_place``), and ``finish`` refuses a page where it is not.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from . import theme_words
from .brand import BRAND_CSS, brand_stylesheet
from .checks import run_checks
from .checks.safety import check_files
from .dates import today
from .diagnostics import Diagnostic
from .i18n import DEFAULT_LANGUAGE, languages
from .load import PythonName, load_project, plugin_entry, split_front_matter
from .model import CountryProfile
from .page_policy import escape_front_matter
from .render.country import fill_extra
from .render.editions import SHARED_ASSETS, links_to_default_edition, page_uris
from .render.site import SitePlan, plan_site
from .render.stories import drafts_wanted

#: Around each page's Markdown body (``finish`` removes them).
CONTENT_OPEN = "<!--rs-content-->"
CONTENT_CLOSE = "<!--/rs-content-->"
#: The plugin's name in mkdocs.yml, and its drafts switch (as ``mkdocs/config.py``).
PLUGIN = "recovery"


#: Written into ``out``: a folder holding it may be replaced by the next run.
STAMP = ".recovery-site-render"

_ATX_HEADING = re.compile(r"[ ]{0,3}#{1,6}[ \t]+(?=\S)")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml without running its tags: ``!!python/name`` kept, others dropped."""


_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: PythonName(suffix)
)


class ConfigError(ValueError):
    """mkdocs.yml cannot be carried over to the pre-rendered site (said in one line)."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    """A tag render cannot carry over (``!ENV``, ``!relative``): said, not dropped."""
    raise ConfigError(
        f"line {node.start_mark.line + 1}: the tag {node.tag} cannot be carried over by "
        "`recovery-site render`; write the value itself"
    )


_Loader.add_multi_constructor("", _unknown_tag)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    PythonName,
    lambda dumper, value: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", ""),
)


@dataclass
class Prerendered:
    """What ``prerender`` did: problems that stopped it, or the pages it wrote."""

    diagnostics: list[Diagnostic]
    clashes: list[str]
    pages: int = 0
    written: bool = False


#: Where Python-Markdown's footnotes extension puts the footnotes when the page
#: holds this line (its ``PLACE_MARKER`` option), instead of after everything.
FOOTNOTES_PLACE = "///Footnotes Go Here///"


def with_markers(body: str, appended: tuple[str, ...] = (), footnotes: str | None = None) -> str:
    """``body`` between the content markers.

    A page whose body starts with a heading gets the opening marker inside that
    heading, so the heading stays the page's first element (engines take the
    page title from it); ``finish`` then starts sanitising at the heading's tag.
    ``appended`` are snippets mkdocs.yml appends to every page (``auto_append``):
    included inside the markers, so they are sanitised as the plugin does.
    """
    body = body + "".join(f'\n\n--8<-- "{name}"\n' for name in appended)
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and (m := _ATX_HEADING.match(lines[first])):
        lines[first] = lines[first][: m.end()] + CONTENT_OPEN + lines[first][m.end() :]
        opened = "\n".join(lines)
    else:
        opened = f"{CONTENT_OPEN}\n\n{body}"
    # Footnotes go inside the markers (else they follow the closing one, unsanitised).
    place = f"{footnotes}\n\n" if footnotes else ""
    return f"{opened.rstrip()}\n\n{place}{CONTENT_CLOSE}\n"


def _page(
    front: dict[str, Any] | None, front_text: str | None, body: str, mark: Callable[[str], str]
) -> str:
    if front_text is None:
        return mark(body)
    if front is None:  # not a mapping: kept as written (the checks report it)
        return f"---\n{front_text}---\n{mark(body)}"
    matter = yaml.dump(front, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    return f"---\n{matter}---\n{mark(body)}"


def footnotes_place(config: dict[str, Any]) -> str | None:
    """The footnotes extension's place marker, if mkdocs.yml enables footnotes."""
    for entry in config.get("markdown_extensions") or []:
        name = entry if isinstance(entry, str) else next(iter(entry), "")
        if name in ("footnotes", "markdown.extensions.footnotes"):
            options = entry.get(name) if isinstance(entry, dict) else None
            place = options.get("PLACE_MARKER") if isinstance(options, dict) else None
            return str(place or FOOTNOTES_PLACE)
    return None


def auto_appended(config: dict[str, Any]) -> tuple[str, ...]:
    """Snippets appended to every page (``pymdownx.snippets: auto_append``)."""
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict) and isinstance(entry.get("pymdownx.snippets"), dict):
            return tuple(entry["pymdownx.snippets"].get("auto_append") or ())
    return ()


def _drafts(options: dict[str, Any]) -> bool:
    return drafts_wanted(options.get("drafts") is True)


def derived_config(
    config: dict[str, Any],
    root: Path,
    plan: SitePlan,
    profile: CountryProfile | None,
    in_nav: set[str],
) -> dict[str, Any]:
    """mkdocs.yml for the pre-rendered tree: no plugin, extensions added, paths absolute."""
    config = dict(config)
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    config["plugins"] = [
        p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)
    ]
    extensions = list(config.get("markdown_extensions") or [])
    names = {e if isinstance(e, str) else next(iter(e)) for e in extensions}
    extensions += [e for e in plan.extensions if e not in names]
    for i, entry in enumerate(extensions):  # snippets' folders are relative to the root
        if isinstance(entry, dict) and isinstance(entry.get("pymdownx.snippets"), dict):
            options = dict(entry["pymdownx.snippets"])
            base = options.get("base_path", ["."])
            base = [base] if isinstance(base, str) else base
            options["base_path"] = [str((root / b).resolve()) for b in base]
            options.pop("auto_append", None)  # written into each page (``with_markers``)
            extensions[i] = {"pymdownx.snippets": options}
    config["markdown_extensions"] = extensions
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        config["theme"] = {**theme, "custom_dir": str((root / theme["custom_dir"]).resolve())}
    # The templates' words (``t()`` and friends), which the plugin would have set.
    hooks = [str((root / h).resolve()) for h in config.get("hooks") or []]
    config["hooks"] = [*hooks, str(Path(theme_words.__file__).resolve())]
    config["docs_dir"] = "docs"
    config.pop("site_dir", None)
    config["watch"] = [str((root / w).resolve()) for w in config.get("watch") or []]
    if not config["watch"]:
        config.pop("watch")
    extra = dict(config.get("extra") or {})
    if profile is not None:  # the country's help lines, as the plugin's on_config adds them
        fill_extra(extra, profile)
    if extra:
        config["extra"] = extra
    # Pages reached from a section index, as the plugin adds them (not in the nav).
    hidden = sorted(r.src_uri for r in plan.pages if r.src_uri not in in_nav)
    if hidden:
        config["not_in_nav"] = "\n".join(f"/{uri}" for uri in hidden)
    return config


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """``child`` over ``parent``, mappings merged key by key, as MkDocs merges ``INHERIT``."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_config(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """A ``mkdocs.yml`` with its ``INHERIT:`` parents merged in (an edition's config
    inherits the site's), so the written config stands alone."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot be read: {str(exc).splitlines()[0]}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{path}: not a mapping of settings")
    parent = config.pop("INHERIT", None)
    if isinstance(parent, str):
        parent_path = (path.parent / parent).resolve()
        if parent_path in seen:
            raise ConfigError(f"{path}: INHERIT goes round in a circle")
        config = _merged(read_config(parent_path, (*seen, path.resolve())), config)
    return config


def replaceable(out: Path) -> bool:
    """Whether ``out`` may be emptied: it is missing, empty, or an earlier render."""
    return not out.exists() or (
        out.is_dir() and (not any(out.iterdir()) or (out / STAMP).is_file())
    )


def prerender(root: Path, out: Path, config_file: str = "mkdocs.yml") -> Prerendered:
    """Write ``root``'s site as plain Markdown into ``out`` (replaced), if its content has
    no errors (the build's checks, as ``recovery-site check`` runs them)."""
    config = read_config(root / config_file)
    options = plugin_entry(config, PLUGIN)
    docs = (root / str(config.get("docs_dir") or "docs")).resolve()
    content = root / str(options.get("content_dir") or "content")
    language = str(options.get("language") or DEFAULT_LANGUAGE)
    project = load_project(root, content, docs, options.get("country"), language=language)
    if language != DEFAULT_LANGUAGE:  # a translation is checked against its English
        project.source = load_project(root, content, root / "docs", options.get("country"))
    brand = brand_stylesheet((config.get("extra") or {}).get("brand"))
    day = today()
    diagnostics = list(check_files(project, day))
    if not any(d.is_error for d in diagnostics):
        required = options.get("require_clinical_review") is True
        diagnostics += run_checks(project, today=day, require_clinical_review=required)
    if any(d.is_error for d in diagnostics):
        return Prerendered(diagnostics, [])
    help_page = str(options.get("help_page", "get-help.md") or "") or None
    if help_page and not (docs / help_page).is_file():
        help_page = None
    plan = plan_site(
        project,
        drafts=_drafts(options),
        help_page=help_page,
        stories_per_page=int(options.get("stories_per_page", 50)),
    )
    # The default edition does not publish docs/<language>/ (each edition does its own).
    others = (
        tuple(f"{name}/" for name in languages() if name != DEFAULT_LANGUAGE)
        if language == DEFAULT_LANGUAGE
        else ()
    )
    hand_written = {
        uri
        for p in docs.rglob("*")
        if p.is_file() and not (uri := p.relative_to(docs).as_posix()).startswith(others)
    }
    stylesheets = {BRAND_CSS: brand} if brand is not None else {}
    directory_urls = config.get("use_directory_urls", True) is not False
    english = page_uris(project.source) if project.source is not None else set()

    def to_english(uri: str, markdown: str) -> str:
        return links_to_default_edition(markdown, uri, language, english, directory_urls)

    clashes = sorted(
        (plan.generated | {p.src_uri for p in plan.pictures} | set(stylesheets)) & hand_written,
    )
    if clashes:
        return Prerendered(diagnostics, clashes)
    if out.exists():
        shutil.rmtree(out)  # ``replaceable`` said it is empty or an earlier render
    target = out / "docs"
    pages = 0
    mark = partial(with_markers, appended=auto_appended(config), footnotes=footnotes_place(config))
    for uri in sorted(hand_written):
        if uri in plan.excluded:
            continue
        path = target / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if not uri.endswith(".md"):
            shutil.copy2(docs / uri, path)
            continue
        front_text, body, _ = split_front_matter((docs / uri).read_text(encoding="utf-8-sig"))
        front = yaml.safe_load(front_text) if front_text else {}
        meta = front if isinstance(front, dict) else {}
        body = to_english(uri, plan.hand_written(uri, meta, body))
        escape_front_matter(meta)
        page = _page(front if isinstance(front, dict) else None, front_text, body, mark)
        path.write_text(page, encoding="utf-8")
        pages += 1
    in_nav = set()
    for recipe in plan.pages:
        front_text, body, _ = split_front_matter(recipe.render())
        path = target / recipe.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        matter = f"---\n{front_text}---\n" if front_text is not None else ""
        body = to_english(recipe.src_uri, body)
        path.write_text(matter + mark(body), encoding="utf-8")
        pages += 1
        if recipe.in_nav:
            in_nav.add(recipe.src_uri)
    if language != DEFAULT_LANGUAGE:  # the English docs' stylesheets and scripts, shared
        for folder in SHARED_ASSETS:
            for path in sorted((root / "docs" / folder).rglob("*")):
                uri = path.relative_to(root / "docs").as_posix()
                if path.is_file() and not path.is_symlink() and uri not in hand_written:
                    (target / uri).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target / uri)
    for picture in plan.pictures:
        path = target / picture.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(picture.data())
    for uri, text in stylesheets.items():
        path = target / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    derived = derived_config(config, root, plan, project.profile, in_nav)
    if stylesheets:
        css = list(derived.get("extra_css") or [])
        derived["extra_css"] = css + [uri for uri in stylesheets if uri not in css]
    (out / STAMP).write_text("written by recovery-site render: replaced on the next run\n")
    (out / "mkdocs.yml").write_text(
        yaml.dump(derived, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return Prerendered(diagnostics, [], pages, True)
