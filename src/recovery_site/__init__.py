"""recovery_site: a static site generator for addiction-recovery education.

Layers, each importing only the ones before it:

1. ``diagnostics`` and ``model``: the Diagnostic type and typed content records.
2. ``yaml_source`` and ``load``: read content keeping line numbers; every
   problem becomes a Diagnostic, never an exception.
3. ``checks``: pure functions from loaded records to diagnostics.
4. ``render``: pure functions from records to Markdown page text (no MkDocs).
5. ``plugin`` and ``cli``: thin adapters for MkDocs and the command line.
"""

__version__ = "0.1.0"
