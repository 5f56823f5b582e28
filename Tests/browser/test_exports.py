#!/usr/bin/env python3
"""Exhibits checked in a real browser.

Exports every session in Sessions/ to HTML with the built bargain binary, validates each file
with html5lib in strict mode, then opens it in Debian's headless Chromium over the DevTools
protocol: it fails when the page is blank, a chart has no marks, the console reports an error,
a script runs, or the page fetches anything. Each page is also screenshotted (PNG, desktop and
phone widths) and printed to PDF. A hostile session (notes and inputs holding <script> and
markup) must come out as text. The Markdown export must write the document and its charts and
nothing else.

    python3 Tests/browser/test_exports.py --bargain .build/debug/bargain [--out DIR] [--docs docs/exhibits]

--docs writes one screenshot per shipped session there (the README shows one).
"""

import argparse
import glob
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree

import html5lib
from markdown_it import MarkdownIt
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []
quiet = [False]


def fail(where, message):
    failures.append("%s: %s" % (where, message))
    if not quiet[0]:
        print("FAIL %s: %s" % (where, message), flush=True)


def export(bargain, session, out, fmt="html"):
    result = subprocess.run([bargain, "export", session, "--to", fmt, "-o", out], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError("bargain export %s failed (%d): %s" % (session, result.returncode, result.stderr))
    return result.stderr


def validate(path):
    """Strict HTML5 parse, and nothing in the file that could run or fetch."""
    with open(path, "rb") as f:
        data = f.read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parse(data)
    except html5lib.html5parser.ParseError as error:
        fail(path, "html5lib (strict) rejects it: %s; errors: %s" % (error, parser.errors[:3]))
        return
    for element in tree.iter():
        tag = element.tag.split("}")[-1] if isinstance(element.tag, str) else ""
        if tag in ("script", "link", "img", "iframe", "object", "embed", "base", "image", "use", "foreignObject"):
            fail(path, "it holds a <%s> element" % tag)
        for name, value in element.attrib.items():
            local = name.split("}")[-1].lower()
            if local.startswith("on"):
                fail(path, "<%s> has an event handler attribute %s" % (tag, name))
            if local in ("src", "href", "srcset", "action", "formaction", "poster", "data") and not value.startswith("#"):
                fail(path, "<%s %s=%r> points outside the file" % (tag, name, value))
            if "url(" in value and "url(#" not in value:
                fail(path, "<%s> attribute %s loads %r" % (tag, name, value))
    for style in tree.iter("style"):
        if "url(" in (style.text or "") or "@import" in (style.text or ""):
            fail(path, "its stylesheet loads something")


PAGE_CHECK = r"""
(() => {
  const charts = [...document.querySelectorAll('svg.chart')].map(svg => {
    const box = svg.getBoundingClientRect();
    const marks = [...svg.querySelectorAll('.mark')].filter(m => {
      const b = m.getBBox(); return b.width > 0 || b.height > 0; }).length;
    return { title: (svg.querySelector('title') || {}).textContent || '',
             desc: (svg.querySelector('desc') || {}).textContent || '',
             width: box.width, height: box.height, marks: marks,
             labelled: svg.getAttribute('aria-labelledby') || '' };
  });
  const tables = [...document.querySelectorAll('table')].map(t => ({
    headers: t.querySelectorAll('thead th[scope=col]').length,
    rows: t.querySelectorAll('tbody tr').length }));
  return { text: document.body.innerText.length, charts: charts, tables: tables,
           scripts: document.querySelectorAll('script').length,
           images: document.querySelectorAll('img, image, iframe, object, embed').length,
           bodyText: document.body.innerText };
})()
"""


def check_page(browser, path, where, shots, expect_charts=None):
    url = "file://" + os.path.abspath(path)
    browser.events.clear()
    browser.call("Emulation.setDeviceMetricsOverride", width=1000, height=800, deviceScaleFactor=1, mobile=False)
    browser.call("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    page = browser.evaluate(PAGE_CHECK)
    # Events seen while loading: console errors, exceptions, dialogs, requests.
    for event in browser.events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
            fail(where, "console %s: %s" % (params["type"], [a.get("value") for a in params.get("args", [])]))
        elif method == "Runtime.exceptionThrown":
            fail(where, "exception: %s" % params.get("exceptionDetails", {}).get("text"))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
            fail(where, "console log %s: %s" % (params["entry"]["level"], params["entry"].get("text")))
        elif method == "Page.javascriptDialogOpening":
            fail(where, "a script opened a dialog: %s" % params.get("message"))
        elif method == "Network.requestWillBeSent" and params["request"]["url"] != url:
            fail(where, "fetched %s" % params["request"]["url"])
    if page["text"] < 200:
        fail(where, "the page is (nearly) blank: %d characters of text" % page["text"])
    if page["scripts"] or page["images"]:
        fail(where, "the page holds %d scripts and %d images or frames" % (page["scripts"], page["images"]))
    if expect_charts is not None and len(page["charts"]) != expect_charts:
        fail(where, "%d charts drawn, %d in the file" % (len(page["charts"]), expect_charts))
    for i, chart in enumerate(page["charts"]):
        name = "%s chart %d (%s)" % (where, i + 1, chart["title"])
        if chart["marks"] == 0:
            fail(name, "no marks drawn")
        if chart["width"] < 100 or chart["height"] < 50:
            fail(name, "drawn %dx%d px" % (chart["width"], chart["height"]))
        if not chart["title"] or not chart["desc"] or not chart["labelled"]:
            fail(name, "missing <title>, <desc> or aria-labelledby")
    for i, table in enumerate(page["tables"]):
        if table["headers"] == 0:
            fail("%s table %d" % (where, i + 1), "no column headers with scope")
    # Screenshots: the page must not be blank, at a desktop and a phone width, and a phone must
    # not need to scroll sideways (wide tables scroll inside their own box).
    desktop = os.path.join(shots, os.path.basename(path)[:-5] + ".png")
    browser.screenshot(desktop, 1000)
    image = Image.open(desktop).convert("L")
    histogram = image.histogram()
    inked = sum(histogram[:200]) / float(image.width * image.height)
    if inked < 0.005:
        fail(where, "the screenshot is blank (%.3f%% of pixels dark)" % (inked * 100))
    browser.call("Emulation.setDeviceMetricsOverride", width=390, height=800, deviceScaleFactor=1, mobile=True)
    overflow = browser.evaluate("document.documentElement.scrollWidth")
    if overflow > 392:
        fail(where, "on a 390 px phone the page is %d px wide" % overflow)
    browser.screenshot(os.path.join(shots, os.path.basename(path)[:-5] + "-phone.png"), 390)
    pdf = os.path.join(shots, os.path.basename(path)[:-5] + ".pdf")
    browser.pdf(pdf)
    with open(pdf, "rb") as f:
        data = f.read()
    if not data.startswith(b"%PDF") or data.count(b"/Type /Page") + data.count(b"/Type/Page") < 1:
        fail(where, "printing to PDF gave no pages")
    return page, desktop


HOSTILE = """bargain session 1
model: care-capacity.bargain
scenarios: none
seed: 0
saved: 2026-12-01T00:00:00Z

<script>alert("note")</script> and <img src="http://127.0.0.1:9/x.png" onerror="alert(2)"> & <b>bold</b>

  [1]> return_wait
  return_wait = 99 bd
  [2]> <style>body{background:url(http://127.0.0.1:9/y)}</style>
  <iframe src="http://127.0.0.1:9/"></iframe>
  [3]> scenario x_<b> from baseline { layoffs = 1 staff }
  ]]></svg><script>alert(3)</script>

bargain session end
"""


def hostile(bargain, browser, work, shots):
    session = os.path.join(work, "hostile.session")
    with open(session, "w") as f:
        f.write(HOSTILE)
    out = os.path.join(work, "hostile.html")
    export(bargain, session, out)
    validate(out)
    page, _ = check_page(browser, out, "hostile session", shots)
    text = page["bodyText"]
    for literal in ['<script>alert("note")</script>', '<img src="http://127.0.0.1:9/x.png" onerror="alert(2)">',
                    "<b>bold</b>", "<style>body{background:url(http://127.0.0.1:9/y)}</style>"]:
        if literal not in text:
            fail("hostile session", "the text %r is not shown as written" % literal)
    if "Differs from the saved session" not in text or "99 bd" not in text:
        fail("hostile session", "the drifted cell [1] (recorded 99 bd) is not marked with what was recorded")


BAD_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title></head><body>
<svg class="chart" viewBox="0 0 10 10" width="300" height="200" aria-labelledby="a"><title id="a">t</title><desc>d</desc></svg>
<script>console.error("boom"); fetch("http://127.0.0.1:9/x");</script>
</body></html>
"""


def self_check(browser, work):
    """The checks must catch a bad page: blank, a chart with no marks, a console error, a fetch, a script."""
    path = os.path.join(work, "bad.html")
    with open(path, "w") as f:
        f.write(BAD_PAGE)
    before = len(failures)
    quiet[0] = True
    validate(path)
    check_page(browser, path, "bad page", work, expect_charts=1)
    quiet[0] = False
    caught = failures[before:]
    del failures[before:]
    for needle in ("blank", "no marks drawn", "console error", "fetched http://127.0.0.1:9/x", "holds a <script>"):
        if not any(needle in line for line in caught):
            fail("self-check", "a page with %r was not caught (%s)" % (needle, caught))
    print("ok self-check: a bad page fails %d checks" % len(caught), flush=True)


def markdown(bargain, browser, work):
    """The Markdown export writes the document and its charts and nothing else; rendered as
    GitHub would (markdown-it with tables, raw HTML let through so that any would show), its
    charts load and have marks, and a hostile session's markup stays text."""
    folder = os.path.join(work, "md")
    os.makedirs(folder)
    export(bargain, os.path.join(ROOT, "Sessions", "what-ifs.session"), os.path.join(folder, "report.md"), "md")
    files = sorted(os.listdir(folder))
    charts = [f for f in files if f.endswith(".svg")]
    if "report.md" not in files or not charts or any(not (f == "report.md" or f.startswith("report-chart-")) for f in files):
        fail("markdown", "wrote %s" % files)
    with open(os.path.join(folder, "report.md")) as f:
        text = f.read()
    for chart in charts:
        if "](%s)" % chart not in text:
            fail("markdown", "%s is not linked" % chart)
        xml.etree.ElementTree.parse(os.path.join(folder, chart))  # well-formed XML on its own
    if "| ---" not in text:
        fail("markdown", "no table")
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")
    page = os.path.join(folder, "report.html")
    with open(page, "w") as f:
        f.write('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>md</title></head><body>'
                + renderer.render(text) + "</body></html>")
    if "<table>" not in renderer.render(text):
        fail("markdown", "markdown-it finds no table in it")
    url = "file://" + os.path.abspath(page)
    browser.events.clear()
    browser.call("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    images = browser.evaluate("[...document.images].map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])")
    if len(images) != len(charts) or not all(ok for _, ok in images):
        fail("markdown", "rendered, its charts do not all load: %s" % images)
    print("ok markdown: %d charts beside it, each loads when rendered" % len(images), flush=True)
    for event in browser.events:
        if event["method"] == "Network.requestWillBeSent":
            requested = event["params"]["request"]["url"]
            if requested != url and not (requested.startswith("file://" + os.path.abspath(folder) + "/report-chart-") and requested.endswith(".svg")):
                fail("markdown", "rendered, it fetched %s" % requested)
    # A hostile session's notes and inputs, rendered: no element but what Markdown makes.
    export(bargain, os.path.join(work, "hostile.session"), os.path.join(work, "hostile.md"), "md")
    with open(os.path.join(work, "hostile.md")) as f:
        rendered = renderer.render(f.read())
    for tag in ("<script", "<img", "<iframe", "<style", "<b>"):
        if tag in rendered:
            fail("markdown", "a hostile session's %s comes through as markup" % tag)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bargain", required=True)
    parser.add_argument("--out", default=os.path.join(ROOT, ".build", "browser"))
    parser.add_argument("--docs", help="write one screenshot per shipped session here")
    args = parser.parse_args()
    bargain = os.path.abspath(args.bargain)
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="bargain-exports-")
    browser = Browser()
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(domain + ".enable")
        sessions = sorted(glob.glob(os.path.join(ROOT, "Sessions", "*.session")))
        if not sessions:
            fail("Sessions", "no sessions to export")
        for session in sessions:
            name = os.path.basename(session)[:-len(".session")]
            out = os.path.join(args.out, name + ".html")
            export(bargain, session, out)
            validate(out)
            with open(out) as f:
                expected = f.read().count("<svg ")
            page, shot = check_page(browser, out, name, args.out, expect_charts=expected)
            print("ok %s: %d charts, %d tables, %s" % (name, len(page["charts"]), len(page["tables"]), shot), flush=True)
            if args.docs:
                os.makedirs(args.docs, exist_ok=True)
                image = Image.open(shot)
                top = image.convert("RGB").crop((0, 0, image.width, min(image.height, 2400)))
                top.quantize(colors=64).save(os.path.join(args.docs, name + ".png"), optimize=True)
        self_check(browser, work)
        hostile(bargain, browser, work, args.out)
        markdown(bargain, browser, work)
    finally:
        browser.close()
    if failures:
        print("%d browser checks failed" % len(failures))
        sys.exit(1)
    print("browser: every export renders, offline, with marks in every chart")


if __name__ == "__main__":
    main()
