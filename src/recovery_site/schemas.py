"""JSON Schemas for editors' IDEs, generated from the models.

Content files start with ``# yaml-language-server: $schema=...`` so editors
get completion and inline errors while typing. The files in ``schemas/`` are
committed; ``recovery-site schemas --check`` (run by ./scripts/test) fails
when they no longer match the models.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .model import (
    ArticleMeta,
    CheckSettings,
    ContentWarningKeywords,
    CountryProfile,
    FaqTopic,
    MedicalTerms,
    ReviewerList,
    Story,
    TermList,
    TopicLabels,
)

SCHEMAS: dict[str, type[BaseModel]] = {
    "faq-topic": FaqTopic,
    "story": Story,
    "article": ArticleMeta,
    "terms": TermList,
    "content-warnings": ContentWarningKeywords,
    "checks": CheckSettings,
    "medical-terms": MedicalTerms,
    "reviewers": ReviewerList,
    "country-profile": CountryProfile,
    "topics": TopicLabels,
}


def schema_files() -> dict[str, str]:
    """``{file name: JSON text}`` for every schema."""
    files = {}
    for name, model in SCHEMAS.items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{name}.schema.json",
            **model.model_json_schema(),
        }
        files[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return files


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files in ``folder`` that are missing or out of date."""
    return [
        name
        for name, text in schema_files().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def write_schemas(folder: Path) -> list[str]:
    """Write every schema file into ``folder``; returns the names written."""
    folder.mkdir(parents=True, exist_ok=True)
    files = schema_files()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(files)
