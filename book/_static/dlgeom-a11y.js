/* Deep Learning Geometry: keyboard access to what scrolls sideways.
 *
 * pydata-sphinx-theme already gives scrollable code blocks and outputs tabindex="0" so a
 * keyboard can scroll them, but no name: a screen reader announces an unnamed stop. This
 * names each one (role "region" and a label saying what it holds), and does the same for
 * wide display equations and tables, which the theme leaves out. It runs on load, after
 * MathJax has typeset (equations change width) and after the window is resized.
 */
(function () {
  "use strict";
  const KINDS = [
    ["div.highlight pre, .sphx-glr-script-out pre, pre", "Code block, scrolls sideways"],
    [".cell_output > .output, .nboutput > .output_area", "Cell output, scrolls sideways"],
    ["mjx-container[display=\"true\"], div.math", "Equation, scrolls sideways"],
    [".pst-scrollable-table-container, .table-wrapper", "Table, scrolls sideways"],
  ];

  function scrollable(el) {
    const style = getComputedStyle(el);
    const x = el.scrollWidth > el.clientWidth + 1 && /(auto|scroll)/.test(style.overflowX);
    const y = el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(style.overflowY);
    return x || y;
  }

  function label() {
    const main = document.getElementById("main-content") || document.body;
    const seen = new Set();
    for (const [selector, name] of KINDS) {
      for (const el of main.querySelectorAll(selector)) {
        if (seen.has(el)) continue;
        seen.add(el);
        if (scrollable(el)) {
          el.tabIndex = 0;
          el.setAttribute("role", "region");
          if (!el.dataset.dlgeomLabel) {
            el.setAttribute("aria-label", name);
            el.dataset.dlgeomLabel = "1";
          }
        } else if (el.dataset.dlgeomLabel) {
          el.removeAttribute("tabindex");
          el.removeAttribute("role");
          el.removeAttribute("aria-label");
          delete el.dataset.dlgeomLabel;
        }
      }
    }
  }

  /* sphinx-togglebutton names every dropdown button "Toggle hidden content"; name each
     after its box's title ("Solution to Exercise 1.2"), so a reader knows what opens. */
  function nameToggles() {
    for (const button of document.querySelectorAll("button.toggle-button")) {
      const title = button.closest(".admonition-title");
      if (!title || button.dataset.dlgeomLabel) continue;
      const text = Array.from(title.childNodes).filter((n) => n !== button)
        .map((n) => n.textContent).join(" ").replace(/\s+/g, " ").trim();
      if (text) {
        button.setAttribute("aria-label", text);
        button.dataset.dlgeomLabel = "1";
      }
    }
  }

  let timer = null;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(label, 350);   // after the theme's own 300 ms resize handler
  }
  document.addEventListener("DOMContentLoaded", label);
  window.addEventListener("load", () => {
    label();
    nameToggles();
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
      MathJax.startup.promise.then(label);
    }
  });
  window.addEventListener("resize", later);
})();
