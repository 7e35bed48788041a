/* Explorable "layer": one 2 → 2 layer, Playground style. Sliders for the weights and biases,
 * a menu of activations (ReLU, leaky ReLU, tanh, sigmoid, GELU in its tanh form: the
 * formulas of dlgeom.layers); the input plane with the hinge lines wⱼ · x + bⱼ = 0, and the
 * plane after the layer with the grid and the position-coloured cloud carried through.
 * dlgeom's convention: z = x W + b with W of shape (2 inputs, 2 units). State
 * (dlgeom.explorables.layer): W, b, activation, activations [[key, label]], leaky_slope,
 * grid (polylines), cloud, cloud_colors, probe, box_in, box_out, weight_range, bias_range.
 * Both planes keep fixed views (the output's holds the input's and the starting layer's
 * image of the grid), so a squeeze or a collapse is seen at its true size; when the
 * sliders carry part of the image beyond the output's view, the readout says so.
 * The probe point of the readout is marked on the input and its image on the output. */
(function () {
  "use strict";
  const X = window.DLGeomExplorables;
  const sigmoid = X.sigmoid;   // dlgeom.layers.Sigmoid
  const ACTIVATIONS = {
    relu: () => (z) => Math.max(z, 0),
    leaky_relu: (s) => (z) => (z > 0 ? z : s.leaky_slope * z),
    tanh: () => Math.tanh,
    sigmoid: () => sigmoid,
    gelu: () => (z) => z * (0.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z ** 3)))),
  };

  /* Does the layer send any of points ([[x1, x2], ...]) outside the square view |y_i| <= reach? */
  X.layerOutside = function (W, b, key, leakySlope, points, reach) {
    const phi = ACTIVATIONS[key]({ leaky_slope: leakySlope });
    return points.some((p) => [0, 1].some((j) =>
      Math.abs(phi(p[0] * W[0][j] + p[1] * W[1][j] + b[j])) > reach));
  };

  X.register("layer", function (ctx) {
    const s = ctx.state, C = X.CLASS_COLORS;
    const W = s.W.map((r) => r.slice()), b = s.b.slice();
    let key = s.activation, phi = ACTIVATIONS[key](s);
    const pre = (p) => [p[0] * W[0][0] + p[1] * W[1][0] + b[0], p[0] * W[0][1] + p[1] * W[1][1] + b[1]];
    const out = (p) => pre(p).map((z) => phi(z));

    const input = ctx.board(s.box_in, "The input plane: grid, coloured cloud and the two hinge lines");
    const output = ctx.board(s.box_out || s.box_in, "The plane after the layer: the grid and the cloud carried through");
    const reach = Math.abs((s.box_out || s.box_in)[1]);     // the view is [-reach, reach]²
    const drawn = s.grid.flat().concat(s.cloud, [s.probe]);
    X.curve(input, () => X.polylineData(s.grid), { strokeColor: X.GRID_COLOR, strokeWidth: 0.8 });
    X.dots(input, s.cloud.length, (i) => s.cloud[i], s.cloud_colors, 1.4);
    [0, 1].forEach((j) => input.create("line", [() => b[j], () => W[0][j], () => W[1][j]], {
      strokeColor: C[j === 0 ? 5 : 0], strokeWidth: 2, dash: 2, fixed: true, highlight: false,
      tabindex: -1, name: "unit " + (j + 1) + " hinge" }));
    X.curve(output, () => X.polylineData(s.grid, out), { strokeColor: X.GRID_COLOR, strokeWidth: 0.8 });
    X.dots(output, s.cloud.length, (i) => out(s.cloud[i]), s.cloud_colors, 1.4);
    const probeStyle = { size: 4, face: "x", strokeColor: "#000000", fixed: true, highlight: false,
      tabindex: -1, showInfobox: false, label: { offset: [6, 10], fontSize: 12 } };
    input.create("point", s.probe, Object.assign({ name: "x" }, probeStyle));
    output.create("point", [() => out(s.probe)[0], () => out(s.probe)[1]],
      Object.assign({ name: "image of x" }, probeStyle));

    ctx.select("Activation", s.activations, key, (v) => { key = v; phi = ACTIVATIONS[key](s); update(); });
    const names = [["w₁₁", 0, 0], ["w₂₁", 1, 0], ["w₁₂", 0, 1], ["w₂₂", 1, 1]];
    names.forEach(([label, i, j]) => ctx.slider(label + " (unit " + (j + 1) + ")", -s.weight_range,
      s.weight_range, 0.1, W[i][j], (v) => { W[i][j] = v; update(); }));
    [0, 1].forEach((j) => ctx.slider("b" + (j === 0 ? "₁" : "₂") + " (unit " + (j + 1) + ")", -s.bias_range,
      s.bias_range, 0.1, b[j], (v) => { b[j] = v; update(); }));

    function update() {
      input.update(); output.update();
      const y = out(s.probe);
      let collapsed = 0;
      for (const p of s.cloud) { const z = pre(p); if (z[0] <= 0 && z[1] <= 0) collapsed += 1; }
      const frac = collapsed / s.cloud.length;
      const label = s.activations.find((a) => a[0] === key)[1];
      const outside = X.layerOutside(W, b, key, s.leaky_slope, drawn, reach);
      ctx.readout(label + " after z = x W + b with W = [[" + X.fmt(W[0][0], 1) + ", " + X.fmt(W[0][1], 1) + "], [" +
                  X.fmt(W[1][0], 1) + ", " + X.fmt(W[1][1], 1) + "]], b = " + X.vec(b, 1) + ": the point " +
                  X.vec(s.probe, 1) + " goes to " + X.vec(y, 3) + "; " + X.fmt(100 * frac, 1) +
                  "% of the whole cloud (counting any points beyond the left panel's view) lies where both units are zero or negative" +
                  (key === "relu" ? " and is sent to the origin." : ".") +
                  (outside ? " Part of the image lies beyond the right panel's view." : ""),
                  { W: W.map((r) => r.slice()), b: b.slice(), activation: key, probe_out: y, collapsed: frac,
                    outside_view: outside });
    }
    update();
  });
})();
