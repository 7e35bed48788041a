"""dlgeom.regions: exact activation regions of ReLU networks of two inputs."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from dlgeom import Affine, Model, Relu, Tanh
from dlgeom.geometry import activation_patterns, mesh
from dlgeom.regions import activation_region_polygons, count_activation_regions


def one_layer(m: int, seed: int) -> Model:
    r = np.random.default_rng(seed)
    return Model([Affine("hidden", 2, m, rng=r), Relu("relu"), Affine("out", m, 1, rng=r)])


def reach_of(net: Model) -> float:
    W, b = net["hidden"].params["W"], net["hidden"].params["b"]
    points = [np.linalg.solve(W[:, [i, j]].T, -b[[i, j]])
              for i, j in combinations(range(W.shape[1]), 2)]
    return 1.5 * max([1.0, *(np.abs(p).max() for p in points)])


@pytest.mark.parametrize("m", [1, 2, 3, 5, 8, 20, 60])
def test_m_lines_in_general_position_make_1_plus_m_plus_m_choose_2_regions(m):
    net = one_layer(m, seed=m)
    reach = reach_of(net)
    assert count_activation_regions(net, (-reach, reach), (-reach, reach)) == 1 + m + m * (m - 1) // 2


def test_the_polygons_tile_the_rectangle():
    r = np.random.default_rng(0)
    net = Model([Affine("a", 2, 12, rng=r), Relu("r1"), Affine("b", 12, 12, rng=r), Relu("r2"),
                 Affine("out", 12, 3, rng=r)])
    polygons = activation_region_polygons(net, (-1.0, 2.0), (-1.5, 1.0))

    def area(P):
        x, y = P[:, 0], P[:, 1]
        return 0.5 * abs(x @ np.roll(y, -1) - y @ np.roll(x, -1))

    assert np.isclose(sum(area(P) for P in polygons), 3.0 * 2.5)
    # each polygon is one activation pattern, and no two polygons share one
    patterns = [tuple(activation_patterns(net, P.mean(axis=0)[None, :])[0]) for P in polygons]
    assert len(set(patterns)) == len(polygons)


def test_a_mesh_never_sees_more_patterns_than_the_exact_count():
    r = np.random.default_rng(1)
    net = Model([Affine("a", 2, 30, rng=r), Relu("r1"), Affine("b", 30, 10, rng=r), Relu("r2"),
                 Affine("out", 10, 1, rng=r)])
    exact = count_activation_regions(net, (-1.3, 1.3), (-1.3, 1.3))
    _, _, points = mesh((-1.3, 1.3), (-1.3, 1.3), 300)
    seen = len(np.unique(activation_patterns(net, points), axis=0))
    assert seen <= exact


def test_bad_input_is_refused_with_the_argument_named():
    with pytest.raises(ValueError, match="Affine and Relu"):
        count_activation_regions(Model([Affine("a", 2, 3), Tanh("t"), Affine("o", 3, 1)]))
    with pytest.raises(ValueError, match="2 inputs"):
        count_activation_regions(Model([Affine("a", 3, 3), Relu("r"), Affine("o", 3, 1)]))
    with pytest.raises(ValueError, match="xlim and ylim"):
        count_activation_regions(one_layer(3, 0), (1.0, -1.0), (-1.0, 1.0))
    with pytest.raises(TypeError, match="model"):
        count_activation_regions("not a model")
