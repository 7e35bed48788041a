/* Explorable "gd_bowl": gradient descent (heavy ball when β > 0) on a quadratic bowl
 * J(θ) = ½ (θ − c)ᵀ H (θ − c). Learning-rate and momentum sliders, a draggable start; the
 * path; readouts: the contraction factor (max |1 − ηλᵢ|, or with momentum the asymptotic
 * rate, the spectral radius of the heavy-ball recursion: the distance can grow first), the
 * steps to first come within the tolerance (with momentum the path may leave it again),
 * and divergence past the critical rate (at it, bounded oscillation). The step is
 * dlgeom.optim.Momentum's: v ← βv + ∇J(θ), θ ← θ − ηv (plain descent at β = 0). State
 * (dlgeom.explorables.gd_bowl): H, center, eigenvalues, eigenvectors, levels, start, lr,
 * beta, lr_max, n_steps, tol, box. */
(function () {
  "use strict";
  const X = window.DLGeomExplorables;

  /** The largest |root| of r² − (1 + β − ηλ) r + β = 0 for one eigenvalue λ. */
  function rootSize(lam, lr, beta) {
    const a = 1 + beta - lr * lam, d = a * a - 4 * beta;
    return d >= 0 ? Math.max(Math.abs(a + Math.sqrt(d)), Math.abs(a - Math.sqrt(d))) / 2
                  : Math.sqrt(beta);   // complex pair: |r|² = β
  }

  /** The heavy ball's asymptotic rate (spectral radius): the largest root size over the
   * eigenvalues. It sets the long-run slope; it does not bound every step. */
  function rate(eigenvalues, lr, beta) {
    return Math.max(...eigenvalues.map((lam) => rootSize(lam, lr, beta)));
  }

  /** Whether the start θ₀ has a component along an eigenvector (a column of `eigenvectors`)
   * whose root size exceeds `above` (1 + 1e-9 unless given): the projection of θ₀ − c on
   * it, relative to |θ₀ − c|, above 1e-9. With the default, such a component grows without
   * bound, and with none the path stays bounded; with `above` = 1 − 1e-9 it asks whether
   * any component fails to shrink. */
  function startGrows(center, eigenvalues, eigenvectors, lr, beta, start, above = 1 + 1e-9) {
    const d = [start[0] - center[0], start[1] - center[1]], size = Math.hypot(d[0], d[1]);
    if (!(size > 0)) return false;
    return eigenvalues.some((lam, j) => rootSize(lam, lr, beta) > above &&
      Math.abs(eigenvectors[0][j] * d[0] + eigenvectors[1][j] * d[1]) > 1e-9 * size);
  }
  X.gdBowlStartGrows = startGrows;

  X.register("gd_bowl", function (ctx) {
    const s = ctx.state, C = X.CLASS_COLORS;
    const H = s.H, c = s.center;
    let lr = s.lr, beta = s.beta;
    const grad = (t) => { const d = [t[0] - c[0], t[1] - c[1]];
      return [d[0] * H[0][0] + d[1] * H[1][0], d[0] * H[0][1] + d[1] * H[1][1]]; };
    const board = ctx.board(s.box, "Level sets of the bowl, the start and the descent path");
    const ellipses = X.levelEllipses(c, s.eigenvalues, s.eigenvectors, s.levels);
    X.curve(board, () => X.polylineData(ellipses), { strokeColor: X.GRID_COLOR, strokeWidth: 1 });
    board.create("point", c, { name: "", withLabel: false, size: 3, face: "x", strokeColor: "#000000",
      fixed: true, tabindex: -1 });

    let path = [];
    const start = ctx.point(board, s.start.slice(), "start", C[5], () => update());
    X.curve(board, () => [path.map((p) => p[0]), path.map((p) => p[1])],
            { strokeColor: C[0], strokeWidth: 1.8 });

    ctx.slider("Learning rate η", s.lr_step, s.lr_max, s.lr_step, lr, (v) => { lr = v; update(); });
    ctx.slider("Momentum β", 0, 0.95, 0.05, beta, (v) => { beta = v; update(); });

    function descend() {
      const theta = [start.X(), start.Y()], v = [0, 0], out = [theta.slice()];
      for (let k = 0; k < s.n_steps; k++) {
        const g = grad(theta);
        v[0] = beta * v[0] + g[0]; v[1] = beta * v[1] + g[1];
        theta[0] -= lr * v[0]; theta[1] -= lr * v[1];
        out.push(theta.slice());
      }
      return out;
    }

    function update() {
      path = descend();
      board.update();
      const r = rate(s.eigenvalues, lr, beta);
      const dist = path.map((p) => Math.hypot(p[0] - c[0], p[1] - c[1]));
      const reached = dist.findIndex((d) => d < s.tol);
      const critical = (2 * (1 + beta)) / s.eigenvalues[s.eigenvalues.length - 1];
      const factor = beta > 0 ? "heavy-ball asymptotic rate " + X.fmt(r, 3) +
          " (the distance may grow at first)"
        : "contraction factor max |1 − ηλᵢ| = " + X.fmt(r, 3);
      // exactly at the critical rate the factor is 1: the path neither converges nor escapes
      const edge = Math.abs(r - 1) <= 1e-9, diverges = r > 1 + 1e-9;
      const which = beta > 0 ? " for this β" : " = 2/λₘₐₓ";
      let verdict;
      // a start on the minimum, or exactly on a stable eigen-line, has nothing to amplify
      const leaves = startGrows(c, s.eigenvalues, s.eigenvectors, lr, beta, path[0]);
      // on the edge, only a component on the direction whose factor is 1 keeps its size
      const stalls = edge && startGrows(c, s.eigenvalues, s.eigenvectors, lr, beta, path[0],
                                        1 - 1e-9);
      if (diverges && !leaves) verdict = "η is past the critical rate " + X.fmt(critical, 3) +
                              which + ", but this start has no component along the direction " +
                              "that grows, so the path stays bounded; from any other start it would not";
      else if (diverges) verdict = "diverges: η is past the critical rate " + X.fmt(critical, 3) +
                              which + " and the distance to the minimum grows without bound";
      else if (stalls) verdict = "on the edge: η is the critical rate " + X.fmt(critical, 3) + which +
                               "; the steepest direction flips sign without shrinking, so the path " +
                               "stays bounded but does not converge";
      else if (reached >= 0) verdict = "first within " + s.tol + " of the minimum after " + reached + " steps";
      else verdict = "converges, but is not within " + s.tol + " of the minimum after " + s.n_steps + " steps";
      ctx.readout("η = " + X.fmt(lr, 3) + ", β = " + X.fmt(beta) + ", start " + X.vec([start.X(), start.Y()]) +
                  ": " + factor + "; " + verdict + ".",
                  { lr: lr, beta: beta, start: path[0], path: path.map((p) => p.map((q) => (Number.isFinite(q) ? q : null))),
                    rate: r, steps: reached >= 0 ? reached : null, diverges: diverges });
    }
    update();
  });
})();
