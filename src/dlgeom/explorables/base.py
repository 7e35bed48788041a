"""The explorable object and the checks every kind shares."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_hex

from .. import plotting
from .._checks import _as_float_array, check_positive_int
from ..plotting import printing

# the kinds, each drawn by book/_static/explorables/<kind>.js
KINDS = ("bumps", "eigen_circle", "gd_bowl", "layer", "linear_map", "logistic_line",
         "regression_line", "training_snapshots")


def _jsonable(value):
    """NumPy arrays and scalars as lists and floats (exact: JSON keeps all 17 digits)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float) and not np.isfinite(value):
        raise ValueError(f"an explorable's state must be finite, got {value}")
    return value


class Explorable:
    """One interactive figure: a kind, its starting state, a description and a still.

    Parameters
    ----------
    kind : str, the name of the script ``book/_static/explorables/<kind>.js``
    state : dict, JSON-able (NumPy arrays allowed): everything the script needs
    description : str, what the reader sees and can do, in words (read by screen readers)
    alt : str, what the still of the starting state shows (its alt text: the still stands in
        for the explorable until the scripts have started, and wherever they cannot run)
    draw : callable taking an ``Axes`` (or an array of them) and drawing the starting state
    panels : int, the number of side-by-side panels of the still
    equal : bool, equal aspect in the still's 2-D panels (False for data against x)
    """

    def __init__(self, kind: str, state: dict, description: str, alt: str,
                 draw: Callable[[np.ndarray], object], *, panels: int = 1, equal: bool = True):
        if not isinstance(kind, str) or not kind.replace("_", "").isalpha():
            raise ValueError(f"kind must be a name of letters and underscores, got {kind!r}")
        if not isinstance(description, str) or not description.strip():
            raise ValueError("description must be a non-empty sentence")
        self.kind = kind
        self.state = _jsonable(state)
        self.description = description.strip()
        if not isinstance(alt, str) or len(alt.strip()) < 8:
            raise ValueError("alt must say what the still shows, in a sentence")
        self.alt = alt.strip()
        self.panels = check_positive_int(panels, "panels")
        self.equal = bool(equal)
        self._draw = draw

    def state_json(self) -> str:
        """The state as JSON, safe inside a ``<script>`` element."""
        text = json.dumps(self.state, separators=(",", ":"), allow_nan=False)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    @property
    def element_id(self) -> str:
        """A stable id: the same state gives the same id in every build."""
        digest = hashlib.sha1(f"{self.kind}:{self.state_json()}".encode()).hexdigest()[:10]
        return f"explorable-{self.kind.replace('_', '-')}-{digest}"

    def _repr_html_(self) -> str:
        uid = self.element_id
        return (f'<div class="dlgeom-explorable" data-kind="{self.kind}" id="{uid}" '
                f'role="group" aria-label="Interactive figure" '
                f'aria-describedby="{uid}-description">\n'
                f'<p class="dlgeom-instructions" id="{uid}-description">'
                f'{html.escape(self.description)}</p>\n'
                f'<img class="dlgeom-explorable-still" alt="{html.escape(self.alt)}" '
                f'src="data:image/png;base64,{self._still("png")}">\n'
                f'<script type="application/json" class="dlgeom-explorable-state">'
                f'{self.state_json()}</script>\n</div>')

    def figure(self):
        """The still of the starting state, as a new matplotlib figure."""
        plotting.use_style()
        fig, axes = plotting.subplots(1, self.panels, size=4.0 if self.panels == 1 else 3.4,
                                      equal=self.equal)
        self._draw(axes if self.panels > 1 else axes[0])
        return fig

    def _still(self, fmt: str) -> str:
        """The still as base64 PNG or PDF; drawn once, both formats kept."""
        if not hasattr(self, "_stills"):
            fig = self.figure()
            # no dates or versions in the files: the same state gives the same bytes
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
            # the printed book's still: at most the text block wide, labels >= 8 pt
            pdf = printing.printed_pdf(fig, metadata={"CreationDate": None, "Producer": None})
            self._stills = {kind: base64.b64encode(data).decode("ascii")
                            for kind, data in (("png", buffer.getvalue()), ("pdf", pdf))}
            plt.close(fig)
        return self._stills[fmt]

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/html": self._repr_html_(), "image/png": self._still("png"),
                "application/pdf": self._still("pdf"), "text/plain": repr(self)}

    def __repr__(self) -> str:
        return f"<Explorable {self.kind}: {self.description[:60]}...>"


def _check_square(M, name: str, n: int = 2) -> np.ndarray:
    M = _as_float_array(M, name)
    if M.shape != (n, n):
        raise ValueError(f"{name} must be a {n}×{n} matrix, got shape {M.shape}")
    if not np.all(np.isfinite(M)):
        raise ValueError(f"{name} contains NaN or inf values")
    return M


def _check_vector(v, name: str, n: int = 2) -> np.ndarray:
    v = _as_float_array(v, name)
    if v.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},), got {v.shape}")
    if not np.all(np.isfinite(v)):
        raise ValueError(f"{name} contains NaN or inf values")
    return v


def _hex_colors(rgb: np.ndarray) -> list[str]:
    return [to_hex(c) for c in rgb]
