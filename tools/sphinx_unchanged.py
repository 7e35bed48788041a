"""An HTML builder that leaves a file alone when its new content equals the old.

Listed in ``conf.py``'s ``extensions`` as ``sphinx_unchanged``. Sphinx's HTML builder skips
pages whose sources did not change, but on every build it writes again the pages and files
it makes at the end (the general index, the search page, the proof index, ``searchindex.js``,
``objects.inv``, ``.buildinfo``) and the static files rendered from templates
(``documentation_options.js``, ``basic.css``, ``language_data.js``, ...). Their bytes are the
same when nothing changed, but their times are new, so a server, a sync or a live-reload sees a
changed site. This builder has each of them written to a scratch file outside the site (under
the doctree folder) and moves it into place only when it differs from the file already there.

Four extensions copy a stylesheet into ``_static`` only when the build has finished
(``END_ASSET_HOOKS``). Pages link each static file with its checksum (``?v=...``, so browsers
fetch a changed stylesheet), which Sphinx reads from the file when it writes the page: on a
clean build those files did not exist yet, so every page linked them without a checksum and
the next build wrote the index pages again with one. Here those hooks run with the other
static files, before any page is written, through the same scratch folder.

A rebuild with nothing changed, even the first after a clean build, writes no file and touches
no folder of the site.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.inventory import InventoryFile

# build-finished hooks of other extensions that copy a stylesheet into the site: the files
# each writes. pydata-sphinx-theme puts the light and dark code styles in one pygments.css,
# replacing the one Sphinx writes with the other static files.
END_ASSET_HOOKS = {
    "pydata_sphinx_theme.pygments.overwrite_pygments_css": ("_static/pygments.css",),
    "sphinx_exercise.copy_asset_files": ("_static/exercise.css",),
    "sphinx_proof.copy_asset_files": ("_static/proof.css",),
    "myst_nb.sphinx_ext.add_global_html_resources": ("_static/mystnb.<hash>.css",),
}


def replace_if_changed(scratch: Path, target: Path) -> bool:
    """Move ``scratch`` onto ``target`` unless their bytes are equal; return whether it moved."""
    if target.is_file() and filecmp.cmp(scratch, target, shallow=False):
        scratch.unlink()
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(scratch, target)   # a rename when both are on one file system
    return True


def sync_tree(scratch: Path, target: Path) -> None:
    """Move every file of ``scratch`` to the same place under ``target`` where it differs."""
    for path in sorted(scratch.rglob("*")):
        if path.is_file():
            replace_if_changed(path, target / path.relative_to(scratch))


class UnchangedHTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's ``html`` builder, writing only the files whose content changed."""

    name = "html"

    @property
    def scratch_root(self) -> Path:
        root = Path(self.doctreedir) / "scratch"
        root.mkdir(parents=True, exist_ok=True)
        return root

    def write_if_changed(self, target: Path, write: Callable[[Path], None]) -> bool:
        """Call ``write(scratch)`` and keep its result as ``target`` only if it differs."""
        handle, name = tempfile.mkstemp(prefix=f"{Path(target).name}.", dir=self.scratch_root)
        os.close(handle)
        scratch = Path(name)
        try:
            write(scratch)
            return replace_if_changed(scratch, Path(target))
        finally:
            scratch.unlink(missing_ok=True)

    def into_scratch_site(self, write: Callable[[Path], None], target: Path,
                          skip: frozenset[str] = frozenset()) -> None:
        """Call ``write(folder)`` on an empty scratch folder, then sync it into ``target``."""
        scratch = Path(tempfile.mkdtemp(dir=self.scratch_root))
        try:
            write(scratch)
            for name in skip:
                (scratch / name).unlink(missing_ok=True)
            sync_tree(scratch, target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def handle_page(self, pagename, addctx, templatename="page.html", *, outfilename=None,
                    event_arg=None) -> None:
        target = Path(outfilename) if outfilename else self.get_output_path(pagename)
        self.write_if_changed(target, lambda scratch: super(UnchangedHTMLBuilder, self).handle_page(
            pagename, addctx, templatename, outfilename=scratch, event_arg=event_arg))

    def copy_static_files(self) -> None:
        static = self._static_dir

        def write(scratch: Path) -> None:
            self._static_dir = scratch
            try:
                super(UnchangedHTMLBuilder, self).copy_static_files()
            finally:
                self._static_dir = static

        # a file an end-of-build hook writes is that hook's (pygments.css: the theme's)
        owned = frozenset(Path(f).relative_to("_static").as_posix()
                          for hook in self.asset_hooks for f in END_ASSET_HOOKS[hook_name(hook)])
        self.into_scratch_site(write, static, skip=owned)

    asset_hooks: tuple[Callable, ...] = ()

    def copy_assets(self) -> None:
        """Sphinx's static files and downloads, then the other extensions' stylesheets."""
        super().copy_assets()
        app = self._app
        outdir = self.outdir

        def write(scratch: Path) -> None:
            (scratch / "_static").mkdir()
            app.outdir = self.outdir = scratch
            try:
                for hook in self.asset_hooks:
                    hook(app, None)
            finally:
                app.outdir = self.outdir = outdir
        self.into_scratch_site(write, outdir)

    def dump_inventory(self) -> None:
        self.write_if_changed(self.outdir / "objects.inv",
                              lambda scratch: InventoryFile.dump(scratch, self.env, self))

    def write_buildinfo(self) -> None:
        self.write_if_changed(self.outdir / ".buildinfo", self.build_info.dump)

    def dump_search_index(self) -> None:
        if self.indexer is None:
            return
        self.indexer.prune(self.env.all_docs)

        def dump(scratch: Path) -> None:
            if self.indexer_dumps_unicode:
                with open(scratch, "w", encoding="utf-8") as out:
                    self.indexer.dump(out, self.indexer_format)
            else:
                with open(scratch, "wb") as out:
                    self.indexer.dump(out, self.indexer_format)

        self.write_if_changed(self.outdir / self.searchindex_filename, dump)



def hook_name(handler: Callable) -> str:
    return f"{handler.__module__}.{getattr(handler, '__qualname__', '')}"


def take_end_asset_hooks(app) -> None:
    """Move the known end-of-build stylesheet copies to the builder's ``copy_assets``."""
    builder = app.builder
    if not isinstance(builder, UnchangedHTMLBuilder):
        return
    listeners = app.events.listeners["build-finished"]
    taken = [listener for listener in listeners if hook_name(listener.handler) in END_ASSET_HOOKS]
    for listener in taken:
        listeners.remove(listener)
    builder.asset_hooks = tuple(listener.handler for listener in taken)


def setup(app):
    app.add_builder(UnchangedHTMLBuilder, override=True)
    app.connect("builder-inited", take_end_asset_hooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
