/* Explorable "regression_line": drag the point (w, b) on the contour map of the squared-error
 * risk J(w, b) = mean (y − (w x + b))²; the line w x + b and its residuals over the data
 * follow in a second panel. Readout: w, b, J(w, b) and how far it is above the minimum.
 * State (dlgeom.explorables.regression_line): x, y, w, b, best [w*, b*], j_best, eigenvalues
 * and eigenvectors of J's Hessian, levels (J − J* of the contours), box_params (the sliders'
 * ranges), box_board (the same, padded so a point on the edge shows whole), box_data (which
 * includes x = 0, where the line's height is b). */
(function () {
  "use strict";
  const X = window.DLGeomExplorables;

  X.register("regression_line", function (ctx) {
    const s = ctx.state, C = X.CLASS_COLORS;
    const params = ctx.board(s.box_board, "Contour map of the loss J over slope w (across) and intercept b (up)");
    const data = ctx.board(s.box_data, "The data, the line w x + b and its residuals", { free: true });
    X.curve(params, () => X.polylineData(X.levelEllipses(s.best, s.eigenvalues, s.eigenvectors, s.levels)),
            { strokeColor: X.GRID_COLOR, strokeWidth: 1 });
    params.create("point", s.best, { name: "minimum", size: 3, face: "x", strokeColor: "#000000",
      fixed: true, tabindex: -1, label: { offset: [6, -10], fontSize: 11 } });
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    // a drag stops at the sliders' ranges (box_params), so the sliders always agree with the point
    const wb = ctx.point(params, [s.w, s.b], "(w, b)", C[5], () => {
      const w = clamp(wb.X(), s.box_params[0], s.box_params[2]);
      const b = clamp(wb.Y(), s.box_params[3], s.box_params[1]);
      if (w !== wb.X() || b !== wb.Y()) wb.moveTo([w, b]);
      syncSliders(); update();
    });
    const W = () => wb.X(), B = () => wb.Y();

    X.dots(data, s.x.length, (i) => [s.x[i], s.y[i]], s.x.map(() => C[0]), 2);
    const xs = [s.box_data[0], s.box_data[2]];        // the line across the panel, through x = 0
    X.curve(data, () => [xs, xs.map((x) => W() * x + B())], { strokeColor: X.NEUTRAL, strokeWidth: 2 });
    X.curve(data, () => X.polylineData(s.x.map((x, i) => [[x, s.y[i]], [x, W() * x + B()]])),
            { strokeColor: C[5], strokeWidth: 1.2 });

    const sw = ctx.slider("Slope w", s.box_params[0], s.box_params[2], 0.01, s.w,
                          (v) => { wb.moveTo([v, B()]); update(); });
    const sb = ctx.slider("Intercept b", s.box_params[3], s.box_params[1], 0.01, s.b,
                          (v) => { wb.moveTo([W(), v]); update(); });
    function syncSliders() { sw.setValue(W()); sb.setValue(B()); }

    function update() {
      params.update(); data.update();
      const w = W(), b = B();
      let J = 0;
      for (let i = 0; i < s.x.length; i++) { const r = s.y[i] - (w * s.x[i] + b); J += r * r; }
      J /= s.x.length;
      ctx.readout("Slope w = " + X.fmt(w) + ", intercept b = " + X.fmt(b) + ": J(w, b) = " + X.fmt(J, 3) +
                  ", " + X.fmt(J - s.j_best, 3) + " above the minimum " + X.fmt(s.j_best, 3) + " at " +
                  X.vec(s.best) + ".", { w: w, b: b, J: J });
    }
    update();
  });
})();
