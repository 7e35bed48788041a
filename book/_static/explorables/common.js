/* Deep Learning Geometry: the shared helpers of the explorables (interactive figures).
 *
 * One file per explorable kind (linear_map.js, eigen_circle.js, ...) registers itself with
 * `DLGeomExplorables.register(kind, mount)`; this file finds every
 * `<div class="dlgeom-explorable" data-kind="...">` that `dlgeom.explorables` wrote into the
 * page, reads its starting state (JSON, computed by the page's code cells) and mounts it.
 *
 * Classic scripts sharing one namespace, not `<script type="module">`: Chromium refuses ES
 * modules from file:// (CORS, origin null), and the book must work from file:// offline.
 * Drawing is JSXGraph's (vendored in _static/vendor/jsxgraph, loaded before these files).
 *
 * What every explorable gets from here: the book's palette (identical to dlgeom.plotting's
 * CLASS_COLORS, NEUTRAL and GRID_COLOR), the logistic sigmoid, a board, labelled native
 * controls (range inputs, selects, buttons: Tab and arrow keys work), keyboard-movable
 * points, grid polylines, and one aria-live readout whose numbers are also kept, at full
 * precision, in `data-values` on the explorable's root element (the browser tests compare
 * them with dlgeom's).
 *
 * Each explorable fails alone: if its state cannot be read or its kind's mount throws, what
 * it built is removed, the still of its starting state stays, its root says
 * data-mounted="failed", one console error names it, and the next one on the page mounts.
 */
(function () {
  "use strict";

  const NS = (window.DLGeomExplorables = window.DLGeomExplorables || { kinds: {}, mounted: [] });

  // dlgeom.plotting: CLASS_COLORS (Okabe & Ito), NEUTRAL, GRID_COLOR
  NS.CLASS_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                     "#F0E442", "#000000"];
  NS.NEUTRAL = "#555555";
  NS.GRID_COLOR = "#9a9a9a";

  /** A number for people: fixed digits, a true minus sign, no "−0". */
  NS.fmt = function (v, digits) {
    if (!Number.isFinite(v)) return v > 0 ? "∞" : v < 0 ? "−∞" : "undefined";
    const d = digits === undefined ? 2 : digits;
    let s = v.toFixed(d);
    if (Number(s) === 0) s = (0).toFixed(d);
    return s.replace("-", "−");
  };
  NS.vec = (v, digits) => "(" + v.map((x) => NS.fmt(x, digits)).join(", ") + ")";

  /** The logistic sigmoid 1 / (1 + e^−z), written with tanh (dlgeom.layers.Sigmoid). */
  NS.sigmoid = (z) => 0.5 * (1 + Math.tanh(0.5 * z));

  /** 2 × 2 matrix [[a, b], [c, d]] (rows) times a point. */
  NS.apply = (A, p) => [A[0][0] * p[0] + A[0][1] * p[1], A[1][0] * p[0] + A[1][1] * p[1]];

  NS.register = function (kind, mount) { NS.kinds[kind] = mount; };

  let counter = 0;
  function element(tag, attrs, parent) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") el.textContent = value; else el.setAttribute(key, value);
    }
    if (parent) parent.appendChild(el);
    return el;
  }
  NS.element = element;

  /** The context handed to a kind's mount function. */
  function Context(root, state) {
    this.root = root;
    this.state = state;
    this.id = root.id || "dlgeom-explorable-" + ++counter;
    this.controls = element("div", { class: "dlgeom-controls" }, root);
    this.boards = element("div", { class: "dlgeom-boards" }, root);
    this.readoutEl = element("p", { class: "dlgeom-readout", "aria-live": "polite",
                                    id: this.id + "-readout" }, root);
    root.setAttribute("aria-describedby",
                      [root.getAttribute("aria-describedby"), this.readoutEl.id].filter(Boolean).join(" "));
    this.jsxBoards = [];
  }

  /** A square JSXGraph board; `box` is [xmin, ymax, xmax, ymin]. Text is drawn inside the
   * SVG, dark on the board's white, legible in both themes. */
  Context.prototype.board = function (box, label, options) {
    JXG.Options.text.display = "internal";
    const div = element("div", { class: "dlgeom-board", id: this.id + "-board" + this.boards.children.length,
                                 role: "group", "aria-label": label }, this.boards);
    if (options && options.wide) div.classList.add("dlgeom-board-wide");
    const board = JXG.JSXGraph.initBoard(div.id, Object.assign({
      boundingbox: box, keepaspectratio: !(options && (options.wide || options.free)), axis: true,
      showNavigation: false, showCopyright: false, showInfobox: false,
      pan: { enabled: false }, zoom: { enabled: false }, resize: { enabled: true },
      keyboard: { enabled: true, dx: 8, dy: 8, panShift: false, panCtrl: false },
      defaultAxes: { x: { ticks: { label: { fontSize: 11, strokeColor: "#333333" } } },
                     y: { ticks: { label: { fontSize: 11, strokeColor: "#333333" } } } },
    }, (options && options.jsx) || {}));
    this.jsxBoards.push(board);
    return board;
  };

  /** A labelled <input type="range">; `onInput(value)` on every change; `format(value)`
   * (optional) is what the reader sees and hears for a value (e.g. a position on a log scale). */
  Context.prototype.slider = function (label, min, max, step, value, onInput, format) {
    const wrap = element("div", { class: "dlgeom-control" }, this.controls);
    const id = this.id + "-c" + this.controls.children.length;
    element("label", { for: id, text: label }, wrap);
    const input = element("input", { type: "range", id: id, min: min, max: max, step: step,
                                     value: value }, wrap);
    const out = element("output", { for: id }, wrap);
    const show = () => {
      out.textContent = format ? format(Number(input.value)) : NS.fmt(Number(input.value), NS.decimals(step));
      if (format) input.setAttribute("aria-valuetext", out.textContent);
    };
    show();
    input.addEventListener("input", () => { show(); onInput(Number(input.value)); });
    input.setValue = (v) => { input.value = v; show(); };
    input.setRange = (lo, hi) => { input.min = lo; input.max = hi; show(); };
    return input;
  };
  NS.decimals = (step) => (String(step).split(".")[1] || "").length;

  /** A labelled <select>; options are [value, text] pairs. */
  Context.prototype.select = function (label, options, value, onChange) {
    const wrap = element("div", { class: "dlgeom-control" }, this.controls);
    const id = this.id + "-c" + this.controls.children.length;
    element("label", { for: id, text: label }, wrap);
    const select = element("select", { id: id }, wrap);
    for (const [v, text] of options) element("option", { value: v, text: text }, select);
    select.value = value;
    select.addEventListener("change", () => onChange(select.value));
    return select;
  };

  /** A <button>. */
  Context.prototype.button = function (text, onClick) {
    const button = element("button", { type: "button", class: "dlgeom-button", text: text }, this.controls);
    button.addEventListener("click", onClick);
    return button;
  };

  /** A draggable point, focusable with Tab and moved with the arrow keys; on a curve
   * (a JSXGraph glider) when `on` is given. */
  Context.prototype.point = function (board, xy, name, color, onMove, on) {
    const p = board.create(on ? "glider" : "point", on ? [xy[0], xy[1], on] : xy, {
      name: name, size: 5, fillColor: color, strokeColor: color, highlightFillColor: color,
      highlightStrokeColor: "#000000", label: { offset: [8, 8], fontSize: 13, strokeColor: "#1a1a1a" },
      showInfobox: false, tabindex: 0,
    });
    const describe = () => {
      if (!p.rendNode) return;
      p.rendNode.setAttribute("role", "img");
      p.rendNode.setAttribute("aria-label", name + " at " + NS.vec([p.X(), p.Y()]) +
                              "; drag it, or focus it and press the arrow keys");
    };
    describe();
    p.on("drag", () => { describe(); onMove([p.X(), p.Y()]); });
    p.moveTo = function (xy2) { p.setPosition(JXG.COORDS_BY_USER, xy2); describe(); };
    return p;
  };

  /** Polylines (list of lists of [x, y]) as one JSXGraph curve, broken by NaN. */
  NS.polylineData = function (lines, map) {
    const xs = [], ys = [];
    for (const line of lines) {
      for (const p of line) { const q = map ? map(p) : p; xs.push(q[0]); ys.push(q[1]); }
      xs.push(NaN); ys.push(NaN);
    }
    return [xs, ys];
  };

  /** A curve drawn from `data()` -> [xs, ys], recomputed on every board update. */
  NS.curve = function (board, data, attrs) {
    const c = board.create("curve", [[0], [0]], Object.assign({
      strokeWidth: 1, strokeColor: NS.GRID_COLOR, highlight: false, fixed: true, tabindex: -1,
    }, attrs || {}));
    c.updateDataArray = function () { const [xs, ys] = data(); this.dataX = xs; this.dataY = ys; };
    return c;
  };

  /** Horizontal and vertical lines of [-limit, limit]², like dlgeom.data.grid_lines. */
  NS.gridLines = function (limit, nLines, nPoints) {
    const lin = (n) => Array.from({ length: n }, (_, i) => -limit + (2 * limit * i) / (n - 1));
    const levels = lin(nLines), along = lin(nPoints), lines = [];
    for (const y of levels) lines.push(along.map((x) => [x, y]));
    for (const x of levels) lines.push(along.map((y) => [x, y]));
    return lines;
  };

  /** Level sets ½ (θ − c)ᵀ H (θ − c) = level of a quadratic with Hessian H = V diag(λ) Vᵀ
   * (`eigenvectors` holds V's columns), as polylines. */
  NS.levelEllipses = function (center, eigenvalues, eigenvectors, levels) {
    const V = eigenvectors;
    const ts = Array.from({ length: 121 }, (_, i) => (2 * Math.PI * i) / 120);
    return levels.map((level) => ts.map((t) => {
      const u = [Math.sqrt((2 * level) / eigenvalues[0]) * Math.cos(t),
                 Math.sqrt((2 * level) / eigenvalues[1]) * Math.sin(t)];
      return [center[0] + V[0][0] * u[0] + V[0][1] * u[1], center[1] + V[1][0] * u[0] + V[1][1] * u[1]];
    }));
  };

  /** Fixed-size dots (no focus, no dragging) at positions given by `where(i)`. */
  NS.dots = function (board, n, where, colors, size) {
    const dots = [];
    for (let i = 0; i < n; i++) {
      const c = colors[i];
      dots.push(board.create("point", [() => where(i)[0], () => where(i)[1]], {
        name: "", withLabel: false, size: size || 1.5, fixed: true, highlight: false,
        fillColor: c, strokeColor: c, strokeWidth: 0, tabindex: -1, showInfobox: false,
      }));
    }
    return dots;
  };

  /** Say it in words (aria-live) and keep the numbers at full precision in data-values. */
  Context.prototype.readout = function (text, values) {
    if (this.readoutEl.textContent !== text) this.readoutEl.textContent = text;
    this.root.dataset.values = JSON.stringify(values);
    this.root.dataset.updates = String(Number(this.root.dataset.updates || 0) + 1);
  };

  /** Mount one explorable. On any failure, undo it: the nodes it added go (half-built
   * controls above the still would mislead), the still stays, and the root is marked. */
  function mount(root) {
    if (root.dataset.mounted) return;
    const kind = root.dataset.kind;
    const own = new Set(root.children);                 // the still and the state script
    const describedBy = root.getAttribute("aria-describedby");
    let ctx = null;
    try {
      if (typeof JXG === "undefined") throw new Error("the drawing library did not load");
      const mountKind = NS.kinds[kind];
      if (!mountKind) throw new Error("no script registered the kind " + JSON.stringify(kind));
      const script = root.querySelector("script.dlgeom-explorable-state");
      if (!script) throw new Error("no starting state");
      ctx = new Context(root, JSON.parse(script.textContent));
      mountKind(ctx);
    } catch (error) {
      if (ctx) {
        for (const board of ctx.jsxBoards) {
          try { JXG.JSXGraph.freeBoard(board); } catch (ignored) { /* removed below anyway */ }
        }
      }
      for (const child of Array.from(root.children)) if (!own.has(child)) child.remove();
      if (describedBy === null) root.removeAttribute("aria-describedby");
      else root.setAttribute("aria-describedby", describedBy);
      root.dataset.mounted = "failed";
      console.error("explorable " + (root.id || kind) + " (" + kind + ") did not start, its " +
                    "still stays: " + (error && error.message ? error.message : error));
      return;
    }
    // the still of the starting state stands in until here (and wherever scripts cannot run)
    root.querySelectorAll("img.dlgeom-explorable-still").forEach((img) => img.remove());
    root.dataset.mounted = "true";
    NS.mounted.push(ctx);
  }

  /** Mount every explorable of the page, each on its own: one failing leaves the rest. */
  NS.mountAll = function () {
    for (const root of document.querySelectorAll(".dlgeom-explorable[data-kind]")) mount(root);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", NS.mountAll);
  else setTimeout(NS.mountAll, 0);
})();
