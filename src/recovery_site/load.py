"""Read content files into typed records, turning every problem into a Diagnostic.

This is the only place that touches the file system for content. Each loaded
record keeps its path and a ``SourceMap`` so later checks can point editors at
the exact line to fix.
"""

from __future__ import annotations

import difflib
import os
import re
import types
import typing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, error, warning
from .i18n import DEFAULT_LANGUAGE, languages
from .model import (
    ArticleMeta,
    CheckSettings,
    ContentWarningKeywords,
    CountryProfile,
    FaqTopic,
    MedicalTerms,
    Reviewer,
    ReviewerList,
    Story,
    TermList,
    TopicLabels,
)
from .slugs import CONTROL_CHARS, control_char
from .yaml_source import Loc, SourceMap, parse_yaml

MAX_FILE_BYTES = 1_000_000

# The same front matter shape MkDocs accepts (mkdocs/utils/meta.py).
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)??(?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z)", re.S)

M = TypeVar("M", bound=BaseModel)

#: The country a site is built for when mkdocs.yml does not say (plugin option ``country``).
DEFAULT_COUNTRY = "us"


@dataclass(frozen=True)
class TopicDoc:
    """A loaded FAQ topic: ``slug`` is the file name without ``.yml``."""

    path: str
    slug: str
    topic: FaqTopic
    source_map: SourceMap


@dataclass(frozen=True)
class StoryDoc:
    """A loaded story; ``body_line`` is the file line where the Markdown body starts."""

    path: str
    slug: str
    story: Story
    body: str
    body_line: int
    source_map: SourceMap


@dataclass(frozen=True)
class ArticleDoc:
    """A hand-written article; ``src_uri`` is its path below the docs directory."""

    path: str
    src_uri: str
    meta: ArticleMeta
    body: str
    body_line: int
    source_map: SourceMap


@dataclass(frozen=True)
class IncludeDoc:
    """A Markdown file in ``includes/`` that snippets append to every page (no front matter)."""

    path: str
    body: str
    body_line: int = 1


@dataclass(frozen=True)
class TreeEntry:
    """One entry of the folders a build reads (content, docs, includes, overrides).

    ``rel`` is the path inside its folder; ``link`` is True for a symbolic
    link (file or folder), which is never followed.
    """

    path: str
    folder: str
    rel: str
    link: bool


@dataclass(frozen=True)
class StyleGuide:
    """The editorial data the checks read from ``content/style/`` (or defaults)."""

    terms: TermList = field(default_factory=TermList)
    content_warnings: ContentWarningKeywords = field(default_factory=ContentWarningKeywords)
    settings: CheckSettings = field(default_factory=CheckSettings)
    medical_terms: MedicalTerms = field(default_factory=MedicalTerms)
    topic_labels: TopicLabels = field(default_factory=TopicLabels)
    #: Where each file read came from (attribute -> its source map), so checks of
    #: style data (topics.yml's featured answers) can point at the line.
    source_maps: dict[str, SourceMap] = field(default_factory=dict)


@dataclass
class Project:
    """Everything loaded from one site: records plus the problems met on the way."""

    topics: list[TopicDoc] = field(default_factory=list)
    stories: list[StoryDoc] = field(default_factory=list)
    articles: list[ArticleDoc] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    style: StyleGuide = field(default_factory=StyleGuide)
    files_read: int = 0
    includes: list[IncludeDoc] = field(default_factory=list)
    #: Every file and symbolic link under the folders a build reads.
    tree: list[TreeEntry] = field(default_factory=list)
    #: Clinicians who may be named in reviewed_by (content/reviewers.yml), by id.
    reviewers: dict[str, Reviewer] = field(default_factory=dict)
    #: The site's ``require_clinical_review`` (mkdocs.yml plugin option): a medical
    #: page without a named reviewer is then an error, not a note.
    require_clinical_review: bool = False

    #: Slugs of FAQ topics that exist but failed to load (their errors are reported).
    unloaded_topics: set[str] = field(default_factory=set)
    #: The site's folder: checks that read a file's bytes (images) find it here.
    root: Path | None = None

    #: The country the site is built for (``plugins.recovery.country``) and its profile
    #: (``content/locales/<country>.yml``; None when the site has no such file).
    country: str = DEFAULT_COUNTRY
    profile: CountryProfile | None = None
    #: Every profile in ``content/locales/``, by country: the checks know which
    #: numbers and services belong to which country.
    profiles: dict[str, CountryProfile] = field(default_factory=dict)
    #: ``extra.brand`` of mkdocs.yml as written (None: not set), for the contrast check.
    brand: BrandSettings | None = None
    #: True for the copy made by ``render.country.for_country`` (content for one country).
    localised: bool = False
    #: The edition's language (``en``, ``es``): which content was read, which words the
    #: checks and pages use.
    language: str = DEFAULT_LANGUAGE
    #: A translated edition: the default language's project, which its texts translate
    #: (set by ``load_editions``; the translation checks compare with it).
    source: Project | None = None


def _relative(path: Path, root: Path) -> str:
    """``path`` as shown to editors: below ``root``, control characters escaped.

    A diagnostic is one line, so a newline in a file name is shown as ``\\n``.
    """
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return CONTROL_CHARS.sub(lambda m: repr(m.group(0))[1:-1], shown)


def _bad_file_name(path: Path, root: Path) -> Diagnostic | None:
    """A file name with a control character (a newline, a tab...) becomes a broken URL."""
    try:
        name = path.relative_to(root).as_posix()  # folders below root count too
    except ValueError:
        name = path.name
    found = control_char(name)
    if found is None:
        return None
    return error(
        _relative(path, root),
        1,
        1,
        "bad-file-name",
        f"the file name contains the control character '{found}'; rename the file "
        "(lowercase letters, digits and hyphens)",
    )


def read_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 file, reporting size, encoding and I/O problems as diagnostics."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                error(
                    shown,
                    1,
                    1,
                    "file-too-large",
                    f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}: split it up",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(shown, 1, 1, "unreadable", f"cannot read file: {exc.strerror}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            error(
                shown,
                line,
                col,
                "not-utf8",
                f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
            )
        ]


# --- pydantic errors -> diagnostics -------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    """The model class inside ``list[X]`` / ``X | None`` annotations, if any."""
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return annotation


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that validates the mapping found at ``loc``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def validation_diagnostics(
    exc: ValidationError, model: type[BaseModel], smap: SourceMap
) -> list[Diagnostic]:
    """Translate pydantic errors into editor-facing diagnostics with positions."""
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        name = _dotted(loc)
        if kind == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            known = list(parent.model_fields) if parent else []
            guess = difflib.get_close_matches(str(loc[-1]), known, n=1)
            hint = (
                f" (did you mean '{guess[0]}'?)"
                if guess
                else (f"; known fields: {', '.join(known)}" if known else "")
            )
            line, col = smap.key_at(loc)
            out.append(
                error(smap.path, line, col, "unknown-field", f"unknown field '{loc[-1]}'{hint}")
            )
        elif kind == "missing":
            line, col = smap.value_at(loc[:-1])
            where = f" in {_dotted(loc[:-1])}" if len(loc) > 1 else ""
            out.append(
                error(
                    smap.path,
                    line,
                    col,
                    "missing-field",
                    f"missing required field '{loc[-1]}'{where}",
                )
            )
        elif kind.startswith(("date_", "datetime_")):
            line, col = smap.value_at(loc)
            out.append(
                error(
                    smap.path,
                    line,
                    col,
                    "bad-date",
                    f"'{name}' is not a valid date ({err['msg'].lower()}); write it as YYYY-MM-DD",
                )
            )
        elif kind in ("literal_error", "enum"):
            line, col = smap.value_at(loc)
            out.append(error(smap.path, line, col, "invalid-value", f"'{name}': {err['msg']}"))
        else:
            line, col = smap.value_at(loc)
            out.append(error(smap.path, line, col, "wrong-type", f"'{name}': {err['msg']}"))
    return out


def validate(data: Any, model: type[M], smap: SourceMap) -> tuple[M | None, list[Diagnostic]]:
    """Validate parsed data against ``model``; diagnostics instead of exceptions."""
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {type(data).__name__}"
        line, col = smap.value_at(())
        return None, [
            error(
                smap.path,
                line,
                col,
                "not-a-mapping",
                f"expected 'field: value' lines at the top level, found {found}",
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, validation_diagnostics(exc, model, smap)


# --- front matter --------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---`` front matter from a Markdown body.

    Returns ``(yaml_text or None, body, body_line)`` where ``body_line`` is the
    1-based line on which the body starts.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    front = match.group(1) or ""
    body_line = text[: match.end()].count("\n") + 1
    return front, text[match.end() :], body_line


# --- loaders -------------------------------------------------------------------------


def load_topic(path: Path, root: Path) -> tuple[TopicDoc | None, list[Diagnostic]]:
    """Load one ``content/faq/<topic>.yml`` file."""
    shown = _relative(path, root)
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    data, smap, problems = parse_yaml(text, shown)
    if problems and data is None:
        return None, problems
    topic, invalid = validate(data, FaqTopic, smap)
    problems = problems + invalid
    if topic is None:
        return None, problems
    return TopicDoc(shown, path.stem, topic, smap), problems


def load_story(path: Path, root: Path) -> tuple[StoryDoc | None, list[Diagnostic]]:
    """Load one ``content/stories/<slug>.md`` file (front matter + Markdown body)."""
    shown = _relative(path, root)
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    front, body, body_line = split_front_matter(text)
    if front is None:
        return None, [error(shown, 1, 1, "no-front-matter", _missing_fence(text))]
    data, smap, problems = parse_yaml(front, shown, line_offset=1)
    if problems and data is None:
        return None, problems
    data, replaced = _replace_illustrative(data, smap)
    problems = problems + replaced
    story, invalid = validate(data, Story, smap)
    problems = problems + invalid
    if story is None:
        return None, problems
    return StoryDoc(shown, path.stem, story, body, body_line, smap), problems


def _missing_fence(text: str) -> str:
    """Which '---' line a story lacks, in words an editor can act on."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    if first == "---":
        return (
            "the front matter that starts on line 1 is never closed: add a line '---' after "
            "its last field (summary, own_words...), before the story's text"
        )
    if re.match(r"^[A-Za-z_][\w-]*:", first):
        return (
            "the front matter has no opening '---': add a line '---' above "
            f"'{first.split(':', 1)[0]}:' (and another after the last field)"
        )
    return (
        "a story starts with front matter between two '---' lines "
        "(title, author, status, consent, summary...)"
    )


def _replace_illustrative(data: Any, smap: SourceMap) -> tuple[Any, list[Diagnostic]]:
    """The old ``illustrative:`` field: one clear error naming its replacement, ``basis``.

    ``illustrative: true`` stood for a composite, so the rest of the file is
    checked as one (no second error for the missing ``basis``).
    """
    if not isinstance(data, dict) or "illustrative" not in data:
        return data, []
    line, col = smap.key_at(("illustrative",))
    old = data["illustrative"]
    data = {k: v for k, v in data.items() if k != "illustrative"}
    if old is True or str(old).strip().lower() in ("true", "yes", "on"):  # scalars stay text
        fix = "replace 'illustrative: true' with 'basis: composite'"
        data.setdefault("basis", "composite")
    else:
        fix = (
            "remove 'illustrative' and say what the story is: 'basis: consented' (one real "
            "person's story, with consent) or 'basis: composite' (written by the team)"
        )
    return data, [
        error(
            smap.path, line, col, "replaced-field", f"'illustrative' is replaced by 'basis': {fix}"
        )
    ]


def load_article(
    path: Path, docs_dir: Path, root: Path
) -> tuple[ArticleDoc | None, list[Diagnostic]]:
    """Load an article's front matter; a page without front matter has defaults."""
    shown = _relative(path, root)
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    front, body, body_line = split_front_matter(text)
    data, smap, problems = parse_yaml(front or "", shown, line_offset=1)
    if problems and data is None:
        return None, problems
    meta, invalid = validate(data if data is not None else {}, ArticleMeta, smap)
    problems = problems + invalid
    if meta is None:
        return None, problems
    src_uri = path.relative_to(docs_dir).as_posix()
    return ArticleDoc(shown, src_uri, meta, body, body_line, smap), problems


#: StyleGuide attribute -> (file in content/style/, its model).
STYLE_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "terms": ("terms.yml", TermList),
    "content_warnings": ("content-warnings.yml", ContentWarningKeywords),
    "settings": ("checks.yml", CheckSettings),
    "medical_terms": ("medical-terms.yml", MedicalTerms),
    "topic_labels": ("topics.yml", TopicLabels),
}


def load_style(style_dir: Path, root: Path) -> tuple[StyleGuide, list[Diagnostic]]:
    """Read ``content/style/*.yml``; a missing file means built-in defaults.

    A broken style file is reported as ``bad-style-file`` and its defaults
    are used, so one typo there does not hide every other diagnostic.
    """
    parts: dict[str, BaseModel] = {}
    maps: dict[str, SourceMap] = {}
    problems: list[Diagnostic] = []
    for attr, (name, model) in STYLE_FILES.items():
        path = style_dir / name
        if not path.is_file():
            continue
        shown = _relative(path, root)
        text, read_problems = read_text(path, shown)
        data, smap, parse_problems = (None, None, []) if text is None else parse_yaml(text, shown)
        record = None
        invalid: list[Diagnostic] = []
        if smap is not None and not (parse_problems and data is None):
            record, invalid = validate(data, model, smap)
        found = read_problems + parse_problems + invalid
        problems += [
            error(d.path, d.line, d.col, "bad-style-file", f"[{d.code}] {d.message}") for d in found
        ]
        if record is not None and smap is not None:
            parts[attr] = record
            maps[attr] = smap
    return StyleGuide(**parts, source_maps=maps), problems  # type: ignore[arg-type]


def _style_parts_in(style_dir: Path, guide: StyleGuide) -> dict[str, Any]:
    """The parts of ``guide`` that ``style_dir`` has a file for (a language's own lists)."""
    return {
        attr: getattr(guide, attr)
        for attr, (name, _model) in STYLE_FILES.items()
        if (style_dir / name).is_file()
    }


def load_reviewers(path: Path, root: Path) -> tuple[dict[str, Reviewer], list[Diagnostic]]:
    """Read ``content/reviewers.yml``; no file means no reviewers (every medical page waits)."""
    if not path.is_file():
        return {}, []
    shown = _relative(path, root)
    text, problems = read_text(path, shown)
    if text is None:
        return {}, problems
    data, smap, parsed = parse_yaml(text, shown)
    problems += parsed
    if parsed and data is None:
        return {}, problems
    if data is None:
        data = {}  # a file of comments only: no reviewers yet
    record, invalid = validate(data, ReviewerList, smap)
    problems += invalid
    found: dict[str, Reviewer] = {}
    for i, reviewer in enumerate(record.reviewers if record else []):
        if reviewer.id in found:
            line, col = smap.value_at(("reviewers", i, "id"))
            problems.append(
                error(
                    shown,
                    line,
                    col,
                    "duplicate-id",
                    f"reviewer id '{reviewer.id}' is already used; give each reviewer their own",
                )
            )
        found.setdefault(reviewer.id, reviewer)
    return found, problems


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!!python/name, !ENV): they become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: None
)


class _NamesLoader(yaml.SafeLoader):
    """Like ``_TolerantLoader``, but ``!!python/name:a.b`` becomes ``PythonName("a.b")``."""


class PythonName(str):
    """A ``!!python/name:`` value of mkdocs.yml: the dotted name, not yet imported."""


# First match wins, in order: the python/name tag before the catch-alls.
_NamesLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: PythonName(suffix)
)
_NamesLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_NamesLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def extension_options(root: Path, name: str) -> dict[str, Any]:
    """The options of Markdown extension ``name`` in ``root/mkdocs.yml`` ({} when absent).

    The link check reads ``toc``'s (``slugify``, ``separator``) to compute heading
    anchors exactly as the build will.
    """
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_NamesLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    extensions = config.get("markdown_extensions") if isinstance(config, dict) else None
    for entry in extensions if isinstance(extensions, list) else []:
        if isinstance(entry, dict) and name in entry and isinstance(entry[name], dict):
            return entry[name]
    return {}


def plugin_options(root: Path, name: str = "recovery") -> dict[str, Any]:
    """The options of plugin ``name`` in ``root/mkdocs.yml`` ({} when absent or unreadable).

    ``recovery-site check`` reads them so that it holds content to the same
    rules as the build (``require_clinical_review``).
    """
    path = root / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return plugin_entry(config, name)


def plugin_entry(config: object, name: str = "recovery") -> dict[str, Any]:
    """Plugin ``name``'s options in a loaded mkdocs.yml (list or mapping of plugins)."""
    plugins = config.get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and name in entry:
            options = entry[name]
            return options if isinstance(options, dict) else {}
    return {}


@dataclass
class BrandSettings:
    """``extra.brand`` as mkdocs.yml writes it, with where each key is (for diagnostics)."""

    raw: object
    path: str = "mkdocs.yml"
    #: key -> (line, column), 1-based; "brand" is the block itself.
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)


def brand_settings(root: Path) -> BrandSettings | None:
    """``extra.brand`` of ``root/mkdocs.yml`` with line marks (None when absent or unreadable)."""
    path = root / "mkdocs.yml"
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None

    def child(parent: yaml.Node | None, name: str) -> tuple[yaml.Node, yaml.Node] | None:
        if not isinstance(parent, yaml.MappingNode):
            return None
        for key, value in parent.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return key, value
        return None

    extra = child(node, "extra")
    found = child(extra[1] if extra else None, "brand")
    if found is None:
        return None
    key_node, value_node = found
    marks = {"brand": (key_node.start_mark.line + 1, key_node.start_mark.column + 1)}
    if isinstance(value_node, yaml.MappingNode):
        for key, _ in value_node.value:
            if isinstance(key, yaml.ScalarNode):
                marks[key.value] = (key.start_mark.line + 1, key.start_mark.column + 1)
    raw = yaml.load(yaml.serialize(value_node), Loader=_TolerantLoader)
    return BrandSettings(raw=raw, marks=marks)


def applies(countries: list[str] | None, country: str) -> bool:
    """Whether content marked ``countries: [...]`` (None: everywhere) is built for ``country``."""
    return countries is None or country in countries


def _overlay(base: Any, words: Any) -> Any:
    """``base`` with the values of ``words`` put in: mappings by key, lists item by item."""
    if isinstance(base, dict) and isinstance(words, dict):
        return {**base, **{k: _overlay(base.get(k), v) for k, v in words.items()}}
    if isinstance(base, list) and isinstance(words, list):
        return [_overlay(b, w) for b, w in zip(base, words, strict=False)] + base[len(words) :]
    return words


def _translated_profile(
    data: Any, locales: Path, stem: str, language: str, root: Path
) -> tuple[Any, list[Diagnostic]]:
    """A profile with a language's words (``content/locales/es/us.yml``) over its own."""
    path = locales / language / f"{stem}.yml"
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return data, []
    shown = _relative(path, root)
    text, problems = read_text(path, shown)
    if text is None:
        return data, problems
    words, _smap, parsed = parse_yaml(text, shown)
    problems += parsed
    if not isinstance(words, dict) or not isinstance(data, dict):
        return data, problems
    return _overlay(data, words), problems


def load_profiles(
    locales: Path, root: Path, country: str, language: str = DEFAULT_LANGUAGE
) -> tuple[dict[str, CountryProfile], list[Diagnostic]]:
    """Every ``content/locales/*.yml`` profile; an error if ``country`` has none.

    A site without a ``locales`` folder has no profile (and no error): its
    content simply cannot use ``%%placeholders%%``. Another ``language`` reads
    its words for a profile from ``content/locales/<language>/<country>.yml``.
    """
    if not locales.is_dir():
        return {}, []
    profiles: dict[str, CountryProfile] = {}
    problems: list[Diagnostic] = _stray_files(locales, ".yml", root)
    for path in sorted(locales.glob("*.yml")):
        shown = _relative(path, root)
        text, read = read_text(path, shown)
        problems += read
        if text is None:
            continue
        data, smap, parsed = parse_yaml(text, shown)
        problems += parsed
        if parsed and data is None:
            continue
        data, words = _translated_profile(data, locales, path.stem, language, root)
        problems += words
        profile, invalid = validate(data, CountryProfile, smap)
        problems += invalid
        if profile is not None:
            profile._language = language
            profiles[path.stem] = profile
    if country not in profiles and not any(d.path.endswith(f"/{country}.yml") for d in problems):
        known = ", ".join(sorted(profiles)) or "none"
        problems.append(
            error(
                _relative(locales, root),
                1,
                1,
                "unknown-country",
                f"the site is built for country '{country}' but there is no "
                f"{_relative(locales, root)}/{country}.yml (profiles: {known}); add it or "
                "change 'country' in mkdocs.yml",
            )
        )
    return profiles, problems


def _stray_files(folder: Path, suffix: str, root: Path) -> list[Diagnostic]:
    """Warn about files that would otherwise be skipped without a word (e.g. ``.yaml``)."""
    if not folder.is_dir():
        return []
    return [
        warning(
            _relative(path, root),
            1,
            1,
            "ignored-file",
            f"this file is not read: only '*{suffix}' files in {folder.name}/ are content"
            + (
                f"; rename it to '{path.stem}{suffix}'"
                if path.suffix in (".yaml", ".markdown")
                else ""
            ),
        )
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix != suffix and not path.name.startswith((".", "README"))
    ]


def load_project(
    root: Path,
    content_dir: Path | None = None,
    docs_dir: Path | None = None,
    country: str | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> Project:
    """Load every FAQ topic, story and article below ``root``, for one language's edition.

    ``content_dir`` defaults to ``root/content`` and ``docs_dir`` to
    ``root/docs``; files are read in sorted order so output is stable.
    ``country`` (the plugin's option) defaults to mkdocs.yml's, else ``us``.

    Another ``language`` (``es``) reads its own content beside the English:
    ``content/es/faq``, ``content/es/stories``, ``docs/es/`` (the default
    ``docs_dir``) and ``content/style/es/`` over ``content/style/``; country
    profiles and reviewers are shared. The English edition skips ``docs/<language>/``.
    """
    content_dir = content_dir or root / "content"
    translated = language != DEFAULT_LANGUAGE
    docs_dir = docs_dir or (root / "docs" / language if translated else root / "docs")
    texts_dir = content_dir / language if translated else content_dir
    project = Project(root=root, language=language)
    project.style, project.diagnostics = load_style(content_dir / "style", root)
    if translated:
        own, problems = load_style(content_dir / "style" / language, root)
        project.style = replace(
            project.style, **_style_parts_in(content_dir / "style" / language, own)
        )
        project.diagnostics += problems
    project.reviewers, problems = load_reviewers(content_dir / "reviewers.yml", root)
    project.diagnostics += problems
    options = plugin_options(root)
    project.require_clinical_review = options.get("require_clinical_review") is True
    project.brand = brand_settings(root)
    project.country = str(country or options.get("country") or DEFAULT_COUNTRY).lower()
    project.profiles, problems = load_profiles(
        content_dir / "locales", root, project.country, language
    )
    project.profile = project.profiles.get(project.country)
    project.diagnostics += problems
    project.diagnostics += _stray_files(texts_dir / "faq", ".yml", root)
    project.diagnostics += _stray_files(texts_dir / "stories", ".md", root)
    for path in sorted((texts_dir / "faq").glob("*.yml")):
        if bad := _bad_file_name(path, root):
            project.diagnostics.append(bad)  # not loaded: its page path would be broken
            project.unloaded_topics.add(path.stem)
            continue
        topic, problems = load_topic(path, root)
        project.files_read += 1
        project.diagnostics += problems
        if topic:
            project.topics.append(topic)
        else:
            project.unloaded_topics.add(path.stem)
    for path in sorted((texts_dir / "stories").glob("*.md")):
        if bad := _bad_file_name(path, root):
            project.diagnostics.append(bad)
            continue
        story, problems = load_story(path, root)
        project.files_read += 1
        project.diagnostics += problems
        if story:
            project.stories.append(story)
    folders = {
        "content": content_dir,
        "docs": docs_dir,
        "includes": root / "includes",
        "overrides": root / "overrides",
    }
    project.tree = list_tree(folders, root)
    links = {entry.path for entry in project.tree if entry.link}
    includes = folders["includes"]
    if includes.is_dir():
        for path in sorted(includes.rglob("*.md")):
            shown = _relative(path, root)
            if shown in links or not path.is_file():
                continue
            text, problems = read_text(path, shown)
            project.diagnostics += problems
            if text is not None:
                project.includes.append(IncludeDoc(shown, text))
    if docs_dir.is_dir():
        others = {docs_dir / name for name in languages() if name != language}
        for path in sorted(docs_dir.rglob("*.md")):
            if not translated and any(folder in path.parents for folder in others):
                continue  # another language's edition (docs/es/...)
            if _relative(path, root) in links:
                continue  # reported by the file checks; never read through a link
            if bad := _bad_file_name(path, root):
                project.diagnostics.append(bad)  # MkDocs still reads it: the error stops the build
            article, problems = load_article(path, docs_dir, root)
            project.files_read += 1
            project.diagnostics += problems
            if article:
                project.articles.append(article)
    return project


def load_editions(
    root: Path, country: str | None = None, language: str | None = None
) -> list[Project]:
    """Every language's project (or only ``language``'s), each translation linked to its source.

    A language counts when it has a message catalogue and content
    (``content/<language>/`` or ``docs/<language>/``); English always does.
    """
    english = load_project(root, country=country)
    editions = [english]
    for name in languages()[1:]:
        if not ((root / "content" / name).is_dir() or (root / "docs" / name).is_dir()):
            continue
        edition = load_project(root, country=country, language=name)
        edition.source = english
        editions.append(edition)
    if language is not None:
        editions = [e for e in editions if e.language == language]
    return editions


def list_tree(folders: dict[str, Path], root: Path) -> list[TreeEntry]:
    """Every file and symbolic link below ``folders``, without following links.

    ``Path.rglob`` and MkDocs' own walk follow links to folders, which would
    let a link publish files from outside the repository; this walk reports
    the link itself and does not enter it.
    """
    entries: list[TreeEntry] = []
    for name, folder in folders.items():
        if folder.is_symlink():
            entries.append(TreeEntry(_relative(folder, root), name, "", True))
            continue
        if not folder.is_dir():
            continue
        for here, dirs, files in os.walk(folder, followlinks=False):
            base = Path(here)
            for child in sorted(dirs + files):
                path = base / child
                is_link = path.is_symlink()
                if is_link or path.is_file():
                    rel = path.relative_to(folder).as_posix()
                    entries.append(TreeEntry(_relative(path, root), name, rel, is_link))
            dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink())
    return entries
