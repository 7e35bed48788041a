/* Explorable "training_snapshots": a network's training, scrubbed. An epoch slider over
 * saved snapshots and a menu of layers; left, the training points and the decision boundary
 * at that epoch; right, the grid over the input and the points as the chosen layer sees them
 * (2-D layers as they are, wider ones by their first two principal components), with the
 * last layer's line when it acts on that plane. Everything is computed by the page's code
 * (dlgeom.explorables.training_snapshots): frames [{epoch, loss, accuracy, boundary, views:
 * {layer: {grid, points, line}}}], layers [[name, label]], classes, input_points, box. */
(function () {
  "use strict";
  const X = window.DLGeomExplorables;

  X.register("training_snapshots", function (ctx) {
    const s = ctx.state, C = X.CLASS_COLORS;
    let frame = s.frames.length - 1, layer = s.layers[s.layers.length - 1][0];
    const colors = s.classes.map((k) => C[k]);
    const input = ctx.board(s.box, "The training points and the decision boundary", { free: true });
    const view = ctx.board([-1.1, 1.1, 1.1, -1.1], "The grid and the points as the chosen layer sees them");
    X.dots(input, s.input_points.length, (i) => s.input_points[i], colors, 1.8);
    X.curve(input, () => X.polylineData(s.frames[frame].boundary), { strokeColor: "#000000", strokeWidth: 2 });
    const current = () => s.frames[frame].views[layer];
    X.curve(view, () => X.polylineData(current().grid), { strokeColor: X.GRID_COLOR, strokeWidth: 0.8 });
    X.dots(view, s.classes.length, (i) => current().points[i], colors, 1.8);
    const line = view.create("line", [() => (current().line || [1, 0, 0])[0], () => (current().line || [1, 0, 0])[1],
                                      () => (current().line || [1, 0, 0])[2]],
      { strokeColor: "#000000", strokeWidth: 2, fixed: true, highlight: false, tabindex: -1 });

    ctx.slider("Epoch", 0, s.frames.length - 1, 1, frame, (v) => { frame = v; update(); },
               (v) => "epoch " + s.frames[v].epoch);
    ctx.select("Layer", s.layers, layer, (v) => { layer = v; update(); });

    function update() {
      line.setAttribute({ visible: current().line !== null });
      input.update(); view.update();
      const f = s.frames[frame];
      const label = s.layers.find((l) => l[0] === layer)[1];
      ctx.readout("Epoch " + f.epoch + " of " + s.frames[s.frames.length - 1].epoch + ": loss " + (f.loss < 1e-3 ? f.loss.toExponential(2).replace("-", "−") : X.fmt(f.loss, 4)) +
                  ", accuracy " + X.fmt(100 * f.accuracy, 1) + "%; right panel: " + label +
                  (current().line ? ", with the last layer's line" : "") + ".",
                  { epoch: f.epoch, loss: f.loss, accuracy: f.accuracy, layer: layer, frame: frame });
    }
    update();
  });
})();
