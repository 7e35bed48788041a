/* Explorable "linear_map": drag the columns Ae₁ and Ae₂ of a 2 × 2 matrix A; the grid, a
 * position-coloured blob and the image of the unit square follow, over the faint original
 * grid and unit square. The column tips snap to a grid of halves and stay within the
 * sliders' range, so the sliders always show A and det A = 0 can be reached by dragging.
 * Readout: A, det A (signed area) and the image A(p) of one point. State
 * (dlgeom.explorables.linear_map): A, point, limit, n_lines, blob, blob_colors, box,
 * entry_range, step. */
(function () {
  "use strict";
  const X = window.DLGeomExplorables;

  /** What the readout says for the matrix A (rows), the point p and the view's half-width
   * `extent`: {det, image, text}. det is ad − bc; "collapses" only when it is zero. */
  X.linearMapReadout = function (A, p, extent) {
    const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
    const image = X.apply(A, p);
    const zero = A.every((row) => row.every((v) => v === 0));
    // entries are multiples of the step (0.5 or 0.1): |det| < 1e-9 only when det is 0
    const area = zero ? "the plane collapses onto the origin"
      : Math.abs(det) < 1e-9 ? "the plane collapses onto a line"
        : det > 0 ? "orientation kept" : "orientation flipped";
    const off = Math.max(Math.abs(image[0]), Math.abs(image[1])) > extent ? " (off the board)" : "";
    const text = "A = [[" + X.fmt(A[0][0]) + ", " + X.fmt(A[0][1]) + "], [" + X.fmt(A[1][0]) +
      ", " + X.fmt(A[1][1]) + "]]; det A = " + X.fmt(Math.abs(det) < 1e-9 ? 0 : det) +
      " (" + area + "); A" + X.vec(p, 0) + " = " + X.vec(image) + off + ".";
    return { det: det, image: image, text: text };
  };

  X.register("linear_map", function (ctx) {
    const s = ctx.state;
    const A = s.A.map((row) => row.slice());
    const C = X.CLASS_COLORS;
    const R = s.entry_range, step = s.step;
    const extent = s.box[2];
    const board = ctx.board(s.box, "The plane after the map A: grid, blob, unit square and columns");
    const map = (p) => X.apply(A, p);
    const grid = X.gridLines(s.limit, s.n_lines, 2);

    // the plane before the map, faint: its grid and unit square
    X.curve(board, () => X.polylineData(grid), { strokeColor: X.GRID_COLOR, strokeWidth: 0.5,
                                                 strokeOpacity: 0.35 });
    board.create("polygon", [[0, 0], [1, 0], [1, 1], [0, 1]], { fillOpacity: 0,
      borders: { strokeColor: X.NEUTRAL, strokeWidth: 1, dash: 2 }, vertices: { visible: false },
      highlight: false, fixed: true });
    X.curve(board, () => X.polylineData(grid, map), { strokeColor: X.GRID_COLOR, strokeWidth: 0.8 });
    X.dots(board, s.blob.length, (i) => map(s.blob[i]), s.blob_colors, 1.5);
    const corner = (k) => () => map([[0, 0], [1, 0], [1, 1], [0, 1]][k]);
    const det = () => A[0][0] * A[1][1] - A[0][1] * A[1][0];
    const fill = () => (det() < 0 ? C[1] : C[4]);   // ORIENTATION_COLORS: sky blue, orange
    board.create("polygon", [0, 1, 2, 3].map((k) => board.create("point", [() => corner(k)()[0],
      () => corner(k)()[1]], { visible: false, withLabel: false })),
      { fillColor: fill, fillOpacity: 0.3, borders: { strokeColor: fill, strokeWidth: 1.5 },
        vertices: { visible: false }, highlight: false, fixed: true });
    board.create("text", [() => (A[0][0] + A[0][1]) / 2, () => (A[1][0] + A[1][1]) / 2,
      () => "area " + X.fmt(Math.abs(det()) < 1e-9 ? 0 : det())],
      { anchorX: "middle", anchorY: "middle", fontSize: 12, strokeColor: "#1a1a1a",
        fixed: true, highlight: false });

    const snap = (v) => Math.min(R, Math.max(-R, Math.round(v / step) * step));
    const setColumn = (j, xy) => { A[0][j] = snap(xy[0]); A[1][j] = snap(xy[1]); };
    const tips = [0, 1].map((j) => ctx.point(board, [A[0][j], A[1][j]], j ? "Ae₂" : "Ae₁",
      j ? C[0] : C[5], (xy) => {
        setColumn(j, xy);
        tips[j].moveTo([A[0][j], A[1][j]]);
        syncSliders();
        update();
      }));
    tips.forEach((tip) => tip.setAttribute({ snapToGrid: true, snapSizeX: step, snapSizeY: step }));
    tips.forEach((tip, j) => board.create("arrow", [[0, 0], tip], {
      strokeColor: j ? C[0] : C[5], strokeWidth: 2.5, fixed: true, highlight: false }));
    const image = board.create("point", [() => map(s.point)[0], () => map(s.point)[1]], {
      name: "A" + X.vec(s.point, 0), size: 4, face: "x", strokeColor: "#000000", fixed: true,
      label: { offset: [0, 14], fontSize: 12, anchorX: () => (map(s.point)[0] > 0 ? "right" : "left") },
      tabindex: -1, showInfobox: false });
    void image;

    const names = [["a₁₁ (Ae₁, x)", 0, 0], ["a₂₁ (Ae₁, y)", 1, 0],
                   ["a₁₂ (Ae₂, x)", 0, 1], ["a₂₂ (Ae₂, y)", 1, 1]];
    const sliders = names.map(([label, i, j]) => ctx.slider(label, -R, R, step, A[i][j],
      (v) => { A[i][j] = snap(v); tips[j].moveTo([A[0][j], A[1][j]]); update(); }));
    function syncSliders() { names.forEach(([, i, j], k) => sliders[k].setValue(A[i][j])); }

    function update() {
      board.update();
      const r = X.linearMapReadout(A, s.point, extent);
      ctx.readout(r.text, { A: A.map((row) => row.slice()), det: r.det, image: r.image });
    }
    update();
  });
})();
