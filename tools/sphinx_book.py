"""The book's own Sphinx extension: the hooks that make the toolchain fit the book.

Listed in ``conf.py``'s ``extensions`` as ``sphinx_book``. Each hook fixes one thing:

- chapters and gallery scripts re-execute exactly when the ``dlgeom`` modules they import
  or the figure tools change (``sphinx_deps``, the one owner of the cache keys), and the
  execution cache exists before parallel readers start;
- each chapter's executed notebook is offered for download;
- traceback reports of failed cells are not shipped, and a failed cell is named in the
  error even under ``-j``;
- pages call no other host (matplotlib's animation player links a CDN);
- in the PDF, every "Solution to Exercise n" link resolves;
- sphinx-proof's domain can be merged after a parallel read;
- a rebuild with nothing changed finds the configuration unchanged (the values the theme
  and extensions add at builder-inited are not pickled into the environment);
- every page links every stylesheet with its checksum (``?v=``) from the first build on.
"""

from __future__ import annotations

import copy
import importlib
import re
import shutil
from pathlib import Path

import sphinx_a11y
import sphinx_deps


def offer_executed_notebook(app, pagename, templatename, context, doctree):
    """Let the theme's download menu offer each chapter as an executed ``.ipynb``.

    sphinx-book-theme only does this when launch buttons are configured; the executed
    notebooks are in ``jupyter_execute/`` beside the HTML output.
    """
    notebook = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not notebook.exists() or pagename.startswith("auto_gallery"):
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(notebook, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def dependencies(app) -> sphinx_deps.Dependencies:
    """What each page imports from the package ``src/dlgeom`` beside ``conf.py``."""
    return sphinx_deps.Dependencies(Path(app.confdir) / "src" / "dlgeom")


def key_chapter(app, docname, source):
    """Key the page's cached outputs on its dlgeom modules and the kernels' figure formats."""
    sphinx_deps.key_chapter(dependencies(app), app.env, source, sphinx_a11y.FIGURE_KEY)


def mark_stale_gallery_scripts(app, config):
    """Before sphinx-gallery runs: re-run the scripts whose dlgeom modules changed, and all
    of them when the figure scraper changed."""
    root = Path(app.confdir)
    sphinx_deps.mark_stale_gallery_scripts(dependencies(app), root / "gallery",
                                           root / "book" / "auto_gallery", sphinx_a11y.SCRAPER_KEY)


def create_execution_cache(app):
    """Create the SQLite cache before parallel readers start, so they never race to make it."""
    from jupyter_cache import get_cache

    get_cache(app.config.nb_execution_cache_path)


def drop_execution_reports(app, exception):
    """myst-nb writes tracebacks of failed cells under ``reports/``: never ship them."""
    reports = Path(app.outdir) / "reports"
    if reports.exists():
        shutil.rmtree(reports)


def drop_cdn_links(app, doctree, docname):
    """Offline: remove the Font Awesome CDN link of matplotlib's ``jshtml`` animations.

    Their control buttons use ``<i class="fa fa-play">`` icons and link Font Awesome 4 from
    maxcdn.bootstrapcdn.com; the theme already ships Font Awesome and draws the same icons,
    so the link only makes each animated page call another host
    (tests/book/test_book_browser.py).
    """
    from docutils import nodes

    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "") and "maxcdn.bootstrapcdn.com/font-awesome" in raw.astext():
            html = re.sub(r"<link[^>]*maxcdn\.bootstrapcdn\.com/font-awesome[^>]*>\s*", "", raw.astext())
            clean = nodes.raw("", html, format=raw["format"])
            clean["classes"] = raw.get("classes", [])
            raw.replace_self(clean)


def label_exercises_for_latex(app):
    """Give each exercise the LaTeX label its solution's "Solution to Exercise n" points at.

    sphinx-exercise labels an exercise ``exercise:<label>`` in LaTeX but links the solution
    to ``<docname>:<label>``: every such link would be undefined in the PDF.
    """
    from sphinx_exercise import nodes as ex

    def labelled(visit):
        def visit_with_label(self, node):
            docname = self.builder.env.sphinx_exercise_registry[node["label"]]["docname"]
            self.body.append(r"\phantomsection\label{\detokenize{%s:%s}}" % (docname, node["label"]))
            visit(self, node)
        return visit_with_label

    for node, visit, depart in [
        (ex.exercise_node, ex.visit_exercise_node, ex.depart_exercise_node),
        (ex.exercise_enumerable_node, ex.visit_exercise_enumerable_node, ex.depart_exercise_enumerable_node),
    ]:
        app.add_node(node, override=True, latex=(labelled(visit), depart))


def name_failed_cells():
    """Under ``-j``, Sphinx reports a worker's exception by its ``str`` alone, and myst-nb's
    ``ExecutionError`` names only the page; add the failing cell's error it was raised from."""
    from myst_nb.core.execute.base import ExecutionError

    def describe(self):
        cause = [str(self.__cause__)] if self.__cause__ else []
        return "\n".join([*map(str, self.args), *cause])

    ExecutionError.__str__ = describe


def allow_parallel_proofs():
    """sphinx-proof keeps its data in ``env.proof_list`` (merged by its own env-merge-info
    handler) and nothing in its domain data, but its domain does not say how to merge that
    empty data, which stops parallel builds. Merging nothing is correct."""
    from sphinx_proof.domain import ProofDomain

    ProofDomain.merge_domaindata = lambda self, docnames, otherdata: None


def remember_configured_values(app, config):
    """Keep a copy of every option as ``conf.py`` and the extensions' config-inited set it.

    Sphinx compares the configuration with the one pickled in the environment, and that one
    still holds what the theme and extensions appended later, at builder-inited (static
    paths, templates, theme defaults, sphinx-gallery's filled-in settings). Without this, every
    rebuild reported "The configuration has changed (8 options: ...)".
    """
    snapshot = {}
    for name, value in vars(config).items():
        if name.startswith("_"):
            continue
        try:
            snapshot[name] = copy.deepcopy(value)
        except Exception:   # a value that cannot be copied (e.g. a function's closure) is kept as is
            snapshot[name] = value
    app._dlgeom_configured = snapshot


def pickle_configured_values(app, env):
    """Between reading and pickling: let the environment hold the configured values, so
    the next build compares like with like (see :func:`remember_configured_values`)."""
    configured = copy.copy(app.config)
    vars(configured).update(app._dlgeom_configured)
    env.config = configured


def restore_live_config(app, *args):
    """After pickling, or when nothing needed pickling: back to the live configuration."""
    app.env.config = app.config


# Stylesheets three extensions copy into _static at build-finished, the pattern Sphinx's
# docs recommended (sphinx-doc/sphinx#1379, sphinx-doc/sphinx#10452). Pages are written
# before that, so on a clean build they link these files without the checksum Sphinx adds to
# a file it finds (?v=, sphinx-doc/sphinx#11415), and browsers may keep a stale copy.
# sphinx-design fixed the same by serving its files through html_static_path
# (executablebooks/sphinx-design#276); until these three do, their copy runs once more
# before the pages are written. tests/book/test_book_stale_cache.py checks the links.
END_OF_BUILD_STYLESHEETS = ("sphinx_exercise.copy_asset_files", "sphinx_proof.copy_asset_files",
                            "myst_nb.sphinx_ext.add_global_html_resources")


def copy_stylesheets_before_pages(app, builder):
    """Run the extensions' end-of-build stylesheet copies before any page is written."""
    if builder.format != "html":
        return
    (Path(builder.outdir) / "_static").mkdir(parents=True, exist_ok=True)
    for name in END_OF_BUILD_STYLESHEETS:
        module, function = name.rsplit(".", 1)
        getattr(importlib.import_module(module), function)(app, None)


def setup(app):
    label_exercises_for_latex(app)
    name_failed_cells()
    allow_parallel_proofs()
    app.connect("config-inited", mark_stale_gallery_scripts, priority=400)
    app.connect("config-inited", remember_configured_values, priority=999)
    app.connect("env-updated", pickle_configured_values, priority=999)
    app.connect("env-check-consistency", restore_live_config, priority=1)
    app.connect("write-started", restore_live_config, priority=1)
    app.connect("write-started", copy_stylesheets_before_pages)
    app.connect("builder-inited", create_execution_cache)
    app.connect("source-read", key_chapter)
    app.connect("doctree-resolved", drop_cdn_links)
    app.connect("html-page-context", offer_executed_notebook)
    app.connect("build-finished", drop_execution_reports)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
