"""The scratch-then-sync writes that keep a no-change rebuild from touching the site."""

from __future__ import annotations

import os

from sphinx_unchanged import replace_if_changed, sync_tree

OLD = 1_000_000_000_000_000_000   # a modification time well in the past, in nanoseconds


def aged(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, ns=(OLD, OLD))
    return path


def test_identical_bytes_leave_the_target_and_its_time(tmp_path):
    target = aged(tmp_path / "site" / "page.html", "same")
    scratch = aged(tmp_path / "scratch", "same")
    assert replace_if_changed(scratch, target) is False
    assert target.read_text() == "same" and target.stat().st_mtime_ns == OLD
    assert not scratch.exists()


def test_changed_bytes_replace_the_target(tmp_path):
    target = aged(tmp_path / "site" / "page.html", "old")
    scratch = tmp_path / "scratch"
    scratch.write_text("new")
    assert replace_if_changed(scratch, target) is True
    assert target.read_text() == "new" and not scratch.exists()


def test_sync_tree_writes_new_and_changed_files_only(tmp_path):
    site, scratch = tmp_path / "site", tmp_path / "scratch"
    aged(site / "_static" / "same.css", "a")
    aged(site / "_static" / "changed.js", "b")
    aged(site / "kept.txt", "not in scratch")
    aged(scratch / "_static" / "same.css", "a")
    aged(scratch / "_static" / "changed.js", "c")
    aged(scratch / "_static" / "fonts" / "new.woff", "d")
    sync_tree(scratch, site)
    assert (site / "_static" / "same.css").stat().st_mtime_ns == OLD
    assert (site / "_static" / "changed.js").read_text() == "c"
    assert (site / "_static" / "fonts" / "new.woff").read_text() == "d"
    assert (site / "kept.txt").read_text() == "not in scratch"
