"""Copy what a build of the book reads into another folder.

The build tests and the build benchmark work on such copies, so the working tree's caches
and generated gallery pages are never touched (and never read).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("book", "gallery", "src", "tools")
FILES = ("conf.py", "Makefile", "requirements.txt", "pyproject.toml")
GENERATED = {"__pycache__", ".ipynb_checkpoints", "auto_gallery", "jupyter_execute", "_build",
             ".pytest_cache"}


def generated(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in GENERATED or n.endswith(".egg-info")
            or (n.endswith(".png") and "gallery" in Path(folder).parts)}


def copy_repo(dest: Path, root: Path = ROOT) -> Path:
    """Copy the book's sources from ``root`` into ``dest`` (not .venv, builds or generated pages)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in FOLDERS:
        if (root / name).exists():
            shutil.copytree(root / name, dest / name, ignore=generated, dirs_exist_ok=True)
    for name in FILES:
        if (root / name).exists():
            shutil.copy2(root / name, dest / name)
    return dest
