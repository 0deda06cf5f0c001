"""recovery_site: a static site generator for addiction-recovery education.

Layers, bottom up: model, load, checks, render, then the adapters (the command
line, the link checker) and the MkDocs adapter, each importing only the layers
below it. ARCHITECTURE.md ("How it fits together") places every module in its layer,
and tests/test_layers.py holds the imports to that table.
"""


def __getattr__(name: str) -> str:
    """``__version__``, read on first use: importing importlib.metadata costs every command
    about 30 ms (a third of ``recovery-site links``' start-up), and most never show it."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        # The version lives in one place, pyproject.toml; the installed metadata carries it.
        found = version("recovery-site")
    except PackageNotFoundError:  # pragma: no cover - a source tree never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
