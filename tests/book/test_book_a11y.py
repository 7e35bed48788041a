"""Accessibility of every page: axe-core in light, dark and phone layouts; keyboard; phone width.

axe-core (``vendor/axe-core/axe.min.js``, npm ``axe-core`` 4.14.1, pinned and vendored so the
test runs offline and needs no node; ``make axe`` refreshes it) is injected into every page
of the session's build, in the browser that ``test_book_browser`` sets up, and run with the
WCAG 2.0 and 2.1 A and AA rules (tags ``wcag2a wcag2aa wcag21a wcag21aa``) three times per
page: light mode and dark mode in a desktop window, and a 390-pixel-wide phone window.
No rule is disabled and no page is left out. Dark mode changes the theme's colours: when it
shows exactly the elements light mode shows (``SHOWN``), the rules that read no colour answer
as they did in light mode, so only axe's two colour rules run again (``COLOUR_RULES``);
otherwise every rule does.

Also here: a Tab walk through one chapter (every control reachable, each with a visible focus
ring, scrollable code focusable and labelled, a solution dropdown opened from the keyboard),
the animation controls operated from the keyboard, and no page wider than the phone window.

The violations found are written to ``_build/a11y/axe.json`` and ``_build/a11y/axe.md`` of the
repository (a table by rule, for authors).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from pathlib import Path

import pytest
from test_book_browser import browser_session  # noqa: F401  (the one Chromium setup)

import bookbuild as bb

pytestmark = [pytest.mark.book, pytest.mark.browser]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REPORT = bb.REPO / "_build" / "a11y"
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
LAYOUTS = ("light", "dark", "phone")
TAB_WALK_PAGE = "01-tensors.html"

READY = r"""
const done = arguments[arguments.length - 1];
(async () => {
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  if (window.MathJax) {
    for (let i = 0; i < 200 && !(MathJax.startup && MathJax.startup.promise); i++) await wait(50);
    if (MathJax.startup && MathJax.startup.promise) {
      try { await MathJax.startup.promise; } catch (error) { /* test_book_browser reports it */ }
    }
  }
  await Promise.all(Array.from(document.images).map((img) => img.complete ? null :
    new Promise((resolve) => { img.addEventListener("load", resolve);
                               img.addEventListener("error", resolve);
                               setTimeout(resolve, 10000); })));
  await document.fonts.ready;
  done(true);
})();
"""

SET_MODE = r"""
const mode = arguments[0];
document.documentElement.dataset.theme = mode;
document.documentElement.dataset.mode = mode;
"""

# The theme fades colours on a mode switch; axe would read a colour halfway. Without the
# transitions the new colours apply at once, so axe runs without waiting for a fade.
NO_TRANSITIONS = r"""
const style = document.createElement("style");
style.textContent = "*, *::before, *::after { transition: none !important; }";
document.head.append(style);
"""

# Which elements the page shows (a hash over every element of the body, and their number).
SHOWN = r"""
let hash = 0, count = 0;
for (const el of document.body.querySelectorAll("*")) {
  const shown = el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  hash = (Math.imul(hash, 31) + (shown ? 1 : 2)) | 0;
  count++;
}
return [count, hash];
"""
# axe's rules that read colours (WCAG 1.4.3 contrast, 1.4.1 links told apart by colour alone)
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

RUN_AXE = r"""
const done = arguments[arguments.length - 1];
setTimeout(() => {
  axe.run(document, {runOnly: arguments[0], resultTypes: ["violations"]})
    .then((r) => done(r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html.slice(0, 200),
                                    summary: (n.failureSummary || "").slice(0, 300)}))}))))
    .catch((e) => done([{id: "axe-error", impact: "critical", help: String(e), nodes: []}]));
}, arguments[1]);
"""
# After the switch to the phone window the theme makes the code blocks that now scroll
# focusable (pydata-sphinx-theme's addTabStopsToScrollableElements, debounced by 300 ms).
PHONE_SETTLE_MS = 400

# Every file the page loaded (the browser's cache is off while these tests run).
LOADED = r"""
return performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
  .map((e) => e.name).filter((url) => url.startsWith(location.origin));
"""
TEXT_TYPES = {".html", ".js", ".css", ".svg", ".json", ".txt", ".map", ".ipynb"}


def transferred(html_root: Path, base: str, urls: list[str]) -> int:
    """Bytes a page costs from a web server that compresses text, as every static host does
    (gzip level 6 for HTML, JavaScript, CSS and SVG; images and fonts as they are)."""
    import gzip
    from urllib.parse import unquote, urlsplit

    total = 0
    for url in dict.fromkeys(urls):
        path = html_root / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            continue
        data = path.read_bytes()
        total += len(gzip.compress(data, 6)) if path.suffix in TEXT_TYPES else len(data)
    return total

# What sticks out of the phone window: elements whose right edge passes the window, unless a
# code block, a wide table, display math or a cell output scrolls them inside itself.
OVERFLOW = r"""
const width = document.documentElement.clientWidth;
const scrollers = "pre, .highlight, table, .table-wrapper, .pst-scrollable-table-container, " +
                  "mjx-container, .math, .cell_output, .output, .sphx-glr-script-out";
const out = [];
for (const el of document.body.querySelectorAll("*")) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.right <= width + 1) continue;
  const style = getComputedStyle(el);
  if (style.visibility === "hidden" || style.display === "none") continue;
  let clipped = false;
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (["auto", "scroll", "hidden", "clip"].includes(s.overflowX)) {
      if (a.closest(scrollers) || a.getBoundingClientRect().right <= width + 1) clipped = true;
      break;
    }
    if (s.position === "fixed") { clipped = a.getBoundingClientRect().right <= width + 1; break; }
  }
  if (!clipped) out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                         (el.className && typeof el.className === "string" ?
                          "." + el.className.trim().split(/\s+/).join(".") : "") +
                         ` (right edge ${Math.round(r.right)} px)`);
}
return {scrollWidth: document.scrollingElement.scrollWidth, width: width,
        sticking_out: out.slice(0, 10)};
"""


@pytest.fixture(scope="module")
def axe_results(browser_session, book_build):  # noqa: F811
    """``{(page, layout): [violation, ...]}`` and ``{page: overflow}`` of every page."""
    driver, base, _ = browser_session
    source = AXE.read_text(encoding="utf-8")
    results, overflow, weights = {}, {}, {}
    started = time.perf_counter()
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    for page in bb.html_pages(book_build.html):
        driver.get(base + page)
        driver.execute_async_script(READY)
        weights[page] = transferred(book_build.html, base, driver.execute_script(LOADED))
        driver.execute_script(source)
        driver.execute_script(NO_TRANSITIONS)
        shown_in_light = driver.execute_script(SHOWN)
        for layout in LAYOUTS:
            if layout == "phone":
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
            driver.execute_script(SET_MODE, "dark" if layout == "dark" else "light")
            rules = {"type": "tag", "values": AXE_TAGS}
            if layout == "dark" and driver.execute_script(SHOWN) == shown_in_light:
                rules = {"type": "rule", "values": COLOUR_RULES}
            delay = PHONE_SETTLE_MS if layout == "phone" else 0
            results[page, layout] = driver.execute_async_script(RUN_AXE, rules, delay)
            if layout == "phone":
                overflow[page] = driver.execute_script(OVERFLOW)
                driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.get_log("browser"), driver.get_log("performance")
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    bb.TIMES["axe, every page in three layouts"] = time.perf_counter() - started
    write_report(results, weights, overflow)
    return results, overflow, weights


def write_report(results, weights, overflow) -> None:
    """The violations by rule and layout, as JSON and as a Markdown table."""
    REPORT.mkdir(parents=True, exist_ok=True)
    (REPORT / "axe.json").write_text(json.dumps(
        {f"{page} [{layout}]": v for (page, layout), v in results.items()}, indent=1))
    table = defaultdict(lambda: dict.fromkeys(LAYOUTS, 0))
    pages = defaultdict(set)
    for (page, layout), violations in results.items():
        for v in violations:
            table[v["id"]][layout] += len(v["nodes"]) or 1
            pages[v["id"]].add(page)
    lines = ["| rule | nodes, light | nodes, dark | nodes, phone | pages |",
             "| --- | --- | --- | --- | --- |"]
    for rule, counts in sorted(table.items(), key=lambda kv: -sum(kv[1].values())):
        lines.append(f"| {rule} | {counts['light']} | {counts['dark']} | {counts['phone']} "
                     f"| {len(pages[rule])} |")
    total = sum(sum(c.values()) for c in table.values())
    failing = len({p for p, layout in results if results[p, layout]})
    lines.append(f"\n{total} violations over {len(results)} page runs "
                 f"({len(results) // len(LAYOUTS)} pages x {len(LAYOUTS)} layouts); "
                 f"{failing} pages with at least one.")
    lines += ["", "| page | bytes transferred | width at 390 px | sticking out |",
              "| --- | --- | --- | --- |"]
    lines += [f"| {page} | {size:,} | {overflow[page]['scrollWidth']} | "
              f"{'; '.join(overflow[page]['sticking_out'][:3])} |"
              for page, size in sorted(weights.items())]
    (REPORT / "axe.md").write_text("\n".join(lines) + "\n")


def test_axe_is_the_pinned_version():
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256, (
        f"{AXE} is not axe-core {AXE_VERSION} as vendored: run `make axe` and update the checksum")
    assert f"axe v{AXE_VERSION}" in AXE.read_text(encoding="utf-8")[:100]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_axe_violations(axe_results, layout, subtests):
    results = axe_results[0]
    pages = sorted({page for page, _ in results})
    assert pages, "no page was checked"
    for page in pages:
        with subtests.test(page=page, layout=layout):
            violations = results[page, layout]
            assert not violations, "\n".join(
                f"{v['id']} ({v['impact']}): {v['help']}; {len(v['nodes'])} node(s), e.g. "
                + "; ".join(f"{n['target']} {n['html']!r}" for n in v["nodes"][:3])
                for v in violations)


def test_every_page_checked(axe_results, book_build):
    results = axe_results[0]
    pages = set(bb.html_pages(book_build.html))
    assert {page for page, _ in results} == pages
    for must in ("index.html", "search.html", "genindex.html", "references.html",
                 "auto_gallery/index.html"):
        assert must in pages, f"{must} was not built"
    assert any(page.startswith("prf") or "proof" in page for page in pages), \
        "the proof index was not built"


def test_no_page_scrolls_sideways_on_a_phone(axe_results, subtests):
    """At 390 px only code blocks, wide tables and display math scroll sideways, inside."""
    overflow = axe_results[1]
    for page, o in overflow.items():
        with subtests.test(page=page):
            assert o["width"] <= PHONE["width"]
            assert o["scrollWidth"] <= o["width"] + 1 and not o["sticking_out"], (
                f"the page is {o['scrollWidth']} px wide in a {o['width']} px window; "
                f"sticking out: {o['sticking_out']}")


CHAPTER_BUDGET = 3_000_000      # bytes one chapter page transfers (gzip), everything it loads
IMAGE_BUDGET = 40_000_000       # bytes of every image of the site together
IMAGE_SUFFIXES = {".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp"}


def test_chapter_pages_within_budget(axe_results, book_build, subtests):
    weights = axe_results[2]
    for doc in bb.chapters(book_build.root):
        with subtests.test(chapter=doc):
            size = weights[f"{doc}.html"]
            assert 0 < size <= CHAPTER_BUDGET, f"{doc}.html transfers {size:,} bytes"


def test_site_images_within_budget(book_build):
    images = [p for p in book_build.html.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    total = sum(p.stat().st_size for p in images)
    assert images and total <= IMAGE_BUDGET, f"{len(images)} images, {total:,} bytes"


# -- keyboard ---------------------------------------------------------------------------------
FOCUSED = r"""
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
if (!el.dataset.tabwalk) el.dataset.tabwalk = String(document.querySelectorAll("[data-tabwalk]").length);
// the focused element, or (the theme's navigation toggles) the child that draws its ring
const parts = [el, ...el.querySelectorAll(":scope > *")];
const ringOf = (x) => { const s = getComputedStyle(x);
  return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1) ||
         (s.boxShadow !== "none" && s.boxShadow !== ""); };
const seen = (x) => { const r = x.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
return {
  id: el.dataset.tabwalk,
  what: el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ?
        "." + el.className.trim().split(/\s+/).slice(0, 3).join(".") : ""),
  name: (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 60),
  ring: parts.some((x) => ringOf(x) && seen(x)),
  visible: parts.some(seen),
  in_article: !!el.closest("article"),
  tag: el.tagName.toLowerCase(), role: el.getAttribute("role"),
  label: el.getAttribute("aria-label"),
  solution_toggle: el.classList.contains("toggle-button") && !!el.closest(".solution, .dropdown"),
};
"""

# Controls a reader can see, and what a Tab walk must therefore reach.
CONTROLS = r"""
const all = document.querySelectorAll('a[href], button:not([disabled]), summary, ' +
  'input:not([type=hidden]):not([disabled]), select, textarea, [tabindex="0"]');
return Array.from(all).filter((el) => {
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  if (r.width === 0 || r.height === 0 || s.visibility === "hidden") return false;
  if (el.closest("details:not([open]) > :not(summary)")) return false;
  if (el.closest("[inert], dialog:not([open]), [aria-hidden=true]")) return false;
  // a group of radio buttons is one Tab stop (the checked one); arrows move inside it
  if (el.type === "radio" && !el.checked &&
      document.querySelector(`input[type=radio][name="${el.name}"]:checked`)) return false;
  return true;
}).map((el) => ({id: el.dataset.tabwalk || null,
                 what: el.tagName.toLowerCase() + " " + (el.getAttribute("aria-label") ||
                       el.textContent || el.getAttribute("href") || "").trim().slice(0, 50)}));
"""


# The blocks dlgeom-a11y.js makes keyboard-scrollable, where they scroll sideways now.
SCROLLERS = r"""
const content = document.querySelector("article.bd-article") || document.body;
return Array.from(content.querySelectorAll(
    "pre, .cell_output > .output, .nboutput > .output_area, mjx-container[display='true'], " +
    "div.math, .pst-scrollable-table-container, .table-wrapper"))
  .filter((el) => el.scrollWidth > el.clientWidth + 1 &&
                  /(auto|scroll)/.test(getComputedStyle(el).overflowX))
  .map((el) => el.tagName.toLowerCase() + "." + String(el.className).split(" ")[0] + ": " +
               el.textContent.trim().slice(0, 60));
"""


@pytest.fixture(scope="module")
def tab_walk(browser_session, book_build):  # noqa: F811
    """Press Tab through one chapter page from its top until focus comes round again."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver, base, _ = browser_session
    assert (book_build.html / TAB_WALK_PAGE).exists(), f"{TAB_WALK_PAGE} was not built"
    driver.get(base + TAB_WALK_PAGE)
    driver.execute_async_script(READY)
    driver.execute_script("return new Promise((r) => setTimeout(r, 600))")
    steps, seen = [], set()
    for _ in range(1500):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        state = driver.execute_script(FOCUSED)
        if state is None:
            if steps:
                break
            continue
        if state["id"] in seen:
            break
        seen.add(state["id"])
        steps.append(state)
    controls = driver.execute_script(CONTROLS)
    return steps, controls, driver.execute_script(SCROLLERS)


def test_tab_walk_reaches_every_control(tab_walk):
    steps, controls, _ = tab_walk
    assert len(steps) >= 20, f"the Tab walk stopped after {len(steps)} stops"
    assert steps[0]["what"].startswith("a") and "skip" in steps[0]["what"] + steps[0]["name"].lower(), \
        f"the first Tab stop is not the skip link: {steps[0]}"
    missed = [c["what"] for c in controls if c["id"] is None]
    assert not missed, f"{len(missed)} visible control(s) never got focus: {missed[:15]}"


def test_tab_walk_focus_is_visible(tab_walk):
    steps, _, _ = tab_walk
    hidden = [s for s in steps if not s["visible"]]
    assert not hidden, f"focus landed on invisible elements: {hidden[:10]}"
    no_ring = [f"{s['what']} {s['name']!r}" for s in steps if not s["ring"]]
    assert not no_ring, f"no visible focus ring on: {no_ring[:15]}"


def test_tab_walk_scrollable_code_is_focusable_and_named(tab_walk):
    """Every block of the page that scrolls sideways (code, output, equation, table) is a
    named Tab stop. Since code fits the column at 1280 px (issue 27) there may be none."""
    steps, _, scrollers = tab_walk
    regions = [s for s in steps if s["role"] == "region"]
    assert len(regions) >= len(scrollers), (
        f"{len(scrollers)} block(s) scroll sideways, {len(regions)} Tab stop(s): {scrollers[:10]}")
    assert all(s["label"] for s in regions), [s for s in regions if not s["label"]]


def test_solution_dropdown_opens_from_the_keyboard(browser_session, tab_walk):  # noqa: F811
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser_session[0]
    steps, _, _ = tab_walk
    solutions = [s for s in steps if s["solution_toggle"]]
    assert solutions, "no solution dropdown was reached by Tab"
    button = driver.find_element("css selector", f'[data-tabwalk="{solutions[0]["id"]}"]')
    box = button.find_element("xpath", "./ancestor::div[contains(@class, 'dropdown')][1]")
    body = box.find_element("css selector", ":scope > :not(.admonition-title)")
    assert button.get_attribute("aria-expanded") == "false" and not body.is_displayed()
    button.send_keys(Keys.ENTER)
    # sphinx-togglebutton fades the body in (opacity over 0.3 s) and Selenium counts an element
    # with opacity 0 as not displayed, so wait for the fade rather than read it mid-transition.
    WebDriverWait(driver, 5).until(
        lambda _: button.get_attribute("aria-expanded") == "true" and body.is_displayed(),
        message="Enter did not open the solution within 5 s")


def test_animation_controls_work_from_the_keyboard(browser_session, book_build):  # noqa: F811
    """The frame slider moves with the arrow keys; the Play button plays with Enter."""
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    driver, base, _ = browser_session
    pages = [p for p in bb.html_pages(book_build.html)
             if "_anim_img" in (book_build.html / p).read_text(encoding="utf-8")]
    assert pages, "no page has an animation"
    driver.get(base + pages[0])
    driver.execute_async_script(READY)
    slider = driver.find_element("css selector", "input[id^=_anim_slider]")
    image = driver.find_element("css selector", "img[id^=_anim_img]")
    assert slider.get_attribute("aria-label") and len(image.get_attribute("alt") or "") > 20
    first = image.get_attribute("src")
    slider.send_keys(Keys.ARROW_RIGHT)
    assert slider.get_attribute("value") == "1" and image.get_attribute("src") != first
    play = driver.find_element("css selector", "div.anim-buttons button[aria-label=Play]")
    play.send_keys(Keys.ENTER)
    # wait for frames rather than a fixed time: the page plays slower when the machine is busy
    WebDriverWait(driver, 10).until(lambda _: int(slider.get_attribute("value")) > 1,
                                    message="Play (Enter) did not advance the frames within 10 s")
    driver.find_element("css selector", "div.anim-buttons button[aria-label=Pause]").send_keys(Keys.ENTER)
