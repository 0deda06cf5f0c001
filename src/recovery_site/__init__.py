"""recovery_site: a static site generator for addiction-recovery education.

Layers, bottom up: model, load, checks, render, then the adapters (the command
line, the link checker) and the MkDocs adapter, each importing only the layers
below it. ARCHITECTURE.md ("How it fits together") places every module in its layer,
and tests/test_layers.py holds the imports to that table.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    # The version lives in one place, pyproject.toml; the installed metadata carries it.
    __version__ = version("recovery-site")
except PackageNotFoundError:  # pragma: no cover - running from a source tree never installed
    __version__ = "0+unknown"
