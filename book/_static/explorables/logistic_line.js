/* Explorable "logistic_line": logistic regression p = σ(w · x + b) on two classes. Drag the
 * anchor (a point of the boundary p = 0.5) and the tip of w; the boundary and the lines
 * p = 0.25 and p = 0.75 follow. Readout: w, b, accuracy and binary cross-entropy (the
 * rules of dlgeom.training.accuracy and dlgeom.losses.BinaryCrossEntropy). State
 * (dlgeom.explorables.logistic_line): X, y, w, b, box. */
(function () {
  "use strict";
  const X = window.DLGeomExplorables;
  const softplus = (z) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));  // log(1 + eᶻ)

  X.register("logistic_line", function (ctx) {
    const s = ctx.state, C = X.CLASS_COLORS;
    const board = ctx.board(s.box, "Two classes of points and a logistic-regression line");
    X.dots(board, s.X.length, (i) => s.X[i], s.y.map((k) => C[k]), 2.2);
    // the anchor: the point of the boundary nearest the origin; the tip: anchor + w
    const n2 = s.w[0] * s.w[0] + s.w[1] * s.w[1];
    const a0 = [(-s.b * s.w[0]) / n2, (-s.b * s.w[1]) / n2];
    let last = a0.slice();
    const anchor = ctx.point(board, a0, "boundary point", X.NEUTRAL, (xy) => {
      // moving the anchor moves the line and carries w along unchanged
      tip.moveTo([tip.X() + xy[0] - last[0], tip.Y() + xy[1] - last[1]]);
      last = xy;
      update();
    });
    const tip = ctx.point(board, [a0[0] + s.w[0], a0[1] + s.w[1]], "w", "#000000", () => update());   // not a class colour
    anchor.setAttribute({ withLabel: false });
    board.create("arrow", [anchor, tip], { strokeColor: "#000000", strokeWidth: 2, fixed: true, highlight: false });
    const w = () => [tip.X() - anchor.X(), tip.Y() - anchor.Y()];
    const b = () => -(w()[0] * anchor.X() + w()[1] * anchor.Y());
    // the level line z = level: anchor + (level / |w|²) w, along w⊥
    const level = (z, attrs) => board.create("line", [
      [() => anchor.X() + (z * w()[0]) / (w()[0] ** 2 + w()[1] ** 2), () => anchor.Y() + (z * w()[1]) / (w()[0] ** 2 + w()[1] ** 2)],
      [() => anchor.X() + (z * w()[0]) / (w()[0] ** 2 + w()[1] ** 2) - w()[1], () => anchor.Y() + (z * w()[1]) / (w()[0] ** 2 + w()[1] ** 2) + w()[0]]],
      Object.assign({ strokeColor: "#000000", fixed: true, highlight: false, tabindex: -1,
                      point1: { visible: false }, point2: { visible: false } }, attrs));
    level(0, { strokeWidth: 2.5 });
    level(Math.log(3), { strokeWidth: 1, dash: 2 });    // p = 0.75
    level(-Math.log(3), { strokeWidth: 1, dash: 2 });   // p = 0.25

    function update() {
      board.update();
      const wv = w(), bv = b();
      let correct = 0, loss = 0;
      s.X.forEach((p, i) => {
        const z = p[0] * wv[0] + p[1] * wv[1] + bv;
        if ((z > 0 ? 1 : 0) === s.y[i]) correct += 1;
        loss += softplus(z) - s.y[i] * z;
      });
      const n = s.X.length, acc = correct / n;
      loss /= n;
      // w = 0 (the tip on the anchor): no line; every z is 0, so every point is called class 0
      const counted = wv[0] === 0 && wv[1] === 0
        ? "; no line: every point gets p = 0.5 and is called class 0), "
        : " points on their class's side), ";
      ctx.readout("w = " + X.vec(wv) + ", b = " + X.fmt(bv) + ": accuracy " + X.fmt(100 * acc, 1) + "% (" +
                  correct + " of " + n + counted + "binary cross-entropy " +
                  X.fmt(loss, 4) + ".", { w: wv, b: bv, accuracy: acc, bce: loss });
    }
    update();
  });
})();
