"""The MkDocs adapter: the ``recovery`` plugin and the plain objects its hooks delegate to.

Only this package imports MkDocs (``ARCHITECTURE.md``, layer table). Its
modules import the real MkDocs absolutely (``from mkdocs.plugins import ...``),
which this package's name does not shadow. A build goes through it once:

- ``plugin.py``: the hooks, each a few lines handing MkDocs' objects to the others;
- ``run.py``: one build's project, checks and plan, and the one report of its errors;
- ``files.py``: the generated files MkDocs is given, and what a dirty rebuild redoes;
- ``preview.py``: everything a ``mkdocs serve`` remembers between rebuilds;
- ``search.py``: the Pagefind index, built now or, in a preview, in the background;
- ``editions.py``: the language editions (switcher, links to the default edition);
- ``site_config.py``: what the plugin adds to mkdocs.yml's settings (help lines, brand);
- ``serve_errors.py``, ``link_warnings.py``, ``config.py``: the preview's error
  panel, MkDocs' link warnings said against content lines, the plugin's options.
"""
