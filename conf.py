"""Sphinx configuration of *Deep Learning Geometry* (the one configuration, at the root).

Build with ``sphinx-build -c . book _build/html`` (``make html`` does it): the sources
are in ``book/``, the gallery scripts in ``gallery/``, the package in ``src/dlgeom``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"
BUILD = Path(os.environ.get("DLGEOM_BUILDDIR", ROOT / "_build")).resolve()

# Kernels and gallery scripts import dlgeom from this tree, even when the installed
# package points at another checkout.
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(ROOT / "tools"))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
# Small torch and NumPy models run faster with one thread each on two cores.
os.environ.setdefault("OMP_NUM_THREADS", "1")


import sphinx_deps  # noqa: E402  (tools/sphinx_deps.py: dependency keys on src/dlgeom)

DEPENDENCIES = sphinx_deps.Dependencies(SRC / "dlgeom")

# -- Project -----------------------------------------------------------------------------
project = "Deep Learning Geometry"
author = "The Deep Learning Geometry authors"
copyright = "2026, the Deep Learning Geometry authors"
release = "0.1"

extensions = [
    "myst_nb",
    "sphinx_gallery.gen_gallery",
    "sphinx_book_theme",          # also for its {margin} directive in the PDF
    "sphinx_exercise",
    "sphinx_proof",
    "sphinxcontrib.bibtex",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinx_togglebutton",        # solutions in a dropdown, hidden until opened
]

root_doc = "index"
exclude_patterns = [
    "_build", "auto_gallery/**.ipynb", "auto_gallery/**.py", "auto_gallery/**.zip",
    "**.ipynb_checkpoints", "jupyter_execute",
]
suppress_warnings = ["mystnb.unknown_mime_type"]
numfig = True
numfig_format = {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s"}
math_numfig = True
math_eqref_format = "({number})"

# -- MyST and execution ------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3
myst_dmath_double_inline = True

nb_execution_mode = "cache"
# Each page's cache key includes a hash of the dlgeom modules it imports (see setup()):
# outputs made by older src/ code are never served, and unrelated pages stay cached.
nb_execution_cache_path = str(BUILD / ".jupyter_cache")
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
nb_execution_excludepatterns = ["auto_gallery/*"]

# -- Gallery -----------------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": ["../gallery"],
    "gallery_dirs": ["auto_gallery"],
    "filename_pattern": r"/plot_",
    "abort_on_example_error": True,
    "only_warn_on_example_error": False,
    "write_computation_times": False,
    "download_all_examples": False,
    "remove_config_comments": True,
    "matplotlib_animations": (True, "jshtml"),
    "image_scrapers": ("matplotlib",),
    "reset_modules": ("matplotlib",),
    "within_subsection_order": "FileNameSortKey",
    # the topics in the order of the chapters
    "subsection_order": [f"../gallery/{topic}" for topic in (
        "linear_algebra", "linear_maps", "nonlinearities", "losses", "optimization",
        "classification", "approximation")],
    "first_notebook_cell": None,
    "show_memory": False,
    "plot_gallery": "True",
    "min_reported_time": 1_000,
    "parallel": True,   # as many scripts at once as Sphinx's -j
}


# sphinx-gallery re-runs a script only when the script itself changed; this also re-runs
# the scripts whose dlgeom modules changed since their last run.
sphinx_deps.mark_stale_gallery_scripts(DEPENDENCIES, ROOT / "gallery", ROOT / "book" / "auto_gallery")

# -- Citations, exercises ----------------------------------------------------------------
bibtex_bibfiles = ["book/references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# -- HTML --------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Deep Learning Geometry"
# MathJax 3.2.2 from the PyPI package sphinx-mathjax-offline, copied into _static so math
# typesets with the network off. We use its files, not its extension: the extension is not
# marked safe for parallel builds and would copy 24 MB into the LaTeX output too.
MATHJAX_STATIC = Path(importlib.util.find_spec("sphinx-mathjax-offline").origin).parent / "static"
html_static_path = ["book/_static", str(MATHJAX_STATIC)]
mathjax_path = "mathjax/tex-chtml.js"
html_css_files = ["dlgeom.css"]
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "home_page_in_toc": True,
}
html_last_updated_fmt = None
# Without an explicit mode the theme logs "Got invalid theme mode" on a reader's first visit.
html_context = {"default_mode": "auto"}
html_copy_source = True
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True

# -- LaTeX / PDF -------------------------------------------------------------------------
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [(root_doc, "deep-learning-geometry.tex", project, author, "manual")]
latex_show_urls = "footnote"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # FreeSerif and DejaVu Sans Mono cover the Unicode the chapters print (θ, ∇, ≤, ᵀ, ₁)
    "fontpkg": r"""
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{DejaVu Sans Mono}[Scale=MatchLowercase]
""",
    # code at a size that fits 80 characters on an A4 line
    "preamble": r"\usepackage{amsmath,amssymb}" "\n" r"\fvset{fontsize=\small}" "\n"
                r"\setlength{\headheight}{14pt}",
    "figure_align": "H",
}


# -- Hooks -------------------------------------------------------------------------------
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


def key_chapter(app, docname, source):
    sphinx_deps.key_chapter(DEPENDENCIES, app.env, source)


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


def setup(app):
    label_exercises_for_latex(app)
    name_failed_cells()
    # sphinx-proof keeps its data in env.proof_list (merged by its own env-merge-info
    # handler) and nothing in its domain data, but its domain does not say how to merge
    # that empty data, which stops parallel builds. Merging nothing is correct.
    from sphinx_proof.domain import ProofDomain

    ProofDomain.merge_domaindata = lambda self, docnames, otherdata: None
    app.connect("html-page-context", offer_executed_notebook)
    app.connect("builder-inited", create_execution_cache)
    app.connect("source-read", key_chapter)
    app.connect("build-finished", drop_execution_reports)
    app.connect("doctree-resolved", drop_cdn_links)
