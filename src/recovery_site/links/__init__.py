"""Link checks on a built site: internal links and anchors, and outside links.

Works on the HTML that readers get (any engine's output), so it sees links
that MkDocs never validates: those in theme templates and overrides, in
generated pages' HTML and in ``extra`` config.
"""
