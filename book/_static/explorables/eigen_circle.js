/* Explorable "eigen_circle": drag a unit vector x around the circle and watch Ax; the
 * eigen-directions light up when Ax is parallel to x. A choice of matrices (symmetric,
 * shear, rotation, ...). State (dlgeom.explorables.eigen_circle): matrices [{name, M,
 * eigen: [{value, vector}]}], angle (degrees), extent, tolerance (degrees). */
(function () {
  "use strict";
  const X = window.DLGeomExplorables;

  X.register("eigen_circle", function (ctx) {
    const s = ctx.state;
    const C = X.CLASS_COLORS;
    let current = s.matrices[0];
    const M = () => current.M;
    const board = ctx.board([-s.extent, s.extent, s.extent, -s.extent],
                            "The unit circle, the vector x on it, its image Ax and the eigen-directions");
    const circle = board.create("circle", [[0, 0], 1], { strokeColor: X.NEUTRAL, dash: 2,
      strokeWidth: 1, fixed: true, highlight: false, fillOpacity: 0 });
    const ts = Array.from({ length: 201 }, (_, i) => (2 * Math.PI * i) / 200);
    X.curve(board, () => [ts.map((t) => X.apply(M(), [Math.cos(t), Math.sin(t)])[0]),
                          ts.map((t) => X.apply(M(), [Math.cos(t), Math.sin(t)])[1])],
            { strokeColor: C[0], strokeWidth: 1.5 });
    // up to two eigen-lines, through ±extent·v
    const lines = [0, 1].map((k) => board.create("segment", [
      [() => (current.eigen[k] ? -2 * s.extent * current.eigen[k].vector[0] : 0),
       () => (current.eigen[k] ? -2 * s.extent * current.eigen[k].vector[1] : 0)],
      [() => (current.eigen[k] ? 2 * s.extent * current.eigen[k].vector[0] : 0),
       () => (current.eigen[k] ? 2 * s.extent * current.eigen[k].vector[1] : 0)]],
      { strokeColor: X.NEUTRAL, strokeWidth: 1, dash: 1, fixed: true, highlight: false,
        point1: { visible: false }, point2: { visible: false } }));
    let theta = (s.angle * Math.PI) / 180;
    const x = ctx.point(board, [Math.cos(theta), Math.sin(theta)], "x", C[5], () => update(true), circle);
    board.create("arrow", [[0, 0], x], { strokeColor: C[5], strokeWidth: 2.5, fixed: true, highlight: false });
    const Ax = () => X.apply(M(), [x.X(), x.Y()]);
    const tip = board.create("point", [() => Ax()[0], () => Ax()[1]], { name: "Ax", size: 0,
      fixed: true, label: { offset: [6, 6], fontSize: 13, strokeColor: "#1a1a1a" }, tabindex: -1 });
    board.create("arrow", [[0, 0], tip], { strokeColor: C[2], strokeWidth: 2.5, fixed: true, highlight: false });

    const select = ctx.select("Matrix", s.matrices.map((m, i) => [String(i), m.name]), "0", (v) => {
      current = s.matrices[Number(v)];
      update(false);
    });
    void select;
    const slider = ctx.slider("Angle of x (degrees)", 0, 359, 1, s.angle, (deg) => {
      x.moveTo([Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)]);
      update(false);
    });

    function update(fromDrag) {
      board.update();
      const xv = [x.X(), x.Y()], y = Ax();
      const norm = Math.hypot(y[0], y[1]);
      const cos = norm > 0 ? (xv[0] * y[0] + xv[1] * y[1]) / (Math.hypot(xv[0], xv[1]) * norm) : NaN;
      const angle = (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
      const aligned = norm === 0 || angle < s.tolerance || angle > 180 - s.tolerance;
      const lambda = aligned ? (xv[0] * y[0] + xv[1] * y[1]) / (xv[0] * xv[0] + xv[1] * xv[1]) : null;
      // the eigen-direction nearest to x lights up while x is (nearly) an eigenvector
      let lit = -1, best = -1;
      current.eigen.forEach((e, k) => {
        const c = Math.abs(e.vector[0] * xv[0] + e.vector[1] * xv[1]) / Math.hypot(xv[0], xv[1]);
        if (aligned && c > best) { best = c; lit = k; }
      });
      lines.forEach((line, k) => {
        line.setAttribute({ visible: k < current.eigen.length, strokeColor: k === lit ? C[3] : X.NEUTRAL,
                            strokeWidth: k === lit ? 4 : 1, dash: k === lit ? 0 : 1 });
      });
      if (fromDrag) {
        const deg = (Math.atan2(xv[1], xv[0]) * 180) / Math.PI;
        slider.setValue(Math.round((deg + 360) % 360));
      }
      const eig = current.eigen.length ? "eigenvalues " + current.eigen.map((e) => X.fmt(e.value)).join(" and ")
        : "no real eigenvalue";
      ctx.readout(current.name + " (" + eig + "): x = " + X.vec(xv, 3) + ", Ax = " + X.vec(y, 3) +
                  ", angle between them " + X.fmt(angle, 1) + "°" + (aligned
                    ? "; aligned: x is an eigenvector, Ax = λx with λ = " + X.fmt(lambda, 3) + "."
                    : "; not aligned."),
                  { M: current.M, x: xv, Ax: y, angle: angle, aligned: aligned, lambda: lambda,
                    lit: lit });
    }
    update(false);
  });
})();
