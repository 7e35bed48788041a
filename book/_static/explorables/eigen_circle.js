/* Explorable "eigen_circle": drag a unit vector x around the circle and watch Ax; an
 * eigen-direction lights up when x lies on it. A choice of matrices (symmetric, shear,
 * rotation, ...). State (dlgeom.explorables.eigen_circle): matrices [{name, M, eigen:
 * [{value, vector}], every_direction}], angle (degrees), extent, snap and drag_snap (degrees),
 * colors {x, Ax, image, eigen_line} (also named in the Python description).
 *
 * The readout never decides "eigenvector" from a tolerance on the angle between x and Ax
 * (near a shear's eigen-direction that angle grows only quadratically, so any such
 * tolerance fires far from it). The eigen-directions come from
 * dlgeom.geometry.real_eigen_directions at build time; x snaps onto one when it comes within `snap` degrees of it (`drag_snap` while
 * dragging), and only then, or when every direction is an eigen-direction (a multiple of
 * I), does the readout say that x is an eigenvector, with the eigenvalue computed there. */
(function () {
  "use strict";
  const X = window.DLGeomExplorables;

  /** The eigen-line within `snap` degrees of the direction `deg`, as {k, deg} (the unit
   * eigenvector's direction on x's side of the line), or null. */
  X.eigenSnap = function (eigen, deg, snap) {
    let best = null;
    eigen.forEach((e, k) => {
      const along = (Math.atan2(e.vector[1], e.vector[0]) * 180) / Math.PI;
      const d = ((((deg - along) % 360) + 360) % 360);       // in [0, 360)
      const same = d <= 90 || d >= 270;                       // x on v's side of the line
      const gap = same ? Math.min(d, 360 - d) : Math.abs(d - 180);
      if (gap < snap && (best === null || gap < best.gap)) {
        best = { k: k, gap: gap, deg: (((same ? along : along + 180) % 360) + 360) % 360 };
      }
    });
    return best;
  };

  /** The angle between x and Ax, in degrees, as the readout prints it: one decimal, except
   * when x is not an eigenvector and the angle is within 0.1° of 0° or 180°, where one
   * decimal would print 0.0° or 180.0° (near a shear's eigen-direction the angle is only
   * 0.017° at 1° from it); there, enough decimals for two significant figures of the gap. */
  X.eigenAngleText = function (angle, aligned) {
    const gap = Math.min(angle, 180 - angle);
    if (aligned || !(gap > 0) || gap >= 0.1) return X.fmt(angle, 1);
    const digits = Math.min(8, 1 - Math.floor(Math.log10(gap)));
    return X.fmt(angle, digits);
  };

  /** What the readout says for the unit vector at `deg` degrees (after any snapping) and the
   * matrix entry `m`: {x, Ax, angle, aligned, lambda, lit, text}. */
  X.eigenReadout = function (m, deg, lit) {
    const t = (deg * Math.PI) / 180;
    const xv = [Math.cos(t), Math.sin(t)], y = X.apply(m.M, xv);
    const norm = Math.hypot(y[0], y[1]);
    const dot = xv[0] * y[0] + xv[1] * y[1];
    const cos = norm > 0 ? dot / norm : NaN;
    const angle = norm > 0 ? (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI : NaN;
    const aligned = lit >= 0 || m.every_direction;
    const lambda = lit >= 0 ? m.eigen[lit].value : aligned ? dot : null;
    // a real 2x2 matrix with one real eigen-direction has one eigenvalue, twice
    const eig = m.eigen.length
      ? (m.eigen.length > 1 ? "eigenvalues " : "eigenvalue ") +
        m.eigen.map((e) => X.fmt(e.value, 3)).join(" and ") +
        (m.eigen.length === 1 ? ", repeated" : "")
      : "no real eigenvalue";
    const text = m.name + " (" + eig + "): x = " + X.vec(xv, 3) + ", Ax = " + X.vec(y, 3) +
      ", angle " + (Number.isFinite(angle) ? X.eigenAngleText(angle, aligned) + "°"
                                           : "undefined (Ax = 0)") +
      (aligned ? ". x is an eigenvector: Ax = λx, λ = " + X.fmt(lambda, 3) + "."
               : ". x is not an eigenvector.");
    return { x: xv, Ax: y, angle: angle, aligned: aligned, lambda: lambda,
             lit: lit, text: text };
  };

  X.register("eigen_circle", function (ctx) {
    const s = ctx.state;
    const C = s.colors;   // chosen in dlgeom.explorables.maps.eigen_circle
    let current = s.matrices[0];
    const M = () => current.M;
    const board = ctx.board([-s.extent, s.extent, s.extent, -s.extent],
                            "The unit circle, the vector x on it, its image Ax and the eigen-directions");
    const circle = board.create("circle", [[0, 0], 1], { strokeColor: X.NEUTRAL, dash: 2,
      strokeWidth: 1, fixed: true, highlight: false, fillOpacity: 0 });
    const ts = Array.from({ length: 201 }, (_, i) => (2 * Math.PI * i) / 200);
    X.curve(board, () => [ts.map((t) => X.apply(M(), [Math.cos(t), Math.sin(t)])[0]),
                          ts.map((t) => X.apply(M(), [Math.cos(t), Math.sin(t)])[1])],
            { strokeColor: C.image, strokeWidth: 1.5 });
    // up to two eigen-lines, through ±extent·v; hidden until x is found on one
    const lines = [0, 1].map((k) => board.create("segment", [
      [() => (current.eigen[k] ? -2 * s.extent * current.eigen[k].vector[0] : 0),
       () => (current.eigen[k] ? -2 * s.extent * current.eigen[k].vector[1] : 0)],
      [() => (current.eigen[k] ? 2 * s.extent * current.eigen[k].vector[0] : 0),
       () => (current.eigen[k] ? 2 * s.extent * current.eigen[k].vector[1] : 0)]],
      { strokeColor: C.eigen_line, strokeWidth: 4, fixed: true, highlight: false, visible: false,
        point1: { visible: false }, point2: { visible: false } }));
    let deg = ((s.angle % 360) + 360) % 360;
    const at = (d) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)];
    const x = ctx.point(board, at(deg), "x", C.x, () => moved(true), circle);
    board.create("arrow", [[0, 0], x], { strokeColor: C.x, strokeWidth: 2.5, fixed: true, highlight: false });
    const Ax = () => X.apply(M(), [x.X(), x.Y()]);
    const tip = board.create("point", [() => Ax()[0], () => Ax()[1]], { name: "Ax", size: 0,
      fixed: true, label: { offset: [8, -16], fontSize: 13, strokeColor: "#1a1a1a" }, tabindex: -1 });
    board.create("arrow", [[0, 0], tip], { strokeColor: C.Ax, strokeWidth: 2.5, fixed: true, highlight: false });

    const select = ctx.select("Matrix", s.matrices.map((m, i) => [String(i), m.name]), "0", (v) => {
      current = s.matrices[Number(v)];
      moved(false);
    });
    void select;
    const slider = ctx.slider("Angle of x (degrees)", 0, 359, 1, Math.round(deg) % 360, (d) => {
      deg = d;
      moved(false);
    });

    function moved(fromDrag) {
      if (fromDrag) deg = ((Math.atan2(x.Y(), x.X()) * 180) / Math.PI + 360) % 360;
      const found = X.eigenSnap(current.eigen, deg, fromDrag ? s.drag_snap : s.snap);
      if (found) deg = (found.deg + 360) % 360;
      x.moveTo(at(deg));
      if (fromDrag) slider.setValue(Math.round(deg) % 360);
      show(found ? found.k : -1);
    }

    function show(lit) {
      board.update();
      lines.forEach((line, k) => line.setAttribute({ visible: k === lit }));
      const r = X.eigenReadout(current, deg, lit);
      ctx.readout(r.text, { M: current.M, x: r.x, Ax: r.Ax, angle: r.angle,
                            aligned: r.aligned, lambda: r.lambda, lit: r.lit });
    }
    moved(false);
  });
})();
