"""dlgeom.experiments: tuned comparisons over seeds, their summaries, and the spread plots."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba

from dlgeom import experiments, plotting

LAMBDA = 1.5      # the curvature of the bowl J(θ) = ½ λ θ²


def start(seed):
    rng = np.random.default_rng(seed)
    return rng.choice([-1.0, 1.0]) * rng.uniform(1.0, 2.0)


def descend(step, theta, budget):
    """The loss ½ λ θ² at the start and after every step, shape (budget + 1,)."""
    curve = [0.5 * LAMBDA * theta ** 2]
    for _ in range(budget):
        theta = theta - step(LAMBDA * theta)
        curve.append(0.5 * LAMBDA * theta ** 2)
    return np.array(curve)


def gd(lr=0.01, *, seed, budget):
    """Gradient descent; its default rate is far too small for this bowl."""
    return descend(lambda g: lr * g, start(seed), budget)


def sign_descent(lr=0.1, *, seed, budget):
    """Steps of fixed length ``lr``: fast from afar, but it rattles around the minimum."""
    return descend(lambda g: lr * np.sign(g), start(seed), budget)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# -- the fair version changes the ranking ------------------------------------------------

def test_a_method_better_only_untuned_loses_after_tuning():
    seeds = range(5)
    untuned = {name: experiments.repeat(run, seeds=seeds, budget=100, name=name)
               for name, run in {"GD": gd, "sign": sign_descent}.items()}
    assert untuned["sign"].median < untuned["GD"].median          # with the defaults

    tuned = experiments.tune({"GD": gd, "sign": sign_descent}, {"lr": [0.01, 0.1, 0.5]},
                             budget=100, seeds=range(3))
    assert tuned["GD"].best == {"lr": 0.5}
    result = experiments.compare(tuned, seeds=range(10, 15))
    assert result["GD"].max < result["sign"].min                 # tuned, GD wins every run
    assert result.rule == "at the end of the budget" and result.metric == "final value"
    # the whole grid is kept: one summary per setting, on the tuning seeds
    assert [r.setting for r in tuned["GD"].results] == [{"lr": v} for v in (0.01, 0.1, 0.5)]
    x, values = tuned["GD"].sensitivity("lr")
    assert x.tolist() == [0.01, 0.1, 0.5] and values.shape == (3, 3)
    assert np.all(values[2] < values[0])


def test_each_method_may_have_its_own_grid_and_settings_are_all_combinations():
    seen = []

    def run(lr, beta=0.0, *, seed, budget):
        seen.append((lr, beta))
        return [lr + beta]

    tuned = experiments.tune({"a": run, "b": run},
                             {"a": {"lr": [1, 2]}, "b": {"lr": [3], "beta": [0.5, 0.25]}},
                             budget=1)
    assert seen == [(1, 0.0), (2, 0.0), (3, 0.5), (3, 0.25)]
    assert tuned["a"].best == {"lr": 1} and tuned["b"].best == {"lr": 3, "beta": 0.25}


# -- metrics ---------------------------------------------------------------------------

CURVE = [8.0, 0.5, 2.0, 0.4, 0.3, 0.2]


def one(metric, curve=CURVE, threshold=1.0, **kwargs):
    summary = experiments.repeat(lambda *, seed, budget: curve, seeds=[0, 1], budget=5,
                                 metric=metric, threshold=threshold, **kwargs)
    return summary.runs[0]


def test_the_metrics_read_the_right_point_of_a_curve():
    assert (one("final").value, one("final").point) == (0.2, 5)
    assert (one("best").value, one("best").point) == (0.2, 5)
    assert (one("best", higher_is_better=True).value, one("best", higher_is_better=True).point) \
        == (8.0, 0)
    assert one("first_below").value == 1.0            # after one step, 0.5 < 1
    assert one("stays_below").value == 3.0            # from step 3 on it stays below 1
    assert one("first_above", threshold=1.5).value == 0.0
    assert one("stays_above", threshold=0.1).value == 0.0
    assert one(np.median).value == pytest.approx(np.median(CURVE))


def test_best_point_is_chosen_on_one_curve_and_reported_on_another():
    def run(*, seed, budget):
        return {"validation": [3.0, 1.0, 2.0], "test": [30.0, 10.0, 20.0]}

    s = experiments.repeat(run, seeds=[0, 1], budget=2, metric="best", select="validation",
                           report="test")
    assert s.values.tolist() == [10.0, 10.0] and s.runs[0].point == 1
    assert s.rule.startswith("each run at its own best point")
    tuned = experiments.tune({"m": lambda lr, **kw: run(**kw)}, {"lr": [1]}, budget=2,
                             metric="best", select="validation", report="test")
    assert tuned["m"].results[0].values.tolist() == [1.0]        # tuning scores validation
    assert experiments.compare(tuned, [0, 1])["m"].values.tolist() == [10.0, 10.0]


def test_diverged_and_stalled_runs_are_counted_not_averaged():
    curves = {0: [1.0, 0.5, 0.1], 1: [1.0, 0.2, 0.05], 2: [1.0, np.inf, np.nan],
              3: [1.0, 0.9, 0.8], 4: [1.0, 0.05, 0.01]}
    s = experiments.repeat(lambda *, seed, budget: curves[seed], seeds=range(5), budget=2,
                           metric="first_below", threshold=0.3)
    assert s.values.tolist()[:2] == [2.0, 1.0] and np.isnan(s.values[2])
    assert (s.n_runs, s.n_failed, s.n_diverged, s.n_stalled) == (5, 2, 1, 1)
    assert (s.median, s.min, s.max) == (1.0, 1.0, 2.0)
    assert s.mean == pytest.approx(4 / 3)


def test_summary_of_known_samples_is_exact():
    s = experiments.summarise([4.0, 1.0, 3.0, 2.0, np.nan, np.inf])
    assert (s.n_runs, s.n_failed) == (6, 2)
    assert (s.median, s.min, s.max, s.mean) == (2.5, 1.0, 4.0, 2.5)
    assert s.std == pytest.approx(math.sqrt(5 / 3), rel=1e-15)  # sample sd, ddof = 1
    odd = experiments.summarise([5.0, 1.0, 3.0])
    assert (odd.median, odd.mean, odd.std) == (3.0, 3.0, 2.0)
    failed = experiments.summarise([np.nan, np.inf])
    assert failed.n_failed == 2 and np.isnan(failed.median)


def test_runs_over_seeds_and_data_draws():
    calls = []

    def run(*, seed, draw, budget):
        calls.append((seed, draw))
        return [float(10 * seed + draw)]

    s = experiments.repeat(run, seeds=[1, 2], draws=[0, 1, 2], budget=1)
    assert calls == [(s_, d) for s_ in (1, 2) for d in (0, 1, 2)]
    assert s.values.tolist() == [10, 11, 12, 20, 21, 22] and s.runs[4].draw == 1


def test_results_are_deterministic_for_a_seed_list():
    def noisy(lr, *, seed, budget):
        rng = np.random.default_rng(seed)
        return gd(lr, seed=seed, budget=budget) * rng.uniform(0.5, 2.0, budget + 1)

    def race(seeds):
        tuned = experiments.tune({"GD": noisy}, {"lr": [0.1, 0.3]}, budget=20, seeds=[0, 1])
        return experiments.compare(tuned, seeds)["GD"].values

    np.testing.assert_array_equal(race([5, 6, 7]), race([5, 6, 7]))
    assert not np.array_equal(race([5, 6, 7]), race([8, 9, 10]))


# -- bad input -------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, name", [
    (dict(grid={}), "grid"),
    (dict(grid={"lr": []}), "grid"),
    (dict(grid={"GD": {"lr": [0.1]}, "other": {"lr": [0.1]}}), "grid"),
    (dict(budget={"GD": 100, "sign": 50}), "budget"),
    (dict(budget=0), "budget"),
    (dict(metric="fastest"), "metric"),
    (dict(metric="first_below"), "threshold"),
    (dict(metric="first_below", threshold="low"), "threshold"),
    (dict(seeds=[]), "seeds"),
])
def test_bad_tuning_input_names_the_argument(kwargs, name):
    args = dict(grid={"lr": [0.1]}, budget=10, seeds=[0])
    args.update(kwargs)
    with pytest.raises((ValueError, TypeError), match=name):
        experiments.tune({"GD": gd, "sign": sign_descent}, args.pop("grid"), **args)


def test_a_spread_from_one_seed_raises():
    with pytest.raises(ValueError, match="seeds"):
        experiments.repeat(gd, seeds=[0], budget=10)
    tuned = experiments.tune({"GD": gd}, {"lr": [0.1]}, budget=10, seeds=[0])
    with pytest.raises(ValueError, match="seeds"):
        experiments.compare(tuned, seeds=[3])


def test_a_method_that_overspends_its_budget_raises():
    with pytest.raises(ValueError, match="budget"):
        experiments.repeat(lambda *, seed, budget: np.ones(budget + 2), seeds=[0, 1], budget=5)


def test_comparing_different_budgets_or_metrics_raises():
    short = experiments.tune({"a": gd}, {"lr": [0.1]}, budget=10)
    long = experiments.tune({"b": gd}, {"lr": [0.1]}, budget=20)
    with pytest.raises(ValueError, match="budget"):
        experiments.compare({**short, **long}, seeds=[1, 2])
    best = experiments.tune({"b": gd}, {"lr": [0.1]}, budget=10, metric="best")
    with pytest.raises(ValueError, match="metric"):
        experiments.compare({**short, **best}, seeds=[1, 2])
    assert experiments.compare({**short, **best}, seeds=[1, 2], metric="final").metric \
        == "final value"


# -- the table -------------------------------------------------------------------------

def test_table_fits_80_columns_and_reports_failures():
    curves = {0: [1.0, 0.1], 1: [1.0, np.nan], 2: [1.0, 0.2]}
    summaries = {name: experiments.repeat(lambda *, seed, budget, lr: curves[seed],
                                          {"lr": 0.125}, seeds=range(3), budget=1, name=name)
                 for name in ("gradient descent", "momentum")}
    text = experiments.format_table(summaries)
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "final value" in lines[0] and "budget 1 steps" in lines[0]
    row = next(line for line in lines if line.startswith("momentum"))
    assert "lr=0.125" in row and row.endswith("1/3")
    assert "0.15 [0.1, 0.2]" in row


def test_table_moves_long_settings_under_it():
    setting = {f"hyper_parameter_{k}": 0.123456 for k in range(4)}
    s = experiments.repeat(lambda *, seed, budget, **kw: [float(seed)], setting,
                           seeds=[0, 1], budget=1, name="a method with a long name")
    lines = experiments.format_table({"a method with a long name": s}).splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "setting" not in lines[1]
    assert any(line.startswith("a method with a long name: hyper_parameter_0=0.123")
               for line in lines)


# -- the spread plots ------------------------------------------------------------------

def test_plot_bands_draws_one_band_per_method_in_its_colour():
    tuned = experiments.tune({"GD": gd, "sign": sign_descent}, {"lr": [0.1, 0.5]},
                             budget=30, seeds=[0])
    result = experiments.compare(tuned, seeds=range(4))
    fig, ax = plt.subplots()
    drawn = plotting.plot_bands(ax, result)
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 2 and list(drawn) == ["GD", "sign"]
    for k, (name, (line, fill)) in enumerate(drawn.items()):
        assert fill in bands
        assert to_rgba(line.get_color()) == to_rgba(plotting.CLASS_COLORS[k])
        assert fill.get_facecolor()[0][:3] == pytest.approx(to_rgba(plotting.CLASS_COLORS[k])[:3])
        Y = result[name].curves
        np.testing.assert_allclose(line.get_ydata(), np.median(Y, axis=0))
        top = fill.get_paths()[0].vertices[:, 1]
        assert top.max() == pytest.approx(Y.max()) and top.min() == pytest.approx(Y.min())


def test_spread_of_leaves_failed_runs_out():
    Y = np.array([[1.0, 2.0], [3.0, np.inf], [5.0, np.nan]])
    centre, low, high = plotting.spread_of(Y)
    assert centre.tolist() == [3.0, 2.0] and low.tolist() == [1.0, 2.0]
    mean, lo, hi = plotting.spread_of(Y[:, :1], band="sd")
    assert (mean[0], hi[0] - mean[0]) == (3.0, 2.0)
    with pytest.raises(ValueError, match="band"):
        plotting.spread_of(Y, band="iqr")


def test_plot_spread_draws_error_bars_and_names_failures():
    summaries = {"a": np.array([1.0, 2.0, 4.0]), "b": np.array([2.0, np.nan, 3.0])}
    fig, ax = plt.subplots()
    drawn = plotting.plot_spread(ax, summaries)
    assert list(drawn) == ["a", "b"]
    caps = drawn["a"].lines[2][0].get_segments()[0]            # the min–max bar of "a"
    assert caps[:, 1].tolist() == [1.0, 4.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b\n1/3 failed"]
    fig, ax = plt.subplots()
    plotting.plot_spread(ax, summaries, bars=True, band="sd")
    assert len(ax.patches) == 2 and ax.patches[0].get_height() == pytest.approx(7 / 3)


def test_plot_sensitivity_marks_each_methods_best_setting():
    tuned = experiments.tune({"GD": gd, "sign": sign_descent}, {"lr": [0.01, 0.1, 0.5]},
                             budget=30, seeds=[0, 1])
    fig, ax = plt.subplots()
    drawn = plotting.plot_sensitivity(ax, tuned, "lr")
    line, fill, failed, best = drawn["GD"]
    assert best.get_xdata()[0] == 0.5 and ax.get_xscale() == "log"
    assert line.get_xdata().tolist() == [0.01, 0.1, 0.5]
    assert len(failed.get_xdata()) == 0                  # no GD run failed


def test_plot_sensitivity_draws_settings_with_failed_runs_hollow():
    def run(lr, *, seed, budget):
        return [np.inf] if lr > 1 and seed == 0 else [lr]

    tuned = experiments.tune({"m": run}, {"lr": [0.5, 1.0, 2.0]}, budget=1, seeds=[0, 1])
    fig, ax = plt.subplots()
    line, fill, failed, best = plotting.plot_sensitivity(ax, tuned, "lr")["m"]
    assert failed.get_xdata().tolist() == [2.0] and failed.get_markerfacecolor() == "white"
    assert best.get_xdata().tolist() == [0.5]
    with pytest.raises(ValueError, match="param"):
        plotting.plot_sensitivity(ax, tuned, "beta")


def test_the_module_example_runs_and_prints_a_table_that_fits(capsys):
    doc = experiments.__doc__
    code = doc[doc.index("    import numpy"):doc.index("``tuned[")]
    space = {}
    exec(compile("\n".join(line[4:] for line in code.splitlines()), "example", "exec"), space)
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert [line.split()[0] for line in lines[-4:]] == ["GD", "momentum", "RMSProp", "Adam"]
    race, stay = space["race"], space["stay"]
    assert race.metric == "steps to get below 0.001" and stay.metric.startswith("steps to stay")
    # staying below takes at least as long as getting there, run by run
    for name in race:
        ok = np.isfinite(stay[name].values)
        assert np.all(stay[name].values[ok] >= race[name].values[ok])


# -- paired differences ------------------------------------------------------------------

def test_paired_differences_remove_what_the_seed_does_to_every_method():
    # each seed shifts both methods by a lot; "b" is always 0.1 higher than "a"
    def shifted(extra):
        return lambda *, seed, budget: [10.0 * seed + extra + 0.01 * (seed % 2)]
    runs = {name: experiments.repeat(shifted(extra), seeds=range(6), budget=1, name=name)
            for name, extra in [("a", 0.0), ("b", 0.1), ("c", -0.2)]}
    assert runs["b"].std > 10 * 0.1              # the spread over seeds hides the gap of 0.1
    d = experiments.paired(runs, "a")
    assert list(d) == ["b", "c"]
    np.testing.assert_allclose(d["b"].differences, 0.1)
    assert d["b"].n_higher == 6 and d["b"].n_lower == 0 and d["c"].n_lower == 6
    assert d["b"].mean == pytest.approx(0.1) and d["c"].mean == pytest.approx(-0.2)
    assert d["b"].seeds == tuple(range(6)) and d["b"].n_unpaired == 0


def test_paired_t_and_sign_count_of_known_differences():
    values = {"ref": [1.0, 2.0, 3.0, 4.0], "m": [1.5, 2.5, 3.0, 5.0]}
    runs = {k: experiments.repeat(lambda *, seed, budget, v=v: [v[seed]], seeds=range(4),
                                  budget=1, name=k) for k, v in values.items()}
    d = experiments.paired(runs, "ref")["m"]
    diffs = np.array([0.5, 0.5, 0.0, 1.0])
    np.testing.assert_allclose(d.differences, diffs)
    assert d.std == pytest.approx(np.std(diffs, ddof=1))
    assert d.t == pytest.approx(diffs.mean() / (np.std(diffs, ddof=1) / 2))
    assert (d.n_lower, d.n_higher) == (0, 3)                 # a tie counts as neither


def test_paired_leaves_out_failed_runs_and_checks_its_input():
    values = {"ref": [1.0, np.nan, 3.0], "m": [2.0, 2.0, np.inf]}
    runs = {k: experiments.repeat(lambda *, seed, budget, v=v: [v[seed]], seeds=range(3),
                                  budget=1, name=k) for k, v in values.items()}
    d = experiments.paired(runs, "ref")["m"]
    assert d.differences.tolist() == [1.0] and d.n_unpaired == 2
    assert math.isnan(d.std) and math.isnan(d.t)
    with pytest.raises(ValueError, match="reference must be one of"):
        experiments.paired(runs, "nobody")
    with pytest.raises(ValueError, match="at least one method besides"):
        experiments.paired({"ref": runs["ref"]}, "ref")
    other = experiments.repeat(lambda *, seed, budget: [1.0], seeds=[5, 6, 7], budget=1)
    with pytest.raises(ValueError, match="other seeds"):
        experiments.paired({"ref": runs["ref"], "m": other}, "ref")
