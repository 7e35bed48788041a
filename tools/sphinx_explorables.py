"""The Sphinx side of the explorables (interactive figures made by ``dlgeom.explorables``).

Listed in ``conf.py``'s ``extensions`` as ``sphinx_explorables``. A code cell that ends with
an explorable outputs both ``text/html`` (a ``<div class="dlgeom-explorable"
data-kind="...">`` holding its starting state as JSON) and a still of that state
(``image/png`` and ``application/pdf``). This extension

- makes the HTML builders show the ``text/html`` and the LaTeX builder the still (vector PDF
  first), whatever myst-nb's defaults become (``nb_mime_priority_overrides``; entries that
  ``conf.py`` sets itself are kept);
- loads the drawing library (the vendored, pinned JSXGraph in ``_static/vendor/jsxgraph``),
  the shared helpers and the script of each kind a page uses, on the pages that have an
  explorable and on no other page (``html-page-context``).
"""

from __future__ import annotations

import re

from docutils import nodes

LIBRARY_JS = "vendor/jsxgraph/jsxgraphcore.js"
LIBRARY_CSS = "vendor/jsxgraph/jsxgraph.css"
HELPERS_JS = "explorables/common.js"
HELPERS_CSS = "explorables/explorables.css"
KIND = re.compile(r'class="dlgeom-explorable"[^>]*?data-kind="([a-z_]+)"')

HTML_BUILDERS = ("html", "dirhtml", "singlehtml")
# (builder, mime type, priority): lower is preferred; None drops the type
PRIORITIES = [
    *[(builder, "text/html", 5) for builder in HTML_BUILDERS],
    ("latex", "application/pdf", 10),
    ("latex", "image/png", 20),
    ("latex", "text/html", None),
]


def set_mime_priority(app, config):
    """Add the explorables' mime priorities, keeping any that conf.py already chose."""
    chosen = [tuple(entry) for entry in config.nb_mime_priority_overrides]
    taken = {(builder, mime) for builder, mime, _ in chosen}
    config.nb_mime_priority_overrides = chosen + [
        entry for entry in PRIORITIES if entry[:2] not in taken]


def explorable_kinds(doctree) -> list[str]:
    """The explorable kinds in a page's HTML outputs, in order of first appearance."""
    kinds: list[str] = []
    for raw in doctree.findall(nodes.raw):
        if "html" in raw.get("format", ""):
            for kind in KIND.findall(raw.astext()):
                if kind not in kinds:
                    kinds.append(kind)
    return kinds


def add_assets(app, pagename, templatename, context, doctree):
    """On a page with explorables only: the library, the helpers and the kinds it uses."""
    if doctree is None:
        return
    kinds = explorable_kinds(doctree)
    if not kinds:
        return
    app.add_css_file(LIBRARY_CSS)
    app.add_css_file(HELPERS_CSS)
    # deferred, in this order: the library, the helpers, then one script per kind; the
    # helpers mount every explorable once the page is parsed
    for script in (LIBRARY_JS, HELPERS_JS, *(f"explorables/{kind}.js" for kind in kinds)):
        app.add_js_file(script, loading_method="defer")


def setup(app):
    app.connect("config-inited", set_mime_priority, priority=600)
    app.connect("html-page-context", add_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
