"""The package's layers run one way, and only the MkDocs adapter imports the engine.

The one description of the layers is the table in ARCHITECTURE.md ("How it
fits together"): each row is a layer, from the bottom (model) up, with every module
of ``src/recovery_site/`` in exactly one row. This test reads that table, so
the document cannot drift from the code: a module missing from the table, or a
row naming a module that no longer exists, fails here, and so does any import
(at the top of a file or inside a function, ``TYPE_CHECKING`` included) of a
module in a higher row, or of MkDocs, Material or ProperDocs outside the
"MkDocs adapter" row. Core code that never imports the engine is what lets
the site move to another engine by writing a new adapter (ARCHITECTURE.md,
"Material for MkDocs reaches end of life").
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "src" / "recovery_site"
ARCHITECTURE = REPO / "ARCHITECTURE.md"

#: The only row whose modules may import the site engine.
ENGINE_LAYER = "MkDocs adapter"
#: Top-level packages of the site engine (MkDocs 1.x, Material, ProperDocs).
ENGINE_PACKAGES = {"mkdocs", "material", "properdocs"}
#: The rows the core must keep, bottom up (more may follow; the engine's row comes last).
CORE_LAYERS = ["model", "load", "checks", "render"]


@dataclass(frozen=True)
class Import:
    line: int
    target: str  # "recovery_site.render.faq", or an outside top-level package such as "mkdocs"


def layer_table(readme: str) -> list[tuple[str, list[str]]]:
    """ARCHITECTURE.md's ``| layer | modules | job |`` rows: (layer, module paths), bottom up."""
    lines = readme.splitlines()
    header = next(
        (i for i, line in enumerate(lines) if re.match(r"\|\s*layer\s*\|\s*modules\s*\|", line)),
        None,
    )
    assert header is not None, "ARCHITECTURE.md has no '| layer | modules | job |' table"
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows.append((cells[0], re.findall(r"`([\w/]+\.py)`", cells[1])))
    return rows


def module_name(path: str) -> str:
    """``render/faq.py`` -> ``recovery_site.render.faq``, ``render/__init__.py`` -> ``..render``."""
    parts = ["recovery_site", *Path(path).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> list[str]:
    """Every module of the package, as paths relative to ``src/recovery_site``."""
    return sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))


def imports(path: str, source: str, modules: set[str]) -> list[Import]:
    """What the module at ``path`` imports: package modules by name, others by top-level name.

    ``from .render import faq`` imports the module ``recovery_site.render.faq``;
    ``from .render import render_pages`` imports ``recovery_site.render``.
    """
    name = module_name(path)
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source, path)):
        if isinstance(node, ast.Import):
            found += [Import(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            for alias in node.names:
                sub = f"{origin}.{alias.name}"
                found.append(Import(node.lineno, sub if sub in modules else origin))
    result = []
    for imp in found:
        if imp.target.split(".")[0] != "recovery_site":
            result.append(Import(imp.line, imp.target.split(".")[0]))
            continue
        # `import recovery_site.a.b` where b is a function's module: the nearest module.
        target = imp.target
        while target not in modules and "." in target:
            target = target.rpartition(".")[0]
        result.append(Import(imp.line, target))
    return result


def violations(table: list[tuple[str, list[str]]], sources: dict[str, str]) -> list[str]:
    """Every import that runs the wrong way, as ``path:line: message``."""
    rank = {module_name(p): i for i, (_, paths) in enumerate(table) for p in paths}
    layer = {module_name(p): name for name, paths in table for p in paths}
    names = {module_name(p) for p in sources}
    problems = []
    for path, source in sources.items():
        me = module_name(path)
        for imp in imports(path, source, names):
            where = f"src/recovery_site/{path}:{imp.line}"
            if imp.target in ENGINE_PACKAGES and layer.get(me) != ENGINE_LAYER:
                problems.append(
                    f"{where}: {layer.get(me)} module imports {imp.target} "
                    f"(only the {ENGINE_LAYER} layer may import the site engine)"
                )
            elif imp.target in rank and me in rank and rank[imp.target] > rank[me]:
                problems.append(
                    f"{where}: {layer[me]} module imports {imp.target} "
                    f"from the {layer[imp.target]} layer above it"
                )
    return problems


@pytest.fixture(scope="module")
def table() -> list[tuple[str, list[str]]]:
    return layer_table(ARCHITECTURE.read_text(encoding="utf-8"))


def test_the_readme_table_places_every_module_once(table: list[tuple[str, list[str]]]) -> None:
    listed = [path for _, paths in table for path in paths]
    twice = sorted({p for p in listed if listed.count(p) > 1})
    assert not twice, f"modules in more than one row of ARCHITECTURE.md's layer table: {twice}"
    actual = package_modules()
    missing = sorted(set(actual) - set(listed))
    assert not missing, (
        f"modules not in ARCHITECTURE.md's layer table (add each to its layer's row): {missing}"
    )
    stale = sorted(set(listed) - set(actual))
    assert not stale, f"ARCHITECTURE.md's layer table names modules that do not exist: {stale}"


def test_the_layers_are_in_order(table: list[tuple[str, list[str]]]) -> None:
    names = [name for name, _ in table]
    assert names[: len(CORE_LAYERS)] == CORE_LAYERS
    assert names[-1] == ENGINE_LAYER


def test_no_import_runs_up_the_layers(table: list[tuple[str, list[str]]]) -> None:
    sources = {p: (PACKAGE / p).read_text(encoding="utf-8") for p in package_modules()}
    problems = violations(table, sources)
    assert not problems, "\n".join(problems)


# The checker itself: it must catch what it is there to catch.
TABLE = [
    ("model", ["__init__.py", "model.py"]),
    ("load", ["load.py"]),
    ("checks", ["checks/__init__.py", "checks/sources.py"]),
    ("render", ["render/__init__.py", "render/faq.py"]),
    ("adapters", ["cli.py"]),
    (ENGINE_LAYER, ["plugin.py"]),
]


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        ("render/faq.py", "from ..plugin import RecoveryPlugin\n", "imports recovery_site.plugin"),
        ("render/faq.py", "from .. import cli\n", "imports recovery_site.cli"),
        ("model.py", "from .load import Project\n", "imports recovery_site.load"),
        ("load.py", "import recovery_site.checks.sources\n", "imports recovery_site.checks"),
        ("checks/sources.py", "from ..render import faq\n", "imports recovery_site.render.faq"),
        ("cli.py", "def f():\n    from .plugin import RecoveryPlugin\n", "recovery_site.plugin"),
        ("render/faq.py", "from mkdocs.plugins import BasePlugin\n", "imports mkdocs"),
        ("checks/sources.py", "import material.plugins\n", "imports material"),
        ("cli.py", "import properdocs\n", "imports properdocs"),
        ("model.py", "if TYPE_CHECKING:\n    from mkdocs.config import Config\n", "mkdocs"),
    ],
)
def test_the_checker_catches_a_wrong_way_import(path: str, source: str, expected: str) -> None:
    sources = {p: "" for _, paths in TABLE for p in paths}
    sources[path] = source
    problems = violations(TABLE, sources)
    assert len(problems) == 1 and expected in problems[0], problems
    assert problems[0].startswith(f"src/recovery_site/{path}:")


def test_the_checker_allows_downward_and_sideways_imports() -> None:
    sources = {p: "" for _, paths in TABLE for p in paths}
    sources["plugin.py"] = "from mkdocs.plugins import BasePlugin\nfrom . import cli, render\n"
    sources["render/faq.py"] = "from ..model import X\nfrom . import faq\nfrom ..load import P\n"
    sources["checks/__init__.py"] = "from .sources import check\nfrom .. import model\n"
    assert violations(TABLE, sources) == []
