"""``recovery-site init DIR``: a new site from the skeleton shipped in the package.

Why copy a skeleton rather than read templates from the package at build
time: a site owns its templates, styles and data the way a Material site owns
its ``overrides/``; an organisation can change any of them, and the site
builds with nothing but the installed package. The skeleton's shared files
are links to this repository's own (``scripts/sync_skeleton.py`` makes them;
the wheel and this command copy what they name, and ``tests/test_skeleton.py``
fails when they drift), so a new site starts with exactly what the reference
site is built with.
"""

from __future__ import annotations

import re
import stat
from importlib.resources import as_file, files
from pathlib import Path

from . import __version__

#: Languages the skeleton's pages are written in.
LANGUAGES = ("en",)


class InitError(Exception):
    """The site cannot be written; the message says why."""


def skeleton_countries() -> list[str]:
    """The country profiles a new site can start with (content/locales/*.yml)."""
    locales = files("recovery_site") / "skeleton" / "content" / "locales"
    return sorted(p.name[:-4] for p in locales.iterdir() if p.name.endswith(".yml"))


def init_site(target: Path, country: str = "us", language: str = "en") -> list[Path]:
    """Write a new site into ``target`` (absent or empty); return the files written."""
    if country not in skeleton_countries():
        known = ", ".join(skeleton_countries())
        raise InitError(f"no country profile {country!r} (profiles: {known})")
    if language not in LANGUAGES:
        raise InitError(f"no skeleton in language {language!r} (languages: {', '.join(LANGUAGES)})")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target} is not empty: init writes only into a new or empty folder")
    written = []
    with as_file(files("recovery_site") / "skeleton") as skeleton:
        for source in sorted(skeleton.rglob("*")):
            if not source.is_file() or "__pycache__" in source.parts:
                continue
            rel = source.relative_to(skeleton)
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            data = source.read_bytes()
            if rel.as_posix() == "requirements.txt":
                # Pinned to the generator that wrote the site.
                pin = f"recovery-site=={__version__}"
                data = re.sub(rb"(?m)^recovery-site==\S+$", pin.encode(), data)
            if rel.as_posix() == "mkdocs.yml":
                text = data.decode("utf-8")
                text = re.sub(r"(?m)^(\s+country: )us$", rf"\g<1>{country}", text, count=1)
                text = re.sub(r"(?m)^(\s+language: )en$", rf"\g<1>{language}", text, count=1)
                data = text.encode("utf-8")
            dest.write_bytes(data)
            if rel.parts[0] == "scripts" and rel.parent.name == "scripts":
                dest.chmod(dest.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            written.append(dest)
    return written
