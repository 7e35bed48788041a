"""Every figure of the book is drawn here: one style, one palette.

Class ``k`` has colour ``CLASS_COLORS[k]`` in every scatter, region and legend; what is not a
class takes a named accent (``ACCENT``, ``BASIS_COLORS``, ``EIGEN_COLORS``, ``SHADOW_COLOR``,
``ORIENTATION_COLORS``).
Every helper takes an ``ax`` (or a sequence of axes) and returns its main artists, the ones a
page may restyle, animate or put in a legend (each docstring says which; ``plot_svd_steps``
returns the decomposition it drew). Call :func:`use_style` once per page and
:func:`describe` once per figure. Drawing computes nothing that ``geometry`` or
``landscape`` computes: the helpers call them.

The helpers live in one module per concept, and are all importable from here:

- ``style``: style, palette and layout
- ``animation``: animations and their key-frame stills
- ``points``: points, classes and the probability simplex
- ``maps``: vectors and maps: grids, warps, arrows, lines, shapes
- ``fields``: fields and regions: decision regions, scalar fields, surfaces, contours
- ``curves``: curves and training histories
- ``matrices``: matrices and arrays
- ``networks``: networks and compute graphs
- ``spread``: spread over seeds: bands, error bars, sensitivity to a hyper-parameter
"""

from __future__ import annotations

from .animation import animate, plot_key_frames
from .curves import (
                    plot_activation,
                    plot_bars,
                    plot_curve,
                    plot_history,
                    plot_loglog_fit,
                    plot_path,
                    plot_pieces,
)
from .fields import (
                    add_colorbar,
                    plot_boundary,
                    plot_decision_line,
                    plot_field,
                    plot_linear_regions,
                    plot_probability_contours,
                    plot_quadratic_form,
                    plot_regions,
                    plot_surface,
                    plot_unit_lines,
                    plot_wireframe,
)
from .maps import (
                    plot_arrows,
                    plot_basis,
                    plot_circle_image,
                    plot_eigenvectors,
                    plot_grid,
                    plot_line,
                    plot_parallelogram,
                    plot_projection,
                    plot_residuals,
                    plot_segments,
                    plot_svd_steps,
                    plot_warp,
)
from .matrices import plot_array, plot_matrix, plot_matrix_shapes
from .networks import plot_graph, plot_trace, plot_unit_sum
from .points import (
                    label_points,
                    mark_point,
                    plot_samples,
                    plot_simplex,
                    scatter_classes,
                    scatter_positions,
)
from .spread import method_colors, plot_band, plot_bands, plot_sensitivity, plot_spread, spread_of
from .style import (
                    ACCENT,
                    BASIS_COLORS,
                    CLASS_COLORS,
                    COLOR_NAMES,
                    EIGEN_COLORS,
                    GRID_COLOR,
                    NEUTRAL,
                    ORIENTATION_COLORS,
                    SHADOW_COLOR,
                    STYLE,
                    axes_3d,
                    class_cmap,
                    describe,
                    probability_cmap,
                    subplots,
                    surface_and_map,
                    use_style,
)

__all__ = [
    "CLASS_COLORS", "COLOR_NAMES", "NEUTRAL", "GRID_COLOR", "ACCENT", "BASIS_COLORS", "EIGEN_COLORS",
    "SHADOW_COLOR", "ORIENTATION_COLORS", "STYLE", "use_style", "describe", "class_cmap",
    "probability_cmap", "subplots",
    "axes_3d", "surface_and_map", "animate", "plot_key_frames", "scatter_classes",
    "scatter_positions", "plot_samples", "mark_point", "plot_simplex", "plot_grid", "plot_warp",
    "plot_circle_image", "plot_svd_steps", "plot_arrows", "plot_basis", "plot_projection",
    "plot_eigenvectors", "plot_line", "plot_segments", "plot_residuals", "plot_parallelogram",
    "plot_regions", "plot_boundary", "plot_decision_line", "plot_field",
    "plot_probability_contours", "plot_surface", "plot_quadratic_form", "plot_curve",
    "plot_activation", "plot_pieces", "plot_loglog_fit", "plot_bars", "plot_history", "plot_path",
    "plot_matrix", "plot_array", "plot_matrix_shapes", "plot_trace", "plot_unit_sum", "plot_graph",
    "add_colorbar", "label_points",
    "plot_linear_regions", "plot_unit_lines", "plot_wireframe",
    "method_colors", "spread_of", "plot_band", "plot_bands", "plot_spread", "plot_sensitivity",
]
