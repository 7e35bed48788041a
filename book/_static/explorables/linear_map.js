/* Explorable "linear_map": drag the columns Ae₁ and Ae₂ of a 2 × 2 matrix A; the grid, a
 * position-coloured blob and the image of the unit square follow. Readout: A, det A (signed
 * area) and the image of one point. State (dlgeom.explorables.linear_map): A, point, limit,
 * n_lines, blob, blob_colors, box, entry_range. */
(function () {
  "use strict";
  const X = window.DLGeomExplorables;

  X.register("linear_map", function (ctx) {
    const s = ctx.state;
    const A = s.A.map((row) => row.slice());
    const C = X.CLASS_COLORS;
    const board = ctx.board(s.box, "The plane after the map A: grid, blob, unit square and columns");
    const map = (p) => X.apply(A, p);
    const grid = X.gridLines(s.limit, s.n_lines, 2);

    X.curve(board, () => X.polylineData(grid, map), { strokeColor: X.GRID_COLOR, strokeWidth: 0.8 });
    X.dots(board, s.blob.length, (i) => map(s.blob[i]), s.blob_colors, 1.5);
    const corner = (k) => () => map([[0, 0], [1, 0], [1, 1], [0, 1]][k]);
    board.create("polygon", [0, 1, 2, 3].map((k) => board.create("point", [() => corner(k)()[0],
      () => corner(k)()[1]], { visible: false, withLabel: false })),
      { fillColor: C[2], fillOpacity: 0.25, borders: { strokeColor: C[2], strokeWidth: 1.5 },
        vertices: { visible: false }, highlight: false, fixed: true });

    const setColumn = (j, xy) => { A[0][j] = xy[0]; A[1][j] = xy[1]; };
    const tips = [0, 1].map((j) => ctx.point(board, [A[0][j], A[1][j]], j ? "Ae₂" : "Ae₁",
      j ? C[0] : C[5], (xy) => { setColumn(j, xy); syncSliders(); update(); }));
    tips.forEach((tip, j) => board.create("arrow", [[0, 0], tip], {
      strokeColor: j ? C[0] : C[5], strokeWidth: 2.5, fixed: true, highlight: false }));
    const image = board.create("point", [() => map(s.point)[0], () => map(s.point)[1]], {
      name: "T" + X.vec(s.point, 0), size: 4, face: "x", strokeColor: "#000000", fixed: true,
      label: { offset: [0, 14], fontSize: 12, anchorX: () => (map(s.point)[0] > 0 ? "right" : "left") },
      tabindex: -1, showInfobox: false });
    void image;

    const names = [["a₁₁ (Ae₁, x)", 0, 0], ["a₂₁ (Ae₁, y)", 1, 0],
                   ["a₁₂ (Ae₂, x)", 0, 1], ["a₂₂ (Ae₂, y)", 1, 1]];
    const sliders = names.map(([label, i, j]) => ctx.slider(label, -s.entry_range, s.entry_range,
      0.1, A[i][j], (v) => { A[i][j] = v; tips[j].moveTo([A[0][j], A[1][j]]); update(); }));
    function syncSliders() { names.forEach(([, i, j], k) => sliders[k].setValue(A[i][j])); }

    function update() {
      board.update();
      const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
      const Tx = map(s.point);
      const area = Math.abs(det) < 1e-12 ? "the plane collapses onto a line"
        : det > 0 ? "orientation kept" : "orientation flipped";
      ctx.readout("A = [[" + X.fmt(A[0][0]) + ", " + X.fmt(A[0][1]) + "], [" + X.fmt(A[1][0]) +
                  ", " + X.fmt(A[1][1]) + "]]; det A = " + X.fmt(det) + " (" + area + "); T" +
                  X.vec(s.point, 0) + " = " + X.vec(Tx) + ".",
                  { A: A.map((r) => r.slice()), det: det, image: Tx });
    }
    update();
  });
})();
