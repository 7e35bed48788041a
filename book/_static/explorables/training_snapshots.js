/* Explorable "training_snapshots": a network's training, scrubbed. An epoch slider over
 * saved snapshots and a menu of layers; left, the training points and the decision boundary
 * at that epoch; right, the grid over the input and the points as the chosen layer sees them
 * (2-D layers as they are, wider ones in the trained layer's two principal directions about
 * its mean, the same for every epoch), each frame scaled to fit the panel, with the last layer's line when
 * it acts on that plane. A Play button steps through the epochs. Everything is computed by
 * the page's code (dlgeom.explorables.training_snapshots): frames [{epoch, loss, accuracy,
 * boundary, views: {layer: {grid, points, line, line_shown, scale}}}], layers [[name,
 * label]], classes, input_points, box. */
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

    const slider = ctx.slider("Epoch", 0, s.frames.length - 1, 1, frame,
                              (v) => { stop(); frame = v; update(); },
                              (v) => "epoch " + s.frames[v].epoch);
    ctx.select("Layer", s.layers, layer, (v) => { layer = v; update(); });
    let timer = null;
    const play = ctx.button("Play", () => {
      if (timer !== null) { stop(); return; }
      if (frame === s.frames.length - 1) frame = 0;
      play.textContent = "Pause";
      slider.setValue(frame); update();
      timer = setInterval(() => {
        frame += 1; slider.setValue(frame); update();
        if (frame >= s.frames.length - 1) stop();
      }, 500);
    });
    function stop() {
      if (timer !== null) clearInterval(timer);
      timer = null; play.textContent = "Play";
    }

    function update() {
      line.setAttribute({ visible: current().line !== null && current().line_shown });
      input.update(); view.update();
      const f = s.frames[frame], v = current();
      const label = s.layers.find((l) => l[0] === layer)[1];
      const loss = f.loss < 1e-3 ? f.loss.toExponential(2).replace("-", "−") : X.fmt(f.loss, 4);
      const size = v.scale < 0.01 ? v.scale.toExponential(1).replace("-", "−")
        : X.fmt(v.scale, v.scale < 1 ? 3 : 1);
      const lineText = v.line === null ? ""
        : v.line_shown ? "; the black line is the last layer's"
          : "; the last layer's line lies outside this view";
      ctx.readout("Epoch " + f.epoch + " of " + s.frames[s.frames.length - 1].epoch +
                  ": training loss " + loss + ", training accuracy " + X.fmt(100 * f.accuracy, 1) +
                  "%. Right: " + label + ", scaled to fit its largest coordinate, " + size +
                  lineText + ".",
                  { epoch: f.epoch, loss: f.loss, accuracy: f.accuracy, layer: layer, frame: frame,
                    scale: v.scale, line_shown: v.line_shown });
    }
    update();
  });
})();
