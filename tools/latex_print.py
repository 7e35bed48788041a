"""The printed book: what the LaTeX builder does differently from the HTML (issue 28).

A Sphinx extension, active for the ``latex`` builder only (the HTML is untouched):

- **What is printed.** Pages that sit inside an ``{only} html`` block of a toctree (the
  gallery) are dropped *before* references are resolved, so that a chapter's link to a
  gallery script prints as its title (Sphinx's ``NoUri``: no hyperlink, no warning) followed
  by the script's path in the repository, instead of a link to a page the PDF lacks.
- **Front, main and back matter.** Documents from a ``:numbered:`` toctree are the numbered
  chapters (arabic page numbers); documents before them (notation) are unnumbered chapters
  in the roman-numbered front matter, documents after them (glossary, references)
  unnumbered chapters of the back matter. The LaTeX macros are in the book's preamble
  (``conf.py``: ``\\dlgfrontmatter``, ``\\dlgmainmatter``, ``\\dlgbackmatter``).
- **Theorems, definitions, exercises, solutions, proofs.** sphinx-proof and sphinx-exercise
  print every kind as the same note box; here each kind gets its own environment
  (``dlgtheorem``, ``dlgdefinition``, ``dlgremark``, ``dlgexercise``, ``dlgsolution``, styled in
  the preamble), and a proof is typeset as amsthm's ``proof`` (italic *Proof.*, end mark).
- **Solutions at the end of each chapter.** Each chapter's solutions move to a last section,
  *Solutions*; each exercise ends with a link to its solution and its page, each solution's
  title links back to its exercise (with its page, ``latex_show_pagerefs``).
- **References in print** (production review, defects 3, 6, 7, 9): a link that names a
  chapter in the notation and the glossary prints no "(page N)"; "Chapter~3", "Figure~3.1"
  are tied; the notation tables are long tables (they break across pages); links in the
  bibliography print no URL footnote; index entries write hyphens as ``-`` so that a
  glossary term and the same word indexed in a chapter merge into one entry.
- **One citation style.** ``authoryear``, a pybtex formatting style whose labels are the
  author–year form the text cites (``Strang, 2016``; ``Glorot and Bengio, 2010``;
  ``Goodfellow et al., 2016``), for the bibliography of both the HTML and the PDF.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import process_only_nodes

# sphinx-proof's kinds -> the book's box styles (the preamble defines dlg<style>)
PROOF_STYLES = {
    "theorem": "theorem", "lemma": "theorem", "proposition": "theorem", "corollary": "theorem",
    "conjecture": "theorem", "criterion": "theorem",
    "definition": "definition", "axiom": "definition", "assumption": "definition",
    "notation": "definition",
    "remark": "remark", "example": "remark", "observation": "remark", "property": "remark",
    "algorithm": "remark",
}
# what sphinx-proof and sphinx-exercise emit to open and close their boxes
BOX_START = "\n\\begin{sphinxadmonition}{note}"
BOX_END = "\\end{sphinxadmonition}\n"
SOLUTIONS_TITLE = "Solutions"


# -- what is printed, and in which part of the book -----------------------------------------
def _numbered_documents(env, root: str) -> set[str]:
    """The documents of the root's ``:numbered:`` toctrees (the chapters)."""
    numbered = set()
    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        if toctree.get("numbered"):
            numbered.update(str(doc) for doc in toctree["includefiles"])
    return numbered


class PrintedTree(SphinxPostTransform):
    """Drop screen-only pages before references resolve; mark front, main and back matter."""

    default_priority = 4          # before ReferencesResolver (10) and OnlyNodeTransform (50)
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        process_only_nodes(self.document, self.app.tags)
        builder = self.app.builder
        printed = {sof["docname"] for sof in self.document.findall(addnodes.start_of_file)}
        root = self.config.root_doc
        builder.docnames.intersection_update(printed | {root})
        self._mark_matter(root)
        self._name_gallery_scripts(printed)

    def _mark_matter(self, root: str) -> None:
        numbered = _numbered_documents(self.env, root)
        if not numbered:
            return
        seen_main = False
        for sof in list(self.document.findall(addnodes.start_of_file)):
            if any(isinstance(a, addnodes.start_of_file) for a in _ancestors(sof)):
                continue            # a page included by a chapter belongs to that chapter
            if sof["docname"] in numbered:
                macro, seen_main = r"\dlgmainmatter", True
            else:
                macro = r"\dlgbackmatter" if seen_main else r"\dlgfrontmatter"
            sof.parent.insert(sof.parent.index(sof), nodes.raw("", macro + "\n", format="latex"))

    def _name_gallery_scripts(self, printed: set[str]) -> None:
        """A link to a gallery page the PDF lacks prints its title and the script's path."""
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") != "std" or xref.get("reftype") != "doc":
                continue
            target = str(xref["reftarget"])
            docname = target.lstrip("/") if target.startswith("/") else str(
                PurePosixPath(xref.get("refdoc", "")).parent / target)
            parts = PurePosixPath(docname).parts
            if docname in printed or len(parts) < 2 or parts[0] != "auto_gallery":
                continue
            title = xref.astext() if xref.get("refexplicit") else (
                self.env.titles[docname].astext() if docname in self.env.titles else parts[-1])
            path = "gallery/" + "/".join(parts[1:]) + ".py"
            xref.replace_self([nodes.emphasis(title, title), nodes.Text(" ("),
                               nodes.literal(path, path), nodes.Text(")")])


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


# -- proofs, theorem-like boxes, exercises and solutions --------------------------------------
class ProofsAsProofs(SphinxPostTransform):
    """``{prf:proof}``: amsthm's proof environment instead of an untitled note box."""

    default_priority = 30
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        from sphinx_proof.nodes import proof_node

        for proof in list(self.document.findall(proof_node)):
            for box in [c for c in proof.children if isinstance(c, nodes.admonition)]:
                first = next(box.findall(nodes.Text), None)
                if first is not None and str(first).startswith("Proof. "):
                    first.parent.replace(first, nodes.Text(str(first)[len("Proof. "):]))
                box.parent.replace(box, [nodes.raw("", "\n\\begin{proof}", format="latex"),
                                         *box.children,
                                         nodes.raw("", "\n\\end{proof}\n", format="latex")])


class SolutionsAtChapterEnd(SphinxPostTransform):
    """Each chapter's solutions in a last section; exercise and solution link to each other."""

    default_priority = 30         # after sphinx-exercise resolved the titles (20, 21)
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        from sphinx_exercise.nodes import solution_node

        registry = getattr(self.env, "sphinx_exercise_registry", {})
        by_chapter: dict[int, list] = {}
        chapters = {}
        for solution in list(self.document.findall(solution_node)):
            # the chapter: the outermost section (inline_all_toctrees moves a page's nodes
            # into the big tree without re-parenting them, so the chain ends at the page)
            sections = [a for a in _ancestors(solution) if isinstance(a, nodes.section)]
            if not sections or "docname" not in sections[0]:
                continue
            chapter = [a for a in sections if a.get("docname") == sections[0]["docname"]][-1]
            chapters[id(chapter)] = (chapter["docname"], chapter)
            by_chapter.setdefault(id(chapter), []).append(solution)
            exercise = registry.get(solution.get("target_label"), {}).get("node")
            label = registry.get(solution.get("label"), {}).get("docname")
            if exercise is None or label is None:
                continue
            target = f"{label}:{solution['label']}"
            for node in self.document.findall(type(exercise)):
                if node.get("label") == exercise.get("label"):
                    node += nodes.raw("", f"\n\\dlgsolutionlink{{{target}}}\n", format="latex")
                    break
        for key, solutions in by_chapter.items():
            docname, chapter = chapters[key]
            section = nodes.section(ids=[f"{docname.replace('/', '-')}-solutions"],
                                    names=[f"{docname}-solutions"])
            section += nodes.title(SOLUTIONS_TITLE, SOLUTIONS_TITLE)
            for solution in solutions:
                solution.parent.remove(solution)
                section += solution
            chapter += section


def _restyled(visit, depart, style_of):
    """Wrap a node's LaTeX visitors so that its box opens ``dlg<style>`` instead of a note."""

    def new_visit(self, node):
        visit(self, node)
        self.no_latex_floats += 1      # a figure in a box is placed here ([H]), not floated

    def new_depart(self, node):
        self.no_latex_floats -= 1
        depart(self, node)
        style = style_of(node)
        start = max(i for i, part in enumerate(self.body) if part == BOX_START)
        self.body[start] = "\n\\begin{dlg%s}" % style
        end = max(i for i, part in enumerate(self.body) if part == BOX_END)
        self.body[end] = "\\end{dlg%s}\n" % style

    return new_visit, new_depart


def _restyle_boxes(app) -> None:
    """Give sphinx-proof's and sphinx-exercise's LaTeX boxes the book's styles."""
    handlers = app.registry.translation_handlers.get("latex", {})
    try:
        from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node, solution_node
        from sphinx_proof.nodes import NODE_TYPES, unenumerable_node
    except ImportError:
        return
    proof_kind = lambda node: PROOF_STYLES.get(node.get("realtype", ""), "remark")  # noqa: E731
    kinds = [(cls, proof_kind) for cls in [*NODE_TYPES.values(), unenumerable_node]]
    kinds += [(exercise_node, lambda node: "exercise"),
              (exercise_enumerable_node, lambda node: "exercise"),
              (solution_node, lambda node: "solution")]
    for cls, style_of in kinds:
        if cls.__name__ in handlers:
            visit, depart = handlers[cls.__name__]
            app.add_node(cls, override=True, latex=_restyled(visit, depart, style_of))


# -- cross-references, index entries and links in print ---------------------------------------
CHAPTER_NAME = re.compile(r"^(Chapters?)\s+(\d+)")
NUMBER_AFTER_WORD = re.compile(r"(?:(?<=[A-Za-z])|(?<=\\@)) (?=\\ref\{)")
NO_PAGEREF = "dlg-no-pageref"
# a field that only gives an arXiv number (and perhaps the preprint's year)
ARXIV_TEXT = re.compile(r"arXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?)(?:,\s*\d{4})?")


class PrintedReferences(SphinxPostTransform):
    """References as a printed book sets them.

    - A link whose text names a chapter ("Chapter 3", or the chapter's title, as a link to
      the chapter's page or to its top label prints it) in the front and back matter (the
      notation tables' *Introduced* column, the glossary) prints without "(page N)": the
      chapter's name is its address, and the contents gives its page. Other links keep
      ``latex_show_pagerefs``' page.
    - "Chapter" and its number are tied (``Chapter~3``); figure and table numbers are tied
      by the number-reference visitor below.
    - The notation tables are long tables: they break across pages instead of each moving
      whole to the next page (a table of fewer than 31 rows is an unbreakable ``tabular``).
    - Links inside the bibliography print no URL footnote (``latex_show_urls``): the entry's
      text (``arXiv:1807.01194``, ``doi:10.1137/1035134``) already says where the work is.
    """

    default_priority = 390        # before ShowUrlsTransform (400) adds the URL footnotes
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        numbered = _numbered_documents(self.env, self.config.root_doc)
        document_of = _documents_of(self.document)
        for reference in list(self.document.findall(nodes.reference)):
            if any(isinstance(a, nodes.citation) for a in _ancestors(reference)):
                uri = reference.get("refuri", "")
                if "://" in uri and reference.astext() != uri:
                    link = PrintedLink(uri=uri)
                    link.extend(reference.children)
                    reference.replace_self(link)
                continue
            uri = reference.get("refuri", "")
            target = uri[1:].split("#")[0] if uri.startswith("%") else ""
            title = self.env.titles[target].astext() if target in self.env.titles else None
            to_chapter = target in numbered and ("#" not in uri or reference.astext() == title)
            names_chapter = bool(CHAPTER_NAME.match(reference.astext()))
            if not (names_chapter or to_chapter):
                continue
            if document_of.get(id(reference)) not in numbered:
                reference["classes"].append(NO_PAGEREF)
            if names_chapter:
                _tie_chapter_number(reference)
        for table in self.document.findall(nodes.table):
            if document_of.get(id(table)) == NOTATION_DOC and "longtable" not in table["classes"]:
                table["classes"].append("longtable")


NOTATION_DOC = "notation"


def _documents_of(document) -> dict[int, str]:
    """``id(node) -> docname`` for every node of the assembled tree, read downwards from each
    ``start_of_file`` (a node's ``parent`` may still point into its page's own tree), an
    included page's nodes belonging to the innermost page."""
    docnames = {}
    for start in document.findall(addnodes.start_of_file):
        for node in start.findall(include_self=False):
            docnames[id(node)] = start["docname"]
    return docnames


def _tie_chapter_number(reference) -> None:
    """``Chapter 3`` -> ``Chapter~3`` in the first text of a reference."""
    text = next(reference.findall(nodes.Text), None)
    match = CHAPTER_NAME.match(str(text)) if text is not None else None
    if match is None:
        return
    rest = str(text)[match.end(1):].lstrip()
    text.parent.replace(text, [nodes.Text(match[1]), nodes.raw("", "~", format="latex"),
                               nodes.Text(rest)])


class PrintedLink(nodes.Inline, nodes.TextElement):
    """A hyperlink that prints its text only (no URL footnote)."""


def _visit_printed_link(self, node) -> None:
    self.body.append(r"\sphinxhref{%s}{" % self.encode_uri(node["uri"]))


def _depart_printed_link(self, node) -> None:
    self.body.append("}")


def _without_pageref(visit):
    """``visit_reference`` that leaves out "(page N)" on references marked ``NO_PAGEREF``."""

    def new_visit(self, node):
        visit(self, node)
        if NO_PAGEREF in node.get("classes", []) and self.context:
            closing = self.context[-1]
            if closing.startswith("}}} (") and "pageref" in closing:
                self.context[-1] = "}}}"

    return new_visit


def _tied_number(visit):
    """``visit_number_reference`` that ties the word to the number (``Figure~3.1``)."""

    def new_visit(self, node):
        start = len(self.body)
        try:
            visit(self, node)
        finally:
            self.body[start:] = [NUMBER_AFTER_WORD.sub("~", part) for part in self.body[start:]]

    return new_visit


def _index_with_plain_hyphens(visit):
    """``visit_index`` that writes a hyphen as ``-``, not ``\\sphinxhyphen{}``.

    An ``\\index`` inside a macro's argument (a glossary term, ``\\sphinxlineitem{...}``)
    is written to the ``.idx`` file as ``cross\\sphinxhyphen {}entropy``; the same entry in
    running text as ``cross\\sphinxhyphen{}entropy``. makeindex compares the two strings
    and prints two entries, "cross-entropy, 122" and "cross-entropy, 279". A plain ``-``
    is written the same way in both places, so the pages merge into one entry.
    """

    def new_visit(self, node):
        start = len(self.body)
        try:
            visit(self, node)
        finally:
            self.body[start:] = [part.replace(r"\sphinxhyphen{}", "-")
                                 if part.startswith("\\index{") else part
                                 for part in self.body[start:]]

    return new_visit


def _reprint_references(app) -> None:
    """Wrap the LaTeX translator's visitors for references, number references, index."""
    from sphinx.writers.latex import LaTeXTranslator

    app.add_node(PrintedLink, latex=(_visit_printed_link, _depart_printed_link))
    for cls, wrap, name in [(nodes.reference, _without_pageref, "reference"),
                            (addnodes.number_reference, _tied_number, "number_reference"),
                            (addnodes.index, _index_with_plain_hyphens, "index")]:
        visit = getattr(LaTeXTranslator, f"visit_{name}")
        depart = getattr(LaTeXTranslator, f"depart_{name}", None)
        app.add_node(cls, override=True, latex=(wrap(visit), depart))


# -- one citation style: author-year labels ------------------------------------------------
def register_citation_style() -> None:
    """pybtex plugins ``authoryear``: plain's entries, labelled ``Author, year``."""
    from pybtex.database import Entry
    from pybtex.plugin import register_plugin
    from pybtex.style.formatting import toplevel
    from pybtex.style.formatting.plain import Style as Plain
    from pybtex.style.formatting.unsrt import date
    from pybtex.style.labels import BaseLabelStyle
    from pybtex.style.template import optional, optional_field, sentence

    class AuthorYearLabels(BaseLabelStyle):
        """``Strang, 2016``, ``Glorot and Bengio, 2010``, ``Goodfellow et al., 2016``; a
        second work of the same authors and year gets ``2016b`` (and the first ``2016a``)."""

        def format_labels(self, sorted_entries):
            labels = [self.format_label(entry) for entry in sorted_entries]
            counts, seen = Counter(labels), Counter()
            for label in labels:
                if counts[label] > 1:
                    seen[label] += 1
                    yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
                else:
                    yield label

        @staticmethod
        def format_label(entry) -> str:
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            last = [" ".join(p.prelast_names + p.last_names) for p in people]
            last = [name.replace("{", "").replace("}", "") for name in last]
            if not last:
                who = entry.fields.get("organization") or entry.fields.get("title", "Anon.")
            elif len(last) == 1:
                who = last[0]
            elif len(last) == 2:
                who = f"{last[0]} and {last[1]}"
            else:
                who = f"{last[0]} et al."
            return f"{who}, {entry.fields.get('year', 'n.d.')}"

    class AuthorYearStyle(Plain):
        """plain's entries, each arXiv number printed once and linked.

        An entry that gives its arXiv number as text (``howpublished`` or ``note`` reading
        ``arXiv:2207.14484`` or ``arXiv:1511.07289, 2015``) and as ``eprint`` printed it
        twice ("arXiv:2207.14484, 2022. arXiv:2207.14484"): the text field becomes the
        ``eprint`` and is left out. A preprint
        (``@misc``) names its arXiv number where a journal would go: "arXiv:1807.01194, 2018".
        """

        default_label_style = AuthorYearLabels
        default_sorting_style = "author_year_title"

        def format_entry(self, label, entry, bib_data=None):
            fields = {key: str(value) for key, value in entry.fields.items()}
            for key in ("howpublished", "note"):
                match = ARXIV_TEXT.fullmatch(fields.get(key, "").strip())
                if match and fields.setdefault("eprint", match[1]) == match[1]:
                    del fields[key]
            if fields != {key: str(value) for key, value in entry.fields.items()}:
                entry, original = Entry(entry.type, fields=fields, persons=entry.persons), entry
                entry.key = original.key
            return super().format_entry(label, entry, bib_data)

        def get_misc_template(self, e):
            if "eprint" not in e.fields or "howpublished" in e.fields:
                return super().get_misc_template(e)
            return toplevel[
                optional[sentence[self.format_names("author")]],
                optional[self.format_title(e, "title")],
                sentence[self.format_eprint(e), optional[date]],
                sentence[optional_field("note")],
                sentence[optional[self.format_url(e)], optional[self.format_doi(e)]],
            ]

    register_plugin("pybtex.style.labels", "authoryear", AuthorYearLabels, force=True)
    register_plugin("pybtex.style.formatting", "authoryear", AuthorYearStyle, force=True)


def setup(app):
    register_citation_style()
    for extension in ("sphinx_proof", "sphinx_exercise"):
        app.setup_extension(extension)     # their LaTeX visitors first, then ours around them
    _restyle_boxes(app)
    app.add_post_transform(PrintedTree)
    app.add_post_transform(ProofsAsProofs)
    app.add_post_transform(SolutionsAtChapterEnd)
    app.add_post_transform(PrintedReferences)
    _reprint_references(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
