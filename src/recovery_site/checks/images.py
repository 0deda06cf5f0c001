"""Pictures in stories and FAQ answers: local files only, described, small, and ours to publish.

A story may show a picture from ``content/stories/images/`` (an FAQ answer
from ``content/faq/images/``), written ``![what it shows](images/x.jpg)``;
the plugin publishes a copy with every metadata block (EXIF, GPS, XMP,
comments) removed, so a phone photo cannot reveal where a storyteller lives.
Pictures from other sites are refused (``remote-image`` in ``safety.py``).
Every problem that would stop the build or leave a reader without the
picture is reported here, at the file or the line that names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..diagnostics import Diagnostic, error
from ..load import Project, TreeEntry
from .safety import _IMAGE
from .texts import Text, story_texts, topic_texts

#: content/ folders whose pictures are published beside the pages (see checks/links.py).
IMAGE_FOLDERS = ("stories/images/", "faq/images/")
#: Formats the metadata stripping rewrites (render/images.py).
IMAGE_FORMATS = (".jpg", ".jpeg", ".png", ".webp")


def image_entries(project: Project) -> Iterator[TreeEntry]:
    """Every file in the content image folders (symbolic links are reported elsewhere)."""
    for entry in project.tree:
        if entry.folder == "content" and not entry.link and entry.rel.startswith(IMAGE_FOLDERS):
            yield entry


def _file_problem(project: Project, entry: TreeEntry, limit: int) -> str | None:
    folder = next(f for f in IMAGE_FOLDERS if entry.rel.startswith(f))
    if "/" in entry.rel[len(folder) :]:
        return f"pictures go directly in content/{folder}, not in a folder inside it: move it"
    if PurePosixPath(entry.rel).suffix.lower() not in IMAGE_FORMATS:
        return (
            f"only pictures ({', '.join(IMAGE_FORMATS)}) belong in content/{folder}; "
            "convert it or remove it"
        )
    if project.root is None:
        return None
    path = project.root / entry.path
    size = path.stat().st_size
    if size > limit:
        return (
            f"the picture is {size:,} bytes, over the {limit:,}-byte limit (image_max_bytes in "
            "content/style/checks.yml); make it smaller, e.g. 1600 pixels wide"
        )
    from PIL import Image  # only when a site has pictures

    try:
        with Image.open(path) as picture:
            picture.verify()
    except Exception:  # any decoder failure: the build could not publish it
        return "this file is not a picture that can be read; export it again as JPEG or PNG"
    return None


def _alt_text(text: Text) -> Iterator[Diagnostic]:
    if "![" not in text.text:
        return
    for match in _IMAGE.finditer(text.text):
        if not match.group("alt").strip():
            yield text.diagnostic(
                match.start(),
                "image-alt",
                f"the picture '{match.group('url')[:60]}' in the {text.kind} has no description: "
                "write what it shows between the brackets, ![like this](images/x.jpg), for "
                "readers who cannot see it",
            )


def check_images(project: Project, today: dt.date) -> Iterator[Diagnostic]:
    limit = project.style.settings.image_max_bytes
    for entry in image_entries(project):
        problem = _file_problem(project, entry, limit)
        if problem is not None:
            yield error(entry.path, 1, 1, "image-file", problem)
    for topic in project.topics:
        for text in topic_texts(topic):
            if text.kind == "answer":
                yield from _alt_text(text)
    for story in project.stories:
        for text in story_texts(story):
            if text.kind == "body":
                yield from _alt_text(text)


CHECKS = (check_images,)
