/* Explorable "bumps": a sum of sigmoid bumps following a target curve (the network of
 * dlgeom.approximation.sigmoid_bump_model). Sliders: the number of bumps and the steepness
 * s·Δ, called kh in the state (in bump widths, on its log grid); draggable heights; readout: the sup error
 * on the state's grid and the best steepness for the current bumps. State
 * (dlgeom.explorables.bumps): low, high, x (grid), target (f on the grid), heights ({n: f at
 * the n centres}), n, kh_index, kh_grid, max_bumps, box. */
(function () {
  "use strict";
  const X = window.DLGeomExplorables;
  const sigmoid = X.sigmoid;   // dlgeom.layers.Sigmoid

  /** numpy.linspace(low, high, n) and the spacing h of dlgeom.approximation._centers. */
  function centers(n, low, high) {
    if (n === 1) return [[(low + high) / 2], high - low];
    const step = (high - low) / (n - 1);
    const c = Array.from({ length: n }, (_, i) => i * step + low);
    c[n - 1] = high;
    return [c, c[1] - c[0]];
  }

  /** The network's output at x: Σ hᵢ (σ(k x − k eᵢ⁻) − σ(k x − k eᵢ⁺)). */
  function output(x, c, h, k, heights) {
    let y = 0;
    for (let i = 0; i < c.length; i++) {
      y += heights[i] * sigmoid(x * k + -k * (c[i] - h / 2)) - heights[i] * sigmoid(x * k + -k * (c[i] + h / 2));
    }
    return y;
  }

  function supError(xs, target, c, h, k, heights) {
    let worst = -1, at = 0;
    xs.forEach((x, j) => {
      const e = Math.abs(output(x, c, h, k, heights) - target[j]);
      if (e > worst) { worst = e; at = x; }
    });
    return [worst, at];
  }

  X.register("bumps", function (ctx) {
    const s = ctx.state, C = X.CLASS_COLORS;
    let n = s.n, khIndex = s.kh_index, heights = s.heights[String(n)].slice();
    let c, h, best = null;
    const k = () => s.kh_grid[khIndex] / h;
    [c, h] = centers(n, s.low, s.high);
    const board = ctx.board(s.box, "The target curve, the sum of bumps and the coefficients of the bumps",
                            { wide: true });
    X.curve(board, () => [s.x, s.target], { strokeColor: X.NEUTRAL, strokeWidth: 2, dash: 2 });
    const fine = s.x.filter((_, j) => j % 4 === 0);
    X.curve(board, () => {   // each bump, faint
      const lines = c.map((ci, i) => fine.filter((x) => Math.abs(x - ci) < 3 * h + 4 / (s.kh_grid[khIndex] / h))
        .map((x) => [x, heights[i] * (sigmoid(x * k() + -k() * (ci - h / 2)) - sigmoid(x * k() + -k() * (ci + h / 2)))]));
      return X.polylineData(lines);
    }, { strokeColor: C[4], strokeWidth: 0.8 });
    X.curve(board, () => [s.x, s.x.map((x) => output(x, c, h, k(), heights))],
            { strokeColor: C[0], strokeWidth: 2.2 });
    let handles = [];

    function placeHandles() {
      handles.forEach((p) => board.removeObject(p));
      handles = c.map((ci, i) => {
        const name = () => p.rendNode.setAttribute("aria-label",
          "coefficient of bump " + (i + 1) + " at x = " + X.fmt(ci) + ": " + X.fmt(heights[i], 3) +
          "; focus it and press the up and down arrow keys");
        const p = ctx.point(board, [ci, heights[i]], "", C[5], () => {
          p.moveTo([ci, p.Y()]);          // heights move up and down only
          heights[i] = p.Y();
          best = null;
          update();
          name();                         // the drag must not take the handle's name away
        });
        p.setAttribute({ size: 3, withLabel: false });
        name();
        return p;
      });
    }

    ctx.slider("Number of bumps", 1, s.max_bumps, 1, n, (v) => {
      n = v; heights = s.heights[String(n)].slice(); best = null; layout(); update();
    });
    ctx.slider("Steepness in bump widths, sΔ", 0, s.kh_grid.length - 1, 1, khIndex,
               (v) => { khIndex = v; update(); }, (v) => "sΔ = " + X.fmt(s.kh_grid[v], 2));
    ctx.button("Reset heights to the target", () => {
      heights = s.heights[String(n)].slice(); best = null; layout(); update();
    });

    function layout() { [c, h] = centers(n, s.low, s.high); placeHandles(); }

    function update() {
      board.update();
      const [err, at] = supError(s.x, s.target, c, h, k(), heights);
      if (best === null) {   // the best steepness on the grid, for these bumps
        best = { index: 0, error: Infinity };
        s.kh_grid.forEach((kh, i) => {
          const e = supError(s.x, s.target, c, h, kh / h, heights)[0];
          if (e < best.error) best = { index: i, error: e };
        });
      }
      ctx.readout(n + (n === 1 ? " bump" : " bumps") + ", steepness sΔ = " + X.fmt(s.kh_grid[khIndex], 2) +
                  " (s = " + X.fmt(k(), 1) + "): largest error on " + s.x.length + " points " + X.fmt(err, 4) + " at x = " + X.fmt(at, 3) +
                  ". For these bumps the best steepness on the slider's scale is sΔ = " + X.fmt(s.kh_grid[best.index], 2) +
                  ", with largest error " + X.fmt(best.error, 4) + ".",
                  { n: n, kh: s.kh_grid[khIndex], k: k(), heights: heights.slice(), sup_error: err, at: at,
                    best_kh: s.kh_grid[best.index], best_error: best.error });
    }
    layout();
    update();
  });
})();
