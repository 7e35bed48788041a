"""Fair comparisons: tune every method on the same budget, repeat over seeds, show the spread.

A sentence of the book that ranks methods comes from here. Each method is a function that
runs once and returns a curve (the loss after every step, the validation loss after every
epoch) or a single score; the module

- tunes each method on its grid of hyper-parameters under one shared budget (:func:`tune`),
  keeping the whole grid's results so a figure can show how sensitive each method is;
- repeats each method's best setting over fresh seeds (:func:`compare`, :func:`repeat`) and
  summarises the runs by their median with min and max, their mean ± standard deviation,
  and the number that failed (diverged or never reached the threshold), which are counted
  and never averaged in (:func:`summarise`);
- prints the result as a plain-text table of at most 80 columns (:func:`format_table`);
- compares each method with a reference seed by seed (:func:`paired`): the runs share
  their seeds, so the per-seed differences remove what a seed did to every method.

A method is called as ``method(**setting, seed=seed, budget=budget)``; with ``draws`` (data
sets drawn afresh) also ``draw=draw``. It returns one of

- a curve, array-like of shape (n_points,) with ``n_points <= budget + 1`` (the start, then
  one point per step or epoch);
- a dict of such curves, e.g. ``{"validation": ..., "test": ...}``: the point compared is
  chosen on the curve named ``select`` and the value reported is read off ``report`` at that
  point (early stopping judged on a test set);
- a float, for ``metric="final"``, ``"best"`` or a callable.

Metrics (what one run scores; lower is better, except ``"final"`` and ``"best"`` with
``higher_is_better=True``):

- ``"final"``: the value at the end of the budget;
- ``"best"``: the value at each run's own best point (e.g. its best validation epoch);
- ``"first_below"`` / ``"first_above"``: the number of steps (points after the start) until
  the curve first passes ``threshold``; a run that never does has stalled;
- ``"stays_below"`` / ``"stays_above"``: the number of steps after which the curve stays
  past ``threshold`` to the end of the budget; a run that ends on the wrong side has stalled;
- a callable ``metric(curve) -> float``.

A run whose curve holds NaN or inf has diverged. Failed runs (diverged or stalled) are
counted apart; the statistics are over the runs that did not fail.

Example: the optimiser race on an ill-conditioned bowl, each rate tuned on one grid, the
winner of each method repeated from ten new random starts::

    import numpy as np
    from dlgeom import SGD, Adam, Momentum, RMSProp, experiments, landscape

    bowl = landscape.Quadratic.from_eigen([1.0, 50.0], angle=np.pi / 18)

    def racer(make):
        def run(lr, *, seed, budget):
            start = np.random.default_rng(seed).uniform(-4, 4, 2)
            path = landscape.optimizer_path(make(lr), bowl.grad, start, budget)
            return bowl.value(path)
        return run

    methods = {"GD": racer(SGD), "momentum": racer(Momentum),
               "RMSProp": racer(RMSProp), "Adam": racer(Adam)}
    grid = {"lr": np.geomspace(1e-3, 1.0, 16)}
    tuned = experiments.tune(methods, grid, budget=300, metric="first_below",
                             threshold=1e-3, seeds=range(5))
    race = experiments.compare(tuned, seeds=range(100, 110))
    print(experiments.format_table(race))
    stay = experiments.compare(tuned, seeds=range(100, 110), metric="stays_below")

``tuned["Adam"].best`` is Adam's best setting and ``tuned["Adam"].results`` the summary of
every setting of the grid; ``race["Adam"].median`` is its median number of steps. Tune on
one list of seeds and compare on another, so the winner is not judged on the runs that
chose it.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ._checks import check_real

METRICS = ("final", "best", "first_below", "stays_below", "first_above", "stays_above")
UNITS = ("steps", "epochs", "gradient evaluations")

Metric = str | Callable[[np.ndarray], float]
ArrayLike = Sequence[float] | np.ndarray


# -- summaries of repeated runs ---------------------------------------------------------

@dataclass(frozen=True)
class Spread:
    """Statistics of the runs that did not fail, and how many did.

    ``std`` is the sample standard deviation (``ddof=1``); with fewer than two successful
    runs it is NaN, and every statistic is NaN when all runs failed.
    """

    n_runs: int
    n_failed: int
    median: float
    min: float
    max: float
    mean: float
    std: float


def summarise(values: ArrayLike) -> Spread:
    """Median, min, max, mean and standard deviation of ``values``, failures counted apart.

    Parameters
    ----------
    values : array-like of shape (n_runs,); NaN or inf marks a run that failed

    Returns
    -------
    Spread

    Example
    -------
    >>> summarise([3.0, 1.0, 2.0, np.inf]).median, summarise([3.0, 1.0, np.nan]).n_failed
    (2.0, 1)
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"values must be a non-empty 1-D array (one value per run), "
                         f"got shape {values.shape}")
    ok = values[np.isfinite(values)]
    n_failed = int(values.size - ok.size)
    if ok.size == 0:
        return Spread(values.size, n_failed, *([np.nan] * 5))
    # a run near divergence can end finite but huge (1e200): its square overflows to inf,
    # which is the honest spread, so numpy's overflow warning is not printed
    with np.errstate(over="ignore", invalid="ignore"):
        std = float(np.std(ok, ddof=1)) if ok.size > 1 else np.nan
        mean = float(ok.mean())
    return Spread(int(values.size), n_failed, float(np.median(ok)), float(ok.min()),
                  float(ok.max()), mean, std)


@dataclass(frozen=True)
class Run:
    """One run of one setting.

    ``value`` is the run's score (NaN when it diverged, inf when it stalled); ``point`` the
    index of the point compared (None when the run failed or returned a single score);
    ``curve`` the reported curve, shape (n_points,), or shape (1,) for a single score.
    """

    seed: int
    draw: int | None
    value: float
    point: int | None
    status: str            # "ok", "diverged" or "stalled"
    curve: np.ndarray = field(repr=False)


@dataclass(frozen=True)
class Summary:
    """The runs of one method at one setting, and their spread.

    ``metric`` names what was measured and ``rule`` which point of each run was compared,
    in words (``"each run at its own best point"``, ``"at the end of the budget"``, ...).
    The statistics are properties: ``median``, ``min``, ``max``, ``mean``, ``std``,
    ``n_runs``, ``n_failed``, ``n_diverged``, ``n_stalled``.
    """

    method: str
    setting: dict
    metric: str
    rule: str
    budget: int
    unit: str
    runs: tuple[Run, ...] = field(repr=False)

    @property
    def values(self) -> np.ndarray:
        """Every run's value, shape (n_runs,): NaN for diverged, inf for stalled runs."""
        return np.array([run.value for run in self.runs])

    @property
    def spread(self) -> Spread:
        return summarise(self.values)

    @property
    def median(self) -> float:
        return self.spread.median

    @property
    def min(self) -> float:
        return self.spread.min

    @property
    def max(self) -> float:
        return self.spread.max

    @property
    def mean(self) -> float:
        return self.spread.mean

    @property
    def std(self) -> float:
        return self.spread.std

    @property
    def n_runs(self) -> int:
        return len(self.runs)

    @property
    def n_failed(self) -> int:
        return self.spread.n_failed

    @property
    def n_diverged(self) -> int:
        return sum(run.status == "diverged" for run in self.runs)

    @property
    def n_stalled(self) -> int:
        return sum(run.status == "stalled" for run in self.runs)

    @property
    def curves(self) -> np.ndarray:
        """The reported curves, shape (n_runs, n_points); shorter curves padded with NaN."""
        length = max(len(run.curve) for run in self.runs)
        out = np.full((len(self.runs), length), np.nan)
        for k, run in enumerate(self.runs):
            out[k, :len(run.curve)] = run.curve
        return out


# -- tuning and comparing ---------------------------------------------------------------

@dataclass(frozen=True)
class Tuning:
    """A method's grid search: every setting's summary and the best one.

    ``results[k]`` summarises ``settings[k]`` over the tuning seeds. The best setting fails
    on the fewest seeds and, among those, has the best median (the first in grid order on
    a tie).
    """

    method: str
    run: Callable = field(repr=False)
    settings: tuple[dict, ...]
    results: tuple[Summary, ...] = field(repr=False)
    best_index: int
    options: dict = field(repr=False)

    @property
    def best(self) -> dict:
        """The best setting, e.g. ``{"lr": 0.05}``."""
        return self.settings[self.best_index]

    @property
    def best_result(self) -> Summary:
        return self.results[self.best_index]

    def sensitivity(self, param: str) -> tuple[np.ndarray, np.ndarray]:
        """Each grid value of ``param`` and the tuning runs' values there.

        Returns
        -------
        x : ndarray of shape (n_settings,); values : ndarray of shape (n_settings, n_runs)
        """
        if any(param not in s for s in self.settings):
            raise ValueError(f"param must be a hyper-parameter of the grid of "
                             f"{self.method!r}, one of {sorted(self.settings[0])}, got {param!r}")
        if len(self.settings[0]) != 1:
            raise ValueError(f"param: the grid of {self.method!r} varies "
                             f"{sorted(self.settings[0])}; sensitivity needs a one-parameter grid")
        x = np.array([s[param] for s in self.settings], dtype=np.float64)
        return x, np.array([r.values for r in self.results])


class Comparison(dict):
    """Method name -> ``Summary`` of its runs at one setting, with what was compared.

    Attributes ``metric``, ``rule``, ``budget``, ``unit`` and ``seeds`` say how; the
    summaries keep the order of the methods.
    """

    def __init__(self, summaries: Mapping[str, Summary], seeds: Sequence[int]):
        super().__init__(summaries)
        first = next(iter(summaries.values()))
        self.metric, self.rule = first.metric, first.rule
        self.budget, self.unit, self.seeds = first.budget, first.unit, tuple(seeds)

    def table(self, **kwargs) -> str:
        """The comparison as text; see :func:`format_table`."""
        return format_table(self, **kwargs)


def tune(methods: Mapping[str, Callable], grid: Mapping, *, budget: int | Mapping[str, int],
         metric: Metric = "final", threshold: float | None = None, seeds: Iterable[int] = (0,),
         draws: Iterable[int] | None = None, higher_is_better: bool = False,
         select: str | None = None, report: str | None = None,
         unit: str = "steps") -> dict[str, Tuning]:
    """Tune every method on its grid under one budget; return every setting's result.

    Parameters
    ----------
    methods : dict name -> callable ``run(**setting, seed=, budget=)`` (see the module)
    grid : dict hyper-parameter -> list of values, shared by every method (their settings
        are all combinations), or dict method name -> such a dict, one grid per method
    budget : int, the number of steps (epochs, gradient evaluations: ``unit``) each run
        may take; a dict method -> int is accepted when every entry is the same
    metric, threshold, higher_is_better : what a run scores (see the module); ``threshold``
        is needed by the ``*_below`` and ``*_above`` metrics
    seeds : the seeds every setting runs on (one is allowed for tuning)
    draws : optional data-draw indices; each seed then runs on each draw
    select, report : for methods returning dicts of curves, the curve that chooses the
        point compared and the curve reported there (tuning scores ``select``)
    unit : "steps", "epochs" or "gradient evaluations", for the record

    Returns
    -------
    dict name -> Tuning, in the order of ``methods``

    Example
    -------
    >>> quad = lambda lr, *, seed, budget: [(1 - lr) ** (2 * t) for t in range(budget + 1)]
    >>> tuned = tune({"GD": quad}, {"lr": [0.1, 0.5, 0.9]}, budget=20)
    >>> tuned["GD"].best
    {'lr': 0.9}
    """
    if not isinstance(methods, Mapping) or not methods:
        raise ValueError("methods must be a non-empty dict of name -> callable")
    for name, run in methods.items():
        if not callable(run):
            raise TypeError(f"methods[{name!r}] must be callable, got {type(run).__name__}")
    budget = _shared_budget(budget, methods)
    grids = _grids_per_method(grid, methods)
    _describe(metric, threshold, higher_is_better)          # an unknown metric fails first
    seeds, draws = _check_runs(seeds, draws, spread=False)
    options = dict(budget=budget, metric=metric, threshold=threshold, draws=draws,
                   higher_is_better=higher_is_better, select=select, unit=unit)
    out = {}
    for name, run in methods.items():
        settings = _settings(grids[name], name)
        # tuning scores the curve that chooses the point (``select``): validation, not test
        results = tuple(repeat(run, setting, seeds=seeds, name=name, report=select,
                               _spread=False, **options) for setting in settings)
        ranks = [(r.n_failed, _key(r.median, higher_is_better, metric), k)
                 for k, r in enumerate(results)]
        out[name] = Tuning(name, run, settings, results, min(ranks)[2],
                           {**options, "report": report})
    return out


def compare(tuned: Mapping[str, Tuning], seeds: Iterable[int], *, metric: Metric | None = None,
            threshold: float | None = None, draws: Iterable[int] | None = None) -> Comparison:
    """Run every method at its tuned setting on ``seeds`` (at least two) and summarise.

    Budget, metric, threshold and the ``select``/``report`` curves are those of the tuning
    unless ``metric`` (and ``threshold``) are given, e.g. tuned on ``"first_below"``,
    compared on ``"stays_below"``. Use seeds the tuning did not see.

    Returns
    -------
    Comparison: method name -> Summary, with ``metric``, ``rule`` and ``seeds`` recorded
    """
    if not isinstance(tuned, Mapping) or not tuned:
        raise ValueError("tuned must be the non-empty dict that tune() returns")
    for name, t in tuned.items():
        if not isinstance(t, Tuning):
            raise TypeError(f"tuned[{name!r}] must be a Tuning from tune(), got {type(t).__name__}")
    budgets = {name: f"{t.options['budget']} {t.options['unit']}" for name, t in tuned.items()}
    if len(set(budgets.values())) > 1:
        raise ValueError(f"budget: the methods were tuned on different budgets {budgets}")
    criteria = {name: _describe(t.options["metric"], t.options["threshold"],
                                t.options["higher_is_better"])[0] for name, t in tuned.items()}
    if metric is None and len(set(criteria.values())) > 1:
        raise ValueError(f"metric: the methods were tuned on different metrics {criteria}; "
                         f"pass metric= to compare them on one")
    seeds, draws = _check_runs(seeds, draws, spread=True)
    summaries = {}
    for name, t in tuned.items():
        options = dict(t.options)
        if metric is not None:
            options.update(metric=metric, threshold=threshold if threshold is not None
                           else options["threshold"])
        if draws is not None:
            options["draws"] = draws
        summaries[name] = repeat(t.run, t.best, seeds=seeds, name=name, **options)
    return Comparison(summaries, seeds)


def repeat(run: Callable, setting: Mapping | None = None, *, seeds: Iterable[int], budget: int,
           metric: Metric = "final", threshold: float | None = None,
           draws: Iterable[int] | None = None, higher_is_better: bool = False,
           select: str | None = None, report: str | None = None, unit: str = "steps",
           name: str = "method", _spread: bool = True) -> Summary:
    """Run one setting on every seed (and data draw) and summarise the spread.

    Parameters
    ----------
    run : callable ``run(**setting, seed=, budget=)`` (and ``draw=`` with ``draws``)
    setting : dict of hyper-parameters, or None
    seeds : at least two seeds (a spread needs two runs)
    budget, metric, threshold, draws, higher_is_better, select, report, unit : as in
        :func:`tune`
    name : the method's name, for messages and tables

    Returns
    -------
    Summary over ``len(seeds) * len(draws)`` runs, seeds outermost
    """
    if not callable(run):
        raise TypeError(f"run must be callable, got {type(run).__name__}")
    setting = dict(setting or {})
    budget = _check_budget(budget)
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
    description, rule = _describe(metric, threshold, higher_is_better)
    seeds, draws = _check_runs(seeds, draws, spread=_spread)
    runs = []
    for seed in seeds:
        for draw in ([None] if draws is None else draws):
            extra = {} if draw is None else {"draw": draw}
            output = run(**setting, **extra, seed=seed, budget=budget)
            runs.append(_score(output, seed, draw, metric, threshold, higher_is_better,
                               select, report, budget, unit, name))
    return Summary(name, setting, description, rule, budget, unit, tuple(runs))


# -- paired differences ------------------------------------------------------------------

@dataclass(frozen=True)
class Paired:
    """Per-run differences ``method - reference`` over the runs both completed.

    Runs are paired by (seed, draw), so a seed that is hard for every method cancels
    out. ``differences`` has shape (n_pairs,); ``std`` is the sample standard deviation
    (NaN with fewer than two pairs); ``n_lower`` and ``n_higher`` count the pairs where
    the method's value is below or above the reference's; ``n_unpaired`` the runs left
    out because either side failed.
    """

    method: str
    reference: str
    seeds: tuple[int, ...]
    differences: np.ndarray = field(repr=False)
    n_unpaired: int

    @property
    def n_pairs(self) -> int:
        return int(self.differences.size)

    @property
    def mean(self) -> float:
        return float(self.differences.mean()) if self.n_pairs else np.nan

    @property
    def std(self) -> float:
        return float(np.std(self.differences, ddof=1)) if self.n_pairs > 1 else np.nan

    @property
    def n_lower(self) -> int:
        return int(np.sum(self.differences < 0))

    @property
    def n_higher(self) -> int:
        return int(np.sum(self.differences > 0))

    @property
    def t(self) -> float:
        """The paired t statistic, mean / (std / sqrt(n_pairs)); NaN if undefined."""
        if self.n_pairs < 2 or not self.std > 0:
            return np.nan
        return self.mean / (self.std / np.sqrt(self.n_pairs))


def paired(result: Comparison | Mapping[str, Summary], reference: str) -> dict[str, Paired]:
    """Each method's per-seed differences from ``reference``, runs paired by seed.

    When every method ran on the same seeds (as :func:`compare` does), the difference
    on each seed removes what the seed did to all of them, and the sign count says on
    how many seeds a method beat the reference.

    Parameters
    ----------
    result : Comparison, or dict name -> Summary, every summary run on the same seeds
        and draws
    reference : the name of the method the others are compared with

    Returns
    -------
    dict name -> Paired for every method except ``reference``, in the order of ``result``

    Example
    -------
    >>> f = lambda shift: lambda *, seed, budget: [seed + shift]
    >>> runs = {k: repeat(f(s), seeds=[0, 5], budget=1, name=k)
    ...         for k, s in [("a", 0.0), ("b", 0.5)]}
    >>> d = paired(runs, "a")["b"]
    >>> d.differences.tolist(), d.n_higher, d.std
    ([0.5, 0.5], 2, 0.0)
    """
    if not isinstance(result, Mapping) or not result:
        raise ValueError("result must be a non-empty Comparison or dict of name -> Summary")
    for name, s in result.items():
        if not isinstance(s, Summary):
            raise TypeError(f"result[{name!r}] must be a Summary, got {type(s).__name__}")
    if reference not in result:
        raise ValueError(f"reference must be one of the methods {list(result)}, "
                         f"got {reference!r}")
    if len(result) < 2:
        raise ValueError("result must hold at least one method besides the reference")
    base = result[reference]
    keys = [(run.seed, run.draw) for run in base.runs]
    out = {}
    for name, s in result.items():
        if name == reference:
            continue
        if [(run.seed, run.draw) for run in s.runs] != keys:
            raise ValueError(f"result[{name!r}] ran on other seeds or draws than "
                             f"result[{reference!r}]; pairs need the same runs")
        a, b = s.values, base.values
        both = np.isfinite(a) & np.isfinite(b)
        out[name] = Paired(name, reference, tuple(run.seed for run in base.runs),
                           a[both] - b[both], int(np.sum(~both)))
    return out


# -- one run's score ---------------------------------------------------------------------

def _score(output, seed, draw, metric, threshold, higher, select, report, budget, unit,
           name) -> Run:
    chosen, reported = _curves(output, select, report, name)
    if len(chosen) > budget + 1:
        raise ValueError(f"budget: method {name!r} returned {len(chosen)} points for a budget "
                         f"of {budget} {unit}; at most budget + 1 = {budget + 1} (the start "
                         f"and one point per step) keeps the comparison fair")
    if not np.all(np.isfinite(chosen)) or not np.all(np.isfinite(reported)):
        return Run(seed, draw, np.nan, None, "diverged", reported)
    if callable(metric):
        value = float(metric(chosen))
        status = "ok" if np.isfinite(value) else "diverged"
        return Run(seed, draw, value if status == "ok" else np.nan, None, status, reported)
    if metric == "final":
        return Run(seed, draw, float(reported[-1]), len(chosen) - 1, "ok", reported)
    if metric == "best":
        point = int(np.argmax(chosen) if higher else np.argmin(chosen))
        return Run(seed, draw, float(reported[point]), point, "ok", reported)
    if len(chosen) < 2:
        raise ValueError(f"metric {metric!r} counts steps along a curve, but method {name!r} "
                         f"returned a single score")
    past = chosen < threshold if metric.endswith("below") else chosen > threshold
    if metric.startswith("first"):
        hits = np.flatnonzero(past)
        point = int(hits[0]) if hits.size else None
    else:
        misses = np.flatnonzero(~past)
        point = None if past[-1] == 0 else (int(misses[-1]) + 1 if misses.size else 0)
    if point is None:
        return Run(seed, draw, np.inf, None, "stalled", reported)
    return Run(seed, draw, float(point), point, "ok", reported)


def _curves(output, select, report, name):
    """The curve that chooses the point and the curve reported, both float arrays."""
    if isinstance(output, Mapping):
        if select is None or select not in output:
            raise ValueError(f"select must name one of the curves {sorted(output)} that "
                             f"method {name!r} returns, got {select!r}")
        report = select if report is None else report
        if report not in output:
            raise ValueError(f"report must name one of the curves {sorted(output)} that "
                             f"method {name!r} returns, got {report!r}")
        chosen = np.asarray(output[select], dtype=np.float64).ravel()
        reported = np.asarray(output[report], dtype=np.float64).ravel()
        if reported.shape != chosen.shape:
            raise ValueError(f"report: curve {report!r} of method {name!r} has "
                             f"{reported.size} points, curve {select!r} {chosen.size}")
        return chosen, reported
    curve = np.atleast_1d(np.asarray(output, dtype=np.float64)).ravel()
    if curve.size == 0:
        raise ValueError(f"method {name!r} returned an empty curve")
    return curve, curve


def _describe(metric, threshold, higher) -> tuple[str, str]:
    """(what is measured, which point of each run is compared), in words."""
    if callable(metric):
        return getattr(metric, "__name__", "custom metric"), "as the metric computes it"
    if metric not in METRICS:
        raise ValueError(f"metric must be a callable or one of {METRICS}, got {metric!r}")
    if metric == "final":
        return "final value", "at the end of the budget"
    if metric == "best":
        word = "highest" if higher else "lowest"
        return "best value", f"each run at its own best point (its {word} value)"
    if threshold is None:
        raise ValueError(f"threshold must be a number for metric {metric!r}, got None")
    threshold = check_real(threshold, "threshold")
    side = "below" if metric.endswith("below") else "above"
    if metric.startswith("first"):
        return f"steps to get {side} {threshold:g}", f"the first point {side} {threshold:g}"
    return (f"steps to stay {side} {threshold:g}",
            f"the point from which it stays {side} {threshold:g} to the end")


def _key(median: float, higher: bool, metric) -> float:
    """Sort key of a setting: lower is better; NaN (all failed) last.

    Step counts are always better lower; ``higher`` turns the others round.
    """
    if not np.isfinite(median):
        return np.inf
    counts_steps = isinstance(metric, str) and metric not in ("final", "best")
    return -median if higher and not counts_steps else median


# -- checks ------------------------------------------------------------------------------

def _check_budget(budget) -> int:
    if isinstance(budget, bool) or not isinstance(budget, (int, np.integer)) or budget <= 0:
        raise ValueError(f"budget must be a positive integer (steps, epochs or gradient "
                         f"evaluations), got {budget!r}")
    return int(budget)


def _shared_budget(budget, methods) -> int:
    if isinstance(budget, Mapping):
        missing = sorted(set(methods) - set(budget))
        if missing:
            raise ValueError(f"budget has no entry for {missing}")
        values = {name: _check_budget(budget[name]) for name in methods}
        if len(set(values.values())) > 1:
            raise ValueError(f"budget must be the same for every method, got {values}")
        return next(iter(values.values()))
    return _check_budget(budget)


def _check_runs(seeds, draws, spread: bool) -> tuple[list[int], list | None]:
    """The seeds and draws as lists; at least two runs in all when a spread is asked."""
    seeds = list(seeds) if isinstance(seeds, Iterable) else seeds
    if not isinstance(seeds, list) or not seeds:
        raise ValueError(f"seeds must be a non-empty list of integers, got {seeds!r}")
    for s in seeds:
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)):
            raise TypeError(f"seeds must hold integers, got {s!r}")
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"seeds must be distinct, got {seeds}")
    draws = None if draws is None else list(draws)
    n_draws = 1 if draws is None else len(draws)
    if n_draws == 0:
        raise ValueError("draws must be None or a non-empty list of data-draw indices")
    if spread and len(seeds) * n_draws < 2:
        raise ValueError(f"seeds: a spread needs at least two runs, got {len(seeds)} seed(s) "
                         f"and {n_draws} draw(s)")
    return [int(s) for s in seeds], draws


def _grids_per_method(grid, methods) -> dict[str, Mapping]:
    if not isinstance(grid, Mapping) or not grid:
        raise ValueError("grid must be a non-empty dict of hyper-parameter -> values "
                         "(or method name -> such a dict), got an empty grid"
                         if isinstance(grid, Mapping) else
                         f"grid must be a dict of hyper-parameter -> values, got {grid!r}")
    if all(isinstance(g, Mapping) for g in grid.values()):
        if set(grid) != set(methods):
            raise ValueError(f"grid: one grid per method needs exactly the keys "
                             f"{sorted(methods)}, got {sorted(grid)}")
        return dict(grid)
    return {name: grid for name in methods}


def _settings(grid: Mapping, name: str) -> tuple[dict, ...]:
    if not grid:
        raise ValueError(f"grid of {name!r} is empty: give each hyper-parameter its values")
    values = {}
    for param, options in grid.items():
        options = list(np.atleast_1d(options)) if not isinstance(options, (list, tuple)) \
            else list(options)
        if not options:
            raise ValueError(f"grid of {name!r}: hyper-parameter {param!r} has an empty "
                             f"list of values")
        values[param] = [v.item() if isinstance(v, np.generic) else v for v in options]
    return tuple(dict(zip(values, combo)) for combo in itertools.product(*values.values()))


# -- the table ---------------------------------------------------------------------------

def format_table(result: Comparison | Mapping[str, Summary], *, width: int = 80,
                 digits: int = 3) -> str:
    """A plain-text table of summaries, at most ``width`` (default 80) columns wide.

    One row per method: its setting, median [min, max], mean ± sd and failed/runs, under a
    title line saying the metric, the rule, the budget and the number of runs. Settings
    too long for the row are listed under the table.

    Parameters
    ----------
    result : Comparison, or dict name -> Summary (e.g. from :func:`repeat`)
    digits : significant digits of every number

    Returns
    -------
    str, lines of at most ``width`` characters
    """
    if not isinstance(result, Mapping) or not result:
        raise ValueError("result must be a non-empty Comparison or dict of name -> Summary")
    for name, s in result.items():
        if not isinstance(s, Summary):
            raise TypeError(f"result[{name!r}] must be a Summary, got {type(s).__name__}")

    def num(x):
        return "-" if not np.isfinite(x) else f"{x:.{digits}g}"

    first = next(iter(result.values()))
    header = ["method", "setting", "median [min, max]", "mean ± sd", "failed"]
    rows = []
    for name, s in result.items():
        setting = ", ".join(f"{k}={num(v) if isinstance(v, float) else v}"
                            for k, v in s.setting.items()) or "-"
        rows.append([name, setting, f"{num(s.median)} [{num(s.min)}, {num(s.max)}]",
                     f"{num(s.mean)} ± {num(s.std)}", f"{s.n_failed}/{s.n_runs}"])
    widths = [max(len(r[k]) for r in rows + [header]) for k in range(5)]
    notes = []
    if sum(widths) + 2 * 4 > width:           # list the settings under the table
        notes = [f"{r[0]}: {r[1]}" for r in rows]
        header, rows = [h for k, h in enumerate(header) if k != 1], \
            [[c for k, c in enumerate(r) if k != 1] for r in rows]
        widths = widths[:1] + widths[2:]
    if sum(widths) + 2 * (len(widths) - 1) > width:
        raise ValueError(f"width: the table needs {sum(widths) + 2 * (len(widths) - 1)} "
                         f"columns; shorten the method names or lower digits")
    title = (f"{first.metric}, {first.rule}; budget {first.budget} {first.unit}, "
             f"{first.n_runs} runs each")

    left = [h in ("method", "setting") for h in header]

    def line(cells):
        return "  ".join(c.ljust(w) if lft else c.rjust(w)
                         for c, w, lft in zip(cells, widths, left)).rstrip()

    out = textwrap.wrap(title, width) + [line(header), "-" * len(line(header))]
    out += [line(r) for r in rows]
    for note in notes:
        out += textwrap.wrap(note, width, subsequent_indent="    ")
    return "\n".join(out)

