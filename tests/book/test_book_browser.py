"""Every page of the built site, opened in a real browser with the network cut off.

The HTML of the session's build is served on ``127.0.0.1`` and every page is opened in
Debian's headless Chromium (driven by Selenium through ``/usr/bin/chromedriver``; nothing
downloads a browser). Every other host is unreachable twice over: host names resolve to
nothing, and the browser's proxy is a local server that refuses every request and writes
down what was asked. Every request a page makes is recorded from the DevTools protocol
(Chromium's performance log) so that a page calling a CDN fails the test even though the
CDN could not answer.

Each page is visited once (``visits``); the tests below then check one thing each over
all pages, one subtest per page. A screenshot of each chapter's first screen is saved in
``_build/screenshots/`` of the repository for authors to look at.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import socketserver
import threading
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest

import bookbuild as bb

pytestmark = [pytest.mark.book, pytest.mark.browser]

SCREENSHOTS = bb.REPO / "_build" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
NETWORK_SCHEMES = {"http", "https", "ws", "wss", "ftp"}
BROWSER_SERVICES = re.compile(r"^(https?://)?([\w-]+\.)*(google\.com|googleapis\.com|gstatic\.com|"
                              r"gvt1\.com|duckduckgo\.com)(:\d+)?(/|$)")
# Chromium asks every server for /favicon.ico; a 404 for it is the server's, not the book's
IGNORED_CONSOLE = [re.compile(r"/favicon\.ico - Failed to load resource")]
STOPWORDS = {"with", "from", "that", "this", "what", "into", "when", "need", "does", "their",
             "there", "about", "which", "chapter", "the", "and"}

COLLECT = r"""
const done = arguments[arguments.length - 1];
(async () => {
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  let mathjax = "absent";
  if (window.MathJax) {
    for (let i = 0; i < 200 && !(MathJax.startup && MathJax.startup.promise); i++) await wait(50);
    if (MathJax.startup && MathJax.startup.promise) {
      try { await MathJax.startup.promise; mathjax = "typeset"; }
      catch (error) { mathjax = "error: " + error; }
    } else { mathjax = "configured but never started"; }
  }
  await Promise.all(Array.from(document.images).map((img) => img.complete ? null :
    new Promise((resolve) => { img.addEventListener("load", resolve);
                               img.addEventListener("error", resolve);
                               setTimeout(resolve, 10000); })));
  if (document.querySelector("img[id^=_anim_img]")) await wait(1000);
  await document.fonts.ready;
  const content = document.querySelector("article.bd-article") || document.querySelector("main")
                  || document.body;
  const skip = "pre, code, script, style, textarea, mjx-container, .highlight";
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  const prose = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest(skip)) prose.push(node.textContent);
  }
  const math = Array.from(content.querySelectorAll(".math"));
  // code blocks and printed outputs that scroll sideways (hidden ones measure 0 and pass)
  const wide = Array.from(content.querySelectorAll("pre"))
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map((el) => {
      const lines = el.textContent.split("\n");
      const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), "");
      return { scroll: el.scrollWidth, column: el.clientWidth, columns: longest.length,
               line: longest.slice(0, 100),
               output: !!el.closest(".cell_output, .sphx-glr-script-out, .output") };
    });
  done({
    title: document.title,
    mathjax: mathjax,
    math: math.length,
    untypeset: math.filter((el) => !el.querySelector("mjx-container"))
                   .map((el) => el.textContent.trim().slice(0, 120)),
    mjx: document.querySelectorAll("mjx-container").length,
    merrors: Array.from(document.querySelectorAll("mjx-merror"))
                  .map((el) => el.getAttribute("data-mjx-error") || el.textContent),
    prose: prose.join(" "),
    wide: wide,
    text: content.textContent,
    images: Array.from(document.images).map((img) => ({
      src: img.currentSrc || img.src, width: img.naturalWidth, alt: img.getAttribute("alt"),
      animation: (img.id || "").startsWith("_anim_img") || !!img.closest(".animation"),
      thumbnail: !!img.closest(".sphx-glr-thumbcontainer"),
      in_content: content.contains(img),
    })),
  });
})();
"""

RAW_TEX = [
    (re.compile(r"\$\$"), "$$"),
    (re.compile(r"\\\(|\\\)"), r"\( \)"),
    (re.compile(r"\\\[|\\\]"), r"\[ \]"),
    (re.compile(r"\\(begin|end)\{"), r"\begin{...}"),
    (re.compile(r"\$[^$\n]{0,80}\\[A-Za-z]+[^$\n]{0,80}\$"), "$...\\command...$"),
]


@dataclass
class Visit:
    page: str
    data: dict = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _RefusingProxy(socketserver.ThreadingTCPServer):
    """A proxy that answers 403 to everything and remembers what it was asked."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.asked: list[str] = []
        server = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                line = self.rfile.readline(2048).decode("latin-1").strip()
                if line:
                    server.asked.append(line)
                self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n"
                                 b"Connection: close\r\n\r\n")

        super().__init__(("127.0.0.1", 0), Handler)


def _serve(server) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


def _network_events(driver) -> tuple[list[str], list[str]]:
    """Drain the performance log: every request URL, and every failed or >= 400 one."""
    requests, failed, urls = [], [], {}
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message["method"], message.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            urls[params["requestId"]] = url
            requests.append(url)
        elif method == "Network.webSocketCreated":
            requests.append(params["url"])
        elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
            failed.append(f"{params['response']['status']} {params['response']['url']}")
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            failed.append(f"{params.get('errorText')} {urls.get(params['requestId'], '?')}")
    return requests, failed


def _leaves_localhost(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in NETWORK_SCHEMES and (parts.hostname or "") not in LOCAL_HOSTS


def _search_word(title: str, text: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]{4,}", title) if w.lower() not in STOPWORDS]
    if not words:
        words = sorted(re.findall(r"[A-Za-z]{7,}", text), key=text.count, reverse=True)
    return max(words, key=len).lower()


@pytest.fixture(scope="module")
def browser_session(book_build, tmp_path_factory):
    """The served site, the refusing proxy and a fresh headless Chromium."""
    bb.require("chromium", "chromedriver")
    os.environ["SE_OFFLINE"] = "true"   # Selenium Manager must never fetch a driver or browser
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    handler = functools.partial(_QuietHandler, directory=str(book_build.html))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    proxy = _RefusingProxy()
    _serve(site), _serve(proxy)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-default-apps", "--disable-extensions", "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
        f"--proxy-server=http://127.0.0.1:{proxy.server_address[1]}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options,
                              service=Service(shutil.which("chromedriver")))
    driver.set_script_timeout(90)
    driver.set_page_load_timeout(90)
    driver.get("about:blank")
    driver.get_log("performance"), driver.get_log("browser")
    base = f"http://127.0.0.1:{site.server_address[1]}/"
    try:
        yield driver, base, proxy
    finally:
        driver.quit()
        site.shutdown(), proxy.shutdown()
        site.server_close(), proxy.server_close()


@pytest.fixture(scope="module")
def visits(browser_session, book_build) -> dict[str, Visit]:
    """Open every page once (the front page first) and record what happened."""
    driver, base, _ = browser_session
    pages = bb.html_pages(book_build.html)
    pages.sort(key=lambda p: p != "index.html")
    chapters = set(bb.chapters(book_build.root))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    result = {}
    for page in pages:
        visit = Visit(page)
        driver.get(base + page)
        visit.data = driver.execute_async_script(COLLECT)
        visit.requests, visit.failed = _network_events(driver)
        visit.console = [entry["message"] for entry in driver.get_log("browser")
                         if entry["level"] == "SEVERE"
                         and not any(p.search(entry["message"]) for p in IGNORED_CONSOLE)]
        if page.removesuffix(".html") in chapters:
            driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(str(SCREENSHOTS / page.replace(".html", ".png")))
        result[page] = visit
    return result


def test_every_page_visited(visits, book_build):
    assert set(visits) == set(bb.html_pages(book_build.html))
    assert "index.html" in visits and len(visits) >= 4


def test_no_request_leaves_localhost(visits, browser_session, subtests):
    """Recorded, not only blocked: a CDN request fails the test although it cannot succeed."""
    for page, visit in visits.items():
        with subtests.test(page=page):
            outside = sorted({url for url in visit.requests if _leaves_localhost(url)})
            assert not outside, f"requests to other hosts: {outside}"
    # Second net: what reached the refusing proxy. Chromium itself calls a few of its own
    # services (update, time, accounts, the default search engine) before any page opens,
    # whatever the flags; those are not the book's. Anything else that got there is.
    asked = [line for line in browser_session[2].asked
             if not BROWSER_SERVICES.search(line.split()[1] if " " in line else line)]
    assert not asked, f"the refusing proxy was asked for: {sorted(set(asked))[:20]}"


def test_every_local_resource_loads(visits, subtests):
    for page, visit in visits.items():
        with subtests.test(page=page):
            failed = [f for f in visit.failed if "favicon.ico" not in f]
            assert not failed, f"failed requests: {failed}"


def test_equations_typeset(visits, book_build, subtests):
    """No raw TeX in the text; every math element rendered by MathJax, without errors."""
    for page, visit in visits.items():
        with subtests.test(page=page):
            data = visit.data
            problems = []
            if data["math"] and data["mathjax"] != "typeset":
                problems.append(f"MathJax: {data['mathjax']} on a page with {data['math']} "
                                "math elements")
            if data["untypeset"]:
                problems.append(f"{len(data['untypeset'])} math element(s) not typeset, e.g. "
                                f"{data['untypeset'][:3]}")
            if data["merrors"]:
                problems.append(f"MathJax errors: {data['merrors'][:5]}")
            for pattern, what in RAW_TEX:
                match = pattern.search(data["prose"])
                if match:
                    start = max(match.start() - 60, 0)
                    problems.append(f"raw TeX {what} in the text: "
                                    f"{data['prose'][start:match.end() + 60]!r}")
            source = book_build.root / "book" / page.replace(".html", ".md")
            if source.exists() and bb.source_has_math(source.read_text(encoding="utf-8")) \
                    and not data["mjx"]:
                problems.append("the source has math but the page shows no MathJax output")
            assert not problems, "\n".join(problems)


def test_images_load_with_alt_text(visits, subtests):
    """Every image loaded (natural width > 0); every content image says what it shows.

    Sphinx-gallery's thumbnails are decorative (the example's title follows them as a
    link) and animation frames are set by JavaScript; their pages carry stills with alt
    text, which ``test_book_pdf`` and ``test_book_pages`` check.
    """
    for page, visit in visits.items():
        with subtests.test(page=page):
            problems = []
            for image in visit.data["images"]:
                if image["width"] <= 0:
                    problems.append(f"not loaded: {image['src'][:120]}")
                if not image["in_content"] or image["thumbnail"] or image["animation"]:
                    continue
                why = bb.figure_alt_problem(image["alt"], image["src"])
                if why:
                    problems.append(f"{image['src'].rsplit('/', 1)[-1][:80]}: {why}")
            assert not problems, "\n".join(problems)


def test_no_console_errors(visits, subtests):
    for page, visit in visits.items():
        with subtests.test(page=page):
            assert not visit.console, "console errors:\n" + "\n".join(visit.console)


def test_no_tracebacks_in_page_text(visits, subtests):
    pattern = re.compile(r"Traceback \(most recent call last\)|<Figure size \d")
    for page, visit in visits.items():
        with subtests.test(page=page):
            match = pattern.search(visit.data["text"])
            assert not match, visit.data["text"][max(match.start() - 200, 0):match.end() + 400]


def test_code_fits_the_column_at_1280px(visits, book_build, subtests):
    """No code block or printed output of a chapter or gallery page scrolls sideways.

    The window is 1280 px wide, a laptop's; at that width a line of code longer than the
    column (about 80 characters, ``book/_static/dlgeom.css``) hides its end (issue 27).
    """
    pages = {f"{doc}.html" for doc in bb.chapters(book_build.root)
             + bb.gallery_scripts(book_build.root)}
    for page in sorted(pages & set(visits)):
        with subtests.test(page=page):
            wide = visits[page].data["wide"]
            assert not wide, f"{len(wide)} block(s) scroll sideways at 1280 px:\n" + "\n".join(
                f"{'output' if w['output'] else 'code'} {w['scroll']} px in a {w['column']} px "
                f"column, its longest line {w['columns']} characters: {w['line']!r}"
                for w in wide[:15])


def test_search_finds_each_chapter_offline(browser_session, visits, book_build, subtests):
    """``search.html?q=<a word of the chapter's title>`` lists the chapter."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver, base, _ = browser_session
    for doc in bb.chapters(book_build.root):
        page = f"{doc}.html"
        with subtests.test(chapter=doc):
            visit = visits[page]
            title = visit.data["title"].split("\u2014")[0].split(" - ")[0]
            word = _search_word(title, visit.data["prose"])
            driver.get(f"{base}search.html?q={quote(word)}")
            WebDriverWait(driver, 30).until(lambda d: d.execute_script(
                "const s = document.querySelector('#search-results .search-summary');"
                "return s && /found|match/i.test(s.textContent) ? s.textContent : null;"))
            links = driver.execute_script(
                "return Array.from(document.querySelectorAll('#search-results ul.search a'))"
                ".map((a) => a.getAttribute('href'))")
            driver.get_log("browser")
            assert any(link.split("#")[0].split("?")[0] == page for link in links), (
                f"searching {word!r} (from the title {title!r}) did not list {page}: {links}")


def test_screenshots_saved(visits, book_build):
    for doc in bb.chapters(book_build.root):
        shot = SCREENSHOTS / f"{doc}.png"
        assert shot.exists() and shot.stat().st_size > 10_000, f"no screenshot {shot}"
