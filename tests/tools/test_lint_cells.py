"""tools/lint_cells.py: the chapters' visible code cells, checked by ruff at 80 columns."""

from __future__ import annotations

from lint_cells import check, visible_cells

CHAPTER = """---
kernelspec:
  name: python3
---
# A chapter

```{code-cell} ipython3
:tags: [remove-cell]
hidden = "bookkeeping a reader never sees, so it may run as long as it likes........"
```

```{code-cell} ipython3
---
mystnb:
  figure:
    name: fig-x
---
short = 1
long_line = "a line a reader sees, longer than the eighty columns of the code column"
```
"""


def test_long_visible_lines_are_reported_at_their_chapter_line(tmp_path):
    chapter = tmp_path / "99-probe.md"
    chapter.write_text(CHAPTER)
    assert [cell.first_line for cell in visible_cells(chapter)] == [18]
    findings = check([chapter], 80)
    assert len(findings) == 1
    assert findings[0].startswith(f"{chapter}:19:81: E501")


def test_short_lines_pass(tmp_path):
    chapter = tmp_path / "99-probe.md"
    chapter.write_text(CHAPTER.replace("longer than the eighty columns of the code column", "ok"))
    assert check([chapter], 80) == []
